"""``tradewar hs search``, ``tradewar hs show``, ``tradewar data hts`` and the tariff table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data(hts_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(hts_data))
    monkeypatch.setenv("COLUMNS", "200")


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_hs_search_json_names_the_synonym_and_cites_the_budget_lab() -> None:
    payload = json.loads(run("hs", "search", "laptops", "--json"))
    assert payload["lines"][0]["hs10"] == "8471300100"
    assert payload["synonyms"] == ["laptops"]
    assert payload["searched_as"] == "portable automatic data processing machines"
    assert "Budget Lab" in payload["citation"] and "MIT" in payload["citation"]


def test_hs_search_table_and_csv() -> None:
    out = run("hs", "search", "toys", "--limit", "3")
    assert "9503000011" in out and "Budget Lab" in out
    rows = run("hs", "search", "soybeans", "--csv").splitlines()
    assert rows[0] == "hs10,hs6,gtap,description,score,matched"
    assert rows[1].startswith("1201")


def test_hs_show_prints_the_lines_with_their_lists() -> None:
    out = run("hs", "show", "9503")
    assert "9503000090" in out and "list 4B" in out and "9903.88.16" in out
    payload = json.loads(run("hs", "show", "8505.11", "--json"))
    assert payload["line_count"] == 5
    assert any(m["chapter99"] == "9903.91.06" for m in payload["lines"][0]["lists"])


def test_bad_codes_and_queries_are_one_line_errors() -> None:
    result = runner.invoke(app, ["hs", "show", "0000"])
    assert result.exit_code == 1 and "no HTS-10 line starts with it" in result.output
    assert "CODE: HS 0000" in result.output  # the argument at fault, by its metavar
    result = runner.invoke(app, ["hs", "show", "87.3"])
    assert result.exit_code == 1 and "CODE: Malformed HS code '87.3'" in result.output
    result = runner.invoke(app, ["hs", "search", " "])
    assert result.exit_code == 1 and "Empty product search" in result.output


def test_data_hts_reports_each_list_and_where_it_attaches() -> None:
    payload = json.loads(run("data", "hts", "--json"))
    assert payload["lines"] == 18700
    lists = {item["key"]: item for item in payload["lists"]}
    assert lists["s301-list-3"]["lines"] == 6190
    assert lists["s301-list-3"]["attached"] == ["us-s301-list3-2018"]
    assert lists["s301-list-1"]["text_rate_pct"] == 25.0
    assert lists["ieepa-annex-2"]["repaired"] == ["850511007000"]
    assert "9903.88.01" in run("data", "hts")


def test_the_tariff_table_names_the_product_its_headings_and_the_source() -> None:
    out = run("tariff", "--importer", "USA", "--exporter", "CHN", "--hs", "84021100",
              "--on", "2025-06-01")  # fmt: skip
    assert "Watertube boilers" in out
    for heading in ("9903.88.01", "9903.01.63", "9903.01.20 + 9903.01.24"):
        assert heading in out
    assert "55%" in out and "Budget Lab" in out
    hs6 = run("tariff", "--importer", "USA", "--exporter", "CHN", "--hs", "850760",
              "--on", "2026-03-01")  # fmt: skip
    assert "Line by line: 2 HTS-10 lines" in hs6 and "2 of 2" in hs6


def test_data_status_lists_the_tariff_line_files() -> None:
    rows = json.loads(run("data", "status", "--json"))["files"]
    hts = {row["file"]: row["present"] for row in rows if row["dataset"] == "hts"}
    assert hts["resources/hs10_gtap_crosswalk.csv"] is True
    assert hts["data/us_notes/chapter99_2026_rev_6.txt"] is True
