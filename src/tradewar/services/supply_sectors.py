"""The sector side of the supply service: WIOD, chokepoint reports, the table summary.

``tradewar supply chokepoints`` and ``tradewar supply table`` call :class:`SectorService`;
``tradewar supply sectors`` (a product scenario fed into the sector model) goes through
:class:`tradewar.services.supply.SupplyService`, which uses :func:`wiod_parameters` and
:meth:`SectorService.table` from here.  Every result carries the table's label and year
(WIOD 2011) and its citation.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from tradewar.codes.choices import choice
from tradewar.config import Settings
from tradewar.errors import InvalidInput
from tradewar.supply import ioalgebra
from tradewar.supply.chokepoints import (
    DAYS_PER_WEEK,
    SUBSTITUTION,
    ExportStop,
    IndustryLoss,
    RegionLoss,
    distinct_edges,
    export_stop_shock,
    rank_losses,
    weekly_output_share,
)
from tradewar.supply.sectors import ArioParameters, build_system, simulate_sectors
from tradewar.supply.wiod import IOTable, available_years, load_wiod
from tradewar.types import FloatArray

#: WIOD industries c1..c16 make goods (stockable inputs); c17..c35 are utilities,
#: construction and services, treated as non-stockable (they never bind through stocks).
WIOD_GOODS = 16
DEFAULT_INVENTORY_DAYS = 90.0  # boario's main_inv_dur
#: How the ARIO model steps: the numpy reference or the fused numba kernel.
Engine = Literal["numpy", "numba"]
ENGINES: tuple[Engine, ...] = ("numpy", "numba")
#: What a buyer does without a stopped input (:mod:`tradewar.supply.chokepoints`).
Substitution = Literal["full", "shares", "none"]
SUBSTITUTIONS: tuple[Substitution, ...] = ("full", "shares", "none")
assert SUBSTITUTIONS == SUBSTITUTION  # the domain's list, typed


def wiod_parameters(
    sectors: int, inventory_days: float = DEFAULT_INVENTORY_DAYS, resourcing: bool = True
) -> ArioParameters:
    """ARIO parameters for WIOD: goods held ``inventory_days``, services not stockable."""
    if not inventory_days > 0:
        raise InvalidInput(f"got {inventory_days}; expected a positive number of days.",
                           field="inventory_days")  # fmt: skip
    days = np.full(sectors, np.inf)
    days[: min(WIOD_GOODS, sectors)] = inventory_days
    return ArioParameters(inventory_days=days, resourcing=resourcing)


@dataclass(frozen=True)
class ChokepointRun:
    """Result of ``tradewar supply chokepoints``."""

    table: str
    year: int
    citation: str
    stop: ExportStop
    horizon_weeks: int
    inventory_days: float
    substitution: str
    critical_for: tuple[str, ...]
    engine: str
    industries: list[IndustryLoss]
    regions: list[RegionLoss]
    sector_names: dict[str, str]
    weekly: dict[str, list[float]] = field(repr=False)  # "REGION/SECTOR" -> weekly share

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """JSON-ready form (shares as decimals; losses in USD million of the table's year)."""
        industries = self.industries if top is None else self.industries[:top]
        return {
            "table": self.table,
            "year": self.year,
            "citation": self.citation,
            "suppliers": list(self.stop.suppliers),
            "industry": self.stop.industry,
            "industry_name": self.sector_names[self.stop.industry],
            "destinations": list(self.stop.destinations) or "every other region",
            "stop_weeks": self.stop.weeks,
            "stopped_share": self.stop.share,
            "horizon_weeks": self.horizon_weeks,
            "inventory_days_goods": self.inventory_days,
            "substitution": self.substitution,
            "critical_for": list(self.critical_for) or "every buyer",
            "engine": self.engine,
            "units": f"USD million ({self.year} prices) of output lost over the horizon",
            "industries": [self._industry_dict(row) for row in industries],
            "regions": [row.__dict__ for row in self.regions],
        }

    def _industry_dict(self, row: IndustryLoss) -> dict[str, Any]:
        return {
            **row.__dict__,
            "sector_name": self.sector_names[row.sector],
            "weekly_output_share": self.weekly[f"{row.region}/{row.sector}"],
        }

    def industries_csv(self) -> str:
        """Every industry that loses output: rank, losses and the weekly output share."""
        buffer = io.StringIO()
        weeks = [f"week_{k}" for k in range(self.horizon_weeks)]
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["rank", "region", "sector", "sector_name", "role",
                         f"lost_usd_million_{self.year}", "lost_share", "min_output_share",
                         "week_of_min", *weeks])  # fmt: skip
        for rank, row in enumerate(self.industries, start=1):
            shares = self.weekly[f"{row.region}/{row.sector}"]
            writer.writerow([rank, row.region, row.sector, self.sector_names[row.sector],
                             row.role, f"{row.lost_usd_million:.3f}", f"{row.lost_share:.6g}",
                             f"{row.min_output_share:.6f}", row.week_of_min,
                             *(f"{v:.6f}" for v in shares)])  # fmt: skip
        return buffer.getvalue()

    def regions_csv(self) -> str:
        """Every region's lost output, buyers only and with the stopped industries."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["rank", "region", f"lost_excluding_suppliers_usd_million_{self.year}",
                         f"lost_usd_million_{self.year}", "lost_share"])  # fmt: skip
        for rank, row in enumerate(self.regions, start=1):
            writer.writerow([rank, row.region, f"{row.lost_excluding_suppliers_usd_million:.3f}",
                             f"{row.lost_usd_million:.3f}", f"{row.lost_share:.6g}"])  # fmt: skip
        return buffer.getvalue()


@dataclass(frozen=True)
class TableSummary:
    """One industry of the table: output, final demand, inputs and buyers (``supply table``)."""

    table: str
    year: int
    citation: str
    region: str
    sector: str
    sector_name: str
    output: float
    value_added: float
    final_demand: dict[str, float]
    inputs: list[dict[str, Any]]  # top technical coefficients a_ij (USD per USD of output)
    buyers: list[dict[str, Any]]  # top buyers of its output (USD million)
    output_multiplier: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (USD million of the table's year)."""
        return dict(self.__dict__)


class SectorService:
    """WIOD behind the sector commands (2011 in the shared data; parsed once per process)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def table(self, year: int | None = None) -> IOTable:
        """WIOD from ``<data_dir>/wiod``: ``year``, or the latest present (2011 in the shared
        data).  Raises DataUnavailable when absent."""
        return _cached_wiod(str(Path(self.settings.data_dir).resolve()), year)

    def years(self) -> list[int]:
        """The WIOD years present under ``<data_dir>/wiod`` (empty when none is)."""
        return list(available_years(Path(self.settings.data_dir)))

    def chokepoints(
        self,
        suppliers: list[str],
        industry: str,
        *,
        destinations: list[str] | None = None,
        weeks: int = 8,
        horizon_weeks: int | None = None,
        share: float = 1.0,
        inventory_days: float = DEFAULT_INVENTORY_DAYS,
        substitution: Substitution = "full",
        critical_for: list[str] | None = None,
        engine: Engine = "numpy",
        year: int | None = None,
    ) -> ChokepointRun:
        """Stop ``industry``'s exports from ``suppliers`` and rank who loses output.

        Regions are WIOD codes (ISO3, ``ROM`` for Romania, ``RoW``; any case), industries
        WIOD codes (``c12``). ``substitution`` is ``full``, ``shares`` or ``none``
        (:mod:`tradewar.supply.chokepoints`); ``critical_for`` limits ``none`` to these
        buyer industries.
        """
        engine = choice(engine, ENGINES, "engine")
        substitution = choice(substitution, SUBSTITUTIONS, "substitution")
        wiod = self.table(year)
        critical = tuple(_sector(wiod, c) for c in critical_for or ())
        if critical and substitution != "none":
            raise InvalidInput(
                f"got {list(critical)}, which applies only with substitution 'none'"
                f" (not {substitution!r}).",
                field="critical_for",
            )
        horizon = 2 * weeks if horizon_weeks is None else horizon_weeks
        if horizon < 1:
            raise InvalidInput(f"got {horizon}; expected at least 1 week.", field="horizon_weeks")
        table = wiod.mrio()
        stop = ExportStop(
            tuple(_region(wiod, s) for s in suppliers), _sector(wiod, industry),
            tuple(_region(wiod, d) for d in destinations or ()), weeks, share,
        )  # fmt: skip
        days = horizon * DAYS_PER_WEEK
        shock = export_stop_shock(table, wiod.final_by_region(), stop, days)
        params = wiod_parameters(len(table.sectors), inventory_days, substitution == "full")
        distinct = distinct_edges(table, stop, critical) if substitution == "none" else None
        system = build_system(table, params, distinct)
        path = simulate_sectors(system, days, shock, params, engine=engine)
        industries, regions = rank_losses(table, path, stop)
        weekly = weekly_output_share(path)
        labels = [f"{r}/{s}" for r, s in wiod.industry_labels()]
        return ChokepointRun(
            table=wiod.label,
            year=wiod.year,
            citation=wiod.citation,
            stop=stop,
            horizon_weeks=horizon,
            inventory_days=inventory_days,
            substitution=substitution,
            critical_for=critical,
            engine=engine,
            industries=industries,
            regions=regions,
            sector_names=dict(zip(wiod.sectors, wiod.sector_names, strict=True)),
            weekly={label: _rounded(weekly[:, i]) for i, label in enumerate(labels)},
        )

    def summary(
        self, region: str, industry: str, top: int = 10, year: int | None = None
    ) -> TableSummary:
        """Output, final demand, top input coefficients and top buyers of one industry."""
        wiod = self.table(year)
        region, industry = _region(wiod, region), _sector(wiod, industry)
        if region not in wiod.regions:
            raise InvalidInput(f"got {region!r}; expected one of {', '.join(wiod.regions)}.",
                               field="region")  # fmt: skip
        if industry not in wiod.sectors:
            raise InvalidInput(f"got {industry!r}; expected one of {', '.join(wiod.sectors)}.",
                               field="industry")  # fmt: skip
        table = wiod.mrio()
        i = table.industry(region, industry)
        labels = wiod.industry_labels()
        a = ioalgebra.technical_coefficients(wiod)
        column = a[:, i].toarray().ravel()
        row = wiod.z[i].toarray().ravel()
        final = wiod.final[i].reshape(len(wiod.regions), -1).sum(axis=0)
        categories = [c for _, c in wiod.final_columns[: final.size]]
        multiplier = ioalgebra.multipliers(wiod, np.ones((1, wiod.n_industries)))
        return TableSummary(
            table=wiod.label,
            year=wiod.year,
            citation=wiod.citation,
            region=region,
            sector=industry,
            sector_name=wiod.sector_names[wiod.sectors.index(industry)],
            output=float(wiod.output[i]),
            value_added=float(wiod.value_added()[i]),
            final_demand={c: float(v) for c, v in zip(categories, final, strict=True)},
            inputs=_top(labels, column, top, "coefficient"),
            buyers=_top(labels, row, top, "usd_million"),
            output_multiplier=float(multiplier[0, i]),
        )


@lru_cache(maxsize=4)
def _cached_wiod(data_dir: str, year: int | None) -> IOTable:
    """WIOD is read-only data: one parse per process, folder and year (0.6 s each)."""
    return load_wiod(Path(data_dir), year)


#: ISO3 codes WIOD writes differently.
REGION_ALIASES = {"ROU": "ROM"}


def _region(wiod: IOTable, code: str) -> str:
    """A WIOD region from a code in any case (``chn`` → ``CHN``, ``ROU`` → ``ROM``);
    unknown codes pass through for the stop's own check to name them."""
    cleaned = code.strip()
    cleaned = REGION_ALIASES.get(cleaned.upper(), cleaned)
    by_upper = {r.upper(): r for r in wiod.regions}
    return by_upper.get(cleaned.upper(), cleaned)


def _sector(wiod: IOTable, code: str) -> str:
    """A WIOD industry code in any case (``C12`` → ``c12``)."""
    cleaned = code.strip().lower()
    return cleaned if cleaned in wiod.sectors else code.strip()


def _top(
    labels: list[tuple[str, str]], values: FloatArray, top: int, name: str
) -> list[dict[str, Any]]:
    order = np.argsort(-values)[:top]
    return [
        {"region": labels[k][0], "sector": labels[k][1], name: float(values[k])}
        for k in order
        if values[k] > 0
    ]


def _rounded(values: FloatArray) -> list[float]:
    return [round(float(v), 6) for v in values]
