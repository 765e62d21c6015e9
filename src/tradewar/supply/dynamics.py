"""Layer A dynamics: the weekly chokepoint model, vectorised over Monte Carlo draws.

Every state array has a leading draws axis D, so 1,000 draws × 52 weeks is a handful of
numpy operations per week (``docs/specs/supply-chain.md`` §4.2, item 2).  One week:

1. **Arrivals.** Shipments sent ``lead`` weeks ago reach the buyer's stock.
2. **Production** ``x = min(capacity, demand, min_critical stock / per_unit)``: the partial
   Leontief of Pichler & Farmer (2021, ESR; Pichler et al. 2022, JEDC 144, 104527), where
   only critical inputs bind; demand is the licensable part of last week's orders plus
   the baseline sales to buyers outside the model.
3. **Consumption** of every input (non-critical stocks are drawn down only as far as they go).
4. **Rationing** of each producer's output over its orders: proportional (ARIO,
   Hallegatte 2008) or domestic buyers first (Pichler et al. 2022's priority rules).
   A restricted edge ships at most ``approval × f0`` (the licensed volume).
5. **Shipping** into a ring buffer of per-edge lead times.
6. **Orders** for next week: use + (target position − stock − in transit) / τ, the
   ARIO inventory-restoration rule (Hallegatte 2014) with a pipeline-aware position; split
   over incumbent suppliers by baseline share and, once an alternative supplier has
   qualified, re-weighted towards suppliers that can deliver (Guan et al. 2020's
   capacity-weighted orders, with a qualification lag).

Units: product units per week (tonnes, thousand vehicles...); stocks in units; time in weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from tradewar.errors import InvalidInput
from tradewar.supply.network import ChainArrays
from tradewar.types import FloatArray, IntArray

Rationing = Literal["proportional", "domestic_priority"]


@dataclass(frozen=True)
class DrawParameters:
    """Uncertain parameters, one row per Monte Carlo draw.

    Attributes
    ----------
    cover_weeks : (D, S) weeks of baseline use held in stock at the start.
    qualification_weeks : (D, E) weeks from the first restriction on a slot until an
        alternative supplier can deliver.
    alternative_share : (D, E) share of a slot's need a qualified alternative can take.
    """

    cover_weeks: FloatArray
    qualification_weeks: FloatArray
    alternative_share: FloatArray

    @property
    def draws(self) -> int:
        """Number of draws D."""
        return int(self.cover_weeks.shape[0])

    @classmethod
    def central(cls, chain: ChainArrays, draws: int = 1) -> DrawParameters:
        """The chain's own figures, repeated ``draws`` times."""
        return cls(
            cover_weeks=np.tile(chain.cover_weeks, (draws, 1)),
            qualification_weeks=np.tile(chain.qualification_weeks, (draws, 1)),
            alternative_share=np.tile(chain.alternative_share, (draws, 1)),
        )


@dataclass(frozen=True)
class DynamicsSettings:
    """Behavioural settings of the weekly model.

    Attributes
    ----------
    rationing : how a producer short of output serves its buyers.
    restore_weeks : τ, weeks over which a buyer closes its inventory gap (ARIO's
        inventory-restoration time; bounded below by 1 week to avoid the order
        oscillations reported in boario issue #18).
    """

    rationing: Rationing = "proportional"
    restore_weeks: float = 4.0

    def __post_init__(self) -> None:
        if self.rationing not in ("proportional", "domestic_priority"):
            raise InvalidInput(
                f"rationing {self.rationing!r}; expected 'proportional' or 'domestic_priority'"
            )
        if not self.restore_weeks >= 1.0:
            raise InvalidInput(
                f"restore_weeks {self.restore_weeks}; expected at least 1 week (shorter "
                "restoration makes orders oscillate)"
            )


@dataclass(frozen=True)
class ChainPath:
    """What happened, week by week and draw by draw.

    Attributes
    ----------
    output : (T, D, N) units per week produced by each node.
    received : (T, D, S) units arriving at each slot.
    stock : (T, D, S) units in stock at the end of each week.
    shipped_total, arrived_total : (D,) units shipped / arrived over the run.
    in_transit_start, in_transit_end : (D,) units in the pipeline before / after the run.
    """

    output: FloatArray
    received: FloatArray
    stock: FloatArray
    shipped_total: FloatArray
    arrived_total: FloatArray
    in_transit_start: FloatArray
    in_transit_end: FloatArray


class _Segments:
    """Precomputed flat indices for ``np.bincount`` segment sums over a draws axis."""

    def __init__(self, segment_of: IntArray, n_segments: int, draws: int) -> None:
        self.n = n_segments
        self.draws = draws
        offsets = n_segments * np.arange(draws, dtype=np.int64)[:, None]
        self.flat = (segment_of[None, :] + offsets).ravel()

    def sum(self, values: FloatArray) -> FloatArray:
        """(D, K) values summed into (D, n) segments."""
        total = np.bincount(self.flat, weights=values.ravel(), minlength=self.draws * self.n)
        return np.asarray(total.reshape(self.draws, self.n), dtype=np.float64)


def _check_shapes(chain: ChainArrays, approval: FloatArray, params: DrawParameters) -> None:
    draws, edges = params.draws, chain.n_edges
    if approval.ndim != 3 or approval.shape[1:] not in ((draws, edges), (1, edges)):
        raise InvalidInput(
            f"approval has shape {approval.shape}; expected (weeks, {draws} or 1, {edges})"
        )
    if np.any((approval < 0) | (approval > 1)):
        raise InvalidInput("approval: shares outside [0, 1]; expected licensed shares in [0, 1]")
    if params.cover_weeks.shape != (draws, chain.n_slots):
        raise InvalidInput(
            f"cover_weeks has shape {params.cover_weeks.shape}; expected ({draws}, {chain.n_slots})"
        )
    if np.any(params.cover_weeks < 0):
        raise InvalidInput("cover_weeks: negative cover; expected weeks >= 0")


def simulate_chain(
    chain: ChainArrays,
    approval: FloatArray,
    params: DrawParameters,
    settings: DynamicsSettings | None = None,
) -> ChainPath:
    """Run the weekly chokepoint model.

    Parameters
    ----------
    chain : the compiled network.
    approval : (T, D, E) or (T, 1, E) licensed share of each edge's baseline flow in each
        week (1 = unrestricted; 0 = banned).
    params : the per-draw uncertain parameters.
    settings : rationing rule and restoration time.

    Returns
    -------
    ChainPath
        Output, arrivals and stocks for every week and draw.

    Examples
    --------
    >>> from tradewar.supply.network import load_bundled_chain
    >>> chain = load_bundled_chain("rare_earths")
    >>> free = np.ones((4, 1, chain.n_edges))
    >>> path = simulate_chain(chain, free, DrawParameters.central(chain))
    >>> bool(np.allclose(path.output[-1, 0], chain.baseline_output))
    True
    >>> simulate_chain(chain, free[:, :, :2], DrawParameters.central(chain))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: approval has shape (4, 1, 2); expected (weeks, 1 or 1, ...)
    """
    settings = settings or DynamicsSettings()
    _check_shapes(chain, approval, params)
    return _Run(chain, params, settings).run(approval)


class _Run:
    """The state of one batched run (kept private; :func:`simulate_chain` is the API)."""

    def __init__(self, chain: ChainArrays, params: DrawParameters, settings: DynamicsSettings):
        self.chain, self.params, self.settings = chain, params, settings
        draws = params.draws
        self.by_slot = _Segments(chain.edge_slot, chain.n_slots, draws)
        self.by_supplier = _Segments(chain.edge_supplier, chain.n_nodes, draws)
        self.need = chain.slot_need
        self.f0 = chain.baseline_flow
        self.lags = int(chain.lead_weeks.max(initial=1)) + 1
        self.stock = params.cover_weeks * self.need
        self.target_stock = self.stock.copy()
        self.pipeline = np.zeros((self.lags, draws, chain.n_edges))
        for lead in np.unique(chain.lead_weeks):
            edges = chain.lead_weeks == lead
            self.pipeline[:lead, :, edges] = self.f0[edges]
        self.in_transit = np.tile(chain.lead_weeks * self.f0, (draws, 1)).astype(float)
        self.target_position = self.target_stock + self.by_slot.sum(self.in_transit)
        self.orders = np.tile(self.f0, (draws, 1))
        self.restricted_since = np.full((draws, chain.n_slots), np.inf)
        self.domestic = chain.edge_domestic
        starts = np.flatnonzero(np.r_[True, np.diff(chain.slot_node) != 0])
        self.limit_nodes = chain.slot_node[starts]
        self.limit_starts = starts

    def run(self, approval: FloatArray) -> ChainPath:
        weeks, draws = approval.shape[0], self.params.draws
        chain = self.chain
        output = np.empty((weeks, draws, chain.n_nodes))
        received = np.empty((weeks, draws, chain.n_slots))
        stock = np.empty((weeks, draws, chain.n_slots))
        start_transit = self.in_transit.sum(axis=1)
        shipped = np.zeros(draws)
        arrived = np.zeros(draws)
        for week in range(weeks):
            allowed = np.broadcast_to(approval[week], (draws, chain.n_edges))
            arrivals = self._arrive(week)
            received[week] = self.by_slot.sum(arrivals)
            self.stock += received[week]
            output[week], sent = self._produce_and_ship(week, allowed)
            stock[week] = self.stock
            self._order(week, output[week], allowed)
            shipped += sent.sum(axis=1)
            arrived += arrivals.sum(axis=1)
        return ChainPath(
            output, received, stock, shipped, arrived, start_transit, self.in_transit.sum(axis=1)
        )

    def _arrive(self, week: int) -> FloatArray:
        ring = week % self.lags
        arrivals: FloatArray = np.array(self.pipeline[ring], dtype=np.float64)
        self.pipeline[ring] = 0.0
        self.in_transit -= arrivals
        return arrivals

    def _input_limit(self) -> FloatArray:
        chain = self.chain
        per_unit = chain.per_unit[None, :]
        supportable = np.where(chain.critical[None, :], self.stock / per_unit, np.inf)
        limit = np.full((self.params.draws, chain.n_nodes), np.inf)
        limit[:, self.limit_nodes] = np.minimum.reduceat(supportable, self.limit_starts, axis=1)
        return limit

    def _produce_and_ship(self, week: int, allowed: FloatArray) -> tuple[FloatArray, FloatArray]:
        chain = self.chain
        licensed = np.where(allowed < 1.0, allowed * self.f0, np.inf)
        deliverable = np.minimum(self.orders, licensed)
        demand = self.by_supplier.sum(deliverable) + chain.other_demand
        output = np.minimum(np.minimum(chain.capacity, demand), self._input_limit())
        use = chain.per_unit * output[:, chain.slot_node]
        self.stock -= np.minimum(use, self.stock)
        sent = deliverable * self._fill_ratio(deliverable, demand, output)
        ring = (week + chain.lead_weeks) % self.lags
        self.pipeline[ring, :, np.arange(chain.n_edges)] = sent.T
        self.in_transit += sent
        return output, sent

    def _fill_ratio(
        self, deliverable: FloatArray, demand: FloatArray, output: FloatArray
    ) -> FloatArray:
        """Share of each edge's deliverable order that is shipped (rationing)."""
        supplier = self.chain.edge_supplier
        if self.settings.rationing == "proportional":
            ratio = np.divide(output, demand, out=np.zeros_like(output), where=demand > 0)
            return ratio[:, supplier]
        home = self.by_supplier.sum(deliverable * self.domestic)
        home_ratio = np.minimum(
            1.0, np.divide(output, home, out=np.ones_like(home), where=home > 0)
        )
        rest = output - home_ratio * home
        foreign = demand - home
        foreign_ratio = np.divide(rest, foreign, out=np.zeros_like(rest), where=foreign > 0)
        return np.where(self.domestic, home_ratio[:, supplier], foreign_ratio[:, supplier])

    def _order(self, week: int, output: FloatArray, allowed: FloatArray) -> None:
        chain = self.chain
        restricted = self.by_slot.sum(((allowed < 1.0) & ~chain.is_alternative).astype(float))
        self.restricted_since = np.where(
            (restricted > 0) & np.isinf(self.restricted_since), week, self.restricted_since
        )
        use = chain.per_unit * output[:, chain.slot_node]
        position = self.stock + self.by_slot.sum(self.in_transit)
        wanted = np.maximum(
            0.0, use + (self.target_position - position) / self.settings.restore_weeks
        )
        self.orders = wanted[:, chain.edge_slot] * self._supplier_weights(week, allowed)

    def _supplier_weights(self, week: int, allowed: FloatArray) -> FloatArray:
        chain, params = self.chain, self.params
        since = self.restricted_since[:, chain.edge_slot]
        qualified = chain.is_alternative & (week + 1 >= since + params.qualification_weeks)
        has_alternative = self.by_slot.sum(qualified.astype(float))[:, chain.edge_slot] > 0
        incumbent = chain.incumbent_share * np.where(has_alternative, allowed, 1.0)
        weights = incumbent + params.alternative_share * qualified
        total = self.by_slot.sum(weights)[:, chain.edge_slot]
        fallback = np.broadcast_to(chain.incumbent_share, weights.shape)
        return np.where(total > 0, weights / np.where(total > 0, total, 1.0), fallback)


# --------------------------------------------------------------------------- summaries


def relative_output(chain: ChainArrays, path: ChainPath) -> FloatArray:
    """(T, D, N) output as a share of baseline output."""
    return path.output / chain.baseline_output


def weeks_to_stop(chain: ChainArrays, path: ChainPath, stop_below: float = 0.5) -> FloatArray:
    """(D, N) first week a node's output falls below ``stop_below`` × baseline; NaN if never.

    A "line stop" is output under half of baseline by default: the reports of 2025 (Ford's
    Chicago plant idled for a week) describe whole lines halting, not marginal cuts.
    """
    below = relative_output(chain, path) < stop_below
    first = np.argmax(below, axis=0).astype(np.float64)
    return np.asarray(np.where(below.any(axis=0), first, np.nan), dtype=np.float64)


def lost_output(chain: ChainArrays, path: ChainPath) -> FloatArray:
    """(D, N) cumulative output lost against baseline, product units."""
    lost = np.clip(chain.baseline_output - path.output, 0.0, None).sum(axis=0)
    return np.asarray(lost, dtype=np.float64)


def availability(chain: ChainArrays, path: ChainPath) -> FloatArray:
    """(T, D, S) arrivals at each slot as a share of its baseline need."""
    need = chain.slot_need
    return np.asarray(
        np.divide(path.received, need, out=np.ones_like(path.received), where=need > 0),
        dtype=np.float64,
    )
