"""Token names unique among active tokens only, so a revoked token's name can be reused.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ACTIVE = sa.text("revoked_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_constraint("uq_api_tokens_name", type_="unique")
    op.create_index(
        "uq_api_tokens_active_name",
        "api_tokens",
        ["name"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )


def downgrade() -> None:
    op.drop_index("uq_api_tokens_active_name", table_name="api_tokens")
    with op.batch_alter_table("api_tokens") as batch:
        batch.create_unique_constraint("uq_api_tokens_name", ["name"])
