from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import BACKENDS, fresh_database, seeded_database
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.schema import Measure
from tradewar.ledger.store import LedgerStore


@pytest.fixture(scope="session")
def bundled() -> list[Measure]:
    """The bundled US–China measures, validated."""
    return list(load_measure_file(bundled_measures_path()).measures)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new empty database on each backend (PostgreSQL skipped loudly when unavailable)."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def seeded_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new ledger as ``LedgerStore.open`` leaves a new database, on each backend: a copy of
    one seeded once per session (``tests.databases.seeded_database``)."""
    with seeded_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(seeded_url: str) -> Iterator[LedgerStore]:
    """A migrated, seeded ledger, on SQLite and on PostgreSQL (``seeded_url`` opened)."""
    opened = LedgerStore.open(seeded_url)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    """A new SQLite database file."""
    with fresh_database("sqlite", tmp_path) as url:
        yield url


@pytest.fixture
def postgres_url(tmp_path: Path) -> Iterator[str]:
    """A new PostgreSQL database (skipped loudly without TRADEWAR_TEST_POSTGRES_URL)."""
    with fresh_database("postgresql", tmp_path) as url:
        yield url
