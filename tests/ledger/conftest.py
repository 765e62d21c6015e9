from __future__ import annotations

from pathlib import Path

import pytest

from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.schema import Measure
from tradewar.ledger.store import LedgerStore


@pytest.fixture(scope="session")
def bundled() -> list[Measure]:
    """The bundled US–China measures, validated."""
    return list(load_measure_file(bundled_measures_path()).measures)


@pytest.fixture
def store(tmp_path: Path) -> LedgerStore:
    """A migrated, seeded ledger in a temporary SQLite file."""
    return LedgerStore.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
