"""WIOD 2011: loading, balance checks, and the IO algebra against pymrio to 1e-9."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tradewar.errors import DataUnavailable, InvalidData
from tradewar.supply import ioalgebra
from tradewar.supply.wiod import FINAL_FILE, WIOD_FILES, IOTable, load_wiod, wiod_folder

TOLERANCE = 1e-9


def test_wiod_2011_has_41_regions_35_industries_and_balances(wiod: IOTable) -> None:
    assert (len(wiod.regions), len(wiod.sectors), wiod.year) == (41, 35, 2011)
    assert wiod.regions[0] == "AUS" and "RoW" in wiod.regions and "ROM" in wiod.regions
    assert wiod.sectors[11] == "c12" and "Basic metals" in wiod.sector_names[11]
    # the README of the data: 413,525 non-zero flows, 72.4 trillion in all
    assert wiod.z.nnz == 413_525
    assert wiod.z.sum() == pytest.approx(72.4e6, rel=1e-3)
    implied = np.asarray(wiod.z.sum(axis=1)).ravel() + wiod.final.sum(axis=1)
    assert np.max(np.abs(implied - wiod.output)) <= 108
    clipped = wiod.clipped_final()
    assert len(clipped) == 10 and clipped[("JPN", "c2")] == -7154
    table = wiod.mrio()
    assert table.n_industries == 1435 and np.all(table.final_demand >= 0)


def test_missing_or_unbalanced_files_are_named(wiod_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(DataUnavailable, match=r"wiot2011_intermediate\.parquet"):
        load_wiod(tmp_path)
    copy = wiod_folder(tmp_path)
    copy.mkdir()
    for name, _, _ in WIOD_FILES:
        shutil.copyfile(wiod_folder(wiod_dir) / name, copy / name)
    final = pd.read_parquet(copy / FINAL_FILE)
    final.loc[0, "value"] += 1_000_000
    final.to_parquet(copy / FINAL_FILE)
    with pytest.raises(InvalidData, match=r"row 1 .*Z·1 \+ Y"):
        load_wiod(tmp_path)


def _pymrio_system(wiod: IOTable):  # type: ignore[no-untyped-def]
    pymrio = pytest.importorskip("pymrio", reason="pymrio (a test dependency) is not installed")
    index = pd.MultiIndex.from_tuples(wiod.industry_labels(), names=["region", "sector"])
    columns = pd.MultiIndex.from_tuples(wiod.final_columns, names=["region", "category"])
    z = pd.DataFrame(wiod.z.toarray(), index=index, columns=index)
    y = pd.DataFrame(wiod.final, index=index, columns=columns)
    x = pd.DataFrame({"indout": wiod.output}, index=index)
    va = pd.DataFrame([wiod.value_added()], index=["value added"], columns=index)
    io = pymrio.IOSystem(Z=z, Y=y, x=x, name="WIOD 2011")
    io.value_added = pymrio.Extension(name="value added", F=va)
    io.calc_all()
    return io


def test_io_algebra_agrees_with_pymrio_on_wiod_2011(wiod: IOTable) -> None:
    io = _pymrio_system(wiod)
    a = ioalgebra.technical_coefficients(wiod).toarray()
    np.testing.assert_allclose(a, io.A.to_numpy(), rtol=0, atol=TOLERANCE)
    leontief = ioalgebra.leontief_inverse(wiod)
    np.testing.assert_allclose(leontief, io.L.to_numpy(), rtol=TOLERANCE, atol=TOLERANCE)
    np.testing.assert_allclose(
        ioalgebra.output_multipliers(leontief), io.L.sum(axis=0).to_numpy(), rtol=TOLERANCE
    )
    s = ioalgebra.intensities(wiod, wiod.value_added())
    np.testing.assert_allclose(s, io.value_added.S.to_numpy(), rtol=0, atol=TOLERANCE)
    m = ioalgebra.multipliers(wiod, s)
    np.testing.assert_allclose(m, io.value_added.M.to_numpy(), rtol=TOLERANCE, atol=TOLERANCE)
    # footprints: pymrio's D_cba is (stressor) × (region, sector), USD million
    d_cba = ioalgebra.footprints(wiod, m)[0]
    theirs = io.value_added.D_cba.to_numpy().reshape(len(wiod.regions), len(wiod.sectors))
    scale = float(np.abs(theirs).max())
    np.testing.assert_allclose(d_cba, theirs, rtol=TOLERANCE, atol=TOLERANCE * scale)
    # value-added footprints of all regions add up to world value added; exactly only when
    # x = L y, and WIOD's published output differs from Z·1 + Y by its rounding (0.09%)
    assert d_cba.sum() == pytest.approx(wiod.value_added().sum(), rel=2e-3)


def test_multipliers_without_inverse_match_dense_leontief(wiod: IOTable) -> None:
    s = ioalgebra.intensities(wiod, wiod.value_added())
    dense = s @ ioalgebra.leontief_inverse(wiod)
    np.testing.assert_allclose(ioalgebra.multipliers(wiod, s), dense, rtol=1e-10, atol=1e-12)


def test_another_year_loads_the_same_way_and_says_its_year(
    wiod_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table of another year (here the 2011 files renamed 2010) is found, chosen with
    --year, and every label, CSV column and unit names that year."""
    import json

    from typer.testing import CliRunner

    from tradewar.cli.app import app
    from tradewar.supply.wiod import available_years, wiod_files

    folder = wiod_folder(tmp_path)
    folder.mkdir()
    for (name, _, _), (renamed, _, _) in zip(WIOD_FILES, wiod_files(2010), strict=True):
        shutil.copyfile(wiod_folder(wiod_dir) / name, folder / renamed)
    assert available_years(tmp_path) == [2010]
    table = load_wiod(tmp_path)
    assert table.year == 2010 and "WIOD 2010" in table.label and "table for 2010" in table.citation
    with pytest.raises(
        DataUnavailable, match=r"year: no WIOD table for 2011 .*expected one of 2010"
    ):
        load_wiod(tmp_path, 2011)
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path))
    out = tmp_path / "losses.csv"
    result = CliRunner().invoke(
        app,
        ["supply", "chokepoints", "--supplier", "CHN", "--industry", "c12", "--weeks", "1",
         "--year", "2010", "--csv", str(out), "--json", "--top", "2"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)
    assert run["year"] == 2010 and "2010 prices" in run["units"]
    assert "lost_usd_million_2010" in out.read_text().splitlines()[0]
    status = json.loads(CliRunner().invoke(app, ["data", "status", "--json"]).stdout)
    assert {r["file"] for r in status["files"] if r["dataset"] == "wiod"} >= {
        "wiot2010_output.parquet"
    }
