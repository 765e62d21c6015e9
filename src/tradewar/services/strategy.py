"""The strategy service: tariff wars and talks on a scenario's tariffs (``tradewar war|talks``).

Joins the scenarios (:class:`~tradewar.services.scenarios.ScenarioService`: the base tariff
matrix every player takes as given) and the pure :mod:`tradewar.strategy`.  Payloads are
plain dicts, ready for JSON: rates in percent, welfare in percent change from the
factual world.  Each run takes an optional ``progress(done, total)`` callback
(:data:`tradewar.strategy.nash.Progress`), passed to the strategy code as it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from tradewar.codes.countries import require_iso3
from tradewar.config import Settings
from tradewar.errors import InvalidInput, UnknownCode
from tradewar.model.calibration import World
from tradewar.model.parameters import EU25_ISO3
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium
from tradewar.services.container import Services
from tradewar.services.scenarios import ScenarioRef, ScenarioService
from tradewar.strategy.adjoint import TariffLever
from tradewar.strategy.nash import NashWar, Player, Progress, WarScope, nash_war
from tradewar.strategy.retaliation import RetaliationCase, compare_optimal_retaliation
from tradewar.strategy.talks import DealPoint, Talks, talks

#: The base scenario by default: the ledger on 1 January 2025 (no 2025 measures).
DEFAULT_BASE = "prewar"
#: Actual episodes placed in the welfare plane of the talks.
EPISODES: tuple[str, ...] = ("peak-escalation", "geneva-truce", "busan-deal", "free-trade")
#: Groups reported next to the players.
REPORTED_GROUPS: tuple[str, ...] = ("USA", "CHN", "EU", "RoW", "world")


def _pct(rate: float) -> float:
    return round(100.0 * rate, 6)


@dataclass(frozen=True)
class WarRequest:
    """What ``tradewar war`` asks for: players (ISO3 codes or ``EU``), the base scenario
    (or a bundled one's name) and the war's scope."""

    players: tuple[str, ...] = ("USA", "CHN")
    base: ScenarioRef = DEFAULT_BASE
    scope: WarScope = WarScope.bilateral


class StrategyService:
    """Nash wars, talks and the Table 2 comparison on the calibrated world."""

    def __init__(self, settings: Settings, scenarios: ScenarioService | None = None) -> None:
        """``scenarios``: the process's scenario service (its ledger and loaded world), else
        one built as :class:`~tradewar.services.container.Services` builds it."""
        self.settings = settings
        self.scenarios = scenarios if scenarios is not None else Services(settings).scenarios

    @cached_property
    def world(self) -> World:
        """The calibrated 194-country world."""
        return self.scenarios.model.world

    def players(self, players: Sequence[str]) -> tuple[str, ...]:
        """``players`` checked: two or more different ISO3 codes or ``EU`` (the 25 members
        of the paper's tables), all in the model's world."""
        if len(players) < 2:
            raise InvalidInput(f"got {list(players)}; expected at least two players.",
                               field="players")  # fmt: skip
        if len(set(players)) < len(players):
            raise InvalidInput(f"got {list(players)}; expected different players.",
                               field="players")  # fmt: skip
        countries = [require_iso3(code, "players") for code in players if code != "EU"]
        for code in countries:  # checked as codes first: no data needed to refuse a typo
            if code not in self.world.countries:
                raise UnknownCode(f"{code} is not one of the model's countries.", field="players")
        return tuple(players)

    def base_policy(self, base: ScenarioRef) -> Policy:
        """The tariff matrix of a scenario (or the bundled one of that name), decimals."""
        scenario = self.scenarios.resolve(base, field="base")
        build = self.scenarios.build(scenario)
        return Policy(build.countries, build.tariffs, scenario.revenue)

    def war(self, request: WarRequest, progress: Progress | None = None) -> NashWar:
        """The Nash tariff war among the players, everyone else at the base scenario;
        ``progress`` counts best responses (see :func:`~tradewar.strategy.nash.nash_war`)."""
        players = self.players(request.players)
        if not isinstance(request.scope, WarScope):
            raise InvalidInput(f"{request.scope!r} is not a scope; expected one of"
                               f" {', '.join(WarScope)}.", field="scope")  # fmt: skip
        base = self.base_policy(request.base)
        return nash_war(self.world, base, players, scope=request.scope, progress=progress)

    def talks(
        self,
        players: Sequence[str],
        base: ScenarioRef = DEFAULT_BASE,
        progress: Progress | None = None,
    ) -> Talks:
        """War, frontier, bargaining solution and the episodes of two players; ``progress``
        counts best responses and frontier points (see :func:`~tradewar.strategy.talks.talks`).
        """
        if len(players) != 2:
            raise InvalidInput(f"got {list(players)}; talks are between two players.",
                               field="players")  # fmt: skip
        a, b = self.players(players)
        episodes = {}
        for name in EPISODES:
            policy = self.base_policy(name)
            episodes[name] = (_bilateral(policy, a, b), _bilateral(policy, b, a))
        return talks(self.world, self.base_policy(base), a, b, episodes=episodes,
                     progress=progress)  # fmt: skip

    def optimal_retaliation(self, progress: Progress | None = None) -> list[RetaliationCase]:
        """Table 2 panels (3) and (4), closed form next to the numerical optimum; ``progress``
        counts the cases and the uniform war's rounds."""
        ustr = self.scenarios.model.data.ustr_rates
        return compare_optimal_retaliation(self.world, ustr, progress)


def _bilateral(policy: Policy, importer: str, exporter: str) -> float:
    """A player's tariff on another; for the EU, the mean over the 25 members."""
    index = {c: k for k, c in enumerate(policy.countries)}
    importers = [c for c in _members(importer) if c in index]
    exporters = [c for c in _members(exporter) if c in index]
    values = [policy.tariffs[index[e], index[i]] for i in importers for e in exporters]
    return float(sum(values) / len(values))


def _members(code: str) -> tuple[str, ...]:
    return EU25_ISO3 if code == "EU" else (code,)


def group_rows(equilibrium: Equilibrium) -> list[dict[str, Any]]:
    """Welfare, employment and prices of the reported groups (percent changes)."""
    frame = equilibrium.groups()
    rows = []
    for _, row in frame.iterrows():
        if row["group"] in REPORTED_GROUPS:
            rows.append(
                {
                    "group": str(row["group"]),
                    "welfare_pct": float(row["welfare"]),
                    "employment_pct": float(row["employment"]),
                    "prices_pct": float(row["prices"]),
                    "deficit_pct": float(row["deficit"]),
                }
            )
    return rows


def _import_value(world: World, lever: TariffLever) -> float:
    """Factual imports of the lever's importers from its exporters, thousands of USD."""
    index = {code: k for k, code in enumerate(world.countries)}
    return sum(
        float(world.flows[index[e], index[i]])
        for i in lever.importers
        for e in lever.exporters
        if e != i
    )


def tariff_summary(war: NashWar, member: Player) -> dict[str, Any]:
    """A player's Nash rates in brief: weighted by factual imports, and their range, percent.

    Partners the player does not import from in the data are left out of the range: the
    welfare does not depend on a tariff on nothing, so its rate is not determined.
    """
    world = war.equilibrium.world
    levers, rates = war.levers[member.name], war.rates[member.name]
    imports = np.array([_import_value(world, lever) for lever in levers])
    traded = imports > 0
    if not traded.any():
        return {"partners": len(levers), "partners_traded": 0}
    return {
        "partners": len(levers),
        "partners_traded": int(traded.sum()),
        "import_weighted_mean_pct": _pct(float(imports @ rates / imports.sum())),
        "min_pct": _pct(float(rates[traded].min())),
        "median_pct": _pct(float(np.median(rates[traded]))),
        "max_pct": _pct(float(rates[traded].max())),
    }


def country_rows(equilibrium: Equilibrium) -> list[dict[str, Any]]:
    """Every country's outcomes, as ``tradewar simulate --json`` prints them.

    Percent changes, except ``revenue_share`` (tariff revenue over factual expenditure, a
    fraction) and ``tariff_revenue_usd_thousands``; undefined values are None.
    """
    records = equilibrium.to_frame().to_dict(orient="records")
    return [
        {key: None if isinstance(v, float) and math.isnan(v) else v for key, v in row.items()}
        for row in records
    ]


def war_payload(war: NashWar, base: str) -> dict[str, Any]:
    """JSON of a Nash war: rates in percent, welfare in percent change."""
    return {
        "players": [p.name for p in war.players],
        "base": base,
        "scope": war.scope.value,
        "nash_tariffs_pct": {
            p.name: {
                lever.label: _pct(rate)
                for lever, rate in zip(war.levers[p.name], war.rates[p.name], strict=True)
            }
            for p in war.players
        },
        "tariff_summary": {p.name: tariff_summary(war, p) for p in war.players},
        "welfare_pct": war.welfare,
        "groups": group_rows(war.equilibrium),
        "countries": country_rows(war.equilibrium),
        "convergence": {
            "rounds": war.rounds,
            "max_change_pct": 100.0 * war.max_change,
            "equilibrium_solves": war.solves,
            "steps": [
                {
                    "round": step.round,
                    "player": step.player,
                    "rates_pct": {k: _pct(v) for k, v in step.rates.items()},
                    "change_pct": 100.0 * step.change,
                    "welfare_pct": step.welfare,
                }
                for step in war.steps
            ],
        },
    }


def _point(point: DealPoint) -> dict[str, Any]:
    return {
        "label": point.label,
        "tariff_a_on_b_pct": _pct(point.rates[0]),
        "tariff_b_on_a_pct": _pct(point.rates[1]),
        "welfare_a_pct": point.welfare[0],
        "welfare_b_pct": point.welfare[1],
    }


def talks_payload(result: Talks, base: str) -> dict[str, Any]:
    """JSON of the talks: threat point, frontier, bargaining solution, episodes."""
    a, b = result.players
    return {
        "players": {"a": a, "b": b},
        "base": base,
        "threat": _point(result.threat),
        "bargaining": _point(result.bargaining),
        "frontier": [_point(p) for p in result.frontier],
        "episodes": [_point(p) for p in result.episodes],
        "bargaining_groups": group_rows(result.bargaining_equilibrium),
        "notes": [
            "Rates are each side's additional tariff on the other, percent; every other tariff"
            f" is held at the '{base}' scenario's values.",
            "Welfare is the percent change from the factual (2023, zero-tariff) world.",
            "Episodes use their bilateral US-China rates on the base scenario's other tariffs.",
            "The frontier is efficient among non-negative tariff pairs (no import subsidies).",
        ],
    }


def retaliation_payload(rows: Sequence[RetaliationCase]) -> list[dict[str, Any]]:
    """JSON rows of the Table 2 comparison (percent)."""
    return [
        {
            "case": row.case,
            "us_tariff_pct": None if row.us_tariff != row.us_tariff else _pct(row.us_tariff),
            "retaliation_pct": _pct(row.retaliation),
            "welfare_pct": row.welfare,
        }
        for row in rows
    ]
