"""Chokepoints on a real table: who loses most output when a supplier industry stops exporting.

An :class:`ExportStop` says which industry (``c12``: basic metals and fabricated metal in
WIOD) of which supplier regions stops selling to which destinations, for how many weeks
and for what share of the flows.  :func:`export_stop_shock` turns it into the ARIO model's
inputs (:mod:`tradewar.supply.sectors`): an edge mask on the intermediate flows from the
stopped industries to buyers in the destinations, and a cut in the final demand those
industries serve there (foreign households and investors simply go without: ARIO never
re-sources final demand, as in boario).  :func:`rank_losses` ranks industries and regions
by the output they lose over the horizon, in USD million of the table and as a share of
their baseline output.

At sector resolution a buyer can order the same industry from other regions, and ARIO
pools a sector's inputs from all regions in one stock (``docs/specs/supply-chain.md``
§1.5: with instant re-sourcing a one-region ban "barely hurts anyone").  Three settings of
substitution (:data:`SUBSTITUTION`):

* ``full``: orders move to the other sellers of the sector, weighted by their capacity
  (boario's ``order_type="alt"``; :attr:`ArioParameters.resourcing`);
* ``shares``: orders keep their baseline supplier shares, so the stopped share is not
  re-ordered at once; the growing stock gap is still ordered from the other sellers;
* ``none``: the stopped flows are an input of their own (:func:`distinct_edges`): buyers
  run down their stock of it and are then held back (a chokepoint with no substitute,
  the product layer's assumption), optionally only in the buyer industries
  ``critical_for`` (the critical inputs of Pichler et al. 2022).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradewar.errors import InvalidInput
from tradewar.supply.mrio import MRIO
from tradewar.supply.sectors import SectorPath, SectorShock
from tradewar.types import BoolArray, FloatArray

DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class ExportStop:
    """Exports of one industry from one or more supplier regions stop for a while.

    Attributes
    ----------
    suppliers : regions whose industry stops exporting (e.g. ``("CHN",)``).
    industry : the table's sector code (WIOD ``c1`` … ``c35``).
    destinations : regions that no longer receive them; empty = every region other than
        the supplier itself (each supplier keeps its home market).
    weeks : how long the stop lasts, from day 0.
    share : share of the flows that stops (1 = all; 0.3 = the controlled part only).
    """

    suppliers: tuple[str, ...]
    industry: str
    destinations: tuple[str, ...] = ()
    weeks: int = 8
    share: float = 1.0

    def validate(self, table: MRIO) -> None:
        """Check codes against the table; raise :class:`InvalidInput` naming the bad value."""
        if not self.suppliers:
            raise InvalidInput("none given; expected at least one region code", field="suppliers")
        for field, regions in (("suppliers", self.suppliers), ("destinations", self.destinations)):
            for region in regions:
                if region not in table.regions:
                    raise InvalidInput(
                        f"region {region!r} is not in the table; expected one of "
                        f"{', '.join(table.regions)}",
                        field=field,
                    )
        if self.industry not in table.sectors:
            raise InvalidInput(
                f"got {self.industry!r}; expected one of {', '.join(table.sectors)}",
                field="industry",
            )
        if self.weeks < 1:
            raise InvalidInput(f"got {self.weeks}; expected at least 1 week", field="weeks")
        if not 0 < self.share <= 1:
            raise InvalidInput(f"got {self.share}; expected a share in (0, 1]", field="share")

    def stopped_pairs(self, table: MRIO) -> BoolArray:
        """(R_supplier_index, R) True where supplier region → destination region is stopped."""
        regions = len(table.regions)
        pairs = np.zeros((regions, regions), dtype=bool)
        for supplier in self.suppliers:
            s = table.regions.index(supplier)
            if self.destinations:
                for destination in self.destinations:
                    pairs[s, table.regions.index(destination)] = True
            else:
                pairs[s, :] = True
            pairs[s, s] = False
        return pairs


SUBSTITUTION = ("full", "shares", "none")


def stopped_edges(table: MRIO, stop: ExportStop) -> BoolArray:
    """(nnz,) True for the intermediate flows the stop covers."""
    stop.validate(table)
    sectors = len(table.sectors)
    p = table.sectors.index(stop.industry)
    pairs = stop.stopped_pairs(table)
    seller_region, buyer_region = table.seller // sectors, table.buyer // sectors
    return np.asarray(
        (table.seller % sectors == p) & pairs[seller_region, buyer_region], dtype=np.bool_
    )


def distinct_edges(table: MRIO, stop: ExportStop, critical_for: tuple[str, ...] = ()) -> BoolArray:
    """Stopped flows into the buyer industries for which they have no substitute.

    ``critical_for`` lists buyer sectors (empty = every buyer): in those, the stopped
    input gets a stock of its own that nobody else refills (:func:`build_system`'s
    ``distinct``); elsewhere it stays pooled with the same sector's inputs from other
    regions.
    """
    edges = stopped_edges(table, stop)
    if not critical_for:
        return edges
    unknown = [c for c in critical_for if c not in table.sectors]
    if unknown:
        raise InvalidInput(
            f"got {unknown[0]!r}; expected one of {', '.join(table.sectors)}",
            field="critical_for",
        )
    sectors = len(table.sectors)
    wanted = np.isin(table.buyer % sectors, [table.sectors.index(c) for c in critical_for])
    return np.asarray(edges & wanted, dtype=np.bool_)


def export_stop_shock(
    table: MRIO, final_by_region: FloatArray, stop: ExportStop, days: int
) -> SectorShock:
    """The ARIO inputs of an export stop over ``days`` days.

    Parameters
    ----------
    final_by_region : (N, R) final demand per year by destination region (table units).
    """
    stopped = stopped_edges(table, stop)
    sectors = len(table.sectors)
    p = table.sectors.index(stop.industry)
    pairs = stop.stopped_pairs(table)
    if not pairs.any():
        raise InvalidInput(
            f"{', '.join(stop.destinations)}: the stop covers no trade; expected "
            "destinations other than the suppliers themselves",
            field="destinations",
        )
    mask = np.where(stopped, 1.0 - stop.share, 1.0)
    stop_days = min(days, stop.weeks * DAYS_PER_WEEK)
    scale = np.ones((days, table.n_industries))
    total_final = final_by_region.sum(axis=1)
    for supplier in stop.suppliers:
        s = table.regions.index(supplier)
        i = s * sectors + p
        lost = float(final_by_region[i, pairs[s]].clip(min=0).sum()) * stop.share
        if total_final[i] > 0:
            scale[:stop_days, i] = max(0.0, 1.0 - lost / total_final[i])
    return SectorShock(
        capacity_loss=np.zeros(table.n_industries),
        edge_mask=mask,
        final_demand_scale=scale,
        mask_days=stop_days,
    )


@dataclass(frozen=True)
class IndustryLoss:
    """Output lost by one industry over the horizon."""

    region: str
    sector: str
    role: str  # "supplier" (a stopped industry) or "buyer"
    lost_usd_million: float
    lost_share: float  # of baseline output over the horizon
    min_output_share: float
    week_of_min: int


@dataclass(frozen=True)
class RegionLoss:
    """Output lost by one region, stopped industries excluded and included."""

    region: str
    lost_usd_million: float
    lost_share: float
    lost_excluding_suppliers_usd_million: float


def _weekly(relative: FloatArray) -> FloatArray:
    """(T_days, N) → (T_weeks, N) mean of each week (a partial last week is averaged)."""
    days = relative.shape[0]
    weeks = -(-days // DAYS_PER_WEEK)
    padded = np.full((weeks * DAYS_PER_WEEK, relative.shape[1]), np.nan)
    padded[:days] = relative
    return np.asarray(
        np.nanmean(padded.reshape(weeks, DAYS_PER_WEEK, -1), axis=1), dtype=np.float64
    )


def weekly_output_share(path: SectorPath) -> FloatArray:
    """(T_weeks, N) production over baseline, averaged by week."""
    return _weekly(path.relative_production())


def rank_losses(
    table: MRIO, path: SectorPath, stop: ExportStop
) -> tuple[list[IndustryLoss], list[RegionLoss]]:
    """Industries and regions by output lost over the run, largest first.

    Losses are Σ_days max(0, x0 − x(t)) in table units (USD million for WIOD); a share is
    that over baseline output for the same days.
    """
    sectors = len(table.sectors)
    days = path.production.shape[0]
    lost = (path.baseline - path.production).clip(min=0).sum(axis=0)
    base = path.baseline * days
    share = np.divide(lost, base, out=np.zeros_like(lost), where=base > 0)
    weekly = weekly_output_share(path)
    supplier_rows = {
        table.regions.index(s) * sectors + table.sectors.index(stop.industry)
        for s in stop.suppliers
    }
    industries = [
        IndustryLoss(
            region=table.regions[i // sectors],
            sector=table.sectors[i % sectors],
            role="supplier" if i in supplier_rows else "buyer",
            lost_usd_million=float(lost[i]),
            lost_share=float(share[i]),
            min_output_share=float(weekly[:, i].min()),
            week_of_min=int(np.argmin(weekly[:, i])),
        )
        for i in np.argsort(-lost)
        if lost[i] > 0
    ]
    regions = []
    supplier_mask = np.zeros(table.n_industries, dtype=bool)
    supplier_mask[list(supplier_rows)] = True
    for r, region in enumerate(table.regions):
        rows = slice(r * sectors, (r + 1) * sectors)
        region_lost = float(lost[rows].sum())
        region_base = float(base[rows].sum())
        regions.append(
            RegionLoss(
                region=region,
                lost_usd_million=region_lost,
                lost_share=region_lost / region_base if region_base > 0 else 0.0,
                lost_excluding_suppliers_usd_million=float(lost[rows][~supplier_mask[rows]].sum()),
            )
        )
    regions.sort(key=lambda row: -row.lost_excluding_suppliers_usd_million)
    return industries, regions
