"""What every dashboard page shares: the templates, error text in web terms, downloads.

A page answers its own permalink in several formats through one query parameter,
``format``: ``html`` (the page), ``csv`` and ``json`` (its table), ``svg`` and ``png``
(one of its charts, picked by ``chart``). So each download is the page's URL plus a
parameter, and the HTML, the data and the chart always agree.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from tradewar.codes.countries import country_name
from tradewar.errors import TradewarError
from tradewar.model.outcomes import OUTCOMES
from tradewar.model.results import GROUP_NAMES
from tradewar.web.problems import ProblemError
from tradewar.web.tabular import csv_response

templates = Jinja2Templates(directory=str(files("tradewar.web") / "templates"))

#: Formats a page answers besides HTML.
DATA_FORMATS = ("csv", "json")
CHART_FORMATS = ("svg", "png")
#: Width a chart drawn at the container's width gets when rendered on the server (pixels).
EXPORT_WIDTH = 760


def pct(value: Any, digits: int = 2, sign: bool = True) -> str:
    """A percent value for display; a dash for missing values, no sign on a rounded zero.

    >>> pct(1.0912), pct(-0.5), pct(-0.0004), pct(145.0, 1, sign=False), pct(None)
    ('+1.09%', '−0.50%', '0.00%', '145.0%', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(float(value), digits) == 0:  # -0.0004 is "0.00%", not "−0.00%"
        return f"{0.0:.{digits}f}%"
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    return text.replace("-", "−") + "%"


def display_country(code: str) -> str:
    """A country's or group's name for display; the code itself when unknown."""
    if code in GROUP_NAMES:
        names = {"EU": "European Union", "RoW": "Rest of the world", "world": "World"}
        return names.get(code, code)
    try:
        return country_name(code)
    except TradewarError:
        return code


#: Changes smaller than this (percent or points) are not coloured.
COLOUR_THRESHOLD = 0.005


def tone(variable: str, value: float | None) -> str:
    """``good``, ``bad`` or ``""`` for a change of ``variable`` by ``value``.

    >>> tone("prices", -1.2), tone("prices", 0.8), tone("welfare", 0.3), tone("deficit", 5.0)
    ('good', 'bad', 'good', '')
    """
    outcome = OUTCOMES.get(variable)  # which way is good: the outcome registry
    if outcome is None or value is None or abs(value) < COLOUR_THRESHOLD or value != value:
        return ""
    reading = outcome.tone(value)
    return "" if reading == "neutral" else reading


def points(value: Any, digits: int = 2) -> str:
    """A difference in percentage points for display.

    >>> points(0.4567), points(-2.0), points(None)
    ('+0.46 pp', '−2.00 pp', '–')
    """
    text = pct(value, digits)
    return text if text == "–" else text.removesuffix("%") + " pp"


templates.env.filters["pct"] = pct
templates.env.filters["points"] = points
templates.env.globals["country_name"] = display_country
templates.env.globals["tone"] = tone


def today() -> date:
    """Today's date in UTC: what the dashboard shows when no date is asked for."""
    return datetime.now(UTC).date()


def problem_text(err: Exception, labels: Mapping[str, str] | None = None) -> tuple[str, int]:
    """(message, HTTP status) of an error raised while building a page.

    An error that names its field (``err.field``, a service parameter) is named by the
    page's label for it (``labels``: ``{"on": "Date"}``), else by the field itself; no
    message names a CLI option (``tests/test_service_boundary.py``), so none is rewritten.
    """
    if isinstance(err, TradewarError):
        label = (labels or {}).get(err.field, err.field) if err.field else None
        return err.named(label), ProblemError.from_error(err).problem.status
    if isinstance(err, ProblemError):
        field, detail = err.problem.field, err.problem.detail
        if field and not re.match(rf"{re.escape(field)}\b", detail) and ": " not in detail[:30]:
            detail = f"{field}: {detail}"
        return detail, err.problem.status
    raise err


def render(
    request: Request, template: str, context: Mapping[str, Any], status: int = 200
) -> HTMLResponse:
    """A page of ``template`` (its name, less ``.html``, marks the navigation)."""
    page = template.removesuffix(".html")
    return templates.TemplateResponse(
        request, template, {"page": page, **context}, status_code=status
    )


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML page of an error outside any page's form (404, a malformed query)."""
    return render(request, "error.html", {"error": message, "status": status}, status)


# ---------------------------------------------------------------------- charts


#: The schema of the vendored Vega-Lite runtime (``static/vendor/vega-lite.min.js``, 6.x):
#: a spec naming another major version makes vega-embed warn in the console.
PAGE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def page_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """A spec as the page draws it: the runtime's schema, at the container's width."""
    return fit_to_container({**spec, "$schema": PAGE_SCHEMA})


def fit_to_container(spec: dict[str, Any]) -> dict[str, Any]:
    """A single-view or layered spec drawn at its container's width.

    Concatenated views (maps beside bars) keep their widths; the page scales their SVG
    down to the screen (``app.css``). Vega-Lite supports ``"container"`` only at the top.
    """
    if any(key in spec for key in ("vconcat", "hconcat", "concat", "facet", "repeat")):
        return spec
    if _has_discrete_y(spec):  # Vega-Lite warns when it sizes a view with banded rows
        return spec
    fitted = dict(spec)
    fitted["width"] = "container"  # Vega-Lite then fits the width only ("fit-x")
    if "layer" in fitted:
        fitted["layer"] = [_clipped_text(layer) for layer in fitted["layer"]]
    if "title" in fitted:  # a long title or subtitle would squeeze the plot the same way
        title = fitted["title"]
        title = dict(title) if isinstance(title, dict) else {"text": title}
        fitted["title"] = {**title, "limit": {"expr": "width"}}  # cut with "…" at the plot
    return fitted


def _clipped_text(layer: dict[str, Any]) -> dict[str, Any]:
    """A text layer clipped to the plot: a label running past the edge would otherwise count
    in the chart's size, and fitting to a phone's width would squeeze the plot to nothing."""
    mark = layer.get("mark")
    if mark == "text" or (isinstance(mark, dict) and mark.get("type") == "text"):
        base = mark if isinstance(mark, dict) else {"type": "text"}
        return {**layer, "mark": {**base, "clip": True}}
    return layer


def _has_discrete_y(spec: dict[str, Any]) -> bool:
    layers = [spec, *spec.get("layer", [])]
    return any(
        layer.get("encoding", {}).get("y", {}).get("type") in ("nominal", "ordinal")
        for layer in layers
    )


def for_export(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` with a fixed width: a file has no container."""
    fixed = copy.deepcopy(spec)
    if fixed.get("width") == "container":
        fixed["width"] = EXPORT_WIDTH
    return fixed


def chart_response(spec: dict[str, Any], fmt: str, filename: str) -> Response:
    """The chart as an SVG or PNG download, rendered on the server (vl-convert)."""
    from tradewar.charts import render as chart_render

    fixed = for_export(_inline_static_data(spec))
    if fmt == "svg":
        return Response(
            chart_render.to_svg(fixed),
            media_type="image/svg+xml",
            headers={"Content-Disposition": f'attachment; filename="{filename}.svg"'},
        )
    return Response(
        chart_render.to_png(fixed),
        media_type="image/png",
        headers={"Content-Disposition": f'attachment; filename="{filename}.png"'},
    )


def _inline_static_data(node: Any) -> Any:
    """Replace ``/static/...`` data URLs by the file's content (the renderer has no server)."""
    if isinstance(node, dict):
        url = node.get("url")
        if isinstance(url, str) and url.startswith("/static/"):
            path = files("tradewar.web") / url.removeprefix("/")
            rest = {k: v for k, v in node.items() if k != "url"}
            return rest | {"values": json.loads(path.read_text(encoding="utf-8"))}
        return {key: _inline_static_data(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_static_data(item) for item in node]
    return node


# ---------------------------------------------------------------------- data


def data_response(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: str,
    filename: str,
    extra: Mapping[str, Any] | None = None,
) -> Response:
    """A page's table as CSV (``columns``) or JSON (``{"rows": [...], **extra}``)."""
    if fmt == "csv":
        return csv_response(rows, columns, filename)
    payload = {**(extra or {}), "rows": [_jsonable(dict(row)) for row in rows]}
    return Response(
        json.dumps(payload, ensure_ascii=False, default=str),
        media_type="application/json",
    )


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: None if isinstance(value, float) and math.isnan(value) else value
        for key, value in row.items()
    }


def link(path: str, query: Sequence[tuple[str, str]], **extra: str) -> str:
    """``path`` with ``query`` and ``extra`` parameters (a download of the same view)."""
    return f"{path}?{urlencode([*query, *extra.items()])}"


def format_problem(fmt: str, chart: str | None, charts: Sequence[str]) -> str | None:
    """Why ``format``/``chart`` cannot be answered, or None when they can."""
    known = ("html", *DATA_FORMATS, *CHART_FORMATS)
    if fmt not in known:
        return f"format: {fmt!r} is not offered; expected one of {', '.join(known)}."
    if fmt in CHART_FORMATS and chart not in charts:
        return f"chart: {chart!r} is not a chart of this page; expected one of {', '.join(charts)}."
    return None
