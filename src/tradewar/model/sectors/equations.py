"""Equilibrium of the LL2023 multi-industry model in hat algebra, in logs, with analytic Jacobian.

Notation follows ``docs/models/ll2023.md`` (the paper's, Section 5 and the authors' code).
Cubes are ``[industry k, exporter j, importer i]``.  Policy wedges are gross factors:
``T = 1+t`` (import tariff of i on j), ``E = 1+x`` (export tax of j on sales to i),
``B = 1+s`` (production tax/subsidy of j in k; ``B = 1/(1+μ_k)`` is the first-best
subsidy).  Factual ``t̄`` are the applied tariffs; factual export and production taxes
are zero, so the price change of a (j, i, k) variety is::

    p̂[k,j,i] = ŵ_j τ̂[k,j,i] r̂[k,j]^(−μ_k),   τ̂ = (T/T̄) E B,   r̂ ≡ 1 under restricted entry

Shares, flows and wedges (``Ŷ`` national income = expenditure)::

    λ'[k,j,i] = λ[k,j,i] p̂^(1−σ_k) / D[k,i],    D[k,i] = Σ_j λ[k,j,i] p̂^(1−σ_k)
    X'[k,j,i] = λ'[k,j,i] e[k,i] Ŷ_i Y_i          (consumer prices)
    Q[k,j,i]  = X' / (T E B)                       (producer prices)

Restricted entry (unknowns ``log ŵ``, ``log Ŷ``)::

    (R1) Σ_{k,i} Q/(1+μ_k) − ŵ_j R_j = 0               wage bill (j < N)
    (R1) Σ_j R_j (ŵ_j − 1) / Σ_j R_j = 0                numeraire (row N)
    (R2) Σ_{k,n} X'[k,i,n](μ_k/((1+μ_k)TEB) + 1/T − 1/(TEB))      profits + export-tax revenue
         + Σ_{k,j} X'[k,j,i] t/T + ŵ_i R_i − Ŷ_i Y_i = 0          + tariff revenue + wages

Free entry (unknowns ``log ŵ``, ``log Ŷ``, ``log r̂[k,j]``)::

    (F1) Σ_i Q[k,j,i] − r̂[k,j] r[k,j] ŵ_j R_j = 0       industry labour market (all k, j)
    (F2) Σ_{k,n} X'[k,i,n](1/T − 1/(TEB)) + Σ_{k,j} X'[k,j,i] t/T + ŵ_i R_i − Ŷ_i Y_i = 0
                                                         (i < N; the authors drop an (F1) row)
    (F2) Σ_j R_j (ŵ_j − 1) / Σ_j R_j = 0                numeraire (row N of (F2))
    (F3) Σ_k r̂[k,j] r[k,j] − 1 = 0

Welfare: ``Ŵ_i = Ŷ_i / P̂_i``, ``log P̂_i = Σ_k e[k,i]/(1−σ_k) log D[k,i]``.

Derivatives: for a flow ``Z = λ' Ŷ g`` with ``g`` free of the unknowns and
``Zs = (1−σ_k) Z``, ``∂Z[k,j,i]/∂ log p̂[k,m] = Zs[k,j,i](δ_jm − λ'[k,m,i])``;
``∂ log p̂[k,m]/∂ log ŵ_m = 1`` and ``∂ log p̂[k,m]/∂ log r̂[k,m] = −μ_k``.
Residual rows are divided by ``Y_i`` (by ``Y_j`` for (F1)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from tradewar.errors import InvalidInput
from tradewar.model.sectors.data import Entry, SectoralWorld
from tradewar.model.sectors.restricted import FactoredRestrictedEntry
from tradewar.types import FloatArray


@dataclass(frozen=True)
class Instruments:
    """Counterfactual trade and industrial policy, decimals.

    Attributes
    ----------
    import_tariffs : ndarray (S, N, N)
        ``t[k,j,i]``: tariff of importer i on j's industry-k goods (replaces the applied one).
    export_taxes : ndarray (S, N, N)
        ``x[k,j,i]``: tax of exporter j on its industry-k sales to i (negative: subsidy).
    production_taxes : ndarray (S, N)
        ``s[k,j]``: tax on j's industry-k output wherever sold (``1/(1+μ_k) − 1`` is the
        first-best subsidy).
    """

    import_tariffs: FloatArray
    export_taxes: FloatArray
    production_taxes: FloatArray

    @classmethod
    def factual(cls, world: SectoralWorld) -> Instruments:
        """Applied tariffs, no export or production taxes: the calibrated state."""
        count, size = len(world.industries), world.size
        return cls(world.tariffs.copy(), np.zeros((count, size, size)), np.zeros((count, size)))

    def check(self, world: SectoralWorld) -> None:
        """Shapes match the world and every gross wedge is positive."""
        self._checked_extremes(world)

    def _checked_extremes(self, world: SectoralWorld) -> dict[str, tuple[float, float]]:
        """:meth:`check`, returning each instrument's smallest and largest rate."""
        count, size = len(world.industries), world.size
        expected = {
            "import_tariffs": (count, size, size),
            "export_taxes": (count, size, size),
            "production_taxes": (count, size),
        }
        extremes = {}
        for name, shape in expected.items():
            value = getattr(self, name)
            if value.shape != shape:
                raise InvalidInput(f"{name} has shape {value.shape}; expected {shape}.")
            lowest, highest = float(value.min()), float(value.max())
            # min and max propagate NaN, and every comparison with NaN is false.
            if not (lowest > -1.0 and highest < np.inf):
                raise InvalidInput(f"{name}: every rate must be finite and above −100%.")
            extremes[name] = (lowest, highest)
        return extremes


@dataclass(frozen=True)
class PolicyTerms:
    """Constants of the system for one (world, instruments) pair."""

    weighted_shares: FloatArray  # λ τ̂^(1−σ), (S, N, N)
    wage_flow: FloatArray  # g of the wage bill (R1) or industry sales (F1), per unit λ'Ŷ
    exporter_income_flow: FloatArray  # g of profits + export-tax revenue (exporter)
    importer_income_flow: FloatArray  # g of tariff revenue (importer)
    gross_tariff: FloatArray  # T
    total_wedge: FloatArray  # T E B


class Wedges:
    """The price wedges of one (world, instruments) pair and ``φ = λ τ̂^(1−σ)``.

    ``total_wedge`` is ``None`` when there are no export or production taxes (``T E B = T``);
    ``T = 1 + t`` itself is formed only when first read (the factored restricted-entry
    system needs ``φ/T`` only).
    """

    def __init__(
        self,
        instruments: Instruments,
        weighted_shares: FloatArray,
        total_wedge: FloatArray | None = None,
        gross_tariff: FloatArray | None = None,
    ) -> None:
        self.import_tariffs = instruments.import_tariffs
        self.weighted_shares = weighted_shares
        self.taxed_wedge = total_wedge
        self._gross_tariff = gross_tariff

    @property
    def tariffs_only(self) -> bool:
        """No export or production taxes (``T E B = T``)."""
        return self.taxed_wedge is None

    @property
    def gross_tariff(self) -> FloatArray:
        """``T = 1 + t`` (S, N, N)."""
        if self._gross_tariff is None:
            self._gross_tariff = 1.0 + self.import_tariffs
        return self._gross_tariff

    @property
    def total_wedge(self) -> FloatArray:
        """``T E B`` (S, N, N)."""
        return self.gross_tariff if self.taxed_wedge is None else self.taxed_wedge


def policy_wedges(world: SectoralWorld, instruments: Instruments) -> Wedges:
    """``T``, ``T E B`` and ``φ``; checks the instruments first."""
    extremes = instruments._checked_extremes(world)
    gross_tariff: FloatArray | None = None
    taxed_wedge: FloatArray | None = None
    if any(extremes[name] != (0.0, 0.0) for name in ("export_taxes", "production_taxes")):
        gross_tariff = 1.0 + instruments.import_tariffs
        taxed_wedge = gross_tariff * (1.0 + instruments.export_taxes)
        taxed_wedge = taxed_wedge * (1.0 + instruments.production_taxes)[:, :, None]
        changed = taxed_wedge != 1.0 + world.tariffs
    else:  # T E B = T exactly: compare tariffs without forming T
        changed = instruments.import_tariffs != world.tariffs
    weighted_shares = world.shares.copy()
    cells = np.flatnonzero(changed)  # most cells keep their factual wedge: skip the power there
    if cells.size:
        if taxed_wedge is None:
            wedge = 1.0 + instruments.import_tariffs.ravel()[cells]
        else:
            wedge = taxed_wedge.ravel()[cells]
        price_change = wedge / (1.0 + world.tariffs.ravel()[cells])
        one_minus_sigma = (1.0 - world.sigma)[cells // changed[0].size]
        weighted_shares.ravel()[cells] *= np.exp(one_minus_sigma * np.log(price_change))
    return Wedges(instruments, weighted_shares, taxed_wedge, gross_tariff)


def policy_terms(world: SectoralWorld, instruments: Instruments, wedges: Wedges) -> PolicyTerms:
    """The flow terms ``g`` of the system (the term-by-term residual and the partials)."""
    mu = world.scale_elasticity[:, None, None]
    gross_tariff, wedge = wedges.gross_tariff, wedges.total_wedge
    spending = world.industry_shares[:, None, :] * world.expenditure[None, None, :]
    export_tax_revenue = 1.0 / gross_tariff - 1.0 / wedge
    if world.entry is Entry.restricted:
        wage = spending / (wedge * (1.0 + mu))
        exporter_income = spending * (mu / ((1.0 + mu) * wedge) + export_tax_revenue)
    else:
        wage = spending / wedge
        exporter_income = spending * export_tax_revenue
    return PolicyTerms(
        weighted_shares=wedges.weighted_shares,
        wage_flow=wage,
        exporter_income_flow=exporter_income,
        importer_income_flow=spending * instruments.import_tariffs / gross_tariff,
        gross_tariff=gross_tariff,
        total_wedge=wedge,
    )


@dataclass(frozen=True)
class FlowCubes:
    """The (S, N, N) cubes of a state."""

    new_shares: FloatArray  # λ'
    new_flows: FloatArray  # X', consumer prices, millions USD
    producer_sales: FloatArray  # Q, producer prices


@dataclass(frozen=True)
class SectoralState:
    """Counterfactual quantities at a solution (or any point) of the system.

    The cubes ``new_shares``, ``new_flows`` and ``producer_sales`` are formed when first
    read (``cubes`` computes them): welfare, wages and prices need none of them, and a
    solve of the restricted-entry system forms none otherwise.
    """

    wage_hat: FloatArray  # ŵ (N,)
    income_hat: FloatArray  # Ŷ (N,)
    labour_hat: FloatArray  # r̂ (S, N); ones under restricted entry
    log_share_sum: FloatArray  # log D (S, N)
    price_index_hat: FloatArray  # P̂ (N,)
    cubes: Callable[[], FlowCubes] = field(repr=False, compare=False)

    @cached_property
    def _flow_cubes(self) -> FlowCubes:
        return self.cubes()

    @property
    def new_shares(self) -> FloatArray:
        """``λ'`` (S, N, N)."""
        return self._flow_cubes.new_shares

    @property
    def new_flows(self) -> FloatArray:
        """``X'`` (S, N, N), consumer prices, millions of USD."""
        return self._flow_cubes.new_flows

    @property
    def producer_sales(self) -> FloatArray:
        """``Q = X'/(T E B)`` (S, N, N), producer prices."""
        return self._flow_cubes.producer_sales

    @property
    def welfare_hat(self) -> FloatArray:
        """``Ŵ = Ŷ/P̂`` (N,)."""
        return self.income_hat / self.price_index_hat


class SectoralSystem:
    """Residual and Jacobian of (R1–R2) or (F1–F3) in logs of the hats.

    Two evaluations of the same equations: :meth:`direct_residual` forms every flow cube
    term by term, as written above; under restricted entry :meth:`residual` and
    :meth:`residual_and_jacobian` use the factored form of
    :mod:`tradewar.model.sectors.restricted` (matrix–vector products with constant
    matrices, about a fifth of the cost), and under free entry the direct one.
    """

    def __init__(
        self, world: SectoralWorld, instruments: Instruments, *, numeraire_in_market: bool = False
    ) -> None:
        self.world = world
        self.instruments = instruments
        self.wedges = policy_wedges(world, instruments)
        self.size_n = world.size
        self.count = len(world.industries)
        self.free_entry = world.entry is Entry.free
        self.size = 2 * self.size_n + (self.count * self.size_n if self.free_entry else 0)
        self.one_minus_sigma = 1.0 - world.sigma
        self.factor_income = world.factor_income
        self.expenditure = world.expenditure
        self.labour_shares = world.labour_shares
        # The numeraire replaces the last wage-bill row (restricted entry) or, under free
        # entry, the last income row, so that the labour-market block stays block-diagonal
        # in the industry shares r̂ (Walras' law makes either row redundant).
        n = self.size_n
        # ``numeraire_in_market`` puts it on the last labour market instead, as the authors
        # do (their MPEC converges faster that way on the two-bloc worlds).
        if self.free_entry:
            last_market = self.count * n - 1
            self.numeraire_row = last_market if numeraire_in_market else last_market + n
        else:
            self.numeraire_row = n - 1
        self._jacobian_buffer: FloatArray | None = None
        self.factored: FactoredRestrictedEntry | None = None
        if not self.free_entry:
            wedges = self.wedges
            self.factored = FactoredRestrictedEntry(
                world, wedges.weighted_shares, wedges.import_tariffs, wedges.taxed_wedge
            )

    @cached_property
    def terms(self) -> PolicyTerms:
        """The flow terms of the direct evaluation (computed when first needed)."""
        return policy_terms(self.world, self.instruments, self.wedges)

    @cached_property
    def equation_labels(self) -> tuple[str, ...]:
        """One name per residual row (named by a failed solve's diagnostics)."""
        return self._labels()

    def _labels(self) -> tuple[str, ...]:
        regions, industries = self.world.regions, self.world.industries
        if self.free_entry:
            labels = [f"labour market of {r}, {k}" for k in industries for r in regions]
        else:
            labels = [f"wage bill of {r}" for r in regions]
        labels += [f"income of {r}" for r in regions]
        if self.free_entry:
            labels += [f"industry shares of {r}" for r in regions]
        labels[self.numeraire_row] = "numeraire (Σ R ŵ = Σ R)"
        return tuple(labels)

    # ------------------------------------------------------------------ unknowns
    def unpack(self, z: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        """``(log ŵ, log Ŷ, log r̂)`` from the unknown vector (``log r̂ = 0`` under RE)."""
        n = self.size_n
        log_labour = (
            z[2 * n :].reshape(self.count, n) if self.free_entry else np.zeros((self.count, n))
        )
        return z[:n], z[n : 2 * n], log_labour

    def _log_price(self, log_wage: FloatArray, log_labour: FloatArray) -> FloatArray:
        """``log p̂[k,j]`` net of the policy wedge (S, N)."""
        mu = self.world.scale_elasticity[:, None]
        return log_wage[None, :] - mu * log_labour

    # ------------------------------------------------------------------ state
    def state(self, z: FloatArray) -> SectoralState:
        """All counterfactual quantities at ``z``."""
        if self.factored is not None:
            return self._factored_state(z)
        log_wage, log_income, log_labour = self.unpack(z)
        shares, log_sum = self._shares(log_wage, log_labour)
        income_hat = np.exp(log_income)
        spending = self.world.industry_shares * (income_hat * self.expenditure)[None, :]
        new_flows = shares * spending[:, None, :]
        log_price = np.einsum(
            "ki,ki->i", self.world.industry_shares / self.one_minus_sigma[:, None], log_sum
        )
        cubes = FlowCubes(shares, new_flows, new_flows / self.terms.total_wedge)
        return SectoralState(
            wage_hat=np.exp(log_wage),
            income_hat=income_hat,
            labour_hat=np.exp(log_labour),
            log_share_sum=log_sum,
            price_index_hat=np.exp(log_price),
            cubes=lambda: cubes,
        )

    def _factored_state(self, z: FloatArray) -> SectoralState:
        """:meth:`state` from the factored restricted-entry vectors (``X' = a φ c``)."""
        factored = self.factored
        assert factored is not None
        point = factored.point(z)
        log_sum = np.log(point.share_sums) + point.log_shift
        log_price = np.einsum(
            "ki,ki->i", self.world.industry_shares / self.one_minus_sigma[:, None], log_sum
        )

        def cubes() -> FlowCubes:
            flows_by_exporter = factored.weighted_shares * point.price_terms[:, :, None]  # a φ
            new_flows = flows_by_exporter * point.spending_by_sum[:, None, :]
            return FlowCubes(
                new_shares=flows_by_exporter / point.share_sums[:, None, :],
                new_flows=new_flows,
                producer_sales=new_flows / self.wedges.total_wedge,
            )

        return SectoralState(
            wage_hat=point.wage_hat,
            income_hat=point.income_hat,
            labour_hat=np.ones((self.count, self.size_n)),
            log_share_sum=log_sum,
            price_index_hat=np.exp(log_price),
            cubes=cubes,
        )

    def _shares(
        self, log_wage: FloatArray, log_labour: FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """``λ'`` (S, N, N) and ``log D`` (S, N)."""
        exponent = self.one_minus_sigma[:, None] * self._log_price(log_wage, log_labour)
        shift = exponent.max(axis=1, keepdims=True)
        demand = self.terms.weighted_shares * np.exp(exponent - shift)[:, :, None]
        total = demand.sum(axis=1)
        return demand / total[:, None, :], np.log(total) + shift

    # ------------------------------------------------------------------ residual
    def residual(self, z: FloatArray) -> FloatArray:
        """Scaled residual of the system at ``z``."""
        if self.factored is not None:
            return self.factored.residual(z, self.numeraire_row)
        return self._evaluate(z, jacobian=False)[0]

    def residual_and_jacobian(self, z: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Residual and its analytic Jacobian at ``z``."""
        if self.factored is not None:
            return self.factored.residual_and_jacobian(z, self.numeraire_row)
        return self.direct_residual_and_jacobian(z)

    def direct_residual(self, z: FloatArray) -> FloatArray:
        """:meth:`residual` with every flow cube formed term by term (the equations as
        written above, and the authors' code's way; the reference of the tests and the
        residual of the ``fsolve`` baseline in ``benchmarks/sectors.py``)."""
        return self._evaluate(z, jacobian=False)[0]

    def direct_residual_and_jacobian(self, z: FloatArray) -> tuple[FloatArray, FloatArray]:
        """:meth:`residual_and_jacobian` from the term-by-term cubes."""
        residual, jacobian = self._evaluate(z, jacobian=True)
        assert jacobian is not None
        return residual, jacobian

    def _evaluate(self, z: FloatArray, *, jacobian: bool) -> tuple[FloatArray, FloatArray | None]:
        log_wage, log_income, log_labour = self.unpack(z)
        shares, _ = self._shares(log_wage, log_labour)
        wage_hat, income_hat = np.exp(log_wage), np.exp(log_income)
        base = shares * income_hat[None, None, :]  # λ' Ŷ_i
        terms = self.terms
        wage_flows = base * terms.wage_flow
        exporter_flows = base * terms.exporter_income_flow
        importer_flows = base * terms.importer_income_flow
        wages = wage_hat * self.factor_income
        income = income_hat * self.expenditure
        industry_sales = wage_flows.sum(axis=2)  # (S, N) by exporter
        if self.free_entry:
            labour_hat = np.exp(log_labour)
            labour_income = labour_hat * self.labour_shares * wages[None, :]
            market = (industry_sales - labour_income) / self.expenditure[None, :]
        else:
            market = (industry_sales.sum(axis=0) - wages) / self.expenditure
        numeraire = float(np.dot(self.factor_income, wage_hat - 1.0) / self.factor_income.sum())
        income_gap = (
            exporter_flows.sum(axis=(0, 2)) + importer_flows.sum(axis=(0, 1)) + wages - income
        ) / self.expenditure
        blocks = [market.ravel(), income_gap]
        if self.free_entry:
            blocks.append((labour_hat * self.labour_shares).sum(axis=0) - 1.0)
        residual = np.concatenate(blocks)
        residual[self.numeraire_row] = numeraire
        if not jacobian:
            return residual, None
        return residual, self._jacobian(
            shares, base, wage_flows, exporter_flows, importer_flows, wages, income, log_labour
        )

    # ------------------------------------------------------------------ Jacobian
    def _exporter_sums(self, flows: FloatArray, shares: FloatArray) -> FloatArray:
        """``G[k,j,m] = ∂ Σ_i Z[k,j,i] / ∂ log p̂[k,m]`` (S, N, N)."""
        scaled = self.one_minus_sigma[:, None, None] * flows
        cross = -np.matmul(scaled, np.transpose(shares, (0, 2, 1)))
        own = np.arange(self.size_n)
        cross[:, own, own] += scaled.sum(axis=2)
        return np.asarray(cross, dtype=np.float64)

    def _summed_exporter_sums(self, flows: FloatArray, shares: FloatArray) -> FloatArray:
        """``Σ_k G[k,j,m]`` as one matrix product (restricted entry needs only the sum)."""
        scaled = self.one_minus_sigma[:, None, None] * flows
        total = -np.tensordot(scaled, shares, axes=([0, 2], [0, 2]))
        total[np.diag_indices(self.size_n)] += scaled.sum(axis=(0, 2))
        return np.asarray(total, dtype=np.float64)

    def _summed_importer_sums(self, flows: FloatArray, shares: FloatArray) -> FloatArray:
        """``Σ_k H[k,i,m]`` (N, N)."""
        scaled = self.one_minus_sigma[:, None, None] * flows
        column_totals = scaled.sum(axis=1)  # [k, i]
        derivative = scaled.sum(axis=0) - np.einsum("kmi,ki->mi", shares, column_totals)
        return np.asarray(derivative.T, dtype=np.float64)

    def _importer_sums(self, flows: FloatArray, shares: FloatArray) -> FloatArray:
        """``H[k,i,m] = ∂ Σ_j Z[k,j,i] / ∂ log p̂[k,m]`` (S, N, N)."""
        scaled = self.one_minus_sigma[:, None, None] * flows
        derivative = scaled - shares * scaled.sum(axis=1, keepdims=True)  # [k, m, i]
        return np.transpose(derivative, (0, 2, 1))

    def _jacobian(
        self,
        shares: FloatArray,
        base: FloatArray,
        wage_flows: FloatArray,
        exporter_flows: FloatArray,
        importer_flows: FloatArray,
        wages: FloatArray,
        income: FloatArray,
        log_labour: FloatArray,
    ) -> FloatArray:
        n = self.size_n
        inverse_y = 1.0 / self.expenditure
        income_by_income = exporter_flows.sum(axis=0) + np.diag(importer_flows.sum(axis=(0, 1)))
        if self.free_entry:
            wage_by_price = self._exporter_sums(wage_flows, shares)  # [k, j, m]
            income_by_price = self._exporter_sums(exporter_flows, shares) + self._importer_sums(
                importer_flows, shares
            )  # [k, i, m]
            income_block = np.empty((n, 2 * n))
            income_block[:, :n] = income_by_price.sum(axis=0) + np.diag(wages)
            income_block[:, n:] = income_by_income - np.diag(income)
            income_block *= inverse_y[:, None]
            return self._free_entry_jacobian(
                wage_by_price, income_by_price, income_block, wage_flows, wages, log_labour
            )
        jac = np.zeros((self.size, self.size))
        total_wage_by_price = self._summed_exporter_sums(wage_flows, shares)
        total_income_by_price = self._summed_exporter_sums(
            exporter_flows, shares
        ) + self._summed_importer_sums(importer_flows, shares)
        rows = slice(n, 2 * n)  # (R2)
        jac[rows, :n] = total_income_by_price + np.diag(wages)
        jac[rows, n : 2 * n] = income_by_income - np.diag(income)
        jac[rows] *= inverse_y[:, None]
        jac[:n, :n] = total_wage_by_price - np.diag(wages)  # (R1)
        jac[:n, n : 2 * n] = wage_flows.sum(axis=0)
        jac[:n] *= inverse_y[:, None]
        jac[n - 1, :] = 0.0
        jac[n - 1, :n] = wages / self.factor_income.sum()
        return jac

    def _free_entry_jacobian(
        self,
        wage_by_price: FloatArray,
        income_by_price: FloatArray,
        income_block: FloatArray,
        wage_flows: FloatArray,
        wages: FloatArray,
        log_labour: FloatArray,
    ) -> FloatArray:
        """The (2N+SN)² Jacobian of (F1–F3), written into one buffer per system.

        Rows: labour markets (k, j), incomes, industry shares; columns: ``log ŵ``,
        ``log Ŷ``, ``log r̂`` (k, m).  The buffer is allocated once per system (fresh 5 MB
        arrays per Newton step cost more in page faults than the arithmetic); entries
        outside the written blocks are structural zeros.
        """
        n, count = self.size_n, self.count
        markets = count * n
        mu = self.world.scale_elasticity
        if self._jacobian_buffer is None:
            self._jacobian_buffer = np.zeros((self.size, self.size))
        jac = self._jacobian_buffer
        inverse_y = 1.0 / self.expenditure
        labour_income = np.exp(log_labour) * self.labour_shares * wages[None, :]  # r̂ r ŵ R
        own = np.arange(n)
        scale_rows = np.tile(inverse_y, count)[:, None]
        by_wage = wage_by_price.copy()
        by_wage[:, own, own] -= labour_income
        jac[:markets, :n] = by_wage.reshape(markets, n) * scale_rows
        jac[:markets, n : 2 * n] = wage_flows.reshape(markets, n) * scale_rows
        by_labour = -mu[:, None, None] * wage_by_price
        by_labour[:, own, own] -= labour_income
        by_labour *= inverse_y[None, :, None]
        for k in range(count):
            jac[k * n : (k + 1) * n, 2 * n + k * n : 2 * n + (k + 1) * n] = by_labour[k]
        income = slice(markets, markets + n)
        jac[income, : 2 * n] = income_block
        jac[income, 2 * n :] = (
            np.transpose(-mu[:, None, None] * income_by_price, (1, 0, 2)).reshape(n, markets)
            * inverse_y[:, None]
        )
        share_rows = markets + n + np.tile(own, count)
        share_columns = 2 * n + np.arange(markets)
        jac[share_rows, share_columns] = (labour_income / wages[None, :]).ravel()
        jac[self.numeraire_row, :] = 0.0
        jac[self.numeraire_row, :n] = wages / self.factor_income.sum()
        return jac


def wedge_derivatives(
    system: SectoralSystem,
    z: FloatArray,
    cells: list[tuple[int, int, int]],
    kind: str,
    home: int,
) -> tuple[FloatArray, FloatArray]:
    """``∂F/∂ log W_c`` (size × cells) and ``∂ log Ŵ_home/∂ log W_c`` at fixed ``z``.

    ``W_c`` is the gross import tariff ``T`` (``kind="tariff"``) or the gross export tax
    ``E`` (``kind="export"``) of the cells ``c = (k, j, i)``.  A cell's wedge moves the
    shares of its column ``(k, ·, i)`` (``∂ log φ[k,j,i]/∂ log W = 1−σ_k``) and its own flow
    terms ``g``; the partials are analytic (used by the adjoint gradients of the war and of
    the free-entry optimal taxes).
    """
    if kind not in ("tariff", "export"):
        raise InvalidInput(f"kind is {kind!r}; expected 'tariff' or 'export'.")
    world, terms = system.world, system.terms
    n = system.size_n
    log_wage, log_income, log_labour = system.unpack(z)
    shares, _ = system._shares(log_wage, log_labour)
    income_hat = np.exp(log_income)
    restricted = not system.free_entry
    residual_rows = np.zeros((system.size, len(cells)))
    welfare = np.zeros(len(cells))
    numeraire_row = system.numeraire_row
    for column, (k, j, i) in enumerate(cells):
        slope = system.one_minus_sigma[k]
        column_shares = shares[k, :, i]
        own = np.zeros(n)
        own[j] = 1.0
        share_change = column_shares * slope * (own - column_shares[j])  # dλ'[k,·,i]
        scale = income_hat[i]
        spending = world.industry_shares[k, i] * world.expenditure[i]
        mu = world.scale_elasticity[k]
        wedge, gross_tariff = terms.total_wedge[k, j, i], terms.gross_tariff[k, j, i]
        d_wage_g = -terms.wage_flow[k, j, i]
        if kind == "tariff":
            d_exporter_g = spending * (
                (-mu / ((1 + mu) * wedge) if restricted else 0.0) - 1 / gross_tariff + 1 / wedge
            )
            d_importer_g = spending / gross_tariff
        else:
            d_exporter_g = spending * (
                (-mu / ((1 + mu) * wedge) if restricted else 0.0) + 1 / wedge
            )
            d_importer_g = 0.0
        d_wage = share_change * scale * terms.wage_flow[k, :, i]
        d_wage[j] += column_shares[j] * scale * d_wage_g
        d_exporter = share_change * scale * terms.exporter_income_flow[k, :, i]
        d_exporter[j] += column_shares[j] * scale * d_exporter_g
        d_importer = float(share_change @ terms.importer_income_flow[k, :, i]) * scale
        d_importer += column_shares[j] * scale * d_importer_g
        inverse_y = 1.0 / system.expenditure
        if system.free_entry:
            residual_rows[k * n : (k + 1) * n, column] = d_wage * inverse_y
        else:
            residual_rows[:n, column] = d_wage * inverse_y
        income_rows = (
            slice(n * system.count, n * system.count + n) if system.free_entry else slice(n, 2 * n)
        )
        residual_rows[income_rows, column] += d_exporter * inverse_y
        residual_rows[income_rows.start + i, column] += d_importer * inverse_y[i]
        residual_rows[numeraire_row, column] = 0.0
        if i == home:
            welfare[column] = -world.industry_shares[k, i] * column_shares[j]
    return residual_rows, welfare
