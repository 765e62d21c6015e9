"""Data commands: ``tradewar data status`` and ``tradewar data import PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradewar.cli.context import (
    OutputFormat,
    choose_format,
    console,
    print_csv,
    print_json,
    settings_from_env,
)
from tradewar.datasets import HOW_TO_GET
from tradewar.services.data import DataService

data_app = typer.Typer(help="List and install the datasets the model reads.", no_args_is_help=True)

STATUS_COLUMNS = ["dataset", "file", "present", "path", "description", "units"]


@data_app.command("status")
def data_status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """List which datasets are present in the data directory, and where."""
    fmt = choose_format(as_json, as_csv)
    service = DataService(settings_from_env())
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
    service = DataService(settings_from_env())
    installed = service.import_folder(path)
    console.print(f"Checked and installed {len(installed)} files into {service.data_dir / 'ge'}:")
    for target in installed:
        console.print(f"  {target}")


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group to ``app``."""
    app.add_typer(data_app, name="data")
