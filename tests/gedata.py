"""Where the tests find the full GE data: ``TRADEWAR_DATA_DIR`` (``make test`` sets it).

Tests that need the 194-country data use the ``data_dir`` or ``paper_world`` fixtures of
``tests/conftest.py``, which skip loudly, naming the variable and the missing files.
"""

from __future__ import annotations

import os
from pathlib import Path

from tradewar.datasets import GE_FILES, ge_folder

DATA_ENV = "TRADEWAR_DATA_DIR"


def missing_ge_data() -> str | None:
    """Why the GE data is not usable (a message for a skip), or None when it is."""
    value = os.environ.get(DATA_ENV)
    if not value:
        return (
            f"{DATA_ENV} is not set: the 194-country GE data is needed for this test"
            " (`make test` points it at ../shared/data when that exists)."
        )
    folder = ge_folder(Path(value))
    missing = [spec.name for spec in GE_FILES if not (folder / spec.name).is_file()]
    if missing:
        return (
            f"{DATA_ENV}={value}: missing {', '.join(missing)} under {folder};"
            " run `tradewar data import FOLDER` or point the variable at ../shared/data."
        )
    return None


def ge_data_dir() -> Path | None:
    """``TRADEWAR_DATA_DIR`` when it holds all the GE files, else None."""
    return None if missing_ge_data() else Path(os.environ[DATA_ENV])
