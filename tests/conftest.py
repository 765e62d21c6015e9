"""Shared fixtures: every test gets its own ledger database, never the user's; the GE data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests.databases import drop_seeded_originals, seeded_database
from tests.gedata import missing_ge_data
from tradewar.datasets import GeData, load_ge_data
from tradewar.model.calibration import World, calibrate_world

# pytest-xdist's workers (make test runs two) start with COLUMNS=80 and LINES=24 in their
# environment, which a plain pytest run does not have; the CLI's rich console, made once per
# process, would then keep 80 columns whatever COLUMNS a test sets. Start as a plain run.
if os.environ.get("PYTEST_XDIST_WORKER"):
    for _name in ("COLUMNS", "LINES"):
        os.environ.pop(_name, None)

hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, max_examples=60)
hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point TRADEWAR_CACHE_DIR (the HTS product index) at one folder for the session."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("TRADEWAR_CACHE_DIR")
    os.environ["TRADEWAR_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("TRADEWAR_CACHE_DIR", None)
    else:
        os.environ["TRADEWAR_CACHE_DIR"] = before


@pytest.fixture(scope="session", autouse=True)
def _seeded_originals() -> Iterator[None]:
    """Remove the seeded ledgers :func:`tests.databases.seeded_database` copies, at the end."""
    yield
    drop_seeded_originals()


@pytest.fixture(autouse=True)
def _private_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point TRADEWAR_DATABASE_URL at a fresh SQLite file for each test."""
    path = tmp_path_factory.mktemp("ledger") / "ledger.sqlite"
    monkeypatch.setenv("TRADEWAR_DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture
def seeded_ledger(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Point TRADEWAR_DATABASE_URL at a new SQLite ledger already migrated and seeded.

    A copy of one seeded ledger (:func:`tests.databases.seeded_database`), for tests whose
    commands read a ledger but do not test how a new one is made (about 0.3 s less each).
    """
    # In a folder of its own, not tmp_path: tests check that nothing else lands in theirs.
    with seeded_database("sqlite", tmp_path_factory.mktemp("ledger")) as url:
        monkeypatch.setenv("TRADEWAR_DATABASE_URL", url)
        yield url


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The data directory holding ge/, from TRADEWAR_DATA_DIR; skips loudly when absent."""
    reason = missing_ge_data()
    if reason:
        pytest.skip(reason)
    return Path(os.environ["TRADEWAR_DATA_DIR"])


@pytest.fixture(scope="session")
def paper_data(data_dir: Path) -> GeData:
    """The raw inputs of IMLS (2025)."""
    return load_ge_data(data_dir)


@pytest.fixture(scope="session")
def paper_world(paper_data: GeData) -> World:
    """The calibrated 194-country baseline world."""
    return calibrate_world(paper_data.countries, paper_data.raw_flows, paper_data.gdp)
