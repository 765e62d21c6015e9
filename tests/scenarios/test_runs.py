"""Bundled scenarios on the full data: regression values, a published cross-check, CLI contracts.

Tolerance: 1e-4 percentage points on every stored headline (the Newton solve converges to
residuals below 1e-9; the margin covers BLAS and platform differences).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

EXPECTED = json.loads((Path(__file__).parent / "expected_headlines.json").read_text())
TOLERANCE_PP = 1e-4


@pytest.mark.needs_data
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_scenario_headlines(scenario_service, name: str) -> None:  # type: ignore[no-untyped-def]
    groups = scenario_service.run(name).equilibrium.groups().set_index("group")
    for group, values in EXPECTED[name].items():
        for variable, expected in values.items():
            assert groups.loc[group, variable] == pytest.approx(expected, abs=TOLERANCE_PP), (
                f"{name}: {group} {variable}"
            )


@pytest.mark.needs_data
def test_liberation_day_reproduces_table_1_case_1(scenario_service, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The scenario path (no ledger) must give the paper's published USA row."""
    published = json.loads(
        (data_dir / "ge" / "reference" / "ignatenko2025_tables_1_2.json").read_text()
    )
    case_1 = published["1"][0]["rows"][0]
    assert case_1["group"] == "USA"
    groups = scenario_service.run("liberation-day").equilibrium.groups().set_index("group")
    columns = ["welfare", "deficit", "exports_to_gdp", "imports_to_gdp", "employment", "prices"]
    for column, value, decimals in zip(columns, case_1["values"], case_1["decimals"], strict=True):
        assert round(groups.loc["USA", column], decimals) == pytest.approx(value), column


@pytest.mark.needs_data
def test_truce_beats_the_peak_for_both_sides(scenario_service) -> None:  # type: ignore[no-untyped-def]
    peak = scenario_service.run("peak-escalation").equilibrium.groups().set_index("group")
    truce = scenario_service.run("geneva-truce").equilibrium.groups().set_index("group")
    assert truce.loc["USA", "welfare"] > peak.loc["USA", "welfare"]
    assert truce.loc["CHN", "welfare"] > peak.loc["CHN", "welfare"]
    assert truce.loc["world", "welfare"] > peak.loc["world", "welfare"]


@pytest.mark.needs_data
def test_prewar_is_the_factual_world(scenario_service) -> None:  # type: ignore[no-untyped-def]
    run = scenario_service.run("prewar")
    assert not run.build.tariffs.any()
    tidy = run.tidy()
    assert tidy["value"].abs().max() < 1e-9


@pytest.mark.needs_data
def test_tidy_table_contract(scenario_service) -> None:  # type: ignore[no-untyped-def]
    table = scenario_service.compare(["geneva-truce", "busan-deal"], ["JPN", "DEU"])
    assert list(table.columns) == ["scenario", "iso3", "is_group", "variable", "value", "unit"]
    first_rows = list(dict.fromkeys(table[table["scenario"] == "geneva-truce"]["iso3"]))
    assert first_rows == ["USA", "CHN", "EU", "RoW", "world", "JPN", "DEU"]
    units = dict(zip(table["variable"], table["unit"], strict=False))
    assert units["welfare"] == "percent change" and units["revenue_share"] == "share of expenditure"


runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def cli_env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))


@pytest.mark.needs_data
def test_cli_list_show_run(cli_env: None) -> None:
    names = [s["name"] for s in json.loads(_run("scenario", "list", "--json"))]
    assert "peak-escalation" in names and "full-decoupling" in names
    shown = json.loads(_run("scenario", "show", "peak-escalation", "--json"))
    assert shown["date"] == "2025-04-12"
    usa_chn = next(r for r in shown["rates"] if (r["importer"], r["exporter"]) == ("USA", "CHN"))
    assert usa_chn["headline_pct"] == 145 and usa_chn["rate_pct"] == pytest.approx(117.5)
    payload = json.loads(_run("scenario", "run", "geneva-truce", "--json"))
    assert {"scenario", "rates", "assumptions", "groups", "sources", "units"} <= set(payload)
    assert payload["assumptions"] and all(s["url"].startswith("http") for s in payload["sources"])
    text = _run("scenario", "run", "busan-deal")
    assert "Assumptions" in text and "welfare" in text


@pytest.mark.needs_data
def test_cli_compare_csv_and_from_ledger(cli_env: None, tmp_path: Path) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(_run("scenario", "compare", "peak-escalation", "geneva-truce", "--csv"))
        )
    )
    assert {r["scenario"] for r in rows} == {"peak-escalation", "geneva-truce"}
    saved = tmp_path / "may20.yaml"
    payload = json.loads(
        _run("scenario", "from-ledger", "--on", "2025-05-20", "--save", str(saved), "--json")
    )
    assert any(r["importer"] == "CHN" and r["rate_pct"] == 10 for r in payload["rates"])
    assert "date: '2025-05-20'" in saved.read_text()
    assert (
        json.loads(_run("scenario", "run", str(saved), "--json"))["scenario"]["date"]
        == "2025-05-20"
    )


def test_cli_unknown_scenario_is_one_clean_line() -> None:
    result = runner.invoke(app, ["scenario", "show", "no-such-scenario"])
    assert result.exit_code == 1
    assert (
        "NAME: unknown scenario 'no-such-scenario'" in result.output
        and "Traceback" not in result.output
    )


@pytest.mark.needs_data
def test_bilateral_trade_falls_with_the_tariff(scenario_service) -> None:  # type: ignore[no-untyped-def]
    def china_to_us(name: str) -> float:
        flows = scenario_service.run(name).bilateral_trade()
        return next(
            f["change_pct"] for f in flows if (f["exporter"], f["importer"]) == ("CHN", "USA")
        )

    peak, truce, busan = (china_to_us(n) for n in ("peak-escalation", "geneva-truce", "busan-deal"))
    assert peak < truce < busan < 0
    assert china_to_us("full-decoupling") < -99.9
    assert china_to_us("prewar") == pytest.approx(0.0, abs=1e-9)


@pytest.mark.needs_data
def test_public_assertion_helper_on_real_runs(scenario_service) -> None:  # type: ignore[no-untyped-def]
    from tradewar.testing import assert_scenario_close

    first = scenario_service.run("busan-deal").tidy()
    assert_scenario_close(first, scenario_service.run("busan-deal").tidy(), atol=1e-9)
    with pytest.raises(AssertionError, match="differ"):
        assert_scenario_close(
            first, scenario_service.run("geneva-truce").tidy().assign(scenario="busan-deal")
        )


@pytest.mark.needs_data
def test_cli_compare_out_writes_the_export_and_its_manifest(cli_env: None, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "truce.xlsx"
    result = runner.invoke(
        app, ["scenario", "compare", "peak-escalation", "geneva-truce", "--out", str(out), "--csv"]
    )
    assert result.exit_code == 0, result.output
    sheets = load_workbook(out, read_only=True).sheetnames
    assert sheets[:1] == ["data"] and "README" in sheets
    manifest = json.loads((tmp_path / "truce.MANIFEST.json").read_text())
    assert {"peak-escalation", "geneva-truce"} <= set(json.dumps(manifest["parameters"]).split('"'))
    printed = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["scenario"] for r in printed} == {"peak-escalation", "geneva-truce"}


def test_cli_compare_out_refuses_a_bad_suffix_before_solving(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["scenario", "compare", "geneva-truce", "--out", str(tmp_path / "table.docx")]
    )
    assert result.exit_code == 1
    assert "suffix '.docx' is not supported" in result.output
    assert not list(tmp_path.iterdir())
