"""The *Supply chains* page (``/supply``): an export-control scenario run through a product network.

Pick a bundled scenario (China's 2025 rare-earth licensing and the others): the weeks each
producer (a product in a country) stops or falls short are shown as calendar dates, with
the 10–90% range over the Monte Carlo draws, beside the model-vs-reported comparison, the
chart of output over time and the exposure table. ``format=csv|json`` gives the producers'
table (``table=exposure`` the exposure table), ``format=svg|png&chart=output`` the chart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from tradewar.errors import InvalidInput, TradewarError
from tradewar.services.supply import SupplyRun, SupplyService
from tradewar.supply.network import supply_region
from tradewar.web.deps import compute
from tradewar.web.form_errors import form_error
from tradewar.web.pagekit import (
    chart_response,
    data_response,
    format_problem,
    page_spec,
    render,
)
from tradewar.web.problems import ProblemError

router = APIRouter(include_in_schema=False)

DEFAULT_SCENARIO = "rare-earths-2025"
#: Draws of a page run: enough for a stable 10–90% range, fast enough to wait for (~2 s).
DEFAULT_DRAWS = 500
MAX_DRAWS = 2000
#: Producers drawn in the output chart (the hardest hit).
CHART_NODES = 8
NODE_COLUMNS = (
    "product", "country", "unit", "baseline_per_week", "stop_date", "stop_date_p10",
    "stop_date_p90", "stopped_share_of_draws", "shortfall_date", "min_output_share",
    "lost_weeks_of_output", "stop_week", "shortfall_week",
)  # fmt: skip
EXPOSURE_COLUMNS = ("country", "buyer", "input", "import_share", "top_supplier", "top_share",
                    "hhi", "critical", "cover_weeks", "exposure")  # fmt: skip


def week_date(start: date, week: float | None) -> date | None:
    """The calendar date of model week ``week`` (week 0 starts on ``start``); None stays None.

    >>> week_date(date(2025, 4, 4), 6.0), week_date(date(2025, 4, 4), None)
    (datetime.date(2025, 5, 16), None)
    """
    if week is None:
        return None
    return start + timedelta(days=round(7 * week))


def node_rows(run: SupplyRun) -> list[dict[str, Any]]:
    """The producers, hardest hit first, weeks turned into dates."""
    rows = []
    for node in run.nodes:
        record = node.to_dict()
        p10, _, p90 = record.get("stop_week_p10_p50_p90") or (None, None, None)
        record |= {
            "stop_date": week_date(run.start, node.stop_week),
            "stop_date_p10": week_date(run.start, p10),
            "stop_date_p90": week_date(run.start, p90),
            "shortfall_date": week_date(run.start, node.shortfall_week),
        }
        rows.append(record)
    return sorted(rows, key=lambda r: (-r["lost_weeks_of_output"], r["product"], r["country"]))


def output_spec(run: SupplyRun, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Output of the hardest-hit producers by calendar week, share of baseline (central run)."""
    chosen = [f"{r['product']}@{r['country']}" for r in rows[:CHART_NODES]]
    values = [
        {"producer": key.replace("@", " in "), "week": (run.start + timedelta(weeks=k)).isoformat(),
         "share": share}
        for key in chosen if key in run.series
        for k, share in enumerate(run.series[key]["central"])
    ]  # fmt: skip
    return page_spec({
        "title": f"Output of the {len(chosen)} hardest-hit producers, share of normal",
        "height": 300,
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "rule", "strokeDash": [4, 4], "color": "#999"},
             "encoding": {"y": {"datum": 0.5}}},
            {"mark": {"type": "line", "interpolate": "step-after"},
             "encoding": {
                 "x": {"field": "week", "type": "temporal", "title": None,
                       "axis": {"format": "%d %b %Y", "labelAngle": -30}},
                 "y": {"field": "share", "type": "quantitative", "title": "Output, share of normal",
                       "axis": {"format": ".0%"}, "scale": {"domain": [0, 1.05]}},
                 "color": {"field": "producer", "type": "nominal", "title": "Producer",
                           "legend": {"orient": "bottom", "columns": 2}},
                 "tooltip": [{"field": "producer"}, {"field": "week", "type": "temporal"},
                             {"field": "share", "format": ".0%"}]}},
        ],
    })  # fmt: skip


#: The form's labels: how the page names an input at fault.
LABELS = {"scenario": "Scenario", "draws": "Monte Carlo draws", "country": "Exposure of",
          "table": "Table"}  # fmt: skip


@router.get("/supply", response_class=HTMLResponse)
async def supply_page(
    request: Request,
    scenario: Annotated[str, Query(max_length=80)] = DEFAULT_SCENARIO,
    draws: Annotated[int, Query(ge=10, le=MAX_DRAWS)] = DEFAULT_DRAWS,
    country: Annotated[str, Query(max_length=60)] = "",
    fmt: Annotated[str, Query(alias="format", max_length=10)] = "html",
    table: Annotated[str, Query(max_length=20)] = "producers",
    chart: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """Choose a scenario: stop dates by producer, the exposure table and the output chart."""
    state = request.app.state.web
    service: SupplyService = state.supply
    scenarios = service.scenarios()
    context: dict[str, Any] = {
        "scenario": scenario, "draws": draws, "country": country, "scenarios": scenarios,
    }  # fmt: skip
    try:
        if scenario not in scenarios:
            raise InvalidInput(
                f"unknown supply scenario {scenario!r}; expected one of {', '.join(scenarios)}.",
                field="scenario",
            )
        problem = format_problem(fmt, chart, ("output",))
        if problem:
            raise InvalidInput(problem)
        if table not in ("producers", "exposure"):
            raise InvalidInput(f"{table!r}; expected producers or exposure.", field="table")
        region = supply_region(country, "country") if country else None
        run = await compute(state, lambda: service.run(scenario, draws=draws))
        chain = scenarios[scenario].chain
        exposure = [r.to_dict() for r in service.exposure(region, chain)]
    except (TradewarError, ProblemError) as err:
        message, status = form_error(err, LABELS)
        return render(request, "supply.html", context | {"error": message}, status)
    rows = node_rows(run)
    exposure.sort(key=lambda r: (-float(str(r["exposure"])), str(r["country"])))
    if fmt in ("csv", "json"):
        if table == "exposure":
            return data_response(exposure, EXPOSURE_COLUMNS, fmt, f"exposure-{chain}")
        return data_response(rows, NODE_COLUMNS, fmt, f"supply-{scenario}",
                             run.to_dict(with_series=False))  # fmt: skip
    spec = output_spec(run, rows)
    if fmt in ("svg", "png"):
        return chart_response(spec, fmt, f"supply-{scenario}")
    query = [("scenario", scenario), ("draws", str(draws))] + (
        [("country", country)] if country else []
    )
    context |= {
        "run": run,
        "rows": rows,
        "exposure": exposure,
        "spec": spec,
        "countries": sorted({r.country for r in service.exposure(None, run.chain)}),
        "comparisons": [
            c.to_dict()
            | {
                "model_stop_date": week_date(run.start, c.model_stop_week),
                "model_shortfall_date": week_date(run.start, c.model_shortfall_week),
            }
            for c in run.comparisons
        ],
        "downloads": {
            "csv": "/supply?" + urlencode([*query, ("format", "csv")]),
            "json": "/supply?" + urlencode([*query, ("format", "json")]),
            "exposure_csv": "/supply?"
            + urlencode([*query, ("format", "csv"), ("table", "exposure")]),
            "svg": "/supply?" + urlencode([*query, ("format", "svg"), ("chart", "output")]),
            "png": "/supply?" + urlencode([*query, ("format", "png"), ("chart", "output")]),
        },
    }
    return render(request, "supply.html", context)
