"""Supply fixtures: WIOD 2011 from ``TRADEWAR_DATA_DIR/wiod`` (skipped loudly when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tradewar.supply.wiod import WIOD_FILES, IOTable, load_wiod, wiod_folder


def missing_wiod() -> str | None:
    """Why WIOD 2011 is not usable (a message for a skip), or None when it is."""
    value = os.environ.get("TRADEWAR_DATA_DIR")
    if not value:
        return "TRADEWAR_DATA_DIR is not set: WIOD 2011 (<data_dir>/wiod) is needed for this test"
    folder = wiod_folder(Path(value))
    missing = [name for name, _, _ in WIOD_FILES if not (folder / name).is_file()]
    if missing:
        return f"TRADEWAR_DATA_DIR={value}: missing {', '.join(missing)} under {folder}"
    return None


@pytest.fixture(scope="session")
def wiod_dir() -> Path:
    """The data directory holding wiod/."""
    reason = missing_wiod()
    if reason:
        pytest.skip(reason)
    return Path(os.environ["TRADEWAR_DATA_DIR"])


@pytest.fixture(scope="session")
def wiod(wiod_dir: Path) -> IOTable:
    """WIOD 2011, 41 regions × 35 industries."""
    return load_wiod(wiod_dir)
