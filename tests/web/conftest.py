"""Fixtures of the web tests: apps on private ledgers, the GE data when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tradewar.config import Settings
from tradewar.web.app import create_app


def ge_data_dir() -> Path | None:
    """``TRADEWAR_DATA_DIR`` when it holds the GE data, else None."""
    value = os.environ.get("TRADEWAR_DATA_DIR")
    path = Path(value) if value else None
    if path is None or not (path / "ge" / "trade_cepii.csv").is_file():
        return None
    return path


def make_settings(folder: Path, data_dir: Path | None) -> Settings:
    """Settings for a private ledger in ``folder`` and the data (or an empty folder)."""
    empty = folder / "no-data"
    empty.mkdir(exist_ok=True)
    return Settings(
        database_url=f"sqlite:///{folder / 'ledger.sqlite'}", data_dir=data_dir or empty
    )


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The GE data, or a loud skip naming the variable."""
    path = ge_data_dir()
    if path is None:
        pytest.skip(
            f"needs the GE data: TRADEWAR_DATA_DIR={os.environ.get('TRADEWAR_DATA_DIR')!r} has "
            "no ge/trade_cepii.csv (make test points it at ../shared/data)"
        )
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A read-mostly client shared by a module (its own ledger; the GE data if present)."""
    settings = make_settings(tmp_path_factory.mktemp("web-ledger"), ge_data_dir())
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(tmp_path: Path) -> Iterator[TestClient]:
    """A client on a ledger of its own, for tests that write."""
    with TestClient(create_app(make_settings(tmp_path, ge_data_dir()))) as test_client:
        yield test_client
