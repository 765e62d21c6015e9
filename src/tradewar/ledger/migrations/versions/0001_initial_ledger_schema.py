"""Initial ledger schema: measure revisions (bitemporal), their targets and sources, meta.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 22:32:24.252794
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ledger_meta")),
    )
    op.create_table(
        "measure_records",
        sa.Column("record_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("measure_id", sa.String(length=120), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("imposing", sa.String(length=3), nullable=False),
        sa.Column("announced_on", sa.Date(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "change IN ('load', 'add', 'correct', 'retract')",
            name=op.f("ck_measure_records_change_known"),
        ),
        sa.CheckConstraint(
            "kind IN ('tariff', 'export_control', 'import_restriction', 'licence_decision', 'agreement', 'suspension', 'talks')",
            name=op.f("ck_measure_records_kind_known"),
        ),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_measure_records")),
        sa.UniqueConstraint("measure_id", "revision", name="measure_revision"),
    )
    with op.batch_alter_table("measure_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_measure_records_current", ["measure_id", "superseded_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_measure_records_imposing"), ["imposing"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_measure_records_measure_id"), ["measure_id"], unique=False
        )

    op.create_table(
        "measure_sources",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["measure_records.record_id"],
            name=op.f("fk_measure_sources_record_id_measure_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", "position", name=op.f("pk_measure_sources")),
    )
    op.create_table(
        "measure_targets",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("iso3", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["measure_records.record_id"],
            name=op.f("fk_measure_targets_record_id_measure_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", "iso3", name=op.f("pk_measure_targets")),
    )
    with op.batch_alter_table("measure_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_targets_iso3"), ["iso3"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("measure_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_targets_iso3"))

    op.drop_table("measure_targets")
    op.drop_table("measure_sources")
    with op.batch_alter_table("measure_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_records_measure_id"))
        batch_op.drop_index(batch_op.f("ix_measure_records_imposing"))
        batch_op.drop_index("ix_measure_records_current")

    op.drop_table("measure_records")
    op.drop_table("ledger_meta")
