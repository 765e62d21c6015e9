"""Alembic environment: runs on the connection tradewar hands it (see ledger.store)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

import tradewar.news.orm  # noqa: F401  (news_proposals shares the metadata)
from tradewar.ledger.orm import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate on ``config.attributes['connection']`` or on ``sqlalchemy.url``."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as new_connection:
        _run(new_connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("tradewar's ledger migrations run online only")
run_migrations_online()
