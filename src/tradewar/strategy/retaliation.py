"""IMLS Table 2's optimal-retaliation cases: closed form (as published) and true optimum.

The paper (ge-model §6) sets every non-US country's tariff on US goods to
``t^R = 1/((1 + δ₂ε)φ − 1)`` = 22.7%, the optimal-tariff formula of Proposition 2
applied to a two-region (non-US, US) aggregate at **factual** shares; in case (4) the US
sets ``t*_Y`` = 18.5%, the same formula with the Y − X_ii denominator.  The true optimum
of the calibrated model differs because (i) the formula is evaluated at factual rather
than counterfactual shares, (ii) the 193 retaliators are not one region (they trade
with each other untaxed, differ in size and openness, and the coalition's objective is the
average of their welfare changes, not one aggregate region's welfare) and (iii) case (4)'s
US rate is not a best response to the retaliation.  Here the same cases are computed with
the coalition's numerical optimum (one common rate on US goods maximising the
expenditure-weighted average non-US welfare, the paper's group average), and case (4)
also as a Nash war between the US and the coalition (uniform tariffs on both sides).  An
optional ``progress(done, total)`` callback reports the cases and the war's rounds; it
changes no result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tradewar.errors import ConvergenceError
from tradewar.model.calibration import World
from tradewar.model.parameters import CHINA, EU25_ISO3, UNITED_STATES
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium
from tradewar.model.scenarios import (
    ImportDenominator,
    optimal_retaliation_tariff,
    optimal_tariff,
    us_import_tariffs,
    ustr_policy,
    with_uniform_retaliation,
)
from tradewar.model.solve import solve
from tradewar.strategy.adjoint import TariffLever, uniform_lever, welfare_weights
from tradewar.strategy.best_response import best_response
from tradewar.strategy.nash import Progress, no_progress
from tradewar.types import FloatArray


@dataclass(frozen=True)
class RetaliationCase:
    """One row of the comparison.

    Attributes
    ----------
    case : str
        Table 2 panel and method.
    us_tariff : float
        US tariff (the USTR schedule is reported as NaN), decimal.
    retaliation : float
        Every non-US country's tariff on US goods, decimal.
    welfare : dict of str to float
        Percent change of welfare: USA, CHN, EU (25) and non-US (expenditure weights).
    """

    case: str
    us_tariff: float
    retaliation: float
    welfare: dict[str, float]


def _coalition_lever(world: World) -> TariffLever:
    non_us = tuple(c for c in world.countries if c != UNITED_STATES)
    return TariffLever(non_us, (UNITED_STATES,), "non-US on USA")


def _groups(world: World, equilibrium: Equilibrium) -> dict[str, float]:
    welfare = equilibrium.outcomes.welfare
    non_us = [c for c in world.countries if c != UNITED_STATES]
    eu = [c for c in EU25_ISO3 if c in world.countries]
    members = {"USA": [UNITED_STATES], "CHN": [CHINA], "EU": eu, "non-US": non_us}
    return {name: float(welfare_weights(world, codes) @ welfare) for name, codes in members.items()}


def _best_retaliation(world: World, policy: Policy) -> tuple[float, Equilibrium]:
    """The non-US coalition's optimal common rate on US goods against ``policy``."""
    non_us = [c for c in world.countries if c != UNITED_STATES]
    response = best_response(
        world, policy, (_coalition_lever(world),), welfare_weights(world, non_us)
    )
    return float(response.rates[0]), response.equilibrium


#: Rounds of the US vs non-US uniform war before it is declared not to converge.
UNIFORM_WAR_ROUNDS = 60
#: Cases computed before the uniform war (two closed forms, two numerical optima).
CASES_BEFORE_WAR = 4


def compare_optimal_retaliation(
    world: World, ustr_schedule: FloatArray, progress: Progress | None = None
) -> list[RetaliationCase]:
    """Table 2 panels (3) and (4): closed form against the numerical optimum.

    Parameters
    ----------
    world : World
        The calibrated 194-country baseline world.
    ustr_schedule : ndarray (N,)
        The USTR rates of ``tariffs.csv`` (decimals).
    progress : Progress, optional
        Called with (steps done, steps in all): the four cases before the war, then each
        round of the uniform war, counted against its cap of 60 rounds (64 steps in all)
        until it ends; the last call is (4 + rounds played, the same number).
    """
    report = progress if progress is not None else no_progress
    cap = CASES_BEFORE_WAR + UNIFORM_WAR_ROUNDS
    closed_rate = optimal_retaliation_tariff(world)
    us_formula = optimal_tariff(world, UNITED_STATES, ImportDenominator.income)
    ustr = ustr_policy(world, ustr_schedule)
    formula_war = us_import_tariffs(world, np.full(world.size, us_formula))
    rows: list[RetaliationCase] = []

    def add(case: str, us_rate: float, rate: float, equilibrium: Equilibrium) -> None:
        rows.append(RetaliationCase(case, us_rate, rate, _groups(world, equilibrium)))
        if len(rows) <= CASES_BEFORE_WAR:
            report(len(rows), cap)

    nan = float("nan")
    add("(3) USTR, closed-form t^R", nan, closed_rate,
        solve(world, with_uniform_retaliation(world, ustr, closed_rate)))  # fmt: skip
    rate, equilibrium = _best_retaliation(world, ustr)
    add("(3) USTR, optimal t^R (numerical)", nan, rate, equilibrium)
    add("(4) t*_Y, closed-form t^R", us_formula, closed_rate,
        solve(world, with_uniform_retaliation(world, formula_war, closed_rate)))  # fmt: skip
    rate, equilibrium = _best_retaliation(world, formula_war)
    add("(4) t*_Y, optimal t^R (numerical)", us_formula, rate, equilibrium)
    rounds = 0

    def round_played(played: int) -> None:
        nonlocal rounds
        rounds = played
        report(CASES_BEFORE_WAR + played, cap)

    us_rate, rate, equilibrium = _uniform_war(world, round_played)
    add("(4) Nash war, US vs non-US", us_rate, rate, equilibrium)
    report(CASES_BEFORE_WAR + rounds, CASES_BEFORE_WAR + rounds)
    return rows


def _uniform_war(
    world: World, round_played: Callable[[int], None], tolerance: float = 1e-6
) -> tuple[float, float, Equilibrium]:
    """Nash war of uniform tariffs: the US against the non-US coalition (iterated);
    ``round_played(n)`` is called after round ``n``."""
    non_us = [c for c in world.countries if c != UNITED_STATES]
    us_lever, coalition = uniform_lever(world, UNITED_STATES), _coalition_lever(world)
    policy = Policy.free_trade(world.countries)
    us_rate, rate = 0.0, 0.0
    for played in range(1, UNIFORM_WAR_ROUNDS + 1):
        us = best_response(world, policy, (us_lever,), welfare_weights(world, [UNITED_STATES]))
        them = best_response(
            world, us.equilibrium.policy, (coalition,), welfare_weights(world, non_us)
        )
        change = max(abs(us.rates[0] - us_rate), abs(them.rates[0] - rate))
        us_rate, rate, policy = float(us.rates[0]), float(them.rates[0]), them.equilibrium.policy
        round_played(played)
        if change < tolerance:
            return us_rate, rate, them.equilibrium
    raise ConvergenceError(
        f"The US vs non-US uniform tariff war did not converge in {UNIFORM_WAR_ROUNDS} rounds.",
        {"us_rate": us_rate, "retaliation": rate},
    )
