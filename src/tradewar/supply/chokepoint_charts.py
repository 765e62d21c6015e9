"""Vega-Lite charts of a chokepoint report (pure spec builders over ``ChokepointRun.to_dict()``).

* :func:`industries_spec`: weekly output share of the stopped industries and of the buyer
  industries that lose most, with a rule where the stop ends;
* :func:`regions_spec`: output lost by region over the horizon, buyers only (the stopped
  industries' own loss is shown apart), in USD million of the table's year.

Render them with :func:`tradewar.charts.render.render`.  Titles name the table and year.
"""

from __future__ import annotations

from typing import Any

from tradewar.supply.charts import SCHEMA


def _stop_line(run: dict[str, Any]) -> str:
    suppliers = "+".join(run["suppliers"])
    where = run["destinations"]
    to = "every other region" if isinstance(where, str) else ", ".join(where)
    return (
        f"{suppliers} {run['industry']} ({run['industry_name']}) exports to {to} stop "
        f"({run['stopped_share']:.0%}) for {run['stop_weeks']} weeks"
    )


def _settings_line(run: dict[str, Any]) -> str:
    substitution = {
        "full": "buyers re-source from other regions",
        "shares": "orders keep baseline supplier shares",
        "none": "no substitute for the stopped input",
    }[run["substitution"]]
    return (
        f"{run['table']}; ARIO, goods inventories {run['inventory_days_goods']:g} days, "
        f"{substitution}"
    )


def industries_spec(run: dict[str, Any], top: int = 8) -> dict[str, Any]:
    """Weekly output share of the stopped industries and the ``top`` buyers that lose most."""
    suppliers = [row for row in run["industries"] if row["role"] == "supplier"]
    buyers = [row for row in run["industries"] if row["role"] == "buyer"][:top]
    rows = []
    for row in [*suppliers, *buyers]:
        label = f"{row['region']} {row['sector']} {row['sector_name'][:28]}"
        if row["role"] == "supplier":
            label += " (stopped)"
        for week, share in enumerate(row["weekly_output_share"]):
            rows.append({"week": week, "industry": label, "share": share, "role": row["role"]})
    shares = [r["share"] for r in rows] or [1.0]
    low = max(0.0, min(shares) - 0.02)
    return {
        "$schema": SCHEMA,
        "title": {
            "text": f"Output as a share of baseline (WIOD {run['year']})",
            "subtitle": [_stop_line(run), _settings_line(run)],
        },
        "width": 640,
        "height": 340,
        "layer": [
            {
                "data": {"values": rows},
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": {"field": "week", "type": "quantitative",
                          "title": "weeks after exports stop"},
                    "y": {"field": "share", "type": "quantitative",
                          "title": "weekly output / baseline", "axis": {"format": "%"},
                          "scale": {"domain": [low, 1.005]}},
                    "color": {"field": "industry", "type": "nominal", "title": None,
                              "legend": {"orient": "bottom", "columns": 2, "labelLimit": 300}},
                    "strokeDash": {"field": "role", "type": "nominal", "title": None,
                                   "legend": None},
                },
            },
            {
                "data": {"values": [{"week": run["stop_weeks"]}]},
                "mark": {"type": "rule", "strokeDash": [4, 3], "color": "gray"},
                "encoding": {"x": {"field": "week", "type": "quantitative"}},
            },
        ],
    }  # fmt: skip


def regions_spec(run: dict[str, Any], top: int = 12) -> dict[str, Any]:
    """Output lost by region over the horizon (buyers; stopped industries apart)."""
    rows = []
    for row in run["regions"][:top]:
        own = row["lost_usd_million"] - row["lost_excluding_suppliers_usd_million"]
        rows.append({"region": row["region"], "part": "other industries",
                     "lost": row["lost_excluding_suppliers_usd_million"]})  # fmt: skip
        if own > 0:
            rows.append({"region": row["region"], "part": "stopped industry", "lost": own})
    return {
        "$schema": SCHEMA,
        "title": {
            "text": f"Output lost over {run['horizon_weeks']} weeks by region, "
            f"USD million ({run['year']} prices)",
            "subtitle": [_stop_line(run), _settings_line(run)],
        },
        "width": 520,
        "height": {"step": 22},
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "y": {"field": "region", "type": "nominal", "title": None,
                  "sort": {"field": "lost", "op": "sum", "order": "descending"}},
            "x": {"field": "lost", "type": "quantitative", "title": "USD million lost",
                  "stack": "zero"},
            "color": {"field": "part", "type": "nominal", "title": None,
                      "scale": {"domain": ["other industries", "stopped industry"],
                                "range": ["#4c78a8", "#bab0ac"]}},
            "tooltip": [{"field": "region"}, {"field": "part"},
                        {"field": "lost", "format": ",.0f"}],
        },
    }  # fmt: skip
