"""Fixtures of the tariff-line tests: the Budget Lab files and settings that read them.

The files live in ``<TRADEWAR_DATA_DIR>/hts/budgetlab`` (``make test`` points the variable
at ../shared/data); tests that need them skip, naming the folder, when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tradewar.config import Settings
from tradewar.hts.lists import CHAPTER99_TEXT, CROSSWALK, budgetlab_folder


def hts_data_dir() -> Path | None:
    """The data directory when it holds the Budget Lab files, else None."""
    value = os.environ.get("TRADEWAR_DATA_DIR")
    if not value:
        return None
    folder = budgetlab_folder(Path(value))
    ok = (folder / CROSSWALK).is_file() and (folder / CHAPTER99_TEXT).is_file()
    return Path(value) if ok else None


@pytest.fixture(scope="session")
def hts_data() -> Path:
    """The data directory holding hts/budgetlab; skips loudly when absent."""
    found = hts_data_dir()
    if found is None:
        pytest.skip(
            "TRADEWAR_DATA_DIR does not hold hts/budgetlab (the Yale Budget Lab tariff-rate-"
            "tracker files); `make test` points it at ../shared/data."
        )
    return found


@pytest.fixture(scope="module")
def hts_settings(hts_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on the shared data, a module's own ledger (read only) and the session cache."""
    folder = tmp_path_factory.mktemp("hts-ledger")
    return Settings(
        data_dir=hts_data,
        database_url=f"sqlite:///{folder / 'ledger.sqlite'}",
        cache_dir=Path(os.environ["TRADEWAR_CACHE_DIR"]),
    )
