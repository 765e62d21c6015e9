"""The scenario service: bundled and user scenarios, built from the ledger and solved.

Joins the ledger (:class:`~tradewar.services.ledger.LedgerService`) and the model
(:class:`~tradewar.services.model.ModelService`): a scenario becomes a tariff matrix
(:func:`tradewar.scenarios.from_ledger.build_rates`), the matrix a
:class:`~tradewar.model.policy.Policy`, the policy an equilibrium, and the equilibrium a
tidy table ``(scenario, iso3, is_group, variable, value, unit)``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from tradewar.codes.countries import require_iso3
from tradewar.config import Settings
from tradewar.errors import InvalidInput, UnknownCode
from tradewar.ledger.index import MeasureIndex
from tradewar.ledger.store import LedgerStore
from tradewar.model.calibration import World
from tradewar.model.outcomes import units
from tradewar.model.policy import Policy
from tradewar.model.results import GROUP_NAMES, OUTCOME_COLUMNS, Equilibrium
from tradewar.model.solve import solve
from tradewar.scenarios.from_ledger import (
    ELECTRONICS_EXCLUSION,
    CoverageShare,
    RateBuild,
    build_rates,
    load_coverage_shares,
)
from tradewar.scenarios.spec import OthersRule, Scenario
from tradewar.services.container import Services
from tradewar.services.ledger import LedgerService
from tradewar.services.model import ModelService

#: A scenario, or the name of a bundled one.
ScenarioRef = Scenario | str


def scenario_name(scenario: ScenarioRef) -> str:
    """The name a scenario (or a bundled one's name) goes by in results."""
    return scenario if isinstance(scenario, str) else scenario.name


#: Units of the tidy table's variables (from the outcome registry).
UNITS: dict[str, str] = units()

#: Rows every comparison shows first, whatever countries are asked for.
PINNED_ROWS: tuple[str, ...] = ("USA", "CHN", "EU", "RoW", "world")

TIDY_COLUMNS = ["scenario", "iso3", "is_group", "variable", "value", "unit"]

#: (exporter, importer) pairs whose trade every run reports.
HEADLINE_FLOWS: tuple[tuple[str, str], ...] = (("CHN", "USA"), ("USA", "CHN"))


#: Most rate builds a :class:`ScenarioService` keeps (each about 0.3 MB: a 194x194 matrix).
BUILD_CACHE_SIZE = 32


def bundled_scenarios() -> list[Scenario]:
    """The scenarios shipped with tradewar, in chronological then hypothetical order.

    Parsed once per process: they are package data and :class:`Scenario` is frozen.
    """
    return list(_parsed_bundled_scenarios())


@cache
def _parsed_bundled_scenarios() -> tuple[Scenario, ...]:
    folder = files("tradewar.scenarios") / "data" / "bundled"
    found = [
        Scenario.from_yaml(entry.read_text(encoding="utf-8"), origin=f"bundled/{entry.name}")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    ]
    return tuple(sorted(found, key=lambda s: (s.hypothetical, s.on or date(2025, 4, 2), s.name)))


@dataclass(frozen=True)
class ScenarioRun:
    """A solved scenario: the scenario, its tariff matrix with provenance, the equilibrium."""

    scenario: Scenario
    build: RateBuild
    equilibrium: Equilibrium
    sources: tuple[dict[str, str], ...]

    @property
    def assumptions(self) -> list[str]:
        """Every assumption behind the result, to print with it."""
        return list(self.build.assumptions)

    def tidy(self) -> pd.DataFrame:
        """One row per (country or group, variable): the comparison-ready long table."""
        countries = self.equilibrium.to_frame()
        groups = self.equilibrium.groups()
        rows: list[dict[str, Any]] = []
        for frame, key, is_group in ((groups, "group", True), (countries, "iso3", False)):
            for record in frame.to_dict(orient="records"):
                for variable in OUTCOME_COLUMNS:
                    rows.append(
                        {
                            "scenario": self.scenario.name,
                            "iso3": record[key],
                            "is_group": is_group,
                            "variable": variable,
                            "value": float(record[variable]),
                            "unit": UNITS[variable],
                        }
                    )
        return pd.DataFrame(rows, columns=TIDY_COLUMNS)

    def bilateral_trade(
        self, pairs: Sequence[tuple[str, str]] = HEADLINE_FLOWS
    ) -> list[dict[str, Any]]:
        """Factual and counterfactual trade of chosen (exporter, importer) pairs.

        Values at producer prices in thousands of USD (counterfactual in the model's
        numeraire); ``change_pct`` is ``100·(X'/X − 1)``.
        """
        world = self.equilibrium.world
        flows = self.equilibrium.outcomes.flows
        rows = []
        for exporter, importer in pairs:
            if flows is None or exporter not in world.countries or importer not in world.countries:
                continue
            j, i = world.index(exporter), world.index(importer)
            before, after = float(world.flows[j, i]), float(flows[j, i])
            rows.append(
                {
                    "exporter": exporter,
                    "importer": importer,
                    "factual_usd_thousands": before,
                    "counterfactual_usd_thousands": after,
                    "change_pct": 100.0 * (after / before - 1.0) if before else None,
                }
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary: the scenario, rates, assumptions, groups, solver."""
        groups = self.equilibrium.groups()
        return {
            "scenario": self.scenario.model_dump(mode="json", exclude_defaults=True, by_alias=True)
            | {"name": self.scenario.name, "title": self.scenario.title},
            "rates": [
                p.to_dict() for p in self.build.pairs if _is_headline_pair(p.importer, p.exporter)
            ],
            "rates_other_pairs": len(self.build.pairs)
            - sum(1 for p in self.build.pairs if _is_headline_pair(p.importer, p.exporter)),
            "assumptions": self.assumptions,
            "measures": list(self.build.measure_ids),
            "sources": list(self.sources),
            "groups": groups.to_dict(orient="records"),
            "bilateral_trade": self.bilateral_trade(),
            "units": UNITS,
            "solver": {
                "iterations": self.equilibrium.iterations,
                "max_residual": self.equilibrium.max_residual,
            },
        }


def _is_headline_pair(importer: str, exporter: str) -> bool:
    return {importer, exporter} <= {"USA", "CHN", "HKG", "MAC"}


@dataclass(frozen=True)
class _Prepared:
    """A scenario's rate build and citations for one ledger version (what a re-run reuses)."""

    build: RateBuild
    sources: tuple[dict[str, str], ...]


class _BuildCache:
    """Rate builds by (scenario content, ledger version), for one ledger store and world.

    The ledger version (:meth:`LedgerStore.version`: record count and highest record id)
    changes with every committed write from any process, so a write makes the next
    build miss. Builds of another store or world are never reused: switching either
    empties the cache. Least recently used builds go first beyond ``size``.
    """

    def __init__(self, size: int = BUILD_CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, tuple[int, int | None]], _Prepared] = OrderedDict()
        self._owner: tuple[LedgerStore, World] | None = None
        self._lock = threading.Lock()

    def get(
        self, owner: tuple[LedgerStore, World], key: tuple[str, tuple[int, int | None]]
    ) -> _Prepared | None:
        with self._lock:
            if not self._owned_by(owner):
                return None
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(
        self,
        owner: tuple[LedgerStore, World],
        key: tuple[str, tuple[int, int | None]],
        prepared: _Prepared,
    ) -> None:
        with self._lock:
            if not self._owned_by(owner):
                self._entries.clear()
                self._owner = owner
            self._entries[key] = prepared
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def _owned_by(self, owner: tuple[LedgerStore, World]) -> bool:
        return self._owner is not None and self._owner[0] is owner[0] and self._owner[1] is owner[1]


class ScenarioService:
    """Scenarios: list, show, build from the ledger, run, compare."""

    def __init__(
        self,
        settings: Settings,
        ledger: LedgerService | None = None,
        model: ModelService | None = None,
    ) -> None:
        """``ledger`` and ``model``: the process's services to share (one store, one loaded
        world); each not given is built as :class:`~tradewar.services.container.Services`
        builds it."""
        self.settings = settings
        if ledger is None or model is None:
            own = Services(settings)  # builds only what is asked of it
            ledger = ledger if ledger is not None else own.ledger
            model = model if model is not None else own.model
        self.ledger = ledger
        self.model = model
        self._builds = _BuildCache()

    # ------------------------------------------------------------------ catalogue
    def list(self) -> list[Scenario]:
        """The bundled scenarios."""
        return bundled_scenarios()

    def get(self, name: str, *, field: str = "name") -> Scenario:
        """A bundled scenario by name; ``field`` is the caller's parameter that named it.

        A user's scenario file is read by the interface (``Scenario.from_file``) and
        passed to :meth:`run` or :meth:`compare` as a :class:`Scenario`.
        """
        by_name = {s.name: s for s in bundled_scenarios()}
        if name in by_name:
            return by_name[name]
        raise UnknownCode(
            f"unknown scenario {name!r}; expected one of {', '.join(by_name)}, or a scenario"
            " read from a .yaml file.",
            field=field,
        )

    def resolve(self, scenario: ScenarioRef, *, field: str = "scenario") -> Scenario:
        """``scenario`` itself, or the bundled scenario of that name."""
        return scenario if isinstance(scenario, Scenario) else self.get(scenario, field=field)

    def from_ledger(
        self, on: date, others: OthersRule = OthersRule.auto, name: str | None = None
    ) -> Scenario:
        """A scenario for the ledger on the day ``on`` (``tradewar scenario from-ledger``).

        ``others`` is the US tariff on countries the ledger does not cover.
        """
        from tradewar.codes.dates import parse_date

        day = parse_date(on, "on")  # a date already: this checks its range
        if not isinstance(others, OthersRule):
            allowed = ", ".join(r.value for r in OthersRule)
            raise InvalidInput(f"{others!r} is not a rule; expected one of {allowed}.",
                               field="others")  # fmt: skip
        return Scenario.model_validate(
            {
                "name": name or f"ledger-{day.isoformat()}",
                "title": f"The ledger on {day.isoformat()}",
                "date": day,
                "others": others,
            }
        )

    # ------------------------------------------------------------------ build and run
    @cached_property
    def coverage(self) -> dict[str, CoverageShare]:
        """Coverage shares, with the electronics share for non-Chinese exporters derived."""
        shares = load_coverage_shares()
        electronics = shares.get(ELECTRONICS_EXCLUSION)
        if electronics is not None and "*" not in electronics.shares:
            shares[ELECTRONICS_EXCLUSION] = self._with_others_share(electronics)
        return shares

    def _with_others_share(self, share: CoverageShare) -> CoverageShare:
        """``(exempt, all − exempt, China)`` over US imports from non-China, model data."""
        world = self.model.world
        us = world.index("USA")
        imports = world.flows[:, us].copy()  # thousands of USD, by exporter
        imports[us] = 0.0
        if "CHN" in world.countries:
            imports[world.index("CHN")] = 0.0
        exempt_bn = share.exempt_imports_usd_bn.get("ALL", 0.0) - share.exempt_imports_usd_bn.get(
            "CHN", 0.0
        )
        others = min(exempt_bn * 1e6 / float(imports.sum()), 1.0)  # bn USD -> thousands of USD
        return replace(share, shares={**share.shares, "*": others})

    def build(self, scenario: Scenario) -> RateBuild:
        """The tariff matrix of a scenario on the model's countries, with provenance.

        Reused while the scenario, the ledger version and the model world stay the same
        (see :class:`_BuildCache`); the matrix of a reused build is read-only.
        """
        return self._prepare(scenario).build

    def run(self, scenario: ScenarioRef) -> ScenarioRun:
        """Build and solve a scenario (or the bundled one of that name) on the calibrated
        194-country world."""
        chosen = self.resolve(scenario)
        prepared = self._prepare(chosen)
        build = prepared.build
        policy = Policy(build.countries, build.tariffs, chosen.revenue)
        equilibrium = solve(self.model.world, policy)
        sources = tuple(dict(s) for s in prepared.sources)  # the caller's own copies
        return ScenarioRun(chosen, build, equilibrium, sources)

    def _prepare(self, scenario: Scenario) -> _Prepared:
        """The build and citations of ``scenario``: cached by ledger version, else made."""
        store = self.ledger.store
        index = store.index()  # one cheap version query; measures validated once per version
        owner = (store, self.model.world)
        key = (scenario.model_dump_json(), index.version)
        found = self._builds.get(owner, key)
        if found is not None:
            return found
        build = self._build_rates(scenario, index)
        build.tariffs.setflags(write=False)  # shared by every run that reuses it
        prepared = _Prepared(build, self._sources(scenario, build, index))
        self._builds.put(owner, key, prepared)
        return prepared

    def _build_rates(self, scenario: Scenario, index: MeasureIndex) -> RateBuild:
        world = self.model.world
        ustr = dict(zip(self.model.data.countries, self.model.data.ustr_rates * 100.0, strict=True))
        return build_rates(
            scenario,
            index.measures,
            world.countries,
            liberation_day_pct=ustr,
            coverage=self.coverage,
        )

    def _sources(
        self, scenario: Scenario, build: RateBuild, index: MeasureIndex
    ) -> tuple[dict[str, str], ...]:
        cited: list[dict[str, str]] = [
            s.model_dump(mode="json", exclude_none=True) for s in scenario.sources
        ]
        measures = {m.id: m for m in index.measures}
        for measure_id in build.measure_ids:
            first = measures[measure_id].sources[0]
            cited.append({"measure": measure_id, "url": first.url, "publisher": first.publisher})
        if any("electronics exclusion" in line for line in build.assumptions):
            for source in self.coverage[ELECTRONICS_EXCLUSION].sources:
                cited.append({"url": source["url"], "publisher": source["publisher"]})
        return tuple(cited)

    def compare(
        self, names: Sequence[ScenarioRef], countries: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Tidy results of several scenarios (or bundled ones' names) for the pinned groups
        plus chosen countries.

        ``countries`` are ISO3 codes or group names (``non-US``), after the pinned rows.
        """
        if not names:
            raise InvalidInput(
                "no scenario given; name at least one (see 'tradewar scenario list').",
                field="names",
            )
        wanted = _rows_wanted(countries)
        frames = [self._run_named(name).tidy() for name in names]
        table = pd.concat(frames, ignore_index=True)
        keep = table.apply(lambda r: (r["iso3"], bool(r["is_group"])) in wanted, axis=1)
        table = table[keep].copy()
        order = {key: k for k, key in enumerate(wanted)}
        table["_order"] = [
            order[(i, g)] for i, g in zip(table["iso3"], table["is_group"], strict=True)
        ]
        scenario_order = {scenario_name(n): k for k, n in enumerate(names)}
        table["_scenario"] = table["scenario"].map(scenario_order)
        table = table.sort_values(["_scenario", "_order"], kind="stable")
        return table.drop(columns=["_order", "_scenario"]).reset_index(drop=True)

    def _run_named(self, name: ScenarioRef) -> ScenarioRun:
        return self.run(self.resolve(name, field="names"))


def _rows_wanted(countries: Sequence[str] | None) -> list[tuple[str, bool]]:
    """(iso3 or group, is_group) pairs: the pinned groups first, then the asked countries."""
    wanted: list[tuple[str, bool]] = [(g, True) for g in PINNED_ROWS]
    for code in countries or ():
        key = (code, True) if code in GROUP_NAMES else (require_iso3(code, "countries"), False)
        if key not in wanted:
            wanted.append(key)
    return wanted
