"""Sweeps of bundled scenarios on the full data: files, manifest, replay, engines agree."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tradewar.config import Settings
from tradewar.errors import InvalidInput
from tradewar.services.scenarios import ScenarioService
from tradewar.services.sweeps import (
    SweepOutcome,
    SweepRequest,
    SweepService,
    sha256_of,
    write_sweep,
)
from tradewar.sweeps.bands import read_sweep
from tradewar.sweeps.engines import DaskEngine, LocalEngine
from tradewar.sweeps.spec import parse_variations, sample_values

pytestmark = pytest.mark.needs_data

VARY = parse_variations(
    ("epsilon=2:8", "kappa=normal(0.5,0.2)", "USA<-CHN=0.2:1.45", "tariff_scale=0.8:1.2")
)
REQUEST = SweepRequest("liberation-day", VARY, draws=12, seed=2025, countries=("MEX",))


@pytest.fixture(scope="module")
def outcome(sweep_service: SweepService, tmp_path_factory: pytest.TempPathFactory) -> SweepOutcome:
    out = tmp_path_factory.mktemp("sweep") / "liberation.parquet"
    return sweep_service.run(REQUEST, out, engine=LocalEngine(2))


def test_files_and_rows(outcome: SweepOutcome) -> None:
    assert outcome.parquet is not None and outcome.parquet.is_file()
    assert outcome.manifest_path == outcome.parquet.with_name("liberation.MANIFEST.json")
    rows, embedded = read_sweep(outcome.parquet)
    pd.testing.assert_frame_equal(rows, outcome.rows)
    assert sorted(rows["draw"].unique()) == list(range(12))
    assert set(rows["iso3"]) == {"USA", "CHN", "EU", "RoW", "non-US", "world", "MEX"}
    assert (rows["status"] == "ok").all()
    assert embedded is not None and embedded["sweep"]["seeds"] == outcome.manifest["sweep"]["seeds"]


def test_manifest_records_inputs_seeds_and_engine(outcome: SweepOutcome, data_dir: Path) -> None:
    manifest = json.loads(outcome.manifest_path.read_text())  # type: ignore[union-attr]
    files = {f["file"]: f["sha256"] for f in manifest["inputs"]["files"]}
    assert files["ge/trade_cepii.csv"] == sha256_of(data_dir / "ge" / "trade_cepii.csv")
    assert set(files) == {
        "ge/country_labels.csv",
        "ge/trade_cepii.csv",
        "ge/gdp.csv",
        "ge/tariffs.csv",
    }
    assert "name: liberation-day" in manifest["scenario"]["yaml"]
    assert manifest["sweep"]["root_seed"] == 2025 and len(manifest["sweep"]["seeds"]) == 12
    assert [v["option"] for v in manifest["sweep"]["variations"]] == [v.option for v in VARY]
    assert manifest["engine"] == {
        "engine": "local",
        "workers": 2,
        "start_method": manifest["engine"]["start_method"],
        "blas_threads_per_worker": 1,
    }
    assert manifest["results"]["sha256"] == sha256_of(outcome.parquet)  # type: ignore[arg-type]
    assert manifest["tradewar_version"] and manifest["created_at"].endswith("+00:00")


def test_a_seed_from_the_manifest_reproduces_its_draw(
    outcome: SweepOutcome, sweep_service: SweepService
) -> None:
    manifest = outcome.manifest
    variations = parse_variations([v["option"] for v in manifest["sweep"]["variations"]])
    seed = manifest["sweep"]["seeds"][7]
    draw7 = outcome.rows[outcome.rows["draw"] == 7].reset_index(drop=True)
    values = sample_values(variations, seed)
    assert values["epsilon"] == draw7["epsilon"].iloc[0]
    assert values["USA<-CHN"] == draw7["USA<-CHN"].iloc[0]
    pd.testing.assert_frame_equal(sweep_service.replay(manifest, [7]), draw7)


def test_the_same_seed_gives_the_same_rows_on_one_worker_and_on_dask(
    outcome: SweepOutcome, sweep_service: SweepService
) -> None:
    pytest.importorskip("distributed", reason="the Dask engine needs the 'dask' extra")
    small = SweepRequest(REQUEST.scenario, REQUEST.vary, draws=6, seed=2025, countries=("MEX",))
    first = outcome.rows[outcome.rows["draw"] < 6]
    one = sweep_service.run(small, engine=LocalEngine(1))
    pd.testing.assert_frame_equal(one.rows, first)
    dask = sweep_service.run(small, engine=DaskEngine(2, processes=False))
    pd.testing.assert_frame_equal(dask.rows, first)
    assert dask.manifest["engine"]["scheduler"] == "LocalCluster"


def test_fixed_central_parameters_reproduce_the_scenario_run(
    sweep_service: SweepService, sweep_settings: Settings
) -> None:
    request = SweepRequest(
        "geneva-truce", parse_variations(("epsilon=4", "tariff_scale=1")), draws=2, seed=1
    )
    rows = sweep_service.run(request, engine=LocalEngine(1)).rows
    groups = ScenarioService(sweep_settings).run("geneva-truce").equilibrium.groups()
    expected = groups.set_index("group")
    for record in rows[rows["draw"] == 1].to_dict(orient="records"):
        assert record["value"] == pytest.approx(
            expected.loc[record["iso3"], record["variable"]], rel=1e-7, abs=1e-9
        )


def test_bands_sit_beside_a_scenario_comparison(
    outcome: SweepOutcome, sweep_service: SweepService
) -> None:
    from tradewar.sweeps.bands import with_bands

    table = sweep_service.scenarios.compare(["liberation-day", "prewar"])
    joined = with_bands(table, sweep_service.summary([outcome.parquet]))  # type: ignore[list-item]
    swept = joined[joined["scenario"] == "liberation-day"]
    assert swept[["q05", "q50", "q95"]].notna().all().all()
    assert (swept["draws"] == 12).all()
    assert joined.loc[joined["scenario"] == "prewar", "q50"].isna().all()
    assert list(joined["value"]) == list(table["value"])


def test_compare_solves_each_scenario_at_the_central_parameters(
    outcome: SweepOutcome, sweep_service: SweepService
) -> None:
    comparison = sweep_service.compare([outcome.parquet])  # type: ignore[list-item]
    assert comparison.notes == ()
    table = comparison.table
    bands = sweep_service.summary([outcome.parquet])  # type: ignore[list-item]
    assert len(table) == len(bands)
    assert set(table["iso3"]) == {"USA", "CHN", "EU", "RoW", "non-US", "world", "MEX"}
    central = sweep_service.scenarios.run("liberation-day").tidy()
    expected = central.set_index(["iso3", "is_group", "variable"])["value"]
    for record in table.to_dict(orient="records"):
        key = (record["iso3"], record["is_group"], record["variable"])
        assert record["value"] == pytest.approx(expected[key])
        assert record["draws"] == 12 and record["q05"] <= record["q50"] <= record["q95"]
    assert set(table["unit"]) == {"percent change", "share of expenditure"}


def test_a_sweep_just_run_compares_in_memory_as_its_file_does(
    outcome: SweepOutcome, sweep_service: SweepService
) -> None:
    from_file = sweep_service.compare([outcome.parquet])  # type: ignore[list-item]
    in_memory = sweep_service.compare_outcomes([outcome])
    pd.testing.assert_frame_equal(in_memory.table, from_file.table)
    assert in_memory.notes == from_file.notes == ()


def test_compare_notes_a_ledger_that_changed_since_the_sweep(
    outcome: SweepOutcome, sweep_service: SweepService, tmp_path: Path
) -> None:
    manifest = json.loads(json.dumps(outcome.manifest))
    manifest["scenario"]["tariffs_sha256"] = "0" * 64
    manifest["model"]["central_parameters"]["epsilon"] = 8.0
    stale = tmp_path / "stale.parquet"
    write_sweep(outcome.rows, manifest, stale)
    notes = sweep_service.compare([stale]).notes
    assert len(notes) == 2
    assert "different tariff matrix than the sweep drew around" in notes[0]
    assert "central epsilon differ from the sweep's (epsilon=8)" in notes[1]


def test_compare_needs_the_manifest(tmp_path: Path, sweep_service: SweepService) -> None:
    bare = tmp_path / "bare.parquet"
    pd.DataFrame(
        {"scenario": ["s"], "draw": [0], "status": ["ok"], "iso3": ["USA"], "is_group": [True],
         "variable": ["welfare"], "value": [1.0]}
    ).to_parquet(bare)  # fmt: skip
    with pytest.raises(InvalidInput, match=r"bare\.parquet: has no tradewar\.manifest metadata"):
        sweep_service.compare([bare])
    with pytest.raises(InvalidInput, match="at least one sweep"):
        sweep_service.compare([])
