"""Restricted-entry residual and Jacobian of the LL2023 model in factored form.

Under restricted entry ``r̂ ≡ 1``, so a variety's price change is ``ŵ_j τ̂[k,j,i]`` and every
flow factors into a policy constant and two vectors (notation of
:mod:`tradewar.model.sectors.equations`; ``β_k = 1−σ_k``, ``h_k = 1/(1+μ_k)``,
``s[k,i] = e[k,i] Y_i``)::

    φ[k,j,i] = λ[k,j,i] τ̂[k,j,i]^β_k                   (constant of the instruments)
    a[k,j]   = ŵ_j^β_k                                  (times a per-industry constant)
    D[k,i]   = Σ_j a[k,j] φ[k,j,i],   c[k,i] = s[k,i] Ŷ_i / D[k,i]
    X'[k,j,i] = a[k,j] φ[k,j,i] c[k,i],   λ'[k,j,i] = a[k,j] φ[k,j,i] / D[k,i]

With ``V = φ/T`` and ``W = φ/(TEB)`` (``W = V`` when only tariffs are set), the sums of
(R1–R2) are matrix–vector products with constant matrices, industry by industry::

    wage bill of j                  Σ_k h_k a[k,j] (W_k c_k)_j
    profits + export-tax revenue    Σ_k a[k,j] (V_k c_k)_j − wage bill of j
    tariff revenue of i             Σ_k s[k,i] Ŷ_i − c[k,i] (a_k V_k)_i

so a residual forms no S×N×N cube (two or three batched products instead of a dozen
passes over cubes), and the Jacobian needs one batched matrix product per distinct
``Z ∈ {W, V}``: with ``w[k,i] = β_k c[k,i]/D[k,i]`` and ``G^Z_k = Z_k diag(w_k) φ_kᵀ``,
a row sum ``F_j = Σ_k κ_k a[k,j] (Z_k c_k)_j`` has::

    ∂F_j/∂log ŵ_m = δ_jm Σ_k κ_k β_k a[k,j] (Z_k c_k)_j − Σ_k κ_k a[k,j] a[k,m] G^Z_k[j,m]
    ∂F_j/∂log Ŷ_m = Σ_k κ_k a[k,j] Z[k,j,m] c[k,m]

and tariff revenue ``I_i`` has ``∂I_i/∂log ŵ_m = Σ_k a[k,m] (w M φ[k,m,i] − β_k c V[k,m,i])``
(``M = a_k V_k``, ``w, M, c`` at ``[k,i]``) and ``∂I_i/∂log Ŷ_m = δ_im I_i``.  The values
are those of :meth:`SectoralSystem.direct_residual` (the term-by-term cubes) to rounding;
tests compare both and central differences.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from tradewar.model.sectors.data import SectoralWorld
from tradewar.types import FloatArray


class FactoredPoint(NamedTuple):
    """The vectors of one point ``z`` (all ``(S, N)`` but the ``(N,)`` hats; a named tuple:
    built seven times per solve, where a frozen dataclass costs microseconds more)."""

    wage_hat: FloatArray  # ŵ
    income_hat: FloatArray  # Ŷ
    price_terms: FloatArray  # a
    share_sums: FloatArray  # D (scaled by exp(−shift))
    log_shift: FloatArray  # (S, 1): log D_true = log D + shift
    spending_by_sum: FloatArray  # c = s Ŷ / D
    tariff_terms: FloatArray  # M = a_k V_k
    wage_products: FloatArray  # W_k c_k
    sales_products: FloatArray  # V_k c_k (the same array as wage_products when W = V)


class FactoredRestrictedEntry:
    """The restricted-entry system (R1–R2) by matrix–vector products (module docstring).

    Parameters
    ----------
    world : SectoralWorld
        Restricted-entry world.
    weighted_shares : ndarray (S, N, N)
        ``φ = λ τ̂^(1−σ)``.
    import_tariffs : ndarray (S, N, N)
        ``t`` (decimals), so ``T = 1 + t``.
    taxed_wedge : ndarray (S, N, N) or None
        ``T E B``, or ``None`` when there are no export or production taxes (then
        ``W = V`` and the products are shared).
    """

    def __init__(
        self,
        world: SectoralWorld,
        weighted_shares: FloatArray,
        import_tariffs: FloatArray,
        taxed_wedge: FloatArray | None,
    ) -> None:
        self.size_n = weighted_shares.shape[1]
        self.weighted_shares = weighted_shares  # φ
        self.sales_matrix = np.add(import_tariffs, 1.0)  # T, made V = φ/T in place
        np.divide(weighted_shares, self.sales_matrix, out=self.sales_matrix)
        self.shared_products = taxed_wedge is None  # W = V: no export/production taxes
        self.wage_matrix = (
            self.sales_matrix if taxed_wedge is None else weighted_shares / taxed_wedge
        )  # W
        self.beta = (1.0 - world.sigma)[:, None]
        self.profit_share = (1.0 / (1.0 + world.scale_elasticity))[:, None]  # h
        self.spending = world.industry_shares * world.expenditure[None, :]  # s
        self.spending_total = self.spending.sum(axis=0)
        self.factor_income = world.factor_income
        self.factor_total = float(world.factor_income.sum())
        self.inverse_y = 1.0 / world.expenditure
        self.inverse_y_twice = np.concatenate([self.inverse_y, self.inverse_y])
        self.expenditure = world.expenditure
        # Newton evaluates the residual and then the Jacobian at its start, and the state
        # at the point it accepted last: the vectors of the last point are kept.
        self._last: tuple[bytes, FactoredPoint] | None = None

    # ------------------------------------------------------------------ point
    def point(self, z: FloatArray) -> FactoredPoint:
        """The vectors of :class:`FactoredPoint` at ``z = (log ŵ, log Ŷ)``."""
        key = np.asarray(z, dtype=np.float64).tobytes()  # bitwise equal: the same point
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        n = self.size_n
        exponent = self.beta * z[None, :n]
        shift = exponent.max(axis=1, keepdims=True)  # no overflow; cancels in λ'
        price_terms = np.exp(exponent - shift)
        row = price_terms[:, None, :]
        share_sums = np.matmul(row, self.weighted_shares)[:, 0, :]
        income_hat = np.exp(z[n:])
        spending_by_sum = self.spending * income_hat / share_sums
        column = spending_by_sum[:, :, None]
        sales_products = np.matmul(self.sales_matrix, column)[:, :, 0]
        wage_products = (
            sales_products if self.shared_products else np.matmul(self.wage_matrix, column)[:, :, 0]
        )
        point = FactoredPoint(
            wage_hat=np.exp(z[:n]),
            income_hat=income_hat,
            price_terms=price_terms,
            share_sums=share_sums,
            log_shift=shift,
            spending_by_sum=spending_by_sum,
            tariff_terms=np.matmul(row, self.sales_matrix)[:, 0, :],
            wage_products=wage_products,
            sales_products=sales_products,
        )
        self._last = (key, point)
        return point

    # ------------------------------------------------------------------ residual
    def residual(self, z: FloatArray, numeraire_row: int) -> FloatArray:
        """Scaled residual of (R1–R2) at ``z`` (rows as in ``SectoralSystem``)."""
        return self._residual(self.point(z), numeraire_row)

    def _residual(self, p: FactoredPoint, numeraire_row: int) -> FloatArray:
        n = self.size_n
        wage_bill, sales = self._wage_bill_and_sales(p)
        wages = p.wage_hat * self.factor_income
        residual = np.empty(2 * n)
        residual[:n] = (wage_bill - wages) * self.inverse_y
        residual[n:] = (
            sales - wage_bill + self._tariff_revenue(p) + wages - p.income_hat * self.expenditure
        ) * self.inverse_y
        residual[numeraire_row] = (self.factor_income @ p.wage_hat) / self.factor_total - 1.0
        return residual

    def _wage_bill_and_sales(self, p: FactoredPoint) -> tuple[FloatArray, FloatArray]:
        """``Σ_k h a (W c)`` (wage bill) and ``Σ_k a (V c)`` (sales net of tariffs), (N,)."""
        scaled_sales = p.price_terms * p.sales_products
        scaled_wages = scaled_sales if self.shared_products else p.price_terms * p.wage_products
        return self.profit_share[:, 0] @ scaled_wages, scaled_sales.sum(axis=0)

    def _tariff_revenue(self, p: FactoredPoint) -> FloatArray:
        """``I_i = Σ_k s[k,i] Ŷ_i − c[k,i] M[k,i]`` (N,)."""
        collected = (p.spending_by_sum * p.tariff_terms).sum(axis=0)
        return np.asarray(p.income_hat * self.spending_total - collected, dtype=np.float64)

    # ------------------------------------------------------------------ Jacobian
    def residual_and_jacobian(
        self, z: FloatArray, numeraire_row: int
    ) -> tuple[FloatArray, FloatArray]:
        """Residual and analytic Jacobian (2N × 2N) at ``z``.

        Every sum over industries of the module docstring's derivatives has the form
        ``Σ_k weight[k,j] cube[k,j,·]`` with the row weights ``h a``, ``a`` or ``β a``: one
        batched product per cube (:meth:`_industry_sums`).
        """
        p = self.point(z)
        residual = self._residual(p, numeraire_row)
        n = self.size_n
        a, c = p.price_terms, p.spending_by_sum
        weights = self.beta * c / p.share_sums  # w[k,i]
        row_weights = np.empty((n, 3, a.shape[0]))  # [j, (h a, a, β a), k]
        row_weights[:, 0, :] = (self.profit_share * a).T
        row_weights[:, 1, :] = a.T
        row_weights[:, 2, :] = (self.beta * a).T
        # Rows h a (the wage bill, when W = V), a (sales) and β a (in ∂I/∂log ŵ).
        first = 0 if self.shared_products else 1
        sales_cross, scratch = self._cross_terms(
            self.sales_matrix, weights, a, row_weights[:, first:2]
        )
        np.multiply(self.sales_matrix, c[:, None, :], out=scratch)  # V c
        sales_by_income = self._industry_sums(scratch, row_weights[:, first:3])
        if self.shared_products:
            wage_cross, wage_by_income = sales_cross[:, 0], sales_by_income[:, 0]
        else:
            wage_rows = row_weights[:, :1]
            wage_cross = self._cross_terms(self.wage_matrix, weights, a, wage_rows)[0][:, 0]
            np.multiply(self.wage_matrix, c[:, None, :], out=scratch)  # W c
            wage_by_income = self._industry_sums(scratch, wage_rows)[:, 0]
        np.multiply(self.weighted_shares, (weights * p.tariff_terms)[:, None, :], out=scratch)
        tariff_by_wage = (
            self._industry_sums(scratch, row_weights[:, 1:2])[:, 0] - sales_by_income[:, -1]
        ).T  # [i, m]
        return residual, self._assemble(
            p,
            numeraire_row,
            (wage_cross, wage_by_income),
            (sales_cross[:, -1], sales_by_income[:, -2]),
            tariff_by_wage,
        )

    def _cross_terms(
        self, matrix: FloatArray, weights: FloatArray, price_terms: FloatArray, rows: FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """``Σ_k rows[j,r,k] a[k,m] G^Z_k[j,m]`` (N, r, N) with ``G^Z_k = Z_k diag(w_k) φ_kᵀ``,
        and a scratch cube for the caller."""
        scratch = matrix * weights[:, None, :]
        cross = np.matmul(scratch, self.weighted_shares.transpose(0, 2, 1))
        cross *= price_terms[:, None, :]
        return self._industry_sums(cross, rows), scratch

    @staticmethod
    def _industry_sums(cube: FloatArray, rows: FloatArray) -> FloatArray:
        """``Σ_k rows[j, r, k] cube[k, j, ·]`` (N, r, columns): one batched product."""
        return np.asarray(np.matmul(rows, cube.transpose(1, 0, 2)), dtype=np.float64)

    def _assemble(
        self,
        p: FactoredPoint,
        numeraire_row: int,
        wage: tuple[FloatArray, FloatArray],
        sales: tuple[FloatArray, FloatArray],
        tariff_by_wage: FloatArray,
    ) -> FloatArray:
        """The Jacobian from the cross terms ``(∂/∂log ŵ, ∂/∂log Ŷ)`` of the wage bill and of
        sales, and ``∂I/∂log ŵ``; adds the diagonal terms and scales rows by ``1/Y``."""
        n = self.size_n
        (wage_cross, wage_by_income), (sales_cross, sales_by_income) = wage, sales
        a = p.price_terms
        wages = p.wage_hat * self.factor_income
        wage_diagonal = self.profit_share[:, 0] @ (self.beta * a * p.wage_products)
        sales_diagonal = (self.beta * a * p.sales_products).sum(axis=0)
        jacobian = np.empty((2 * n, 2 * n))
        np.negative(wage_cross, out=jacobian[:n, :n])  # (R1): wage bill − wages
        jacobian[:n, n:] = wage_by_income
        # (R2): profits and export-tax revenue + tariff revenue + wages − income.
        np.subtract(wage_cross, sales_cross, out=jacobian[n:, :n])
        jacobian[n:, :n] += tariff_by_wage
        np.subtract(sales_by_income, wage_by_income, out=jacobian[n:, n:])
        flat, stride, half = jacobian.ravel(), 2 * n + 1, 2 * n * n  # diagonals of the blocks
        flat[0 : n * stride : stride] += wage_diagonal - wages
        flat[half : half + n * stride : stride] += sales_diagonal - wage_diagonal + wages
        flat[half + n : half + n + n * stride : stride] += (
            self._tariff_revenue(p) - p.income_hat * self.expenditure
        )
        jacobian *= self.inverse_y_twice[:, None]
        jacobian[numeraire_row] = 0.0
        jacobian[numeraire_row, :n] = wages / self.factor_total
        return jacobian
