"""The duty stack as a table (``tariff --csv/--out``, ``GET /tariff?format=``): one row per
layer and a total row in which nothing unknown becomes a number."""

from __future__ import annotations

from datetime import date

from tradewar.ledger import engine
from tradewar.ledger.schema import Measure
from tradewar.services.ledger_tables import TARIFF_COLUMNS, tariff_rows
from tradewar.tabular import to_csv


def _rows(measures: list[Measure], importer: str, exporter: str, on: str) -> list[dict]:  # type: ignore[type-arg]
    stack = engine.tariff_stack(measures, importer, exporter, None, date.fromisoformat(on))
    return tariff_rows(stack)


def test_layers_then_a_total_that_adds_them(bundled: list[Measure]) -> None:
    rows = _rows(bundled, "USA", "CHN", "2025-05-20")  # Geneva: 20 + 10
    layers, total = rows[:-1], rows[-1]
    assert [row["status"] for row in layers] == ["applies", "applies"]
    assert [row["layer"] for row in layers] == ["1", "2"]
    assert sum(row["rate_pct"] for row in layers) == total["rate_pct"] == 30
    reciprocal = next(row for row in layers if row["statutory_rate_pct"] == 34)
    assert reciprocal["suspended_points"] == 24 and reciprocal["rate_pct"] == 10
    assert all(row["source_url"].startswith("https://") for row in layers)
    assert total["note"] == "30%"


def test_an_unverified_layer_gives_both_readings_and_no_total(bundled: list[Measure]) -> None:
    rows = _rows(bundled, "CHN", "USA", "2026-11-10")  # the 24-point suspension's end passed
    pending = [row for row in rows if row["status"] == "unverified"]
    assert pending and all(row.get("rate_pct") is None for row in pending)
    total = rows[-1]
    assert total["rate_pct"] is None
    assert (total["rate_if_continued_pct"], total["rate_if_ended_pct"]) == (10, 34)
    assert "if the unverified measures continued" in total["note"]


def test_a_pair_outside_the_record_has_an_empty_total_and_says_why(
    bundled: list[Measure],
) -> None:
    rows = _rows(bundled, "DEU", "BRA", "2025-05-20")
    assert [row["status"] for row in rows] == ["total"]
    line = to_csv(rows, TARIFF_COLUMNS).splitlines()[1]
    assert ",,,,,not known (not covered); the ledger records measures imposed by" in line
    assert line.startswith("total,total,,,,,")  # rate_pct is an empty cell, never 0


def test_a_date_past_the_last_verified_fact_is_said_in_the_total(
    bundled: list[Measure],
) -> None:
    stack = engine.tariff_stack(bundled, "USA", "CHN", None, date(2026, 10, 20))
    warned = engine.TariffStack(**{**stack.__dict__, "warnings": ("not verified after X",)})
    assert tariff_rows(warned)[-1]["note"].endswith("not verified after X")
