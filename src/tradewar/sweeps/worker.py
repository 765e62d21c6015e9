"""The pure function every sweep engine runs: solve a chunk of draws, return tidy rows.

:func:`solve_chunk` takes the calibrated inputs (a :class:`SweepContext`, sent to each worker
once) and a chunk of :class:`~tradewar.sweeps.spec.Draw`; for each draw it re-calibrates
what the drawn parameters change, builds the draw's tariffs, solves, and returns one row per
(group or country, variable).  It is importable (top level), reads no files and no
environment, and prints nothing, so the process pool and Dask run exactly the same code.

What a parameter changes (ge-model §2–§3, ``docs/specs/ge-model.md``):

* ν, E, Y, T and λ come from the data alone: no drawn parameter changes them;
* φ_i = ϖ + (1+ψ)·ν_i/(1−ν_i) is rebuilt when ψ or the firm pass-through ϖ is drawn;
* ε is used only in the equilibrium system: drawing it keeps ψ and φ (as the paper's ε = 8
  run does, spec quirk 8); draw ``psi`` as well to vary both;
* κ enters the labour-supply equation and the welfare weights only.

A solve that fails (:class:`~tradewar.errors.ConvergenceError`, a singular Jacobian) gives
one row with ``status = "failed"`` and the error message; it is never dropped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import scipy.linalg
from numpy.typing import NDArray
from threadpoolctl import threadpool_info, threadpool_limits  # type: ignore[import-untyped]

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.calibration import World
from tradewar.model.parameters import BASELINE_FIRM_PASSTHROUGH, Elasticities
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.model.results import (
    OUTCOME_COLUMNS,
    Equilibrium,
    Weighting,
    group_members,
    weighted_average,
    weights_for,
)
from tradewar.model.solve import SolverOptions, solve
from tradewar.sweeps.spec import Draw, Variation
from tradewar.types import BoolArray, FloatArray

#: Scalar parameters recorded with every draw, in column order.
SCALAR_PARAMETERS: tuple[str, ...] = ("epsilon", "psi", "kappa", "passthrough", "tariff_scale")
#: Status of a draw whose solve converged / failed.
STATUS_OK = "ok"
STATUS_FAILED = "failed"
#: Environment variables that cap native thread pools (set in each local worker).
THREAD_VARIABLES: tuple[str, ...] = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


@dataclass(frozen=True)
class SweepContext:
    """What every draw of a sweep shares; sent to each worker once.

    Attributes
    ----------
    scenario : str
        Scenario name, repeated in every row.
    world : World
        Calibrated factual world (zero tariffs) of the central parameters.
    tariffs : ndarray, shape (N, N)
        The scenario's tariffs ``[exporter, importer]``, decimal.
    revenue : RevenueTreatment
        What governments do with tariff revenue.
    pairs : tuple of str
        Varied bilateral tariffs, ``IMP<-EXP``, in column order.
    pair_positions : tuple of (int, int)
        ``(exporter, importer)`` matrix positions of ``pairs``.
    reported_countries : tuple of str
        ISO3 codes whose rows are kept besides the groups (USA, CHN, EU, RoW, non-US, world).
    firm_passthrough : float
        ϖ the world's φ was built with (1 in the baseline).
    initial_guess : ndarray, optional
        Log hats every solve starts from (the central solution); zeros if absent.  Every
        draw starts from the same point, so results do not depend on chunking.
    solver : SolverOptions
        Newton settings; BLAS is pinned per chunk, so per-solve pinning is off.
    """

    scenario: str
    world: World
    tariffs: FloatArray
    revenue: RevenueTreatment
    pairs: tuple[str, ...] = ()
    pair_positions: tuple[tuple[int, int], ...] = ()
    reported_countries: tuple[str, ...] = ()
    firm_passthrough: float = BASELINE_FIRM_PASSTHROUGH
    initial_guess: FloatArray | None = None
    solver: SolverOptions = field(default_factory=lambda: SolverOptions(single_threaded_blas=False))

    @property
    def central(self) -> dict[str, float]:
        """The undrawn parameters: ε, ψ, κ, ϖ of the world, tariff scale 1, scenario pairs."""
        elasticities = self.world.elasticities
        pairs = {
            name: float(self.tariffs[position])
            for name, position in zip(self.pairs, self.pair_positions, strict=True)
        }
        return {
            "epsilon": elasticities.trade,
            "psi": elasticities.scale,
            "kappa": elasticities.labour_supply,
            "passthrough": self.firm_passthrough,
            "tariff_scale": 1.0,
        } | pairs

    @property
    def parameter_columns(self) -> tuple[str, ...]:
        """Parameter columns of every row: the scalars, then the varied pairs."""
        return SCALAR_PARAMETERS + self.pairs


def build_context(
    scenario: str,
    world: World,
    tariffs: FloatArray,
    revenue: RevenueTreatment,
    variations: Sequence[Variation],
    reported_countries: Sequence[str] = (),
    firm_passthrough: float = BASELINE_FIRM_PASSTHROUGH,
) -> SweepContext:
    """A :class:`SweepContext` with pair positions checked against the world.

    Raises
    ------
    tradewar.errors.InvalidInput
        If a varied pair or a reported country is not in the world.
    """
    pairs = tuple(v.name for v in variations if v.is_pair)
    positions = []
    for variation in (v for v in variations if v.is_pair):
        importer, exporter = variation.pair
        missing = [code for code in (importer, exporter) if code not in world.countries]
        if missing:
            raise InvalidInput(
                f"{variation.option!r}: {', '.join(missing)} is not one of the model's"
                f" {world.size} countries.",
                field="vary",
            )
        positions.append((world.index(exporter), world.index(importer)))
    unknown = [code for code in reported_countries if code not in world.countries]
    if unknown:
        raise InvalidInput(
            f"{', '.join(unknown)} not among the model's {world.size} countries.",
            field="countries",
        )
    return SweepContext(
        scenario=scenario,
        world=world,
        tariffs=np.asarray(tariffs, dtype=np.float64),
        revenue=revenue,
        pairs=pairs,
        pair_positions=tuple(positions),
        reported_countries=tuple(reported_countries),
        firm_passthrough=firm_passthrough,
    )


def passthrough(nu: FloatArray, firm_passthrough: float, scale_elasticity: float) -> FloatArray:
    """Variety-adjusted pass-through ``φ_i = ϖ + (1+ψ)·ν_i/(1−ν_i)`` (ge-model §3), dimensionless.

    With ψ = 0.67/4 this is :func:`tradewar.model.calibration.passthrough_from_nu`.
    """
    result: FloatArray = firm_passthrough + (1.0 + scale_elasticity) * nu / (1.0 - nu)
    return result


def draw_parameters(context: SweepContext, draw: Draw) -> dict[str, float]:
    """Every parameter of a draw: the central values, replaced by the drawn ones."""
    return {**context.central, **draw.values}


def draw_world(context: SweepContext, parameters: Mapping[str, float]) -> World:
    """The world of a draw: elasticities replaced, φ rebuilt when ψ or ϖ changed."""
    world, central = context.world, context.central
    phi = world.phi
    if parameters["psi"] != central["psi"] or parameters["passthrough"] != central["passthrough"]:
        phi = passthrough(world.nu, parameters["passthrough"], parameters["psi"])
    elasticities = Elasticities(
        trade=parameters["epsilon"],
        scale=parameters["psi"],
        labour_supply=parameters["kappa"],
    )
    return replace(world, elasticities=elasticities, phi=phi, label=f"{world.label}, sweep draw")


def draw_policy(context: SweepContext, parameters: Mapping[str, float]) -> Policy:
    """The tariffs of a draw: the scenario's times ``tariff_scale``, then drawn pair rates."""
    tariffs = context.tariffs * parameters["tariff_scale"]
    for name, (exporter, importer) in zip(context.pairs, context.pair_positions, strict=True):
        tariffs[exporter, importer] = parameters[name]
    return Policy(context.world.countries, tariffs, context.revenue)


def solve_draw(context: SweepContext, draw: Draw) -> Equilibrium:
    """Solve one draw (from the central solution; from zero hats if that fails).

    Raises
    ------
    tradewar.errors.ConvergenceError
        If neither start converges.
    """
    parameters = draw_parameters(context, draw)
    world, policy = draw_world(context, parameters), draw_policy(context, parameters)
    if context.initial_guess is None:
        return solve(world, policy, context.solver)
    try:
        return solve(world, policy, context.solver, initial_guess=context.initial_guess)
    except ConvergenceError:
        return solve(world, policy, context.solver)


@dataclass
class _Columns:
    """Column buffers of a chunk's rows."""

    parameter_columns: tuple[str, ...]
    data: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = ("draw", "seed", "status", *self.parameter_columns)
        names += ("iso3", "is_group", "variable", "value", "iterations", "error")
        self.data = {name: [] for name in names}

    def add(self, draw: Draw, parameters: Mapping[str, float], rows: Mapping[str, Any]) -> None:
        count = len(rows["value"])
        self.data["draw"].append(np.full(count, draw.index, dtype=np.int64))
        self.data["seed"].append(np.full(count, draw.seed, dtype=np.int64))
        for name in self.parameter_columns:
            self.data[name].append(np.full(count, parameters[name], dtype=np.float64))
        for name, values in rows.items():
            self.data[name].append(values)

    def frame(self) -> pd.DataFrame:
        columns: dict[str, Any] = {
            name: np.concatenate(parts) if parts else [] for name, parts in self.data.items()
        }
        frame = pd.DataFrame(columns)
        return frame.astype({"draw": "int64", "seed": "int64", "is_group": "bool"})


@dataclass(frozen=True)
class _Reporting:
    """Row labels and how to compute them, fixed for a context."""

    labels: tuple[str, ...]
    is_group: BoolArray
    groups: dict[str, NDArray[np.intp]]
    weights: FloatArray
    country_positions: NDArray[np.intp]


def _reporting(context: SweepContext) -> _Reporting:
    world = context.world
    groups = group_members(world.countries)
    labels = tuple(groups) + context.reported_countries
    return _Reporting(
        labels=labels,
        is_group=np.array([True] * len(groups) + [False] * len(context.reported_countries)),
        groups=groups,
        weights=weights_for(world, Weighting.expenditure),
        country_positions=np.array(
            [world.index(code) for code in context.reported_countries], dtype=np.intp
        ),
    )


def _outcome_matrix(equilibrium: Equilibrium, reporting: _Reporting) -> FloatArray:
    """Values ``[label, variable]``: group averages (expenditure-weighted), then countries."""
    values = np.empty((len(reporting.labels), len(OUTCOME_COLUMNS)))
    for column, variable in enumerate(OUTCOME_COLUMNS):
        outcome = equilibrium.outcome(variable)
        for row, members in enumerate(reporting.groups.values()):
            values[row, column] = weighted_average(outcome, reporting.weights, members)
        values[len(reporting.groups) :, column] = outcome[reporting.country_positions]
    return values


def _converged_rows(equilibrium: Equilibrium, reporting: _Reporting) -> dict[str, Any]:
    labels, variables = len(reporting.labels), len(OUTCOME_COLUMNS)
    count = labels * variables
    return {
        "status": np.full(count, STATUS_OK, dtype=object),
        "iso3": np.repeat(np.array(reporting.labels, dtype=object), variables),
        "is_group": np.repeat(reporting.is_group, variables),
        "variable": np.tile(np.array(OUTCOME_COLUMNS, dtype=object), labels),
        "value": _outcome_matrix(equilibrium, reporting).ravel(),
        "iterations": np.full(count, equilibrium.iterations, dtype=np.int64),
        "error": np.full(count, None, dtype=object),
    }


def _failed_row(error: Exception) -> dict[str, Any]:
    return {
        "status": np.array([STATUS_FAILED], dtype=object),
        "iso3": np.array([None], dtype=object),
        "is_group": np.array([False]),
        "variable": np.array([None], dtype=object),
        "value": np.array([np.nan]),
        "iterations": np.array([-1], dtype=np.int64),
        "error": np.array([f"{type(error).__name__}: {error}"], dtype=object),
    }


def solve_chunk(context: SweepContext, draws: Sequence[Draw]) -> pd.DataFrame:
    """Solve a chunk of draws with BLAS pinned to one thread; one tidy frame.

    Parameters
    ----------
    context : SweepContext
        The shared inputs.
    draws : sequence of Draw
        The chunk.

    Returns
    -------
    pandas.DataFrame
        Columns ``draw, seed, status, epsilon, psi, kappa, passthrough, tariff_scale,
        [IMP<-EXP ...], iso3, is_group, variable, value, iterations, error``; ``value`` in
        the variable's unit (percent change; ``revenue_share`` a fraction of expenditure).
        A failed draw is one row with ``status = "failed"``, ``value`` NaN and ``error``.
    """
    reporting = _reporting(context)
    columns = _Columns(context.parameter_columns)
    with threadpool_limits(limits=1, user_api="blas"):
        for draw in draws:
            parameters = draw_parameters(context, draw)
            try:
                rows = _converged_rows(solve_draw(context, draw), reporting)
            except (ConvergenceError, scipy.linalg.LinAlgError) as err:
                rows = _failed_row(err)
            columns.add(draw, parameters, rows)
    frame = columns.frame()
    frame.insert(0, "scenario", context.scenario)
    return frame


# ---------------------------------------------------------------------------- process workers
_worker_context: SweepContext | None = None
#: The process-wide BLAS limit of a local worker, kept alive for the life of the process.
_worker_limits: Any = None


def initialize_worker(context: SweepContext) -> None:
    """Process-pool initializer: cap native threads at one and keep the context.

    Sets the ``*_NUM_THREADS`` variables (for anything loaded later) and limits the BLAS
    libraries already loaded to one thread for the life of the process.
    """
    global _worker_context, _worker_limits
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    _worker_limits = threadpool_limits(limits=1)
    _worker_context = context


def solve_chunk_in_worker(draws: Sequence[Draw]) -> pd.DataFrame:
    """:func:`solve_chunk` with the context :func:`initialize_worker` stored."""
    if _worker_context is None:
        raise RuntimeError("initialize_worker(context) must run in this process first.")
    return solve_chunk(_worker_context, draws)


def blas_threads() -> int:
    """The largest thread count of any BLAS library loaded in this process."""
    counts = [int(info["num_threads"]) for info in threadpool_info() if info["user_api"] == "blas"]
    return max(counts, default=1)
