"""Throwaway databases for tests: a SQLite file, or a fresh PostgreSQL database.

PostgreSQL comes from ``TRADEWAR_TEST_POSTGRES_URL`` (``make test`` starts a local cluster
with ``scripts/start-postgres.sh`` and sets it); without it the PostgreSQL cases skip,
saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database of ``backend``; drop it afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'ledger-{uuid.uuid4().hex[:8]}.sqlite'}"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(postgres_admin_url())
    name = f"tw_{worker_id()}_{uuid.uuid4().hex[:12]}"
    conninfo = admin.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
