"""Fixtures of the sectoral-model tests: the LL2023 data (skipped loudly when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tradewar.model.sectors.data import (
    Entry,
    RawCube,
    SectoralWorld,
    load_raw_cube,
    load_table4_world,
)


@pytest.fixture(scope="session")
def ll2023_dir() -> Path:
    """The data directory holding ll2023/ (TRADEWAR_DATA_DIR); skips when it is absent."""
    root = os.environ.get("TRADEWAR_DATA_DIR")
    if not root or not (Path(root) / "ll2023" / "input").is_dir():
        pytest.skip("TRADEWAR_DATA_DIR/ll2023 (Lashkaripour & Lugovskyy 2023 data) is missing.")
    return Path(root)


@pytest.fixture(scope="session")
def restricted_world(ll2023_dir: Path) -> SectoralWorld:
    """The Table 4 data, restricted entry."""
    return load_table4_world(ll2023_dir, Entry.restricted)


@pytest.fixture(scope="session")
def free_world(ll2023_dir: Path) -> SectoralWorld:
    """The Table 4 data, free entry."""
    return load_table4_world(ll2023_dir, Entry.free)


@pytest.fixture(scope="session")
def raw_cube(ll2023_dir: Path) -> RawCube:
    """The unbalanced WIOD cube and applied tariffs."""
    return load_raw_cube(ll2023_dir)
