"""The CLI and the API give the same table files for the same query: ``--csv`` and
``format=csv`` the same bytes, and so ``--out FILE`` and ``format=`` in every format (CSV,
XLSX, Parquet); the files read back to the CSV's columns and values, and carry their
provenance."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.web.conftest import make_settings
from tradewar import __version__
from tradewar.cli.app import app
from tradewar.tabular import (
    XLSX_FIXED_TIME,
    Provenance,
    Table,
    read_parquet_provenance,
    table_bytes,
    write_file,
)
from tradewar.web.app import create_app

QUERIES = {
    "timeline": (
        ["timeline", "--importer", "USA", "--exporter", "CHN", "--from", "2025-01-01",
         "--to", "2025-12-31"],
        ("/api/v1/timeline", {"importer": "USA", "exporter": "CHN", "from": "2025-01-01",
                              "to": "2025-12-31"}),
    ),
    "state": (
        ["state", "--on", "2025-05-20", "--between", "USA", "CHN"],
        ("/api/v1/state", {"on": "2025-05-20", "a": "USA", "b": "CHN"}),
    ),
    "diff": (
        ["diff", "--from", "2025-04-01", "--to", "2025-05-20", "--between", "USA", "CHN"],
        ("/api/v1/diff", {"from": "2025-04-01", "to": "2025-05-20", "a": "USA", "b": "CHN"}),
    ),
    "measures": (
        ["measures", "list", "--imposing", "USA", "--kind", "tariff"],
        ("/api/v1/measures", {"imposing": "USA", "kind": "tariff"}),
    ),
    "tariff": (
        ["tariff", "--importer", "USA", "--exporter", "CHN", "--on", "2025-05-20"],
        ("/api/v1/tariff", {"importer": "USA", "exporter": "CHN", "on": "2025-05-20"}),
    ),
    "history": (
        ["measures", "history", "us-ieepa-fentanyl-20"],
        ("/api/v1/measures/us-ieepa-fentanyl-20/history", {}),
    ),
}  # fmt: skip

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


@pytest.fixture(scope="module")
def shared_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    """An API client and the database URL the CLI reads: one SQLite ledger for both."""
    folder = tmp_path_factory.mktemp("same-csv")
    settings = make_settings(folder, None)
    with TestClient(create_app(settings)) as client:
        yield client, settings.database_url


def _cli(database_url: str, args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, env={"TRADEWAR_DATABASE_URL": database_url})
    return result.exit_code, result.output


def _cli_file(database_url: str, table: str, path: Path) -> bytes:
    code, output = _cli(database_url, [*QUERIES[table][0], "--out", str(path)])
    assert code == 0, output
    return path.read_bytes()


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _same_value(text: str, value: object) -> bool:
    """A CSV cell and a typed cell read back agree (numbers by value, dates as ISO text)."""
    if value is None or (isinstance(value, float) and value != value):
        return text == ""
    if hasattr(value, "isoformat"):
        return text == value.isoformat()[: len(text)]
    if isinstance(value, bool):
        return text == str(value)
    if isinstance(value, int | float):
        return float(text) == float(value)
    return text == str(value)


def _assert_same_table(
    expected: list[dict[str, str]], columns: list[str], rows: list[dict]
) -> None:  # type: ignore[type-arg]
    assert columns == list(expected[0])
    assert len(rows) == len(expected)
    for want, got in zip(expected, rows, strict=True):
        for name in columns:
            assert _same_value(want[name], got[name]), (name, want[name], got[name])


@pytest.mark.parametrize("table", list(QUERIES))
def test_cli_and_api_csv_are_byte_identical(
    shared_ledger: tuple[TestClient, str], table: str
) -> None:
    client, database_url = shared_ledger
    cli_args, (path, params) = QUERIES[table]
    result = CliRunner().invoke(
        app, [*cli_args, "--csv"], env={"TRADEWAR_DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, result.output
    response = client.get(path, params={**params, "format": "csv"})
    assert response.status_code == 200, response.text
    assert response.content == result.stdout_bytes
    assert len(result.stdout.splitlines()) > 1  # a header and at least one row


def test_the_shared_ledger_is_one_file(shared_ledger: tuple[TestClient, str]) -> None:
    _client, database_url = shared_ledger
    assert Path(database_url.removeprefix("sqlite:///")).exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
@pytest.mark.parametrize("table", list(QUERIES))
def test_cli_file_and_api_download_are_byte_identical(
    shared_ledger: tuple[TestClient, str], tmp_path: Path, table: str, fmt: str
) -> None:
    client, database_url = shared_ledger
    written = _cli_file(database_url, table, tmp_path / f"{table}.{fmt}")
    path, params = QUERIES[table][1]
    response = client.get(path, params={**params, "format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == MEDIA_TYPES[fmt]
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith(f'.{fmt}"')
    assert response.content == written


@pytest.mark.parametrize("table", list(QUERIES))
def test_csv_out_is_what_csv_flag_prints(
    shared_ledger: tuple[TestClient, str], tmp_path: Path, table: str
) -> None:
    _client, database_url = shared_ledger
    written = _cli_file(database_url, table, tmp_path / "t.csv")
    result = CliRunner().invoke(
        app, [*QUERIES[table][0], "--csv"], env={"TRADEWAR_DATABASE_URL": database_url}
    )
    assert result.stdout_bytes == written
    assert len(_csv_rows(written)) >= 1


@pytest.mark.parametrize("table", list(QUERIES))
def test_xlsx_parquet_and_json_read_back_to_the_csv(
    shared_ledger: tuple[TestClient, str], tmp_path: Path, table: str
) -> None:
    _client, database_url = shared_ledger
    expected = _csv_rows(_cli_file(database_url, table, tmp_path / "t.csv"))

    frame = pd.read_parquet(io.BytesIO(_cli_file(database_url, table, tmp_path / "t.parquet")))
    _assert_same_table(expected, list(frame.columns), frame.to_dict(orient="records"))

    book = load_workbook(io.BytesIO(_cli_file(database_url, table, tmp_path / "t.xlsx")))
    sheet = list(book["data"].iter_rows(values_only=True))
    header = [str(c) for c in sheet[0]]
    _assert_same_table(expected, header, [dict(zip(header, r, strict=True)) for r in sheet[1:]])

    records = json.loads(_cli_file(database_url, table, tmp_path / "t.json"))
    assert [list(r) for r in records] == [list(expected[0])] * len(expected)
    assert len(records) == len(expected)


def test_files_carry_their_provenance(
    shared_ledger: tuple[TestClient, str], tmp_path: Path
) -> None:
    _client, database_url = shared_ledger
    parquet = tmp_path / "timeline.parquet"
    _cli_file(database_url, "timeline", parquet)
    record = read_parquet_provenance(parquet)
    assert record["tradewar_version"] == __version__
    assert record["query"] == {"table": "timeline", "importer": "USA", "exporter": "CHN",
                               "start": "2025-01-01", "end": "2025-12-31"}  # fmt: skip
    assert record["verified_through"]  # the ledger's last verified fact, ISO date
    assert record["record_as_of"]

    xlsx = tmp_path / "timeline.xlsx"
    _cli_file(database_url, "timeline", xlsx)
    readme = dict(load_workbook(xlsx)["README"].iter_rows(min_row=2, values_only=True))
    assert readme["tradewar version"] == __version__
    assert readme["verified through"] == record["verified_through"]
    assert readme["query: importer"] == "USA"


def test_a_bad_suffix_names_the_option_and_writes_nothing(
    shared_ledger: tuple[TestClient, str], tmp_path: Path
) -> None:
    _client, database_url = shared_ledger
    target = tmp_path / "state.pdf"
    code, output = _cli(database_url, [*QUERIES["state"][0], "--out", str(target)])
    assert code != 0
    assert "--out" in output and ".pdf" in output and ".parquet" in output
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_query_leaves_an_existing_file_whole(
    shared_ledger: tuple[TestClient, str], tmp_path: Path
) -> None:
    _client, database_url = shared_ledger
    target = tmp_path / "timeline.csv"
    target.write_bytes(b"kept\n")
    args = ["timeline", "--importer", "USA", "--exporter", "CHN", "--from", "2025-13-01"]
    code, output = _cli(database_url, [*args, "--out", str(target)])
    assert code != 0 and "--from" in output
    assert target.read_bytes() == b"kept\n"
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.csv"]  # no temporary left


def test_out_with_csv_is_refused(shared_ledger: tuple[TestClient, str], tmp_path: Path) -> None:
    _client, database_url = shared_ledger
    code, output = _cli(
        database_url, [*QUERIES["diff"][0], "--csv", "--out", str(tmp_path / "d.csv")]
    )
    assert code != 0 and "--out" in output


def test_a_bad_format_names_the_parameter(shared_ledger: tuple[TestClient, str]) -> None:
    client, _database_url = shared_ledger
    path, params = QUERIES["timeline"][1]
    response = client.get(path, params={**params, "format": "pdf"})
    assert response.status_code == 422
    assert "format" in response.text and "parquet" in response.text


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        target = write_file(b"a\n", tmp_path / "t.csv")
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_xlsx_bytes_carry_no_time_of_writing() -> None:
    """The same table gives the same workbook at any time: fixed properties and zip dates."""
    data = table_bytes(Table(["a"], [{"a": 1}], Provenance("t")), "xlsx")
    stamp = XLSX_FIXED_TIME.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {stamp}
    book = load_workbook(io.BytesIO(data))
    assert book.properties.created == book.properties.modified == XLSX_FIXED_TIME
