"""The analytic Jacobians match central finite differences (tolerance 1e-6 relative)."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.model.calibration import World, eaton_kortum_variant, input_output_variant
from tradewar.model.equations import BaselineSystem, InputOutputSystem
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.model.toy import toy_world


def finite_difference(system: BaselineSystem | InputOutputSystem, z: np.ndarray) -> np.ndarray:
    step = 1e-6
    columns = []
    for k in range(system.size):
        e = np.zeros(system.size)
        e[k] = step
        columns.append((system.residual(z + e) - system.residual(z - e)) / (2 * step))
    return np.column_stack(columns)


def war_policy(world: World, revenue: RevenueTreatment) -> Policy:
    return (
        Policy.free_trade(world.countries, revenue)
        .with_tariff("USA", "CHN", 0.54)
        .with_tariff("USA", "DEU", 0.20)
        .with_tariff("CHN", "USA", 0.34)
        .with_tariff("DEU", "CHN", 0.05)
    )


@pytest.mark.parametrize("revenue", list(RevenueTreatment))
@pytest.mark.parametrize("variant", ["baseline", "eaton-kortum"])
def test_baseline_jacobian(revenue: RevenueTreatment, variant: str) -> None:
    world = toy_world() if variant == "baseline" else eaton_kortum_variant(toy_world())
    system = BaselineSystem(world, war_policy(world, revenue))
    z = np.random.default_rng(7).normal(0.0, 0.03, system.size)
    _, jacobian = system.residual_and_jacobian(z)
    numeric = finite_difference(system, z)
    assert np.abs(jacobian - numeric).max() <= 1e-6 * max(1.0, np.abs(numeric).max())


def test_input_output_jacobian() -> None:
    world = input_output_variant(toy_world())
    system = InputOutputSystem(world, war_policy(world, RevenueTreatment.income_tax_relief))
    z = np.random.default_rng(11).normal(0.0, 0.03, system.size)
    _, jacobian = system.residual_and_jacobian(z)
    numeric = finite_difference(system, z)
    assert np.abs(jacobian - numeric).max() <= 1e-6 * max(1.0, np.abs(numeric).max())


def test_input_output_free_trade_is_the_factual_equilibrium() -> None:
    world = input_output_variant(toy_world())
    system = InputOutputSystem(world, Policy.free_trade(world.countries))
    assert np.abs(system.residual(np.zeros(system.size))).max() < 1e-13


@pytest.mark.parametrize("revenue", list(RevenueTreatment))
def test_fast_residual_equals_the_explicit_one(revenue: RevenueTreatment) -> None:
    """The matrix–vector residual equals the one built from full flows (ge-model §4.2)."""
    world = toy_world()
    system = BaselineSystem(world, war_policy(world, revenue))
    z = np.random.default_rng(3).normal(0.0, 0.05, system.size)
    explicit = system._residual(z, system.state(z))
    assert system.residual(z) == pytest.approx(explicit, rel=1e-12, abs=1e-14)


def test_jacobian_with_a_single_tariff_setter() -> None:
    """Only the US levies tariffs: the sparse revenue-derivative path."""
    world = toy_world()
    policy = Policy.free_trade(world.countries).with_uniform_tariff("USA", 0.3)
    system = BaselineSystem(world, policy)
    z = np.random.default_rng(5).normal(0.0, 0.03, system.size)
    _, jacobian = system.residual_and_jacobian(z)
    jacobian = jacobian.copy()
    numeric = finite_difference(system, z)
    assert np.abs(jacobian - numeric).max() <= 1e-6 * max(1.0, np.abs(numeric).max())
