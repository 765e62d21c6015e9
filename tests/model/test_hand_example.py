"""A three-country example worked by hand (numbers in the comments are hand arithmetic)."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.model.calibration import (
    World,
    complete_flows,
    national_accounts,
    passthrough_from_nu,
)
from tradewar.model.equations import BaselineSystem, tariff_terms, trade_shares
from tradewar.model.parameters import Elasticities
from tradewar.model.policy import Policy
from tradewar.model.scenarios import ImportDenominator, optimal_tariff
from tradewar.model.solve import solve

COUNTRIES = ("USA", "CHN", "DEU")
RAW = np.array([[0.0, 10.0, 5.0], [20.0, 0.0, 5.0], [10.0, 5.0, 0.0]])
GDP = np.array([100.0, 80.0, 40.0])
NU = np.array([0.25, 0.1, 0.1])


def hand_world() -> World:
    flows = complete_flows(RAW, GDP, NU)
    expenditure, income, transfers = national_accounts(flows, NU)
    return World(
        countries=COUNTRIES,
        flows=flows,
        expenditure=expenditure,
        income=income,
        transfers=transfers,
        shares=flows / expenditure[None, :],
        nu=NU,
        phi=passthrough_from_nu(NU),
        elasticities=Elasticities(),
        gdp=GDP,
    )


def test_domestic_absorption_by_hand() -> None:
    # imports = (30, 15, 10); Σ_n (1−ν_n) X⁰[i,n] = (13.5, 19.5, 12)
    # T⁰ = (1−ν)(imports − that) = (12.375, −4.05, −1.8); X_ii = GDP + T⁰ − imports
    flows = complete_flows(RAW, GDP, NU)
    assert np.diag(flows) == pytest.approx([82.375, 60.95, 28.2], abs=1e-12)
    off = flows.copy()
    np.fill_diagonal(off, 0.0)
    assert off == pytest.approx(RAW)


def test_national_accounts_by_hand() -> None:
    # E = column sums = (112.375, 75.95, 38.2)
    # Y_0 = .75·82.375 + .9·10 + .9·5 + .25·112.375 = 103.375, Y_1 = 81.95, Y_2 = 41.2
    world = hand_world()
    assert world.expenditure == pytest.approx([112.375, 75.95, 38.2], abs=1e-12)
    assert world.income == pytest.approx([103.375, 81.95, 41.2], abs=1e-12)
    assert world.transfers == pytest.approx([9.0, -6.0, -3.0], abs=1e-12)
    assert world.shares.sum(axis=0) == pytest.approx(np.ones(3))


def test_passthrough_by_hand() -> None:
    # φ = 1 + (1 + 0.67/4)·ν/(1−ν): 1 + 1.1675/3 and 1 + 1.1675/9
    assert passthrough_from_nu(NU) == pytest.approx(
        [1 + 1.1675 / 3, 1 + 1.1675 / 9, 1 + 1.1675 / 9]
    )
    assert passthrough_from_nu(NU, 0.25) == pytest.approx(
        [0.25 + 1.1675 / 3, 0.25 + 1.1675 / 9, 0.25 + 1.1675 / 9]
    )


def test_optimal_tariff_by_hand() -> None:
    world = hand_world()
    # δ = [.9·10·(1 − 10/75.95) + .9·5·(1 − 5/38.2)] / (.75·(112.375 − 82.375))
    delta = (0.9 * 10 * (1 - 10 / 75.95) + 0.9 * 5 * (1 - 5 / 38.2)) / (0.75 * 30.0)
    phi_us = 1 + 1.1675 / 3
    expected = 1 / ((1 + 4 * delta) * phi_us - 1)
    assert optimal_tariff(world, "USA", ImportDenominator.expenditure) == pytest.approx(expected)
    delta_y = delta * 30.0 / (103.375 - 82.375)
    expected_y = 1 / ((1 + 4 * delta_y) * phi_us - 1)
    assert optimal_tariff(world, "USA", ImportDenominator.income) == pytest.approx(expected_y)


def test_first_round_shares_by_hand() -> None:
    # A 50% US tariff on CHN at unchanged costs: λ'[CHN,USA] = λ·1.5^(−εφ_US) / S_US
    world = hand_world()
    policy = Policy.free_trade(COUNTRIES).with_tariff("USA", "CHN", 0.5)
    shares = trade_shares(world, tariff_terms(world, policy), np.zeros(3))
    lam = world.shares[:, 0]
    shifter = 1.5 ** (-4 * (1 + 1.1675 / 3))
    s_us = lam[0] + lam[1] * shifter + lam[2]
    assert shares.new_shares[1, 0] == pytest.approx(lam[1] * shifter / s_us)
    assert shares.revenue_rate[0] == pytest.approx(lam[1] * shifter / s_us * 0.5 / 1.5)
    assert shares.new_shares[:, 1] == pytest.approx(world.shares[:, 1])


def test_free_trade_is_the_factual_equilibrium() -> None:
    world = hand_world()
    system = BaselineSystem(world, Policy.free_trade(COUNTRIES))
    assert np.abs(system.residual(np.zeros(system.size))).max() < 1e-14


def _level_residuals(
    world: World, tariffs: np.ndarray, hats: np.ndarray, relief: bool
) -> list[float]:
    """Spec §4.2 equations (F1–F3) in levels, written out with loops."""
    n = world.size
    eps, psi, kappa = 4.0, 0.67 / 4, 0.5
    w, e, lab = hats[:n], hats[n : 2 * n], hats[2 * n :]
    a = np.zeros((n, n))
    for j in range(n):
        for i in range(n):
            cost = w[j] * lab[j] ** (-psi)
            a[j, i] = (
                world.shares[j, i] * cost ** (-eps) * (1 + tariffs[j, i]) ** (-eps * world.phi[i])
            )
    s = a.sum(axis=0)
    lam = a / s
    price = (e / w) ** (1 - world.phi) * s ** (-1 / eps)
    x_new = np.zeros((n, n))
    revenue = np.zeros(n)
    for j in range(n):
        for i in range(n):
            x_new[j, i] = lam[j, i] * e[i] * world.expenditure[i] / (1 + tariffs[j, i])
            revenue[i] += (
                lam[j, i] * e[i] * world.expenditure[i] * tariffs[j, i] / (1 + tariffs[j, i])
            )
    y_new = w * lab * world.income
    out = []
    for i in range(n - 1):
        sales = sum((1 - world.nu[m]) * x_new[i, m] for m in range(n))
        sales += world.nu[i] * x_new[:, i].sum()
        out.append((sales - y_new[i]) / world.expenditure[i])
    out.append(float(np.mean((price - 1) * world.expenditure)) / world.expenditure.mean())
    growth = y_new.sum() / world.income.sum()
    for i in range(n):
        out.append(
            (revenue[i] + y_new[i] + world.transfers[i] * growth - e[i] * world.expenditure[i])
            / world.expenditure[i]
        )
    for i in range(n):
        tau = revenue[i] / y_new[i] if relief else 0.0
        out.append(lab[i] - (w[i] / (1 - tau) / price[i]) ** kappa)
    return out


@pytest.mark.parametrize("relief", [True, False])
def test_solution_satisfies_the_level_equations(relief: bool) -> None:
    from tradewar.model.policy import RevenueTreatment

    world = hand_world()
    revenue = RevenueTreatment.income_tax_relief if relief else RevenueTreatment.lump_sum
    policy = (
        Policy.free_trade(COUNTRIES, revenue)
        .with_tariff("USA", "CHN", 0.54)
        .with_tariff("USA", "DEU", 0.2)
        .with_tariff("CHN", "USA", 0.34)
    )
    result = solve(world, policy)
    hats = np.exp(result.log_hats)
    residuals = _level_residuals(world, policy.tariffs, hats, relief)
    assert np.abs(residuals).max() < 1e-9
    # Welfare by hand (ge-model §4.3) from the hats.
    n = 3
    w, e, lab = hats[:n], hats[n : 2 * n], hats[2 * n :]
    price = 1 + result.outcomes.prices / 100
    tau = result.outcomes.revenue * relief / (w * lab * world.income)
    delta = world.expenditure / (world.expenditure - 0.5 * (1 - tau) * world.income / 1.5)
    welfare = delta * e / price + (1 - delta) * w * lab / price
    assert result.outcomes.welfare == pytest.approx(100 * (welfare - 1), abs=1e-9)
    assert result.outcomes.employment == pytest.approx(100 * (lab - 1), abs=1e-12)


def _io_level_residuals(world: World, tariffs: np.ndarray, hats: np.ndarray) -> list[float]:
    """Spec §8.2 equations (G1–G4) of the input–output model in levels, with loops."""
    n = world.size
    eps, psi, kappa, beta = 4.0, 0.67 / 4, 0.5, world.value_added_share
    w, e, lab, p = hats[:n], hats[n : 2 * n], hats[2 * n : 3 * n], hats[3 * n :]
    a = np.zeros((n, n))
    for j in range(n):
        bundle = w[j] ** beta * p[j] ** (1 - beta)
        entry = (w[j] / p[j]) ** (1 - beta)
        for i in range(n):
            a[j, i] = (
                world.shares[j, i]
                * (bundle / (entry * lab[j]) ** psi) ** (-eps)
                * (1 + tariffs[j, i]) ** (-eps * world.phi[i])
            )
    lam = a / a.sum(axis=0)
    x_new = lam * (e * world.expenditure)[None, :] / (1 + tariffs)
    revenue = (lam * (e * world.expenditure)[None, :] * tariffs / (1 + tariffs)).sum(axis=0)
    y_new = w * lab * world.income
    sales = np.array([sum((1 - world.nu[m]) * x_new[i, m] for m in range(n)) for i in range(n)])
    out = list(((beta * sales + world.nu * x_new.sum(axis=0) - y_new) / world.expenditure)[:-1])
    out.append(float(np.sum((w - 1) * world.income) / world.income.sum()))
    growth = y_new.sum() / world.income.sum()
    budget = revenue + y_new + (1 - beta) * sales + world.transfers * growth
    out += list((budget - e * world.expenditure) / world.expenditure)
    tau = revenue / y_new
    out += list(lab - (w / (1 - tau) / p) ** kappa)
    out += list(p - (e / w) ** (1 - world.phi) * a.sum(axis=0) ** (-1 / eps))
    return out


def test_input_output_solution_satisfies_the_level_equations() -> None:
    from tradewar.model.calibration import input_output_variant

    world = input_output_variant(hand_world())
    # §8.1 by hand: domestic flows grossed up by 1/β = 1/0.49.
    assert np.diag(world.flows) == pytest.approx(np.array([82.375, 60.95, 28.2]) / 0.49)
    policy = Policy.free_trade(COUNTRIES).with_tariff("USA", "CHN", 0.54)
    policy = policy.with_tariff("CHN", "USA", 0.54)
    result = solve(world, policy)
    hats = np.exp(result.log_hats)
    assert np.abs(_io_level_residuals(world, policy.tariffs, hats)).max() < 1e-9
    # Welfare on final consumption (ge-model §8.2).
    n = 3
    w, lab, price = hats[:n], hats[2 * n : 3 * n], hats[3 * n :]
    y_new = w * lab * world.income
    tau = result.outcomes.revenue / y_new
    consumption = world.income + world.transfers
    growth = y_new.sum() / world.income.sum()
    consumption_hat = (result.outcomes.revenue + y_new + world.transfers * growth) / consumption
    delta = consumption / (consumption - 0.5 * (1 - tau) * world.income / 1.5)
    welfare = delta * consumption_hat / price + (1 - delta) * w * lab / price
    assert result.outcomes.welfare == pytest.approx(100 * (welfare - 1), abs=1e-9)
