"""Paths to the shared development set and seed articles (skipped loudly when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "news" / "dev"
SEEDS = SHARED / "seeds"


@pytest.fixture
def dev_dir() -> Path:
    """The development set's folder, or a loud skip."""
    if not (DEV / "articles.jsonl").exists():
        pytest.skip(f"SKIPPED LOUDLY: the news development set is not at {DEV}")
    return DEV


@pytest.fixture
def seeds_dir() -> Path:
    """The seed articles' folder, or a loud skip."""
    if not any(SEEDS.glob("*.txt")):
        pytest.skip(f"SKIPPED LOUDLY: the seed articles are not at {SEEDS}")
    return SEEDS
