"""``tradewar sweep`` through the CLI: run (short and long form), summary, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.config import Settings

runner = CliRunner()


@pytest.fixture
def data_env(sweep_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(sweep_settings.data_dir))


@pytest.fixture(scope="module")
def sweep_file(tmp_path_factory: pytest.TempPathFactory, sweep_settings: Settings) -> Path:
    out = tmp_path_factory.mktemp("cli") / "geneva.parquet"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRADEWAR_DATA_DIR", str(sweep_settings.data_dir))
        patch.setenv("TRADEWAR_DATABASE_URL", sweep_settings.database_url)
        result = runner.invoke(
            app,
            ["sweep", "geneva-truce", "--draws", "8", "--vary", "epsilon=3:6", "--vary",
             "kappa=normal(0.5,0.2)", "--workers", "1", "--seed", "11", "--out", str(out),
             "--countries", "MEX,VNM", "--quiet"],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Welfare, % change: median [5%, 95%]" in result.output
    assert "8 draws (0 failed, recorded)" in result.output and "root seed 11" in result.output
    return out


@pytest.mark.needs_data
def test_short_form_writes_parquet_and_manifest(sweep_file: Path) -> None:
    assert sweep_file.is_file()
    manifest = json.loads(sweep_file.with_name("geneva.MANIFEST.json").read_text())
    assert manifest["sweep"]["draws"] == 8 and manifest["engine"]["engine"] == "local"


@pytest.mark.needs_data
def test_long_form_json(data_env: None) -> None:
    result = runner.invoke(
        app,
        ["sweep", "run", "prewar", "--draws", "2", "--vary", "psi=0.1:0.2", "--workers", "1",
         "--seed", "3", "--json", "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["manifest"]["sweep"]["seeds"] and payload["bands"][0]["iso3"] == "USA"


@pytest.mark.needs_data
def test_summary_table_json_csv_and_chart(sweep_file: Path, tmp_path: Path) -> None:
    table = runner.invoke(app, ["sweep", "summary", str(sweep_file), "--variable", "employment"])
    assert table.exit_code == 0, table.output
    assert "Employment, % change" in table.output and "VNM" in table.output
    as_json = runner.invoke(
        app, ["sweep", "summary", str(sweep_file), "--json", "--countries", "MEX"]
    )
    rows = json.loads(as_json.stdout)
    assert {r["iso3"] for r in rows} == {"USA", "CHN", "EU", "RoW", "non-US", "world", "MEX"}
    assert all(r["q05"] <= r["q50"] <= r["q95"] for r in rows)
    unreported = runner.invoke(app, ["sweep", "summary", str(sweep_file), "--countries", "JPN"])
    assert unreported.exit_code == 1
    assert "--countries: JPN: not reported by these sweeps" in unreported.output
    assert "MEX, VNM" in unreported.output
    chart = tmp_path / "welfare.json"
    as_csv = runner.invoke(
        app, ["sweep", "summary", str(sweep_file), "--csv", "--chart", str(chart)]
    )
    assert as_csv.stdout.splitlines()[0].startswith("scenario,iso3,is_group,variable,q05,q50,q95")
    assert json.loads(chart.read_text())["layer"]


@pytest.mark.needs_data
def test_summary_central_beside_bands_and_a_png_chart(
    sweep_file: Path, data_env: None, tmp_path: Path
) -> None:
    png = tmp_path / "bands.png"
    table = runner.invoke(
        app,
        ["sweep", "summary", str(sweep_file), "--central", "--variable", "welfare", "--chart",
         str(png)],
        env={"COLUMNS": "160"},
    )  # fmt: skip
    assert table.exit_code == 0, table.output
    assert "Welfare, % change: central, and median [5%, 95%]" in table.output
    assert "geneva-truce central" in table.output and "geneva-truce band" in table.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rows = json.loads(
        runner.invoke(app, ["sweep", "summary", str(sweep_file), "--central", "--json"]).stdout
    )
    assert all(r["value"] is not None and r["unit"] for r in rows)


@pytest.mark.needs_data
def test_scenario_compare_puts_the_bands_beside_the_values(
    sweep_file: Path, data_env: None
) -> None:
    """``scenario compare --bands``: a sweep's band beside its scenario, none beside others."""
    args = ["scenario", "compare", "peak-escalation", "geneva-truce", "--bands", str(sweep_file)]
    rows = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    bands = json.loads(runner.invoke(app, ["sweep", "summary", str(sweep_file), "--json"]).stdout)
    band = next(b for b in bands if (b["iso3"], b["variable"]) == ("USA", "welfare"))
    usa = {r["scenario"]: r for r in rows if (r["iso3"], r["variable"]) == ("USA", "welfare")}
    assert usa["geneva-truce"]["q05"] == pytest.approx(band["q05"])
    assert usa["geneva-truce"]["q95"] == pytest.approx(band["q95"])
    assert usa["geneva-truce"]["draws"] == 8
    assert usa["peak-escalation"]["q05"] is None  # no sweep of it: null, not NaN
    text = runner.invoke(app, args, env={"COLUMNS": "160"}).stdout
    assert f"[{band['q05']:+.3f}, {band['q95']:+.3f}]" in text


@pytest.mark.needs_data
def test_options_may_come_before_the_scenario(data_env: None) -> None:
    result = runner.invoke(
        app,
        ["sweep", "--draws", "2", "--vary", "epsilon=3:4", "--workers", "1", "--seed", "5",
         "--quiet", "--json", "prewar"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["manifest"]["sweep"]["draws"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["sweep", "prewar", "--vary", "epsilon=8:2"],
            "--vary: 'epsilon=8:2': uniform bounds 8 > 2",
        ),
        (["sweep", "prewar"], "--vary: nothing to vary; give at least one NAME=DISTRIBUTION"),
        (["sweep", "prewar", "--vary", "epsilon=2:8", "--engine", "ray"], "--engine: got 'ray'"),
        (["sweep", "summary", "nowhere.parquet"], "nowhere.parquet: no such file"),
        (
            ["sweep", "summary", "nowhere.parquet", "--chart", "bands.pdf"],
            "suffix '.pdf' is not supported",
        ),
    ],
)
def test_errors_are_one_clean_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
