"""Industry scenarios: HTS-10 lines to the 16 industries, and a scenario of the record on
the sectoral model."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.model.sectors.industries import (
    AVERAGING_NOTE,
    CROSSWALK,
    gtap_concordance,
    load_industry_lines,
)

runner = CliRunner()


@pytest.fixture(scope="module")
def crosswalk_dir(ll2023_dir: Path) -> Path:
    if not (ll2023_dir / CROSSWALK).is_file():
        pytest.skip(f"{ll2023_dir / CROSSWALK} is missing.")
    return ll2023_dir


def test_concordance_covers_every_gtap_goods_code_of_the_crosswalk(crosswalk_dir: Path) -> None:
    concordance = gtap_concordance()
    with (crosswalk_dir / CROSSWALK).open(newline="") as handle:
        codes = {row["gtap_code"].strip().upper() for row in csv.DictReader(handle)}
    assert codes - set(concordance) == {"NA"}
    lines = load_industry_lines(crosswalk_dir)
    assert all(len(lines.lines[k]) > 0 for k in range(1, 16))
    assert len(lines.unmapped) == 75  # 74 NA lines and electricity (2716), a utility
    steel = next(code for code in lines.lines[11] if code.startswith("7208"))
    assert steel.startswith("7208")
    assert concordance["ELE"] == 12 and concordance["MVH"] == 14 and concordance["OSD"] == 1


def test_simple_average_rule(crosswalk_dir: Path) -> None:
    lines = load_industry_lines(crosswalk_dir)
    rates = lines.average(lambda code: 10.0 if code.startswith("72") else 0.0)
    metals = lines.lines[11]
    share = sum(code.startswith("72") for code in metals) / len(metals)
    assert rates[10] == pytest.approx(10.0 * share)
    assert rates[15] == 0.0  # services carry no tariff


def _run(name: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict:  # type: ignore[type-arg]
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))
    result = runner.invoke(app, ["scenario", "run", name, "--model", "sectors", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_busan_deal_by_industry(
    data_dir: Path, crosswalk_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = _run("busan-deal", data_dir, monkeypatch)
    us_on_china = payload["additional_tariffs_pct"]["USA on CHN"]
    # 10% fentanyl + 10% reciprocal on every line; the electronics exclusion lowers only
    # the industries holding the excluded lines (computers, phones, chips).
    assert us_on_china["Basic & fabricated metals"] == pytest.approx(20.0)
    assert 10.0 < us_on_china["Electronics & electrical equipment"] < 20.0
    assert us_on_china["Services, utilities & construction"] == 0.0
    china_on_us = payload["additional_tariffs_pct"]["CHN on USA"]
    assert (
        china_on_us["Mining & quarrying"] > china_on_us["Textiles, apparel & leather"]
    )  # coal, LNG
    groups = {g["group"]: g for g in payload["groups"]}
    assert list(groups) == ["USA", "CHN", "EU", "RoW", "world"]
    # China and the world lose; the US, whose 10% baseline on every partner meets retaliation
    # from China only, gains on its terms of trade (as in the one-sector model's Table 1).
    assert groups["CHN"]["welfare_pct"] < 0 and groups["world"]["welfare_pct"] < 0
    assert groups["CHN"]["exports_pct"]["Electronics & electrical equipment"] < 0
    assert AVERAGING_NOTE in payload["notes"]


def test_hypothetical_override_is_uniform_across_goods(
    data_dir: Path, crosswalk_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = _run("full-decoupling", data_dir, monkeypatch)
    rates = payload["additional_tariffs_pct"]["USA on CHN"]
    goods = [value for name, value in rates.items() if not name.startswith("Services")]
    assert len(set(goods)) == 1 and goods[0] > 50.0


def test_sectoral_scenario_csv_and_table(
    data_dir: Path, crosswalk_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(data_dir))
    args = ["scenario", "run", "geneva-truce", "--model", "sectors"]
    tidy = runner.invoke(app, [*args, "--csv"])
    assert tidy.exit_code == 0, tidy.output
    rows = list(csv.DictReader(tidy.stdout.splitlines()))
    assert {row["group"] for row in rows} == {"USA", "CHN", "EU", "RoW", "world"}
    assert {"welfare_pct", "output_pct", "imports_pct"} <= {row["variable"] for row in rows}
    assert "simple (unweighted) averages" in tidy.stderr.replace("\n", " ")
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "Welfare and real wages" in table.stdout
