"""Make the README figures of the sectoral model (LL2023): the USA–CHN war by industry and
the Busan-deal scenario by industry.

Run: ``TRADEWAR_DATA_DIR=../shared/data .venv/bin/python scripts/make_sectoral_figures.py``
(writes ``docs/img/sectors-war.png`` and ``docs/img/sectors-busan.png``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tradewar.charts.render import render
from tradewar.config import Settings
from tradewar.services.sectors import SectorsService

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"
SOURCE = "Data: Lashkaripour & Lugovskyy (2023), WIOD 2014; tradewar sectoral model."


def bars(rows: list[dict[str, Any]], title: str, axis: str) -> dict[str, Any]:
    """Grouped horizontal bars: one row per industry, one colour per series."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "subtitle": SOURCE},
        "data": {"values": rows},
        "width": 420,
        "mark": "bar",
        "encoding": {
            "y": {"field": "industry", "type": "nominal", "sort": None, "title": None},
            "yOffset": {"field": "series"},
            "x": {"field": "value", "type": "quantitative", "title": axis},
            "color": {"field": "series", "type": "nominal", "title": None},
        },
    }


def main() -> None:
    service = SectorsService(Settings())
    war = service.war(["USA", "CHN"])
    rows = [
        {"industry": industry, "series": pair, "value": rate}
        for code in war["players"]
        for pair, rates in war["nash_tariffs_pct"][code].items()
        for industry, rate in rates.items()
    ]
    render(bars(rows, "Sectoral Nash tariffs, USA–CHN war", "tariff, %"), OUT / "sectors-war.png")
    busan = service.scenario("busan-deal")
    groups = {g["group"]: g for g in busan["groups"]}
    rows = [
        {"industry": industry, "series": f"{code} output", "value": value}
        for code in ("USA", "CHN")
        for industry, value in groups[code]["output_pct"].items()
    ]
    render(
        bars(rows, "Busan deal (10 Nov 2025): output by industry", "% change from 2014"),
        OUT / "sectors-busan.png",
    )


if __name__ == "__main__":
    main()
