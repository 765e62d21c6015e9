"""Backups of the whole ledger database that restore exactly (checked by a content hash).

A backup is one gzip-compressed JSON document: every row of every tradewar table, in
primary-key order, with the schema revision and the SHA-256 of the canonical JSON of the
rows.  Restoring needs an empty, migrated database (``tradewar db restore`` on a new
``TRADEWAR_DATABASE_URL``); it inserts everything in one transaction and then recomputes
the hash from the database, so a restore either reproduces the backup exactly or fails.

Consistency: every table is read in one read-only transaction (REPEATABLE READ on
PostgreSQL: one snapshot for every query; on SQLite one read transaction, whose shared
lock keeps writers from committing until it ends), so a backup taken while others write
is the ledger at one instant; its references are checked again before it is written.
The file is written to a temporary file beside the target, flushed to disk and renamed
over it: a backup that fails (a full disk, a crash) leaves the previous one as it was.
A file that is not a complete, consistent backup is refused with one line saying why.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Date, DateTime, Engine, Integer, Table, func, select, text
from sqlalchemy.exc import DBAPIError

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


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection whose queries all see the database at one instant.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction (one snapshot for all of it;
    READ COMMITTED would take a new one per statement).  SQLite: one read transaction.
    """
    postgres = engine.dialect.name == "postgresql"
    options: dict[str, Any] = {"isolation_level": "REPEATABLE READ"} if postgres else {}
    with engine.connect() as plain:
        connection = plain.execution_options(**options)
        with connection.begin():
            if postgres:
                connection.execute(text("SET TRANSACTION READ ONLY"))
            yield connection


def backup(engine: Engine, path: Path) -> dict[str, Any]:
    """Write a backup of the database to ``path``; return its summary (counts, hash).

    Raises
    ------
    LedgerError
        If the rows read are inconsistent or the file cannot be written; the file at
        ``path`` is then left as it was.
    """
    with snapshot(engine) as connection:
        heads = sorted(MigrationContext.configure(connection).get_current_heads())
        tables = dump_rows(connection)
    broken = dangling_references(tables)
    if broken:
        raise LedgerError(
            f"The ledger read for the backup is inconsistent ({broken[0]}); nothing was "
            "written. Try again."
        )
    digest = content_hash(tables)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "schema_heads": heads,
        "content_sha256": digest,
        "tables": tables,
    }
    write_atomically(path, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    return _summary(tables, digest, heads)


def write_atomically(path: Path, payload: bytes) -> None:
    """Gzip ``payload`` into a temporary file beside ``path``, fsync it, rename it over ``path``.

    Raises
    ------
    LedgerError
        If any step fails (no space, no permission); the temporary file is removed and
        ``path`` is untouched.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise LedgerError(f"Cannot write the backup {path}: {err.strerror or err}.") from err
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as raw:
            with gzip.GzipFile(filename=path.name, fileobj=raw, mode="wb") as zipped:
                zipped.write(payload)
            raw.flush()
            os.fsync(raw.fileno())
        temporary.replace(path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        kept = " The previous backup there is unchanged." if path.exists() else ""
        raise LedgerError(
            f"Cannot write the backup {path}: {err.strerror or err}; nothing was written.{kept}"
        ) from err
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def dangling_references(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Rows whose foreign keys point at no row of ``tables`` (empty when consistent)."""
    problems: list[str] = []
    for table in _tables():
        for key in table.foreign_keys:
            parent, column = key.column.table.name, key.column.name
            known = {row.get(column) for row in tables.get(parent, [])}
            for row in tables.get(table.name, []):
                value = row.get(key.parent.name)
                if value is not None and value not in known:
                    problems.append(f"{table.name}.{key.parent.name}={value!r} has no {parent} row")
    return problems


def read_backup(path: Path) -> dict[str, Any]:
    """Read and check a backup file (format, version, shape, content hash, references).

    Raises
    ------
    InvalidInput
        One line naming the file and what is wrong with it.
    """
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError as err:
        raise InvalidInput(f"{path}: no such backup file.") from err
    except IsADirectoryError as err:
        raise InvalidInput(f"{path}: is a folder, not a backup file.") from err
    except EOFError as err:
        raise InvalidInput(f"{path}: the backup is truncated (incomplete gzip data).") from err
    except (OSError, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InvalidInput(f"{path}: not a tradewar backup (gzip JSON expected): {err}") from err
    if not isinstance(document, dict):
        raise InvalidInput(f"{path}: not a tradewar backup (a JSON object expected).")
    if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
        raise InvalidInput(
            f"{path}: format {document.get('format')!r} v{document.get('format_version')!r}; "
            f"expected {FORMAT!r} v{FORMAT_VERSION}."
        )
    _check_shape(path, document)
    if content_hash(document["tables"]) != document["content_sha256"]:
        raise InvalidInput(f"{path}: content hash mismatch; the file is damaged or was edited.")
    broken = dangling_references(document["tables"])
    if broken:
        raise InvalidInput(
            f"{path}: inconsistent backup ({len(broken)} dangling reference(s), e.g. "
            f"{broken[0]}); it cannot be restored."
        )
    return document


def _check_shape(path: Path, document: dict[str, Any]) -> None:
    """The keys and types a backup must have; the first one missing is named."""
    digest = document.get("content_sha256")
    if not isinstance(digest, str) or len(digest) != 64:
        raise InvalidInput(f"{path}: the backup has no content_sha256 (64 hex digits expected).")
    heads = document.get("schema_heads")
    if not isinstance(heads, list) or not all(isinstance(h, str) for h in heads):
        raise InvalidInput(f"{path}: the backup has no schema_heads (a list of revisions).")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput(f"{path}: the backup has no tables (an object of row lists).")
    known = {table.name: table for table in _tables()}
    for name, rows in tables.items():
        if name not in known:
            raise InvalidInput(f"{path}: unknown table {name!r} in the backup.")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise InvalidInput(f"{path}: table {name!r} is not a list of row objects.")
        unknown = {key for row in rows for key in row} - set(known[name].columns.keys())
        if unknown:
            raise InvalidInput(
                f"{path}: table {name!r} has unknown column(s) {', '.join(sorted(unknown))}."
            )


def restore(engine: Engine, path: Path) -> dict[str, Any]:
    """Restore a backup into an empty database in one transaction, kept only if its hash matches."""
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
            rows = [_typed(path, table, row) for row in tables.get(table.name, [])]
            if rows:
                _insert(path, connection, table, rows)
        _reset_sequences(connection)
        restored = dump_rows(connection)
        digest = content_hash(restored)
        if digest != document["content_sha256"]:  # raised inside: the inserts roll back
            raise LedgerError(
                f"Restore of {path} does not reproduce the backup (hash {digest[:12]} vs "
                f"{document['content_sha256'][:12]}); nothing was restored."
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


def _insert(path: Path, connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows of one table; rows the database refuses become one clear error."""
    try:
        connection.execute(table.insert(), rows)
    except DBAPIError as err:
        first_line = str(err.orig).strip().splitlines()[0] if err.orig else type(err).__name__
        raise InvalidInput(
            f"{path}: the database refused the rows of table {table.name!r} ({first_line}); "
            "nothing was restored."
        ) from err


def _typed(path: Path, table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to the column types (ISO strings to dates and datetimes)."""
    typed: dict[str, Any] = {}
    for key, value in row.items():
        column_type = table.columns[key].type
        kind = getattr(column_type, "impl", column_type)
        try:
            if value is not None and isinstance(kind, DateTime):
                value = datetime.fromisoformat(value)
            elif value is not None and isinstance(kind, Date):
                value = date.fromisoformat(value)
        except (TypeError, ValueError) as err:
            raise InvalidInput(
                f"{path}: {table.name}.{key} = {value!r} is not an ISO date or time."
            ) from err
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
