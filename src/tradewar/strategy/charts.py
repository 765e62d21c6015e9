"""The deal chart: the two sides' welfare plane with the frontier, war, deal and episodes.

A pure Vega-Lite spec built from :func:`tradewar.services.strategy.talks_payload`'s
dict (welfare in percent change from the factual world); render it with
:func:`tradewar.charts.render.render` (vl-convert, offline).
"""

from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"

#: Colours of the point kinds (colour-blind safe, Okabe–Ito).
COLOURS: dict[str, str] = {
    "frontier": "#0072B2",
    "Nash war (threat point)": "#D55E00",
    "Nash bargaining solution": "#009E73",
    "actual episode": "#555555",
}


def _row(point: dict[str, Any], kind: str, name: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "name": name,
        "welfare_a": point["welfare_a_pct"],
        "welfare_b": point["welfare_b_pct"],
        "tariff_a": point["tariff_a_on_b_pct"],
        "tariff_b": point["tariff_b_on_a_pct"],
    }


def deals_spec(payload: dict[str, Any], width: int = 560, height: int = 420) -> dict[str, Any]:
    """Vega-Lite spec of the welfare plane of two players.

    Parameters
    ----------
    payload : dict
        From :func:`tradewar.services.strategy.talks_payload`.
    width, height : int
        Plot size in pixels.
    """
    a, b = payload["players"]["a"], payload["players"]["b"]
    frontier = [
        {**_row(p, "frontier", "frontier"), "order": k} for k, p in enumerate(payload["frontier"])
    ]
    points = [
        _row(payload["threat"], "Nash war (threat point)", "Nash war"),
        _row(payload["bargaining"], "Nash bargaining solution", "bargaining"),
        *(_row(p, "actual episode", p["label"]) for p in payload["episodes"]),
    ]
    tooltip = [
        {"field": "name", "type": "nominal"},
        {"field": "welfare_a", "type": "quantitative", "title": f"{a} welfare, %", "format": ".3f"},
        {"field": "welfare_b", "type": "quantitative", "title": f"{b} welfare, %", "format": ".3f"},
        {"field": "tariff_a", "type": "quantitative", "title": f"{a} on {b}, %", "format": ".1f"},
        {"field": "tariff_b", "type": "quantitative", "title": f"{b} on {a}, %", "format": ".1f"},
    ]
    x = {"field": "welfare_a", "type": "quantitative", "title": f"{a} welfare, % change",
         "scale": {"zero": False}}  # fmt: skip
    y = {"field": "welfare_b", "type": "quantitative", "title": f"{b} welfare, % change",
         "scale": {"zero": False}}  # fmt: skip
    colour = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": list(COLOURS), "range": list(COLOURS.values())},
        "legend": {"orient": "bottom"},
    }
    return {
        "$schema": SCHEMA,
        "title": {
            "text": f"{a}–{b}: war, talks and the deals both sides prefer",
            "subtitle": f"Welfare vs the factual world; other tariffs at '{payload['base']}'."
            " Frontier: efficient bilateral tariff pairs that beat the war for both.",
            "anchor": "start",
        },
        "width": width,
        "height": height,
        "config": {"view": {"stroke": None}},
        "layer": [
            {
                "data": {"values": frontier},
                "mark": {"type": "line", "point": True, "strokeWidth": 2},
                "encoding": {
                    "x": x,
                    "y": y,
                    "order": {"field": "order"},
                    "color": colour,
                    "tooltip": tooltip,
                },
            },
            {
                "data": {"values": points},
                "mark": {"type": "point", "filled": True, "size": 90},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": colour,
                    "tooltip": tooltip,
                    "shape": {"field": "kind", "type": "nominal", "legend": None},
                },
            },
            {
                "data": {"values": points},
                "mark": {"type": "text", "align": "left", "dx": 7, "dy": -6, "fontSize": 11},
                "encoding": {"x": x, "y": y, "text": {"field": "name"}},
            },
        ],
    }
