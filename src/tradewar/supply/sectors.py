"""Layer B: a sparse ARIO model on an MRIO edge list (numpy reference, numba optional).

The equations are those of the Adaptive Regional Input–Output model (Hallegatte 2008,
*Risk Analysis* 28(3); Hallegatte 2014, *Risk Analysis* 34(1), inventories; Guan et al.
2020, *Nat. Hum. Behav.* 4, capacity-weighted orders), as documented for boario
(``docs/source/boario-math.rst``), re-implemented on an edge list so that one step costs
O(nnz + N) instead of boario's dense O(P·N²) (``docs/specs/supply-chain.md`` §1.4, §4.2).
For industry ``j`` (region × sector), product ``p`` (a sector), time step one day:

1. capacity ``x̄_j = α_j (1 − Δ_j(t)) x0_j``;
2. demand ``d_i = Σ_e O_e + y_i`` (orders received plus final demand);
3. ``x*_j = min(d_j, x̄_j)``;
4. inventory constraint ``x_j = x*_j · min(1, min_p S_pj / (ψ n_p a_pj x*_j))``;
5. proportional rationing: each order and final demand is served at ``x_i / d_i``;
6. stocks ``S_pj += Σ_{e ∈ (p, j)} delivered_e − a_pj x_j``;
7. orders ``O_pj = a_pj x_j + (S*_pj − S_pj)/τ`` split over sellers of ``p`` in
   proportion to ``z0_e · (x̄_i / x0_i) · mask_e(t)`` (boario's ``order_type="alt"``);
   the export-control mask lives on the edges.  The stock target ``S*_pj = n_p a_pj x0_j``
   is fixed at baseline: a target that scales with current production (``n_p a_pj x_j``)
   makes the no-shock equilibrium unstable whenever ``(1 + n_p/τ)·ρ(A) > 1`` (with
   boario's n = 90 and τ = 60 days, input shares above 0.4 suffice; a 1e-10 rounding
   error grew to a collapse of output within a year in our tests), the mechanism behind
   the "strange peak in demand" of boario issue #18;
8. over-production ``α_j`` moves toward ``α_max`` while demand exceeds production, and
   back toward 1 otherwise, at rate ``1/τ_α``.

Edges are grouped by (product, buyer); groups are sorted by buyer so the inventory
minimum is one ``np.minimum.reduceat``, and every sum is an ``np.bincount``.
:func:`dense_reference_step` performs the same step with boario's dense matrices
(two ``(P×N) @ (N×N)`` products) for timing and as a test oracle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from tradewar.errors import InvalidInput
from tradewar.supply.mrio import MRIO
from tradewar.types import BoolArray, FloatArray, IntArray

numba: Any
try:  # numba is an optional extra; the numpy step is the reference
    import numba  # type: ignore[import-untyped,import-not-found,no-redef,unused-ignore]
except ImportError:  # pragma: no cover - exercised when numba is absent
    numba = None

HAVE_NUMBA = numba is not None
DAYS_PER_YEAR = 365.0
_GROWTH_TOLERANCE = 1e-9


@dataclass(frozen=True)
class ArioParameters:
    """Behavioural parameters (boario's defaults).

    Attributes
    ----------
    inventory_days : n_p, target stock in days of use (scalar or (P,); ``inf`` for
        non-stockable inputs, which never constrain production).
    psi : ψ, the share of the target stock below which production is constrained.
    restore_days : τ, days over which a stock gap is reordered (≥ 1 day; boario #18 shows
        that 1 day makes demand oscillate).
    alpha_max : α_max, the most over-production capacity can reach.
    alpha_days : τ_α, days for over-production to adjust.
    resourcing : whether a buyer's orders move to other sellers of the same product when
        an edge is restricted (boario's ``order_type="alt"``, Guan et al. 2020); ``False``
        keeps every order at its baseline supplier shares, so a restricted edge's share
        is simply not delivered (a chokepoint product no other region makes at short
        notice).  Capacity-weighting among unrestricted sellers applies in both cases.
    """

    inventory_days: float | FloatArray = 90.0
    psi: float = 0.8
    restore_days: float = 60.0
    alpha_max: float = 1.25
    alpha_days: float = 365.0
    resourcing: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.psi <= 1:
            raise InvalidInput(f"psi {self.psi}; expected a share in (0, 1]")
        if not self.restore_days >= 1:
            raise InvalidInput(f"restore_days {self.restore_days}; expected at least 1 day")
        if not self.alpha_max >= 1:
            raise InvalidInput(f"alpha_max {self.alpha_max}; expected at least 1")
        if not self.alpha_days >= 1:
            raise InvalidInput(f"alpha_days {self.alpha_days}; expected at least 1 day")


@dataclass(frozen=True)
class SparseSystem:
    """The precomputed edge-list form of a table (everything constant within a run).

    Edges are sorted by group (buyer, product), so group sums are ``np.add.reduceat`` over
    contiguous runs and group-to-edge broadcasts are ``np.repeat``; ``edge_order`` maps
    them back to the table's edge order.  Flows are per day (annual values / 365).
    """

    n: int
    sectors: int
    seller: IntArray  # (E,) sorted by group
    edge_group: IntArray  # (E,) non-decreasing index into groups
    edge_order: IntArray  # (E,) table edge of each sorted edge
    group_start: IntArray  # (G,) first edge of each group
    group_size: IntArray  # (G,)
    z0: FloatArray  # (E,) baseline daily flow
    group_buyer: IntArray  # (G,) non-decreasing
    coefficient: FloatArray  # (G,) a_pj = Σ z_ij / x0_j
    inventory_days: FloatArray  # (G,) n_p (inf = not stockable)
    target_stock: FloatArray  # (G,) S*_pj = n_p a_pj x0_j (0 when not stockable)
    x0: FloatArray  # (N,) 0 only for an industry with no flows and no final demand
    y: FloatArray  # (N,)
    limit_buyers: IntArray  # buyers that have at least one group
    limit_starts: IntArray  # first group of each such buyer

    @property
    def n_edges(self) -> int:
        """Number of intermediate flows."""
        return int(self.seller.size)

    def edges_from_table_order(self, values: FloatArray) -> FloatArray:
        """Reorder a per-edge array given in the table's order (e.g. an export mask)."""
        return np.asarray(values[..., self.edge_order], dtype=np.float64)


def build_system(
    table: MRIO,
    params: ArioParameters | None = None,
    distinct: BoolArray | None = None,
) -> SparseSystem:
    """Precompute groups, coefficients and targets of a table.

    Parameters
    ----------
    distinct : (nnz,) True for flows that form an input of their own, in the table's edge
        order: a buyer keeps a separate stock of them, orders them only from their own
        sellers, and is held back by that stock like by any input (Leontief).  This is how
        a chokepoint with no substitute is modelled at sector level: without it, the same
        sector's inputs from all regions share one stock, so any seller refills it
        (``docs/specs/supply-chain.md`` §1.5).  None = no distinct flows (plain ARIO).
    """
    params = params or ArioParameters()
    n, sectors = table.n_industries, len(table.sectors)
    x0 = table.output / DAYS_PER_YEAR
    _check_outputs(table, x0)
    if distinct is not None and distinct.shape != table.flow.shape:
        raise InvalidInput(f"distinct has shape {distinct.shape}; expected {table.flow.shape}")
    split = np.zeros(table.flow.size, np.int64) if distinct is None else distinct.astype(np.int64)
    key = (table.buyer * sectors + table.seller % sectors) * 2 + split
    order = np.argsort(key, kind="stable")
    groups, edge_group, sizes = np.unique(key[order], return_inverse=True, return_counts=True)
    group_buyer = (groups // 2 // sectors).astype(np.int64)
    group_product = (groups // 2) % sectors
    z0 = table.flow[order] / DAYS_PER_YEAR
    group_start = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
    coefficient = np.add.reduceat(z0, group_start) / x0[group_buyer] if z0.size else z0
    days = np.broadcast_to(np.asarray(params.inventory_days, dtype=np.float64), (sectors,))
    group_days = days[group_product].astype(np.float64)
    finite = np.isfinite(group_days)
    target = np.where(finite, group_days, 0.0) * coefficient * x0[group_buyer]
    starts = np.flatnonzero(np.r_[True, np.diff(group_buyer) != 0]) if groups.size else groups
    return SparseSystem(
        n=n,
        sectors=sectors,
        seller=table.seller[order].astype(np.int64),
        edge_group=edge_group.astype(np.int64),
        edge_order=order.astype(np.int64),
        group_start=group_start,
        group_size=sizes.astype(np.int64),
        z0=z0,
        group_buyer=group_buyer,
        coefficient=coefficient,
        inventory_days=group_days,
        target_stock=target.astype(np.float64),
        x0=x0,
        y=table.final_demand / DAYS_PER_YEAR,
        limit_buyers=group_buyer[starts],
        limit_starts=starts.astype(np.int64),
    )


def _check_outputs(table: MRIO, x0: FloatArray) -> None:
    """An industry may have zero output only if nothing flows in or out of it (WIOD 2011
    has 22 such empty industries, e.g. private households employing staff in CHN)."""
    empty = x0 <= 0
    if not empty.any():
        return
    bought = np.bincount(table.buyer, weights=table.flow, minlength=table.n_industries)
    trading = empty & (bought > 0)
    if trading.any():
        i = int(np.flatnonzero(trading)[0])
        sectors = len(table.sectors)
        raise InvalidInput(
            f"industry ({table.regions[i // sectors]}, {table.sectors[i % sectors]}) buys "
            "inputs but has zero output; expected output > 0 wherever there are flows"
        )


def capacity_ratio(capacity: FloatArray, x0: FloatArray) -> FloatArray:
    """Capacity over baseline output (0 for an empty industry)."""
    return np.divide(capacity, x0, out=np.zeros_like(capacity), where=x0 > 0)


@dataclass
class ArioState:
    """The state that changes from day to day."""

    stock: FloatArray  # (G,)
    orders: FloatArray  # (E,)
    alpha: FloatArray  # (N,)

    @classmethod
    def baseline(cls, system: SparseSystem) -> ArioState:
        """Stocks at target, orders at baseline flows, no over-production."""
        return cls(
            stock=system.target_stock.copy(), orders=system.z0.copy(), alpha=np.ones(system.n)
        )

    def copy(self) -> ArioState:
        """An independent copy."""
        return ArioState(self.stock.copy(), self.orders.copy(), self.alpha.copy())


@dataclass(frozen=True)
class StepResult:
    """One day's production and unmet final demand (per day, table units)."""

    production: FloatArray
    final_unmet: FloatArray


def numpy_step(
    system: SparseSystem,
    state: ArioState,
    params: ArioParameters,
    capacity_loss: FloatArray,
    edge_mask: FloatArray | None = None,
) -> StepResult:
    """Advance one day with numpy (the reference implementation; mutates ``state``).

    Parameters
    ----------
    capacity_loss : (N,) Δ_j, share of capacity lost today.
    edge_mask : (E,) multiplier in [0, 1] on each edge's order weight (export controls),
        in the system's (sorted) edge order; None = no restriction.
    """
    n = system.n
    capacity = state.alpha * (1.0 - capacity_loss) * system.x0
    demand = np.bincount(system.seller, weights=state.orders, minlength=n) + system.y
    optimal = np.minimum(demand, capacity)
    production = optimal * _inventory_factor(system, state.stock, optimal, params)
    fill = np.divide(production, demand, out=np.zeros(n), where=demand > 0)
    delivered = fill[system.seller]  # fancy indexing beats np.take(out=) here (measured)
    np.multiply(delivered, state.orders, out=delivered)
    use = system.coefficient * production[system.group_buyer]
    stock = state.stock + _group_sum(system, delivered) - use
    state.stock = np.where(np.isfinite(system.inventory_days), stock, 0.0)
    # orders: use + gap / τ per group, split by z0 · capacity ratio · mask (Guan et al. 2020)
    finite = np.isfinite(system.inventory_days)
    gap = np.where(finite, system.target_stock - state.stock, 0.0)
    wanted = np.maximum(0.0, use + gap / params.restore_days)
    weight = capacity_ratio(capacity, system.x0)[system.seller]
    np.multiply(weight, system.z0, out=weight)
    unmasked = weight.copy() if edge_mask is not None and not params.resourcing else None
    if edge_mask is not None:
        np.multiply(weight, edge_mask, out=weight)
    total = _group_sum(system, weight if unmasked is None else unmasked)
    per_weight = np.divide(wanted, total, out=np.zeros_like(total), where=total > 0)
    orders = per_weight[system.edge_group]
    np.multiply(orders, weight, out=orders)
    state.orders = orders
    state.alpha = _overproduction(state.alpha, demand, production, params)
    return StepResult(production, system.y * (1.0 - fill))


def _group_sum(system: SparseSystem, values: FloatArray) -> FloatArray:
    """Sum per-edge values over each (buyer, product) group.

    ``np.bincount`` on the sorted group index streams through memory; it measured 3x
    faster than ``np.add.reduceat`` over the same runs at 6.4 M edges.
    """
    size = system.coefficient.size
    return np.asarray(np.bincount(system.edge_group, values, minlength=size), dtype=np.float64)


def _inventory_factor(
    system: SparseSystem, stock: FloatArray, optimal: FloatArray, params: ArioParameters
) -> FloatArray:
    required = params.psi * system.inventory_days * system.coefficient
    required = required * optimal[system.group_buyer]
    finite = np.isfinite(system.inventory_days) & (required > 0)
    ratio = np.divide(stock, required, out=np.full(stock.shape, np.inf), where=finite)
    worst = np.ones(system.n)
    if ratio.size:
        worst[system.limit_buyers] = np.minimum(
            1.0, np.minimum.reduceat(ratio, system.limit_starts)
        )
    return worst


def _overproduction(
    alpha: FloatArray, demand: FloatArray, production: FloatArray, params: ArioParameters
) -> FloatArray:
    short = demand > production * (1.0 + _GROWTH_TOLERANCE)
    goal = np.where(short, params.alpha_max, 1.0)
    return np.asarray(alpha + (goal - alpha) / params.alpha_days, dtype=np.float64)


# --------------------------------------------------------------------------- numba kernel


def _numba_kernel_source(
    seller: IntArray,
    group_start: IntArray,
    group_size: IntArray,
    z0: FloatArray,
    group_buyer: IntArray,
    coefficient: FloatArray,
    inventory_days: FloatArray,
    target_stock: FloatArray,
    x0: FloatArray,
    y: FloatArray,
    stock: FloatArray,
    orders: FloatArray,
    alpha: FloatArray,
    capacity_loss: FloatArray,
    edge_mask: FloatArray,
    psi: float,
    restore_days: float,
    alpha_max: float,
    alpha_days: float,
    resourcing: bool,
    production: FloatArray,
    final_unmet: FloatArray,
) -> None:  # pragma: no cover - compiled by numba; checked against numpy_step
    """The fused daily step in loops (same equations as :func:`numpy_step`)."""
    n = x0.size
    g = coefficient.size
    capacity = np.empty(n)
    ratio = np.empty(n)
    demand = y.copy()
    for e in range(seller.size):
        demand[seller[e]] += orders[e]
    for j in range(n):
        capacity[j] = alpha[j] * (1.0 - capacity_loss[j]) * x0[j]
        ratio[j] = capacity[j] / x0[j] if x0[j] > 0 else 0.0
        production[j] = min(demand[j], capacity[j])
    factor = np.ones(n)
    for k in range(g):
        j = group_buyer[k]
        if np.isfinite(inventory_days[k]):
            required = psi * inventory_days[k] * coefficient[k] * production[j]
            if required > 0:
                factor[j] = min(factor[j], stock[k] / required)
    fill = np.zeros(n)
    for j in range(n):
        production[j] *= factor[j]
        if demand[j] > 0:
            fill[j] = production[j] / demand[j]
        final_unmet[j] = y[j] * (1.0 - fill[j])
        short = demand[j] > production[j] * (1.0 + 1e-9)
        goal = alpha_max if short else 1.0
        alpha[j] += (goal - alpha[j]) / alpha_days
    for k in range(g):
        first = group_start[k]
        last = first + group_size[k]
        received = 0.0
        total = 0.0
        for e in range(first, last):
            i = seller[e]
            received += orders[e] * fill[i]
            total += z0[e] * ratio[i] * (edge_mask[e] if resourcing else 1.0)
        use = coefficient[k] * production[group_buyer[k]]
        if np.isfinite(inventory_days[k]):
            stock[k] = stock[k] + received - use
            gap = target_stock[k] - stock[k]
        else:
            stock[k] = 0.0
            gap = 0.0
        wanted = max(0.0, use + gap / restore_days)
        per_weight = wanted / total if total > 0 else 0.0
        for e in range(first, last):
            orders[e] = z0[e] * ratio[seller[e]] * edge_mask[e] * per_weight


_numba_kernel: Callable[..., None] | None = (
    numba.njit(cache=True, fastmath=False)(_numba_kernel_source) if HAVE_NUMBA else None
)


def numba_step(
    system: SparseSystem,
    state: ArioState,
    params: ArioParameters,
    capacity_loss: FloatArray,
    edge_mask: FloatArray | None = None,
) -> StepResult:
    """Advance one day with the fused numba kernel (same contract as :func:`numpy_step`).

    Raises
    ------
    InvalidInput
        If numba is not installed (``pip install 'tradewar[supply]'``).
    """
    if _numba_kernel is None:
        raise InvalidInput(
            "engine 'numba' needs numba, which is not installed; "
            "pip install 'tradewar[supply]' or use engine 'numpy'"
        )
    production = np.empty(system.n)
    final_unmet = np.empty(system.n)
    mask = np.ones(system.n_edges) if edge_mask is None else np.asarray(edge_mask, np.float64)
    _numba_kernel(
        system.seller, system.group_start, system.group_size, system.z0, system.group_buyer,
        system.coefficient, system.inventory_days, system.target_stock, system.x0, system.y,
        state.stock, state.orders, state.alpha,
        np.asarray(capacity_loss, np.float64), mask, params.psi, params.restore_days,
        params.alpha_max, params.alpha_days, params.resourcing, production, final_unmet,
    )  # fmt: skip
    return StepResult(production, final_unmet)


# --------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class SectorPath:
    """Daily production and unmet final demand of a run, (T, N), per day."""

    production: FloatArray
    final_unmet: FloatArray
    baseline: FloatArray
    engine: str

    def relative_production(self) -> FloatArray:
        """(T, N) production over baseline (1 for an empty industry)."""
        ones = np.ones_like(self.production)
        return np.divide(self.production, self.baseline, out=ones, where=self.baseline > 0)


@dataclass(frozen=True)
class SectorShock:
    """Capacity losses and edge masks over time.

    ``capacity_loss`` is (T, N) or (N,) (constant); ``edge_mask`` is (T, E), (E,) or None,
    in the *table's* edge order (:func:`simulate_sectors` reorders it);
    ``final_demand_scale`` is (T, N), (N,) or None: the share of each industry's baseline
    final demand that reaches it on a day (an export control on final goods);
    ``mask_days``: a (E,) mask applies only on days ``[0, mask_days)`` (None = every day),
    so a time-boxed restriction needs no (T, E) array.
    """

    capacity_loss: FloatArray
    edge_mask: FloatArray | None = None
    final_demand_scale: FloatArray | None = None
    mask_days: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def loss_on(self, day: int) -> FloatArray:
        """Δ(t) for one day."""
        loss = self.capacity_loss
        chosen = loss if loss.ndim == 1 else loss[min(day, loss.shape[0] - 1)]
        return np.asarray(chosen, dtype=np.float64)

    def final_scale_on(self, day: int) -> FloatArray | None:
        """The final-demand scale for one day."""
        scale = self.final_demand_scale
        if scale is None:
            return None
        chosen = scale if scale.ndim == 1 else scale[min(day, scale.shape[0] - 1)]
        return np.asarray(chosen, dtype=np.float64)

    def mask_on(self, day: int) -> FloatArray | None:
        """The edge mask for one day."""
        mask = self.edge_mask
        if mask is None or (self.mask_days is not None and day >= self.mask_days):
            return None
        chosen = mask if mask.ndim == 1 else mask[min(day, mask.shape[0] - 1)]
        return np.asarray(chosen, dtype=np.float64)


def simulate_sectors(
    system: SparseSystem,
    days: int,
    shock: SectorShock | None = None,
    params: ArioParameters | None = None,
    engine: str = "numpy",
) -> SectorPath:
    """Run the sparse ARIO model for ``days`` daily steps.

    Parameters
    ----------
    engine : ``numpy`` (reference) or ``numba`` (fused kernel; needs numba).

    Examples
    --------
    >>> from tradewar.supply.mrio import synthetic_mrio
    >>> system = build_system(synthetic_mrio(2, 3, density=0.5, seed=0))
    >>> path = simulate_sectors(system, 30)
    >>> bool(np.allclose(path.relative_production(), 1.0))
    True
    >>> simulate_sectors(system, 3, engine="cuda")
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: engine 'cuda'; expected 'numpy' or 'numba'
    """
    if engine not in ("numpy", "numba"):
        raise InvalidInput(f"engine {engine!r}; expected 'numpy' or 'numba'")
    params = params or ArioParameters()
    shock = shock or SectorShock(np.zeros(system.n))
    if shock.edge_mask is not None:
        shock = SectorShock(
            shock.capacity_loss,
            system.edges_from_table_order(shock.edge_mask),
            shock.final_demand_scale,
            shock.mask_days,
        )
    step = numba_step if engine == "numba" else numpy_step
    state = ArioState.baseline(system)
    production = np.empty((days, system.n))
    unmet = np.empty((days, system.n))
    for day in range(days):
        scale = shock.final_scale_on(day)
        today = system if scale is None else replace(system, y=system.y * scale)
        result = step(today, state, params, shock.loss_on(day), shock.mask_on(day))
        production[day], unmet[day] = result.production, result.final_unmet
    return SectorPath(production, unmet, system.x0, engine)


# --------------------------------------------------------------------------- dense reference


@dataclass
class DenseSystem:
    """The same model in boario's dense layout (N×N matrices), for timing and as an oracle."""

    z0: FloatArray  # (N, N)
    aggregate: FloatArray  # (P, N) I_sum: 1 where sector(i) == p
    coefficient: FloatArray  # (P, N) a_pj
    inventory_days: FloatArray  # (P,)
    x0: FloatArray
    y: FloatArray
    stock: FloatArray  # (P, N)
    target: FloatArray  # (P, N) baseline stock targets
    orders: FloatArray  # (N, N)
    alpha: FloatArray

    @classmethod
    def from_mrio(cls, table: MRIO, params: ArioParameters | None = None) -> DenseSystem:
        """Densify a table (N² memory: for timing and small tests only)."""
        params = params or ArioParameters()
        n, sectors = table.n_industries, len(table.sectors)
        z0 = np.zeros((n, n))
        z0[table.seller, table.buyer] = table.flow / DAYS_PER_YEAR
        aggregate = np.zeros((sectors, n))
        aggregate[np.arange(n) % sectors, np.arange(n)] = 1.0
        x0 = table.output / DAYS_PER_YEAR
        coefficient = capacity_ratio(aggregate @ z0, np.broadcast_to(x0, (sectors, n)))
        days = np.broadcast_to(np.asarray(params.inventory_days, np.float64), (sectors,)).copy()
        finite = np.isfinite(days)[:, None]
        stock = np.where(finite, np.where(finite, days[:, None], 0.0) * coefficient * x0, 0.0)
        return cls(z0, aggregate, coefficient, days, x0, table.final_demand / DAYS_PER_YEAR,
                   stock, stock.copy(), z0.copy(), np.ones(n))  # fmt: skip


def dense_reference_step(
    dense: DenseSystem,
    params: ArioParameters,
    capacity_loss: FloatArray,
    edge_mask: FloatArray | None = None,
) -> StepResult:
    """One day of the model with dense matrices, as boario computes it (mutates ``dense``).

    ``edge_mask`` is (N, N) here.  Costs two ``(P×N) @ (N×N)`` products per step.
    """
    finite = np.isfinite(dense.inventory_days)[:, None]
    capacity = dense.alpha * (1.0 - capacity_loss) * dense.x0
    demand = dense.orders.sum(axis=1) + dense.y
    optimal = np.minimum(demand, capacity)
    required = params.psi * np.where(finite, dense.inventory_days[:, None], 0.0)
    required = required * dense.coefficient * optimal
    ratio = np.divide(dense.stock, required, out=np.full(required.shape, np.inf),
                      where=finite & (required > 0))  # fmt: skip
    production = optimal * np.minimum(1.0, ratio.min(axis=0))
    fill = np.divide(production, demand, out=np.zeros_like(demand), where=demand > 0)
    delivered = dense.orders * fill[:, None]
    use = dense.coefficient * production
    dense.stock = np.where(finite, dense.stock + dense.aggregate @ delivered - use, 0.0)
    gap = np.where(finite, dense.target - dense.stock, 0.0)
    wanted = np.maximum(0.0, use + gap / params.restore_days)
    weight = dense.z0 * capacity_ratio(capacity, dense.x0)[:, None]
    unmasked = weight
    if edge_mask is not None:
        weight = weight * edge_mask
    total = dense.aggregate @ (weight if params.resourcing else unmasked)
    sector_of = np.argmax(dense.aggregate, axis=0)
    share = np.divide(weight, total[sector_of], out=np.zeros_like(weight),
                      where=total[sector_of] > 0)  # fmt: skip
    dense.orders = wanted[sector_of] * share
    dense.alpha = _overproduction(dense.alpha, demand, production, params)
    return StepResult(production, dense.y * (1.0 - fill))
