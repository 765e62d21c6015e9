"""Fixtures of the web tests: apps on private ledgers, the GE data when present.

The API clients run on both ledger backends (``tests.databases.BACKENDS``): SQLite, and
PostgreSQL when ``TRADEWAR_TEST_POSTGRES_URL`` names a server (``make test`` starts one);
without it the PostgreSQL cases skip and say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.databases import BACKENDS, seeded_database
from tests.gedata import ge_data_dir
from tradewar.config import Settings
from tradewar.web.app import create_app


def make_settings(folder: Path, data_dir: Path | None, database_url: str | None = None) -> Settings:
    """Settings for a ledger (a SQLite file in ``folder`` unless a URL is given) and the data.

    Without GE data the data directory is an empty folder, so the model answers 503.
    """
    empty = folder / "no-data"
    empty.mkdir(exist_ok=True)
    return Settings(
        database_url=database_url or f"sqlite:///{folder / 'ledger.sqlite'}",
        data_dir=data_dir or empty,
    )


@pytest.fixture(scope="module", params=BACKENDS)
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A read-mostly client shared by a module, on each backend (the GE data if present),
    on a copy of a new seeded ledger (:func:`tests.databases.seeded_database`)."""
    folder = tmp_path_factory.mktemp(f"web-{request.param}")
    with seeded_database(request.param, folder) as url:
        settings = make_settings(folder, ge_data_dir(), url)
        with TestClient(create_app(settings)) as test_client:
            yield test_client


@pytest.fixture(params=BACKENDS)
def fresh_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """A client on a new ledger of its own, on each backend, for tests that write.

    The ledger is a copy of a new, seeded one (:func:`tests.databases.seeded_database`):
    what the app's first start would make of an empty database, without redoing it per test.
    """
    with seeded_database(request.param, tmp_path) as url:
        settings = make_settings(tmp_path, ge_data_dir(), url)
        with TestClient(create_app(settings)) as test_client:
            yield test_client


@pytest.fixture
def token(fresh_client: TestClient) -> str:
    """A write token named 'api-tester' in the fresh client's ledger."""
    store = fresh_client.app.state.web.ledger.store  # type: ignore[attr-defined]
    return str(store.create_token("api-tester"))


def auth(token: str) -> dict[str, str]:
    """The header that carries a bearer token."""
    return {"Authorization": f"Bearer {token}"}
