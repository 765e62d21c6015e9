"""Reported outcomes of a counterfactual (ge-model §4.3, §8.2) and group aggregates.

All "Δ" outcomes are percent changes, ``100·(x̂ − 1)``, as the paper prints them; the
tariff-revenue share is a fraction of factual expenditure (spec quirk 5).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from numpy.typing import NDArray

from tradewar.errors import InvalidInput
from tradewar.model.calibration import World
from tradewar.model.outcomes import OUTCOMES
from tradewar.model.parameters import CHINA, EU25_ISO3, UNITED_STATES
from tradewar.model.policy import Policy
from tradewar.types import FloatArray

if TYPE_CHECKING:
    from tradewar.model.equations import BaselineState, InputOutputState


#: Per-country outcome columns, in the order of the paper's Table 1, then extras
#: (labels and units in :mod:`tradewar.model.outcomes`).
OUTCOME_COLUMNS: tuple[str, ...] = tuple(OUTCOMES)


@dataclass(frozen=True)
class Outcomes:
    """Per-country outcomes, arrays of shape (N,).

    Attributes
    ----------
    welfare : percent change of welfare Ŵ (GHH linearisation, ge-model §4.3).
    deficit : change of the trade deficit relative to its factual absolute value, percent
        (NaN for a factual deficit of exactly zero).
    exports_to_gdp, imports_to_gdp : percent change of the ratio (producer prices); NaN
        where the factual ratio is zero.
    employment : percent change of employment L̂.
    prices : percent change of the consumer price index P̂ (relative to the numeraire).
    real_wage : percent change of ŵ/P̂.
    wage : percent change of the nominal wage ŵ.
    revenue_share : tariff revenue R_i / factual expenditure E_i, fraction.
    revenue : tariff revenue R_i, thousands of USD.
    deficit_level : counterfactual deficit D'_i = imports − exports, thousands of USD.
    income_hat : Y'_i / Y_i, ratio.
    flows : counterfactual trade ``X'[exporter, importer]`` at producer prices, thousands of
        USD in the model's numeraire, or None when not kept.
    """

    welfare: FloatArray
    deficit: FloatArray
    exports_to_gdp: FloatArray
    imports_to_gdp: FloatArray
    employment: FloatArray
    prices: FloatArray
    real_wage: FloatArray
    wage: FloatArray
    revenue_share: FloatArray
    revenue: FloatArray
    deficit_level: FloatArray
    income_hat: FloatArray
    global_trade_to_gdp: float
    global_employment: float
    flows: FloatArray | None = None


def _off_diagonal(matrix: FloatArray) -> FloatArray:
    without = matrix.copy()
    np.fill_diagonal(without, 0.0)
    return without


def _ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    """``numerator / denominator``, NaN where the factual denominator is zero (undefined)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio: FloatArray = np.where(denominator != 0, numerator / denominator, np.nan)
    return ratio


def outcomes_from_state(
    world: World, policy: Policy, state: BaselineState | InputOutputState
) -> Outcomes:
    """Compute the reported outcomes of ge-model §4.3 (baseline) or §8.2 (input–output)."""
    kappa = world.elasticities.labour_supply
    trade = state.trade
    income_growth = state.income.sum() / world.income.sum()
    real_income_of_labour = state.wage_hat * state.employment_hat / state.price_hat
    if world.is_input_output:
        consumption = world.income + world.transfers
        consumption_hat = (
            trade.revenue + state.income + world.transfers * income_growth
        ) / consumption
        base = consumption
    else:
        consumption_hat = state.expenditure_hat
        base = world.expenditure
    delta = base / (base - kappa * (1.0 - state.tax_rate) * world.income / (1.0 + kappa))
    welfare_hat = delta * consumption_hat / state.price_hat + (1.0 - delta) * real_income_of_labour
    factual_flows = world.flows
    new_flows = trade.new_flows
    deficit = factual_flows.sum(axis=0) - factual_flows.sum(axis=1)
    new_deficit = new_flows.sum(axis=0) - new_flows.sum(axis=1)
    foreign, new_foreign = _off_diagonal(factual_flows), _off_diagonal(new_flows)
    exports_ratio = _ratio(
        new_foreign.sum(axis=1) / state.income, foreign.sum(axis=1) / world.income
    )
    imports_ratio = _ratio(
        new_foreign.sum(axis=0) / state.income, foreign.sum(axis=0) / world.income
    )
    world_trade_hat = (new_foreign * (1.0 + policy.tariffs)).sum() / foreign.sum()
    employment = 100.0 * (state.employment_hat - 1.0)
    return Outcomes(
        welfare=100.0 * (welfare_hat - 1.0),
        deficit=100.0 * _ratio(new_deficit - deficit, np.abs(deficit)),
        exports_to_gdp=100.0 * (exports_ratio - 1.0),
        imports_to_gdp=100.0 * (imports_ratio - 1.0),
        employment=employment,
        prices=100.0 * (state.price_hat - 1.0),
        real_wage=100.0 * (state.wage_hat / state.price_hat - 1.0),
        wage=100.0 * (state.wage_hat - 1.0),
        revenue_share=trade.revenue / world.expenditure,
        revenue=trade.revenue,
        deficit_level=new_deficit,
        income_hat=state.income / world.income,
        global_trade_to_gdp=float(100.0 * (world_trade_hat / income_growth - 1.0)),
        global_employment=float(employment @ world.income / world.income.sum()),
        flows=new_flows,
    )


class Weighting(StrEnum):
    """How country outcomes are averaged into a group (spec quirk 6)."""

    #: By recomputed gross expenditure E_i (Tables 1, 2, 8, 9, 10).
    expenditure = "expenditure"
    #: By raw WDI GDP (Table 4 one-sector rows).
    gdp = "gdp"
    #: By model factor income Y_i.
    income = "income"
    #: Simple mean (Table 10 welfare).
    unweighted = "unweighted"


#: Group names as the paper prints them, in the paper's order.
GROUP_NAMES: tuple[str, ...] = ("USA", "CHN", "EU", "RoW", "non-US", "world")


def group_members(countries: tuple[str, ...]) -> dict[str, NDArray[np.intp]]:
    """Country positions of each reporting group (EU = the code's 25 members, quirk 1).

    Groups absent from the world (e.g. no CHN in a toy world) are left out.
    """
    codes = np.array(countries)
    everything = np.arange(len(countries))
    is_us = codes == UNITED_STATES
    is_cn = codes == CHINA
    is_eu = np.isin(codes, EU25_ISO3)
    groups = {
        "USA": everything[is_us],
        "CHN": everything[is_cn],
        "EU": everything[is_eu],
        "RoW": everything[~(is_us | is_cn | is_eu)],
        "non-US": everything[~is_us],
        "world": everything,
    }
    return {name: members for name, members in groups.items() if members.size}


def weights_for(world: World, weighting: Weighting) -> FloatArray:
    """Weight vector of a weighting rule."""
    if weighting is Weighting.expenditure:
        return world.expenditure
    if weighting is Weighting.income:
        return world.income
    if weighting is Weighting.gdp:
        if world.gdp is None:
            raise InvalidInput("GDP weighting needs world.gdp (raw GDP); this world has none.")
        return world.gdp
    return np.ones(world.size)


def weighted_average(values: FloatArray, weights: FloatArray, members: NDArray[np.intp]) -> float:
    """``Σ_{i∈members} w_i v_i / Σ_{i∈members} w_i`` over members whose value is defined.

    Outcomes are NaN where undefined (e.g. exports/GDP of a country with no factual exports);
    those countries are left out of the average.
    """
    values, w = values[members], weights[members]
    defined = ~np.isnan(values)
    if not defined.any():
        return float("nan")
    return float(values[defined] @ w[defined] / w[defined].sum())


@dataclass(frozen=True)
class Equilibrium:
    """A solved counterfactual.

    Attributes
    ----------
    world, policy : the inputs.
    log_hats : ndarray
        Solution vector of log hats (``log ŵ, log Ê, log L̂`` [, ``log P̂``]).
    outcomes : Outcomes
        Per-country outcomes (percent changes; revenue share a fraction).
    iterations : int
        Newton iterations used.
    max_residual : float
        Max |scaled residual| at the solution.
    """

    world: World
    policy: Policy
    log_hats: FloatArray
    outcomes: Outcomes
    iterations: int
    max_residual: float

    def outcome(self, column: str) -> FloatArray:
        """One per-country outcome array by column name (see :data:`OUTCOME_COLUMNS`)."""
        if column not in OUTCOME_COLUMNS:
            raise InvalidInput(
                f"Unknown outcome {column!r}; expected one of {', '.join(OUTCOME_COLUMNS)}."
            )
        value: FloatArray = getattr(self.outcomes, column)
        return value

    def to_frame(self) -> pd.DataFrame:
        """One row per country: ``iso3`` then :data:`OUTCOME_COLUMNS` and revenue in 000 USD."""
        frame = pd.DataFrame({"iso3": list(self.world.countries)})
        for column in OUTCOME_COLUMNS:
            frame[column] = self.outcome(column)
        frame["tariff_revenue_usd_thousands"] = self.outcomes.revenue
        return frame

    def groups(
        self,
        weighting: Weighting = Weighting.expenditure,
        overrides: Mapping[str, Weighting] | None = None,
    ) -> pd.DataFrame:
        """Group aggregates (USA, CHN, EU, RoW, non-US, world) of every outcome.

        Parameters
        ----------
        weighting : Weighting
            Default rule: expenditure weights, as in the paper's Tables 1, 2, 8 and 9.
        overrides : mapping of column -> Weighting, optional
            Per-column rules, e.g. ``{"welfare": Weighting.unweighted}`` (Table 10).
        """
        rules = dict(overrides or {})
        members = group_members(self.world.countries)
        rows = []
        for name, positions in members.items():
            row: dict[str, object] = {"group": name, "countries": int(positions.size)}
            for column in OUTCOME_COLUMNS:
                weights = weights_for(self.world, rules.get(column, weighting))
                row[column] = weighted_average(self.outcome(column), weights, positions)
            rows.append(row)
        return pd.DataFrame(rows)
