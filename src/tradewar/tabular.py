"""One writer of tables for every interface: the CLI's ``--csv``/``--json`` and the API's
``format=csv`` produce the same bytes for the same query.

Conventions: UTF-8, a header row, ISO 8601 dates, empty cells for missing values, lists joined
with ``;``, mappings written ``key=value`` joined with ``;``, enums by value.

>>> row = {"on": date(2025, 5, 14), "ids": ("a", "b"), "pct": 30.0}
>>> to_csv([row], ["on", "ids", "pct"]).splitlines()
['on,ids,pct', '2025-05-14,a;b,30.0']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any


def cell(value: Any) -> Any:
    """A value as a CSV cell (empty for None, ``;``-joined lists, ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(cell(item)) for item in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={cell(v)}" for k, v in value.items())
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV text with a header of ``columns`` (keys outside ``columns`` are left out)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: cell(row.get(key)) for key in columns})
    return buffer.getvalue()


def json_default(value: Any) -> Any:
    """``json.dumps`` fallback: ISO dates, paths as text, enums by value, models dumped."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot serialise {type(value).__name__} to JSON")
