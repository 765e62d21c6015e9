"""Vega-Lite charts of a supply run (pure spec builders) and rendering with vl-convert.

* :func:`availability_spec`: a product's output share of baseline by week, one line per
  country (central run) with its p10–p90 Monte Carlo band.
* :func:`stops_spec`: weeks until a product's lines stop, by country: a bar for the
  central run and a rule for the p10–p90 range.

The specs take the JSON-ready dict of a run (``SupplyRun.to_dict()``), so the same spec can
be served by an API and rendered in a browser with vega-embed.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tradewar.errors import DataUnavailable, InvalidInput

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def _nodes_of(run: dict[str, Any], product: str) -> list[str]:
    labels = [label for label in run["series"] if label.split("@")[0] == product]
    if not labels:
        products = sorted({label.split("@")[0] for label in run["series"]})
        raise InvalidInput(f"--product {product!r} is not in this run; expected one of {products}")
    return labels


def availability_spec(run: dict[str, Any], product: str) -> dict[str, Any]:
    """Output share of baseline over time for one product, by country, with bands."""
    start = date.fromisoformat(run["start"])
    rows = []
    for label in _nodes_of(run, product):
        series = run["series"][label]
        for week, central in enumerate(series["central"]):
            rows.append(
                {
                    "week_of": (start + timedelta(days=7 * week)).isoformat(),
                    "country": label.split("@")[1],
                    "central": central,
                    "p10": series["p10"][week],
                    "p90": series["p90"][week],
                }
            )
    x = {"field": "week_of", "type": "temporal", "title": None}
    color = {"field": "country", "type": "nominal", "title": "Country"}
    return {
        "$schema": SCHEMA,
        "title": {
            "text": f"{product}: output as a share of baseline",
            "subtitle": f"{run['title']} — central run, band p10–p90 of {run['draws']} draws "
            f"(seed {run['seed']})",
        },
        "width": 640,
        "height": 320,
        "data": {"values": rows},
        "layer": [
            {
                "mark": {"type": "area", "opacity": 0.18},
                "encoding": {
                    "x": x,
                    "y": {"field": "p10", "type": "quantitative", "title": "share of baseline",
                          "axis": {"format": "%"}, "scale": {"domain": [0, 1.25]}},
                    "y2": {"field": "p90"},
                    "color": color,
                },
            },
            {
                "mark": {"type": "line", "interpolate": "step-after"},
                "encoding": {"x": x, "y": {"field": "central", "type": "quantitative"},
                             "color": color},
            },
        ],
    }  # fmt: skip


def stops_spec(run: dict[str, Any], product: str) -> dict[str, Any]:
    """Weeks until a product's lines stop (output < 50% of baseline), by country."""
    wanted = set(_nodes_of(run, product))
    rows = []
    for node in run["nodes"]:
        if f"{node['product']}@{node['country']}" not in wanted:
            continue
        low, _, high = node["stop_week_p10_p50_p90"]
        rows.append(
            {
                "country": node["country"],
                "stop_week": node["stop_week"],
                "p10": low,
                "p90": high,
                "stopped_share": node["stopped_share_of_draws"],
            }
        )
    y = {"field": "country", "type": "nominal", "sort": {"field": "stop_week"}, "title": None}
    return {
        "$schema": SCHEMA,
        "title": {
            "text": f"{product}: weeks until lines stop (output < 50% of baseline)",
            "subtitle": f"{run['title']} — bar: central run; rule: p10–p90 of stopped draws",
        },
        "width": 520,
        "height": {"step": 28},
        "data": {"values": rows},
        "layer": [
            {
                "mark": "bar",
                "encoding": {
                    "y": y,
                    "x": {"field": "stop_week", "type": "quantitative",
                          "title": f"weeks after {run['start']}"},
                    "tooltip": [{"field": "country"}, {"field": "stop_week"},
                                {"field": "stopped_share", "format": ".0%"}],
                },
            },
            {
                "mark": {"type": "rule", "strokeWidth": 2, "color": "black"},
                "encoding": {"y": y, "x": {"field": "p10", "type": "quantitative"},
                             "x2": {"field": "p90"}},
            },
        ],
    }  # fmt: skip


def render(spec: dict[str, Any], out: Path) -> Path:
    """Write a spec as PNG or SVG (by the file's suffix) with vl-convert.

    Raises
    ------
    InvalidInput
        If the suffix is not ``.png`` or ``.svg``.
    DataUnavailable
        If vl-convert-python is not installed (``pip install 'tradewar[supply]'``).
    """
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InvalidInput(f"--out {out}: suffix {suffix!r}; expected .png or .svg")
    try:
        import vl_convert  # type: ignore[import-not-found,unused-ignore]
    except ImportError as err:
        raise DataUnavailable(
            "rendering charts needs vl-convert-python, which is not installed; "
            "pip install 'tradewar[supply]'"
        ) from err
    if suffix == ".png":
        out.write_bytes(vl_convert.vegalite_to_png(spec, scale=2))
    else:
        out.write_text(vl_convert.vegalite_to_svg(spec), encoding="utf-8")
    return out
