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
import re
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tradewar.codes.text import problem_in_text
from tradewar.errors import (
    DuplicateMeasure,
    DuplicateToken,
    EditConflict,
    InvalidInput,
    InvalidMeasure,
    LedgerError,
    MeasureNotFound,
    TradewarError,
    UnknownToken,
)
from tradewar.ledger.index import MeasureIndex
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.orm import (
    ApiToken,
    AuditEntry,
    LedgerMeta,
    MeasureRecord,
    MeasureSource,
    MeasureTarget,
)
from tradewar.ledger.refresh import (
    RefreshPlan,
    plan_refresh,
    read_bundle_header,
    refresh_reason,
    stored_measures,
)
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


#: The newest migration of ``migrations/versions`` (a test checks it against Alembic's script
#: directory). A ledger already at it is opened without importing Alembic, which would add
#: about 0.3 s to every command.
SCHEMA_HEADS: frozenset[str] = frozenset({"0005"})


def alembic_config(url: str) -> Any:
    """An Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("tradewar.ledger") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _schema_heads(connection: Connection) -> frozenset[str]:
    """The migrations a database is at (Alembic's ``alembic_version`` table; none if new)."""
    if not inspect(connection).has_table("alembic_version"):
        return frozenset()
    rows = connection.execute(text("SELECT version_num FROM alembic_version"))
    return frozenset(str(row[0]) for row in rows)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred-only).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """Writers take SQLite's write lock at BEGIN, so two writers queue instead of deadlocking."""
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


WRITE_OPTION = "tradewar_write"


def redacted_url(url: str) -> str:
    """``url`` with its password replaced by ``***`` (also when the URL does not parse).

    >>> redacted_url("postgresql+psycopg://ann:s3cret@db.example/ledger")
    'postgresql+psycopg://ann:***@db.example/ledger'
    """
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def database_failure(err: DBAPIError, doing: str) -> LedgerError:
    """A :class:`LedgerError` for a failed database call: its first line, no SQL, no secrets.

    SQLite's "file is not a database" (a damaged ledger file) gets a hint to restore.
    """
    reason = str(err.orig).strip().splitlines()[0] if err.orig is not None else type(err).__name__
    hint = ""
    if "not a database" in reason or "malformed" in reason:
        hint = (
            " The ledger file is damaged: restore a backup with 'tradewar db restore' into a "
            "new TRADEWAR_DATABASE_URL."
        )
    return LedgerError(f"{doing}: {reason}.{hint}")


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite files, create the parent folder and enable FKs."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as err:
        raise LedgerError(
            f"Cannot open the ledger database {redacted_url(url)!r}: {err}. "
            "Check TRADEWAR_DATABASE_URL "
            "(e.g. sqlite:///path/ledger.sqlite or postgresql+psycopg://user@host/db)."
        ) from err
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


class LedgerStore:
    """The measures ledger in a SQL database (SQLite by default, PostgreSQL for teams)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._index: MeasureIndex | None = None
        self._index_lock = threading.Lock()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{WRITE_OPTION: True})
        self._write_sessions = sessionmaker(writer, expire_on_commit=False)

    # ------------------------------------------------------------------ set-up
    @classmethod
    def open(cls, url: str, *, seed: bool = True, refresh: bool | None = None) -> LedgerStore:
        """Open the database at ``url``, migrate it and, if empty, load the bundled measures.

        With ``seed``, a ledger whose bundled record is older than this release's is also
        refreshed to it (:meth:`refresh_if_behind`) when ``refresh`` is true; by default
        (``None``) only SQLite ledgers are, the personal kind: a team's PostgreSQL ledger
        changes when its maintainers run ``tradewar db refresh``, and warns until then.
        """
        _refuse_empty_sqlite_file(url)
        store = cls(make_engine(url))
        store.migrate()
        if seed:
            store.ensure_seeded()
            if store.engine.dialect.name == "sqlite" if refresh is None else refresh:
                store.refresh_if_behind()
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest migration (cheap when already there)."""
        try:
            with self.engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
                if _schema_heads(connection) == SCHEMA_HEADS:
                    return
                from alembic import command

                config = alembic_config(self.engine.url.render_as_string(hide_password=False))
                config.attributes["connection"] = connection
                command.upgrade(config, "heads")
        except DBAPIError as err:
            raise database_failure(err, "Cannot migrate the ledger database") from err

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
        except (DuplicateMeasure, EditConflict):
            log.info("another process loaded the bundled measures first")
            return False
        return True

    # ------------------------------------------------------------------ bundled record
    def bundled_record_behind(
        self, meta: dict[str, str] | None = None
    ) -> tuple[date | None, date] | None:
        """``(ledger's bundled as_of, this release's)`` when the ledger's is older.

        ``None`` when the ledger holds this release's bundled record (or a newer one), or
        no measures at all.  A ledger with measures but no recorded ``bundled_as_of`` is
        taken as behind.  ``meta``: :meth:`meta`, when the caller has read it already.
        """
        release = read_bundle_header(bundled_measures_path()).as_of
        recorded = (self.meta() if meta is None else meta).get("bundled_as_of")
        if recorded is None:
            return None if self.first_recorded_at() is None else (None, release)
        ledger = date.fromisoformat(recorded)
        return (ledger, release) if ledger < release else None

    def refresh_if_behind(self) -> RefreshPlan | None:
        """Refresh the ledger to this release's bundled record if it holds an older one.

        Logs a one-line notice (a warning, so that a command line shows it) when it did;
        ``None`` when nothing was due or another process refreshed it first.
        """
        if self.bundled_record_behind() is None:
            return None
        try:
            plan = self.refresh_bundled()
        except (EditConflict, DuplicateMeasure):
            log.info("another process refreshed the bundled record first")
            return None
        except TradewarError as err:  # e.g. a read-only ledger: answers warn until refreshed
            log.warning("tradewar: could not refresh the ledger to the bundled record: %s", err)
            return None
        if plan.ledger_as_of == plan.bundle_as_of:  # another process was first: its notice
            return None
        hand = " (resolve conflicts with 'tradewar db refresh --dry-run')" if plan.conflicts else ""
        log.warning("tradewar: ledger refreshed to the %s%s", plan.summary(), hand)
        return plan

    def refresh_bundled(
        self, bundle: MeasureFile | None = None, *, dry_run: bool = False
    ) -> RefreshPlan:
        """Bring the ledger up to ``bundle`` (default: this release's bundled record).

        Adds the measures the ledger lacks, corrects those only the system recorded and
        the bundle restates, and leaves (reporting them) the measures a person changed
        and those the bundle no longer has: see :mod:`tradewar.ledger.refresh`.  One
        transaction: a measure changed by someone else while the refresh runs (optimistic
        locking, as :meth:`correct`) refuses the whole refresh with :class:`EditConflict`
        and nothing is written.  ``dry_run`` only plans.  A bundle older than the ledger's
        bundled record is refused.
        """
        bundle = bundle if bundle is not None else load_measure_file(bundled_measures_path())
        if dry_run:
            with self._session() as session:
                return self._plan_refresh(session, bundle)
        with self._transaction() as session:
            self._lock_key(session, "tradewar.refresh")
            plan = self._plan_refresh(session, bundle)
            self._apply_refresh(session, plan)
        return replace(plan, applied=True)

    def _plan_refresh(self, session: Session, bundle: MeasureFile) -> RefreshPlan:
        recorded = session.get(LedgerMeta, "bundled_as_of")
        ledger_as_of = None if recorded is None else date.fromisoformat(recorded.value)
        if ledger_as_of is not None and bundle.as_of < ledger_as_of:
            raise InvalidInput(
                f"The ledger holds the bundled record of {ledger_as_of}, newer than the one "
                f"offered ({bundle.as_of}); nothing was written. Use a tradewar release whose "
                "bundled record is at least as new as the ledger's."
            )
        rows = session.execute(
            select(
                MeasureRecord.measure_id,
                MeasureRecord.revision,
                MeasureRecord.recorded_by,
                MeasureRecord.reason,
                MeasureRecord.document,
            )
        ).all()
        revisions = [
            (i, int(rev), who, why, Measure.model_validate(doc)) for i, rev, who, why, doc in rows
        ]
        return plan_refresh(bundle, stored_measures(revisions, SYSTEM_USER), ledger_as_of)

    def _apply_refresh(self, session: Session, plan: RefreshPlan) -> None:
        now = _now()
        reason = refresh_reason(plan.bundle_as_of)
        self._check_new(session, [m.id for m in plan.added])
        for measure in plan.added:
            session.add(_record(measure, 1, "load", now, SYSTEM_USER, reason))
            session.add(_audit(now, SYSTEM_USER, "load", reason, measure, 1))
        for correction in plan.corrected:
            self._lock_measure(session, correction.measure_id)
            current = self._current_record(session, correction.measure_id)
            if current is None or current.revision != correction.expected_revision:
                raise EditConflict(
                    f"Measure {correction.measure_id!r} changed while the bundled record was "
                    "being refreshed; nothing was written. Run 'tradewar db refresh' again."
                )
            before = current.document
            current.superseded_at = now
            session.flush()
            revision = current.revision + 1
            measure = correction.measure
            session.add(_record(measure, revision, "correct", now, SYSTEM_USER, reason))
            session.add(_audit(now, SYSTEM_USER, "correct", reason, measure, revision, before))
        session.merge(LedgerMeta(key="bundled_dataset", value=plan.dataset))
        session.merge(LedgerMeta(key="bundled_as_of", value=plan.bundle_as_of.isoformat()))
        if plan.bundle_verified_through is not None:
            session.merge(
                LedgerMeta(
                    key="bundled_verified_through",
                    value=plan.bundle_verified_through.isoformat(),
                )
            )

    # ------------------------------------------------------------------ writes
    def load(self, bundle: MeasureFile, *, recorded_by: str, reason: str) -> int:
        """Record every measure of ``bundle`` in one transaction; return how many."""
        now = _now()
        with self._transaction() as session:
            self._check_new(session, [m.id for m in bundle.measures])
            for measure in bundle.measures:
                session.add(_record(measure, 1, "load", now, recorded_by, reason))
                session.add(_audit(now, recorded_by, "load", reason, measure, 1))
            session.merge(LedgerMeta(key="bundled_dataset", value=bundle.dataset))
            session.merge(LedgerMeta(key="bundled_as_of", value=bundle.as_of.isoformat()))
            if bundle.verified_through is not None:
                session.merge(
                    LedgerMeta(
                        key="bundled_verified_through",
                        value=bundle.verified_through.isoformat(),
                    )
                )
        return len(bundle.measures)

    def add(self, measures: Sequence[Measure], *, recorded_by: str, reason: str) -> list[str]:
        """Record new measures (ids must be new) in one transaction."""
        _check_unique_ids(measures)
        _check_reason(reason, "An addition")
        _check_who(recorded_by)
        now = _now()
        try:
            with self._transaction() as session:
                self._check_new(session, [m.id for m in measures])
                for measure in measures:
                    session.add(_record(measure, 1, "add", now, recorded_by, reason))
                    session.add(_audit(now, recorded_by, "add", reason, measure, 1))
        except EditConflict as err:  # another writer added the same id after our check
            raise DuplicateMeasure(
                f"Measure id(s) {', '.join(m.id for m in measures)} were recorded by another "
                "writer meanwhile; nothing was written. Use 'tradewar measures correct ID FILE' "
                "to change a recorded measure."
            ) from err
        return [m.id for m in measures]

    def correct(
        self,
        measure: Measure,
        *,
        recorded_by: str,
        reason: str,
        expected_revision: int | None = None,
    ) -> Revision:
        """Record a new revision of an existing measure; the old one is kept, superseded.

        Optimistic locking: with ``expected_revision`` (the revision the editor read), a
        measure changed by someone else meanwhile is refused with :class:`EditConflict`
        and nothing is written; the refusal is entered in the audit log.
        """
        _check_reason(reason, "A correction")
        _check_who(recorded_by)
        if expected_revision is not None and expected_revision < 1:
            raise InvalidInput(
                f"expected_revision is {expected_revision}; revisions start at 1 "
                "(see 'tradewar measures history ID')."
            )
        try:
            return self._write_correction(measure, recorded_by, reason, expected_revision)
        except EditConflict as conflict:
            self._log_refusal(measure, recorded_by, reason, str(conflict), expected_revision)
            raise

    def _write_correction(
        self, measure: Measure, recorded_by: str, reason: str, expected_revision: int | None
    ) -> Revision:
        now = _now()
        with self._transaction() as session:
            self._lock_measure(session, measure.id)
            current = self._current_record(session, measure.id)
            if current is None:
                raise MeasureNotFound(
                    f"No measure {measure.id!r} to correct; "
                    "use 'tradewar measures add' for new ones."
                )
            if expected_revision is not None and current.revision != expected_revision:
                raise EditConflict(
                    f"Measure {measure.id!r} is at revision {current.revision}, not "
                    f"{expected_revision} as expected: someone changed it meanwhile. Nothing "
                    "was written; read it again and reapply your change."
                )
            before = current.document
            current.superseded_at = now
            session.flush()
            record = _record(measure, current.revision + 1, "correct", now, recorded_by, reason)
            session.add(record)
            session.add(
                _audit(now, recorded_by, "correct", reason, measure, record.revision, before)
            )
            session.flush()
            return _revision(record)

    def _log_refusal(
        self,
        measure: Measure,
        who: str,
        reason: str,
        why: str,
        expected_revision: int | None,
    ) -> None:
        with self._transaction() as session:
            entry = _audit(_now(), who, "rejected", f"{reason} [refused: {why}]", measure, None)
            entry.revision = expected_revision
            session.add(entry)

    def current_revision(self, measure_id: str) -> int:
        """The revision number of a measure's current record (its version for locking)."""
        with self._session() as session:
            revision = session.scalar(
                select(MeasureRecord.revision).where(
                    MeasureRecord.measure_id == measure_id, MeasureRecord.superseded_at.is_(None)
                )
            )
        if revision is None:
            raise MeasureNotFound(_not_found_message(measure_id, None))
        return int(revision)

    def audit_log(self, measure_id: str | None = None) -> list[dict[str, Any]]:
        """The audit log, oldest first (optionally for one measure)."""
        query = select(AuditEntry).order_by(AuditEntry.entry_id)
        if measure_id is not None:
            query = query.where(AuditEntry.measure_id == measure_id)
        with self._session() as session:
            return [_audit_dict(row) for row in session.scalars(query)]

    # ------------------------------------------------------------------ reads
    def measures(self, as_known_on: datetime | None = None) -> list[Measure]:
        """Every measure as the ledger recorded it at ``as_known_on`` (default: now).

        The current measures come from :meth:`index` (validated once per ledger version).
        """
        if as_known_on is None:
            return list(self.index().measures)
        return self._load_measures(as_known_on)

    def _load_measures(self, as_known_on: datetime | None) -> list[Measure]:
        with self._session() as session:
            records = session.scalars(_known_at(select(MeasureRecord), as_known_on)).all()
            return [_measure(r) for r in records]

    def version(self) -> LedgerVersion:
        """(number of records, highest record id): every committed write changes it.

        Writes only insert records (a correction also closes the previous one), so the
        count grows with every commit, also when PostgreSQL commits ids out of order.
        """
        with self._session() as session:
            count, top = session.execute(
                select(func.count(MeasureRecord.record_id), func.max(MeasureRecord.record_id))
            ).one()
        return int(count), None if top is None else int(top)

    def index(self) -> MeasureIndex:
        """The current measures, validated and indexed; renewed when the version moves.

        One cheap query per call (:meth:`version`), so a write by this process or any
        other is seen by the next read; after a few writes only the measures they touched
        are read and validated again.
        """
        version = self.version()  # before loading: a write meanwhile only forces a renewal
        cached = self._index
        if cached is not None and cached.version == version:
            return cached
        with self._index_lock:
            cached = self._index
            if cached is not None and cached.version == version:
                return cached
            fresh = self._renewed(cached, version) if cached is not None else None
            if fresh is None:
                fresh = MeasureIndex(version, self._load_measures(None))
            self._index = fresh
            return fresh

    def _renewed(self, cached: MeasureIndex, version: LedgerVersion) -> MeasureIndex | None:
        """``cached`` updated with the records written since; ``None``: rebuild instead."""
        old_count, old_top = cached.version
        with self._session() as session:
            written = session.scalars(
                select(MeasureRecord.measure_id).where(MeasureRecord.record_id > (old_top or 0))
            ).all()
            touched = set(written)
            if old_count + len(written) != version[0] or len(touched) > RENEW_AT_MOST:
                return None  # commits out of id order, or a bulk load: read everything
            current = session.scalars(
                select(MeasureRecord)
                .where(MeasureRecord.measure_id.in_(touched), MeasureRecord.superseded_at.is_(None))
                .order_by(MeasureRecord.record_id)
            ).all()
            renewed = [_measure(r) for r in current]
        kept = [m for m in cached.measures if m.id not in touched]
        return MeasureIndex(version, kept + renewed)

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

    def first_recorded_at(self) -> datetime | None:
        """When the first measure was recorded (``None`` for an empty ledger)."""
        with self._session() as session:
            first: datetime | None = session.scalar(select(func.min(MeasureRecord.recorded_at)))
        if first is not None and first.tzinfo is None:
            first = first.replace(tzinfo=UTC)
        return first

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
    def create_token(
        self, name: str, by: str = SYSTEM_USER, expires_in: timedelta | None = None
    ) -> str:
        """Create a write token for ``name``; return it (shown once, stored hashed).

        With ``expires_in`` the token stops working that long from now (never without).
        """
        clean = name.strip()
        if not clean:
            raise InvalidInput("A token needs a name (who will use it), e.g. 'newsroom-bot'.")
        if len(clean) > MAX_TOKEN_NAME_CHARS:
            raise InvalidInput(
                f"A token name has at most {MAX_TOKEN_NAME_CHARS} characters; got {len(clean)}."
            )
        problem = problem_in_text(clean)
        if problem:
            raise InvalidInput(f"The token name {problem}.")
        if expires_in is not None and expires_in <= timedelta(0):
            raise InvalidInput(
                "A token's lifetime must be positive, e.g. 90 days.", field="expires_in"
            )
        token = f"tw_{secrets.token_urlsafe(32)}"
        with self._transaction() as session:
            exists = session.scalar(
                select(ApiToken).where(ApiToken.name == clean, ApiToken.revoked_at.is_(None))
            )
            if exists is not None:
                raise DuplicateToken(
                    f"An active token named {clean!r} exists already; revoke it first "
                    "(a revoked token's name can be reused) or pick another name."
                )
            now = _now()
            expires_at = None if expires_in is None else now + expires_in
            session.add(
                ApiToken(
                    name=clean, token_sha256=_sha256(token), created_at=now, expires_at=expires_at
                )
            )
            session.add(
                AuditEntry(at=now, who=by, action="token_create", reason=f"token {clean!r}")
            )
        return token

    def token_owner(self, token: str) -> str | None:
        """The name behind a valid (unrevoked, unexpired) token (``None`` otherwise)."""
        info = self.token_info(token)
        return None if info is None else str(info["name"])

    def token_info(self, token: str) -> dict[str, Any] | None:
        """Name, creation and expiry of a valid token (``None`` if unknown, revoked, expired)."""
        if problem_in_text(token) is not None:
            return None
        digest = _sha256(token)
        with self._session() as session:
            row = session.scalar(
                select(ApiToken).where(
                    ApiToken.token_sha256 == digest, ApiToken.revoked_at.is_(None)
                )
            )
        if row is None or not hmac.compare_digest(row.token_sha256, digest):
            return None
        if row.expires_at is not None and row.expires_at <= _now():
            return None
        return _token_dict(row)

    def tokens(self) -> list[dict[str, Any]]:
        """Names and dates of the tokens (never the tokens themselves)."""
        with self._session() as session:
            rows = session.scalars(select(ApiToken).order_by(ApiToken.created_at)).all()
            return [_token_dict(r) for r in rows]

    def revoke_token(self, name: str, by: str = SYSTEM_USER) -> None:
        """Revoke the token of ``name`` (it stays listed, with its revocation time)."""
        with self._transaction() as session:
            row = session.scalar(
                select(ApiToken).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))
            )
            if row is None:
                raise UnknownToken(f"No active token named {name!r}; see 'tradewar tokens list'.")
            row.revoked_at = _now()
            session.add(
                AuditEntry(
                    at=row.revoked_at, who=by, action="token_revoke", reason=f"token {name!r}"
                )
            )

    # ------------------------------------------------------------------ internals
    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
            except DBAPIError as err:
                raise database_failure(err, "The ledger database failed") from err

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """A write transaction: all of it lands, or none (SQLite: BEGIN IMMEDIATE)."""
        with self._write_sessions() as session:
            try:
                with session.begin():
                    yield session
            except IntegrityError as err:  # a lost race; the constraint's name stays in the log
                log.info("write refused by a constraint: %s", err.orig)
                raise EditConflict(
                    "The ledger changed while writing; nothing was written. Retry."
                ) from err
            except DBAPIError as err:
                raise database_failure(err, "The ledger database failed") from err

    @staticmethod
    def _lock_measure(session: Session, measure_id: str) -> None:
        """Serialise writers of one measure for the rest of the transaction.

        On PostgreSQL a transaction-scoped advisory lock keyed by the id: row locks alone
        are not enough, because a concurrent correction replaces the current row, and a
        waiting ``SELECT ... FOR UPDATE`` then skips it.  SQLite writers are serialised
        by ``BEGIN IMMEDIATE`` already.
        """
        LedgerStore._lock_key(session, f"tradewar.measure:{measure_id}")

    @staticmethod
    def _lock_key(session: Session, key: str) -> None:
        """A PostgreSQL transaction-scoped advisory lock on ``key`` (SQLite: no-op)."""
        if session.get_bind().dialect.name == "postgresql":
            session.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key}
            )

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

#: :meth:`LedgerStore.version`: (number of measure records, highest record id).
LedgerVersion = tuple[int, int | None]
#: Most measures an index renewal reads again before a full rebuild is cheaper.
RENEW_AT_MOST = 500

#: Longest token name (it is the ``recorded_by`` of the writes made with it).
MAX_TOKEN_NAME_CHARS = 120


def _token_dict(row: ApiToken) -> dict[str, Any]:
    return {
        "name": row.name,
        "created_at": row.created_at.isoformat(),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
    }


def _refuse_empty_sqlite_file(url: str) -> None:
    """A 0-byte SQLite ledger is a lost or truncated one: refuse it rather than reseed it."""
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        return
    path = Path(url.removeprefix("sqlite:///").split("?")[0]).expanduser()
    if path.is_file() and path.stat().st_size == 0:
        raise LedgerError(
            f"The ledger file {path} is empty (0 bytes): the data it held is lost or was "
            "truncated, and it is not reseeded silently. Restore a backup into it with "
            "'tradewar db restore FILE', or delete the file to start again from the bundled "
            "measures."
        )


def _now() -> datetime:
    return datetime.now(UTC)


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _audit(
    at: datetime,
    who: str,
    action: str,
    reason: str,
    measure: Measure,
    revision: int | None,
    before: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry(
        at=at,
        who=who,
        action=action,
        measure_id=measure.id,
        revision=revision,
        reason=reason,
        before=before,
        after=measure.model_dump(mode="json", exclude_none=True),
    )


def _audit_dict(row: AuditEntry) -> dict[str, Any]:
    return {
        "entry_id": row.entry_id,
        "at": row.at.isoformat(),
        "who": row.who,
        "action": row.action,
        "measure_id": row.measure_id,
        "revision": row.revision,
        "reason": row.reason,
        "before": row.before,
        "after": row.after,
    }


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


def _check_reason(reason: str, what: str) -> None:
    """A write's reason: some words, storable (no NUL, no lone surrogates)."""
    if not reason.strip():
        raise InvalidMeasure(f"{what} needs a reason (why), not an empty one.", field="reason")
    problem = problem_in_text(reason)
    if problem:
        raise InvalidMeasure(f"The reason {problem}.", field="reason")


def _check_who(recorded_by: str) -> None:
    """Who records a write: a name that fits its column (as token names do)."""
    problem = problem_in_text(recorded_by)
    if problem or not recorded_by.strip() or len(recorded_by) > MAX_TOKEN_NAME_CHARS:
        raise InvalidInput(
            f"Who records the change must be a name of 1 to {MAX_TOKEN_NAME_CHARS} "
            f"characters{'; it ' + problem if problem else ''}.",
            field="recorded_by",
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
