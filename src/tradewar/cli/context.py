"""What every command shares: the settings, the services, the consoles and the output formats."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from tradewar.config import Settings
from tradewar.services.container import Services
from tradewar.tabular import json_default, to_csv

console = Console(highlight=False, soft_wrap=False)
console_err = Console(stderr=True, highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV.")]


class OutputFormat(StrEnum):
    """How a command prints its result."""

    table = "table"
    json = "json"
    csv = "csv"


def settings_from_env() -> Settings:
    """Build the settings once per command (reads ``TRADEWAR_*`` now, not at import)."""
    return Settings()


#: The services of the running invocation of ``tradewar`` (see :func:`invocation_services`).
_SERVICES: ContextVar[Services | None] = ContextVar("tradewar_services", default=None)


def services() -> Services:
    """The services of this invocation, built on first use from the environment's settings.

    One :class:`Services` per invocation of the root command (once per process in real
    use; a fresh one per ``CliRunner.invoke`` in tests): a command that needs two services
    gets them sharing one ledger store and one loaded model world.
    """
    current = _SERVICES.get()
    if current is None:
        current = Services(settings_from_env())
        _SERVICES.set(current)
    return current


@contextmanager
def invocation_services() -> Iterator[None]:
    """Scope one invocation's services: none before it, closed (the store's connections)
    and forgotten after it."""
    token = _SERVICES.set(None)
    try:
        yield
    finally:
        built = _SERVICES.get()
        _SERVICES.reset(token)
        if built is not None:
            built.close()


def choose_format(as_json: bool, as_csv: bool) -> OutputFormat:
    """Resolve the ``--json`` / ``--csv`` flags into one format."""
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv, not both")
    if as_json:
        return OutputFormat.json
    if as_csv:
        return OutputFormat.csv
    return OutputFormat.table


def print_json(payload: Any) -> None:
    """Print JSON to stdout exactly (no rich markup, no wrapping)."""
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=json_default))


def print_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Print rows as CSV, byte for byte what the API's ``format=csv`` sends for the same rows."""
    typer.echo(to_csv(rows, columns), nl=False)


def country_codes(values: Sequence[str] | None) -> list[str]:
    """Country options as given, repeated or comma-separated: ``-c JPN -c DEU`` = ``-c JPN,DEU``.

    >>> country_codes(["JPN,DEU", " VNM ", ""])
    ['JPN', 'DEU', 'VNM']
    >>> country_codes(None)
    []
    """
    codes: list[str] = []
    for value in values or ():
        codes += [part.strip() for part in value.split(",") if part.strip()]
    return codes


@contextmanager
def working(message: str) -> Iterator[None]:
    """A spinner with the elapsed time on stderr while a long command computes.

    Shown only on a terminal (pipes, files and tests get nothing), so ``--json`` and ``--csv``
    output stay clean.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console_err, transient=True) as progress:
        progress.add_task(f"{message} (Ctrl+C to stop)", total=None)
        yield


@contextmanager
def working_steps(message: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr (steps done of steps in all, elapsed time) while a long
    command computes; yields the ``progress(done, total)`` callback to pass to the service.

    The bar runs empty until the first call.  Like :func:`working`, it is shown only on a
    terminal, so ``--json`` and ``--csv`` output stay clean.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TextColumn("steps"), TimeElapsedColumn())  # fmt: skip
    shown = console_err.is_terminal  # elsewhere not even the blank line a live display leaves
    with Progress(*columns, console=console_err, transient=True, disable=not shown) as bar:
        task = bar.add_task(f"{message} (Ctrl+C to stop)", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress
