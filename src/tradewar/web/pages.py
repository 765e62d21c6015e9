"""The dashboard: server-rendered pages (Jinja2), enhanced by htmx and vega-embed.

Every page's state is in its URL (plain GET forms), so any view is a permalink and the text
content works without JavaScript; htmx only swaps the page body in place and pushes the
URL. Charts are Vega-Lite specs from :mod:`tradewar.charts.specs`, embedded as JSON and
drawn by the vendored vega-embed.

Pages: ``/timeline`` (the US–China tariff timeline, an "as of" date and the measures in
force then), ``/shipment`` (the duty stack on one shipment), ``/scenarios`` (comparison
table, welfare world map and downloads), ``/measures`` and ``/measures/{id}``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tradewar.charts import geo as chart_geo
from tradewar.charts import specs as chart_specs
from tradewar.codes.dates import parse_date
from tradewar.codes.hs import normalize_hs
from tradewar.errors import TradewarError
from tradewar.ledger.schema import MeasureKind, parse_kind
from tradewar.model.outcomes import OUTCOMES
from tradewar.model.results import GROUP_NAMES
from tradewar.services.ledger import MeasureFilter
from tradewar.services.scenarios import UNITS
from tradewar.web.deps import WebState, compute, country_param, parsed, row_key
from tradewar.web.news_pages import router as news_router
from tradewar.web.pagekit import (
    display_country,
    page_spec,
    problem_text,
    render,
    today,
)
from tradewar.web.pagekit import templates as templates  # the pages' Jinja2 environment
from tradewar.web.problems import ProblemError
from tradewar.web.products import suggestion_links
from tradewar.web.scenario_pages import router as scenario_router
from tradewar.web.supply_pages import router as supply_router
from tradewar.web.sweep_pages import router as sweep_router
from tradewar.web.war_pages import router as war_router

router = APIRouter(include_in_schema=False)
# The pages of each capability live in modules of their own.
router.include_router(war_router)
router.include_router(supply_router)
router.include_router(sweep_router)
router.include_router(news_router)
router.include_router(scenario_router)

# The shared rendering kit, under the names this module has always used.
_render = render
_problem_text = problem_text
_country_name = display_country

#: The scenarios the comparison page shows when none are picked.
DEFAULT_SCENARIOS = ("peak-escalation", "geneva-truce", "busan-deal")
#: Variables of the comparison table, in order.
TABLE_VARIABLES = ("welfare", "real_wage", "prices", "employment", "imports_to_gdp", "deficit")
VARIABLE_LABELS = {name: item.label for name, item in OUTCOMES.items()}

# How each page's form labels the service parameters (what an error is called on the page).
#: The timeline page: its form, and the ``from``/``to`` of its permalink.
TIMELINE_LABELS = {"on": "As of", "a": "Country", "b": "Other country", "start": "from",
                   "end": "to"}  # fmt: skip
#: The shipment page's form.
SHIPMENT_LABELS = {"importer": "Importer", "exporter": "Exporter", "hs": "HS code", "on": "Date"}
#: The measures page's filters.
MEASURES_LABELS = {"imposing": "Imposing country", "kind": "Kind"}


def _state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


# ---------------------------------------------------------------------- pages


@router.get("/", response_class=RedirectResponse)
def home() -> RedirectResponse:
    """The dashboard opens on the timeline, as of today."""
    return RedirectResponse("/timeline", status_code=307)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    on: Annotated[str | None, Query(max_length=40)] = None,
    a: Annotated[str, Query(max_length=60)] = "USA",
    b: Annotated[str, Query(max_length=60)] = "CHN",
    start: Annotated[str, Query(alias="from", max_length=40)] = "2025-01-01",
    end: Annotated[str, Query(alias="to", max_length=40)] = "2026-12-31",
) -> Response:
    """The tariff timeline with events, an "as of" date (today unless asked) and the measures."""
    state = _state(request)
    on = on or today().isoformat()
    context: dict[str, Any] = {"on": on, "a": a, "b": b, "start": start, "end": end}
    try:
        day = parse_date(on, "on")
        context["on"] = day.isoformat()
        a, b = country_param("a", a), country_param("b", b)
        context |= {"a": a, "b": b}
        first, last = parse_date(start, "start"), parse_date(end, "end")
        states = state.ledger.state(day, a, b)
        spec = state.charts.timeline_spec(a, b, first, last)
        _mark_as_of(spec, day, right_half=_in_right_half(day, first, last))
        spec = page_spec(spec)
        context |= {
            "measures": [s.to_dict() for s in states],
            "spec": spec,
            "stacks": [state.ledger.tariff(imp, exp, None, day) for imp, exp in ((a, b), (b, a))],
            "warnings": state.ledger.state_warnings(day, a, b),
            "csv_url": "/api/v1/timeline?"
            + urlencode(
                {
                    "importer": a,
                    "exporter": b,
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                    "format": "csv",
                }
            ),
            "state_csv_url": "/api/v1/state?"
            + urlencode({"on": day.isoformat(), "a": a, "b": b, "format": "csv"}),
        }
    except (ProblemError, TradewarError) as err:
        message, status = _problem_text(err, TIMELINE_LABELS)
        return _render(request, "timeline.html", context | {"error": message}, status)
    return _render(request, "timeline.html", context)


@router.get("/shipment", response_class=HTMLResponse)
def shipment_page(
    request: Request,
    importer: Annotated[str, Query(max_length=60)] = "USA",
    exporter: Annotated[str, Query(max_length=60)] = "CHN",
    hs: Annotated[str, Query(max_length=20)] = "950300",
    on: Annotated[str | None, Query(max_length=40)] = None,
    q: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    """Pick importer, exporter, HS code and date (today unless asked): the duty stack.

    ``q`` searches products by name; its matches are listed as links that fill ``hs``.
    """
    state = _state(request)
    on = on or today().isoformat()
    context: dict[str, Any] = {"importer": importer, "exporter": exporter, "hs": hs, "on": on}
    context |= _product_matches(state, q, {"importer": importer, "exporter": exporter, "on": on})
    try:
        imp, exp = country_param("importer", importer), country_param("exporter", exporter)
        code = normalize_hs(hs, "hs") if hs.strip() else None
        day = parse_date(on, "on")
        stack = state.ledger.tariff(imp, exp, code, day)
        context |= {"importer": imp, "exporter": exp}
        query = {"importer": imp, "exporter": exp, "on": day.isoformat()}
        if code:
            query["hs"] = code
        context |= {"stack": stack.to_dict(), "json_url": "/api/v1/tariff?" + urlencode(query)}
    except (ProblemError, TradewarError) as err:
        message, status = _problem_text(err, SHIPMENT_LABELS)
        return _render(request, "shipment.html", context | {"error": message}, status)
    return _render(request, "shipment.html", context)


def _product_matches(state: WebState, q: str, link: dict[str, str]) -> dict[str, Any]:
    """The product search box's matches (the page works as a plain form without htmx)."""
    if not q.strip():
        return {"q": q}
    try:
        hits = state.hts.search(q, 8)
    except TradewarError as err:
        return {"q": q, "suggestions": [], "search_error": str(err)}
    return {"q": q, "suggestions": suggestion_links(hits, link)}


@router.get("/scenarios", response_class=HTMLResponse)
async def scenarios_page(
    request: Request,
    names: Annotated[list[str] | None, Query(alias="name", max_length=9)] = None,
    countries: Annotated[list[str] | None, Query(alias="country", max_length=20)] = None,
    variable: Annotated[str, Query(max_length=40)] = "welfare",
    map_scenario: Annotated[str | None, Query(alias="map", max_length=80)] = None,
) -> Response:
    """Pick scenarios: the comparison table, the world map of one variable, downloads."""
    state = _state(request)
    catalogue = state.scenarios.list()
    known = [s.name for s in catalogue]
    chosen = [n for n in dict.fromkeys(names or DEFAULT_SCENARIOS) if n.strip()]
    extra = [c for c in (countries or []) if c.strip()]
    context: dict[str, Any] = {
        "catalogue": catalogue,
        "chosen": chosen,
        "countries": extra,
        "variable": variable,
        "variables": {k: VARIABLE_LABELS.get(k, k) for k in UNITS},
        "map_scenario": map_scenario or (chosen[0] if chosen else None),
    }
    unknown = [n for n in chosen if n not in known]
    if unknown or not chosen:
        message = (
            f"name: unknown scenario(s) {', '.join(unknown)}; expected some of {', '.join(known)}."
            if unknown
            else "name: pick at least one scenario."
        )
        return _render(request, "scenarios.html", context | {"error": message}, 422)
    if variable not in UNITS:
        message = f"variable: {variable!r} is not a result; expected one of {', '.join(UNITS)}."
        return _render(request, "scenarios.html", context | {"error": message}, 422)
    if context["map_scenario"] not in chosen:
        context["map_scenario"] = chosen[0]
    try:
        rows_wanted = await anyio.to_thread.run_sync(  # fuzzy name matching: off the loop
            lambda: [parsed("country", row_key, c) for c in extra]
        )
        table = await compute(state, state.scenarios.compare, chosen, rows_wanted)
        run = await compute(state, state.scenarios.run, context["map_scenario"])
    except (ProblemError, TradewarError) as err:
        message, status = _problem_text(err)
        return _render(request, "scenarios.html", context | {"error": message}, status)
    query = [("name", n) for n in chosen] + [("country", c) for c in rows_wanted]
    context |= {
        "table": _comparison_rows(table, chosen),
        "table_variables": [v for v in TABLE_VARIABLES if v in UNITS],
        "labels": VARIABLE_LABELS,
        "downloads": {
            fmt: "/api/v1/scenarios/compare?" + urlencode([*query, ("format", fmt)])
            for fmt in ("csv", "xlsx", "parquet", "manifest", "json")
        },
        "map_spec": page_spec(_welfare_spec(run, variable, rows_wanted)),
        "compare_spec": page_spec(
            chart_specs.compare_spec(
                table,
                variables=["welfare", "real_wage", "prices"],
                countries=list(dict.fromkeys(str(c) for c in table["iso3"])),
                title="Welfare, real wage and prices by scenario (% change)",
            )
        ),
        "titles": {s.name: s.title for s in catalogue},
    }
    return _render(request, "scenarios.html", context)


@router.get("/measures", response_class=HTMLResponse)
def measures_page(
    request: Request,
    imposing: Annotated[str | None, Query(max_length=60)] = None,
    kind: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """Every measure in the ledger, by date, each linked to its page and first source."""
    state = _state(request)
    every = state.ledger.list_measures(MeasureFilter())
    context: dict[str, Any] = {
        "imposing": imposing or "",
        "kind": kind or "",
        "kinds": [k.value for k in MeasureKind],
        "imposers": sorted({m.imposing for m in every}),
    }
    try:
        filters = MeasureFilter(
            imposing=country_param("imposing", imposing) if imposing else None,
            kind=parse_kind(kind, "kind") if kind else None,
        )
        measures = state.ledger.list_measures(filters)
    except TradewarError as err:
        message, status = _problem_text(err, MEASURES_LABELS)
        return _render(request, "measures.html", context | {"error": message}, status)
    return _render(request, "measures.html", context | {"measures": measures})


@router.get("/measures/{measure_id}", response_class=HTMLResponse)
def measure_page(request: Request, measure_id: str) -> Response:
    """One measure: terms, sources, its history (who, when, why) and its relations."""
    state = _state(request)
    try:
        measure = state.ledger.get(measure_id)
    except TradewarError as err:
        message, status = _problem_text(err)
        return _render(request, "measure.html", {"error": message, "measure": None}, status)
    return _render(
        request,
        "measure.html",
        {
            "measure": measure,
            "history": state.ledger.history(measure_id),
            "related": state.ledger.related(measure),
            "document": measure.model_dump(mode="json", exclude_none=True),
        },
    )


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> Response:
    """The API at a glance: every operation from the OpenAPI schema, and a curl quick start."""
    schema = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "auth": bool(op.get("security")), "description": op.get("description", "")}
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
    ]  # fmt: skip
    base = str(request.base_url).rstrip("/")
    return _render(request, "api.html", {"operations": operations, "base": base})


# ---------------------------------------------------------------------- helpers


def _in_right_half(day: date, first: date, last: date) -> bool:
    """Whether ``day`` lies in the later half of the charted range (its label then goes left)."""
    return day > first + (last - first) / 2


def _mark_as_of(spec: dict[str, Any], day: date, right_half: bool = False) -> None:
    """Add a rule and a label at the "as of" date to a timeline spec.

    In the later half of the range the label sits left of the rule, so that it stays inside
    the plot (labels outside it would shrink a chart fitted to its container).
    """
    spec.setdefault("layer", []).extend(
        [
            {
                "data": {"values": [{"date": day.isoformat(), "label": f"as of {day}"}]},
                "mark": {"type": "rule", "color": "#111111", "strokeWidth": 2},
                "encoding": {"x": {"field": "date", "type": "temporal"}},
            },
            {
                "data": {"values": [{"date": day.isoformat(), "label": f"as of {day}"}]},
                "mark": {"type": "text", "align": "right" if right_half else "left",
                         "dx": -4 if right_half else 4, "dy": 4, "fontWeight": "bold",
                         "baseline": "top", "y": 0},
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "text": {"field": "label", "type": "nominal"},
                },
            },
        ]
    )  # fmt: skip


#: The vendored world map, served as a static file (the same file as tradewar.charts ships).
WORLD_URL = "/static/vendor/countries-110m.json"


def _topology_by_url(node: Any) -> Any:
    """Replace inlined TopoJSON with the static file's URL (pages shrink by ~100 KB)."""
    if isinstance(node, dict):
        values = node.get("values")
        if isinstance(values, dict) and values.get("type") == "Topology":
            return {key: value for key, value in node.items() if key != "values"} | {
                "url": WORLD_URL
            }
        return {key: _topology_by_url(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_topology_by_url(item) for item in node]
    return node


def _welfare_spec(run: Any, variable: str, countries: list[str]) -> dict[str, Any]:
    frame = run.tidy()
    world = run.equilibrium.world
    weights = {str(c): float(g) for c, g in zip(world.countries, world.gdp, strict=True)}
    topology = chart_geo.world_topology()
    spec = chart_specs.welfare_spec(
        frame,
        topology,
        chart_geo.numeric_to_iso3(topology),
        variable=variable,
        weights=weights,
        countries=[c for c in countries if c not in GROUP_NAMES],
        title=(
            f"{VARIABLE_LABELS.get(variable, variable)} by country, % change: {run.scenario.name}"
        ),
        width=720,
    )
    result: dict[str, Any] = _topology_by_url(spec)
    return result


def _comparison_rows(table: Any, scenarios: list[str]) -> list[dict[str, Any]]:
    """One row per (country or group, variable), one value per scenario."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for record in table.to_dict(orient="records"):
        key = (str(record["iso3"]), str(record["variable"]))
        row = rows.setdefault(
            key,
            {"iso3": key[0], "is_group": bool(record["is_group"]), "variable": key[1],
             "unit": record["unit"], "values": {}},
        )  # fmt: skip
        row["values"][record["scenario"]] = record["value"]
    countries = list(dict.fromkeys(key[0] for key in rows))
    rank = {v: k for k, v in enumerate(TABLE_VARIABLES)}
    return sorted(
        rows.values(),
        key=lambda r: (countries.index(r["iso3"]), rank.get(r["variable"], len(rank))),
    )
