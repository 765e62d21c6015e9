"""The *Sweeps* page (``/sweeps``): uncertainty bands beside a scenario's central values.

Pick a scenario and the parameter to draw (with its range); the page runs a small sweep in a
background process (:mod:`tradewar.web.jobs`, with progress and a Cancel button), then
shows each outcome solved at the central parameters beside the 5%, 50% and 95% quantiles
over the draws. The URL is a permalink (seeded, so the same draws every time);
``format=csv|json`` gives the table, ``format=svg|png&chart=bands`` the chart. Large
sweeps belong to ``tradewar sweep run`` (Dask, Parquet and manifest).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

import pandas as pd  # type: ignore[import-untyped]
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tradewar.errors import InvalidInput, TradewarError
from tradewar.sweeps.charts import VARIABLE_TITLES, band_chart
from tradewar.sweeps.spec import PARAMETER_RANGES, parse_variations
from tradewar.web import runs
from tradewar.web.form_errors import form_error, job_error
from tradewar.web.jobs import Busy, board_of
from tradewar.web.pagekit import (
    chart_response,
    data_response,
    format_problem,
    page_spec,
    render,
)
from tradewar.web.war_pages import bundled_scenario, cancel_job, job_status

router = APIRouter(include_in_schema=False)

#: The most draws a page runs (a few seconds each ten); more with ``tradewar sweep run``.
MAX_PAGE_DRAWS = 200
DEFAULT_RANGES = {"epsilon": (3.0, 7.0), "psi": (0.0, 0.3), "kappa": (0.2, 1.0),
                  "passthrough": (0.6, 1.0), "tariff_scale": (0.5, 1.5)}  # fmt: skip
COLUMNS = ("scenario", "iso3", "is_group", "variable", "unit", "value", "q05", "q50", "q95",
           "mean", "draws", "failed")  # fmt: skip


def _query(params: dict[str, Any]) -> list[tuple[str, str]]:
    name, bounds = params["vary"][0].split("=", 1)
    low, high = bounds.split(":", 1)
    pairs = [("scenario", params["scenario"]), ("param", name), ("low", low), ("high", high)]
    pairs += [("extra", v) for v in params["vary"][1:]]
    return [*pairs, ("draws", str(params["draws"])), ("seed", str(params["seed"]))]


#: The form's labels: how the page names an input at fault.
LABELS = {"scenario": "Scenario", "vary": "Parameters drawn", "draws": "Draws", "seed": "Seed",
          "variable": "Chart variable"}  # fmt: skip


@router.get("/sweeps", response_class=HTMLResponse)
def sweeps_page(
    request: Request,
    scenario: Annotated[str, Query(max_length=80)] = "geneva-truce",
    param: Annotated[str, Query(max_length=40)] = "epsilon",
    low: Annotated[float | None, Query()] = None,
    high: Annotated[float | None, Query()] = None,
    extra: Annotated[list[str] | None, Query(max_length=120)] = None,
    draws: Annotated[int, Query(ge=2, le=MAX_PAGE_DRAWS)] = 40,
    seed: Annotated[int, Query(ge=0)] = 1,
    variable: Annotated[str, Query(max_length=40)] = "welfare",
    run: Annotated[bool, Query()] = False,
    cancelled: Annotated[bool, Query()] = False,
    fmt: Annotated[str, Query(alias="format", max_length=10)] = "html",
    chart: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """A small sweep's bands beside the scenario's central values."""
    state = request.app.state.web
    default_low, default_high = DEFAULT_RANGES.get(param, (0.0, 1.0))
    low = default_low if low is None else low
    high = default_high if high is None else high
    extras = [e.strip() for e in extra or [] if e.strip()]
    context: dict[str, Any] = {
        "scenario": scenario, "param": param, "low": low, "high": high, "extra": extras,
        "draws": draws, "seed": seed, "variable": variable, "cancelled": cancelled,
        "catalogue": state.scenarios.list(), "parameters": PARAMETER_RANGES,
        "variables": VARIABLE_TITLES,
    }  # fmt: skip
    try:
        bundled_scenario(state, "scenario", scenario)
        vary = [f"{param}={low:g}:{high:g}", *extras]
        parse_variations(vary)  # checked here; the run (a child process) reads them again
        if variable not in VARIABLE_TITLES:
            raise InvalidInput(
                f"{variable!r}; expected one of {', '.join(VARIABLE_TITLES)}.", field="variable"
            )
        problem = format_problem(fmt, chart, ("bands",))
        if problem:
            raise InvalidInput(problem)
    except TradewarError as err:
        message, status = form_error(err, LABELS)
        return render(request, "sweeps.html", context | {"error": message}, status)
    if not run:
        return render(request, "sweeps.html", context)
    params = {"scenario": scenario, "vary": vary, "draws": draws, "seed": seed, "countries": []}
    try:
        job = board_of(request.app.state, state.settings).start("sweep", runs.small_sweep, params)
    except Busy as err:  # 503: the server is busy, the request is fine
        return render(request, "sweeps.html", context | {"error": str(err)}, 503)
    except TradewarError as err:
        message, status = form_error(err, LABELS)
        return render(request, "sweeps.html", context | {"error": message}, status)
    query = [*_query(params), ("variable", variable), ("run", "1")]
    context |= {"job": job, "permalink": "/sweeps?" + urlencode(query)}
    if job.status == "failed":
        return render(request, "sweeps.html", context | {"error": job_error(job, LABELS)}, 422)
    if job.status != "done" or job.result is None:  # 202: accepted, still running
        return render(request, "sweeps.html", context, 202)
    result = job.result
    rows = result["rows"]
    if fmt in ("csv", "json"):
        extra_json = {k: result[k] for k in ("notes", "failed_draws", "manifest")}
        return data_response(rows, COLUMNS, fmt, f"sweep-{scenario}", extra_json)
    spec = page_spec(band_chart(pd.DataFrame(rows), variable))
    if fmt in ("svg", "png"):
        return chart_response(spec, fmt, f"sweep-{scenario}-{variable}")
    context |= {
        "result": result,
        "rows": rows,
        "spec": spec,
        "downloads": {
            "csv": "/sweeps?" + urlencode([*query, ("format", "csv")]),
            "json": "/sweeps?" + urlencode([*query, ("format", "json")]),
            "svg": "/sweeps?" + urlencode([*query, ("format", "svg"), ("chart", "bands")]),
            "png": "/sweeps?" + urlencode([*query, ("format", "png"), ("chart", "bands")]),
        },
    }
    return render(request, "sweeps.html", context)


@router.get("/sweeps/jobs/{job_id}", response_class=HTMLResponse)
def sweep_job(request: Request, job_id: str) -> Response:
    """The sweep's status box (htmx polls it); when finished, htmx reloads the page."""
    return job_status(request, job_id, "/sweeps")


@router.post("/sweeps/jobs/{job_id}/cancel", response_class=RedirectResponse)
def cancel_sweep_job(request: Request, job_id: str) -> Response:
    """Stop the sweep and go back to the form with its parameters."""
    return cancel_job(request, job_id, "/sweeps", _query)
