"""CLI ergonomics of issue 16: country lists, product suggestions, the simulate summary."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

runner = CliRunner()


@pytest.mark.needs_data
def test_simulate_summary_fits_80_columns_and_filters_countries(data_dir: object) -> None:
    args = ["simulate", "--us-tariff", "CHN=54%", "-c", "japan, VNM", "-c", "DEU"]
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    rows = [
        line.split()[0]
        for line in result.output.splitlines()
        if line.startswith("  ") and line.strip()
    ]
    assert {"JPN", "VNM", "DEU"} <= set(rows) and "USA" in rows  # USA: the groups table
    assert "BRA" not in rows  # not asked for


@pytest.mark.needs_data
def test_simulate_json_is_not_touched_by_the_progress_display(data_dir: object) -> None:
    result = runner.invoke(app, ["simulate", "--us-tariff", "CHN=54%", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_a_mistyped_supply_product_gets_a_suggestion() -> None:
    result = runner.invoke(
        app, ["supply", "run", "rare-earths-2025", "--draws", "4", "--product", "magnet"]
    )
    assert result.exit_code == 1
    assert "did you mean" in result.output and "ndfeb_magnet" in result.output
