"""The sectoral system: analytic derivatives against finite differences, the factual fixed
point, the authors' trade balancing, and the one-sector limit."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import InvalidInput
from tradewar.model.calibration import World
from tradewar.model.parameters import Elasticities
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.model.sectors.data import Entry, RawCube, SectoralWorld
from tradewar.model.sectors.equations import Instruments, SectoralSystem, wedge_derivatives
from tradewar.model.sectors.optimise import log_welfare
from tradewar.model.sectors.solve import balanced_world, solve_sectoral
from tradewar.model.sectors.toy import toy_sectoral_world
from tradewar.model.solve import solve


def _random_instruments(world: SectoralWorld, seed: int) -> Instruments:
    rng = np.random.default_rng(seed)
    factual = Instruments.factual(world)
    return Instruments(
        factual.import_tariffs + 0.2 * rng.random(factual.import_tariffs.shape),
        0.2 * rng.random(factual.export_taxes.shape),
        -0.1 * rng.random(factual.production_taxes.shape),
    )


@pytest.mark.parametrize("entry", list(Entry))
def test_jacobian_matches_central_differences(entry: Entry) -> None:
    world = toy_sectoral_world(entry)
    system = SectoralSystem(world, _random_instruments(world, 3))
    z = 0.1 * np.random.default_rng(4).standard_normal(system.size)
    _, jacobian = system.residual_and_jacobian(z)
    step = 1e-6
    numeric = np.column_stack(
        [
            (system.residual(z + step * unit) - system.residual(z - step * unit)) / (2 * step)
            for unit in np.eye(system.size)
        ]
    )
    np.testing.assert_allclose(jacobian, numeric, atol=1e-8)


@pytest.mark.parametrize("taxes", [False, True])
def test_factored_restricted_entry_equals_the_direct_cubes(
    restricted_world: SectoralWorld, taxes: bool
) -> None:
    """The factored residual, Jacobian and state are the term-by-term ones (LL2023 data)."""
    instruments = _random_instruments(restricted_world, 8)
    if not taxes:  # tariffs only: W = V, the products are shared
        instruments = Instruments(
            instruments.import_tariffs,
            np.zeros_like(instruments.export_taxes),
            np.zeros_like(instruments.production_taxes),
        )
    system = SectoralSystem(restricted_world, instruments)
    assert system.factored is not None and system.factored.shared_products is not taxes
    z = 0.1 * np.random.default_rng(9).standard_normal(system.size)
    residual, jacobian = system.residual_and_jacobian(z)
    direct_residual, direct_jacobian = system.direct_residual_and_jacobian(z)
    np.testing.assert_allclose(residual, direct_residual, rtol=0, atol=1e-13)
    np.testing.assert_allclose(system.residual(z), direct_residual, rtol=0, atol=1e-13)
    np.testing.assert_allclose(jacobian, direct_jacobian, rtol=1e-12, atol=1e-12)
    state = system.state(z)
    log_wage, log_income, log_labour = system.unpack(z)
    shares, log_sum = system._shares(log_wage, log_labour)
    spending = restricted_world.industry_shares * restricted_world.expenditure
    flows = shares * (spending * np.exp(log_income))[:, None, :]
    np.testing.assert_allclose(state.new_shares, shares, rtol=1e-12)
    np.testing.assert_allclose(state.log_share_sum, log_sum, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(state.new_flows, flows, rtol=1e-12)
    np.testing.assert_allclose(state.producer_sales, flows / system.terms.total_wedge, rtol=1e-12)


@pytest.mark.parametrize("entry", list(Entry))
@pytest.mark.parametrize("kind", ["tariff", "export"])
def test_wedge_derivatives_match_central_differences(entry: Entry, kind: str) -> None:
    world = toy_sectoral_world(entry)
    instruments = _random_instruments(world, 5)
    system = SectoralSystem(world, instruments)
    z = 0.1 * np.random.default_rng(6).standard_normal(system.size)
    cells = [(0, 1, 0), (1, 2, 0), (1, 0, 2)]
    by_residual, by_welfare = wedge_derivatives(system, z, cells, kind, home=0)
    step = 1e-6
    for column, cell in enumerate(cells):
        values = []
        for sign in (1.0, -1.0):
            tariffs = instruments.import_tariffs.copy()
            exports = instruments.export_taxes.copy()
            target = tariffs if kind == "tariff" else exports
            target[cell] = (1.0 + target[cell]) * np.exp(sign * step) - 1.0
            moved = SectoralSystem(
                world, Instruments(tariffs, exports, instruments.production_taxes)
            )
            values.append((moved.residual(z), log_welfare(moved, z, 0)))
        np.testing.assert_allclose(
            by_residual[:, column], (values[0][0] - values[1][0]) / (2 * step), atol=1e-8
        )
        assert by_welfare[column] == pytest.approx(
            (values[0][1] - values[1][1]) / (2 * step), abs=1e-8
        )


@pytest.mark.parametrize("entry", list(Entry))
def test_factual_instruments_change_nothing(entry: Entry) -> None:
    world = toy_sectoral_world(entry)
    result = solve_sectoral(world, Instruments.factual(world))
    np.testing.assert_allclose(result.state.welfare_hat, 1.0, atol=1e-12)
    np.testing.assert_allclose(result.state.new_flows, world.flows, rtol=1e-10)


def test_instruments_of_the_wrong_shape_are_refused() -> None:
    world = toy_sectoral_world()
    factual = Instruments.factual(world)
    with pytest.raises(InvalidInput, match="import_tariffs has shape"):
        SectoralSystem(
            world,
            Instruments(factual.import_tariffs[:1], factual.export_taxes, factual.production_taxes),
        )
    with pytest.raises(InvalidInput, match="above −100%"):
        SectoralSystem(
            world,
            Instruments(
                factual.import_tariffs - 2.0, factual.export_taxes, factual.production_taxes
            ),
        )
    for bad in (np.nan, np.inf, -np.inf):
        export_taxes = factual.export_taxes.copy()
        export_taxes[1, 0, 2] = bad
        with pytest.raises(InvalidInput, match="export_taxes: every rate must be finite"):
            SectoralSystem(
                world, Instruments(factual.import_tariffs, export_taxes, factual.production_taxes)
            )


def test_unknown_region_is_named(restricted_world: SectoralWorld) -> None:
    with pytest.raises(InvalidInput, match="'XYZ' is not in"):
        restricted_world.index_of("XYZ")


@pytest.mark.parametrize("entry", list(Entry))
def test_balancing_reproduces_the_authors_table4_data(
    raw_cube: RawCube, restricted_world: SectoralWorld, free_world: SectoralWorld, entry: Entry
) -> None:
    """f_Balance_Data_RE/FE is an equilibrium solve: our solver gives their saved cubes."""
    expected = restricted_world if entry is Entry.restricted else free_world
    balanced = balanced_world(raw_cube, entry)
    np.testing.assert_allclose(balanced.flows, expected.flows, rtol=1e-8)
    np.testing.assert_array_equal(balanced.tariffs, expected.tariffs)
    assert expected.regions[0] == "AUS" and expected.regions[-1] == "RoW"
    assert len(expected.industries) == 16


def _one_industry_world(cube: RawCube, trade_elasticity: float) -> SectoralWorld:
    """The WIOD data summed over industries, zero tariffs, no scale economies, balanced."""
    flows = cube.flows.sum(axis=0, keepdims=True)
    one = RawCube(
        regions=cube.regions,
        industries=("all goods",),
        flows=flows,
        tariffs=np.zeros_like(flows),
        trade_elasticity=np.array([trade_elasticity]),
        scale_elasticity=np.array([0.0]),
    )
    return balanced_world(one, Entry.restricted)


def _one_sector_world(world: SectoralWorld, trade_elasticity: float) -> World:
    """The same data as the one-sector model's World: no deficits, ν = 0, φ = 1, ψ = κ = 0."""
    flows = world.flows[0]
    expenditure = flows.sum(axis=0)
    return World(
        countries=tuple(code.upper() for code in world.regions),
        flows=flows,
        expenditure=expenditure,
        income=flows.sum(axis=1),
        transfers=np.zeros(world.size),
        shares=flows / expenditure[None, :],
        nu=np.zeros(world.size),
        phi=np.ones(world.size),
        elasticities=Elasticities(trade=trade_elasticity, scale=0.0, labour_supply=0.0),
        label="WIOD 2014, one industry",
    )


def test_one_industry_without_scale_economies_is_the_one_sector_model(raw_cube: RawCube) -> None:
    """Spec: with S = 1 and μ = 0 the LL2023 equilibrium is the one-sector model's."""
    trade_elasticity = 4.0
    sectoral = _one_industry_world(raw_cube, trade_elasticity)
    one_sector = _one_sector_world(sectoral, trade_elasticity)
    assert np.allclose(one_sector.income, one_sector.expenditure, rtol=1e-9)
    policy = (
        Policy.free_trade(one_sector.countries, RevenueTreatment.lump_sum)
        .with_tariff("USA", "CHN", 0.54)
        .with_tariff("CHN", "USA", 0.34)
        .with_tariff("DEU", "CHN", 0.10)
    )
    reference = solve(one_sector, policy)
    tariffs = np.zeros_like(sectoral.tariffs)
    tariffs[0] = policy.tariffs
    result = solve_sectoral(
        sectoral, Instruments(tariffs, np.zeros_like(tariffs), np.zeros((1, sectoral.size)))
    )
    welfare = 100.0 * (result.state.welfare_hat - 1.0)
    np.testing.assert_allclose(welfare, reference.outcomes.welfare, atol=1e-8)
    real_wage = 100.0 * (result.state.wage_hat / result.state.price_index_hat - 1.0)
    np.testing.assert_allclose(real_wage, reference.outcomes.real_wage, atol=1e-8)
    usa = sectoral.index_of("USA")
    assert welfare[usa] != pytest.approx(0.0, abs=1e-3)  # the check is not vacuous
