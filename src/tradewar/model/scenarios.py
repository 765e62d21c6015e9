"""The scenarios of IMLS (2025) (ge-model §5) and the closed-form optimal tariffs (ge-model §6).

All tariff rates are decimals.  Scenario builders are pure: they take a calibrated world
and the USTR schedule and return a :class:`~tradewar.model.policy.Policy`.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from tradewar.errors import InvalidInput
from tradewar.model.calibration import World
from tradewar.model.parameters import (
    CHINA,
    EU25_ISO3,
    UNITED_STATES,
    US_CHINA_ESCALATION_RATE,
    USTR_MINIMUM_RATE,
)
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.types import FloatArray


class ImportDenominator(StrEnum):
    """Denominator of δ in the optimal-tariff formula (ge-model §6, quirk 2)."""

    #: ``E_i − X_ii`` (total imports): Table 1 case 3, t* = 0.217988.
    expenditure = "expenditure"
    #: ``Y_i − X_ii``: Table 2 panel (4), t* = 0.185432 (the paper's "19%").
    income = "income"


def ustr_rates(world: World, schedule: FloatArray) -> FloatArray:
    """USTR "Liberation Day" rates ``u_j = max(0.1, schedule_j)``, 0 for the US (ge-model §5).

    Parameters
    ----------
    schedule : ndarray (N,)
        ``tariffs.csv`` values, decimal, in the world's country order.
    """
    schedule = np.asarray(schedule, dtype=np.float64)
    if schedule.shape != (world.size,):
        raise InvalidInput(
            f"USTR schedule has shape {schedule.shape}; expected ({world.size},), one rate per"
            " country."
        )
    rates = np.maximum(USTR_MINIMUM_RATE, schedule)
    rates[world.index(UNITED_STATES)] = 0.0
    return rates


def us_import_tariffs(world: World, rates: FloatArray) -> Policy:
    """``t[j, US] = rates_j`` for every j ≠ US, zero elsewhere."""
    us = world.index(UNITED_STATES)
    tariffs = np.zeros((world.size, world.size))
    tariffs[:, us] = rates
    tariffs[us, us] = 0.0
    return Policy(world.countries, tariffs)


def ustr_policy(
    world: World,
    schedule: FloatArray,
    revenue: RevenueTreatment = RevenueTreatment.income_tax_relief,
) -> Policy:
    """Scenario c1/c8: the USTR schedule on US imports, no retaliation."""
    return us_import_tariffs(world, ustr_rates(world, schedule)).with_revenue(revenue)


def with_reciprocal_retaliation(world: World, policy: Policy) -> Policy:
    """Scenario c6: every country taxes US goods at the rate the US taxes it."""
    us = world.index(UNITED_STATES)
    tariffs = policy.tariffs.copy()
    tariffs[us, :] = tariffs[:, us]
    tariffs[us, us] = 0.0
    return Policy(world.countries, tariffs, policy.revenue)


def with_uniform_retaliation(world: World, policy: Policy, rate: float) -> Policy:
    """Every non-US country taxes US goods at ``rate`` (c5, c7, d3, d4)."""
    return policy.with_retaliation_rate(UNITED_STATES, rate)


def optimal_tariff(
    world: World,
    country: str = UNITED_STATES,
    denominator: ImportDenominator = ImportDenominator.expenditure,
) -> float:
    """Closed-form optimal uniform tariff of one country, IMLS Proposition 2 (ge-model §6).

    ``t* = 1/((1 + δ ε) φ_i − 1)`` with
    ``δ = Σ_{n≠i} (1−ν_n) X[i,n] (1−λ[i,n]) / ((1−ν_i) D)`` evaluated on factual data.

    Returns
    -------
    float
        Decimal rate; 0.217988 (expenditure) or 0.185432 (income) for the US.

    Examples
    --------
    >>> from tradewar.model.toy import toy_world
    >>> 0.0 < optimal_tariff(toy_world(), "USA") < 1.0
    True
    >>> optimal_tariff(toy_world(), "FRA")
    Traceback (most recent call last):
    ...
    tradewar.errors.UnknownCode: Unknown country 'FRA': expected one of the world's 3 ISO3...
    """
    i = world.index(country)
    others = np.arange(world.size) != i
    exports_term = (
        (1.0 - world.nu[others]) * world.flows[i, others] * (1.0 - world.shares[i, others])
    ).sum()
    base = world.expenditure[i] if denominator is ImportDenominator.expenditure else world.income[i]
    delta = exports_term / ((1.0 - world.nu[i]) * (base - world.flows[i, i]))
    return float(1.0 / ((1.0 + delta * world.elasticities.trade) * world.phi[i] - 1.0))


def optimal_retaliation_tariff(world: World) -> float:
    """Uniform optimal retaliation of the non-US coalition (ge-model §6): 0.227422.

    The formula of :func:`optimal_tariff` applied to the two-region aggregate (non-US, US)
    of the completed matrix, with the Y denominator and φ of a non-US country (quirk 3).
    """
    us = world.index(UNITED_STATES)
    aggregator = np.zeros((2, world.size))
    aggregator[0, :] = 1.0
    aggregator[0, us] = 0.0
    aggregator[1, us] = 1.0
    flows2 = aggregator @ world.flows @ aggregator.T
    income2 = aggregator @ world.income
    shares2 = flows2 / flows2.sum(axis=0)[None, :]
    non_us = int(np.flatnonzero(np.arange(world.size) != us)[0])
    nu2 = np.array([world.nu[non_us], world.nu[us]])
    delta_non_us = (
        flows2[0, 1] * (1.0 - nu2[1]) * (1.0 - shares2[0, 1])
        / ((1.0 - nu2[0]) * (income2[0] - flows2[0, 0]))
    )  # fmt: skip
    return float(1.0 / ((1.0 + delta_non_us * world.elasticities.trade) * world.phi[non_us] - 1.0))


def optimal_tariff_policy(world: World) -> Policy:
    """Scenario c4: the US sets ``t*_E`` on every partner, no retaliation."""
    rate = optimal_tariff(world, UNITED_STATES, ImportDenominator.expenditure)
    return us_import_tariffs(world, np.full(world.size, rate))


def optimal_war_policy(world: World) -> Policy:
    """Scenario c7: US ``t*_Y`` on every partner and every partner ``t^R`` on the US."""
    rate = optimal_tariff(world, UNITED_STATES, ImportDenominator.income)
    policy = us_import_tariffs(world, np.full(world.size, rate))
    return with_uniform_retaliation(world, policy, optimal_retaliation_tariff(world))


def _bilateral_war(world: World, partner_rates: dict[int, float]) -> Policy:
    """10% both ways with everyone, then ``rate`` both ways with the listed partners."""
    us = world.index(UNITED_STATES)
    tariffs = np.zeros((world.size, world.size))
    tariffs[:, us] = USTR_MINIMUM_RATE
    tariffs[us, :] = USTR_MINIMUM_RATE
    for partner, rate in partner_rates.items():
        tariffs[partner, us] = rate
        tariffs[us, partner] = rate
    tariffs[us, us] = 0.0
    return Policy(world.countries, tariffs)


def war_with_eu_and_china(world: World, schedule: FloatArray) -> Policy:
    """Scenario r1 (Table 8 case 1): truce at 10% with all, USTR rates both ways with CHN+EU25."""
    rates = ustr_rates(world, schedule)
    partners = [world.index(CHINA), *(world.index(code) for code in EU25_ISO3)]
    return _bilateral_war(world, {k: float(rates[k]) for k in partners})


def war_with_china(world: World, schedule: FloatArray) -> Policy:
    """Scenario r2 (Table 8 case 2): 10% with all, the USTR CHN rate (54%) both ways."""
    china = world.index(CHINA)
    return _bilateral_war(world, {china: float(ustr_rates(world, schedule)[china])})


def escalated_war_with_china(world: World) -> Policy:
    """Scenario r3 (Table 8 case 3): as r2 at 108% both ways."""
    return _bilateral_war(world, {world.index(CHINA): US_CHINA_ESCALATION_RATE})


def ossa_retaliation_rate(world: World) -> float:
    """Retaliation rate of deficit case (4): ``1/((1+ε) φ_US − 1)`` = 0.162226 (quirk 4)."""
    phi_us = world.phi[world.index(UNITED_STATES)]
    return float(1.0 / ((1.0 + world.elasticities.trade) * phi_us - 1.0))


def eaton_kortum_retaliation_rate(world: World) -> float:
    """Retaliation rate of deficit case (3): ``1/((1+ε)·1 − 1)`` = 0.25."""
    return float(1.0 / ((1.0 + world.elasticities.trade) - 1.0))
