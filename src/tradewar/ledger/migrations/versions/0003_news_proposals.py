"""News proposals: ledger changes drafted from articles, with their review state.

Revision ID: 0003
Revises: a003 (the audit log, itself after 0002: one head, so "alembic upgrade head" works)
Create Date: 2026-11-22 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "a003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "news_proposals",
        sa.Column("proposal_id", sa.String(length=160), nullable=False),
        sa.Column("article_id", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("measure_id", sa.String(length=120), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=120), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("proposal_id", name=op.f("pk_news_proposals")),
    )
    with op.batch_alter_table("news_proposals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_news_proposals_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_news_proposals_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_news_proposals_measure_id"), ["measure_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("news_proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_news_proposals_measure_id"))
        batch_op.drop_index(batch_op.f("ix_news_proposals_status"))
        batch_op.drop_index(batch_op.f("ix_news_proposals_article_id"))
    op.drop_table("news_proposals")
