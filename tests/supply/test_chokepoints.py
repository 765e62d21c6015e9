"""Export stops on a table: the shock, the ranking, and the chokepoint report on WIOD 2011."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.errors import InvalidInput
from tradewar.supply.chokepoints import ExportStop, export_stop_shock, rank_losses
from tradewar.supply.mrio import MRIO, synthetic_mrio
from tradewar.supply.sectors import HAVE_NUMBA, ArioParameters, build_system, simulate_sectors
from tradewar.supply.wiod import IOTable

runner = CliRunner()
ENGINE = "numba" if HAVE_NUMBA else "numpy"


@pytest.fixture(scope="module")
def table() -> MRIO:
    return synthetic_mrio(4, 3, density=0.8, seed=3)


def _final_by_region(table: MRIO) -> np.ndarray:
    """Split each industry's final demand evenly over the regions (a test convention)."""
    regions = len(table.regions)
    return np.repeat(table.final_demand[:, None] / regions, regions, axis=1)


def test_the_mask_stops_only_the_suppliers_industry_to_its_destinations(table: MRIO) -> None:
    stop = ExportStop(("R01",), "S002", ("R00", "R03"), weeks=2, share=0.75)
    shock = export_stop_shock(table, _final_by_region(table), stop, days=30)
    supplier = 1 * 3 + 2
    stopped = (table.seller == supplier) & np.isin(table.buyer // 3, [0, 3])
    assert shock.edge_mask is not None and shock.mask_days == 14
    np.testing.assert_array_equal(shock.edge_mask[stopped], 0.25)
    np.testing.assert_array_equal(shock.edge_mask[~stopped], 1.0)
    assert shock.mask_on(13) is not None and shock.mask_on(14) is None
    # final demand from the two destinations (2 of 4 regions) is cut by 75% for 14 days
    scale = shock.final_demand_scale
    assert scale is not None
    assert scale[0, supplier] == pytest.approx(1 - 0.75 * 0.5)
    assert scale[14, supplier] == 1.0 and np.all(np.delete(scale, supplier, axis=1) == 1.0)


def test_every_other_region_by_default_and_home_market_kept(table: MRIO) -> None:
    stop = ExportStop(("R00", "R02"), "S001", weeks=1)
    shock = export_stop_shock(table, _final_by_region(table), stop, days=7)
    for supplier_region in (0, 2):
        seller = supplier_region * 3 + 1
        home = (table.seller == seller) & (table.buyer // 3 == supplier_region)
        abroad = (table.seller == seller) & (table.buyer // 3 != supplier_region)
        assert np.all(shock.edge_mask[home] == 1.0) and np.all(shock.edge_mask[abroad] == 0.0)  # type: ignore[index]


@pytest.mark.parametrize(
    ("stop", "field", "message"),
    [
        (ExportStop(("XXX",), "S001"), "suppliers", "region 'XXX' is not in the table"),
        (ExportStop(("R00",), "S001", ("YYY",)), "destinations", "region 'YYY' is not in"),
        (ExportStop(("R00",), "c99"), "industry", "got 'c99'"),
        (ExportStop(("R00",), "S001", weeks=0), "weeks", "got 0"),
        (ExportStop(("R00",), "S001", share=1.5), "share", "got 1.5"),
        (ExportStop((), "S001"), "suppliers", "none given"),
    ],
)
def test_bad_stops_name_the_field(table: MRIO, stop: ExportStop, field: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")) as caught:
        export_stop_shock(table, _final_by_region(table), stop, 7)
    assert caught.value.field == field


def test_rankings_separate_the_stopped_industry_from_its_buyers(table: MRIO) -> None:
    params = ArioParameters(inventory_days=np.full(3, 5.0), resourcing=False)
    stop = ExportStop(("R01",), "S000", weeks=4)
    shock = export_stop_shock(table, _final_by_region(table), stop, 56)
    path = simulate_sectors(build_system(table, params), 56, shock, params)
    industries, regions = rank_losses(table, path, stop)
    roles = {(row.region, row.sector): row.role for row in industries}
    assert roles[("R01", "S000")] == "supplier"
    assert [row.lost_usd_million for row in industries] == sorted(
        (row.lost_usd_million for row in industries), reverse=True
    )
    buyers = [row for row in industries if row.role == "buyer"]
    assert buyers and buyers[0].min_output_share < 1.0
    assert {row.region for row in regions} == set(table.regions)
    r01 = next(row for row in regions if row.region == "R01")
    assert r01.lost_usd_million > r01.lost_excluding_suppliers_usd_million
    # the run recovers: the last week is back above the worst week
    assert all(row.week_of_min < 8 for row in buyers)


# ---------------------------------------------------------------- on WIOD 2011


def _cli(*args: str) -> str:
    result = runner.invoke(app, ["supply", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


#: The US chip controls as a chokepoint: c14 from the USA, Taiwan, Korea and Japan to China.
CHIP_CONTROLS = ("--supplier", "USA", "--supplier", "TWN", "--supplier", "KOR",
                 "--supplier", "JPN", "--industry", "c14", "--to", "CHN")  # fmt: skip


def _chip_controls(*options: str) -> dict:
    """The chip-control chokepoint run with ``options``, as JSON."""
    return json.loads(_cli("chokepoints", *CHIP_CONTROLS, *options, "--json"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def china_metals(wiod: IOTable, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("chokepoints")
    payload = json.loads(
        _cli(
            "chokepoints",
            "--supplier",
            "CHN",
            "--industry",
            "c12",
            "--weeks",
            "5",
            "--csv",
            str(folder / "industries.csv"),
            "--regions-csv",
            str(folder / "regions.csv"),
            "--chart",
            str(folder / "industries.svg"),
            "--regions-chart",
            str(folder / "regions.svg"),
            "--json",
            "--top",
            "40",
        )
    )
    payload["folder"] = folder
    return payload


def test_chokepoint_report_on_wiod_states_the_year_and_ranks(china_metals: dict) -> None:
    run = china_metals
    assert run["year"] == 2011 and "WIOD 2011" in run["table"] and "Timmer" in run["citation"]
    assert run["suppliers"] == ["CHN"] and run["industry_name"].startswith("Basic metals")
    assert run["horizon_weeks"] == 10
    first = run["industries"][0]
    assert (first["region"], first["sector"], first["role"]) == ("CHN", "c12", "supplier")
    assert len(first["weekly_output_share"]) == 10
    # exports stop: China's metal industry sells less while the stop lasts, then recovers
    assert min(first["weekly_output_share"][:5]) < 0.95 < first["weekly_output_share"][-1]
    buyers = [row for row in run["industries"] if row["role"] == "buyer"]
    assert buyers and all(row["lost_usd_million"] > 0 for row in buyers)
    assert (
        run["regions"][0]["lost_excluding_suppliers_usd_million"]
        >= run["regions"][1]["lost_excluding_suppliers_usd_million"]
    )


def test_chokepoint_csv_and_charts_are_written(china_metals: dict) -> None:
    folder: Path = china_metals["folder"]
    rows = list(csv.DictReader(io.StringIO((folder / "industries.csv").read_text())))
    assert rows[0]["region"] == "CHN" and rows[0]["role"] == "supplier"
    assert "lost_usd_million_2011" in rows[0] and "week_9" in rows[0]
    assert len(rows) > 100  # every industry that loses output, not only the top rows
    regions = list(csv.DictReader(io.StringIO((folder / "regions.csv").read_text())))
    assert len(regions) == 41
    for name in ("industries.svg", "regions.svg"):
        assert (folder / name).read_text().lstrip().startswith("<svg")


def test_several_suppliers_to_one_destination(wiod: IOTable) -> None:
    """US chip controls: c14 from USA, TWN, KOR and JPN to China only."""
    run = _chip_controls("--weeks", "4", "--substitution", "shares", "--top", "200")
    assert run["destinations"] == ["CHN"] and run["substitution"] == "shares"
    suppliers = {(r["region"], r["sector"]) for r in run["industries"] if r["role"] == "supplier"}
    assert suppliers == {("USA", "c14"), ("TWN", "c14"), ("KOR", "c14"), ("JPN", "c14")}
    chinese = [r for r in run["industries"] if r["region"] == "CHN"]
    assert chinese, "Chinese buyers of the chips must lose output"


def test_chokepoint_errors_are_one_line(wiod: IOTable) -> None:
    result = runner.invoke(app, ["supply", "chokepoints", "--supplier", "CHN",
                                 "--industry", "c36"])  # fmt: skip
    assert result.exit_code != 0 and "--industry: got 'c36'" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["supply", "chokepoints", "--supplier", "XYZ",
                                 "--industry", "c12"])  # fmt: skip
    assert result.exit_code != 0 and "--supplier: region 'XYZ' is not in the table" in result.output
    result = runner.invoke(app, ["supply", "chokepoints", "--supplier", "CHN",
                                 "--industry", "c12", "--to", "chn"])  # fmt: skip
    assert result.exit_code != 0 and "--to: chn: the stop covers no trade" in result.output.lower()
    # ISO3 for Romania and any case are accepted
    run = json.loads(_cli("chokepoints", "--supplier", "rou", "--industry", "C12",
                          "--weeks", "1", "--json", "--top", "3"))  # fmt: skip
    assert run["suppliers"] == ["ROM"] and run["industry"] == "c12"


def test_table_summary_shows_coefficients_and_the_year(wiod: IOTable) -> None:
    summary = json.loads(_cli("table", "--region", "CHN", "--industry", "c12", "--json"))
    assert summary["year"] == 2011 and summary["sector_name"].startswith("Basic metals")
    i = 6 * 35 + 11  # CHN is the 7th region
    assert wiod.regions[6] == "CHN"
    assert summary["output"] == wiod.output[i]
    coefficients = [row["coefficient"] for row in summary["inputs"]]
    assert coefficients == sorted(coefficients, reverse=True) and 0 < coefficients[0] < 1
    assert summary["output_multiplier"] > 1
    assert set(summary["final_demand"]) == {"CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"}
    text = _cli("table", "--region", "CHN", "--industry", "c12")
    assert "WIOD 2011" in text


def test_data_status_lists_wiod(wiod: IOTable) -> None:
    rows = json.loads(runner.invoke(app, ["data", "status", "--json"]).stdout)["files"]
    wiod_rows = [row for row in rows if row["dataset"] == "wiod"]
    assert len(wiod_rows) == 4 and all(row["present"] for row in wiod_rows)


def test_rare_earth_scenario_feeds_wiod(wiod: IOTable) -> None:
    run = json.loads(
        _cli("sectors", "rare-earths-2025", "--days", "120", "--engine", ENGINE, "--json")
    )
    assert run["year"] == 2011 and run["unmapped"] == []
    worst = {(row["region"], row["sector"]) for row in run["worst"]}
    assert ("USA", "c15") in worst or ("IND", "c15") in worst
    shares = {(s["product"], s["region"]): s["share_of_output"] for s in run["shares"]}
    assert 0 < shares[("car", "USA")] < 1 and ("ndfeb_magnet", "DEU") in shares


def test_ledger_measures_named_by_the_concordance_exist() -> None:
    from tradewar.supply.concordance import load_concordance

    ledger = Path(__file__).parents[2] / "src" / "tradewar" / "ledger" / "data"
    ids = {
        measure["id"]
        for path in ledger.glob("*.yaml")
        for measure in yaml.safe_load(path.read_text(encoding="utf-8"))["measures"]
    }
    concordance = load_concordance()
    for control in concordance.china_controls:
        assert set(control.measures) <= ids, control.id


def test_distinct_inputs_keep_the_equilibrium_and_bind_when_stopped(table: MRIO) -> None:
    """A stopped input with no substitute: no shock -> baseline; a stop -> its buyers are
    held back once their own stock of it runs low, far more than with re-sourcing."""
    from tradewar.supply.chokepoints import distinct_edges

    stop = ExportStop(("R01",), "S000", weeks=6)
    distinct = distinct_edges(table, stop)
    params = ArioParameters(inventory_days=np.full(3, 10.0))
    calm = simulate_sectors(build_system(table, params, distinct), 60, params=params)
    assert np.abs(calm.relative_production() - 1.0).max() < 1e-9
    shock = export_stop_shock(table, _final_by_region(table), stop, 70)
    strict = ArioParameters(inventory_days=np.full(3, 10.0), resourcing=False)
    none = simulate_sectors(build_system(table, strict, distinct), 70, shock, strict)
    full = simulate_sectors(build_system(table, params), 70, shock, params)
    buyers = np.unique(table.buyer[distinct])
    buyers = buyers[buyers // 3 != 1]
    assert none.relative_production()[:42, buyers].min() < 0.7
    assert (
        full.relative_production()[:42, buyers].min()
        > none.relative_production()[:42, buyers].min()
    )
    # after the stop, orders resume and the buyers recover
    assert (
        none.relative_production()[-1, buyers].min() > none.relative_production()[:42, buyers].min()
    )
    critical = distinct_edges(table, stop, ("S002",))
    assert np.all(table.buyer[critical] % 3 == 2) and critical.sum() < distinct.sum()
    with pytest.raises(InvalidInput, match="critical_for: got 'c99'"):
        distinct_edges(table, stop, ("c99",))
    with pytest.raises(InvalidInput, match="distinct has shape"):
        build_system(table, params, distinct[:-1])


def test_chips_with_no_substitute_hold_chinese_buyers_back(wiod: IOTable) -> None:
    run = _chip_controls(
        "--weeks", "5", "--substitution", "none", "--critical-for", "c14",
        "--critical-for", "c15", "--top", "20",
    )  # fmt: skip
    assert run["substitution"] == "none" and run["critical_for"] == ["c14", "c15"]
    chinese = {r["sector"]: r for r in run["industries"] if r["region"] == "CHN"}
    assert chinese["c14"]["min_output_share"] < 0.9 and chinese["c15"]["min_output_share"] < 0.9
    assert run["regions"][0]["region"] == "CHN"
    result = runner.invoke(app, ["supply", "chokepoints", "--supplier", "CHN", "--industry",
                                 "c12", "--critical-for", "c14"])  # fmt: skip
    said = " ".join(result.output.split())
    assert result.exit_code != 0 and "--critical-for: got ['c14'], which applies only" in said
    assert "with substitution 'none'" in said
