"""A scenario on the sectoral model for the scenario page (``/scenarios/{name}?model=sectors``).

The page shows what ``tradewar scenario run NAME --model sectors`` prints: welfare and real
wages for USA, CHN, EU, RoW and the world, then output, exports and imports by industry (one
table each, a column per group), the additional tariffs by industry the scenario puts on
US–China trade, every note of the run (the industry averaging rule first) and the data's
citation and licence. The payload comes from :class:`tradewar.services.sectors.SectorsService`,
which the app keeps once (its calibrated LL2023 world loads on first use).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from tradewar.services.sectors import INDUSTRY_VARIABLES, SectorsService
from tradewar.web.deps import WebState

#: The models a scenario page can solve on (query parameter ``model``).
MODELS = {
    "one-sector": "One sector, 194 countries (2023 data)",
    "sectors": "16 industries, 44 regions (LL2023, 2014 data)",
}

#: Names of the sectoral model's report groups.
GROUP_LABELS = {
    "USA": "United States",
    "CHN": "China",
    "EU": "European Union",
    "RoW": "Rest of the world",
    "world": "World",
}

#: Labels of the per-industry tables, in order.
INDUSTRY_TABLES = {
    "output_pct": "Output (producer sales)",
    "exports_pct": "Exports",
    "imports_pct": "Imports",
}

#: Licences of the sectoral model's data, shown wherever its results are.
LICENCE = (
    "Licence: MIT (the replication package as kept in InessaDeAngelis/AER_code_translation);"
    " cite the paper and the World Input-Output Database (Timmer et al. 2015)."
)


def sectors_service(request: Request) -> SectorsService:
    """The app's sectoral service, made on first use so the LL2023 world loads once.

    It shares the app's scenario service (one ledger, one loaded 194-country world).
    """
    web: WebState = request.app.state.web
    return web.services.sectors


def industry_tables(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """One table per variable of :data:`INDUSTRY_TABLES`: rows by industry, a value per group.

    Each table is ``{"variable", "label", "rows": [{"industry", "values": {group: pct}}]}``;
    a value is None where the factual flow is zero (a percent change is undefined).
    """
    groups = payload["groups"]
    industries = list(groups[0]["output_pct"]) if groups else []
    tables = []
    for variable in INDUSTRY_VARIABLES:
        rows = [
            {
                "industry": industry,
                "values": {g["group"]: g[variable][industry] for g in groups},
            }
            for industry in industries
        ]
        tables.append({"variable": variable, "label": INDUSTRY_TABLES[variable], "rows": rows})
    return tables


def tariff_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows by industry: the additional tariff of each headline pair, percentage points."""
    rates: dict[str, dict[str, float]] = payload["additional_tariffs_pct"]
    pairs = list(rates)
    industries = list(rates[pairs[0]]) if pairs else []
    return [
        {"industry": industry, "values": {pair: rates[pair][industry] for pair in pairs}}
        for industry in industries
    ]


def output_chart_spec(payload: dict[str, Any], scenario_name: str) -> dict[str, Any]:
    """Grouped horizontal bars: output change by industry for USA, CHN, EU and RoW (Vega-Lite).

    Industries with an undefined change (no factual output) are left out of the bars; the
    table below the chart shows them as a dash.
    """
    values = [
        {"industry": industry, "group": group["group"], "change_pct": value}
        for group in payload["groups"]
        if group["group"] != "world"
        for industry, value in group["output_pct"].items()
        if value is not None
    ]
    industries = list(payload["groups"][0]["output_pct"]) if payload["groups"] else []
    return {
        "title": {
            "text": f"Output by industry, % change: {scenario_name}",
            "subtitle": "Sectoral model (LL2023 data, WIOD 2014), restricted entry",
        },
        "data": {"values": values},
        "width": 300,
        "height": {"step": 7},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "industry", "type": "nominal", "sort": industries, "title": None},
            "yOffset": {"field": "group", "sort": ["USA", "CHN", "EU", "RoW"]},
            "x": {"field": "change_pct", "type": "quantitative", "title": "% change"},
            "color": {
                "field": "group",
                "type": "nominal",
                "sort": ["USA", "CHN", "EU", "RoW"],
                "title": "Group",
                "legend": {"orient": "bottom"},
            },
        },
    }
