"""Free-entry 2nd- and 3rd-best taxes as the authors find them: a constrained optimisation.

``table_4.m`` maximises home's welfare over the equilibrium unknowns *and* the taxes
(``fmincon`` SQP on ``f_Obj_MPEC_FE`` subject to ``f_Const_MPEC_FE``), on the two-bloc
world (rest of world first, home second), within bounds that keep the equilibrium near
the factual one: ``ŵ, Ŷ ∈ [0.75, 1.5]``, ``r̂ ∈ [0.25, 4]``, gross tariffs in
``[0.75, 2]``, gross export taxes in ``[0.75, 4]`` (fixed at 1 for the 3rd best).  Under
free entry with scale economies the equilibrium need not be unique; the bounds select the
one near the data.  Here the same problem is solved with SLSQP over (log hats, log gross
taxes); the objective gradient and the constraint Jacobian are analytic.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.optimize
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from tradewar.errors import ConvergenceError
from tradewar.model.sectors.data import SectoralWorld
from tradewar.model.sectors.equations import SectoralSystem
from tradewar.model.sectors.optimise import TaxDesign, log_welfare, log_welfare_gradient_in_z
from tradewar.model.sectors.policy import home_instruments
from tradewar.types import FloatArray

HOME = 1  # the home bloc of the two-bloc world
WAGE_INCOME_BOUNDS = (0.75, 1.5)
LABOUR_SHARE_BOUNDS = (0.25, 4.0)
TARIFF_BOUNDS = (0.75, 2.0)
EXPORT_TAX_BOUNDS = (0.75, 4.0)


def best_trade_taxes(world: SectoralWorld, with_export_taxes: bool, start: FloatArray) -> float:
    """Home's maximal welfare gain (percent) over bounded taxes, free entry, two blocs.

    ``start`` holds gross taxes (tariffs, then export taxes when ``with_export_taxes``).
    """
    count, rest = len(world.industries), 1 - HOME
    design = TaxDesign(
        base=home_instruments(
            world, HOME, np.zeros((count, world.size)), np.zeros((count, world.size)), False
        ),
        tariff_cells=tuple((k, rest, HOME) for k in range(count)),
        export_cells=tuple((k, HOME, rest) for k in range(count)) if with_export_taxes else (),
    )
    size = SectoralSystem(world, design.base).size

    def parts(v: FloatArray) -> tuple[SectoralSystem, FloatArray]:
        system = SectoralSystem(world, design.instruments(v[size:]), numeraire_in_market=True)
        return system, v[:size]

    def objective(v: FloatArray) -> tuple[float, FloatArray]:
        system, z = parts(v)
        _, by_theta = design.partials(system, z, HOME)
        gradient = np.concatenate([log_welfare_gradient_in_z(system, z, HOME), by_theta])
        return -log_welfare(system, z, HOME), -gradient

    def constraint(v: FloatArray) -> FloatArray:
        system, z = parts(v)
        return system.residual(z)

    def constraint_jacobian(v: FloatArray) -> FloatArray:
        system, z = parts(v)
        _, by_z = system.residual_and_jacobian(z)
        by_theta, _ = design.partials(system, z, HOME)
        return np.hstack([by_z, by_theta])

    bounds = [tuple(np.log(WAGE_INCOME_BOUNDS))] * (2 * world.size)
    bounds += [tuple(np.log(LABOUR_SHARE_BOUNDS))] * (count * world.size)
    bounds += [tuple(np.log(TARIFF_BOUNDS))] * count
    if with_export_taxes:
        bounds += [tuple(np.log(EXPORT_TAX_BOUNDS))] * count
    with threadpool_limits(limits=1, user_api="blas"):  # small dense algebra: threads only hurt
        outcome = _minimize(objective, constraint, constraint_jacobian, size, start, bounds)
    system, z = parts(np.asarray(outcome.x))
    residual = float(np.max(np.abs(system.residual(z))))
    if residual > 1e-8:
        raise ConvergenceError(
            f"the constrained welfare maximum for {world.regions[HOME]} was not found"
            f" ({outcome.message}; max equilibrium residual {residual:.2g}).",
            {"iterations": int(outcome.nit), "max_residual": residual},
        )
    return float(100.0 * (np.exp(log_welfare(system, z, HOME)) - 1.0))


def _minimize(
    objective: Callable[[FloatArray], tuple[float, FloatArray]],
    constraint: Callable[[FloatArray], FloatArray],
    constraint_jacobian: Callable[[FloatArray], FloatArray],
    size: int,
    start: FloatArray,
    bounds: list[tuple[float, float]],
) -> scipy.optimize.OptimizeResult:
    """SLSQP from (no change, the starting taxes)."""
    return scipy.optimize.minimize(
        objective,
        np.concatenate([np.zeros(size), np.log(start)]),
        jac=True,
        method="SLSQP",
        bounds=bounds,
        constraints=[{"type": "eq", "fun": constraint, "jac": constraint_jacobian}],
        options={"maxiter": 1000, "ftol": 1e-10},
    )


def second_and_third_best_free_entry(world: SectoralWorld) -> tuple[float, float]:
    """Welfare gains (percent) of the free-entry 2nd-best trade taxes and 3rd-best tariffs,
    from the authors' starting points (gross taxes 1.25; RUS starts the 2nd best from
    tariffs 1 and export taxes 1.5)."""
    count = len(world.industries)
    if world.regions[HOME] == "RUS":
        second_start = np.concatenate([np.ones(count), np.full(count, 1.5)])
    else:
        second_start = np.full(2 * count, 1.25)
    second = best_trade_taxes(world, True, second_start)
    third = best_trade_taxes(world, False, np.full(count, 1.25))
    return second, third
