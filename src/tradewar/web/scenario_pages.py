"""One scenario's page (``/scenarios/{name}``): rates, assumptions, trade, every country.

Beside each US–China rate the model used (coverage-adjusted, all goods) stands the
headline rate of the measures, with the basis and the measures behind it; then the
scenario's assumptions, the change in US–China trade, and a table of all 194 countries,
sortable by any column (links, so every order is a permalink and needs no JavaScript).
With ``baseline=NAME`` the table shows the differences from another scenario in
percentage points. Colours say good or bad for the country: higher welfare, real wage
and employment are good, higher consumer prices bad (a price fall is green, not red);
trade ratios and deficits are left uncoloured. ``format=csv|json`` gives the table,
``format=svg|png&chart=map`` the map.

``model=sectors`` solves the scenario on the sectoral model (LL2023, 44 regions × 16
industries) instead: welfare and real wages of USA, CHN, EU, RoW and the world, output and
trade by industry (:mod:`tradewar.web.sector_scenario`); ``format=csv|json`` then gives its
tidy table and ``format=svg|png&chart=industries`` its chart.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from tradewar.errors import InvalidInput, TradewarError
from tradewar.model.outcomes import OUTCOMES
from tradewar.services.sectors import SCENARIO_ROW_COLUMNS, scenario_rows
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
from tradewar.web.sector_scenario import (
    GROUP_LABELS,
    LICENCE,
    MODELS,
    industry_tables,
    output_chart_spec,
    sectors_service,
    tariff_rows,
)

router = APIRouter(include_in_schema=False)

#: Table columns, in order, with their labels.
#: The form's labels: how the page names an input at fault.
LABELS = {"baseline": "Differences against", "model": "Model", "name": "Scenario",
          "sort": "Sort by", "order": "Order"}  # fmt: skip

COLUMNS = {
    name: OUTCOMES[name].label
    for name in ("welfare", "real_wage", "prices", "employment", "imports_to_gdp", "deficit")
}


def country_table(run: Any, baseline: Any | None) -> list[dict[str, Any]]:
    """One row per country: each outcome's percent change (minus the baseline's, if any)."""
    frame = run.equilibrium.to_frame().set_index("iso3")
    base = baseline.equilibrium.to_frame().set_index("iso3") if baseline is not None else None
    rows = []
    for iso3, record in frame.iterrows():
        row: dict[str, Any] = {"iso3": str(iso3)}
        for column in COLUMNS:
            value = float(record[column])
            if base is not None:
                value -= float(base.loc[iso3, column])
            row[column] = None if value != value else value
        rows.append(row)
    return rows


def sorted_rows(rows: list[dict[str, Any]], key: str, descending: bool) -> list[dict[str, Any]]:
    """Rows ordered by ``key`` (missing values last whatever the order)."""
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    return sorted(present, key=lambda r: r[key], reverse=descending) + missing


@router.get("/scenarios/{name}", response_class=HTMLResponse)
async def scenario_page(
    request: Request,
    name: str,
    baseline: Annotated[str, Query(max_length=80)] = "",
    sort: Annotated[str, Query(max_length=40)] = "welfare",
    order: Annotated[str, Query(max_length=4)] = "asc",
    fmt: Annotated[str, Query(alias="format", max_length=10)] = "html",
    chart: Annotated[str | None, Query(max_length=20)] = None,
    model: Annotated[str, Query(max_length=20)] = "one-sector",
) -> Response:
    """The scenario: rates used vs headline, assumptions, US–China trade, all countries;
    or, with ``model=sectors``, its outcomes by industry on the sectoral model."""
    from tradewar.web.pages import VARIABLE_LABELS, _welfare_spec

    state = request.app.state.web
    catalogue = state.scenarios.list()
    context: dict[str, Any] = {
        "name": name, "baseline": baseline, "sort": sort, "order": order,
        "catalogue": catalogue, "columns": COLUMNS, "model": model, "models": MODELS,
    }  # fmt: skip
    known = [s.name for s in catalogue]
    if name not in known:  # bundled scenarios only: a page never reads a path it is given
        message = f"no scenario {name!r}; the scenarios are {', '.join(known)}."
        return render(request, "scenario.html", context | {"error": message}, 404)
    if model not in MODELS:
        message = f"model: {model!r} is not offered; expected one of {', '.join(MODELS)}."
        return render(request, "scenario.html", context | {"error": message}, 422)
    if model == "sectors":
        return await _sectoral_page(request, name, fmt, chart, context)
    try:
        scenario = state.scenarios.get(name)
        if baseline and baseline not in {s.name for s in catalogue}:
            raise InvalidInput(
                f"unknown scenario {baseline!r}; expected one of "
                f"{', '.join(s.name for s in catalogue)}.",
                field="baseline",
            )
        if sort not in ("iso3", *COLUMNS):
            raise InvalidInput(f"{sort!r}; expected iso3 or one of {', '.join(COLUMNS)}.",
                               field="sort")  # fmt: skip
        if order not in ("asc", "desc"):
            raise InvalidInput(f"{order!r}; expected asc or desc.", field="order")
        problem = format_problem(fmt, chart, ("map",))
        if problem:
            raise InvalidInput(problem)
        run = await compute(state, state.scenarios.run, name)
        base_run = await compute(state, state.scenarios.run, baseline) if baseline else None
    except (TradewarError, ProblemError) as err:
        message, status = form_error(err, LABELS)
        return render(request, "scenario.html", context | {"error": message}, status)
    rows = sorted_rows(country_table(run, base_run), sort, order == "desc")
    unit = "percentage points against " + baseline if baseline else "percent change"
    if fmt in ("csv", "json"):
        about = {"scenario": name, "baseline": baseline or None, "unit": unit}
        return data_response(rows, ("iso3", *COLUMNS), fmt, f"scenario-{name}", about)
    spec = page_spec(_welfare_spec(run, "welfare", []))
    if fmt in ("svg", "png"):
        return chart_response(spec, fmt, f"scenario-{name}-welfare")
    summary = run.to_dict()
    base_query = [("baseline", baseline)] if baseline else []
    context |= {
        "scenario": scenario,
        "summary": summary,
        "rows": rows,
        "unit": unit,
        "spec": spec,
        "labels": VARIABLE_LABELS,
        "sort_links": {key: _link(name, base_query, sort=key, order=_next_order(key, sort, order))
                       for key in ("iso3", *COLUMNS)},
        "downloads": {
            "csv": _link(name, base_query, sort=sort, order=order, format="csv"),
            "json": _link(name, base_query, sort=sort, order=order, format="json"),
            "svg": _link(name, base_query, format="svg", chart="map"),
            "png": _link(name, base_query, format="png", chart="map"),
        },
    }  # fmt: skip
    return render(request, "scenario.html", context)


async def _sectoral_page(
    request: Request, name: str, fmt: str, chart: str | None, context: dict[str, Any]
) -> Response:
    """The scenario on the sectoral model: groups, industries, notes, data citation."""
    state = request.app.state.web
    query = [("model", "sectors")]
    try:
        problem = format_problem(fmt, chart, ("industries",))
        if problem:
            raise InvalidInput(problem)
        scenario = state.scenarios.get(name)
        service = sectors_service(request)
        payload = await compute(state, service.scenario, name)
    except (TradewarError, ProblemError) as err:
        message, status = form_error(err, LABELS)
        return render(request, "scenario.html", context | {"error": message}, status)
    if fmt in ("csv", "json"):
        about = {
            "scenario": name, "model": "sectors", "unit": "percent change against 2014",
            "data": payload["data"], "licence": LICENCE, "entry": payload["entry"],
            "additional_tariffs_pct": payload["additional_tariffs_pct"],
            "notes": payload["notes"], "solver": payload["solver"],
        }  # fmt: skip
        rows = scenario_rows(payload)
        return data_response(rows, SCENARIO_ROW_COLUMNS, fmt, f"scenario-{name}-sectors", about)
    spec = page_spec(output_chart_spec(payload, name))
    if fmt in ("svg", "png"):
        return chart_response(spec, fmt, f"scenario-{name}-industries")
    context |= {
        "scenario": scenario,
        "sectoral": payload,
        "industry_tables": industry_tables(payload),
        "tariff_rows": tariff_rows(payload),
        "licence": LICENCE,
        "group_labels": GROUP_LABELS,
        "spec": spec,
        "downloads": {
            "csv": _link(name, query, format="csv"),
            "json": _link(name, query, format="json"),
            "svg": _link(name, query, format="svg", chart="industries"),
            "png": _link(name, query, format="png", chart="industries"),
        },
    }
    return render(request, "scenario.html", context)


def _next_order(key: str, sort: str, order: str) -> str:
    """A column's link sorts ascending, or flips the order of the column sorted now."""
    return "desc" if key == sort and order == "asc" else "asc"


def _link(name: str, query: list[tuple[str, str]], **extra: str) -> str:
    return f"/scenarios/{name}?" + urlencode([*query, *extra.items()])
