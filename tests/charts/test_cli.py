"""``tradewar chart timeline|welfare|compare``."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

runner = CliRunner()


def test_chart_timeline_json(tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    result = runner.invoke(app, ["chart", "timeline", "--to", "2025-12-31", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    spec = json.loads(out.read_text())
    us = {r["date"]: r["rate"] for r in spec["datasets"]["steps"] if r["series"] == "US on China"}
    assert us["2025-04-10"] == 145.0 and us["2025-12-31"] == 20.0


def test_chart_timeline_other_pair_svg(tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    result = runner.invoke(app, ["chart", "timeline", "--a", "CAN", "--b", "USA",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(t.text or "" for t in ET.parse(out).getroot().iter())
    assert "Canada on US" in text and "US on Canada" in text


def test_chart_bad_suffix_is_one_clean_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["chart", "timeline", "--out", str(tmp_path / "t.gif")])
    assert result.exit_code == 1
    assert "'.gif'" in result.output and ".png, .svg, .html, .json" in result.output
    assert "Traceback" not in result.output


def test_chart_bad_dates(tmp_path: Path) -> None:
    result = runner.invoke(app, ["chart", "timeline", "--from", "2026-01-01", "--to",
                                 "2025-01-01", "--out", str(tmp_path / "t.json")])  # fmt: skip
    assert result.exit_code == 1
    assert "before" in result.output


@pytest.fixture
def with_data(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))
    return data_dir


def test_chart_welfare_on_the_real_data(with_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "welfare.json"
    result = runner.invoke(app, ["chart", "welfare", "liberation-day", "-c", "VNM",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    spec = json.loads(out.read_text())
    values = {r["iso3"]: r["value"] for r in spec["datasets"]["values"] if not r["is_group"]}
    assert len(values) >= 150
    bars = [r["iso3"] for r in spec["datasets"]["bars"]]
    assert bars[:1] == ["USA"] and "CHN" in bars and bars[-1] == "VNM"
    assert len(bars) == 16
    # The scenario service's own numbers.
    from tradewar.config import Settings
    from tradewar.services.scenarios import ScenarioService

    tidy = ScenarioService(Settings()).run("liberation-day").tidy()
    usa = tidy[(tidy.iso3 == "USA") & (~tidy.is_group) & (tidy.variable == "welfare")]
    assert values["USA"] == pytest.approx(float(usa["value"].iloc[0]))


def test_chart_compare_on_the_real_data(with_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "compare.png"
    result = runner.invoke(app, ["chart", "compare", "liberation-day", "geneva-truce",
                                 "-c", "DEU", "--variable", "welfare", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    spec_out = tmp_path / "compare.json"
    runner.invoke(app, ["chart", "compare", "liberation-day", "geneva-truce", "-c", "DEU",
                        "--out", str(spec_out)])  # fmt: skip
    rows = json.loads(spec_out.read_text())["data"]["values"]
    assert {r["scenario"] for r in rows} == {"liberation-day", "geneva-truce"}
    assert {"USA", "CHN", "EU", "RoW", "DEU"} <= {r["iso3"] for r in rows}


def test_chart_welfare_unknown_scenario(with_data: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["chart", "welfare", "no-such", "--out", str(tmp_path / "w.png")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
