"""The *War and talks* page (``/war``): Nash tariff wars and the bargaining between two players.

``/war?players=USA&players=CHN&base=prewar&mode=talks&run=1`` is a permalink: opening it
starts the run in a background process (:mod:`tradewar.web.jobs`), or joins the one going,
or shows the finished result. While it runs the page shows the elapsed time, the steps done
(best responses, frontier points) and a Cancel button; with JavaScript htmx polls
``/war/jobs/{id}`` and loads the result when it is there, without it the page has a "check
again" link. ``format=csv|json`` gives the tables,
``format=svg|png&chart=deal`` the deal chart.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tradewar.codes.rates import players as parse_players
from tradewar.errors import InvalidInput, TradewarError
from tradewar.web import runs
from tradewar.web.form_errors import form_error, job_error
from tradewar.web.jobs import Busy, Job, board_of
from tradewar.web.pagekit import (
    chart_response,
    data_response,
    format_problem,
    page_spec,
    render,
)

router = APIRouter(include_in_schema=False)

MODES = {"talks": "Talks between two players (threat point, deal)", "war": "Nash tariff war"}
SCOPES = {
    "bilateral": "one rate on each other player",
    "uniform": "one rate on every other player",
    "discriminatory": "one rate per exporting country",
}
CHARTS = ("deal",)
TABLE_COLUMNS = ("table", "player", "lever", "round", "value", "unit")


def _players(values: list[str] | None) -> list[str]:
    """Players from repeated ``players=`` and comma lists, upper-cased, in order."""
    found = [p.strip() for v in values or [] for p in v.replace(";", ",").split(",")]
    return list(dict.fromkeys(p.upper() if len(p) <= 3 else p for p in found if p))


#: The form's labels: how the page names an input at fault.
LABELS = {"players": "Players", "base": "Base scenario", "mode": "Run",
          "scope": "Tariffs of a war"}  # fmt: skip


def bundled_scenario(state: Any, field: str, name: str) -> None:
    """Check that ``name`` is a bundled scenario (a page never reads a path it is given)."""
    known = [s.name for s in state.scenarios.list()]
    if name not in known:
        raise InvalidInput(
            f"unknown scenario {name!r}; expected one of {', '.join(known)}.", field=field
        )


def _params(players: list[str], base: str, mode: str, scope: str) -> dict[str, Any]:
    """The run's parameters, parsed: players as ISO3 codes (or EU); checked before a run
    starts, so that a slip is named on the form rather than after a background start."""
    if mode not in MODES:
        raise InvalidInput(f"{mode!r}; expected one of {', '.join(MODES)}.", field="mode")
    if scope not in SCOPES:
        raise InvalidInput(f"{scope!r}; expected one of {', '.join(SCOPES)}.", field="scope")
    codes = list(parse_players(players))
    if len(codes) < 2:
        raise InvalidInput(f"got {codes}; expected at least two players.", field="players")
    if mode == "talks" and len(codes) != 2:
        raise InvalidInput(f"got {codes}; talks are between two players.", field="players")
    return {"players": codes, "base": base, "mode": mode, "scope": scope}


def _query(params: dict[str, Any]) -> list[tuple[str, str]]:
    return [("players", p) for p in params["players"]] + [
        ("base", params["base"]),
        ("mode", params["mode"]),
        ("scope", params["scope"]),
    ]


@router.get("/war", response_class=HTMLResponse)
def war_page(
    request: Request,
    players: Annotated[list[str] | None, Query(max_length=60)] = None,
    base: Annotated[str, Query(max_length=80)] = "prewar",
    mode: Annotated[str, Query(max_length=20)] = "talks",
    scope: Annotated[str, Query(max_length=20)] = "bilateral",
    run: Annotated[bool, Query()] = False,
    cancelled: Annotated[bool, Query()] = False,
    fmt: Annotated[str, Query(alias="format", max_length=10)] = "html",
    chart: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """Players and base scenario in; the deal chart and the Nash tables out."""
    state = request.app.state.web
    chosen = _players(players) or ["USA", "CHN"]
    context: dict[str, Any] = {
        "players": ", ".join(chosen),
        "base": base,
        "mode": mode,
        "scope": scope,
        "modes": MODES,
        "scopes": SCOPES,
        "catalogue": state.scenarios.list(),
        "cancelled": cancelled,
    }
    try:
        params = _params(chosen, base, mode, scope)
        bundled_scenario(state, "base", base)
    except TradewarError as err:
        message, status = form_error(err, LABELS)
        return render(request, "war.html", context | {"error": message}, status)
    problem = format_problem(fmt, chart, CHARTS)
    if problem:
        return render(request, "war.html", context | {"error": problem}, 422)
    if not run:
        return render(request, "war.html", context)
    try:
        job = board_of(request.app.state, state.settings).start("war", runs.war_or_talks, params)
    except Busy as err:  # 503: the server is busy, the request is fine
        return render(request, "war.html", context | {"error": str(err)}, 503)
    except TradewarError as err:
        message, status = form_error(err, LABELS)
        return render(request, "war.html", context | {"error": message}, status)
    permalink = "/war?" + urlencode([*_query(params), ("run", "1")])
    context |= {"job": job, "permalink": permalink}
    if job.status == "failed":
        return render(request, "war.html", context | {"error": job_error(job, LABELS)}, 422)
    if job.status != "done" or job.result is None:  # 202: accepted, still running
        return render(request, "war.html", context, 202)
    result = job.result
    rows = table_rows(result)
    if fmt in ("csv", "json"):
        return data_response(rows, TABLE_COLUMNS, fmt, f"war-{'-'.join(chosen)}", result)
    spec = deal_spec(result) if "threat" in result else None
    if fmt in ("svg", "png"):
        if spec is None:
            message = "chart: a war has no deal chart; pick mode=talks."
            return render(request, "war.html", context | {"error": message}, 422)
        return chart_response(spec, fmt, f"deal-{'-'.join(chosen)}")
    query = [*_query(params), ("run", "1")]
    context |= {
        "result": result,
        "war": result["war"],
        "spec": spec,
        "downloads": _downloads(query, with_chart=spec is not None),
    }
    return render(request, "war.html", context)


def _downloads(query: list[tuple[str, str]], with_chart: bool) -> dict[str, str]:
    links = {f: "/war?" + urlencode([*query, ("format", f)]) for f in ("csv", "json")}
    if with_chart:
        for f in ("svg", "png"):
            links[f] = "/war?" + urlencode([*query, ("format", f), ("chart", "deal")])
    return links


@router.get("/war/jobs/{job_id}", response_class=HTMLResponse)
def war_job(request: Request, job_id: str) -> Response:
    """The run's status box (htmx polls it); when finished, htmx loads the result page."""
    return job_status(request, job_id, "/war")


@router.post("/war/jobs/{job_id}/cancel", response_class=RedirectResponse)
def cancel_war_job(request: Request, job_id: str) -> Response:
    """Stop the run and go back to the form with its parameters."""
    return cancel_job(request, job_id, "/war", _query)


def job_status(request: Request, job_id: str, page: str) -> Response:
    """A run's status box; when it has finished, tell htmx to load the page with the result."""
    state = request.app.state.web
    job = board_of(request.app.state, state.settings).get(job_id)
    if job is None:
        return render(request, "_job.html", {"job": None, "page": page}, 404)
    if job.status != "running":
        response = Response(status_code=204)
        response.headers["HX-Refresh"] = "true"
        return response
    return render(request, "_job.html", {"job": job, "page": page})


def cancel_job(request: Request, job_id: str, page: str, query: Any) -> Response:
    """Cancel ``job_id`` and redirect to ``page`` with its parameters (no ``run``)."""
    state = request.app.state.web
    job: Job | None = board_of(request.app.state, state.settings).cancel(job_id)
    if job is None:
        return RedirectResponse(page, status_code=303)
    return RedirectResponse(
        f"{page}?" + urlencode([*query(job.params), ("cancelled", "1")]), status_code=303
    )


def table_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every number of a war (and talks) result as tidy rows: table, player, lever, value."""
    war = result["war"]
    rows: list[dict[str, Any]] = []
    for player, levers in war["nash_tariffs_pct"].items():
        for lever, rate in levers.items():
            rows.append({"table": "nash_tariff", "player": player, "lever": lever,
                         "value": rate, "unit": "percent"})  # fmt: skip
    for player, welfare in war["welfare_pct"].items():
        rows.append({"table": "nash_welfare", "player": player, "value": welfare,
                     "unit": "percent change"})  # fmt: skip
    for step in war["convergence"]["steps"]:
        for lever, rate in step["rates_pct"].items():
            rows.append({"table": "best_response", "player": step["player"], "lever": lever,
                         "round": step["round"], "value": rate, "unit": "percent"})  # fmt: skip
    for name in ("threat", "bargaining"):
        if name in result:
            rows.extend(_deal_rows(result[name], name, result["players"]))
    for point in result.get("episodes", []):
        rows.extend(_deal_rows(point, "episode", result["players"]))
    return rows


def _deal_rows(point: dict[str, Any], table: str, players: dict[str, str]) -> list[dict[str, Any]]:
    a, b = players["a"], players["b"]
    return [
        {"table": table, "player": a, "lever": f"{point['label']}: tariff on {b}",
         "value": point["tariff_a_on_b_pct"], "unit": "percent"},
        {"table": table, "player": b, "lever": f"{point['label']}: tariff on {a}",
         "value": point["tariff_b_on_a_pct"], "unit": "percent"},
        {"table": table, "player": a, "lever": f"{point['label']}: welfare",
         "value": point["welfare_a_pct"], "unit": "percent change"},
        {"table": table, "player": b, "lever": f"{point['label']}: welfare",
         "value": point["welfare_b_pct"], "unit": "percent change"},
    ]  # fmt: skip


def deal_spec(result: dict[str, Any]) -> dict[str, Any]:
    """The welfare plane of the talks: frontier, bargaining set, threat point, deal, episodes.

    The bargaining set is the part of the plane where both players do at least as well as
    in the war: above and to the right of the threat point, bounded by the frontier.
    """
    a, b = result["players"]["a"], result["players"]["b"]
    threat, deal = result["threat"], result["bargaining"]

    def row(point: dict[str, Any], kind: str, label: str) -> dict[str, Any]:
        return {
            "kind": kind, "label": label, "wa": point["welfare_a_pct"],
            "wb": point["welfare_b_pct"], "ta": point["tariff_a_on_b_pct"],
            "tb": point["tariff_b_on_a_pct"],
        }  # fmt: skip

    frontier = [row(p, "frontier", "frontier") for p in result["frontier"]]
    points = [row(threat, "threat point (Nash war)", "threat"),
              row(deal, "Nash bargaining deal", "deal")] + [
        row(p, "2025 episode", p["label"]) for p in result["episodes"]]  # fmt: skip
    x = {"field": "wa", "type": "quantitative", "title": f"{a} welfare, % change",
         "scale": {"zero": False}}  # fmt: skip
    y = {"field": "wb", "type": "quantitative", "title": f"{b} welfare, % change",
         "scale": {"zero": False}}  # fmt: skip
    tooltip = [
        {"field": "label", "title": "point"},
        {"field": "wa", "title": f"{a} welfare, %", "format": ".3f"},
        {"field": "wb", "title": f"{b} welfare, %", "format": ".3f"},
        {"field": "ta", "title": f"{a} tariff on {b}, %", "format": ".1f"},
        {"field": "tb", "title": f"{b} tariff on {a}, %", "format": ".1f"},
    ]
    bargaining_set = [
        {**p, "floor": threat["welfare_b_pct"]}
        for p in frontier
        if p["wa"] >= threat["welfare_a_pct"] and p["wb"] >= threat["welfare_b_pct"]
    ]
    spec: dict[str, Any] = {
        "title": f"Talks {a}–{b}: welfare of each side, % change from the factual world",
        "height": 360,
        "layer": [
            {"data": {"values": bargaining_set},
             "mark": {"type": "area", "color": "#c6dbef", "opacity": 0.6, "orient": "vertical"},
             "encoding": {"x": x, "y": y, "y2": {"field": "floor"}}},
            {"data": {"values": frontier},
             "mark": {"type": "line", "color": "#1f4e79", "point": True},
             "encoding": {"x": x, "y": y, "tooltip": tooltip}},
            {"data": {"values": points},
             "mark": {"type": "point", "filled": True, "size": 90},
             "encoding": {"x": x, "y": y, "tooltip": tooltip,
                          "shape": {"field": "kind", "type": "nominal", "title": None},
                          "color": {"field": "kind", "type": "nominal", "title": None,
                                    "scale": {"range": ["#a12a1c", "#1d6b32", "#6b4c9a"]},
                                    "legend": {"orient": "bottom", "columns": 1}}}},
            {"data": {"values": points},
             "mark": {"type": "text", "align": "left", "dx": 7, "dy": -7, "fontSize": 11},
             "encoding": {"x": x, "y": y, "text": {"field": "label", "type": "nominal"}}},
        ],
    }  # fmt: skip
    return page_spec(spec)
