"""Backups of the whole ledger database that restore exactly (checked by a content hash).

A backup is one gzip-compressed JSON document: every row of every tradewar table, in
primary-key order, with the schema revision and the SHA-256 of the canonical JSON of the
rows.  Restoring needs an empty, migrated database (``tradewar db restore`` on a new
``TRADEWAR_DATABASE_URL``); it inserts everything in one transaction and then recomputes
the hash from the database, so a restore either reproduces the backup exactly or fails.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Date, DateTime, Engine, Integer, Table, func, select, text

from tradewar.errors import InvalidInput, LedgerError
from tradewar.ledger.orm import Base

FORMAT = "tradewar-ledger-backup"
FORMAT_VERSION = 1


def _tables() -> list[Table]:
    """tradewar's tables, parents before children."""
    return list(Base.metadata.sorted_tables)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump_rows(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, JSON-ready, ordered by primary key."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in _tables():
        order = list(table.primary_key.columns)
        rows = connection.execute(select(table).order_by(*order)).mappings()
        out[table.name] = [{key: _cell(value) for key, value in row.items()} for row in rows]
    return out


def content_hash(tables: dict[str, list[dict[str, Any]]]) -> str:
    """SHA-256 of the canonical JSON of the rows (sorted keys, no whitespace)."""
    canonical = json.dumps(tables, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def backup(engine: Engine, path: Path) -> dict[str, Any]:
    """Write a backup of the database to ``path``; return its summary (counts, hash)."""
    with engine.connect() as connection:
        heads = sorted(MigrationContext.configure(connection).get_current_heads())
        tables = dump_rows(connection)
    digest = content_hash(tables)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "schema_heads": heads,
        "content_sha256": digest,
        "tables": tables,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
    return _summary(tables, digest, heads)


def read_backup(path: Path) -> dict[str, Any]:
    """Read and check a backup file (format, version, content hash)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document: dict[str, Any] = json.load(handle)
    except FileNotFoundError as err:
        raise InvalidInput(f"{path}: no such backup file.") from err
    except (OSError, json.JSONDecodeError) as err:
        raise InvalidInput(f"{path}: not a tradewar backup (gzip JSON expected): {err}") from err
    if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
        raise InvalidInput(
            f"{path}: format {document.get('format')!r} v{document.get('format_version')!r}; "
            f"expected {FORMAT!r} v{FORMAT_VERSION}."
        )
    if content_hash(document["tables"]) != document["content_sha256"]:
        raise InvalidInput(f"{path}: content hash mismatch; the file is damaged or was edited.")
    return document


def restore(engine: Engine, path: Path) -> dict[str, Any]:
    """Restore a backup into an empty database in one transaction; verify the hash after."""
    document = read_backup(path)
    tables: dict[str, list[dict[str, Any]]] = document["tables"]
    with engine.begin() as connection:
        heads = sorted(MigrationContext.configure(connection).get_current_heads())
        if heads != document["schema_heads"]:
            raise InvalidInput(
                f"{path}: the backup is of schema {document['schema_heads']}, the database is at "
                f"{heads}; restore with the tradewar version that wrote it."
            )
        _require_empty(connection)
        for table in _tables():
            rows = [_typed(table, row) for row in tables.get(table.name, [])]
            if rows:
                connection.execute(table.insert(), rows)
        _reset_sequences(connection)
    with engine.connect() as connection:
        restored = dump_rows(connection)
    digest = content_hash(restored)
    if digest != document["content_sha256"]:
        raise LedgerError(
            f"Restore of {path} does not reproduce the backup (hash {digest[:12]} vs "
            f"{document['content_sha256'][:12]})."
        )
    return _summary(restored, digest, heads)


def _require_empty(connection: Connection) -> None:
    for table in _tables():
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
        if count:
            raise InvalidInput(
                f"Restore needs an empty ledger, but table {table.name} has {count} rows. "
                "Point TRADEWAR_DATABASE_URL at a new database and run 'tradewar db restore' "
                "there (it is created and migrated, not seeded)."
            )


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to the column types (ISO strings to dates and datetimes)."""
    typed: dict[str, Any] = {}
    for key, value in row.items():
        column_type = table.columns[key].type
        kind = getattr(column_type, "impl", column_type)
        if value is not None and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = date.fromisoformat(value)
        typed[key] = value
    return typed


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL: move each serial key's sequence past the restored rows."""
    if connection.dialect.name != "postgresql":
        return
    for table in _tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name = keys[0].name
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{name}'), "
                f"COALESCE((SELECT MAX({name}) FROM {table.name}), 1))"
            )
        )


def _summary(
    tables: dict[str, list[dict[str, Any]]], digest: str, heads: list[str]
) -> dict[str, Any]:
    return {
        "rows": {name: len(rows) for name, rows in tables.items()},
        "content_sha256": digest,
        "schema_heads": heads,
    }
