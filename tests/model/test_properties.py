"""Properties theory predicts, on random small worlds (hypothesis, fixed derandomized runs)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.model.conftest import random_worlds
from tradewar.model.calibration import World, input_output_variant
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.model.results import Weighting, group_members
from tradewar.model.solve import build_system, solve

MODEL_PROFILE = settings(
    deadline=None,
    derandomize=True,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow],
)


@MODEL_PROFILE
@given(world=random_worlds(), revenue=st.sampled_from(list(RevenueTreatment)))
def test_zero_tariffs_change_nothing(world: World, revenue: RevenueTreatment) -> None:
    result = solve(world, Policy.free_trade(world.countries, revenue))
    assert np.abs(result.log_hats).max() < 1e-9
    for column in ("welfare", "prices", "employment", "real_wage", "exports_to_gdp"):
        assert np.abs(result.outcome(column)).max() < 1e-7


@MODEL_PROFILE
@given(world=random_worlds())
def test_zero_tariffs_change_nothing_input_output(world: World) -> None:
    result = solve(input_output_variant(world), Policy.free_trade(world.countries))
    assert np.abs(result.log_hats).max() < 1e-9
    assert np.abs(result.outcomes.welfare).max() < 1e-7


def random_policy(world: World, data: st.DataObject) -> Policy:
    rates = data.draw(
        st.lists(st.floats(0.0, 0.6), min_size=world.size, max_size=world.size), label="rates"
    )
    policy = Policy.free_trade(world.countries)
    for k, code in enumerate(world.countries[1:], start=1):
        policy = policy.with_tariff("USA", code, rates[k])
    if data.draw(st.booleans(), label="retaliate"):
        policy = policy.with_reciprocal_retaliation("USA")
    return policy


@MODEL_PROFILE
@given(world=random_worlds(), data=st.data())
def test_shares_sum_to_one(world: World, data: st.DataObject) -> None:
    policy = random_policy(world, data)
    result = solve(world, policy)
    system = build_system(world, policy)
    n = world.size
    z = np.concatenate([result.log_hats[:n], result.log_hats[2 * n :]])
    state = system.state(z)
    assert state.trade.new_shares.sum(axis=0) == pytest.approx(np.ones(n), abs=1e-12)
    assert world.shares.sum(axis=0) == pytest.approx(np.ones(n), abs=1e-12)


@MODEL_PROFILE
@given(world=random_worlds(), data=st.data())
def test_higher_bilateral_tariff_lowers_that_flow(world: World, data: st.DataObject) -> None:
    importer = data.draw(st.integers(0, world.size - 1), label="importer")
    exporter = data.draw(
        st.integers(0, world.size - 1).filter(lambda k: k != importer), label="exporter"
    )
    if world.flows[exporter, importer] == 0:
        return  # no flow to lower
    base = data.draw(st.floats(0.0, 0.5), label="base")
    increase = data.draw(st.floats(0.05, 0.5), label="increase")
    importer_code, exporter_code = world.countries[importer], world.countries[exporter]
    low = Policy.free_trade(world.countries).with_tariff(importer_code, exporter_code, base)
    high = low.with_tariff(importer_code, exporter_code, base + increase)
    flow_low = bilateral_flow(world, low, exporter, importer)
    flow_high = bilateral_flow(world, high, exporter, importer)
    assert flow_high < flow_low


def bilateral_flow(world: World, policy: Policy, exporter: int, importer: int) -> float:
    result = solve(world, policy)
    n = world.size
    z = np.concatenate([result.log_hats[:n], result.log_hats[2 * n :]])
    return float(build_system(world, policy).state(z).trade.new_flows[exporter, importer])


@MODEL_PROFILE
@given(world=random_worlds(), data=st.data())
def test_aggregates_match_the_country_rows(world: World, data: st.DataObject) -> None:
    result = solve(world, random_policy(world, data))
    rows = result.to_frame()
    groups = result.groups().set_index("group")
    members = group_members(world.countries)
    weights = world.expenditure
    for name, positions in members.items():
        for column in ("welfare", "prices", "employment", "deficit"):
            expected = np.average(rows[column].to_numpy()[positions], weights=weights[positions])
            assert groups.loc[name, column] == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert groups.loc["USA", "welfare"] == pytest.approx(rows.loc[0, "welfare"])
    simple = result.groups(overrides={"welfare": Weighting.unweighted}).set_index("group")
    assert simple.loc["non-US", "welfare"] == pytest.approx(rows["welfare"][1:].mean())


@MODEL_PROFILE
@given(world=random_worlds(), data=st.data())
def test_world_budget_adds_up(world: World, data: st.DataObject) -> None:
    """Σ E' = Σ (R + Y' + T·ΣY'/ΣY): the budget constraints hold country by country."""
    policy = random_policy(world, data)
    result = solve(world, policy)
    n = world.size
    hats = np.exp(result.log_hats)
    new_expenditure = hats[n : 2 * n] * world.expenditure
    income = result.outcomes.income_hat * world.income
    growth = income.sum() / world.income.sum()
    budget = result.outcomes.revenue + income + world.transfers * growth
    assert new_expenditure == pytest.approx(budget, rel=1e-9)


@MODEL_PROFILE
@given(world=random_worlds(), data=st.data())
def test_numeraire_holds_the_world_price_index(world: World, data: st.DataObject) -> None:
    """The expenditure-weighted price change is zero: the baseline numeraire (ge-model §4.2)."""
    result = solve(world, random_policy(world, data))
    weighted = result.outcomes.prices @ world.expenditure / world.expenditure.sum()
    assert weighted == pytest.approx(0.0, abs=1e-8)  # percent


@MODEL_PROFILE
@given(world=random_worlds(), data=st.data(), factor=st.floats(1e-3, 1e3))
def test_outcomes_do_not_depend_on_the_currency_unit(
    world: World, data: st.DataObject, factor: float
) -> None:
    """Scaling every flow and GDP by one factor changes no percentage outcome."""
    from tradewar.model.calibration import calibrate_world

    raw = world.flows.copy()
    np.fill_diagonal(raw, 0.0)
    gdp = world.gdp if world.gdp is not None else world.income
    scaled = calibrate_world(world.countries, raw * factor, gdp * factor)
    policy = random_policy(world, data)
    base, rescaled = solve(world, policy), solve(scaled, policy)
    for column in ("welfare", "prices", "employment", "exports_to_gdp", "deficit"):
        assert rescaled.outcome(column) == pytest.approx(base.outcome(column), abs=1e-7)
