"""``tradewar data``, ``tradewar simulate`` and ``tradewar replicate`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

runner = CliRunner()


def unwrapped(text: str) -> str:
    """The CLI's error console wraps long lines; join them back."""
    return text.replace("\n", "")


TINY_COUNTRIES = (("CHN", "China"), ("DEU", "Germany"), ("USA", "United States"))


def write_tiny_ge(folder: Path, *, trade_header: str | None = None) -> Path:
    """A valid three-country GE folder at realistic scale (thousands of USD)."""
    folder.mkdir(parents=True, exist_ok=True)
    labels = ["iso3,iso_code,CountryName"] + [
        f"{code},{k},{name}" for k, (code, name) in enumerate(TINY_COUNTRIES, start=1)
    ]
    (folder / "country_labels.csv").write_text("\n".join(labels) + "\n")
    header = trade_header or "export_ij1,export_ij2,export_ij3"
    # rows: exporter CHN, DEU, USA; columns: importer CHN, DEU, USA
    trade = [header, ",110000000,440000000", "120000000,,160000000", "150000000,80000000,"]
    (folder / "trade_cepii.csv").write_text("\n".join(trade) + "\n")
    (folder / "gdp.csv").write_text("gdp\n17000000000000\n4500000000000\n27000000000000\n")
    (folder / "tariffs.csv").write_text("applied_tariff\n.54\n.2\n0\n")
    return folder


def test_status_lists_missing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["data", "status", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    ge = [row for row in payload["files"] if row["dataset"] == "ge"]
    assert {row["file"] for row in ge} == {
        "country_labels.csv",
        "trade_cepii.csv",
        "gdp.csv",
        "tariffs.csv",
    }
    assert not any(row["present"] for row in ge)
    assert all(row["path"].startswith(str(tmp_path)) for row in ge)


def test_import_installs_checked_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_tiny_ge(tmp_path / "download")
    target = tmp_path / "data"
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(target))
    result = runner.invoke(app, ["data", "import", str(source)])
    assert result.exit_code == 0, result.output
    assert (target / "ge" / "trade_cepii.csv").is_file()
    status = json.loads(runner.invoke(app, ["data", "status", "--json"]).stdout)
    assert all(row["present"] for row in status["files"] if row["dataset"] == "ge")


def test_import_rejects_a_bad_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_tiny_ge(tmp_path / "bad", trade_header="a,b,c")
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["data", "import", str(source)])
    assert result.exit_code == 1
    assert "trade_cepii.csv" in unwrapped(result.output)
    assert "expected ['export_ij1', 'export_ij2', 'export_ij3']" in unwrapped(result.output)
    assert not (tmp_path / "data" / "ge").exists()


def test_import_rejects_percent_rates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_tiny_ge(tmp_path / "pct")
    (source / "tariffs.csv").write_text("applied_tariff\n54\n20\n0\n")
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["data", "import", str(source)])
    assert result.exit_code == 1
    assert "tariffs.csv" in unwrapped(result.output)
    assert "divided by 100" in unwrapped(result.output)


def test_missing_data_names_file_place_and_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["simulate", "--ustr"])
    assert result.exit_code == 1
    text = unwrapped(result.output)
    assert "country_labels.csv" in text
    assert str(tmp_path / "ge") in text
    assert "replication package" in text
    assert "Traceback" not in result.output


def test_simulate_on_a_tiny_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    write_tiny_ge(tmp_path / "ge")
    result = runner.invoke(
        app,
        ["simulate", "--us-tariff", "CHN=54%", "--us-others", "0.1", "--retaliation",
         "reciprocal", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    countries = {row["iso3"]: row for row in payload["countries"]}
    assert set(countries) == {"CHN", "DEU", "USA"}
    assert countries["CHN"]["welfare"] < 0
    assert payload["scenario"]["us_tariffs"] == {"CHN": 0.54}
    groups = [row["group"] for row in payload["groups"]]
    assert groups == ["USA", "CHN", "EU", "non-US", "world"]


def test_simulate_tariff_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    write_tiny_ge(tmp_path / "ge")
    tariffs = tmp_path / "war.csv"
    tariffs.write_text("importer,exporter,rate\nUSA,CHN,1.45\nCHN,USA,125%\n")
    result = runner.invoke(app, ["simulate", "--tariffs", str(tariffs), "--csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("iso3,name,welfare")
    bad = tmp_path / "bad.csv"
    bad.write_text("importer,exporter,rate\nUSA,CHN,lots\n")
    result = runner.invoke(app, ["simulate", "--tariffs", str(bad)])
    assert result.exit_code == 1
    assert "line 2, field rate is 'lots'" in unwrapped(result.output)


def test_simulate_needs_tariffs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    write_tiny_ge(tmp_path / "ge")
    result = runner.invoke(app, ["simulate"])
    assert result.exit_code == 1
    assert "No tariffs given" in unwrapped(result.output)


@pytest.mark.needs_data
def test_replicate_json_shape(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))
    result = runner.invoke(app, ["replicate", "ignatenko2025", "--table", "8", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["table"] == 8
    assert [p["title"] for p in payload["panels"]] == [
        "Case 1: US trade war with EU & China",
        "Case 2: US trade war with China",
        "Case 3: US trade war with China (108% tariff)",
    ]
    panel = payload["panels"][1]
    assert panel["columns"] == ["welfare", "deficit", "employment", "prices"]
    assert [row["group"] for row in panel["rows"]] == ["USA", "CHN", "EU", "RoW"]
    assert set(panel["rows"][0]) == {"group", "values"}
    assert set(payload) == {"table", "panels"}


@pytest.mark.needs_data
@pytest.mark.slow
def test_replicate_all_formats(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))
    everything = runner.invoke(app, ["replicate", "ignatenko2025", "--format", "json"])
    assert everything.exit_code == 0, everything.output
    assert [t["table"] for t in json.loads(everything.stdout)] == [1, 2, 3, 4, 8, 9, 10, 11]
    assert "ITPD-S" in everything.stderr
    markdown = runner.invoke(app, ["replicate", "ignatenko2025", "--table", "1"])
    assert "| USA | 1.13% | -18.1% | -52.7% | -43.6% | 0.32% | 12.8% |" in markdown.stdout
    latex = runner.invoke(app, ["replicate", "ignatenko2025", "--table", "2", "--format", "latex"])
    assert r"\begin{tabular}" in latex.stdout and r"-0.36\%" in latex.stdout
    csv_out = runner.invoke(app, ["replicate", "ignatenko2025", "--table", "3", "--format", "csv"])
    assert csv_out.stdout.splitlines()[0] == "table,panel,group,column,value"
    missing = runner.invoke(app, ["replicate", "ignatenko2025", "--table", "5"])
    assert missing.exit_code == 1
    assert "--table: Table 5 is not available" in unwrapped(missing.output)


@pytest.mark.needs_data
def test_simulate_matches_table_2(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))
    result = runner.invoke(app, ["simulate", "--ustr", "--retaliation", "reciprocal", "--json"])
    assert result.exit_code == 0, result.output
    groups = {row["group"]: row for row in json.loads(result.stdout)["groups"]}
    assert groups["USA"]["welfare"] == pytest.approx(-0.36, abs=0.005)
    assert groups["non-US"]["welfare"] == pytest.approx(-0.46, abs=0.005)


@pytest.mark.needs_data
@pytest.mark.parametrize(
    ("arguments", "us_welfare", "non_us_welfare"),
    [
        (["--ustr", "--revenue", "lump-sum"], -0.01, -0.57),  # Table 1, case 2
        (["--ustr", "--retaliation", "optimal"], -0.75, -0.43),  # Table 2, panel (3)
    ],
)
def test_simulate_matches_published_cells(
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    us_welfare: float,
    non_us_welfare: float,
) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))
    result = runner.invoke(app, ["simulate", *arguments, "--json"])
    assert result.exit_code == 0, result.output
    groups = {row["group"]: row for row in json.loads(result.stdout)["groups"]}
    assert groups["USA"]["welfare"] == pytest.approx(us_welfare, abs=0.005)
    assert groups["non-US"]["welfare"] == pytest.approx(non_us_welfare, abs=0.005)


def test_import_accepts_a_parent_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tiny_ge(tmp_path / "package" / "ge")
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["data", "import", str(tmp_path / "package")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "ge" / "tariffs.csv").is_file()


def test_import_of_a_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["data", "import", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "is not a folder" in unwrapped(result.output)


def test_status_table_says_how_to_get_missing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["data", "status"])
    assert result.exit_code == 0
    assert "tradewar data import" in unwrapped(result.stdout)


def test_undefined_outcomes_are_null_in_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DEU exports nothing: its exports/GDP change is undefined and printed as null."""
    folder = write_tiny_ge(tmp_path / "ge")
    trade = ["export_ij1,export_ij2,export_ij3", ",110000000,440000000", ",,", "150000000,,"]
    (folder / "trade_cepii.csv").write_text("\n".join(trade) + "\n")
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["simulate", "--us-tariff", "CHN=0.54", "--json"])
    assert result.exit_code == 0, result.output
    countries = {row["iso3"]: row for row in json.loads(result.stdout)["countries"]}
    assert countries["DEU"]["exports_to_gdp"] is None
    assert countries["CHN"]["exports_to_gdp"] < 0
