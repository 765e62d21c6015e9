"""Welfare and its exact gradient with respect to tariffs, through the equilibrium (adjoint).

The baseline system of ge-model §4.2 is solved for ``z = (log ŵ, log L̂)`` with ``F(z, t) = 0``
(:class:`tradewar.model.equations.BaselineSystem`, Ê eliminated through the budget).  For
an objective ``O(z, t)`` (a weighted sum of welfare percent changes, ge-model §4.3) the total
derivative with respect to tariff levers ``θ`` is, by the implicit function theorem
(ge-model §11; Ossa 2014, section IV):

    dO/dθ = ∂O/∂θ − μᵀ ∂F/∂θ,     with   J_zᵀ μ = ∂O/∂z,

so one extra linear solve with the analytic Jacobian ``J_z`` gives the gradient for every
lever at once.  ``∂F/∂t`` and ``∂O/∂(z, t)`` are analytic (derived below, per function).

Notation: ``λ'[j,i]`` counterfactual shares, ``ρ_i = Σ_j λ'[j,i] t/(1+t)`` the revenue share
of gross spending, ``E'_i = (Y'_i + T_i ΣY'/ΣY)/(1−ρ_i)``, ``τ_i = ρ_i E'_i/Y'_i`` (income-tax
relief; 0 under lump sum).  Tariffs are decimals, welfare is in percent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import scipy.linalg
from numpy.typing import NDArray

from tradewar.errors import InvalidInput
from tradewar.model.calibration import World
from tradewar.model.equations import BaselineState, BaselineSystem
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium
from tradewar.model.solve import SolverOptions, single_threaded_blas, solve
from tradewar.types import FloatArray

#: Newton tolerance used inside optimisations: tighter than the default so the gradient
#: (exact at the solution) is not polluted by the residual.
STRATEGY_SOLVER = SolverOptions(tolerance=1e-12)


@dataclass(frozen=True)
class TariffLever:
    """One decision variable: a single rate that importers apply to exporters.

    Attributes
    ----------
    importers : tuple of str
        ISO3 codes of the countries that set the tariff (one country, or the members of a
        coalition with a common external tariff, e.g. the EU).
    exporters : tuple of str
        ISO3 codes whose goods the rate applies to (one for a bilateral or discriminatory
        lever, all partners for a uniform one).  An importer never tariffs itself: a
        coalition lever skips each member's own code.
    label : str
        How reports name the lever; ``"USA on CHN"`` by default.
    """

    importers: tuple[str, ...]
    exporters: tuple[str, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if not self.importers or not self.exporters:
            raise InvalidInput("a tariff lever needs at least one importer and one exporter.")
        if not self.label:
            who = self.importers[0] if len(self.importers) == 1 else "coalition"
            whom = (
                self.exporters[0] if len(self.exporters) == 1 else f"{len(self.exporters)} partners"
            )
            object.__setattr__(self, "label", f"{who} on {whom}")


@dataclass(frozen=True)
class Evaluation:
    """Objectives and their gradients at one lever vector.

    Attributes
    ----------
    values : ndarray (K,)
        Objectives, percent change of welfare (weighted as asked).
    gradients : ndarray (K, M)
        ``d value_k / d θ_m``: percentage points of welfare per unit (decimal) of tariff.
    equilibrium : Equilibrium
        The solved counterfactual.
    """

    values: FloatArray
    gradients: FloatArray
    equilibrium: Equilibrium


def uniform_lever(world: World, importer: str) -> TariffLever:
    """One rate on imports from every partner of ``importer`` (an MFN tariff)."""
    code = world.countries[world.index(importer)]
    return TariffLever((code,), tuple(c for c in world.countries if c != code))


def discriminatory_levers(
    world: World, importer: str, partners: Sequence[str] | None = None
) -> tuple[TariffLever, ...]:
    """One rate per partner of ``importer`` (default: every other country)."""
    chosen = partners if partners is not None else world.countries
    code = world.countries[world.index(importer)]
    return tuple(TariffLever((code,), (p.upper(),)) for p in chosen if p.upper() != code)


@dataclass
class WelfareProblem:
    """Welfare of countries as a function of a few tariff levers, with exact gradients.

    Parameters
    ----------
    world : World
        A calibrated baseline (not input–output) world.
    base : Policy
        Tariffs that the levers do not set (e.g. a scenario's matrix), decimals.
    levers : sequence of TariffLever
        The decision variables, in the order of the value vectors.
    options : SolverOptions
        Newton settings of each equilibrium solve.
    """

    world: World
    base: Policy
    levers: tuple[TariffLever, ...]
    options: SolverOptions = STRATEGY_SOLVER
    _positions: list[list[tuple[int, NDArray[np.intp]]]] = field(init=False, repr=False)
    _warm: FloatArray | None = field(default=None, init=False, repr=False)
    solves: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.world.is_input_output:
            raise InvalidInput(
                "world is the input–output variant; tariff gradients are implemented for the"
                " baseline one-sector model (ge-model §4.2) only."
            )
        if not self.levers:
            raise InvalidInput("levers is empty; expected at least one tariff to optimise.")
        self.levers = tuple(self.levers)
        self._positions = [self._entries(lever) for lever in self.levers]

    def _entries(self, lever: TariffLever) -> list[tuple[int, NDArray[np.intp]]]:
        """``(importer, exporters)`` positions a lever sets."""
        exporters = np.array([self.world.index(e) for e in lever.exporters], dtype=np.intp)
        importers = [self.world.index(code) for code in lever.importers]
        if len(importers) == 1 and np.any(exporters == importers[0]):
            raise InvalidInput(f"lever {lever.label!r}: a country cannot tariff itself.")
        return [(i, exporters[exporters != i]) for i in importers]

    @property
    def size(self) -> int:
        """Number of levers M."""
        return len(self.levers)

    def current_values(self) -> FloatArray:
        """The base policy's rates at the levers (mean over each lever's entries), decimals."""
        return np.array(
            [
                float(np.mean(np.concatenate([self.base.tariffs[ex, im] for im, ex in entries])))
                for entries in self._positions
            ]
        )

    def policy(self, values: FloatArray) -> Policy:
        """The base policy with the levers set to ``values`` (decimals)."""
        values = np.asarray(values, dtype=np.float64)
        if values.shape != (self.size,):
            raise InvalidInput(f"values has shape {values.shape}; expected ({self.size},).")
        if not np.all(np.isfinite(values)) or np.any(values < 0):
            raise InvalidInput(f"lever values {values.tolist()}; expected finite decimals >= 0.")
        tariffs = self.base.tariffs.copy()
        for entries, value in zip(self._positions, values, strict=True):
            for importer, exporters in entries:
                tariffs[exporters, importer] = value
        return replace(self.base, tariffs=tariffs)

    def solve(self, values: FloatArray) -> Equilibrium:
        """Solve the equilibrium at ``values``, warm-started from the previous solve."""
        policy = self.policy(values)
        guess = self._warm
        try:
            result = solve(self.world, policy, self.options, initial_guess=guess)
        except ArithmeticError:
            if guess is None:
                raise
            result = solve(self.world, policy, self.options)
        self.solves += 1
        n = self.world.size
        self._warm = np.concatenate([result.log_hats[:n], result.log_hats[2 * n :]])
        return result

    def evaluate(self, values: FloatArray, weights: FloatArray) -> Evaluation:
        """Objectives ``weights @ welfare`` and their exact gradients at ``values``.

        Parameters
        ----------
        values : ndarray (M,)
            Lever rates, decimals.
        weights : ndarray (K, N) or (N,)
            Each row weights the welfare percent changes of the N countries.
        """
        with single_threaded_blas():
            return self._evaluate(values, np.atleast_2d(np.asarray(weights, dtype=np.float64)))

    def _evaluate(self, values: FloatArray, weight_rows: FloatArray) -> Evaluation:
        equilibrium = self.solve(values)
        system = BaselineSystem(self.world, equilibrium.policy)
        n = self.world.size
        z = np.concatenate([equilibrium.log_hats[:n], equilibrium.log_hats[2 * n :]])
        state = system.state(z)
        welfare = 100.0 * (welfare_hat(self.world, state) - 1.0)
        by_state = welfare_state_derivatives(system, state)  # (N, 2N), percent
        _residual, jacobian = system.residual_and_jacobian(z)
        multipliers = scipy.linalg.solve(jacobian.T, (weight_rows @ by_state).T)  # (2N, K)
        residual_by_lever, welfare_by_lever = tariff_partials(system, state, self._positions)
        gradients = weight_rows @ welfare_by_lever - multipliers.T @ residual_by_lever
        return Evaluation(weight_rows @ welfare, gradients, equilibrium)


# ----------------------------------------------------------------------------- welfare


def _welfare_weights(world: World, state: BaselineState) -> tuple[FloatArray, FloatArray]:
    """``δ_i`` of ge-model §4.3 and ``∂δ_i/∂τ_i = −δ_i² a_i/E_i`` with ``a_i = κY_i/(1+κ)``."""
    kappa = world.elasticities.labour_supply
    labour_term = kappa * world.income / (1.0 + kappa)
    delta = world.expenditure / (world.expenditure - labour_term * (1.0 - state.tax_rate))
    return delta, -(delta**2) * labour_term / world.expenditure


def welfare_hat(world: World, state: BaselineState) -> FloatArray:
    """``Ŵ_i = δ_i Ê_i/P̂_i + (1−δ_i) ŵ_i L̂_i/P̂_i`` (ge-model §4.3), ratio."""
    delta, _ = _welfare_weights(world, state)
    spending = state.expenditure_hat / state.price_hat
    labour = state.wage_hat * state.employment_hat / state.price_hat
    return delta * spending + (1.0 - delta) * labour


def _welfare_derivative(
    world: World,
    state: BaselineState,
    d_log_e: FloatArray,
    d_log_p: FloatArray,
    d_tax: FloatArray,
    d_log_labour_income: FloatArray,
) -> FloatArray:
    """``100·dŴ`` from row-wise derivatives of log Ê, log P̂, τ and log(ŵL̂), shape (N, M).

    ``dŴ = dδ (A − B) + δ A (dlog Ê − dlog P̂) + (1−δ) B (dlog ŵL̂ − dlog P̂)`` with
    ``A = Ê/P̂`` and ``B = ŵL̂/P̂``.
    """
    delta, delta_by_tax = _welfare_weights(world, state)
    spending = (state.expenditure_hat / state.price_hat)[:, None]
    labour = (state.wage_hat * state.employment_hat / state.price_hat)[:, None]
    change = (
        (delta_by_tax[:, None] * d_tax) * (spending - labour)
        + delta[:, None] * spending * (d_log_e - d_log_p)
        + (1.0 - delta)[:, None] * labour * (d_log_labour_income - d_log_p)
    )
    return 100.0 * change


def _revenue_rate_by_cost(world: World, system: BaselineSystem, state: BaselineState) -> FloatArray:
    """``∂ρ_i/∂log c_k = −ε λ'[k,i] (t_ki/(1+t_ki) − ρ_i)``, matrix [i, k]."""
    trade = state.trade
    shares_t = trade.new_shares.T
    return (
        -world.elasticities.trade
        * shares_t
        * (system.terms.revenue_share_t - trade.revenue_rate[:, None])
    )


def welfare_state_derivatives(system: BaselineSystem, state: BaselineState) -> FloatArray:
    """``∂(100(Ŵ−1))/∂z`` at fixed tariffs, (N, 2N), ``z = (log ŵ, log L̂)``.

    With ``c = log ŵ − ψ log L̂`` and ``G = ΣY'/ΣY``:
    ``∂log Ê_i = ∂log(Y'_i + T_i G) + ∂ρ_i/(1−ρ_i)``,
    ``∂log P̂_i = (1−φ_i)(∂log Ê_i − ∂log ŵ_i) + Σ_k λ'[k,i] ∂c_k`` (ge-model §11),
    ``∂τ_i = E'_i ∂ρ_i/Y'_i + τ_i (∂log Ê_i − ∂log Y'_i)``.
    """
    world = system.world
    n = world.size
    psi = world.elasticities.scale
    trade = state.trade
    identity = np.eye(n)
    available = state.income + world.transfers * state.income.sum() / world.income.sum()
    through_growth = np.outer(world.transfers / available, state.income / world.income.sum())
    log_available = through_growth + np.diag(state.income / available)  # same for ŵ and L̂
    rho_by_cost = _revenue_rate_by_cost(world, system, state)
    rho_by_z = np.hstack([rho_by_cost, -psi * rho_by_cost])  # ∂c/∂(log ŵ, log L̂) = (1, −ψ)
    d_log_e = (
        np.hstack([log_available, log_available]) + rho_by_z / (1.0 - trade.revenue_rate)[:, None]
    )
    keep_price = (1.0 - world.phi)[:, None]
    shares_t = trade.new_shares.T
    d_log_p = keep_price * d_log_e + np.hstack([shares_t, -psi * shares_t])
    d_log_p[:, :n] -= np.diag(1.0 - world.phi)
    d_log_income = np.hstack([identity, identity])
    if system.tax_relief:
        d_tax = (trade.new_expenditure / state.income)[:, None] * rho_by_z + state.tax_rate[
            :, None
        ] * (d_log_e - d_log_income)
    else:
        d_tax = np.zeros((n, 2 * n))
    return _welfare_derivative(world, state, d_log_e, d_log_p, d_tax, d_log_income)


# ----------------------------------------------------------------------------- tariffs


def tariff_partials(
    system: BaselineSystem,
    state: BaselineState,
    positions: Sequence[Sequence[tuple[int, NDArray[np.intp]]]],
) -> tuple[FloatArray, FloatArray]:
    """``∂F/∂θ`` (2N, M) and ``∂(100(Ŵ−1))/∂θ`` (N, M) at fixed ``z``.

    A lever sets ``t[j,i] = θ`` for exporters ``j ∈ J`` of importer ``i`` (of each member
    of a coalition: the partials add up); only importer i's column moves.  With
    ``g = 1/(1+t)``, ``r = t/(1+t)`` and
    ``∂log W[j,i]/∂t = −εφ_i g`` (the demand shifter ``(1+t)^(−εφ_i)``):

    * ``∂log S_i = Σ_J λ'[j,i] (−εφ_i g_j)``,
      ``∂ρ_i = Σ_J λ'[j,i] (−εφ_i g_j r_j + g_j²) − ρ_i ∂log S_i``;
    * ``∂log E'_i = ∂ρ_i/(1−ρ_i)`` (``E'(1−ρ) = Y' + T G`` does not move);
    * ``∂X'[k,i] = X'[k,i] (∂log E'_i − ∂log S_i + 1[k∈J](−εφ_i − 1) g_k)``, and the
      factor-market row k moves by ``(1−ν_i) ∂X'[k,i]/E_k`` (``ν_k m_k`` does not move);
    * ``∂log P̂_i = (1−φ_i) ∂log E'_i − ∂log S_i/ε``; the numeraire row by
      ``P̂_i E_i ∂log P̂_i/ΣE``;
    * ``∂τ_i = E'_i (∂ρ_i + ρ_i ∂log E'_i)/Y'_i``; the labour row (F3) by
      ``−κ(∂τ_i/(1−τ_i) − ∂log P̂_i)``.
    """
    world = system.world
    n = world.size
    epsilon, kappa = world.elasticities.trade, world.elasticities.labour_supply
    trade = state.trade
    tariffs = system.policy.tariffs
    residual_partials = np.zeros((2 * n, len(positions)))
    d_log_e = np.zeros((n, len(positions)))
    d_log_p = np.zeros((n, len(positions)))
    d_tax = np.zeros((n, len(positions)))
    for m, i, exporters in ((m, i, ex) for m, entries in enumerate(positions) for i, ex in entries):
        gross_inverse = 1.0 / (1.0 + tariffs[exporters, i])
        shifter = -epsilon * world.phi[i] * gross_inverse
        shares = trade.new_shares[exporters, i]
        rho = trade.revenue_rate[i]
        log_sum = float(shares @ shifter)
        revenue_rate = float(shares @ (shifter * (1.0 - gross_inverse) + gross_inverse**2))
        revenue_rate -= rho * log_sum
        log_e = revenue_rate / (1.0 - rho)
        flows = trade.new_flows[:, i] * (log_e - log_sum)
        flows[exporters] += trade.new_flows[exporters, i] * (shifter - gross_inverse)
        column = (1.0 - world.nu[i]) * flows / world.expenditure
        log_p = (1.0 - world.phi[i]) * log_e - log_sum / epsilon
        column[n - 1] = state.price_hat[i] * world.expenditure[i] * log_p / world.expenditure.sum()
        tax = 0.0
        if system.tax_relief:
            tax = trade.new_expenditure[i] * (revenue_rate + rho * log_e) / state.income[i]
        residual_partials[:n, m] += column
        residual_partials[n + i, m] += -kappa * (tax / (1.0 - state.tax_rate[i]) - log_p)
        d_log_e[i, m] += log_e
        d_log_p[i, m] += log_p
        d_tax[i, m] += tax
    welfare_partials = _welfare_derivative(
        world, state, d_log_e, d_log_p, d_tax, np.zeros((n, len(positions)))
    )
    return residual_partials, welfare_partials


def welfare_weights(
    world: World, members: Sequence[str], weighting: str = "expenditure"
) -> FloatArray:
    """A weight row over the N countries: a country, or a coalition's weighted average.

    Parameters
    ----------
    members : sequence of str
        ISO3 codes of the coalition (one code for a single country).
    weighting : {"expenditure", "gdp", "equal"}
        Gross expenditure E (the paper's averages, spec quirk 6), raw GDP, or a simple mean.
    """
    positions = [world.index(code) for code in members]
    if weighting == "expenditure":
        base = world.expenditure
    elif weighting == "gdp":
        base = world.gdp if world.gdp is not None else world.income
    elif weighting == "equal":
        base = np.ones(world.size)
    else:
        raise InvalidInput(
            f"weighting is {weighting!r}; expected one of 'expenditure', 'gdp', 'equal'."
        )
    weights = np.zeros(world.size)
    weights[positions] = base[positions]
    normalised: FloatArray = weights / weights.sum()
    return normalised
