"""Welfare-maximising taxes by direct optimisation, with gradients by the adjoint method.

The equilibrium is solved for each trial of the taxes θ (Newton, analytic Jacobian,
warm-started) and the gradient of ``log Ŵ_h(z(θ), θ)`` comes from one adjoint solve::

    Jᵀ ψ = ∂ log Ŵ_h/∂z,      d log Ŵ_h/dθ = ∂ log Ŵ_h/∂θ − ψᵀ ∂F/∂θ

``∂ log Ŵ_h/∂z`` is analytic (``∂ log P̂_h/∂ log p̂[k,m] = e[k,h] λ'[k,m,h]``), and so are the
partials in θ at fixed z (``equations.wedge_derivatives``).  The sectoral best responses
of ``tradewar war --model sectors`` use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.optimize

from tradewar.errors import ConvergenceError
from tradewar.model.sectors.data import SectoralWorld
from tradewar.model.sectors.equations import Instruments, SectoralSystem, wedge_derivatives
from tradewar.model.sectors.solve import SectoralEquilibrium, solve_sectoral
from tradewar.types import FloatArray

Cell = tuple[int, int, int]


@dataclass(frozen=True)
class TaxDesign:
    """Which taxes θ sets: ``θ`` holds log gross rates, tariff cells first, then export cells.

    Attributes
    ----------
    base : Instruments
        All other taxes (kept fixed).
    tariff_cells : list of (k, j, i)
        Import tariffs of importer i on exporter j in industry k set by θ.
    export_cells : list of (k, j, i)
        Export taxes of exporter j on sales to i in industry k set by θ.
    """

    base: Instruments
    tariff_cells: tuple[Cell, ...]
    export_cells: tuple[Cell, ...] = ()

    @property
    def size(self) -> int:
        """Number of taxes in θ."""
        return len(self.tariff_cells) + len(self.export_cells)

    def instruments(self, theta: FloatArray) -> Instruments:
        """The instruments with θ's taxes (``rate = exp(θ) − 1``) written in."""
        tariffs = self.base.import_tariffs.copy()
        exports = self.base.export_taxes.copy()
        count = len(self.tariff_cells)
        for value, (k, j, i) in zip(theta[:count], self.tariff_cells, strict=True):
            tariffs[k, j, i] = np.expm1(value)
        for value, (k, j, i) in zip(theta[count:], self.export_cells, strict=True):
            exports[k, j, i] = np.expm1(value)
        return Instruments(tariffs, exports, self.base.production_taxes)

    def partials(
        self, system: SectoralSystem, z: FloatArray, home: int
    ) -> tuple[FloatArray, FloatArray]:
        """``∂F/∂θ`` and ``∂ log Ŵ_home/∂θ`` at fixed z (analytic)."""
        by_tariff, welfare_tariff = wedge_derivatives(
            system, z, list(self.tariff_cells), "tariff", home
        )
        by_export, welfare_export = wedge_derivatives(
            system, z, list(self.export_cells), "export", home
        )
        return np.hstack([by_tariff, by_export]), np.concatenate([welfare_tariff, welfare_export])


def log_welfare(system: SectoralSystem, z: FloatArray, home: int) -> float:
    """``log Ŵ_h = log Ŷ_h − log P̂_h`` at the point ``z`` of ``system``."""
    state = system.state(z)
    return float(np.log(state.income_hat[home]) - np.log(state.price_index_hat[home]))


def log_welfare_gradient_in_z(system: SectoralSystem, z: FloatArray, home: int) -> FloatArray:
    """``∂ log Ŵ_h / ∂z`` (analytic)."""
    n, count = system.size_n, system.count
    state = system.state(z)
    by_price = (
        system.world.industry_shares[:, home][:, None] * state.new_shares[:, :, home]
    )  # [k, m]
    gradient = np.zeros(system.size)
    gradient[:n] = -by_price.sum(axis=0)
    gradient[n + home] = 1.0
    if system.free_entry:
        mu = system.world.scale_elasticity[:, None]
        gradient[2 * n :] = (mu * by_price).reshape(count * n)
    return gradient


@dataclass(frozen=True)
class WelfareEvaluation:
    """Home's log welfare at θ, its gradient in θ, and the equilibrium."""

    value: float
    gradient: FloatArray
    equilibrium: SectoralEquilibrium


def evaluate_welfare(
    world: SectoralWorld,
    home: int,
    design: TaxDesign,
    theta: FloatArray,
    guess: FloatArray | None = None,
) -> WelfareEvaluation:
    """Solve at θ and return ``log Ŵ_h`` with its adjoint gradient in θ."""
    equilibrium = solve_sectoral(world, design.instruments(theta), initial_guess=guess)
    z = equilibrium.log_hats
    system = SectoralSystem(world, equilibrium.instruments)
    _, jacobian = system.residual_and_jacobian(z)
    adjoint = scipy.linalg.solve(
        jacobian.T, log_welfare_gradient_in_z(system, z, home), check_finite=False
    )
    by_residual, by_welfare = design.partials(system, z, home)
    gradient = by_welfare - adjoint @ by_residual
    return WelfareEvaluation(log_welfare(system, z, home), gradient, equilibrium)


def maximise_welfare(
    world: SectoralWorld,
    home: int,
    design: TaxDesign,
    theta0: FloatArray,
    bounds: list[tuple[float, float]],
    *,
    tolerance: float = 1e-12,
) -> tuple[FloatArray, SectoralEquilibrium]:
    """θ (log gross taxes) maximising home's welfare within ``bounds`` (L-BFGS-B)."""
    guesses: list[FloatArray] = []

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        result = evaluate_welfare(world, home, design, theta, guesses[-1] if guesses else None)
        guesses.append(result.equilibrium.log_hats)
        return -result.value, -result.gradient

    outcome = scipy.optimize.minimize(
        objective,
        theta0,
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"ftol": tolerance, "gtol": 1e-10, "maxiter": 500},
    )
    if not outcome.success and "ABNORMAL" not in str(outcome.message):
        raise ConvergenceError(
            f"Welfare maximisation for {world.regions[home]} failed: {outcome.message}",
            {"iterations": int(outcome.nit)},
        )
    theta = np.asarray(outcome.x, dtype=np.float64)
    return theta, solve_sectoral(
        world, design.instruments(theta), initial_guess=guesses[-1] if guesses else None
    )
