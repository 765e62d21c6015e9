"""Layer B: the sparse ARIO model, its dense oracle and the optional numba kernel."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tradewar.errors import InvalidInput
from tradewar.supply.mrio import MRIO, synthetic_mrio
from tradewar.supply.sectors import (
    HAVE_NUMBA,
    ArioParameters,
    ArioState,
    DenseSystem,
    SectorShock,
    _inventory_factor,
    build_system,
    dense_reference_step,
    numba_step,
    numpy_step,
    simulate_sectors,
)


@pytest.fixture(scope="module")
def table() -> MRIO:
    return synthetic_mrio(4, 6, density=0.3, seed=2)


def _shock(table: MRIO, days: int = 200) -> SectorShock:
    n = table.n_industries
    loss = np.zeros((days, n))
    loss[:60, 3] = 0.5
    loss[:30, 10] = 0.3
    mask = np.ones((days, table.flow.size))
    banned = (table.seller == 7) & (table.buyer // 6 != 7 // 6)
    mask[:100, banned] = 0.1
    return SectorShock(loss, mask)


def test_no_shock_stays_at_baseline_for_a_year(table: MRIO) -> None:
    path = simulate_sectors(build_system(table), 365)
    assert np.abs(path.relative_production() - 1.0).max() < 1e-9
    assert np.abs(path.final_unmet).max() < 1e-9 * table.final_demand.max()


@pytest.mark.parametrize(("regions", "sectors", "density"), [(7, 13, 0.5), (7, 13, 0.9)])
def test_equilibrium_is_stable_when_input_shares_are_large(
    regions: int, sectors: int, density: float
) -> None:
    """Regression: with production-scaled stock targets, rounding errors of 1e-16 grew to
    an output collapse within a year on tables whose input shares reach 0.7."""
    table = synthetic_mrio(regions, sectors, density=density, seed=0)
    path = simulate_sectors(build_system(table), 730)
    assert np.abs(path.relative_production() - 1.0).max() < 1e-9


@pytest.mark.parametrize("resourcing", [True, False])
def test_sparse_step_equals_boario_style_dense_step(table: MRIO, resourcing: bool) -> None:
    shock = _shock(table)
    params = ArioParameters(restore_days=30.0, alpha_days=90.0, resourcing=resourcing)
    sparse = simulate_sectors(build_system(table, params), 200, shock, params)
    dense = DenseSystem.from_mrio(table, params)
    for day in range(200):
        mask = np.ones((table.n_industries, table.n_industries))
        mask[table.seller, table.buyer] = shock.edge_mask[day]  # type: ignore[index]
        result = dense_reference_step(dense, params, shock.loss_on(day), mask)
        np.testing.assert_allclose(sparse.production[day], result.production, rtol=1e-10)
        np.testing.assert_allclose(
            sparse.final_unmet[day], result.final_unmet, rtol=1e-9, atol=1e-12
        )


INVENTORIES = {
    "ten days of every input": np.full(6, 10.0),
    "tight, one non-stockable input": np.array([5.0, np.inf, 3.0, 10.0, 2.0, 30.0]),
}


@pytest.mark.parametrize("resourcing", [True, False])
@pytest.mark.parametrize("inventory", list(INVENTORIES))
def test_numba_and_numpy_kernels_agree(table: MRIO, inventory: str, resourcing: bool) -> None:
    """Step by step, the fused kernel and the numpy reference leave the same state
    (production, stocks, orders, over-production) on a run where capacity losses, export
    masks and the inventory constraint all bind."""
    if not HAVE_NUMBA:
        warnings.warn(
            "numba is not installed: numba/numpy agreement NOT checked "
            "(pip install 'tradewar[supply]')",
            stacklevel=1,
        )
        pytest.skip("numba is not installed; install the 'supply' extra to check agreement")
    params = ArioParameters(
        inventory_days=INVENTORIES[inventory],
        restore_days=20.0,
        alpha_days=90.0,
        resourcing=resourcing,
    )
    system = build_system(table, params)
    shock = _shock(table)
    masks = system.edges_from_table_order(shock.edge_mask)  # type: ignore[arg-type]
    reference, fused = ArioState.baseline(system), ArioState.baseline(system)
    inventory_binds, deviation = False, 0.0
    for day in range(200):
        loss, mask = shock.loss_on(day), masks[day]
        capacity = reference.alpha * (1.0 - loss) * system.x0
        demand = np.bincount(system.seller, reference.orders, minlength=system.n) + system.y
        factor = _inventory_factor(system, reference.stock, np.minimum(demand, capacity), params)
        inventory_binds |= bool(factor.min() < 1.0 - 1e-6)
        expected = numpy_step(system, reference, params, loss, mask)
        got = numba_step(system, fused, params, loss, mask)
        deviation = max(deviation, float(np.abs(expected.production / system.x0 - 1).max()))
        np.testing.assert_allclose(got.production, expected.production, rtol=1e-10)
        np.testing.assert_allclose(
            got.final_unmet, expected.final_unmet, rtol=1e-9, atol=1e-12 * system.y.max()
        )
        for name in ("stock", "orders", "alpha"):
            mine, theirs = getattr(fused, name), getattr(reference, name)
            np.testing.assert_allclose(
                mine,
                theirs,
                rtol=1e-9,
                atol=1e-12 * np.abs(theirs).max(),
                err_msg=f"{name} on day {day}",
            )
    assert inventory_binds, "the run must exercise the inventory constraint"
    assert deviation > 0.05, "the run must move production well away from baseline"


def test_numba_engine_runs_through_simulate_sectors(table: MRIO) -> None:
    if not HAVE_NUMBA:
        pytest.skip("numba is not installed")
    system = build_system(table)
    reference = simulate_sectors(system, 120, _shock(table, 120), engine="numpy")
    fused = simulate_sectors(system, 120, _shock(table, 120), engine="numba")
    assert fused.engine == "numba"
    np.testing.assert_allclose(fused.production, reference.production, rtol=1e-10)


def test_capacity_shock_hurts_then_recovers(table: MRIO) -> None:
    path = simulate_sectors(build_system(table), 365, _shock(table))
    rel = path.relative_production()
    assert 0.5 <= rel[10, 3] < 0.52  # half the capacity, times a little over-production
    assert rel[:60].min() < 1.0 and path.final_unmet[:60].sum() > 0
    # stocks rebuilt with over-production (α relaxes over τ_α = 365 days): close to baseline
    assert np.abs(rel[-1] - 1.0).max() < 0.1
    assert np.all(path.production >= 0)


def test_export_mask_reroutes_orders_to_other_suppliers() -> None:
    table = synthetic_mrio(3, 2, density=1.0, seed=5)
    system = build_system(table)
    banned = (table.seller == 0) & (table.buyer // 2 != 0)
    mask = np.where(banned, 0.0, 1.0)
    path = simulate_sectors(system, 120, SectorShock(np.zeros(table.n_industries), mask))
    rel = path.relative_production()
    assert rel[-1, 0] < 0.99  # the exporter loses foreign orders
    same_sector_elsewhere = [2, 4]
    assert np.all(rel[-1, same_sector_elsewhere] > 1.0)  # others pick them up


def test_parameters_and_engines_are_checked(table: MRIO) -> None:
    with pytest.raises(InvalidInput, match="restore_days"):
        ArioParameters(restore_days=0.5)
    with pytest.raises(InvalidInput, match="psi"):
        ArioParameters(psi=0.0)
    with pytest.raises(InvalidInput, match="engine 'gpu'"):
        simulate_sectors(build_system(table), 2, engine="gpu")


def test_non_stockable_inputs_never_constrain(table: MRIO) -> None:
    days = np.full(6, 90.0)
    days[1] = np.inf
    params = ArioParameters(inventory_days=days)
    path = simulate_sectors(build_system(table, params), 100, params=params)
    assert np.abs(path.relative_production() - 1.0).max() < 1e-9


def test_without_resourcing_a_banned_share_is_not_reordered_elsewhere() -> None:
    """With re-sourcing, other regions' sellers of the banned product take the orders; without
    it they get only what the buyers' growing inventory gaps add at baseline shares, so
    they sell less than with re-sourcing and buyers run shorter of the input."""
    table = synthetic_mrio(3, 2, density=1.0, seed=5)
    banned = (table.seller == 0) & (table.buyer // 2 != 0)
    shock = SectorShock(np.zeros(table.n_industries), np.where(banned, 0.0, 1.0))
    runs = {}
    for resourcing in (True, False):
        params = ArioParameters(inventory_days=np.full(2, 10.0), resourcing=resourcing)
        runs[resourcing] = simulate_sectors(build_system(table, params), 90, shock, params)
    others = [2, 4]  # sector 0 in regions 1 and 2
    with_, without = runs[True].relative_production(), runs[False].relative_production()
    assert np.all(with_[30, others] > without[30, others])
    buyers = [i for i in range(table.n_industries) if i // 2 != 0]
    assert without[-1, buyers].min() < with_[-1, buyers].min()


def test_empty_industries_are_allowed_and_report_full_output() -> None:
    """WIOD 2011 has 22 industries with no output and no flows (e.g. CHN c35)."""
    base = synthetic_mrio(2, 3, density=1.0, seed=1)
    keep = (base.seller != 5) & (base.buyer != 5)
    final = base.final_demand.copy()
    final[5] = 0.0
    table = MRIO(base.regions, base.sectors, base.seller[keep], base.buyer[keep],
                 base.flow[keep], final)  # fmt: skip
    path = simulate_sectors(build_system(table), 30)
    assert np.all(path.relative_production() == pytest.approx(1.0, abs=1e-9))
    trading = MRIO(base.regions, base.sectors, base.seller[base.seller != 5],
                   base.buyer[base.seller != 5], base.flow[base.seller != 5], final)  # fmt: skip
    with pytest.raises(InvalidInput, match=r"\(R01, S002\) buys inputs but has zero output"):
        build_system(trading)
