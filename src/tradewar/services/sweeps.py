"""The sweep service: a scenario, Monte Carlo draws of its parameters, solved in parallel.

``tradewar sweep`` calls :meth:`SweepService.run`: it builds the scenario's tariffs from the
ledger (:class:`~tradewar.services.scenarios.ScenarioService`), samples the draws
(:mod:`tradewar.sweeps.spec`), solves them on an engine (:mod:`tradewar.sweeps.engines`),
and writes the rows to Parquet with a manifest, both beside each other and inside the file.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

import tradewar
from tradewar.codes.countries import require_iso3
from tradewar.config import Settings
from tradewar.datasets import GE_FILES, ge_folder
from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.exports import creation_time
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium
from tradewar.model.solve import solve
from tradewar.scenarios.from_ledger import RateBuild
from tradewar.scenarios.spec import Scenario
from tradewar.services.container import Services
from tradewar.services.scenarios import UNITS, ScenarioRef, ScenarioService
from tradewar.sweeps.bands import (
    BAND_KEYS,
    DEFAULT_QUANTILES,
    MANIFEST_KEY,
    bands_from_files,
    quantile_bands,
    read_sweep,
    with_bands,
)
from tradewar.sweeps.engines import EngineName, Runner, chunk_draws, make_engine
from tradewar.sweeps.spec import (
    Draw,
    SweepSpec,
    Variation,
    checked_variations,
    new_root_seed,
    parse_variations,
)
from tradewar.sweeps.worker import (
    STATUS_FAILED,
    SweepContext,
    build_context,
    solve_chunk,
)

#: Manifest format version (bump when its keys change meaning).
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class SweepRequest:
    """What to sweep.

    Attributes
    ----------
    scenario : Scenario or str
        The scenario, or a bundled scenario's name.
    vary : tuple of Variation
        What to vary and how: :func:`tradewar.sweeps.spec.parse_vary` reads
        ``epsilon=2:8`` or ``kappa=normal(0.5,0.2)`` into one.
    draws : int
        Number of draws.
    seed : int, optional
        Root seed; a fresh one (recorded) when None.
    engine : EngineName
        ``local`` (process pool) or ``dask``.
    workers : int
        Worker processes (local) or LocalCluster workers (dask).
    scheduler : str, optional
        Dask scheduler address (``tcp://host:8786``) for a real cluster.
    countries : tuple of str, or "all"
        Countries (ISO3 codes) reported besides the groups; ``"all"`` for every one.
    chunk_size : int, optional
        Draws per task; by default about four tasks per worker, at most 50 draws each.
    """

    scenario: ScenarioRef
    vary: tuple[Variation, ...]
    draws: int = 100
    seed: int | None = None
    engine: EngineName = "local"
    workers: int = 1
    scheduler: str | None = None
    countries: tuple[str, ...] | Literal["all"] = ()
    chunk_size: int | None = None


@dataclass(frozen=True)
class SweepPlan:
    """A sweep ready to run: the scenario, its tariffs, the draws and the shared context."""

    scenario: Scenario
    build: RateBuild
    spec: SweepSpec
    context: SweepContext
    draws: tuple[Draw, ...]


@dataclass(frozen=True)
class SweepOutcome:
    """A finished sweep: its rows, manifest, where they were written, how long it took."""

    rows: pd.DataFrame
    manifest: dict[str, Any]
    parquet: Path | None
    manifest_path: Path | None
    seconds: float

    @property
    def failed_draws(self) -> int:
        """Draws whose solve failed (recorded as rows with ``status = "failed"``)."""
        return int(self.rows.loc[self.rows["status"] == STATUS_FAILED, "draw"].nunique())


def manifest_path_for(parquet: Path) -> Path:
    """Where the manifest of ``results.parquet`` goes: ``results.MANIFEST.json`` beside it."""
    return parquet.with_name(f"{parquet.stem}.MANIFEST.json")


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _solver_start(equilibrium: Equilibrium) -> np.ndarray[Any, np.dtype[np.float64]]:
    """The Newton unknowns of a solution: ``(log ŵ, log L̂)`` (baseline), all hats (IO)."""
    hats = equilibrium.log_hats
    if equilibrium.world.is_input_output:
        return hats
    n = equilibrium.world.size
    return np.concatenate([hats[:n], hats[2 * n : 3 * n]])


class SweepService:
    """Plan, run, write and summarise scenario sweeps."""

    def __init__(self, settings: Settings, scenarios: ScenarioService | None = None) -> None:
        """``scenarios``: the process's scenario service (its ledger and loaded world), else
        one built as :class:`~tradewar.services.container.Services` builds it."""
        self.settings = settings
        self.scenarios = scenarios if scenarios is not None else Services(settings).scenarios

    # ------------------------------------------------------------------ plan
    def _reported_countries(self, countries: Sequence[str] | Literal["all"]) -> tuple[str, ...]:
        if countries == "all":
            return self.scenarios.model.world.countries
        return tuple(dict.fromkeys(require_iso3(code, "countries") for code in countries))

    def plan(self, request: SweepRequest) -> SweepPlan:
        """Everything a sweep needs before it runs (tariffs, draws, central solution)."""
        if not request.vary:
            raise InvalidInput("nothing to vary; expected at least one parameter and its"
                               " distribution, e.g. epsilon=2:8.", field="vary")  # fmt: skip
        spec = SweepSpec(checked_variations(request.vary), request.draws, self._seed(request))
        scenario = self.scenarios.resolve(request.scenario, field="scenario")
        return self._plan(scenario, spec, self._reported_countries(request.countries))

    @staticmethod
    def _seed(request: SweepRequest) -> int:
        return new_root_seed() if request.seed is None else request.seed

    def _plan(self, scenario: Scenario, spec: SweepSpec, countries: tuple[str, ...]) -> SweepPlan:
        build = self.scenarios.build(scenario)
        world = self.scenarios.model.world
        context = build_context(
            scenario.name, world, build.tariffs, scenario.revenue, spec.variations, countries
        )
        try:
            central = solve(world, Policy(build.countries, build.tariffs, scenario.revenue))
            context = replace(context, initial_guess=_solver_start(central))
        except ConvergenceError:
            pass  # every draw then starts from zero hats
        return SweepPlan(scenario, build, spec, context, tuple(spec.sample()))

    # ------------------------------------------------------------------ run
    def run(
        self,
        request: SweepRequest,
        out: Path | None = None,
        progress: Callable[[int], None] | None = None,
        engine: Runner | None = None,
    ) -> SweepOutcome:
        """Plan, solve every draw on the engine, and write ``out`` (Parquet) + manifest.

        Parameters
        ----------
        request : SweepRequest
            The sweep.
        out : Path, optional
            Parquet file to write; its manifest goes to ``<stem>.MANIFEST.json`` beside it.
        progress : callable, optional
            Called with the number of draws each finished chunk solved.
        engine : Runner, optional
            Overrides ``request.engine`` / ``workers`` / ``scheduler``.
        """
        runner = engine or make_engine(request.engine, request.workers, request.scheduler)
        if out is not None and out.suffix != ".parquet":
            raise InvalidInput(f"{out}: expected a file name ending in .parquet.", field="out")
        plan = self.plan(request)
        started = time.perf_counter()
        rows = run_plan(plan, runner, request.chunk_size, progress)
        seconds = time.perf_counter() - started
        manifest = self.manifest(plan, runner, rows, seconds)
        if out is None:
            return SweepOutcome(rows, manifest, None, None, seconds)
        manifest_path = write_sweep(rows, manifest, out)
        return SweepOutcome(
            rows, json.loads(manifest_path.read_text()), out, manifest_path, seconds
        )

    # ------------------------------------------------------------------ provenance
    def _input_files(self) -> list[dict[str, Any]]:
        folder = ge_folder(self.settings.data_dir)
        files = []
        for spec in GE_FILES:
            path = folder / spec.name
            if path.is_file():
                files.append(
                    {
                        "file": f"ge/{spec.name}",
                        "description": spec.description,
                        "units": spec.units,
                        "bytes": path.stat().st_size,
                        "sha256": sha256_of(path),
                    }
                )
        return files

    def manifest(
        self, plan: SweepPlan, runner: Runner, rows: pd.DataFrame, seconds: float
    ) -> dict[str, Any]:
        """Inputs (hashed), scenario YAML, distributions, seeds, engine, version, timing."""
        context, world = plan.context, plan.context.world
        failed = int(rows.loc[rows["status"] == STATUS_FAILED, "draw"].nunique())
        yaml_text = plan.scenario.to_yaml()
        return {
            "format": MANIFEST_FORMAT,
            "kind": "tradewar sweep",
            "tradewar_version": tradewar.__version__,
            "created_at": creation_time().isoformat(timespec="seconds"),
            "scenario": {
                "name": plan.scenario.name,
                "title": plan.scenario.title,
                "yaml": yaml_text,
                "yaml_sha256": hashlib.sha256(yaml_text.encode()).hexdigest(),
                "revenue": plan.scenario.revenue.value,
                "ledger_measures": list(plan.build.measure_ids),
                "tariffs_sha256": hashlib.sha256(plan.build.tariffs.tobytes()).hexdigest(),
            },
            "inputs": {"data_dir": str(self.settings.data_dir), "files": self._input_files()},
            "model": {
                "world": world.label,
                "countries": world.size,
                "central_parameters": context.central,
                "group_weighting": "expenditure",
                "reported_countries": list(context.reported_countries),
                "solver": {
                    "tolerance": context.solver.tolerance,
                    "max_iterations": context.solver.max_iterations,
                    "start": "central solution, then zero hats if that fails",
                },
            },
            "sweep": {**plan.spec.to_dict(), "seeds": [draw.seed for draw in plan.draws]},
            "engine": runner.describe(),
            "results": {
                "rows": len(rows),
                "draws": plan.spec.draws,
                "failed_draws": failed,
                "columns": list(rows.columns),
                "units": UNITS,
                "seconds": round(seconds, 3),
                "draws_per_second": round(plan.spec.draws / seconds, 2) if seconds else None,
            },
        }

    # ------------------------------------------------------------------ replay and summary
    def replay(self, manifest: dict[str, Any], draws: Sequence[int]) -> pd.DataFrame:
        """Re-solve chosen draws of a recorded sweep in this process, from its manifest alone.

        The scenario comes from the recorded YAML, the values from the recorded seeds.
        """
        sweep = manifest["sweep"]
        options = [variation["option"] for variation in sweep["variations"]]
        spec = SweepSpec(parse_variations(options), sweep["draws"], sweep["root_seed"])
        scenario = Scenario.from_yaml(manifest["scenario"]["yaml"], origin="manifest")
        countries = tuple(manifest["model"]["reported_countries"])
        plan = self._plan(scenario, spec, countries)
        chosen = [plan.draws[index] for index in draws]
        return solve_chunk(plan.context, chosen)

    def summary(
        self, paths: Sequence[Path], quantiles: Sequence[float] = DEFAULT_QUANTILES
    ) -> pd.DataFrame:
        """Quantile bands of sweep files (see :func:`tradewar.sweeps.bands.quantile_bands`)."""
        return bands_from_files(paths, quantiles)

    def compare(
        self, paths: Sequence[Path], quantiles: Sequence[float] = DEFAULT_QUANTILES
    ) -> BandedComparison:
        """Each sweep's bands beside its scenario solved once at the central parameters.

        The scenario is rebuilt from the YAML recorded in the sweep's manifest and solved on
        today's ledger and data, as ``tradewar scenario compare`` would; a note says so when
        its tariff matrix or central parameters are no longer those the sweep drew around.

        Returns
        -------
        BandedComparison
            ``table``: ``scenario, iso3, is_group, variable, value, unit`` (``value`` the
            central solution, in ``unit``) then the band columns of
            :func:`~tradewar.sweeps.bands.quantile_bands`, one row per row of the bands;
            ``notes``: the differences found, empty when none.

        Raises
        ------
        tradewar.errors.InvalidInput
            If no file is named, or a file has no manifest (so no scenario to solve).
        """
        if not paths:
            raise InvalidInput("none given; expected at least one sweep .parquet file.",
                               field="paths")  # fmt: skip
        sweeps = []
        for path in paths:
            rows, manifest = read_sweep(Path(path))
            if manifest is None:
                raise InvalidInput(
                    f"{path}: has no tradewar.manifest metadata, so its scenario is unknown;"
                    " expected a file written by 'tradewar sweep run --out'.",
                    field="paths",
                )
            sweeps.append((Path(path).name, rows, manifest))
        return self._compare(sweeps, quantiles)

    def compare_outcomes(
        self, outcomes: Sequence[SweepOutcome], quantiles: Sequence[float] = DEFAULT_QUANTILES
    ) -> BandedComparison:
        """:meth:`compare` for sweeps just run (their rows and manifests in memory)."""
        sweeps = [(o.manifest["scenario"]["name"], o.rows, o.manifest) for o in outcomes]
        return self._compare(sweeps, quantiles)

    def _compare(
        self,
        sweeps: Sequence[tuple[str, pd.DataFrame, dict[str, Any]]],
        quantiles: Sequence[float],
    ) -> BandedComparison:
        """Bands beside central runs of ``(label, rows, manifest)`` sweeps."""
        tables, notes = [], []
        for label, rows, manifest in sweeps:
            central, found = self._central_run(label, manifest)
            bands = quantile_bands(rows, quantiles)
            keys = bands.set_index(list(BAND_KEYS)).index
            central = central[central.set_index(list(BAND_KEYS)).index.isin(keys)]
            tables.append(with_bands(central, bands))
            notes.extend(found)
        return BandedComparison(pd.concat(tables, ignore_index=True), tuple(notes))

    def _central_run(self, label: str, manifest: dict[str, Any]) -> tuple[pd.DataFrame, list[str]]:
        """The recorded scenario solved now (tidy rows), and how it differs from the sweep's
        (``label`` names the sweep in the notes: its file name)."""
        recorded = manifest["scenario"]
        scenario = Scenario.from_yaml(recorded["yaml"], origin=f"{label} (manifest)")
        run = self.scenarios.run(scenario)
        notes = []
        tariffs = hashlib.sha256(run.build.tariffs.tobytes()).hexdigest()
        if tariffs != recorded["tariffs_sha256"]:
            notes.append(
                f"{label}: the ledger now gives {scenario.name} a different tariff matrix"
                " than the sweep drew around (a measure was added or corrected since)."
            )
        context = build_context(
            scenario.name, self.scenarios.model.world, run.build.tariffs, scenario.revenue, ()
        )
        drawn_around = manifest["model"]["central_parameters"]
        changed = [
            name
            for name, value in context.central.items()
            if name in drawn_around and not np.isclose(drawn_around[name], value)
        ]
        if changed:
            notes.append(
                f"{label}: central {', '.join(changed)} differ from the sweep's"
                f" ({', '.join(f'{n}={drawn_around[n]:g}' for n in changed)})."
            )
        return run.tidy(), notes


@dataclass(frozen=True)
class BandedComparison:
    """Central scenario results with their sweep bands, and notes on what changed since."""

    table: pd.DataFrame
    notes: tuple[str, ...]


def run_plan(
    plan: SweepPlan,
    runner: Runner,
    chunk_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Solve a plan's draws on ``runner``; rows in draw order whatever order chunks finish."""
    chunks = chunk_draws(plan.draws, runner.workers, chunk_size)
    frames: dict[int, pd.DataFrame] = {}
    for position, frame in runner.run(plan.context, chunks):
        frames[position] = frame
        if progress is not None:
            progress(len(chunks[position]))
    return pd.concat([frames[k] for k in range(len(chunks))], ignore_index=True)


def write_sweep(rows: pd.DataFrame, manifest: dict[str, Any], out: Path) -> Path:
    """Write rows to Parquet (manifest in its metadata) and the manifest beside it.

    The sidecar manifest also records the Parquet file's SHA-256.  Returns its path.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(rows, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[MANIFEST_KEY] = json.dumps(manifest, ensure_ascii=False).encode()
    pq.write_table(table.replace_schema_metadata(metadata), out, compression="zstd")
    results = {**manifest["results"], "file": out.name, "sha256": sha256_of(out)}
    sidecar = manifest_path_for(out)
    sidecar.write_text(
        json.dumps({**manifest, "results": results}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return sidecar
