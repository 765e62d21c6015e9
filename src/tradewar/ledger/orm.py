"""Database tables of the ledger (SQLAlchemy 2, typed ``Mapped[...]``).

The ledger is *bitemporal*: a measure's own dates say when it is in force (valid
time), and each stored revision carries ``recorded_at`` / ``superseded_at`` (recorded
time, UTC).  A correction never overwrites a row: it closes the current revision
(sets ``superseded_at``) and inserts the next one, so the ledger "as known on" any
past instant can be rebuilt.  The validated measure document is kept whole as JSON;
``measure_targets`` and ``measure_sources`` index it for queries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MEASURE_KINDS = (
    "tariff",
    "export_control",
    "import_restriction",
    "licence_decision",
    "agreement",
    "suspension",
    "talks",
)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a timezone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        instant: datetime = value
        if instant.tzinfo is None:
            return instant.replace(tzinfo=UTC)
        return instant.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with deterministic constraint names (needed by SQLite batch mode)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MeasureRecord(Base):
    """One recorded revision of one measure."""

    __tablename__ = "measure_records"
    __table_args__ = (
        UniqueConstraint("measure_id", "revision", name="measure_revision"),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in MEASURE_KINDS) + ")", name="kind_known"
        ),
        CheckConstraint("change IN ('load', 'add', 'correct', 'retract')", name="change_known"),
        Index("ix_measure_records_current", "measure_id", "superseded_at"),
    )

    record_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    measure_id: Mapped[str] = mapped_column(String(120), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    imposing: Mapped[str] = mapped_column(String(3), index=True)
    announced_on: Mapped[date | None] = mapped_column(Date)
    effective_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(120))
    change: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)

    targets: Mapped[list[MeasureTarget]] = relationship(
        back_populates="record", cascade="all, delete-orphan"
    )
    sources: Mapped[list[MeasureSource]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="MeasureSource.position"
    )


class MeasureTarget(Base):
    """A target jurisdiction of a recorded revision (ISO3 or ``ALL``)."""

    __tablename__ = "measure_targets"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("measure_records.record_id", ondelete="CASCADE"), primary_key=True
    )
    iso3: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)
    record: Mapped[MeasureRecord] = relationship(back_populates="targets")


class MeasureSource(Base):
    """A source cited by a recorded revision."""

    __tablename__ = "measure_sources"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("measure_records.record_id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str] = mapped_column(String(200))
    published_on: Mapped[date | None] = mapped_column(Date)
    quote: Mapped[str | None] = mapped_column(Text)
    record: Mapped[MeasureRecord] = relationship(back_populates="sources")


AUDIT_ACTIONS = (
    "load",
    "add",
    "correct",
    "rejected",
    "token_create",
    "token_revoke",
    "restore",
    "proposal_accept",
    "proposal_reject",
)


class AuditEntry(Base):
    """One change to the ledger, or one refused attempt: append-only.

    Written in the same transaction as the change it records (a refused attempt in its
    own transaction after the refusal), so the log and the data cannot disagree.  The
    database refuses UPDATE and DELETE on this table (triggers, migration a003).
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint(
            "action IN (" + ", ".join(f"'{a}'" for a in AUDIT_ACTIONS) + ")", name="action_known"
        ),
    )

    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    who: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(24))
    measure_id: Mapped[str | None] = mapped_column(String(120), index=True)
    revision: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ApiToken(Base):
    """A bearer token for writes (the API's add/correct/accept): only its SHA-256 is stored.

    Names are unique among active tokens only, so a revoked token's name can be reused.
    """

    __tablename__ = "api_tokens"

    __table_args__ = (
        Index(
            "uq_api_tokens_active_name",
            "name",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    token_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LedgerMeta(Base):
    """Key-value facts about the database (bundled dataset loaded, its as-of date)."""

    __tablename__ = "ledger_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
