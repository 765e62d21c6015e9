"""Shared fixtures: every test gets its own ledger database, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, max_examples=60)
hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _private_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point TRADEWAR_DATABASE_URL at a fresh SQLite file for each test."""
    path = tmp_path_factory.mktemp("ledger") / "ledger.sqlite"
    monkeypatch.setenv("TRADEWAR_DATABASE_URL", f"sqlite:///{path}")
    return path
