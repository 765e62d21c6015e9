"""Throwaway databases for tests: a SQLite file, or a fresh PostgreSQL database.

PostgreSQL comes from ``TRADEWAR_TEST_POSTGRES_URL`` (``make test`` starts a local cluster
with ``scripts/start-postgres.sh`` and sets it); without it the PostgreSQL cases skip,
saying so.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

POSTGRES_ENV = "TRADEWAR_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def worker_id() -> str:
    """This test process's name under pytest-xdist (``gw0``, ``gw1``...), ``main`` without it.

    ``make test`` runs the suite in two worker processes; each database a worker creates
    carries its name, so two workers never share one and a leftover names its owner.
    """
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "")
    if not url:
        pytest.skip(
            f"PostgreSQL tests need {POSTGRES_ENV} (make test sets it by starting a local "
            "cluster with scripts/start-postgres.sh)"
        )
    return url


def _admin_conninfo() -> tuple[URL, str]:
    """The server's SQLAlchemy URL and a libpq string for its 'postgres' database."""
    from sqlalchemy.engine import make_url

    admin = make_url(postgres_admin_url())
    conninfo = admin.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    return admin, conninfo


def _execute(conninfo: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(statement)


@contextmanager
def fresh_database(backend: str, folder: Path, template: str | None = None) -> Iterator[str]:
    """Yield the URL of a new, empty database of ``backend``; drop it afterwards.

    ``template``: a PostgreSQL database to copy instead of starting empty.
    """
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'ledger-{uuid.uuid4().hex[:8]}.sqlite'}"
        return
    admin, conninfo = _admin_conninfo()
    name = f"tw_{worker_id()}_{uuid.uuid4().hex[:12]}"
    _execute(conninfo, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        _execute(conninfo, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# ------------------------------------------------------------------ seeded ledgers

#: backend -> the URL of this process's seeded ledger, the original every copy is made from.
_SEEDED: dict[str, str] = {}


def _seeded_original(backend: str) -> str:
    """A ledger that ``LedgerStore.open`` migrated and seeded, built once per test process."""
    if backend not in _SEEDED:
        from tradewar.ledger.store import LedgerStore

        if backend == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="tradewar-seeded-"))
            url = f"sqlite:///{folder / 'seeded.sqlite'}"
        else:
            admin, conninfo = _admin_conninfo()
            name = f"tw_{worker_id()}_seeded_{uuid.uuid4().hex[:8]}"
            _execute(conninfo, f"CREATE DATABASE {name}")
            url = admin.set(database=name).render_as_string(hide_password=False)
        _SEEDED[backend] = url
        store = LedgerStore.open(url)
        store.engine.dispose()  # PostgreSQL copies a template only while no one is connected
    return _SEEDED[backend]


def drop_seeded_originals() -> None:
    """Remove this process's seeded originals (at the end of the test session)."""
    from sqlalchemy.engine import make_url

    while _SEEDED:
        backend, url = _SEEDED.popitem()
        database = make_url(url).database or ""
        if backend == "sqlite":
            shutil.rmtree(Path(database).parent, ignore_errors=True)
        else:
            _execute(_admin_conninfo()[1], f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


@contextmanager
def seeded_database(backend: str, folder: Path) -> Iterator[str]:
    """Yield the URL of a new ledger as ``LedgerStore.open`` leaves a new database (migrated,
    the bundled measures loaded, audited); drop it afterwards.

    It is a copy of one such ledger built once per test process (SQLite's backup API into a
    new file; ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL), so a test that only needs a
    ledger of its own does not migrate and load the bundled record again (about 0.3 s each).
    The tests of migrating and seeding a new database use :func:`fresh_database`.
    """
    original = _seeded_original(backend)
    if backend == "sqlite":
        from sqlalchemy.engine import make_url

        path = folder / f"ledger-{uuid.uuid4().hex[:8]}.sqlite"
        source_path = make_url(original).database or ""
        with (
            closing(sqlite3.connect(source_path)) as source,
            closing(sqlite3.connect(path)) as target,
        ):
            source.backup(target)
        yield f"sqlite:///{path}"
        return
    from sqlalchemy.engine import make_url

    with fresh_database(backend, folder, template=make_url(original).database) as url:
        yield url
