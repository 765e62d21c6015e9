"""The adjoint welfare gradient against central finite differences over full solves."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import InvalidInput
from tradewar.model import Policy, RevenueTreatment, World
from tradewar.model.calibration import input_output_variant
from tradewar.model.solve import SolverOptions
from tradewar.strategy.adjoint import (
    TariffLever,
    WelfareProblem,
    discriminatory_levers,
    uniform_lever,
    welfare_weights,
)

#: Tight Newton tolerance so the finite differences are accurate to ~1e-8.
TIGHT = SolverOptions(tolerance=1e-14, max_iterations=100)
#: Step of the central differences (decimal tariff) and the agreement required
#: (percentage points of welfare per unit of tariff); the error of a central difference
#: is O(h²) ≈ 1e-8 here.
STEP = 1e-5
AGREEMENT = 1e-6


def _finite_differences(
    problem: WelfareProblem, values: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    columns = []
    for m in range(problem.size):
        step = np.zeros(problem.size)
        step[m] = STEP
        up = problem.evaluate(values + step, weights).values
        down = problem.evaluate(values - step, weights).values
        columns.append((up - down) / (2 * STEP))
    return np.array(columns).T


@pytest.mark.parametrize("revenue", list(RevenueTreatment))
def test_gradient_matches_finite_differences_toy(toy: World, revenue: RevenueTreatment) -> None:
    base = Policy.free_trade(toy.countries, revenue).with_tariff("CHN", "DEU", 0.07)
    levers = (
        uniform_lever(toy, "USA"),
        TariffLever(("CHN",), ("USA",)),
        TariffLever(("DEU",), ("USA",)),
    )
    problem = WelfareProblem(toy, base, levers, TIGHT)
    values = np.array([0.2, 0.3, 0.1])
    weights = np.eye(toy.size)
    exact = problem.evaluate(values, weights).gradients
    assert np.abs(exact).max() > 0.01  # a non-trivial gradient
    np.testing.assert_allclose(exact, _finite_differences(problem, values, weights), atol=AGREEMENT)


def test_gradient_matches_finite_differences_random_world(random_world: World) -> None:
    base = Policy.free_trade(random_world.countries).with_uniform_tariff("JPN", 0.05)
    levers = (
        *discriminatory_levers(random_world, "USA", ["CHN", "MEX"]),
        TariffLever(("CHN",), ("USA", "JPN")),
        uniform_lever(random_world, "BRA"),
        TariffLever(("DEU", "JPN"), ("USA", "DEU", "JPN", "CHN"), "coalition on outsiders"),
    )
    problem = WelfareProblem(random_world, base, levers, TIGHT)
    values = np.array([0.4, 0.15, 0.25, 0.1, 0.2])
    weights = np.vstack(
        [
            welfare_weights(random_world, ["USA"]),
            welfare_weights(random_world, ["CHN", "JPN", "DEU"], "expenditure"),
            welfare_weights(random_world, ["MEX", "BRA"], "equal"),
        ]
    )
    exact = problem.evaluate(values, weights).gradients
    np.testing.assert_allclose(exact, _finite_differences(problem, values, weights), atol=AGREEMENT)


def test_gradient_at_free_trade_is_positive_for_own_tariff(toy: World) -> None:
    """At zero tariffs a small tariff improves the terms of trade (Ossa 2014, §II)."""
    problem = WelfareProblem(toy, Policy.free_trade(toy.countries), (uniform_lever(toy, "USA"),))
    evaluation = problem.evaluate(np.zeros(1), welfare_weights(toy, ["USA"]))
    assert evaluation.gradients[0, 0] > 0
    assert abs(evaluation.values[0]) < 1e-9


def test_rejects_bad_input(toy: World) -> None:
    base = Policy.free_trade(toy.countries)
    with pytest.raises(InvalidInput, match="levers is empty"):
        WelfareProblem(toy, base, ())
    with pytest.raises(InvalidInput, match="cannot tariff itself"):
        WelfareProblem(toy, base, (TariffLever(("USA",), ("USA",)),))
    with pytest.raises(InvalidInput, match="input–output"):
        WelfareProblem(input_output_variant(toy), base, (uniform_lever(toy, "USA"),))
    problem = WelfareProblem(toy, base, (uniform_lever(toy, "USA"),))
    with pytest.raises(InvalidInput, match="finite decimals >= 0"):
        problem.policy(np.array([-0.1]))
    with pytest.raises(InvalidInput, match="weighting"):
        welfare_weights(toy, ["USA"], "population")
