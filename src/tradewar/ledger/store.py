"""The ledger database: migrations, the bundled dataset on first use, writes with history.

:class:`LedgerStore` is the only place that talks SQL.  It hands out validated
:class:`~tradewar.ledger.schema.Measure` objects; the computations live in
:mod:`tradewar.ledger.engine`.

Every write runs in one transaction: a load, an add or a correction either lands
whole or leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tradewar.errors import (
    DuplicateMeasure,
    DuplicateToken,
    InvalidInput,
    InvalidMeasure,
    LedgerError,
    MeasureNotFound,
    UnknownToken,
)
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.orm import ApiToken, LedgerMeta, MeasureRecord, MeasureSource, MeasureTarget
from tradewar.ledger.schema import Measure, MeasureFile

log = logging.getLogger(__name__)

SYSTEM_USER = "tradewar"


@dataclass(frozen=True)
class Revision:
    """One recorded revision of a measure (for ``tradewar measures history``)."""

    measure_id: str
    revision: int
    change: str
    recorded_at: datetime
    superseded_at: datetime | None
    recorded_by: str
    reason: str
    measure: Measure

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the measure included."""
        return {
            "measure_id": self.measure_id,
            "revision": self.revision,
            "change": self.change,
            "recorded_at": self.recorded_at.isoformat(),
            "superseded_at": None if self.superseded_at is None else self.superseded_at.isoformat(),
            "recorded_by": self.recorded_by,
            "reason": self.reason,
            "measure": self.measure.model_dump(mode="json", exclude_none=True),
        }


def alembic_config(url: str) -> Config:
    """An Alembic configuration pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(files("tradewar.ledger") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite files, create the parent folder and enable FKs."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as err:
        raise LedgerError(
            f"Cannot open the ledger database {url!r}: {err}. Check TRADEWAR_DATABASE_URL "
            "(e.g. sqlite:///path/ledger.sqlite or postgresql+psycopg://user@host/db)."
        ) from err
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class LedgerStore:
    """The measures ledger in a SQL database (SQLite by default, PostgreSQL for teams)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # ------------------------------------------------------------------ set-up
    @classmethod
    def open(cls, url: str, *, seed: bool = True) -> LedgerStore:
        """Open the database at ``url``, migrate it and, if empty, load the bundled measures."""
        store = cls(make_engine(url))
        store.migrate()
        if seed:
            store.ensure_seeded()
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest migration (cheap when already there)."""
        config = alembic_config(self.engine.url.render_as_string(hide_password=False))
        head = ScriptDirectory.from_config(config).get_current_head()
        try:
            with self.engine.begin() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
                if current == head:
                    return
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as err:
            raise LedgerError(f"Cannot migrate the ledger database: {err.orig}") from err

    def ensure_seeded(self) -> bool:
        """Load the bundled measures into an empty ledger; return whether it loaded."""
        with self._session() as session:
            if session.get(LedgerMeta, "bundled_dataset") is not None:
                return False
            if session.scalar(select(MeasureRecord.record_id).limit(1)) is not None:
                return False
        bundle = load_measure_file(bundled_measures_path())
        try:
            self.load(bundle, recorded_by=SYSTEM_USER, reason=f"bundled dataset {bundle.dataset}")
        except DuplicateMeasure:
            log.info("another process loaded the bundled measures first")
            return False
        return True

    # ------------------------------------------------------------------ writes
    def load(self, bundle: MeasureFile, *, recorded_by: str, reason: str) -> int:
        """Record every measure of ``bundle`` in one transaction; return how many."""
        now = _now()
        with self._transaction() as session:
            self._check_new(session, [m.id for m in bundle.measures])
            for measure in bundle.measures:
                session.add(_record(measure, 1, "load", now, recorded_by, reason))
            session.merge(LedgerMeta(key="bundled_dataset", value=bundle.dataset))
            session.merge(LedgerMeta(key="bundled_as_of", value=bundle.as_of.isoformat()))
        return len(bundle.measures)

    def add(self, measures: Sequence[Measure], *, recorded_by: str, reason: str) -> list[str]:
        """Record new measures (ids must be new) in one transaction."""
        _check_unique_ids(measures)
        now = _now()
        with self._transaction() as session:
            self._check_new(session, [m.id for m in measures])
            for measure in measures:
                session.add(_record(measure, 1, "add", now, recorded_by, reason))
        return [m.id for m in measures]

    def correct(self, measure: Measure, *, recorded_by: str, reason: str) -> Revision:
        """Record a new revision of an existing measure; the old one is kept, superseded."""
        if not reason.strip():
            raise InvalidMeasure("A correction needs a reason (--reason 'what was wrong').")
        now = _now()
        with self._transaction() as session:
            current = self._current_record(session, measure.id)
            if current is None:
                raise MeasureNotFound(
                    f"No measure {measure.id!r} to correct; "
                    "use 'tradewar measures add' for new ones."
                )
            current.superseded_at = now
            session.flush()
            record = _record(measure, current.revision + 1, "correct", now, recorded_by, reason)
            session.add(record)
            session.flush()
            return _revision(record)

    # ------------------------------------------------------------------ reads
    def measures(self, as_known_on: datetime | None = None) -> list[Measure]:
        """Every measure as the ledger recorded it at ``as_known_on`` (default: now)."""
        with self._session() as session:
            records = session.scalars(_known_at(select(MeasureRecord), as_known_on)).all()
            return [_measure(r) for r in records]

    def measure_ids(
        self,
        *,
        imposing: str | None = None,
        target: str | None = None,
        kind: str | None = None,
        as_known_on: datetime | None = None,
    ) -> list[str]:
        """Ids of measures matching the filters (targets match directly or through ALL)."""
        query = select(MeasureRecord.measure_id)
        if imposing:
            query = query.where(MeasureRecord.imposing == imposing)
        if kind:
            query = query.where(MeasureRecord.kind == kind)
        if target:
            query = query.where(MeasureRecord.targets.any(MeasureTarget.iso3.in_([target, "ALL"])))
        with self._session() as session:
            return list(session.scalars(_known_at(query, as_known_on)).all())

    def get(self, measure_id: str, as_known_on: datetime | None = None) -> Measure:
        """One measure as known at ``as_known_on``; :class:`MeasureNotFound` if absent."""
        with self._session() as session:
            query = _known_at(
                select(MeasureRecord).where(MeasureRecord.measure_id == measure_id), as_known_on
            )
            record = session.scalars(query).first()
        if record is None:
            raise MeasureNotFound(_not_found_message(measure_id, as_known_on))
        return _measure(record)

    def history(self, measure_id: str) -> list[Revision]:
        """Every recorded revision of a measure, oldest first."""
        with self._session() as session:
            records = session.scalars(
                select(MeasureRecord)
                .where(MeasureRecord.measure_id == measure_id)
                .order_by(MeasureRecord.revision)
            ).all()
            if not records:
                raise MeasureNotFound(_not_found_message(measure_id, None))
            return [_revision(r) for r in records]

    def meta(self) -> dict[str, str]:
        """The key-value facts about this database."""
        with self._session() as session:
            return {row.key: row.value for row in session.scalars(select(LedgerMeta))}

    def citing(self, url_fragment: str) -> list[str]:
        """Ids of current measures citing a source whose URL contains ``url_fragment``."""
        query = (
            select(MeasureRecord.measure_id)
            .join(MeasureSource)
            .where(MeasureSource.url.contains(url_fragment))
            .distinct()
        )
        with self._session() as session:
            return list(session.scalars(_known_at(query, None)).all())

    # ------------------------------------------------------------------ tokens
    def create_token(self, name: str) -> str:
        """Create a write token for ``name``; return it (shown once, stored hashed)."""
        clean = name.strip()
        if not clean:
            raise InvalidInput("A token needs a name (who will use it), e.g. 'newsroom-bot'.")
        token = f"tw_{secrets.token_urlsafe(32)}"
        with self._session() as session, session.begin():
            exists = session.scalar(select(ApiToken).where(ApiToken.name == clean))
            if exists is not None:
                raise DuplicateToken(
                    f"A token named {clean!r} exists already; revoke it first or pick another name."
                )
            session.add(ApiToken(name=clean, token_sha256=_sha256(token), created_at=_now()))
        return token

    def token_owner(self, token: str) -> str | None:
        """The name behind a valid, unrevoked token (``None`` otherwise)."""
        digest = _sha256(token)
        with self._session() as session:
            row = session.scalar(
                select(ApiToken).where(
                    ApiToken.token_sha256 == digest, ApiToken.revoked_at.is_(None)
                )
            )
        if row is None or not hmac.compare_digest(row.token_sha256, digest):
            return None
        return row.name

    def tokens(self) -> list[dict[str, Any]]:
        """Names and dates of the tokens (never the tokens themselves)."""
        with self._session() as session:
            rows = session.scalars(select(ApiToken).order_by(ApiToken.created_at)).all()
            return [
                {
                    "name": r.name,
                    "created_at": r.created_at.isoformat(),
                    "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None,
                }
                for r in rows
            ]

    def revoke_token(self, name: str) -> None:
        """Revoke the token of ``name`` (it stays listed, with its revocation time)."""
        with self._session() as session, session.begin():
            row = session.scalar(
                select(ApiToken).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))
            )
            if row is None:
                raise UnknownToken(f"No active token named {name!r}; see 'tradewar tokens list'.")
            row.revoked_at = _now()

    # ------------------------------------------------------------------ internals
    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
            except OperationalError as err:
                raise LedgerError(f"The ledger database failed: {err.orig}") from err

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._session() as session:
            try:
                with session.begin():
                    yield session
            except IntegrityError as err:
                raise DuplicateMeasure(
                    f"The ledger changed while writing ({err.orig}); nothing was written. Retry."
                ) from err

    @staticmethod
    def _current_record(session: Session, measure_id: str) -> MeasureRecord | None:
        query = select(MeasureRecord).where(
            MeasureRecord.measure_id == measure_id, MeasureRecord.superseded_at.is_(None)
        )
        return session.scalars(query.with_for_update()).first()

    @staticmethod
    def _check_new(session: Session, ids: Sequence[str]) -> None:
        existing = set(
            session.scalars(
                select(MeasureRecord.measure_id).where(MeasureRecord.measure_id.in_(ids))
            ).all()
        )
        if existing:
            raise DuplicateMeasure(
                f"Measure id(s) already recorded: {', '.join(sorted(existing))}. "
                "Use 'tradewar measures correct ID FILE' to change a recorded measure; "
                "nothing was written."
            )


# ---------------------------------------------------------------------- row <-> model


def _now() -> datetime:
    return datetime.now(UTC)


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _known_at(query: Any, as_known_on: datetime | None) -> Any:
    entity = MeasureRecord
    if as_known_on is None:
        return query.where(entity.superseded_at.is_(None))
    return query.where(
        entity.recorded_at <= as_known_on,
        (entity.superseded_at.is_(None)) | (entity.superseded_at > as_known_on),
    )


def _record(
    measure: Measure, revision: int, change: str, now: datetime, recorded_by: str, reason: str
) -> MeasureRecord:
    record = MeasureRecord(
        measure_id=measure.id,
        revision=revision,
        kind=measure.kind.value,
        imposing=measure.imposing,
        announced_on=measure.announced_on,
        effective_on=measure.effective_on,
        ended_on=measure.ended_on,
        document=measure.model_dump(mode="json", exclude_none=True),
        recorded_at=now,
        superseded_at=None,
        recorded_by=recorded_by,
        change=change,
        reason=reason,
    )
    record.targets = [MeasureTarget(iso3=iso3) for iso3 in measure.targets]
    record.sources = [
        MeasureSource(
            position=i,
            url=s.url,
            publisher=s.publisher,
            published_on=s.published_on,
            quote=s.quote,
        )
        for i, s in enumerate(measure.sources)
    ]
    return record


def _measure(record: MeasureRecord) -> Measure:
    return Measure.model_validate(record.document)


def _revision(record: MeasureRecord) -> Revision:
    return Revision(
        measure_id=record.measure_id,
        revision=record.revision,
        change=record.change,
        recorded_at=record.recorded_at,
        superseded_at=record.superseded_at,
        recorded_by=record.recorded_by,
        reason=record.reason,
        measure=_measure(record),
    )


def _check_unique_ids(measures: Sequence[Measure]) -> None:
    seen: set[str] = set()
    for measure in measures:
        if measure.id in seen:
            raise DuplicateMeasure(f"Measure id {measure.id!r} appears twice in the input.")
        seen.add(measure.id)


def _not_found_message(measure_id: str, as_known_on: datetime | date | None) -> str:
    when = "" if as_known_on is None else f" as known on {as_known_on.isoformat()}"
    return f"No measure {measure_id!r} in the ledger{when}. List ids with 'tradewar measures list'."
