"""Data commands: ``tradewar data status``, ``tradewar data import PATH``, ``tradewar data hts``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradewar.cli.context import (
    CsvFlag,
    JsonFlag,
    OutputFormat,
    choose_format,
    console,
    print_csv,
    print_json,
    services,
)
from tradewar.datasets import HOW_TO_GET
from tradewar.hts.lists import CITATION

data_app = typer.Typer(help="List and install the datasets the model reads.", no_args_is_help=True)

STATUS_COLUMNS = ["dataset", "file", "present", "path", "description", "units"]


@data_app.command("status")
def data_status(
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """List which datasets are present in the data directory, and where."""
    fmt = choose_format(as_json, as_csv)
    service = services().data
    rows = [
        {"dataset": s.dataset, "file": s.file, "present": s.present, "path": str(s.path),
         "description": s.description, "units": s.units}
        for s in service.status()
    ]  # fmt: skip
    if fmt is OutputFormat.json:
        print_json({"data_dir": str(service.data_dir), "files": rows})
        return
    if fmt is OutputFormat.csv:
        print_csv(rows, STATUS_COLUMNS)
        return
    table = Table(title=f"Datasets in {service.data_dir} (TRADEWAR_DATA_DIR)")
    for column in ("dataset", "file", "present", "units", "description"):
        table.add_column(column)
    for row in rows:
        mark = "[green]yes[/]" if row["present"] else "[red]missing[/]"
        table.add_row(
            str(row["dataset"]), str(row["file"]), mark, str(row["units"]), str(row["description"])
        )
    console.print(table)
    if not all(row["present"] for row in rows if row["dataset"] == "ge"):
        console.print(f"Missing GE files. {HOW_TO_GET}")


@data_app.command("import")
def data_import(
    path: Annotated[
        Path, typer.Argument(help="Folder holding the GE CSV files (or a ge/ folder).")
    ],
) -> None:
    """Check a folder of GE files (shapes, headers, units, NaN rules) and install them."""
    service = services().data
    installed = service.import_folder(path)
    console.print(f"Checked and installed {len(installed)} files into {service.data_dir / 'ge'}:")
    for target in installed:
        console.print(f"  {target}")


@data_app.command("hts")
def data_hts(
    as_json: JsonFlag = False,
) -> None:
    """Load the US tariff-line lists as measure scopes and (re)build the product index."""
    lines = services().hts
    measures = services().ledger.measures()
    index, count, lists = lines.build(measures)
    rows = [item.to_dict() for item in lists]
    if as_json:
        print_json({"index": str(index), "lines": count, "lists": rows, "citation": CITATION})
        return
    console.print(f"Product index: {count} HTS-10 lines in {index}")
    table = Table(title=f"Tariff-line lists in {lines.folder}", title_justify="left")
    for column in ("list", "lines", "Ch. 99", "rate", "text rate", "effect", "measures"):
        table.add_column(column, overflow="fold")
    for item in lists:
        measures_cell = ", ".join(item.attached)
        if item.missing:
            measures_cell += f" [yellow](not in the ledger: {', '.join(item.missing)})[/]"
        table.add_row(
            item.key, str(item.lines), item.chapter99 or "", _rate(item.rate_pct),
            _rate(item.text_rate_pct), item.effect, measures_cell,
        )  # fmt: skip
    console.print(table)
    for item in lists:
        for code in item.repaired:
            console.print(f"{item.key}: code {code} read as {code[:10]} (12 digits, suffix 00)")
    console.print(f"[dim]{CITATION}[/]", soft_wrap=True)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:g}%"


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group to ``app``."""
    app.add_typer(data_app, name="data")
