"""Supply chains over HTTP (``/api/v1/supply``): export-control shocks through the product
network (Layer A) and the WIOD sector network (Layer B), as ``tradewar supply`` runs them.

Each endpoint takes the CLI command's inputs under the CLI's names (``weeks``, ``draws``,
``seed``, ``from_ledger``, ``product``; ``supplier``, ``industry``, ``to``, ``share``,
``horizon``, ``inventory_days``, ``substitution``, ``critical_for``; ``country``,
``chain``; ``region``, ``year``) and calls the same services
(:class:`~tradewar.services.supply.SupplyService`,
:class:`~tradewar.services.supply_sectors.SectorService`), so a result equals the CLI's
``--json`` for the same inputs. Unlike the CLI the API bounds the work one request may ask
for (draws, weeks, days: :data:`LIMITS`) and reads no file it is named (no ``--mrio``; a
chain or scenario is a bundled name, never a path).

Shares are decimals (0.26 = 26%); weeks count from the scenario's start (week *k* begins
*7k* days after it); sector losses are in USD million at the prices of the WIOD year.
Results on WIOD carry its citation and licence.

Every endpoint but the list of scenarios also answers ``format=csv``: the rows of one list of
its JSON answer (``table=`` names which, by its JSON field), one column per field, written
as the API's other CSV downloads are (:mod:`tradewar.web.tabular`: lists joined with ``;``,
ISO dates, empty cells for nulls), with a ``Link`` header (``rel="describedby"``) to the same
query as JSON, which carries the citation, licence, sources and notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tradewar.errors import InvalidInput
from tradewar.services.supply import DEFAULT_SEED, SupplyRun, check_product
from tradewar.services.supply_sectors import DEFAULT_INVENTORY_DAYS, Engine, Substitution
from tradewar.supply.network import supply_region
from tradewar.web.deps import CSV_CONTENT, READ_PROBLEMS, FormatParam, State, WebState, compute
from tradewar.web.problems import ProblemError
from tradewar.web.supply_pages import week_date  # the page's dates: one rule
from tradewar.web.tabular import as_json_url, described_csv_response

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS, tags=["supply chains"])

#: (lowest, highest) of each bounded number: the work one request may ask for.
LIMITS: dict[str, tuple[float, float]] = {
    "draws": (1, 2000),
    "weeks": (1, 156),
    "horizon_weeks": (1, 156),
    "days": (1, 730),
    "top": (1, 1435),
    "seed": (0, 2**32 - 1),
    "year": (1995, 2011),
    "inventory_days": (0, 3650),
}
#: What the licence of the WIOD tables asks of whoever shows results drawn from them.
WIOD_LICENCE = (
    "WIOD tables (2013 release) as published by the World Input-Output Database, converted "
    "from the R package bquast/wiod (GPL-3); cite Timmer et al. (2015) wherever results "
    "drawn from them are shown."
)
#: The licence of the bundled chain data (part of tradewar).
CHAIN_LICENCE = (
    "MIT (tradewar's bundled chain data); each figure is either cited to its source "
    "(sources) or marked as an estimate with its reasoning in the chain file."
)
SHARE = "Share of baseline, a decimal (0.26 = 26%)."


def _bounded(field: str, value: float | None, unit: str) -> None:
    """Refuse ``value`` outside :data:`LIMITS` with a problem naming field, value and range."""
    low, high = LIMITS[field]
    if value is not None and not low <= value <= high:
        raise InvalidInput(
            f"got {value}; expected {unit} from {low:.0f} to {high:.0f}.", field=field
        )


def _year(state: WebState, year: int | None) -> None:
    """Refuse a WIOD year the server does not hold (422 naming ``year`` and the years held);
    with no table at all the service answers 503, naming the missing files."""
    _bounded("year", year, "a WIOD year")
    held = state.services.supply_sectors.years()
    if year is not None and held and year not in held:
        raise InvalidInput(
            f"got {year}; expected one of {', '.join(map(str, held))} (the WIOD years this "
            "server holds).",
            field="year",
        )


def _limit(field: str, unit: str) -> dict[str, Any]:
    """The bounds of ``field`` for the OpenAPI schema (checked by :func:`_bounded`)."""
    low, high = LIMITS[field]
    return {"json_schema_extra": {"minimum": low, "maximum": high}, "description": unit}


# ---------------------------------------------------------------------- models


class SupplyScenarioOut(BaseModel):
    """One bundled supply scenario (``tradewar supply list``)."""

    name: str
    title: str
    chain: str = Field(description="The bundled product chain it runs on.")
    start: date = Field(description="The first day of week 0.")
    weeks: int = Field(description="The default horizon, in weeks.")
    rationing: str = Field(description="How short output is shared among buyers.")
    restrictions: int = Field(description="How many export restrictions it applies.")


class SourceOut(BaseModel):
    """A cited source of the chain or scenario data."""

    key: str
    url: str
    publisher: str
    note: str | None = None


class BandOut(BaseModel):
    """A weekly path: the central run and the 10/50/90% quantiles over the draws."""

    central: list[float] = Field(description="Central run, one value per week (week 0 first).")
    p10: list[float]
    p50: list[float]
    p90: list[float]


class ProducerOut(BaseModel):
    """One producer (a product in a country): when it falls short or stops, what it loses."""

    product: str
    country: str
    unit: str = Field(description="Unit of output per week, e.g. 'thousand vehicles'.")
    baseline_per_week: float = Field(description="Normal output per week, in `unit`.")
    stop_week: float | None = Field(
        description="First week output < 50% of baseline (central run); null: it never stops."
    )
    stop_date: date | None = Field(description="The first day of `stop_week`.")
    stop_week_p10_p50_p90: list[float | None] = Field(
        description="Quantiles of the stop week over the draws that stop (weeks)."
    )
    stop_date_p10: date | None = Field(description="The first day of the 10% stop week.")
    stop_date_p90: date | None = Field(description="The first day of the 90% stop week.")
    stopped_share_of_draws: float = Field(description="Share of draws that stop, 0 to 1.")
    shortfall_week: float | None = Field(
        description="First week output < 95% of baseline (central run); null: never."
    )
    shortfall_date: date | None = Field(description="The first day of `shortfall_week`.")
    min_output_share: float = Field(description="Lowest weekly output, " + SHARE)
    lost_output: float = Field(description="Output lost over the horizon, in `unit`.")
    lost_weeks_of_output: float = Field(description="Output lost, in weeks of baseline output.")
    lost_weeks_p10_p50_p90: list[float | None] = Field(
        description="Quantiles of the weeks of output lost over the draws."
    )


class ReportedOut(BaseModel):
    """A stoppage reported at the time beside the model's timing for the same producer."""

    country: str
    product: str
    reported_on: date
    reported_week: float = Field(description="Weeks after the scenario's start.")
    what: str
    source_url: str
    model_shortfall_week: float | None
    model_stop_week: float | None
    model_stop_p10_p90: list[float | None] = Field(description="Weeks.")


class SupplyRunOut(BaseModel):
    """A scenario run on the product network (``tradewar supply run NAME --json``)."""

    scenario: str
    title: str
    chain: str
    start: date = Field(description="The first day of week 0; week k begins 7k days later.")
    weeks: int = Field(description="Horizon, in weeks.")
    draws: int = Field(description="Monte Carlo draws.")
    seed: int = Field(description="Seed of the draws (the same seed gives the same numbers).")
    rationing: str
    policy_source: str = Field(
        description="'scenario' or 'ledger': where the restrictions come from."
    )
    stop_definition: str
    product: str | None = Field(description="The product the answer is limited to, if any.")
    restrictions: list[dict[str, Any]] = Field(
        description="Export restrictions applied: exporter, products, destinations, dates and "
        "the licensed share of the pre-control flow (a decimal) from each date."
    )
    notes: list[str]
    nodes: list[ProducerOut] = Field(description="Every producer (of `product`, if given).")
    reported_vs_model: list[ReportedOut]
    series: dict[str, BandOut] | None = Field(
        description="Output by week per producer ('car@USA'), " + SHARE + " Null if not asked."
    )
    availability: dict[str, BandOut] | None = Field(
        description="Arrivals of an input in a buying country ('ndfeb_magnet->USA') over its "
        "baseline need, by week (a decimal). Null if not asked."
    )
    units: dict[str, str]
    sources: list[SourceOut] = Field(description="The chain's and the scenarios' sources.")
    citation: str
    licence: str


class MappedOut(BaseModel):
    """A chain producer placed in a WIOD industry."""

    product: str
    country: str
    region: str = Field(description="WIOD region.")
    industry: str = Field(description="WIOD industry code (c1..c35).")
    share_of_output: float | None = Field(
        description="The product's share of the industry's output, a decimal (computed)."
    )


class SectorLossOut(BaseModel):
    """An industry of the sector table and what it loses."""

    region: str
    sector: str
    lost_days_of_output: float = Field(description="Output lost, in days of baseline output.")
    lost_usd_million: float = Field(description="Output lost, USD million at the table's prices.")
    min_output_share: float = Field(description="Lowest daily output, " + SHARE)


class SupplySectorsOut(BaseModel):
    """A scenario's central losses fed into the ARIO sector model on WIOD
    (``tradewar supply sectors NAME --json``)."""

    scenario: str
    table: str = Field(description="The sector table (WIOD and its year).")
    year: int | None
    days: int = Field(description="Daily steps simulated.")
    engine: str
    mapped: list[MappedOut]
    unmapped: list[str] = Field(description="Producers the concordance does not place.")
    worst: list[SectorLossOut] = Field(description="The industries that lose most, worst first.")
    units: dict[str, str]
    citation: str | None
    licence: str


class ExposureRowOut(BaseModel):
    """Exposure of one buyer (a product in a country) to one input."""

    buyer: str
    country: str
    input: str
    import_share: float = Field(description="Share of the input bought abroad, 0 to 1.")
    top_supplier: str
    top_share: float = Field(description="The top supplier's share, 0 to 1.")
    hhi: float = Field(description="Herfindahl index of the suppliers (domestic included), 0 to 1.")
    critical: bool = Field(description="Whether output stops without the input.")
    cover_weeks: float = Field(description="Inventory cover, in weeks (shown, not scored).")
    exposure: float = Field(description="import_share × hhi × criticality weight, 0 to 1.")


class ExposureOut(BaseModel):
    """Exposure screen of a chain (``tradewar supply exposure --json``), most exposed first."""

    chain: str
    country: str | None = Field(description="The buyer country screened; null: all.")
    rows: list[ExposureRowOut]
    notes: list[str]
    sources: list[SourceOut]
    citation: str
    licence: str


class IndustryLossOut(BaseModel):
    """One industry's loss from an export stop."""

    region: str
    sector: str
    sector_name: str
    role: str = Field(description="'supplier' (a stopped industry) or 'buyer'.")
    lost_usd_million: float = Field(
        description="Output lost over the horizon, USD million at the table year's prices."
    )
    lost_share: float = Field(
        description="Output lost, a share of baseline output over the horizon (decimal)."
    )
    min_output_share: float = Field(description="Lowest weekly output, " + SHARE)
    week_of_min: int = Field(description="The week of the lowest output (0 = the stop's first).")
    weekly_output_share: list[float] = Field(description="Output by week, " + SHARE)


class RegionLossOut(BaseModel):
    """One region's loss from an export stop."""

    region: str
    lost_usd_million: float = Field(description="USD million at the table year's prices.")
    lost_share: float = Field(description="A share of the region's output over the horizon.")
    lost_excluding_suppliers_usd_million: float = Field(
        description="The same without the stopped industries (buyers only), USD million."
    )


class ChokepointOut(BaseModel):
    """An industry's exports stopped, run through ARIO on WIOD
    (``tradewar supply chokepoints --json``)."""

    table: str
    year: int
    citation: str
    licence: str
    suppliers: list[str]
    industry: str
    industry_name: str
    destinations: list[str] | str = Field(description="Regions cut off, or 'every other region'.")
    stop_weeks: int = Field(description="Weeks the stop lasts.")
    stopped_share: float = Field(description="Share of the flows that stops, (0, 1].")
    horizon_weeks: int = Field(description="Weeks simulated.")
    inventory_days_goods: float = Field(description="Days of inputs held by goods industries.")
    substitution: str
    critical_for: list[str] | str
    engine: str
    units: str
    industries: list[IndustryLossOut] = Field(description="The `top` industries, worst first.")
    regions: list[RegionLossOut] = Field(description="Every region, worst first.")


class CoefficientOut(BaseModel):
    """A technical coefficient a_ij = z_ij / x_j of an input."""

    region: str
    sector: str
    coefficient: float = Field(description="USD of this input per USD of output.")


class BuyerOut(BaseModel):
    """A buyer of the industry's output."""

    region: str
    sector: str
    usd_million: float = Field(description="USD million at the table year's prices.")


class TableSummaryOut(BaseModel):
    """One industry of WIOD (``tradewar supply table --json``); USD million."""

    table: str
    year: int
    citation: str
    licence: str
    region: str
    sector: str
    sector_name: str
    output: float = Field(description="Gross output, USD million at basic prices.")
    value_added: float = Field(description="USD million.")
    final_demand: dict[str, float] = Field(description="By WIOD category, USD million.")
    inputs: list[CoefficientOut] = Field(description="The largest technical coefficients.")
    buyers: list[BuyerOut] = Field(description="The largest buyers of its output.")
    output_multiplier: float = Field(description="Column sum of the Leontief inverse.")


# ---------------------------------------------------------------------- parameters

ScenarioName = Annotated[
    str,
    PathParam(
        max_length=80, examples=["rare-earths-2025"], description="A bundled supply scenario."
    ),
]
Year = Annotated[int | None, Query(**_limit("year", "WIOD year (default: the latest present)"))]
EngineParam = Annotated[Engine, Query(description="numpy (the reference) or numba.")]
Top = Annotated[int, Query(**_limit("top", "rows returned"))]
Regions = Annotated[list[str], Query(max_length=41)]


#: ``table=``: which list of the JSON answer a CSV answer's rows are.
RunTable = Literal["nodes", "reported_vs_model", "series", "availability"]
SectorsTable = Literal["worst", "mapped"]
ChokepointTable = Literal["industries", "regions"]
IndustryTable = Literal["inputs", "buyers", "final_demand"]
TABLE_HELP = "With format=csv, the list of the JSON answer whose rows it is (JSON: ignored)."
#: Columns of the weekly paths as CSV (``table=series`` or ``availability``): one row per
#: path and week; ``date`` is the week's first day, the shares decimals of baseline.
WEEKLY_COLUMNS = ("country", "week", "date", "central", "p10", "p50", "p90")


def _csv(
    request: Request,
    rows: Sequence[BaseModel | Mapping[str, Any]],
    columns: Sequence[str],
    stem: str,
) -> Response:
    """``rows`` as a CSV download, linked to the same query's JSON (its citation, licence)."""
    records = [row.model_dump() if isinstance(row, BaseModel) else row for row in rows]
    return described_csv_response(records, columns, stem, as_json_url(request.url))


def _scenario(state: WebState, name: str) -> str:
    """A bundled supply scenario (never a path); 404 naming the known ones otherwise."""
    known = state.supply.scenarios()
    if name not in known:
        raise ProblemError(
            404,
            "unknown-scenario",
            "Unknown scenario",
            f"scenario: unknown supply scenario {name!r}; expected one of {', '.join(known)}.",
            field="scenario",
        )
    return name


def _chain_citation(state: WebState, chain: str) -> tuple[str, list[SourceOut]]:
    """How to cite a bundled chain's results, and the sources its figures cite."""
    spec = state.supply.chain(chain)
    citation = (
        f"tradewar bundled chain {chain!r} ({spec.title}, as of {spec.as_of}): "
        f"src/tradewar/supply/data/{chain}.yaml"
    )
    sources = [
        SourceOut(key=key, url=ref.url, publisher=ref.publisher, note=ref.note)
        for key, ref in state.supply.sources(chain).items()
    ]
    return citation, sources


# ---------------------------------------------------------------------- endpoints


@router.get(
    "/supply/scenarios",
    response_model=list[SupplyScenarioOut],
    summary="The bundled supply scenarios",
)
def list_supply_scenarios(state: State) -> list[SupplyScenarioOut]:
    """The scenarios ``tradewar supply list`` prints."""
    return [
        SupplyScenarioOut(
            name=name,
            title=s.title,
            chain=s.chain,
            start=s.start,
            weeks=s.weeks,
            rationing=s.rationing,
            restrictions=len(s.restrictions),
        )
        for name, s in state.supply.scenarios().items()
    ]


@router.get(
    "/supply/scenarios/{scenario}/run",
    response_model=SupplyRunOut,
    responses=CSV_CONTENT,
    summary="Run a supply scenario: when each producer stops, what it loses, Monte Carlo bands",
)
async def run_supply_scenario(
    request: Request,
    state: State,
    scenario: ScenarioName,
    weeks: Annotated[
        int | None, Query(**_limit("weeks", "horizon in weeks (default: the scenario's)"))
    ] = None,
    draws: Annotated[int, Query(**_limit("draws", "Monte Carlo draws"))] = 1000,
    seed: Annotated[int, Query(**_limit("seed", "seed of the draws"))] = DEFAULT_SEED,
    from_ledger: Annotated[
        bool, Query(description="Build the restrictions from the ledger's measures.")
    ] = False,
    product: Annotated[
        str | None, Query(max_length=80, description="Only this product's producers (e.g. car).")
    ] = None,
    series: Annotated[
        bool, Query(description="Include the weekly paths (series, availability).")
    ] = True,
    format: FormatParam = "json",
    table: Annotated[RunTable, Query(description=TABLE_HELP)] = "nodes",
) -> Any:
    """The fields of ``tradewar supply run NAME --json``, with calendar dates beside the weeks;
    a mistyped ``product`` is a 422 that suggests the nearest products. ``format=csv``: the
    producers (``table=nodes``), the reported stoppages (``reported_vs_model``), or the weekly
    paths, one row per path and week (``series``: output by producer; ``availability``: an
    input's arrivals in a buying country)."""
    _scenario(state, scenario)
    _bounded("weeks", weeks, "a horizon in weeks")
    _bounded("draws", draws, "a number of draws")
    _bounded("seed", seed, "a seed")
    if product is not None:
        check_product(product, state.supply.products(scenario))
    if format == "csv" and table in ("series", "availability") and not series:
        raise InvalidInput(
            f"got false; table={table} is the weekly paths, which series=false leaves out: "
            "leave series out or set it true.",
            field="series",
        )

    def run() -> SupplyRun:
        return state.supply.run(
            scenario, weeks=weeks, draws=draws, seed=seed, from_ledger=from_ledger
        )

    result = await compute(state, run)
    answer = _run_out(state, result, product, series)
    return _run_csv(request, answer, table) if format == "csv" else answer


def _run_csv(request: Request, run: SupplyRunOut, table: str) -> Response:
    """One list of the run as CSV; the weekly paths one row per path and week."""
    stem = f"supply-{run.scenario}-{table}"
    if table == "nodes":
        return _csv(request, run.nodes, list(ProducerOut.model_fields), stem)
    if table == "reported_vs_model":
        return _csv(request, run.reported_vs_model, list(ReportedOut.model_fields), stem)
    # series keys are 'product@country', availability keys 'input->country'
    first, separator = ("product", "@") if table == "series" else ("input", "->")
    paths = (run.series if table == "series" else run.availability) or {}
    rows = [
        {
            first: key.split(separator, 1)[0],
            "country": key.split(separator, 1)[-1],
            "week": week,
            "date": week_date(run.start, week),
            "central": band.central[week],
            "p10": band.p10[week],
            "p50": band.p50[week],
            "p90": band.p90[week],
        }
        for key, band in paths.items()
        for week in range(len(band.central))
    ]
    return _csv(request, rows, (first, *WEEKLY_COLUMNS), stem)


def _run_out(state: WebState, run: SupplyRun, product: str | None, series: bool) -> SupplyRunOut:
    payload = run.to_dict(with_series=series)
    nodes = []
    for node in payload["nodes"]:
        if product is not None and node["product"] != product:
            continue
        p10, _, p90 = node["stop_week_p10_p50_p90"]
        nodes.append(
            node
            | {
                "stop_date": week_date(run.start, node["stop_week"]),
                "shortfall_date": week_date(run.start, node["shortfall_week"]),
                "stop_date_p10": week_date(run.start, p10),
                "stop_date_p90": week_date(run.start, p90),
            }
        )
    if product is not None:
        payload["reported_vs_model"] = [
            c for c in payload["reported_vs_model"] if c["product"] == product
        ]
        if series:
            payload["series"] = {
                k: v for k, v in payload["series"].items() if k.split("@")[0] == product
            }
            payload["availability"] = {
                k: v for k, v in payload["availability"].items() if k.split("->")[0] == product
            }
    citation, sources = _chain_citation(state, run.chain)
    return SupplyRunOut.model_validate(
        payload
        | {
            "nodes": nodes,
            "product": product,
            "series": payload.get("series"),
            "availability": payload.get("availability"),
            "units": {
                "weeks": "weeks after start (week k begins on start + 7k days)",
                "shares": "decimals of baseline (0.26 = 26%)",
                "lost_output": "the producer's unit",
                "dates": "ISO 8601, the first day of the week",
            },
            "sources": sources,
            "citation": citation,
            "licence": CHAIN_LICENCE,
        }
    )


@router.get(
    "/supply/scenarios/{scenario}/sectors",
    response_model=SupplySectorsOut,
    responses=CSV_CONTENT,
    summary="A supply scenario's losses spread through the WIOD sectors (ARIO)",
)
async def supply_scenario_sectors(
    request: Request,
    state: State,
    scenario: ScenarioName,
    days: Annotated[int, Query(**_limit("days", "daily steps simulated"))] = 365,
    engine: EngineParam = "numpy",
    top: Top = 10,
    year: Year = None,
    format: FormatParam = "json",
    table: Annotated[SectorsTable, Query(description=TABLE_HELP)] = "worst",
) -> Any:
    """``tradewar supply sectors NAME --json`` on WIOD (the API reads no user table);
    ``format=csv``: the industries that lose most (``table=worst``) or the producers placed
    in WIOD industries (``mapped``)."""
    _scenario(state, scenario)
    _bounded("days", days, "a number of days")
    _bounded("top", top, "a number of rows")
    _year(state, year)
    result = await compute(
        state,
        lambda: state.supply.sectors(scenario, days=days, engine=engine, top=top, year=year),
    )
    shares = {
        (s["product"], s["country"], s["region"], s["industry"]): s["share_of_output"]
        for s in result.shares
    }
    mapped = [
        MappedOut(
            product=p, country=c, region=r, industry=i, share_of_output=shares.get((p, c, r, i))
        )
        for p, c, r, i in result.mapped
    ]
    answer = SupplySectorsOut(
        scenario=result.scenario,
        table=result.table,
        year=result.year,
        days=result.days,
        engine=result.engine,
        mapped=mapped,
        unmapped=result.unmapped,
        worst=[SectorLossOut.model_validate(row) for row in result.worst],
        units={
            "lost_usd_million": f"USD million at {result.year} prices",
            "lost_days_of_output": "days of the industry's baseline output",
            "min_output_share": "decimal of baseline",
        },
        citation=result.citation,
        licence=WIOD_LICENCE,
    )
    if format == "csv":
        stem = f"supply-sectors-{scenario}-{table}"
        if table == "mapped":
            return _csv(request, answer.mapped, list(MappedOut.model_fields), stem)
        return _csv(request, answer.worst, list(SectorLossOut.model_fields), stem)
    return answer


@router.get(
    "/supply/exposure",
    response_model=ExposureOut,
    responses=CSV_CONTENT,
    summary="Exposure of a country's producers: import share × supplier HHI × criticality",
)
def supply_exposure(
    request: Request,
    state: State,
    country: Annotated[
        str | None,
        Query(max_length=60, description="ISO3, EU27 or a name; all if omitted.", examples=["USA"]),
    ] = None,
    chain: Annotated[
        str, Query(max_length=40, description="rare_earths or us_controls.")
    ] = "rare_earths",
    format: FormatParam = "json",
) -> Any:
    """``tradewar supply exposure --json``, most exposed first; ``format=csv``: its rows."""
    region = None if country is None else supply_region(country, "country")
    rows = state.supply.exposure(region, chain)
    notes = []
    if region is not None and not rows:
        covered = sorted({r.country for r in state.supply.exposure(None, chain)})
        notes.append(
            f"{region} has no producers in the {chain} chain, so it has no exposure "
            f"to show (not zero exposure); the chain covers {', '.join(covered)}."
        )
    citation, sources = _chain_citation(state, chain)
    answer = ExposureOut(
        chain=chain,
        country=region,
        rows=[ExposureRowOut.model_validate(r.to_dict()) for r in rows],
        notes=notes,
        sources=sources,
        citation=citation,
        licence=CHAIN_LICENCE,
    )
    if format == "csv":
        stem = f"exposure-{chain}" + (f"-{region}" if region else "")
        return _csv(request, answer.rows, list(ExposureRowOut.model_fields), stem)
    return answer


@router.get(
    "/supply/chokepoints",
    response_model=ChokepointOut,
    responses=CSV_CONTENT,
    summary="Stop an industry's exports (WIOD) and rank who loses output",
)
async def supply_chokepoints(
    request: Request,
    state: State,
    suppliers: Annotated[
        list[str],
        Query(
            alias="supplier",
            min_length=1,
            max_length=41,
            description="Region whose exports stop (repeat for several), e.g. CHN.",
        ),
    ],
    industry: Annotated[
        str, Query(max_length=10, description="WIOD industry code, e.g. c12.", examples=["c12"])
    ],
    destinations: Annotated[
        list[str] | None,
        Query(
            alias="to",
            max_length=41,
            description="Destination region (repeat); default every other region.",
        ),
    ] = None,
    weeks: Annotated[int, Query(**_limit("weeks", "weeks the stop lasts"))] = 8,
    horizon_weeks: Annotated[
        int | None,
        Query(alias="horizon", **_limit("horizon_weeks", "weeks simulated (default 2 x weeks)")),
    ] = None,
    share: Annotated[float, Query(description="Share of the flows that stops, (0, 1].")] = 1.0,
    inventory_days: Annotated[
        float,
        Query(
            description="Days of inputs held by goods industries, above 0 and at most 3650.",
            json_schema_extra={"exclusiveMinimum": 0, "maximum": LIMITS["inventory_days"][1]},
        ),
    ] = DEFAULT_INVENTORY_DAYS,
    substitution: Annotated[
        Substitution,
        Query(
            description="full (buyers move orders to other regions), shares (orders keep "
            "baseline shares) or none (no substitute: stocks run down)."
        ),
    ] = "full",
    critical_for: Annotated[
        list[str] | None,
        Query(
            max_length=35,
            description="With substitution=none: buyer industries (repeat) that cannot do "
            "without the input; default all.",
        ),
    ] = None,
    engine: EngineParam = "numpy",
    top: Top = 15,
    year: Year = None,
    format: FormatParam = "json",
    table: Annotated[ChokepointTable, Query(description=TABLE_HELP)] = "industries",
) -> Any:
    """``tradewar supply chokepoints --json``: industries (the ``top``) and regions by output
    lost, in USD million at the WIOD year's prices and as shares; ``format=csv``: the
    industries (``table=industries``, ``weekly_output_share`` joined with ``;``) or the
    regions (``regions``)."""
    _bounded("weeks", weeks, "a number of weeks")
    _bounded("horizon_weeks", horizon_weeks, "a number of weeks")
    _bounded("top", top, "a number of rows")
    _year(state, year)
    if not 0 < inventory_days <= LIMITS["inventory_days"][1]:
        raise InvalidInput(
            f"got {inventory_days:g}; expected a number of days above 0 and at "
            f"most {LIMITS['inventory_days'][1]:g}.",
            field="inventory_days",
        )
    result = await compute(
        state,
        lambda: state.services.supply_sectors.chokepoints(
            suppliers,
            industry,
            destinations=destinations,
            weeks=weeks,
            horizon_weeks=horizon_weeks,
            share=share,
            inventory_days=inventory_days,
            substitution=substitution,
            critical_for=critical_for,
            engine=engine,
            year=year,
        ),
    )
    answer = ChokepointOut.model_validate(result.to_dict(top=top) | {"licence": WIOD_LICENCE})
    if format == "csv":
        stem = f"chokepoints-{'-'.join(answer.suppliers)}-{answer.industry}-{table}"
        if table == "regions":
            return _csv(request, answer.regions, list(RegionLossOut.model_fields), stem)
        return _csv(request, answer.industries, list(IndustryLossOut.model_fields), stem)
    return answer


@router.get(
    "/supply/table",
    response_model=TableSummaryOut,
    responses=CSV_CONTENT,
    summary="One WIOD industry: output, final demand, input coefficients, buyers",
)
def supply_table(
    request: Request,
    state: State,
    region: Annotated[
        str, Query(max_length=10, description="WIOD region, e.g. CHN.", examples=["CHN"])
    ],
    industry: Annotated[
        str, Query(max_length=10, description="WIOD industry, e.g. c12.", examples=["c12"])
    ],
    top: Top = 10,
    year: Year = None,
    format: FormatParam = "json",
    table: Annotated[IndustryTable, Query(description=TABLE_HELP)] = "inputs",
) -> Any:
    """``tradewar supply table --json`` (USD million at the WIOD year's prices);
    ``format=csv``: the input coefficients (``table=inputs``), the buyers (``buyers``) or
    final demand by category (``final_demand``: columns ``category``, ``usd_million``)."""
    _bounded("top", top, "a number of rows")
    _year(state, year)
    summary = state.services.supply_sectors.summary(region, industry, top, year)
    answer = TableSummaryOut.model_validate(summary.to_dict() | {"licence": WIOD_LICENCE})
    if format != "csv":
        return answer
    stem = f"wiod-{answer.year}-{answer.region}-{answer.sector}-{table}"
    if table == "buyers":
        return _csv(request, answer.buyers, list(BuyerOut.model_fields), stem)
    if table == "final_demand":
        rows = [{"category": k, "usd_million": v} for k, v in answer.final_demand.items()]
        return _csv(request, rows, ("category", "usd_million"), stem)
    return _csv(request, answer.inputs, list(CoefficientOut.model_fields), stem)
