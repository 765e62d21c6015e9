"""Vega-Lite layers that draw a sweep's uncertainty bands (error bars with a median dot).

The layers read the columns of :func:`tradewar.sweeps.bands.quantile_bands` (``iso3``,
``scenario``, ``q05``, ``q50``, ``q95``), so they can be added to any chart whose data holds
those rows, or used on their own through :func:`band_chart`.  With a ``value`` column (the
scenario solved at the central parameters, from
:meth:`tradewar.services.sweeps.SweepService.compare`) a tick marks the central result on
each band.  Specs are plain dicts (JSON), rendered by vega-embed in the browser or by
:func:`tradewar.charts.render.render` to PNG, SVG or HTML.
"""

from __future__ import annotations

from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from tradewar.errors import InvalidInput
from tradewar.model.outcomes import OUTCOMES

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: Titles of the outcome variables on the value axis (units included).
VARIABLE_TITLES: dict[str, str] = {name: item.axis_title for name, item in OUTCOMES.items()}


def band_layers(
    value_title: str, low: str = "q05", middle: str = "q50", high: str = "q95"
) -> list[dict[str, Any]]:
    """An error-bar layer (``low`` to ``high``) and a median-dot layer, one row per ``iso3``.

    Scenarios are told apart by colour and a small vertical offset, in the order of the data.

    Examples
    --------
    >>> [layer["mark"]["type"] for layer in band_layers("Welfare, % change")]
    ['rule', 'point']
    """
    shared = {
        "y": {"field": "iso3", "type": "nominal", "sort": None, "title": None},
        "yOffset": {"field": "scenario", "type": "nominal", "sort": None},
        "color": {"field": "scenario", "type": "nominal", "sort": None, "title": "scenario"},
    }
    tooltip = [
        {"field": "scenario", "type": "nominal"},
        {"field": "iso3", "type": "nominal"},
        {"field": low, "type": "quantitative", "format": ".3f"},
        {"field": middle, "type": "quantitative", "format": ".3f"},
        {"field": high, "type": "quantitative", "format": ".3f"},
        {"field": "draws", "type": "quantitative"},
    ]
    rule = {
        "mark": {"type": "rule", "strokeWidth": 2},
        "encoding": {
            **shared,
            "x": {"field": low, "type": "quantitative", "title": value_title},
            "x2": {"field": high},
            "tooltip": tooltip,
        },
    }
    point = {
        "mark": {"type": "point", "filled": True, "size": 50},
        "encoding": {
            **shared,
            "x": {"field": middle, "type": "quantitative"},
            "tooltip": tooltip,
        },
    }
    return [rule, point]


def central_layer(value: str = "value") -> dict[str, Any]:
    """A black tick at the central (undrawn) result, on the rows of :func:`band_layers`.

    Examples
    --------
    >>> central_layer()["mark"]["type"]
    'tick'
    """
    return {
        "mark": {"type": "tick", "color": "black", "thickness": 2, "size": 12},
        "encoding": {
            "y": {"field": "iso3", "type": "nominal", "sort": None, "title": None},
            "yOffset": {"field": "scenario", "type": "nominal", "sort": None},
            "x": {"field": value, "type": "quantitative"},
            "tooltip": [
                {"field": "scenario", "type": "nominal"},
                {"field": "iso3", "type": "nominal"},
                {"field": value, "type": "quantitative", "format": ".3f", "title": "central"},
            ],
        },
    }


def band_chart(bands: pd.DataFrame, variable: str, title: str | None = None) -> dict[str, Any]:
    """A complete Vega-Lite spec of one variable's bands, data inline.

    Raises
    ------
    tradewar.errors.InvalidInput
        If ``bands`` has no row for ``variable``.
    """
    rows = bands[bands["variable"] == variable]
    if rows.empty:
        found = ", ".join(sorted(bands["variable"].dropna().unique()))
        raise InvalidInput(f"variable {variable!r} has no bands; expected one of {found}.")
    columns = ["scenario", "iso3", "q05", "q50", "q95", "draws", "value"]
    chosen = rows[[c for c in columns if c in rows.columns]]
    values = chosen.astype(object).where(chosen.notna(), None).to_dict(orient="records")
    value_title = VARIABLE_TITLES.get(variable, variable)
    has_central = "value" in rows.columns
    default_title = f"{value_title}: median and 5–95% band over the sweep's draws"
    if has_central:
        default_title += " (tick: central parameters)"
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": title or default_title,
        "data": {"values": values},
        "width": 420,
        "layer": [
            {"mark": {"type": "rule", "color": "#999"}, "encoding": {"x": {"datum": 0}}},
            *band_layers(value_title),
            *([central_layer()] if has_central else []),
        ],
    }
