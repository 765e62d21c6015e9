"""Vega-Lite charts of a supply run: pure spec builders, rendered by :mod:`tradewar.charts.render`.

* :func:`output_spec`: a product's output as a share of baseline by week, one line per
  country (central run) with its p10–p90 Monte Carlo band, and dashed rules at the dates
  stoppages were reported;
* :func:`availability_spec`: arrivals of an input (e.g. magnets) in each buying country
  as a share of its baseline need, by week, with bands;
* :func:`stops_spec`: weeks until a product's lines stop, by country: a bar for the
  central run, a rule for the p10–p90 range, and the week a stoppage was reported.

The specs take the JSON-ready dict of a run (``SupplyRun.to_dict()``), so the same spec can
be served by an API and rendered in a browser with vega-embed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tradewar.errors import InvalidInput

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: Upper end of the share axis unless a band goes higher (restocking overshoots).
SHARE_AXIS_TOP = 1.25


def _nodes_of(run: dict[str, Any], product: str) -> list[str]:
    labels = [label for label in run["series"] if label.split("@")[0] == product]
    if not labels:
        products = sorted({label.split("@")[0] for label in run["series"]})
        raise InvalidInput(f"{product!r} is not in this run; expected one of {products}",
                           field="product")  # fmt: skip
    return labels


def _band_rows(
    run: dict[str, Any], series: dict[str, dict[str, list[float]]], separator: str
) -> list[dict[str, Any]]:
    """One row per (week, country) of ``series`` keyed ``thing<separator>COUNTRY``."""
    start = date.fromisoformat(run["start"])
    rows = []
    for label, values in series.items():
        for week, central in enumerate(values["central"]):
            rows.append(
                {
                    "week_of": (start + timedelta(days=7 * week)).isoformat(),
                    "country": label.split(separator)[1],
                    "central": central,
                    "p10": values["p10"][week],
                    "p90": values["p90"][week],
                }
            )
    return rows


def _band_chart(
    rows: list[dict[str, Any]], title: str, subtitle: list[str], y_title: str
) -> dict[str, Any]:
    """Step lines of the central run over p10–p90 bands, coloured by country."""
    top = max([SHARE_AXIS_TOP, *(row["p90"] for row in rows)])
    x = {"field": "week_of", "type": "temporal", "title": None}
    color = {"field": "country", "type": "nominal", "title": "Country"}
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": subtitle},
        "width": 640,
        "height": 320,
        "data": {"values": rows},
        "layer": [
            {
                "mark": {"type": "area", "opacity": 0.18, "interpolate": "step-after"},
                "encoding": {
                    "x": x,
                    "y": {"field": "p10", "type": "quantitative", "title": y_title,
                          "axis": {"format": "%"}, "scale": {"domain": [0, top]}},
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


def _draws_line(run: dict[str, Any]) -> str:
    return (
        f"{run['title']} — central run, band p10–p90 of {run['draws']} draws (seed {run['seed']})"
    )


def output_spec(run: dict[str, Any], product: str) -> dict[str, Any]:
    """Output share of baseline over time for one product, by country, with bands."""
    labels = _nodes_of(run, product)
    rows = _band_rows(run, {label: run["series"][label] for label in labels}, "@")
    reported = [
        {"week_of": c["reported_on"], "country": c["country"], "what": c["what"]}
        for c in run.get("reported_vs_model", [])
        if c["product"] == product
    ]
    subtitle = [_draws_line(run)]
    if reported:
        subtitle.append("dashed lines: stoppages reported at the time, by country")
    spec = _band_chart(rows, f"{product}: output as a share of baseline", subtitle,
                       "share of baseline output")  # fmt: skip
    spec["layer"].append(
        {
            "data": {"values": reported},
            "mark": {"type": "rule", "strokeDash": [5, 3], "strokeWidth": 1.5},
            "encoding": {
                "x": {"field": "week_of", "type": "temporal"},
                "color": {"field": "country", "type": "nominal"},
                "tooltip": [{"field": "what"}],
            },
        }
    )
    return spec


def availability_spec(run: dict[str, Any], product: str) -> dict[str, Any]:
    """Arrivals of ``product`` as an input, by buying country, over its baseline need."""
    series = {k: v for k, v in run["availability"].items() if k.split("->")[0] == product}
    if not series:
        inputs = sorted({key.split("->")[0] for key in run["availability"]})
        raise InvalidInput(
            f"{product!r} is no input in this run; expected one of {inputs}", field="product"
        )
    rows = _band_rows(run, series, "->")
    title = f"{product}: arrivals in each buying country as a share of baseline need"
    return _band_chart(rows, title, [_draws_line(run)], "share of baseline need")


def _stop_label(stop_week: float | None, stopped_share: float) -> str:
    central = "no stop in the central run" if stop_week is None else f"week {stop_week:g}"
    return f"{central}; {stopped_share:.0%} of draws stop"


def stops_spec(run: dict[str, Any], product: str) -> dict[str, Any]:
    """Weeks until a product's lines stop (output < 50% of baseline), by country.

    A bar for the central run, a rule for the p10–p90 range of the draws that stop, a
    diamond at the week a stoppage was reported (when the scenario lists one), and a
    label with the share of draws that stop at all.
    """
    wanted = set(_nodes_of(run, product))
    reported = {
        c["country"]: c["reported_week"]
        for c in run.get("reported_vs_model", [])
        if c["product"] == product
    }
    rows = []
    for node in run["nodes"]:
        if f"{node['product']}@{node['country']}" not in wanted:
            continue
        low, _, high = node["stop_week_p10_p50_p90"]
        marks = [v for v in (node["stop_week"], high, reported.get(node["country"])) if v]
        rows.append(
            {
                "country": node["country"],
                "stop_week": node["stop_week"],
                "p10": low,
                "p90": high,
                "stopped_share": node["stopped_share_of_draws"],
                "reported_week": reported.get(node["country"]),
                "label_at": max(marks, default=0.0),
                "label": _stop_label(node["stop_week"], node["stopped_share_of_draws"]),
            }
        )
    y = {"field": "country", "type": "nominal", "sort": {"field": "stop_week"}, "title": None}
    subtitle = [f"{run['title']}",
                "bar: central run; rule: p10–p90 of the draws that stop"
                + ("; diamond: week a stoppage was reported" if reported else "")]  # fmt: skip
    return {
        "$schema": SCHEMA,
        "title": {
            "text": f"{product}: weeks until lines stop (output < 50% of baseline)",
            "subtitle": subtitle,
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
            {
                "mark": {"type": "point", "shape": "diamond", "size": 120, "filled": True,
                         "color": "#d62728"},
                "encoding": {"y": y, "x": {"field": "reported_week", "type": "quantitative"},
                             "tooltip": [{"field": "country"}, {"field": "reported_week"}]},
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 11},
                "encoding": {"y": y, "x": {"field": "label_at", "type": "quantitative"},
                             "text": {"field": "label"}},
            },
        ],
    }  # fmt: skip
