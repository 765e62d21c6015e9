"""Layer A: equilibrium, conservation, monotonicity, the closed-form stop, re-sourcing."""

from __future__ import annotations

import numpy as np
import pytest

from tests.supply.chains import three_tier
from tradewar.errors import InvalidInput
from tradewar.supply.dynamics import (
    DrawParameters,
    DynamicsSettings,
    availability,
    lost_output,
    relative_output,
    simulate_chain,
    weeks_to_stop,
)
from tradewar.supply.network import ChainArrays, load_bundled_chain
from tradewar.supply.policy import weekly_approval
from tradewar.supply.scenario import draw_inputs, get_scenario


def _ban_from(chain: ChainArrays, weeks: int, start_week: int, share: float = 0.0) -> np.ndarray:
    """(T, 1, E) approval: edges out of CHN restricted from ``start_week``."""
    chinese = np.array([chain.countries[c] == "CHN" for c in chain.node_country])
    foreign = ~chain.edge_domestic
    hit = chinese[chain.edge_supplier] & foreign
    approval = np.ones((weeks, 1, chain.n_edges))
    approval[start_week:, 0, hit] = share
    return approval


def _calibrated(
    draws: int = 16, seed: int = 3
) -> tuple[ChainArrays, np.ndarray, DrawParameters, str]:
    scenario = get_scenario("rare-earths-2025")
    chain = load_bundled_chain(scenario.chain)
    central = weekly_approval(
        chain, [r.to_restriction() for r in scenario.restrictions], scenario.start, scenario.weeks
    )
    drawn = draw_inputs(chain, central, scenario.uncertainty, draws, seed)
    return chain, drawn.approval, drawn.params, scenario.rationing


@pytest.mark.parametrize("rationing", ["proportional", "domestic_priority"])
def test_no_shock_stays_at_baseline(rationing: str) -> None:
    chain = load_bundled_chain("rare_earths")
    params = DrawParameters.central(chain, draws=3)
    params = DrawParameters(
        params.cover_weeks * np.array([[0.5], [1.0], [2.0]]),
        params.qualification_weeks,
        params.alternative_share,
    )
    settings = DynamicsSettings(rationing=rationing)  # type: ignore[arg-type]
    path = simulate_chain(chain, np.ones((52, 1, chain.n_edges)), params, settings)
    drift = np.abs(relative_output(chain, path) - 1.0).max()
    assert drift < 1e-9
    np.testing.assert_allclose(availability(chain, path), 1.0, atol=1e-9)
    np.testing.assert_allclose(path.stock[-1], params.cover_weeks * chain.slot_need, rtol=1e-9)
    assert np.all(np.isnan(weeks_to_stop(chain, path)))


def test_flows_are_conserved_and_stocks_never_negative() -> None:
    chain, approval, params, rationing = _calibrated()
    path = simulate_chain(chain, approval, params, DynamicsSettings(rationing=rationing))  # type: ignore[arg-type]
    balance = path.shipped_total + path.in_transit_start - path.arrived_total - path.in_transit_end
    assert np.abs(balance).max() < 1e-8 * path.shipped_total.max()
    assert path.stock.min() >= 0.0
    assert path.output.min() >= 0.0
    assert np.all(path.output <= chain.capacity * (1 + 1e-12))
    # stock identity per slot: stock_T = stock_0 + arrivals - use
    use = (chain.per_unit * path.output[:, :, chain.slot_node]).sum(axis=0)
    start = params.cover_weeks * chain.slot_need
    critical = chain.critical
    np.testing.assert_allclose(
        path.stock[-1][:, critical],
        (start + path.received.sum(axis=0) - use)[:, critical],
        rtol=1e-9,
        atol=1e-9,
    )


def _downstream(chain: ChainArrays) -> np.ndarray:
    return chain.product_tiers[chain.node_product] >= 2


@pytest.mark.parametrize("rationing", ["proportional", "domestic_priority"])
def test_lower_approval_never_raises_downstream_output(rationing: str) -> None:
    chain = load_bundled_chain("rare_earths")
    params = DrawParameters.central(chain)
    settings = DynamicsSettings(rationing=rationing)  # type: ignore[arg-type]
    previous = None
    for share in (0.9, 0.6, 0.3, 0.1, 0.0):
        path = simulate_chain(chain, _ban_from(chain, 40, 2, share), params, settings)
        out = path.output[:, 0, _downstream(chain)]
        if previous is not None:
            assert np.all(out <= previous * (1 + 1e-9) + 1e-9), share
        previous = out


@pytest.mark.parametrize("share", [0.0, 0.3])
def test_shorter_cover_never_raises_output_of_a_chain(share: float) -> None:
    """Week by week, on a chain whose buyers do not compete for the same supplier."""
    approval = _ban_from(three_tier(), 30, 1, share)
    previous = None
    for cover in (6.0, 3.0, 1.5, 0.5):
        chain = three_tier(magnet_cover=cover, motor_cover=cover)
        out = simulate_chain(chain, approval, DrawParameters.central(chain)).output[:, 0]
        if previous is not None:
            assert np.all(out[:, 1:] <= previous[:, 1:] * (1 + 1e-9) + 1e-9), cover
        previous = out


def test_shorter_cover_never_raises_cumulative_downstream_output() -> None:
    """On the bundled chain buyers share non-Chinese suppliers' spare capacity, so a buyer
    with less cover can leave a rival a little more in some week; the total lost by each
    downstream product still only grows as cover shrinks."""
    chain = load_bundled_chain("rare_earths")
    approval = _ban_from(chain, 40, 2, 0.26)
    previous = None
    for scale in (2.0, 1.0, 0.5, 0.1):
        params = DrawParameters.central(chain)
        params = DrawParameters(
            params.cover_weeks * scale, params.qualification_weeks, params.alternative_share
        )
        out = simulate_chain(chain, approval, params).output[:, 0].sum(axis=0)
        by_product = np.bincount(
            chain.node_product, out / chain.baseline_output, minlength=len(chain.products)
        )
        downstream = chain.product_tiers >= 2
        if previous is not None:
            assert np.all(by_product[downstream] <= previous[downstream] + 1e-9), scale
        previous = by_product


@pytest.mark.parametrize(
    ("oxide_lead", "magnet_cover", "magnet_lead", "motor_cover", "ban_week"),
    [(2, 3.0, 3, 2.0, 1), (1, 0.0, 1, 1.0, 0), (4, 5.0, 2, 6.0, 3)],
)
def test_total_ban_stops_downstream_after_cover_plus_lead(
    oxide_lead: int, magnet_cover: float, magnet_lead: int, motor_cover: float, ban_week: int
) -> None:
    """Closed form: the car plant's first zero week is t0 + L1 + C1 + L2 + C2."""
    chain = three_tier(
        oxide_lead=oxide_lead,
        magnet_cover=magnet_cover,
        magnet_lead=magnet_lead,
        motor_cover=motor_cover,
    )
    approval = _ban_from(chain, 30, ban_week)
    path = simulate_chain(chain, approval, DrawParameters.central(chain))
    rel = relative_output(chain, path)[:, 0]
    magnet, car = chain.node_index("magnet", "JPN"), chain.node_index("car", "USA")
    magnet_stop = ban_week + oxide_lead + int(magnet_cover)
    car_stop = magnet_stop + magnet_lead + int(motor_cover)
    np.testing.assert_allclose(rel[:magnet_stop, magnet], 1.0)
    np.testing.assert_allclose(rel[magnet_stop:, magnet], 0.0, atol=1e-12)
    np.testing.assert_allclose(rel[:car_stop, car], 1.0)
    np.testing.assert_allclose(rel[car_stop:, car], 0.0, atol=1e-12)
    assert weeks_to_stop(chain, path)[0, car] == car_stop
    assert lost_output(chain, path)[0, car] == pytest.approx(100.0 * (30 - car_stop))


def test_fractional_cover_gives_a_partial_last_week() -> None:
    chain = three_tier(oxide_lead=1, magnet_cover=2.5, magnet_lead=1, motor_cover=1.0)
    rel = relative_output(
        chain, simulate_chain(chain, _ban_from(chain, 12, 0), DrawParameters.central(chain))
    )[:, 0]
    magnet = chain.node_index("magnet", "JPN")
    np.testing.assert_allclose(rel[:4, magnet], [1, 1, 1, 0.5])
    np.testing.assert_allclose(rel[4:, magnet], 0.0, atol=1e-12)


def test_alternative_supplier_restarts_production_after_qualification() -> None:
    chain = three_tier(
        oxide_lead=1,
        magnet_cover=2.0,
        magnet_lead=1,
        motor_cover=1.0,
        alternative=True,
        qualification=8.0,
    )
    rel = relative_output(
        chain, simulate_chain(chain, _ban_from(chain, 40, 0), DrawParameters.central(chain))
    )[:, 0]
    magnet = chain.node_index("magnet", "JPN")
    # ban at week 0: stock of 2 weeks after 1 week of pipeline -> stopped from week 3;
    # qualified for orders placed at the end of week 7, shipped in week 8, arriving week 9
    np.testing.assert_allclose(rel[3:9, magnet], 0.0, atol=1e-12)
    assert rel[9, magnet] > 0.25
    # inventory restoration overshoots a little, then settles back at baseline
    assert rel[16:, magnet].min() > 0.99
    assert rel[:, magnet].max() <= 1.0 + 1e-12


def test_domestic_priority_protects_home_buyers() -> None:
    chain = load_bundled_chain("rare_earths")
    # A capacity cut at Chinese magnet makers: domestic priority keeps Chinese car lines running.
    capped = chain.__class__(**{**chain.__dict__, "capacity": chain.capacity.copy()})
    capped.capacity[chain.node_index("ndfeb_magnet", "CHN")] *= 0.5
    free = np.ones((20, 1, chain.n_edges))
    params = DrawParameters.central(chain)
    home = simulate_chain(capped, free, params, DynamicsSettings(rationing="domestic_priority"))
    shared = simulate_chain(capped, free, params, DynamicsSettings(rationing="proportional"))
    chinese_cars = chain.node_index("car", "CHN")
    us_cars = chain.node_index("car", "USA")
    assert home.output[-1, 0, chinese_cars] > shared.output[-1, 0, chinese_cars]
    assert home.output[-1, 0, us_cars] < shared.output[-1, 0, us_cars]


def test_bad_inputs_name_the_field() -> None:
    chain = load_bundled_chain("us_controls")
    params = DrawParameters.central(chain)
    with pytest.raises(InvalidInput, match="approval: shares outside"):
        simulate_chain(chain, np.full((3, 1, chain.n_edges), 1.5), params)
    with pytest.raises(InvalidInput, match=r"restore_weeks 0\.5"):
        DynamicsSettings(restore_weeks=0.5)
    with pytest.raises(InvalidInput, match="rationing 'random'"):
        DynamicsSettings(rationing="random")  # type: ignore[arg-type]


def test_monte_carlo_is_reproducible_and_vectorised() -> None:
    chain, approval, params, rationing = _calibrated(draws=8, seed=11)
    first = simulate_chain(chain, approval, params, DynamicsSettings(rationing=rationing))  # type: ignore[arg-type]
    _, approval2, params2, _ = _calibrated(draws=8, seed=11)
    second = simulate_chain(chain, approval2, params2, DynamicsSettings(rationing=rationing))  # type: ignore[arg-type]
    np.testing.assert_array_equal(first.output, second.output)
    # draw k of the batch equals a single run with draw k's parameters
    k = 5
    single = DrawParameters(
        params.cover_weeks[k : k + 1],
        params.qualification_weeks[k : k + 1],
        params.alternative_share[k : k + 1],
    )
    settings = DynamicsSettings(rationing=rationing)  # type: ignore[arg-type]
    alone = simulate_chain(chain, approval[:, k : k + 1], single, settings)
    np.testing.assert_allclose(alone.output[:, 0], first.output[:, k], rtol=1e-12)
