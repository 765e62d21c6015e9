"""The sectoral (LL2023, 44 regions × 16 industries) model for the interfaces.

Reads ``<data_dir>/ll2023`` through :mod:`tradewar.model.sectors.data`; wars and industry
scenarios return JSON-ready payloads that the CLI prints (and the web could serve).  The
war takes an optional ``progress(done, total)`` callback (:data:`tradewar.strategy.nash.
Progress`), passed to the strategy code as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from tradewar.config import Settings
from tradewar.errors import InvalidInput
from tradewar.model.sectors.data import CITATION, Entry, SectoralWorld, load_table4_world
from tradewar.model.sectors.industries import load_industry_lines
from tradewar.model.sectors.policy import PolicyKind, optimal_policy
from tradewar.model.sectors.report import group_outcomes
from tradewar.model.sectors.scenario import IndustryTariffs, industry_tariffs
from tradewar.model.sectors.solve import SectoralEquilibrium, solve_sectoral
from tradewar.model.sectors.war import SectoralWar
from tradewar.scenarios.spec import Scenario
from tradewar.services.container import Services
from tradewar.strategy.nash import Progress
from tradewar.strategy.sectoral import sectoral_war

if TYPE_CHECKING:
    from tradewar.services.scenarios import ScenarioRef, ScenarioService

#: Columns of a sectoral scenario's tidy table (CLI ``--csv``, the page's ``format=csv``).
SCENARIO_ROW_COLUMNS = ("group", "variable", "industry", "value_pct")
#: The group-level variables, then the per-industry ones (all percent changes).
GROUP_VARIABLES = ("welfare_pct", "real_wage_pct")
INDUSTRY_VARIABLES = ("output_pct", "exports_pct", "imports_pct")


class SectorsService:
    """Loads the LL2023 data once per entry mode and runs wars and scenarios on it."""

    def __init__(self, settings: Settings, scenarios: ScenarioService | None = None) -> None:
        """``scenarios``: the process's scenario service (its ledger and loaded data), else
        one built as :class:`~tradewar.services.container.Services` builds it."""
        self.settings = settings
        self.scenarios = scenarios if scenarios is not None else Services(settings).scenarios
        self._worlds: dict[Entry, SectoralWorld] = {}

    def world(self, entry: Entry = Entry.restricted) -> SectoralWorld:
        """The calibrated Table 4 world (raises DataUnavailable naming the missing file)."""
        if entry not in self._worlds:
            self._worlds[entry] = load_table4_world(self.settings.data_dir, entry)
        return self._worlds[entry]

    def scenario(self, name: ScenarioRef) -> dict[str, Any]:
        """A scenario (or the bundled one of that name) on the sectoral model (restricted
        entry), as JSON."""
        scenarios = self.scenarios
        chosen = scenarios.resolve(name, field="name")
        build = scenarios.build(chosen)
        dropped = set(chosen.drop_measures)
        measures = [m for m in scenarios.ledger.measures() if m.id not in dropped]
        world = self.world(Entry.restricted)
        tariffs = industry_tariffs(
            world,
            build,
            measures,
            chosen.on,
            load_industry_lines(self.settings.data_dir),
            _overridden_pairs(chosen, world.regions),
        )
        equilibrium = solve_sectoral(world, tariffs.instruments(world))
        return scenario_payload(world, chosen, tariffs, equilibrium)

    def war(self, players: Sequence[str], progress: Progress | None = None) -> dict[str, Any]:
        """The sectoral Nash war of ``players`` (region codes of the LL2023 data: ISO3 codes
        and ``RoW``; restricted entry), as a JSON payload; ``progress`` counts best responses
        (see :func:`~tradewar.strategy.sectoral.sectoral_war`)."""
        world = self.world(Entry.restricted)
        for code in players:
            if code not in world.regions:
                raise InvalidInput(
                    f"{code!r} is not a region of the {world.label} data; expected one of"
                    f" {', '.join(world.regions)}.",
                    field="players",
                )
        if len(set(players)) < 2:
            raise InvalidInput(
                f"got {list(players)}; expected two or more different regions.", field="players"
            )
        result = sectoral_war(world, players, progress=progress)
        return war_payload(world, result)


def war_payload(world: SectoralWorld, war: SectoralWar) -> dict[str, Any]:
    """JSON of a sectoral war: Nash rates by industry (percent), welfare, groups, and each
    player's Table 4 post-retaliation gain for comparison."""
    opponents = {code: [other for other in war.players if other != code] for code in war.players}
    rates = {
        code: {
            f"{code} on {other}": {
                industry: float(100.0 * war.tariffs[code][k, column])
                for k, industry in enumerate(world.industries)
            }
            for column, other in enumerate(opponents[code])
        }
        for code in war.players
    }
    mean_rates = {
        code: {
            other: float(
                100.0
                * np.average(
                    war.tariffs[code][:, column],
                    weights=world.flows[:, world.index_of(other), world.index_of(code)],
                )
            )
            for column, other in enumerate(opponents[code])
        }
        for code in war.players
    }
    return {
        "model": "sectors",
        "data": CITATION,
        "entry": "restricted",
        "players": list(war.players),
        "nash_tariffs_pct": rates,
        "import_weighted_mean_pct": mean_rates,
        "welfare_pct": {code: war.welfare(code) for code in war.players},
        "table4_post_retaliation_pct": {
            code: optimal_policy(world, world.index_of(code), PolicyKind.retaliation).welfare_gain
            for code in war.players
        },
        "groups": [
            outcome.to_dict(world.industries) for outcome in group_outcomes(war.equilibrium)
        ],
        "convergence": {
            "rounds": war.rounds,
            "steps": [
                {
                    "round": step.round,
                    "player": step.player,
                    "change_pct": 100.0 * step.change,
                    "welfare_pct": step.welfare,
                }
                for step in war.steps
            ],
        },
        "notes": [
            "Each player sets one tariff per industry on each other player; all other"
            " tariffs stay at their applied 2014 values (WIOD/LL2023 data); restricted entry.",
            "Import-weighted means use the factual 2014 bilateral flows of each industry.",
            "Table 4's 'post retaliation' is a different game: every country sets the"
            " optimal export tax and no tariffs, and the home country adds its 1st-best"
            " production subsidies.",
        ],
    }


def _overridden_pairs(scenario: Scenario, regions: Sequence[str]) -> set[tuple[str, str]]:
    """(importer, exporter) pairs of the WIOD regions that a scenario override sets."""
    pairs: set[tuple[str, str]] = set()
    for override in scenario.overrides:
        importers = regions if override.importer == "*" else [override.importer]
        exporters = regions if override.exporter == "*" else [override.exporter]
        pairs.update((i, j) for i in importers for j in exporters if i != j)
    return pairs


def scenario_payload(
    world: SectoralWorld,
    scenario: Scenario,
    tariffs: IndustryTariffs,
    equilibrium: SectoralEquilibrium,
) -> dict[str, Any]:
    """JSON of a scenario on the sectoral model."""
    headline = [("USA", "CHN"), ("CHN", "USA")]
    rates = {
        f"{importer} on {exporter}": {
            industry: float(
                100.0 * tariffs.additional[k, world.index_of(exporter), world.index_of(importer)]
            )
            for k, industry in enumerate(world.industries)
        }
        for importer, exporter in headline
    }
    return {
        "model": "sectors",
        "data": CITATION,
        "entry": world.entry.value,
        "scenario": {"name": scenario.name, "title": scenario.title},
        "additional_tariffs_pct": rates,
        "groups": [o.to_dict(world.industries) for o in group_outcomes(equilibrium)],
        "notes": list(tariffs.notes) + list(scenario.assumptions),
        "solver": {"iterations": equilibrium.iterations, "max_residual": equilibrium.max_residual},
    }


def scenario_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """A sectoral scenario payload as tidy rows (:data:`SCENARIO_ROW_COLUMNS`): per group,
    welfare and real wage (industry empty), then output, exports, imports by industry,
    each a percent change against the 2014 factual world (None where undefined)."""
    rows: list[dict[str, Any]] = []
    for group in payload["groups"]:
        for variable in GROUP_VARIABLES:
            rows.append(
                {"group": group["group"], "variable": variable, "industry": "",
                 "value_pct": group[variable]}
            )  # fmt: skip
        for variable in INDUSTRY_VARIABLES:
            for industry, value in group[variable].items():
                rows.append(
                    {"group": group["group"], "variable": variable, "industry": industry,
                     "value_pct": value}
                )  # fmt: skip
    return rows
