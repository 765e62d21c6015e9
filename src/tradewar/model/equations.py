"""Counterfactual equilibrium system in exact hat algebra, in logs, with analytic Jacobians.

Index convention (stated once): ``X[j, i]`` and ``t[j, i]`` are indexed
``[exporter j, importer i]``; column sums are importer totals.

Baseline one-sector model (ge-model §4.2), unknowns ``z = (log ŵ, log Ê, log L̂)``::

    c_j     = ŵ_j L̂_j^(−ψ)
    A[j,i]  = λ[j,i] c_j^(−ε) (1+t[j,i])^(−ε φ_i),   S_i = Σ_j A[j,i],   λ'[j,i] = A[j,i]/S_i
    P̂_i     = (Ê_i/ŵ_i)^(1−φ_i) S_i^(−1/ε)
    X'[j,i] = λ'[j,i] Ê_i E_i / (1+t[j,i]),   R_i = Σ_j λ'[j,i] Ê_i E_i t[j,i]/(1+t[j,i])
    (F1) [Σ_n (1−ν_n) X'[i,n] + ν_i Σ_j X'[j,i] − ŵ_i L̂_i Y_i] / E_i = 0     (i < N)
    (F1) Σ_i (P̂_i − 1) E_i / Σ_i E_i = 0                                 (numeraire, row N)
    (F2) [R_i + Y'_i + T_i ΣY'/ΣY − Ê_i E_i] / E_i = 0
    (F3) log L̂_i − κ (log τ̂_i + log ŵ_i − log P̂_i) = 0,  τ_i = R_i/Y'_i, τ̂ = 1/(1−τ)

(F3) is the log of the spec's ``L̂ = (τ̂ ŵ/P̂)^κ``; rows are scaled as ge-model §11 recommends,
which changes the residual but not the solution.

One-sector input–output model (ge-model §8.2), unknowns ``(log ŵ, log Ê, log L̂, log P̂)``::

    c_j = ŵ_j^β P̂_j^(1−β),  m_j = (ŵ_j/P̂_j)^(1−β)
    A[j,i] = λ[j,i] (c_j/(m_j L̂_j)^ψ)^(−ε) (1+t)^(−εφ_i)
    (G1) [β Σ_n (1−ν_n) X'[i,n] + ν_i Σ_j X'[j,i] − Y'_i] / E_i = 0 (i < N); Σ (ŵ−1) Y / ΣY = 0
    (G2) [R_i + Y'_i + (1−β) Σ_n (1−ν_n) X'[i,n] + T_i ΣY'/ΣY − E'_i] / E_i = 0
    (G3) log L̂_i − κ (log τ̂_i + log ŵ_i − log P̂_i) = 0          (always income-tax relief)
    (G4) log P̂_i − (1−φ_i)(log Ê_i − log ŵ_i) + (1/ε) log S_i = 0

Derivatives (ge-model §11): for a flow ``Z[j,i] = λ'[j,i] E'_i g[j,i]``,
``∂Z[j,i]/∂log c_k = −ε Z[j,i] (δ_jk − λ'[k,i])`` and ``∂Z[j,i]/∂log Ê_i = Z[j,i]``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from tradewar.model.calibration import World
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.types import FloatArray


@dataclass(frozen=True)
class TariffTerms:
    """Tariff-dependent constants of the system, computed once per (world, policy).

    Attributes
    ----------
    gross_tariff_inverse : ndarray (N, N)
        ``1/(1+t[j,i])``.
    revenue_share : ndarray (N, N)
        ``t/(1+t)``: the share of gross spending that is tariff revenue.
    revenue_share_t : ndarray (N, N)
        Its transpose, stored contiguously.
    weighted_gross_inverse, weighted_revenue_share : ndarray (N, N)
        ``weighted_shares / (1+t)`` and ``weighted_shares · t/(1+t)``, for the fast residual.
    weighted_shares : ndarray (N, N)
        ``λ[j,i] (1+t[j,i])^(−ε φ_i)``: factual shares times the tariff demand shifter.
    """

    gross_tariff_inverse: FloatArray
    revenue_share: FloatArray
    revenue_share_t: FloatArray
    weighted_shares: FloatArray
    weighted_gross_inverse: FloatArray
    weighted_revenue_share: FloatArray


def tariff_terms(world: World, policy: Policy) -> TariffTerms:
    """Precompute the tariff terms of ``A[j,i]`` for one policy (only non-zero tariffs)."""
    tariffs = policy.tariffs
    gross = 1.0 + tariffs
    revenue_share = tariffs / gross
    weighted = world.shares.copy()
    exporters, importers = np.nonzero(tariffs)
    weighted[exporters, importers] *= np.exp(
        -world.elasticities.trade * world.phi[importers] * np.log1p(tariffs[exporters, importers])
    )
    gross_inverse = 1.0 / gross
    return TariffTerms(
        gross_tariff_inverse=gross_inverse,
        revenue_share=revenue_share,
        revenue_share_t=np.ascontiguousarray(revenue_share.T),
        weighted_shares=weighted,
        weighted_gross_inverse=weighted * gross_inverse,
        weighted_revenue_share=weighted * revenue_share,
    )


@dataclass(frozen=True)
class TradeState:
    """Counterfactual trade given log unit costs and log expenditure changes.

    All money values in thousands of USD; shares are fractions.
    """

    new_shares: FloatArray  # λ'[j,i]
    new_flows: FloatArray  # X'[j,i], producer prices
    log_sum: FloatArray  # log S_i
    revenue: FloatArray  # R_i
    revenue_rate: FloatArray  # ρ_i = R_i / E'_i
    new_expenditure: FloatArray  # E'_i = Ê_i E_i
    producer_sales: FloatArray  # a_i = Σ_n (1−ν_n) X'[i,n]
    market_sales: FloatArray  # m_i = Σ_j X'[j,i]


def trade_state(
    world: World, terms: TariffTerms, log_cost: FloatArray, log_expenditure_hat: FloatArray
) -> TradeState:
    """Shares, flows and revenue for given ``log c`` and ``log Ê`` (ge-model §4.2)."""
    shares = trade_shares(world, terms, log_cost)
    return trade_flows(world, terms, shares, world.expenditure * np.exp(log_expenditure_hat))


@dataclass(frozen=True)
class ShareState:
    """Counterfactual expenditure shares; they depend on unit costs only."""

    new_shares: FloatArray  # λ'[j,i]
    log_sum: FloatArray  # log S_i
    revenue_rate: FloatArray  # ρ_i = Σ_j λ'[j,i] t/(1+t): tariff revenue per unit of E'_i


class Workspace:
    """Preallocated N×N scratch arrays, reused across evaluations of one system.

    Re-using memory (instead of allocating ~30 fresh 300 kB temporaries per Jacobian)
    avoids page faults that otherwise dominate the cost of a 194-country solve.
    """

    def __init__(self, size: int) -> None:
        def square() -> FloatArray:
            return np.zeros((size, size))

        self.shares, self.flows, self.weighted_flows = square(), square(), square()
        self.producer, self.market, self.revenue = square(), square(), square()
        self.wage_to_log_e, self.employment_to_log_e = square(), square()
        self.wage_to_log_p, self.employment_to_log_p = square(), square()
        self.scratch, self.rho = square(), square()


def _labels(countries: tuple[str, ...], blocks: tuple[str, ...], numeraire: str) -> tuple[str, ...]:
    """Human-readable names of the residual rows (the first block's last row is the numeraire)."""
    labels = [f"{block} of {code}" for block in blocks for code in countries]
    labels[len(countries) - 1] = numeraire
    return tuple(labels)


_THREAD_LOCAL = threading.local()


def _thread_buffers(size: int) -> tuple[Workspace, FloatArray]:
    """Scratch arrays and a 2N×2N Jacobian buffer shared by the systems of one thread.

    Solves run one at a time within a thread, so re-using the memory across solves is
    safe and spares the page faults of touching ~5 MB of fresh memory per solve.
    """
    cache: dict[int, tuple[Workspace, FloatArray]] = _THREAD_LOCAL.__dict__.setdefault(
        "buffers", {}
    )
    if size not in cache:
        cache.clear()  # keep one size at a time
        cache[size] = (Workspace(size), np.zeros((2 * size, 2 * size)))
    return cache[size]


def trade_shares(
    world: World, terms: TariffTerms, log_cost: FloatArray, workspace: Workspace | None = None
) -> ShareState:
    """``λ'``, ``log S`` and ``ρ`` for given log unit costs (ge-model §4.2).

    With a ``workspace`` the shares are written into ``workspace.shares`` (overwritten by
    the next call); without one a fresh array is returned.
    """
    log_cost_term = -world.elasticities.trade * log_cost
    shift = log_cost_term.max()
    demand = np.empty_like(terms.weighted_shares) if workspace is None else workspace.shares
    np.multiply(terms.weighted_shares, np.exp(log_cost_term - shift)[:, None], out=demand)
    total = demand.sum(axis=0)
    demand /= total[None, :]
    return ShareState(
        new_shares=demand,
        log_sum=np.log(total) + shift,
        revenue_rate=np.einsum("ji,ji->i", demand, terms.revenue_share),
    )


def trade_flows(
    world: World,
    terms: TariffTerms,
    shares: ShareState,
    new_expenditure: FloatArray,
    workspace: Workspace | None = None,
) -> TradeState:
    """Flows and revenue given shares and counterfactual expenditure ``E'`` (000 USD)."""
    new_flows = np.empty_like(shares.new_shares) if workspace is None else workspace.flows
    np.multiply(terms.gross_tariff_inverse, new_expenditure[None, :], out=new_flows)
    new_flows *= shares.new_shares
    return TradeState(
        new_shares=shares.new_shares,
        new_flows=new_flows,
        log_sum=shares.log_sum,
        revenue=shares.revenue_rate * new_expenditure,
        revenue_rate=shares.revenue_rate,
        new_expenditure=new_expenditure,
        producer_sales=new_flows @ (1.0 - world.nu),
        market_sales=new_flows.sum(axis=0),
    )


@dataclass(frozen=True)
class TradeDerivatives:
    """Derivatives of trade aggregates with respect to ``log c_k`` (matrices [i, k])."""

    producer_sales: FloatArray  # ∂a_i/∂log c_k
    market_sales: FloatArray  # ∂m_i/∂log c_k
    revenue: FloatArray  # ∂R_i/∂log c_k
    log_price_from_cost: FloatArray  # ∂(−log S_i/ε)/∂log c_k = λ'[k,i]
    weighted_flows: FloatArray  # X'[i,n] (1−ν_n), reused by callers


def trade_derivatives(
    world: World, terms: TariffTerms, state: TradeState, workspace: Workspace | None = None
) -> TradeDerivatives:
    """Analytic derivatives of a, m, R and −log S/ε with respect to log unit costs.

    ``∂a_i/∂log c_k = −ε (δ_ik a_i − Σ_n (1−ν_n) X'[i,n] λ'[k,n])``,
    ``∂m_i/∂log c_k = −ε (X'[k,i] − λ'[k,i] m_i)``,
    ``∂R_i/∂log c_k = −ε E'_i λ'[k,i] (t_ki/(1+t_ki) − ρ_i)``.
    """
    ws = workspace if workspace is not None else Workspace(world.size)
    epsilon = world.elasticities.trade
    diagonal = np.arange(world.size)
    shares_t = state.new_shares.T  # [i, k] = λ'[k, i]
    np.multiply(state.new_flows, (1.0 - world.nu)[None, :], out=ws.weighted_flows)
    np.matmul(ws.weighted_flows, shares_t, out=ws.producer)
    ws.producer *= epsilon
    ws.producer[diagonal, diagonal] -= epsilon * state.producer_sales
    np.multiply(shares_t, state.market_sales[:, None], out=ws.market)
    ws.market -= state.new_flows.T
    ws.market *= epsilon
    np.subtract(terms.revenue_share_t, state.revenue_rate[:, None], out=ws.revenue)
    ws.revenue *= shares_t
    ws.revenue *= (-epsilon * state.new_expenditure)[:, None]
    return TradeDerivatives(
        producer_sales=ws.producer,
        market_sales=ws.market,
        revenue=ws.revenue,
        log_price_from_cost=shares_t,
        weighted_flows=ws.weighted_flows,
    )


@dataclass(frozen=True)
class BaselineState:
    """Everything the baseline system computes from ``z`` (hats are ratios, money in 000 USD)."""

    wage_hat: FloatArray
    expenditure_hat: FloatArray
    employment_hat: FloatArray
    price_hat: FloatArray
    income: FloatArray  # Y'_i
    tax_rate: FloatArray  # τ_i (0 under lump sum)
    trade: TradeState

    @property
    def log_hats(self) -> FloatArray:
        """``(log ŵ, log Ê, log L̂)`` stacked."""
        hats: FloatArray = np.concatenate(
            [self.wage_hat, self.expenditure_hat, self.employment_hat]
        )
        return np.log(hats)


class BaselineSystem:
    """The baseline one-sector counterfactual system (ge-model §4.2) in logs.

    The budget (F2) is linear in ``E'`` given unit costs, ``E'_i (1−ρ_i) = Y'_i + T_i ΣY'/ΣY``
    with ``ρ_i`` the tariff-revenue share of gross spending, so ``Ê`` is eliminated exactly
    and Newton works on ``z = (log ŵ, log L̂)`` (2N unknowns) with residuals (F1, F3).  This
    Schur reduction of the 3N system of ge-model §11 has the same solutions and a linear system
    one third the size.

    Parameters
    ----------
    world : World
        A calibrated world with ``value_added_share == 1``.
    policy : Policy
        Counterfactual tariffs and revenue treatment.
    """

    def __init__(self, world: World, policy: Policy) -> None:
        self.world = world
        self.policy = policy
        self.terms = tariff_terms(world, policy)
        self.size = 2 * world.size
        self.tax_relief = policy.revenue is RevenueTreatment.income_tax_relief
        self._workspace, self._jacobian = _thread_buffers(world.size)
        self._tariff_setters = np.flatnonzero(policy.tariffs.any(axis=0))
        self.equation_labels = _labels(
            world.countries, ("factor market (F1)", "labour supply (F3)"), "numeraire (F1)"
        )

    def split(self, z: FloatArray) -> tuple[FloatArray, FloatArray]:
        """``(log ŵ, log L̂)`` views of the unknown vector."""
        n = self.world.size
        return z[:n], z[n:]

    def state(self, z: FloatArray) -> BaselineState:
        """Evaluate the counterfactual economy at ``z`` (F2 holds exactly); fresh arrays."""
        return self._state(z, None)

    def _state(self, z: FloatArray, workspace: Workspace | None) -> BaselineState:
        world = self.world
        log_w, log_l = self.split(z)
        psi, epsilon = world.elasticities.scale, world.elasticities.trade
        shares = trade_shares(world, self.terms, log_w - psi * log_l, workspace)
        income = np.exp(log_w + log_l) * world.income
        growth = income.sum() / world.income.sum()
        new_expenditure = (income + world.transfers * growth) / (1.0 - shares.revenue_rate)
        trade = trade_flows(world, self.terms, shares, new_expenditure, workspace)
        expenditure_hat = new_expenditure / world.expenditure
        with np.errstate(invalid="ignore", divide="ignore"):
            log_price = (1.0 - world.phi) * (np.log(expenditure_hat) - log_w) - (
                shares.log_sum / epsilon
            )
        tax_rate = trade.revenue / income if self.tax_relief else np.zeros(world.size)
        return BaselineState(
            wage_hat=np.exp(log_w),
            expenditure_hat=expenditure_hat,
            employment_hat=np.exp(log_l),
            price_hat=np.exp(log_price),
            income=income,
            tax_rate=tax_rate,
            trade=trade,
        )

    def residual(self, z: FloatArray) -> FloatArray:
        """Scaled residual vector (F1, F3), length 2N, at ``z``.

        Evaluated without forming N×N matrices: with ``s_j = c_j^(−ε)`` (rescaled) and
        ``W = λ (1+t)^(−εφ)``, ``S = Wᵀs``, ``ρ = (W t/(1+t))ᵀs / S``,
        ``m = E'(1−ρ)`` and ``a = s ∘ (W/(1+t)) (E'(1−ν)/S)``: three matrix–vector
        products, algebraically identical to :meth:`state`.
        """
        world, terms = self.world, self.terms
        log_w, log_l = self.split(z)
        psi, epsilon = world.elasticities.scale, world.elasticities.trade
        log_cost_term = -epsilon * (log_w - psi * log_l)
        shift = log_cost_term.max()
        scale = np.exp(log_cost_term - shift)
        total = scale @ terms.weighted_shares
        revenue_rate = (scale @ terms.weighted_revenue_share) / total
        income = np.exp(log_w + log_l) * world.income
        growth = income.sum() / world.income.sum()
        kept = 1.0 - revenue_rate
        new_expenditure = (income + world.transfers * growth) / kept
        producer_sales = scale * (
            terms.weighted_gross_inverse @ (new_expenditure * (1.0 - world.nu) / total)
        )
        factor_market = (
            producer_sales + world.nu * new_expenditure * kept - income
        ) / world.expenditure
        with np.errstate(invalid="ignore", divide="ignore"):
            log_price = (1.0 - world.phi) * (
                np.log(new_expenditure / world.expenditure) - log_w
            ) - ((np.log(total) + shift) / epsilon)
            factor_market[-1] = (
                (np.exp(log_price) - 1.0) @ world.expenditure / (world.expenditure.sum())
            )
            tax_rate = revenue_rate * new_expenditure / income if self.tax_relief else 0.0
            labour = log_l - world.elasticities.labour_supply * (
                -np.log1p(-tax_rate) + log_w - log_price
            )
        return np.concatenate([factor_market, labour])

    def _residual(self, z: FloatArray, state: BaselineState) -> FloatArray:
        world = self.world
        log_w, log_l = self.split(z)
        trade = state.trade
        factor_market = (
            trade.producer_sales + world.nu * trade.market_sales - state.income
        ) / world.expenditure
        factor_market[-1] = (state.price_hat - 1.0) @ world.expenditure / world.expenditure.sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            labour = log_l - world.elasticities.labour_supply * (
                -np.log1p(-state.tax_rate) + log_w - np.log(state.price_hat)
            )
        return np.concatenate([factor_market, labour])

    def residual_and_jacobian(self, z: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Residual and its analytic Jacobian (2N×2N) at ``z``.

        Partial derivatives as in ge-model §11, then the chain rule through
        ``log Ê(log ŵ, log L̂)`` from the budget identity.  The returned Jacobian is a
        buffer shared by the baseline systems of this thread, overwritten by the next
        call; copy it to keep it.
        """
        world = self.world
        ws = self._workspace
        state = self._state(z, ws)
        residual = self._residual(z, state)
        n = world.size
        diagonal = np.arange(n)
        psi = world.elasticities.scale
        kappa = world.elasticities.labour_supply
        trade = state.trade
        d = trade_derivatives(world, self.terms, trade, ws)
        inv_e = (1.0 / world.expenditure)[:, None]
        keep_price = 1.0 - world.phi

        # log Ê as a function of (log ŵ, log L̂):  E' = (Y' + T g)/(1 − ρ),
        # ∂ρ_i/∂log c_k = (∂R_i/∂log c_k)/E'_i.
        available = state.income + world.transfers * (state.income.sum() / world.income.sum())
        growth_row = state.income / world.income.sum()
        growth_column = world.transfers / available
        rho_cost = ws.rho
        np.divide(d.revenue, (trade.new_expenditure * (1.0 - trade.revenue_rate))[:, None],
                  out=rho_cost)  # fmt: skip
        loge_w, loge_l = ws.wage_to_log_e, ws.employment_to_log_e
        np.multiply(growth_column[:, None], growth_row[None, :], out=loge_w)
        np.subtract(loge_w, psi * rho_cost, out=loge_l)
        loge_w += rho_cost
        own = state.income / available
        loge_w[diagonal, diagonal] += own
        loge_l[diagonal, diagonal] += own

        # ∂log P̂/∂log c = λ'ᵀ and ∂log P̂/∂log Ê = 1 − φ.
        logp_w, logp_l = ws.wage_to_log_p, ws.employment_to_log_p
        np.multiply(keep_price[:, None], loge_w, out=logp_w)
        logp_w += d.log_price_from_cost
        logp_w[diagonal, diagonal] -= keep_price
        np.multiply(keep_price[:, None], loge_l, out=logp_l)
        logp_l -= psi * d.log_price_from_cost

        jacobian = self._jacobian
        f1_w, f1_l = jacobian[:n, :n], jacobian[:n, n:]
        f3_w, f3_l = jacobian[n:, :n], jacobian[n:, n:]

        # F1: factor-market clearing; partials in log c and log Ê, then chain.
        f1_cost = d.producer_sales  # reused in place: (∂a + ν ∂m)/E
        market = d.market_sales
        market *= world.nu[:, None]
        f1_cost += market
        f1_cost *= inv_e
        f1_e = d.weighted_flows  # reused in place: ∂(a + ν m)/∂log Ê, scaled by 1/E
        f1_e *= inv_e
        f1_e[diagonal, diagonal] += world.nu * trade.market_sales / world.expenditure
        # f1_e @ loge, using loge = outer(growth) + (rows of tariff setters) + diag(own):
        # only importers that levy tariffs have ∂ρ/∂log c ≠ 0 (ge-model §11, structure).
        through_e = ws.market
        np.multiply((f1_e @ growth_column)[:, None], growth_row[None, :], out=through_e)
        np.multiply(f1_e, own[None, :], out=ws.scratch)
        through_e += ws.scratch
        setters = self._tariff_setters
        via_rho = f1_e[:, setters] @ rho_cost[setters, :] if setters.size else 0.0
        np.add(through_e, f1_cost, out=f1_w)
        f1_w += via_rho
        f1_cost *= psi
        np.subtract(through_e, f1_cost, out=f1_l)
        if setters.size:
            via_rho *= psi
            f1_l -= via_rho
        own_income = state.income / world.expenditure
        f1_w[diagonal, diagonal] -= own_income
        f1_l[diagonal, diagonal] -= own_income
        # Numeraire row: ∂ Σ P̂ E / ΣE.
        weight = state.price_hat * world.expenditure / world.expenditure.sum()
        f1_w[-1] = weight @ logp_w
        f1_l[-1] = weight @ logp_l

        # F3: log L̂ − κ(log τ̂ + log ŵ − log P̂), log τ̂ = −log(1 − R/Y').
        np.multiply(logp_w, kappa, out=f3_w)
        np.multiply(logp_l, kappa, out=f3_l)
        f3_w[diagonal, diagonal] -= kappa
        f3_l[diagonal, diagonal] += 1.0
        if self.tax_relief:
            # ∂log τ̂ = (∂R − τ ∂Y')/((1−τ) Y'), ∂R = ∂R/∂log c + R ∂log Ê.
            scale = kappa / ((1.0 - state.tax_rate) * state.income)
            revenue_e = (trade.revenue * scale)[:, None]
            revenue_cost = d.revenue
            revenue_cost *= scale[:, None]
            np.multiply(loge_w, revenue_e, out=ws.scratch)
            ws.scratch += revenue_cost
            f3_w -= ws.scratch
            np.multiply(loge_l, revenue_e, out=ws.scratch)
            revenue_cost *= psi
            ws.scratch -= revenue_cost
            f3_l -= ws.scratch
            tax = kappa * state.tax_rate / (1.0 - state.tax_rate)
            f3_w[diagonal, diagonal] += tax
            f3_l[diagonal, diagonal] += tax
        return residual, jacobian


@dataclass(frozen=True)
class InputOutputState:
    """Everything the input–output system computes from ``z``."""

    wage_hat: FloatArray
    expenditure_hat: FloatArray
    employment_hat: FloatArray
    price_hat: FloatArray
    income: FloatArray  # Y'_i, value added
    tax_rate: FloatArray
    trade: TradeState

    @property
    def log_hats(self) -> FloatArray:
        """``(log ŵ, log Ê, log L̂, log P̂)`` stacked."""
        hats = [self.wage_hat, self.expenditure_hat, self.employment_hat, self.price_hat]
        return np.log(np.concatenate(hats))


class InputOutputSystem:
    """The one-sector input–output counterfactual system (ge-model §8.2) in logs.

    Tariff revenue always replaces an income tax (the authors' code has no lump-sum IO run).
    """

    def __init__(self, world: World, policy: Policy) -> None:
        self.world = world
        self.policy = policy
        self.terms = tariff_terms(world, policy)
        self.size = 4 * world.size
        self.equation_labels = _labels(
            world.countries,
            ("factor market (G1)", "budget (G2)", "labour supply (G3)", "price index (G4)"),
            "numeraire (G1)",
        )
        beta, psi = world.value_added_share, world.elasticities.scale
        # log c − ψ log m − ψ log L̂ = a_w log ŵ + a_p log P̂ − ψ log L̂
        self.cost_on_wage = beta - psi * (1.0 - beta)
        self.cost_on_price = (1.0 - beta) * (1.0 + psi)

    def split(self, z: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """``(log ŵ, log Ê, log L̂, log P̂)`` views of the unknown vector."""
        n = self.world.size
        return z[:n], z[n : 2 * n], z[2 * n : 3 * n], z[3 * n :]

    def state(self, z: FloatArray) -> InputOutputState:
        """Evaluate the counterfactual economy at ``z``."""
        world = self.world
        log_w, log_e, log_l, log_p = self.split(z)
        psi = world.elasticities.scale
        log_cost = self.cost_on_wage * log_w + self.cost_on_price * log_p - psi * log_l
        trade = trade_state(world, self.terms, log_cost, log_e)
        income = np.exp(log_w + log_l) * world.income
        return InputOutputState(
            wage_hat=np.exp(log_w),
            expenditure_hat=np.exp(log_e),
            employment_hat=np.exp(log_l),
            price_hat=np.exp(log_p),
            income=income,
            tax_rate=trade.revenue / income,
            trade=trade,
        )

    def residual(self, z: FloatArray) -> FloatArray:
        """Scaled residual vector (length 4N) at ``z``."""
        return self._residual(z, self.state(z))

    def _residual(self, z: FloatArray, state: InputOutputState) -> FloatArray:
        world = self.world
        log_w, log_e, log_l, log_p = self.split(z)
        beta = world.value_added_share
        epsilon, kappa = world.elasticities.trade, world.elasticities.labour_supply
        trade = state.trade
        factor_market = (
            beta * trade.producer_sales + world.nu * trade.market_sales - state.income
        ) / world.expenditure
        factor_market[-1] = (state.wage_hat - 1.0) @ world.income / world.income.sum()
        growth = state.income.sum() / world.income.sum()
        budget = (
            trade.revenue
            + state.income
            + (1.0 - beta) * trade.producer_sales
            + world.transfers * growth
            - trade.new_expenditure
        ) / world.expenditure
        labour = log_l - kappa * (-np.log1p(-state.tax_rate) + log_w - log_p)
        price = log_p - (1.0 - world.phi) * (log_e - log_w) + trade.log_sum / epsilon
        return np.concatenate([factor_market, budget, labour, price])

    def residual_and_jacobian(self, z: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Residual and its analytic Jacobian (4N×4N) at ``z``."""
        world = self.world
        state = self.state(z)
        residual = self._residual(z, state)
        n = world.size
        beta, psi = world.value_added_share, world.elasticities.scale
        kappa = world.elasticities.labour_supply
        trade = state.trade
        d = trade_derivatives(world, self.terms, trade)
        identity = np.eye(n)
        inv_e = (1.0 / world.expenditure)[:, None]
        cw, cp, cl = self.cost_on_wage, self.cost_on_price, -psi
        income_diag = np.diag(state.income)

        g1_cost = (beta * d.producer_sales + world.nu[:, None] * d.market_sales) * inv_e
        g1_w = g1_cost * cw - income_diag * inv_e
        g1_l = g1_cost * cl - income_diag * inv_e
        g1_p = g1_cost * cp
        g1_e = (
            beta * trade.new_flows * (1.0 - world.nu)[None, :]
            + np.diag(world.nu * trade.market_sales)
        ) * inv_e
        g1_w[-1] = state.wage_hat * world.income / world.income.sum()
        g1_l[-1] = 0.0
        g1_p[-1] = 0.0
        g1_e[-1] = 0.0

        g2_cost = (d.revenue + (1.0 - beta) * d.producer_sales) * inv_e
        growth_term = world.transfers[:, None] * state.income[None, :] / world.income.sum()
        g2_w = g2_cost * cw + (income_diag + growth_term) * inv_e
        g2_l = g2_cost * cl + (income_diag + growth_term) * inv_e
        g2_p = g2_cost * cp
        g2_e = (
            np.diag(trade.revenue - trade.new_expenditure)
            + (1.0 - beta) * trade.new_flows * (1.0 - world.nu)[None, :]
        ) * inv_e

        scale = (1.0 / ((1.0 - state.tax_rate) * state.income))[:, None]
        tax_diag = np.diag(state.tax_rate / (1.0 - state.tax_rate))
        logtau_cost = d.revenue * scale
        g3_w = -kappa * (logtau_cost * cw - tax_diag + identity)
        g3_l = identity - kappa * (logtau_cost * cl - tax_diag)
        g3_p = -kappa * (logtau_cost * cp - identity)
        g3_e = -kappa * tax_diag

        # G4: log P̂ − (1−φ)(log Ê − log ŵ) − (−log S/ε); ∂(−log S/ε)/∂log c = λ'ᵀ.
        g4_cost = -d.log_price_from_cost
        g4_w = g4_cost * cw + np.diag(1.0 - world.phi)
        g4_l = g4_cost * cl
        g4_p = identity + g4_cost * cp
        g4_e = -np.diag(1.0 - world.phi)

        jacobian = np.block(
            [
                [g1_w, g1_e, g1_l, g1_p],
                [g2_w, g2_e, g2_l, g2_p],
                [g3_w, g3_e, g3_l, g3_p],
                [g4_w, g4_e, g4_l, g4_p],
            ]
        )
        return residual, jacobian
