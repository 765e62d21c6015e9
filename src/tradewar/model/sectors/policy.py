"""Unilateral optimal policies of LL2023 (Theorem 1 and its second- and third-best forms).

The optimal taxes are formulas in equilibrium quantities (shares ``λ'``, producer sales
``Q``, the average profit rate ``μ̄``), so an optimal policy is a fixed point: taxes →
equilibrium → formulas → taxes.  It is found by Anderson-accelerated fixed-point iteration
on the taxes, each step a Newton solve of the equilibrium (warm-started).  The formulas are
those of the authors' code (``f_First_Best_RE.m``, ``f_Second_Best_RE.m``,
``f_Third_Best_RE.m``, ``f_Retaliation_RE.m``); ``docs/models/ll2023.md`` writes them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from tradewar.errors import ConvergenceError
from tradewar.model.sectors.data import SectoralWorld
from tradewar.model.sectors.equations import Instruments, SectoralState
from tradewar.model.sectors.solve import SectoralEquilibrium, solve_sectoral
from tradewar.types import FloatArray


class PolicyKind(StrEnum):
    """The policies of Table 4."""

    first_best = "1st-best"
    second_best = "2nd-best trade tax"
    third_best = "3rd-best import tax"
    retaliation = "post retaliation"


@dataclass(frozen=True)
class OptimalPolicy:
    """A unilateral optimal policy of ``home`` and its equilibrium."""

    kind: PolicyKind
    home: int
    equilibrium: SectoralEquilibrium
    fixed_point_iterations: int

    @property
    def welfare_gain(self) -> float:
        """Percent welfare gain of the home region, ``100 (Ŵ − 1)``."""
        return self.equilibrium.welfare_gain(self.home)


def average_profit_rate(world: SectoralWorld, state: SectoralState) -> FloatArray:
    """``μ̄_j = Π_j / (ŵ_j R_j)``: profits over wages of each region (N,)."""
    mu = world.scale_elasticity[:, None, None]
    profits = (mu / (1.0 + mu) * state.producer_sales).sum(axis=(0, 2))
    return np.asarray(profits / (state.wage_hat * world.factor_income), dtype=np.float64)


def general_equilibrium_correction(
    world: SectoralWorld, state: SectoralState, home: int
) -> FloatArray:
    """``ω[k,j]``: the tariff term of Theorem 1 on home's imports from j (S, N).

    ``ω[k,j] = −Δμ[k,j] a_j / (1 + U_j)`` with ``Δμ[k,j] = (μ_k − μ̄_j)/(1+μ_k)``,
    ``a_j`` the share of j's sales going to home, and
    ``U_j = Σ_{i≠home,k} (1 − Δμ[k,j] q[k,j,i] (1 + (σ_k−1)(1−λ'[k,j,i])))`` with
    ``q`` the shares of j's sales by market and industry (as in the authors' code).
    """
    sigma = world.sigma[:, None, None]
    profit_rate = average_profit_rate(world, state)
    gap = (world.scale_elasticity[:, None] - profit_rate[None, :]) / (
        1.0 + world.scale_elasticity[:, None]
    )
    sales = state.producer_sales
    sales_shares = sales / sales.sum(axis=(0, 2))[None, :, None]
    terms = 1.0 - gap[:, :, None] * sales_shares * (1.0 + (sigma - 1.0) * (1.0 - state.new_shares))
    others = terms.sum(axis=(0, 2)) - terms[:, :, home].sum(axis=0)
    to_home = sales_shares[:, :, home].sum(axis=0)
    return np.asarray(-gap * to_home[None, :] / (1.0 + others[None, :]), dtype=np.float64)


def _export_tax_base(
    world: SectoralWorld, state: SectoralState, home: int, omega: FloatArray
) -> FloatArray:
    """``(1 + 1/((σ_k−1)(1−λ'[k,h,n]))) / (1 + Σ_{b≠h} ω[k,b] λ'[k,b,n]/(1−λ'[k,h,n]))``."""
    own = state.new_shares[:, home, :]
    omega_others = omega.copy()
    omega_others[:, home] = 0.0
    spill = np.einsum("kb,kbn->kn", omega_others, state.new_shares) / (1.0 - own)
    markup = 1.0 + 1.0 / ((world.sigma[:, None] - 1.0) * (1.0 - own))
    return np.asarray(markup / (1.0 + spill), dtype=np.float64)


def _domestic_multiplier(world: SectoralWorld, state: SectoralState, home: int) -> FloatArray:
    """``M_k = (1 + (σ_k−1)λ'[k,h,h]) / (1 + (1+μ̄_h)/(1+μ_k) (σ_k−1) λ'[k,h,h])`` (S,)."""
    own = state.new_shares[:, home, home]
    relative_markup = (1.0 + average_profit_rate(world, state)[home]) / (
        1.0 + world.scale_elasticity
    )
    slope = (world.sigma - 1.0) * own
    return np.asarray((1.0 + slope) / (1.0 + relative_markup * slope), dtype=np.float64)


def predicted_taxes(
    kind: PolicyKind, world: SectoralWorld, equilibrium: SectoralEquilibrium, home: int
) -> tuple[FloatArray, FloatArray]:
    """Home's import tariffs ``t[k,j]`` and export taxes ``x[k,n]`` the formulas give at
    this equilibrium (decimals, (S, N); the home column is unused)."""
    state = equilibrium.state
    count, size = len(world.industries), world.size
    if kind is PolicyKind.third_best:
        # Third best: ω = 0 (the authors call it with case_id 0), no export taxes.
        exports_at_border = state.new_flows[:, home, :] / (
            1.0 + equilibrium.instruments.import_tariffs[:, home, :]
        )
        exports_at_border[:, home] = 0.0
        weights = (world.sigma[:, None] - 1.0) * (1.0 - state.new_shares[:, home, :])
        inverse_elasticity = exports_at_border.sum() / (exports_at_border * weights).sum()
        gross = _domestic_multiplier(world, state, home) * (1.0 + inverse_elasticity)
        return np.repeat(gross[:, None] - 1.0, size, axis=1), np.zeros((count, size))
    omega = general_equilibrium_correction(world, state, home)
    base = _export_tax_base(world, state, home, omega)
    if kind is PolicyKind.first_best:
        return omega, base - 1.0
    relative_markup = (1.0 + average_profit_rate(world, state)[home]) / (
        1.0 + world.scale_elasticity
    )
    tariffs = (1.0 + omega) * _domestic_multiplier(world, state, home)[:, None] - 1.0
    return tariffs, relative_markup[:, None] * base - 1.0


def home_instruments(
    world: SectoralWorld, home: int, tariffs: FloatArray, export_taxes: FloatArray, subsidise: bool
) -> Instruments:
    """Applied tariffs everywhere except home's imports (``tariffs[k,j]``), home's export
    taxes ``export_taxes[k,n]``, and the first-best production subsidy if ``subsidise``."""
    factual = Instruments.factual(world)
    import_tariffs = factual.import_tariffs
    import_tariffs[:, :, home] = tariffs
    import_tariffs[:, home, home] = 0.0
    export = factual.export_taxes
    export[:, home, :] = export_taxes
    export[:, home, home] = 0.0
    production = factual.production_taxes
    if subsidise:
        production[:, home] = 1.0 / (1.0 + world.scale_elasticity) - 1.0
    return Instruments(import_tariffs, export, production)


def retaliation_instruments(world: SectoralWorld, home: int) -> Instruments:
    """Every region sets the optimal export tax ``1/(σ_k−1)`` and no tariffs; home adds the
    first-best production subsidy (``f_Retaliation_RE.m``)."""
    count, size = len(world.industries), world.size
    export = np.repeat((1.0 / (world.sigma - 1.0))[:, None, None], size, axis=1).repeat(
        size, axis=2
    )
    own = np.arange(size)
    export[:, own, own] = 0.0
    production = np.zeros((count, size))
    production[:, home] = 1.0 / (1.0 + world.scale_elasticity) - 1.0
    return Instruments(np.zeros((count, size, size)), export, production)


def first_best_free_entry_instruments(world: SectoralWorld, home: int) -> Instruments:
    """Free entry, first best as the authors compute it: no tariffs anywhere, home's export
    tax ``1/(σ_k−1)`` and production subsidy ``1/(1+μ_k) − 1`` (``f_First_Best_FE_Fast``)."""
    count, size = len(world.industries), world.size
    export = np.zeros((count, size, size))
    export[:, home, :] = (1.0 / (world.sigma - 1.0))[:, None]
    export[:, home, home] = 0.0
    production = np.zeros((count, size))
    production[:, home] = 1.0 / (1.0 + world.scale_elasticity) - 1.0
    return Instruments(np.zeros((count, size, size)), export, production)


#: Starting taxes of the fixed point (the authors' ``T0``): gross tariff and export tax.
STARTING_GROSS_TAXES: dict[PolicyKind, tuple[float, float]] = {
    PolicyKind.first_best: (1.0, 1.25),
    PolicyKind.second_best: (1.0, 1.25),
    PolicyKind.third_best: (1.5, 1.0),
}


def optimal_policy(
    world: SectoralWorld,
    home: int,
    kind: PolicyKind,
    *,
    tolerance: float = 1e-10,
    max_iterations: int = 200,
) -> OptimalPolicy:
    """Home's unilateral optimal policy of ``kind`` (restricted or free entry data)."""
    if kind is PolicyKind.retaliation:
        equilibrium = solve_sectoral(world, retaliation_instruments(world, home))
        return OptimalPolicy(kind, home, equilibrium, 0)
    count, size = len(world.industries), world.size
    tariff0, export0 = STARTING_GROSS_TAXES[kind]
    taxes = np.concatenate(
        [np.full(count * size, tariff0 - 1.0), np.full(count * size, export0 - 1.0)]
    )
    subsidise = kind is PolicyKind.first_best

    def evaluate(
        vector: FloatArray, guess: FloatArray | None
    ) -> tuple[FloatArray, SectoralEquilibrium]:
        tariffs, exports = (
            vector[: count * size].reshape(count, size),
            vector[count * size :].reshape(count, size),
        )
        instruments = home_instruments(world, home, tariffs, exports, subsidise)
        equilibrium = solve_sectoral(world, instruments, initial_guess=guess)
        new_tariffs, new_exports = predicted_taxes(kind, world, equilibrium, home)
        return np.concatenate([new_tariffs.ravel(), new_exports.ravel()]), equilibrium

    guess: FloatArray | None = None
    history_x: list[FloatArray] = []
    history_g: list[FloatArray] = []
    for iteration in range(1, max_iterations + 1):
        mapped, equilibrium = evaluate(taxes, guess)
        guess = equilibrium.log_hats
        gap = mapped - taxes
        if float(np.max(np.abs(gap))) < tolerance:
            return OptimalPolicy(kind, home, equilibrium, iteration)
        history_x.append(taxes)
        history_g.append(mapped)
        taxes = _anderson_step(history_x, history_g)
    raise ConvergenceError(
        f"The {kind.value} policy of {world.regions[home]} did not converge in"
        f" {max_iterations} fixed-point iterations (max tax change {np.max(np.abs(gap)):.3g}).",
        {"iterations": max_iterations, "max_gap": float(np.max(np.abs(gap)))},
    )


def _anderson_step(
    history_x: list[FloatArray], history_g: list[FloatArray], depth: int = 5
) -> FloatArray:
    """Anderson acceleration (type II) of the map ``x → g(x)`` over the last ``depth`` steps."""
    xs, gs = history_x[-(depth + 1) :], history_g[-(depth + 1) :]
    residuals = [g - x for x, g in zip(xs, gs, strict=True)]
    if len(xs) == 1:
        return gs[-1]
    delta_f = np.stack([residuals[i + 1] - residuals[i] for i in range(len(xs) - 1)], axis=1)
    delta_g = np.stack([gs[i + 1] - gs[i] for i in range(len(xs) - 1)], axis=1)
    coefficients, *_ = np.linalg.lstsq(delta_f, residuals[-1], rcond=None)
    return gs[-1] - delta_g @ coefficients
