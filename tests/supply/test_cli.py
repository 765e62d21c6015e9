"""``tradewar supply``: output contracts, the calibrated scenario, errors, charts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.errors import InvalidInput
from tradewar.supply.charts import availability_spec, output_spec, stops_spec

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, ["supply", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def fail(*args: str) -> str:
    result = runner.invoke(app, ["supply", *args])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture(scope="module")
def calibrated() -> dict:
    return json.loads(run("run", "rare-earths-2025", "--draws", "64", "--seed", "7", "--json"))


def test_run_json_contract(calibrated: dict) -> None:
    assert calibrated["seed"] == 7 and calibrated["draws"] == 64 and calibrated["weeks"] == 52
    node = next(n for n in calibrated["nodes"] if n["product"] == "car" and n["country"] == "USA")
    for key in (
        "stop_week",
        "stop_week_p10_p50_p90",
        "stopped_share_of_draws",
        "shortfall_week",
        "lost_weeks_of_output",
        "min_output_share",
    ):
        assert key in node
    series = calibrated["series"]["car@USA"]
    assert len(series["central"]) == 52
    assert all(lo <= hi + 1e-12 for lo, hi in zip(series["p10"], series["p90"], strict=True))
    assert calibrated["restrictions"][0]["measure_id"] == "cn-ree-ann18-2025"
    magnets = calibrated["availability"]["ndfeb_magnet->USA"]
    assert magnets["central"][0] == 1.0 and min(magnets["central"]) < 0.5


def test_calibrated_scenario_matches_the_reported_order(calibrated: dict) -> None:
    """US lines first (Ford, week 6.6), then the EU and India (weeks 8-9); China unhurt."""
    stop = {(n["product"], n["country"]): n["stop_week"] for n in calibrated["nodes"]}
    assert 5 <= stop[("car", "USA")] <= 8
    assert 7 <= stop[("car", "EU27")] <= 10
    assert 7 <= stop[("car", "IND")] <= 11
    assert stop[("car", "USA")] <= stop[("car", "EU27")]
    assert stop[("car", "CHN")] is None
    compared = {c["country"]: c for c in calibrated["reported_vs_model"]}
    assert abs(compared["USA"]["model_stop_week"] - compared["USA"]["reported_week"]) <= 1.5
    assert compared["EU27"]["source_url"].startswith("https://")


def test_calibrated_scenario_recovers_when_licences_normalise(calibrated: dict) -> None:
    """Magnet exports were back at 2024 volumes in July 2025 (India: from 20 August): the
    model's US and EU lines are back by mid-August, India's by late September; Japan,
    with half its magnets made at home, never stops at the national level."""
    series = calibrated["series"]
    start_of = {"2025-08-15": 19, "2025-09-26": 25}
    for label in ("car@USA", "car@EU27", "ev@USA"):
        assert min(series[label]["central"][start_of["2025-08-15"] :]) > 0.99, label
    assert min(series["car@IND"]["central"][start_of["2025-09-26"] :]) > 0.99
    assert min(series["car@IND"]["central"][: start_of["2025-08-15"]]) < 0.5
    stop = {(n["product"], n["country"]): n for n in calibrated["nodes"]}
    assert stop[("car", "JPN")]["stop_week"] is None
    assert (
        stop[("car", "USA")]["lost_weeks_of_output"] < stop[("car", "IND")]["lost_weeks_of_output"]
    )


def test_run_from_ledger_and_table(tmp_path: Path) -> None:
    payload = json.loads(run("run", "us-controls-2025", "--from-ledger", "--draws", "8", "--json"))
    ids = {r["measure_id"] for r in payload["restrictions"]}
    assert {"us-bis-eda-licence-2025", "us-bis-comac-engines-2025"} <= ids
    assert payload["policy_source"] == "ledger"
    text = run("run", "rare-earths-2025", "--draws", "8", "--weeks", "12", "--product", "car")
    assert "car@USA" in text and "seed 20250404" in text


def test_exposure_and_list() -> None:
    rows = json.loads(run("exposure", "--country", "India", "--json"))
    assert rows[0]["country"] == "IND" and rows[0]["top_supplier"] == "CHN"
    assert "rare-earths-2025" in run("list")


def test_sectors_on_the_fixture_table() -> None:
    fixture = Path(__file__).parent / "fixtures" / "mrio_2x3"
    payload = json.loads(
        run("sectors", "rare-earths-2025", "--mrio", str(fixture), "--days", "30", "--json")
    )
    assert payload["days"] == 30 and payload["worst"]
    assert "car@USA" in payload["unmapped"]  # the fixture's sectors are not the chain's


def test_errors_are_one_line() -> None:
    assert "unknown supply scenario 'nickel'" in fail("run", "nickel", "--draws", "2")
    assert "--country" in fail("exposure", "--country", "Atlantis")
    assert "expected one of .png, .svg, .html, .json" in fail(
        "chart", "rare-earths-2025", "--out", "x.pdf", "--draws", "2"
    )


def test_chart_specs_and_rendering(calibrated: dict, tmp_path: Path) -> None:
    spec = output_spec(calibrated, "car")
    assert spec["layer"][0]["mark"]["type"] == "area"
    assert {row["country"] for row in spec["data"]["values"]} >= {"USA", "EU27", "IND"}
    reported = spec["layer"][2]["data"]["values"]
    magnets = availability_spec(calibrated, "ndfeb_magnet")
    shares = {(r["country"], r["week_of"]): r["central"] for r in magnets["data"]["values"]}
    assert shares[("USA", "2025-04-04")] == 1.0 and shares[("USA", "2025-05-16")] < 0.5
    with pytest.raises(InvalidInput, match="no input in this run"):
        availability_spec(calibrated, "car")
    assert {"USA", "EU27", "JPN"} <= {row["country"] for row in reported}
    bars = stops_spec(calibrated, "car")
    rows = {row["country"]: row for row in bars["data"]["values"]}
    assert any(row["stop_week"] is not None for row in rows.values())
    assert rows["USA"]["reported_week"] == pytest.approx(46 / 7)
    assert rows["CHN"]["reported_week"] is None and "no stop" in rows["CHN"]["label"]
    pytest.importorskip("vl_convert")
    out = tmp_path / "cars.svg"
    run("chart", "rare-earths-2025", "--out", str(out), "--draws", "16")
    assert out.read_text().lstrip().startswith("<svg")
    for kind in ("stops", "availability"):
        png = tmp_path / f"{kind}.png"
        product = "ndfeb_magnet" if kind == "availability" else "car"
        run("chart", "rare-earths-2025", "--out", str(png), "--kind", kind,
            "--product", product, "--draws", "16")  # fmt: skip
        assert png.read_bytes()[:4] == b"\x89PNG"
    assert "--kind: got 'pie'" in fail(
        "chart", "rare-earths-2025", "--out", "x.png", "--kind", "pie"
    )


def test_chart_supply_is_the_same_chart(tmp_path: Path) -> None:
    """``tradewar chart supply`` (the issue's spelling) draws what ``supply chart`` draws."""
    pytest.importorskip("vl_convert")
    via_chart, via_supply = tmp_path / "a.svg", tmp_path / "b.svg"
    result = runner.invoke(
        app, ["chart", "supply", "rare-earths-2025", "--out", str(via_chart), "--draws", "8"]
    )
    assert result.exit_code == 0, result.output
    run("chart", "rare-earths-2025", "--out", str(via_supply), "--draws", "8")
    assert via_chart.read_text() == via_supply.read_text()
