"""``tradewar db``: the ledger database itself (info, upgrade, backup, restore, audit log)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradewar.cli.context import console, print_json, settings_from_env
from tradewar.ledger.backup import backup, restore
from tradewar.ledger.store import LedgerStore, make_engine

db_app = typer.Typer(help="The ledger database: backup, restore, audit log.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_app.command("info")
def info(as_json: JsonFlag = False) -> None:
    """Where the ledger is, its schema revision and its row counts."""
    settings = settings_from_env()
    store = LedgerStore.open(settings.database_url)
    from tradewar.ledger.backup import dump_rows

    with store.engine.connect() as connection:
        counts = {name: len(rows) for name, rows in dump_rows(connection).items()}
    payload = {"database_url": _redacted(settings.database_url), "rows": counts, **store.meta()}
    if as_json:
        print_json(payload)
        return
    console.print(f"ledger: {payload['database_url']}", soft_wrap=True)
    for name, count in counts.items():
        console.print(f"  {name}: {count} rows")


@db_app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="Backup file to write (.json.gz).")],
) -> None:
    """Write every row of the ledger to FILE, with a content hash."""
    settings = settings_from_env()
    store = LedgerStore.open(settings.database_url)
    summary = backup(store.engine, file)
    console.print(
        f"wrote {file}: {sum(summary['rows'].values())} rows, sha256 {summary['content_sha256']}",
        soft_wrap=True,  # paths and hashes stay on one line, whole when copied
    )


@db_app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="A file written by 'tradewar db backup'.")],
) -> None:
    """Restore FILE into an empty ledger (TRADEWAR_DATABASE_URL); checks the content hash."""
    settings = settings_from_env()
    store = LedgerStore(make_engine(settings.database_url))
    store.migrate()
    summary = restore(store.engine, file)
    console.print(
        f"restored {sum(summary['rows'].values())} rows into {_redacted(settings.database_url)}; "
        f"sha256 {summary['content_sha256']} matches the backup",
        soft_wrap=True,
    )


@db_app.command("audit")
def audit(
    measure: Annotated[str | None, typer.Option(help="Only entries for this measure id.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The append-only audit log: who changed what, when and why (refusals included)."""
    entries = LedgerStore.open(settings_from_env().database_url).audit_log(measure)
    if as_json:
        print_json(entries)
        return
    table = Table(title=f"Audit log ({len(entries)} entries)")
    for name in ("at (UTC)", "who", "action", "measure", "rev", "reason"):
        table.add_column(name, overflow="fold")
    for e in entries:
        table.add_row(
            e["at"][:19],
            e["who"],
            e["action"],
            e["measure_id"] or "",
            "" if e["revision"] is None else str(e["revision"]),
            e["reason"],
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``tradewar db`` to ``app``."""
    app.add_typer(db_app, name="db")
