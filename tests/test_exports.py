"""Exports: CSV, XLSX (with a README sheet), Parquet and JSON round-trip, each with a manifest."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from tradewar import __version__
from tradewar.errors import InvalidInput
from tradewar.exports import (
    EXPORT_SUFFIXES,
    Manifest,
    export_bytes,
    manifest_path_for,
    read_parquet_manifest,
    write_table,
)

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "scenario": ["liberation-day"] * 3 + ["geneva-truce"] * 3,
            "iso3": ["USA", "CHN", "EU", "USA", "CHN", "EU"],
            "is_group": [True, True, True, True, True, True],
            "variable": ["welfare"] * 6,
            "value": [1.13, -1.14, -0.22, 1.1, -0.64, -0.12],
            "unit": ["percent change"] * 6,
        }
    )


@pytest.fixture
def manifest(tmp_path: Path) -> Manifest:
    data = tmp_path / "trade.csv"
    data.write_text("exporter,importer,value\nCHN,USA,1\n")
    return Manifest(
        title="Scenario comparison",
        inputs={"trade flows": str(data), "scenario": "liberation-day"},
        parameters={"trade_elasticity": 4.0, "countries": ["USA", "CHN"]},
        units={"value": "percent change (revenue_share: share of expenditure)"},
        sources=[
            {
                "url": "https://example.org/eo",
                "publisher": "White House",
                "quote": "a 34% additional duty",
            }
        ],
        assumptions=["Section 301 product lists excluded", "one sector"],
        data_as_of=date(2025, 11, 10),
        vintage="CEPII trade flows 2023",
    )


def _manifest(path: Path) -> dict:
    sidecar = manifest_path_for(path)
    assert sidecar.name == f"{path.stem}.MANIFEST.json"
    return json.loads(sidecar.read_text())


def _check_manifest(record: dict, path: Path, tmp_path: Path) -> None:
    assert record["tradewar_version"] == __version__
    created = datetime.fromisoformat(record["created_at"])
    offset = created.utcoffset()
    assert offset is not None and offset.total_seconds() == 0
    assert abs((datetime.now(UTC) - created).total_seconds()) < 120
    assert record["data_as_of"] == "2025-11-10"
    inputs = {i["name"]: i for i in record["inputs"]}
    expected = hashlib.sha256((tmp_path / "trade.csv").read_bytes()).hexdigest()
    assert inputs["trade flows"]["sha256"] == expected
    assert "sha256" not in inputs["scenario"]  # not a file: recorded as given
    assert record["parameters"]["trade_elasticity"] == 4.0
    assert record["assumptions"] == ["Section 301 product lists excluded", "one sector"]
    assert "tradewar" in record["citation"] and __version__ in record["citation"]
    assert record["table"]["rows"] == 6
    assert record["table"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_csv_round_trip(frame: pd.DataFrame, manifest: Manifest, tmp_path: Path) -> None:
    path = tmp_path / "out" / "compare.csv"
    sidecar = write_table(frame, path, manifest)
    assert sidecar == manifest_path_for(path)
    pd.testing.assert_frame_equal(pd.read_csv(path), frame, check_dtype=False)
    assert path.read_bytes().decode("utf-8").startswith("scenario,iso3,")
    _check_manifest(_manifest(path), path, tmp_path)


def test_parquet_round_trip_with_embedded_manifest(
    frame: pd.DataFrame, manifest: Manifest, tmp_path: Path
) -> None:
    path = tmp_path / "compare.parquet"
    write_table(frame, path, manifest)
    pd.testing.assert_frame_equal(pd.read_parquet(path), frame, check_dtype=False)
    embedded = read_parquet_manifest(path)
    assert embedded["title"] == "Scenario comparison"
    assert embedded["inputs"] == _manifest(path)["inputs"]
    _check_manifest(_manifest(path), path, tmp_path)


def test_xlsx_round_trip_and_readme_sheet(
    frame: pd.DataFrame, manifest: Manifest, tmp_path: Path
) -> None:
    path = tmp_path / "compare.xlsx"
    write_table(frame, path, manifest)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["data", "README"]
    pd.testing.assert_frame_equal(sheets["data"], frame, check_dtype=False)
    readme = dict(zip(sheets["README"]["field"].fillna(""), sheets["README"]["value"].fillna(""),
                      strict=True))  # fmt: skip
    assert readme["unit: value"].startswith("percent change")
    assert "https://example.org/eo" in readme["source: White House"]
    assert readme["data as of"] == "2025-11-10"
    assert readme["vintage"] == "CEPII trade flows 2023"
    assert readme["tradewar version"] == __version__
    text = " ".join(str(v) for v in sheets["README"]["value"])
    assert "Section 301 product lists excluded" in text
    _check_manifest(_manifest(path), path, tmp_path)


def test_json_records(frame: pd.DataFrame, manifest: Manifest, tmp_path: Path) -> None:
    path = tmp_path / "compare.json"
    write_table(frame, path, manifest)
    assert pd.DataFrame(json.loads(path.read_text())).equals(frame)
    assert _manifest(path)["table"]["format"] == "json"


def test_unknown_suffix_names_it(frame: pd.DataFrame, manifest: Manifest, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as err:
        write_table(frame, tmp_path / "compare.tsv", manifest)
    assert "'.tsv'" in str(err.value) and all(s in str(err.value) for s in EXPORT_SUFFIXES)
    assert not list(tmp_path.glob("compare*"))


def test_minimal_manifest(frame: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table(frame, path, Manifest(title="bare"))
    record = _manifest(path)
    assert record["data_as_of"] is None and record["inputs"] == []
    readme = pd.read_excel(path, sheet_name="README")
    assert "not stated" in set(readme["value"].dropna())


def test_scenario_manifest_from_runs(frame: pd.DataFrame, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from tradewar.exports import scenario_manifest

    source = {"url": "https://example.org/eo", "publisher": "White House"}
    runs = [
        SimpleNamespace(scenario=SimpleNamespace(name="liberation-day", on=date(2025, 4, 9)),
                        assumptions=["one sector"], sources=[source]),
        SimpleNamespace(scenario=SimpleNamespace(name="geneva-truce", on=date(2025, 5, 14)),
                        assumptions=["90-day truce holds"], sources=[source]),
    ]  # fmt: skip
    data = tmp_path / "trade_cepii.csv"
    data.write_text("x\n1\n")
    manifest = scenario_manifest(runs, title="compare", frame=frame, data_files=[data])
    assert manifest.data_as_of == date(2025, 5, 14)
    assert manifest.sources == [source]  # de-duplicated
    assert manifest.assumptions == [
        "liberation-day: one sector",
        "geneva-truce: 90-day truce holds",
    ]
    assert manifest.units == {"welfare": "percent change"}
    record = manifest.to_dict()
    assert record["parameters"]["scenarios"] == ["liberation-day", "geneva-truce"]
    hashed = {i["name"]: i.get("sha256") for i in record["inputs"]}
    assert hashed["data trade_cepii.csv"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert hashed["scenario geneva-truce"] is None


@pytest.mark.parametrize("suffix", EXPORT_SUFFIXES)
def test_export_bytes_are_what_write_table_writes(
    frame: pd.DataFrame, manifest: Manifest, tmp_path: Path, suffix: str
) -> None:
    """The web API sends export_bytes(); a file from write_table() holds the same table."""
    data, record = export_bytes(frame, f"compare{suffix}", manifest)
    assert record["table"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["table"]["file"] == f"compare{suffix}" and record["table"]["rows"] == 6
    path = tmp_path / f"compare{suffix}"
    write_table(frame, path, manifest)
    if suffix in (".csv", ".json"):  # text formats are byte-identical
        assert path.read_bytes() == data
    (tmp_path / f"sent{suffix}").write_bytes(data)
    readers = {".csv": pd.read_csv, ".json": pd.read_json, ".parquet": pd.read_parquet,
               ".xlsx": pd.read_excel}  # fmt: skip
    sent, written = readers[suffix](tmp_path / f"sent{suffix}"), readers[suffix](path)
    pd.testing.assert_frame_equal(sent, written)


def test_scenario_manifest_dates_its_ledger() -> None:
    from types import SimpleNamespace

    from tradewar.exports import scenario_manifest

    runs = [
        SimpleNamespace(scenario=SimpleNamespace(name="geneva-truce", on=date(2025, 5, 14)),
                        assumptions=[], sources=[]),
        SimpleNamespace(scenario=SimpleNamespace(name="free-trade", on=None),
                        assumptions=[], sources=[]),
    ]  # fmt: skip
    manifest = scenario_manifest(runs, title="t", ledger_as_of=date(2026, 5, 17))
    assert manifest.data_as_of == date(2026, 5, 17)
    assert "2026-05-17" in manifest.vintage
    assert manifest.parameters["scenario_dates"] == {
        "geneva-truce": "2025-05-14",
        "free-trade": None,
    }


def test_comparison_export_of_real_scenarios(tmp_path: Path) -> None:
    """What 'tradewar scenario compare --out' and the API's downloads write, on the full data."""
    import os

    from tradewar.config import Settings
    from tradewar.exports import comparison_export
    from tradewar.ledger.loader import bundled_measures_path, load_measure_file
    from tradewar.services.scenarios import ScenarioService

    data = Path(os.environ.get("TRADEWAR_DATA_DIR", "(unset)"))
    if not (data / "ge" / "trade_cepii.csv").is_file():
        pytest.skip(f"needs the GE data: TRADEWAR_DATA_DIR={str(data)!r} has no ge/trade_cepii.csv")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'ledger.sqlite'}", data_dir=data)
    export = comparison_export(
        ScenarioService(settings), ["peak-escalation", "geneva-truce"], ["JPN"]
    )
    sidecar = write_table(export.table, tmp_path / "compare.xlsx", export.manifest)
    record = json.loads(sidecar.read_text())
    assert record["data_as_of"] == load_measure_file(bundled_measures_path()).as_of.isoformat()
    hashed = {i["name"]: i.get("sha256") for i in record["inputs"]}
    expected = hashlib.sha256((data / "ge" / "trade_cepii.csv").read_bytes()).hexdigest()
    assert hashed["data trade_cepii.csv"] == expected
    assert any(a.startswith("geneva-truce: ") for a in record["assumptions"])
    assert {s.get("measure") for s in record["sources"]} >= {"us-ieepa-fentanyl-20", "cn-tariff-34"}
    sheets = pd.read_excel(tmp_path / "compare.xlsx", sheet_name=None)
    assert len(sheets["data"]) == record["table"]["rows"] == 2 * 6 * 9
    readme = sheets["README"]
    assert (readme["field"] == "assumption").sum() == len(record["assumptions"])


@pytest.mark.parametrize("suffix", EXPORT_SUFFIXES)
def test_source_date_epoch_makes_exports_byte_identical(
    frame: pd.DataFrame, manifest: Manifest, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """Two exports made apart in time are the same bytes when SOURCE_DATE_EPOCH fixes the
    creation time; without it they record when each was made."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    first, record = export_bytes(frame, f"compare{suffix}", manifest)
    monkeypatch.setattr("tradewar.exports.datetime", _LaterClock)
    second, _ = export_bytes(frame, f"compare{suffix}", manifest)
    assert first == second
    assert record["created_at"] == "2025-12-01T00:00:00+00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    _, unpinned = export_bytes(frame, f"compare{suffix}", manifest)
    assert unpinned["created_at"] == _LaterClock.now(UTC).isoformat(timespec="seconds")


class _LaterClock(datetime):
    """A clock two days ahead of the fixed epoch above."""

    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return datetime(2025, 12, 3, 12, 0, tzinfo=UTC)


def test_a_source_date_epoch_that_is_no_count_of_seconds_is_named(
    frame: pd.DataFrame, manifest: Manifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2025-12-01")
    with pytest.raises(InvalidInput, match="SOURCE_DATE_EPOCH: '2025-12-01' is not a count"):
        export_bytes(frame, "compare.csv", manifest)
