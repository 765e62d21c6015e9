"""Quantile bands: ordered, counting failed draws, read from Parquet; the band chart."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.sweeps.conftest import toy_context, toy_spec
from tradewar.errors import InvalidInput
from tradewar.services.sweeps import write_sweep
from tradewar.sweeps.bands import quantile_bands, read_sweep
from tradewar.sweeps.charts import band_chart
from tradewar.sweeps.worker import solve_chunk


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return solve_chunk(toy_context(), toy_spec(20).sample())


def test_bands_are_ordered_and_count_draws(rows: pd.DataFrame) -> None:
    bands = quantile_bands(rows)
    assert list(bands.columns) == [
        "scenario",
        "iso3",
        "is_group",
        "variable",
        "q05",
        "q50",
        "q95",
        "mean",
        "draws",
        "failed",
    ]
    assert (bands["q05"] <= bands["q50"]).all() and (bands["q50"] <= bands["q95"]).all()
    assert (bands["draws"] == 20).all() and (bands["failed"] == 0).all()
    welfare = bands[(bands["iso3"] == "USA") & (bands["variable"] == "welfare")].iloc[0]
    values = rows[(rows["iso3"] == "USA") & (rows["variable"] == "welfare")]["value"]
    assert welfare["q50"] == pytest.approx(values.median())
    assert welfare["q95"] > welfare["q05"]  # the draws really vary


@given(values=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=60))
def test_any_values_give_ordered_bands(values: list[float]) -> None:
    frame = pd.DataFrame(
        {
            "scenario": "s",
            "draw": range(len(values)),
            "status": "ok",
            "iso3": "USA",
            "is_group": True,
            "variable": "welfare",
            "value": values,
        }
    )
    band = quantile_bands(frame, (0.05, 0.25, 0.5, 0.75, 0.95)).iloc[0]
    ordered = [band[c] for c in ("q05", "q25", "q50", "q75", "q95")]
    assert all(a <= b for a, b in itertools.pairwise(ordered))
    assert min(values) <= band["q05"] and band["q95"] <= max(values)


def test_failed_draws_are_counted_not_hidden(rows: pd.DataFrame) -> None:
    failed = pd.DataFrame(
        [
            {
                "scenario": "toy",
                "draw": 99,
                "seed": 1,
                "status": "failed",
                "iso3": None,
                "is_group": False,
                "variable": None,
                "value": np.nan,
                "error": "ConvergenceError: x",
            }
        ]
    )
    bands = quantile_bands(pd.concat([rows, failed], ignore_index=True))
    assert (bands["failed"] == 1).all()
    assert (bands["draws"] == 20).all()
    assert bands["iso3"].notna().all()


def test_bad_quantiles() -> None:
    with pytest.raises(InvalidInput, match="expected increasing numbers in"):
        quantile_bands(pd.DataFrame(), (0.5, 0.05))


def test_parquet_round_trip_keeps_rows_and_manifest(rows: pd.DataFrame, tmp_path: Path) -> None:
    manifest = {"kind": "tradewar sweep", "results": {"rows": len(rows)}}
    sidecar = write_sweep(rows, manifest, tmp_path / "out" / "toy.parquet")
    assert sidecar.name == "toy.MANIFEST.json"
    assert len(json.loads(sidecar.read_text())["results"]["sha256"]) == 64
    back, embedded = read_sweep(tmp_path / "out" / "toy.parquet")
    pd.testing.assert_frame_equal(back, rows)
    assert embedded == manifest


def test_read_sweep_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"no such file; expected a sweep.s \.parquet output"):
        read_sweep(tmp_path / "missing.parquet")
    junk = tmp_path / "junk.parquet"
    junk.write_text("not parquet")
    with pytest.raises(InvalidInput, match="not a Parquet file"):
        read_sweep(junk)
    other = tmp_path / "other.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(other)
    with pytest.raises(InvalidInput, match="has no column"):
        read_sweep(other)


def test_band_chart_is_a_layered_vega_lite_spec(rows: pd.DataFrame) -> None:
    spec = band_chart(quantile_bands(rows), "welfare")
    assert spec["$schema"].endswith("vega-lite/v5.json")
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "rule", "point"]
    assert {row["iso3"] for row in spec["data"]["values"]} >= {"USA", "CHN", "DEU"}
    json.dumps(spec)
    with pytest.raises(InvalidInput, match="variable 'gdp' has no bands"):
        band_chart(quantile_bands(rows), "gdp")


def test_band_chart_marks_the_central_result_when_given(rows: pd.DataFrame) -> None:
    bands = quantile_bands(rows)
    central = bands.assign(value=bands["q50"] + 0.25)
    spec = band_chart(central, "welfare")
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "rule", "point", "tick"]
    assert spec["layer"][-1]["encoding"]["x"]["field"] == "value"
    assert "tick: central parameters" in spec["title"]
    usa = next(r for r in spec["data"]["values"] if r["iso3"] == "USA")
    welfare = central[(central["iso3"] == "USA") & (central["variable"] == "welfare")]
    assert usa["value"] == pytest.approx(float(welfare["value"].iloc[0]))
    json.dumps(spec)
