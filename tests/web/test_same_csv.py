"""The CLI's ``--csv`` and the API's ``format=csv`` give the same bytes for the same query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import make_settings
from tradewar.cli.app import app
from tradewar.web.app import create_app


@pytest.fixture(scope="module")
def shared_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    """An API client and the database URL the CLI reads: one SQLite ledger for both."""
    folder = tmp_path_factory.mktemp("same-csv")
    settings = make_settings(folder, None)
    with TestClient(create_app(settings)) as client:
        yield client, settings.database_url


QUERIES = [
    pytest.param(
        ["timeline", "--importer", "USA", "--exporter", "CHN", "--from", "2025-01-01",
         "--to", "2025-12-31"],
        ("/api/v1/timeline", {"importer": "USA", "exporter": "CHN", "from": "2025-01-01",
                              "to": "2025-12-31"}),
        id="timeline",
    ),
    pytest.param(
        ["state", "--on", "2025-05-20", "--between", "USA", "CHN"],
        ("/api/v1/state", {"on": "2025-05-20", "a": "USA", "b": "CHN"}),
        id="state",
    ),
    pytest.param(
        ["diff", "--from", "2025-04-01", "--to", "2025-05-20", "--between", "USA", "CHN"],
        ("/api/v1/diff", {"from": "2025-04-01", "to": "2025-05-20", "a": "USA", "b": "CHN"}),
        id="diff",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("cli_args", "api_query"), QUERIES)
def test_cli_and_api_csv_are_byte_identical(
    shared_ledger: tuple[TestClient, str],
    cli_args: list[str],
    api_query: tuple[str, dict[str, str]],
) -> None:
    client, database_url = shared_ledger
    result = CliRunner().invoke(
        app, [*cli_args, "--csv"], env={"TRADEWAR_DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, result.output
    path, params = api_query
    response = client.get(path, params={**params, "format": "csv"})
    assert response.status_code == 200, response.text
    assert response.content == result.stdout_bytes
    assert len(result.stdout.splitlines()) > 1  # a header and at least one row


def test_the_shared_ledger_is_one_file(shared_ledger: tuple[TestClient, str]) -> None:
    _client, database_url = shared_ledger
    assert Path(database_url.removeprefix("sqlite:///")).exists()
