"""``tradewar db``: the ledger database itself (info, backup, restore, audit log, refresh)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradewar.cli.context import JsonFlag, console, print_json, settings_from_env
from tradewar.ledger.backup import backup, restore
from tradewar.ledger.loader import bundled_measures_path
from tradewar.ledger.refresh import PersonEdit, RefreshPlan, read_bundle_header
from tradewar.ledger.store import LedgerStore, make_engine
from tradewar.services.ledger import refresh_bundled_record

db_app = typer.Typer(help="The ledger database: backup, restore, audit log.", no_args_is_help=True)


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_app.command("info")
def info(as_json: JsonFlag = False) -> None:
    """Where the ledger is, its schema revision and its row counts."""
    settings = settings_from_env()
    store = LedgerStore.open(settings.database_url, refresh=False)  # as it is, unrefreshed
    from tradewar.ledger.backup import dump_rows

    with store.engine.connect() as connection:
        counts = {name: len(rows) for name, rows in dump_rows(connection).items()}
    behind = store.bundled_record_behind()
    payload = {
        "database_url": _redacted(settings.database_url),
        "rows": counts,
        **store.meta(),
        "release_bundled_as_of": read_bundle_header(bundled_measures_path()).as_of.isoformat(),
        "refresh_due": behind is not None,
    }
    if as_json:
        print_json(payload)
        return
    console.print(f"ledger: {payload['database_url']}", soft_wrap=True)
    for name, count in counts.items():
        console.print(f"  {name}: {count} rows")
    if behind is not None:
        console.print(
            f"bundled record: {behind[0] or 'undated'}; this release's is {behind[1]}: "
            "run 'tradewar db refresh'",
            soft_wrap=True,
        )


@db_app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="Backup file to write (.json.gz).")],
) -> None:
    """Write every row of the ledger to FILE, with a content hash."""
    settings = settings_from_env()
    store = LedgerStore.open(settings.database_url, refresh=False)  # a copy of it as it is
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


@db_app.command("refresh")
def refresh(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only say what would change; write nothing.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Bring the ledger up to this release's bundled record (a person's edits are kept).

    Adds the bundled measures the ledger lacks and corrects those only the system
    recorded (new revisions: --as-known-on an earlier instant still shows the old
    record); a measure a person changed is kept and listed as a conflict when the bundle
    changed it too.  SQLite ledgers are refreshed automatically when opened; team
    (PostgreSQL) ledgers when their maintainers run this command.
    """
    plan = refresh_bundled_record(settings_from_env(), dry_run=dry_run)
    if as_json:
        print_json(plan.to_dict())
        return
    _print_refresh(plan)


def _print_refresh(plan: RefreshPlan) -> None:
    console.print(plan.summary(), soft_wrap=True)
    verb = "" if plan.applied else "would be "
    for measure in plan.added:
        console.print(f"  {verb}added      {measure.id}", soft_wrap=True)
    for correction in plan.corrected:
        console.print(
            f"  {verb}corrected  {correction.measure_id} "
            f"(revision {correction.expected_revision} -> {correction.expected_revision + 1}; "
            f"{', '.join(correction.fields)})",
            soft_wrap=True,
        )
    _print_edits("conflict   ", plan.conflicts, "the bundle changed it too: resolve by hand")
    _print_edits("kept edit  ", plan.kept_edits, "the bundle brings nothing new for it")
    for measure_id in plan.not_in_bundle:
        console.print(f"  not in bundle {measure_id} (left in the ledger)", soft_wrap=True)
    if plan.conflicts:
        console.print(
            "Conflicts: compare with 'tradewar measures history ID' and record the right "
            "version with 'tradewar measures correct ID FILE --reason ...'.",
            soft_wrap=True,
        )
    if not plan.applied and plan.writes:
        console.print("Dry run: nothing was written.")


def _print_edits(label: str, edits: tuple[PersonEdit, ...], why: str) -> None:
    for edit in edits:
        console.print(
            f"  {label}{edit.measure_id} (revision {edit.current_revision}, edited by "
            f"{', '.join(edit.edited_by)}; bundle differs in {', '.join(edit.fields)}; {why})",
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    """Add ``tradewar db`` to ``app``."""
    app.add_typer(db_app, name="db")
