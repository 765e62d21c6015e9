"""``--out FILE``: a command's table written as CSV, JSON, XLSX or Parquet (by the suffix).

The bytes are those the API sends for the same query with ``format=`` (one writer,
:func:`tradewar.tabular.table_bytes`); the file is written whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewar.cli.context import OutputFormat, console_err
from tradewar.tabular import Table, format_of, table_bytes, write_file

OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        help="Write the table to this file: .csv, .json, .xlsx (with a README sheet) or "
        ".parquet (provenance in its metadata).",
        dir_okay=False,
    ),
]


def check_out(out: Path | None, fmt: OutputFormat) -> None:
    """Refuse an unsupported suffix, or ``--out`` with ``--json``/``--csv``, before any work."""
    if out is None:
        return
    if fmt is not OutputFormat.table:
        raise typer.BadParameter("choose one of --out, --json and --csv", param_hint="--out")
    format_of(out)


def write_out(table: Table, out: Path) -> None:
    """Write ``table`` to ``out`` in the format its suffix names, and say so on stderr."""
    write_file(table_bytes(table, format_of(out)), out)
    console_err.print(f"wrote {len(table.rows)} rows to {out}")
