"""Policy helpers, clear errors on bad input, and convergence failures that carry diagnostics."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info  # type: ignore[import-untyped]

from tradewar.errors import ConvergenceError, InvalidInput, UnknownCode
from tradewar.model.calibration import calibrate_world
from tradewar.model.policy import Policy
from tradewar.model.solve import SolverOptions, single_threaded_blas, solve
from tradewar.model.toy import TOY_COUNTRIES, toy_world


def test_helpers_build_the_matrix() -> None:
    policy = (
        Policy.free_trade(TOY_COUNTRIES)
        .with_tariff("USA", "CHN", 0.54)
        .with_uniform_tariff("USA", 0.10)
        .with_reciprocal_retaliation("USA", by=["CHN"])
    )
    assert policy.tariff("USA", "CHN") == 0.54
    assert policy.tariff("USA", "DEU") == 0.10  # "everyone else 10%"
    assert policy.tariff("CHN", "USA") == 0.54  # CHN retaliates reciprocally
    assert policy.tariff("DEU", "USA") == 0.0
    everyone = policy.with_retaliation_rate("USA", 0.25)
    assert everyone.tariff("DEU", "USA") == everyone.tariff("CHN", "USA") == 0.25
    assert np.all(np.diag(everyone.tariffs) == 0)


def test_uniform_tariff_can_override() -> None:
    policy = Policy.free_trade(TOY_COUNTRIES).with_tariff("USA", "CHN", 0.54)
    assert policy.with_uniform_tariff("USA", 0.1, only_unset=False).tariff("USA", "CHN") == 0.1


def test_negative_rate_names_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"tariff of USA on CHN is -0\.1; expected"):
        Policy.free_trade(TOY_COUNTRIES).with_tariff("USA", "CHN", -0.1)


def test_unknown_country_is_named() -> None:
    with pytest.raises(UnknownCode, match="'XXX'"):
        Policy.free_trade(TOY_COUNTRIES).with_tariff("USA", "XXX", 0.1)


def test_matrix_shape_is_checked() -> None:
    with pytest.raises(InvalidInput, match=r"shape \(2, 2\); expected \(3, 3\)"):
        Policy(TOY_COUNTRIES, np.zeros((2, 2)))


def test_self_tariff_is_rejected() -> None:
    tariffs = np.eye(3) * 0.1
    with pytest.raises(InvalidInput, match="diagonal"):
        Policy(TOY_COUNTRIES, tariffs)


def test_policy_must_match_world() -> None:
    with pytest.raises(InvalidInput, match=r"policy\.countries does not match"):
        solve(toy_world(), Policy.free_trade(("USA", "DEU", "CHN")))


def test_calibration_rejects_bad_data() -> None:
    with pytest.raises(InvalidInput, match="gdp must be finite and positive"):
        calibrate_world(TOY_COUNTRIES, np.ones((3, 3)), np.array([1.0, -1.0, 1.0]))
    with pytest.raises(InvalidInput, match="must include 'USA'"):
        calibrate_world(("CAN", "CHN", "DEU"), np.ones((3, 3)), np.ones(3) * 100)


def test_non_convergence_raises_with_diagnostics() -> None:
    world = toy_world()
    policy = Policy.free_trade(world.countries).with_uniform_tariff("USA", 3.0)
    with pytest.raises(ConvergenceError) as caught:
        solve(world, policy, SolverOptions(max_iterations=1, tolerance=1e-14))
    diagnostics = caught.value.diagnostics
    assert diagnostics["iterations"] == 1
    assert float(diagnostics["max_residual"]) > 1e-14  # type: ignore[arg-type]
    assert len(diagnostics["residual_history"]) == 2  # type: ignore[arg-type]


def test_options_are_validated() -> None:
    with pytest.raises(InvalidInput, match="tolerance"):
        SolverOptions(tolerance=0.0)


def test_large_tariffs_still_converge() -> None:
    world = toy_world()
    policy = (
        Policy.free_trade(world.countries)
        .with_tariff("USA", "CHN", 1.45)
        .with_tariff("CHN", "USA", 1.25)
    )
    result = solve(world, policy)
    assert result.max_residual < 1e-10
    assert result.outcomes.welfare[world.index("CHN")] < 0


def _blas_threads_now() -> set[int]:
    return {int(pool["num_threads"]) for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_single_threaded_blas_nests_and_restores() -> None:
    """An inner limit inside an outer one sets nothing (it is already one thread) and must not
    lift the outer limit when it ends; the outer one restores what was there before."""
    before = _blas_threads_now()
    with single_threaded_blas():
        assert _blas_threads_now() <= {1}
        with single_threaded_blas():
            assert _blas_threads_now() <= {1}
        assert _blas_threads_now() <= {1}
    assert _blas_threads_now() == before
