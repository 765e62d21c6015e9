"""Outcomes of a sectoral counterfactual for the report groups: USA, CHN, EU, RoW, world.

Per group: welfare (``Ŵ = Ŷ/P̂``, expenditure-weighted mean of the members' percent
changes, as the project's group averages), real wage (``ŵ/P̂``, weighted by wage income),
and by industry the percent change of output (producer-price sales, all destinations),
exports and imports (off-diagonal trade of the members, producer prices, including trade
between members of a group).  Values are relative to the numeraire (world wage income
unchanged), so nominal changes are comparable across groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tradewar.model.parameters import EU25_ISO3
from tradewar.model.sectors.data import SectoralWorld
from tradewar.model.sectors.solve import SectoralEquilibrium
from tradewar.types import FloatArray

#: The EU in the WIOD regions: the project's EU25 plus CZE and SVK (EU27; GBR is outside).
EU_MEMBERS: tuple[str, ...] = tuple(sorted((*EU25_ISO3, "CZE", "SVK")))
REPORT_GROUPS: tuple[str, ...] = ("USA", "CHN", "EU", "RoW", "world")


def group_members(world: SectoralWorld, group: str) -> list[int]:
    """Region indices of a report group (``RoW``: everyone not USA, CHN or EU)."""
    if group == "world":
        return list(range(world.size))
    if group == "EU":
        return [world.index_of(code) for code in EU_MEMBERS if code in world.regions]
    if group == "RoW":
        named = {"USA", "CHN", *EU_MEMBERS}
        return [i for i, code in enumerate(world.regions) if code not in named]
    return [world.index_of(group)]


@dataclass(frozen=True)
class GroupOutcome:
    """Percent changes for one group."""

    group: str
    welfare: float
    real_wage: float
    output: FloatArray  # (S,) by industry
    exports: FloatArray  # (S,)
    imports: FloatArray  # (S,)

    def to_dict(self, industries: tuple[str, ...]) -> dict[str, Any]:
        """JSON-ready: scalars and per-industry dicts, percent."""
        return {
            "group": self.group,
            "welfare_pct": self.welfare,
            "real_wage_pct": self.real_wage,
            "output_pct": _by_industry(industries, self.output),
            "exports_pct": _by_industry(industries, self.exports),
            "imports_pct": _by_industry(industries, self.imports),
        }


def _by_industry(industries: tuple[str, ...], values: FloatArray) -> dict[str, float | None]:
    return {
        name: (None if not np.isfinite(v) else float(v))
        for name, v in zip(industries, values, strict=True)
    }


def _percent(new: FloatArray, old: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(old > 0, 100.0 * (new / old - 1.0), np.nan), dtype=np.float64)


def group_outcomes(equilibrium: SectoralEquilibrium) -> list[GroupOutcome]:
    """Outcomes of every report group."""
    world, state = equilibrium.world, equilibrium.state
    factual_sales = world.producer_sales
    new_sales = state.producer_sales
    foreign = 1.0 - np.eye(world.size)[None, :, :]
    welfare = 100.0 * (state.welfare_hat - 1.0)
    real_wage = 100.0 * (state.wage_hat / state.price_index_hat - 1.0)
    outcomes = []
    for group in REPORT_GROUPS:
        members = group_members(world, group)
        weights = world.expenditure[members]
        wage_weights = world.factor_income[members]
        outcomes.append(
            GroupOutcome(
                group=group,
                welfare=float(np.average(welfare[members], weights=weights)),
                real_wage=float(np.average(real_wage[members], weights=wage_weights)),
                output=_percent(
                    new_sales[:, members, :].sum(axis=(1, 2)),
                    factual_sales[:, members, :].sum(axis=(1, 2)),
                ),
                exports=_percent(
                    (new_sales * foreign)[:, members, :].sum(axis=(1, 2)),
                    (factual_sales * foreign)[:, members, :].sum(axis=(1, 2)),
                ),
                imports=_percent(
                    (new_sales * foreign)[:, :, members].sum(axis=(1, 2)),
                    (factual_sales * foreign)[:, :, members].sum(axis=(1, 2)),
                ),
            )
        )
    return outcomes
