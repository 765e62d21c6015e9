"""What every command shares: the settings, the consoles and the output formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from tradewar.config import Settings

console = Console(highlight=False, soft_wrap=False)
console_err = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    """How a command prints its result."""

    table = "table"
    json = "json"
    csv = "csv"


def settings_from_env() -> Settings:
    """Build the settings once per command (reads ``TRADEWAR_*`` now, not at import)."""
    return Settings()


def choose_format(as_json: bool, as_csv: bool) -> OutputFormat:
    """Resolve the ``--json`` / ``--csv`` flags into one format."""
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv, not both")
    if as_json:
        return OutputFormat.json
    if as_csv:
        return OutputFormat.csv
    return OutputFormat.table


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot serialise {type(value).__name__} to JSON")


def print_json(payload: Any) -> None:
    """Print JSON to stdout exactly (no rich markup, no wrapping)."""
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=_json_default))


def print_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Print rows as CSV (UTF-8, ISO dates, lists joined with ``;``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_cell(row.get(key)) for key in columns})
    typer.echo(buffer.getvalue(), nl=False)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(_csv_cell(item)) for item in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
