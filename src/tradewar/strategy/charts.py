"""The deal chart: the two sides' welfare plane with the frontier, war, deal and episodes.

A pure Vega-Lite spec built from :func:`tradewar.services.strategy.talks_payload`'s
dict (welfare in percent change from the factual world, tariffs in percent); render it
with :func:`tradewar.charts.render.render` (vl-convert, offline).

Two panels share the axes' meaning: the whole plane, where the escalation episodes lie far
from the war and the deals, and a zoom on the bargaining set (the deals that beat the war
for both sides: above and to the right of the dashed lines through the threat point).
Every point is labelled with its bilateral tariffs, so the PNG needs no tooltips.
"""

from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"

#: Point kinds, their colours (colour-blind safe, Okabe–Ito) and shapes.
FRONTIER = "efficiency frontier"
THREAT = "Nash war (threat point)"
BARGAINING = "Nash bargaining solution"
EPISODE = "actual episode"
COLOURS: dict[str, str] = {
    FRONTIER: "#0072B2",
    THREAT: "#D55E00",
    BARGAINING: "#009E73",
    EPISODE: "#555555",
}
SHAPES: dict[str, str] = {
    FRONTIER: "circle",
    THREAT: "square",
    BARGAINING: "diamond",
    EPISODE: "triangle-up",
}
#: Margins of the zoom panel around the frontier, threat and deal, shares of their span.
ZOOM_MARGINS = (0.15, 0.15)
#: Margins of the whole plane (left/bottom, right/top): room for labels right of points.
PLANE_MARGINS_X = (0.06, 0.40)
PLANE_MARGINS_Y = (0.06, 0.08)
#: Where a label sits relative to its point: (align, dx, dy) in pixels.
LABEL_PLACES: dict[str, tuple[str, int, int]] = {
    "right_up": ("left", 8, -7),
    "right_down": ("left", 8, 13),
    "left_up": ("right", -8, -7),
    "left_down": ("right", -8, 13),
}
#: Caption under the chart.
SOURCE = (
    "Source: tradewar strategy: Ossa (2014) wars and talks on the general-equilibrium"
    " model of Ignatenko et al. (2025), 2023 data."
)


def _row(point: dict[str, Any], kind: str, name: str) -> dict[str, Any]:
    rates = f"{point['tariff_a_on_b_pct']:.1f}% / {point['tariff_b_on_a_pct']:.1f}%"
    return {
        "kind": kind,
        "name": name,
        "label": f"{name}: {rates}",
        "welfare_a": point["welfare_a_pct"],
        "welfare_b": point["welfare_b_pct"],
        "tariff_a": point["tariff_a_on_b_pct"],
        "tariff_b": point["tariff_b_on_a_pct"],
    }


def _domain(rows: list[dict[str, Any]], field: str, margins: tuple[float, float]) -> list[float]:
    """``[low, high]`` of ``field`` over ``rows``, widened by shares of the span."""
    values = [row[field] for row in rows]
    low, high = min(values), max(values)
    span = max(high - low, 1e-3)
    return [low - margins[0] * span, high + margins[1] * span]


def _end(row: dict[str, Any]) -> dict[str, Any]:
    """A frontier end, labelled with its tariffs."""
    rates = row["label"].split(": ", 1)[1]
    return {**row, "label": f"frontier end: {rates}"}


def _panel(
    title: str,
    a: str,
    b: str,
    labels: dict[str, list[dict[str, Any]]],
    domains: tuple[list[float], list[float]],
    size: tuple[int, int],
) -> dict[str, Any]:
    """One view of the plane; ``labels`` maps a place of :data:`LABEL_PLACES` to rows."""

    def axis(field: str, who: str, domain: list[float]) -> dict[str, Any]:
        return {
            "field": field,
            "type": "quantitative",
            "title": f"{who} welfare, % change from the factual world",
            "scale": {"zero": False, "nice": False, "domain": domain},
        }

    x = axis("welfare_a", a, domains[0])
    y = axis("welfare_b", b, domains[1])
    colour = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": list(COLOURS), "range": list(COLOURS.values())},
        "legend": {"orient": "bottom", "direction": "horizontal"},
    }
    shape = {**colour, "scale": {"domain": list(SHAPES), "range": list(SHAPES.values())}}
    tooltip = [
        {"field": "name", "type": "nominal"},
        {"field": "welfare_a", "type": "quantitative", "title": f"{a} welfare, %", "format": ".3f"},
        {"field": "welfare_b", "type": "quantitative", "title": f"{b} welfare, %", "format": ".3f"},
        {"field": "tariff_a", "type": "quantitative", "title": f"{a} on {b}, %", "format": ".1f"},
        {"field": "tariff_b", "type": "quantitative", "title": f"{b} on {a}, %", "format": ".1f"},
    ]
    guide = {"type": "rule", "strokeDash": [4, 4], "color": "#999999", "clip": True}
    layers: list[dict[str, Any]] = [
        {"data": {"name": "threat"}, "mark": guide, "encoding": {"x": x}},
        {"data": {"name": "threat"}, "mark": guide, "encoding": {"y": y}},
        {
            "data": {"name": "frontier"},
            "mark": {
                "type": "line",
                "strokeWidth": 2,
                "clip": True,
                "point": {"filled": True, "size": 22, "color": COLOURS[FRONTIER]},
            },
            "encoding": {
                "x": x,
                "y": y,
                "order": {"field": "order"},
                "color": colour,
                "tooltip": tooltip,
            },
        },
        {
            "data": {"name": "points"},
            "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1, "clip": True},
            "encoding": {"x": x, "y": y, "color": colour, "shape": shape, "tooltip": tooltip},
        },
    ]
    for place, rows in labels.items():
        align, dx, dy = LABEL_PLACES[place]
        layers.append(
            {
                "data": {"values": rows},
                "mark": {"type": "text", "align": align, "dx": dx, "dy": dy, "fontSize": 11,
                         "clip": True},
                "encoding": {"x": x, "y": y, "text": {"field": "label"}},
            }
        )  # fmt: skip
    return {
        "title": {"text": title, "fontSize": 12, "anchor": "start"},
        "width": size[0],
        "height": size[1],
        "layer": layers,
    }


def deals_spec(payload: dict[str, Any], width: int = 430, height: int = 400) -> dict[str, Any]:
    """Vega-Lite spec of the welfare plane of two players (two panels: all, zoom).

    Parameters
    ----------
    payload : dict
        From :func:`tradewar.services.strategy.talks_payload`.
    width, height : int
        Size of each panel in pixels.
    """
    a, b = payload["players"]["a"], payload["players"]["b"]
    frontier = [
        {**_row(p, FRONTIER, "frontier"), "order": k} for k, p in enumerate(payload["frontier"])
    ]
    threat = _row(payload["threat"], THREAT, "Nash war")
    deal = _row(payload["bargaining"], BARGAINING, "Nash bargaining")
    episodes = [_row(p, EPISODE, p["label"]) for p in payload["episodes"]]
    best_for_a, best_for_b = frontier[0], frontier[-1]
    zoom_labels = {
        "right_down": [threat],
        "left_down": [deal, _end(best_for_a)],
        "right_up": [_end(best_for_b), *episodes],
    }
    core = [*frontier, threat, deal]
    everything = [*core, *episodes]
    zoom = (_domain(core, "welfare_a", ZOOM_MARGINS), _domain(core, "welfare_b", ZOOM_MARGINS))
    plane = (
        _domain(everything, "welfare_a", PLANE_MARGINS_X),
        _domain(everything, "welfare_b", PLANE_MARGINS_Y),
    )
    size = (width, height)
    return {
        "$schema": SCHEMA,
        "title": {
            "text": f"{a}–{b}: where the tariff war ends and the deals both sides prefer",
            "subtitle": [
                f"Every tariff but the two bilateral ones at the '{payload['base']}' scenario's"
                f" values. Labels: {a} tariff on {b} / {b} tariff on {a}.",
                "Deals above and to the right of the dashed lines beat the war for both;"
                " the frontier is efficient among non-negative tariff pairs.",
                SOURCE,
            ],
            "anchor": "start",
        },
        "datasets": {
            "frontier": frontier,
            "points": [threat, deal, *episodes],
            "threat": [threat],
        },
        "hconcat": [
            _panel("The whole plane", a, b, {"right_up": episodes}, plane, size),
            _panel("Zoom: the bargaining set", a, b, zoom_labels, zoom, size),
        ],
        "resolve": {"legend": {"color": "shared", "shape": "shared"}},
        "config": {"view": {"stroke": None}, "concat": {"spacing": 40}},
    }
