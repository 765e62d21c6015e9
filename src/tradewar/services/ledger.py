"""The ledger service: what the CLI (and the API) call to read and write the ledger.

It takes typed values: dates as :class:`~datetime.date`, recorded-time instants as
:class:`~datetime.datetime`, countries as ISO3 codes, HS codes as digits, kinds as
:class:`~tradewar.ledger.schema.MeasureKind`.  The interfaces parse what users type
(:func:`~tradewar.codes.dates.parse_date`, :func:`~tradewar.codes.countries.to_iso3`,
:func:`~tradewar.codes.hs.normalize_hs`); the service only checks cheaply that a value is
of its kind and that the values agree (two different countries, dates in order), and
names the parameter at fault in ``err.field`` (``on``, ``importer``, ``end``), which each
interface calls by its own name.  It opens the store from the settings and hands
validated measures to the pure functions of :mod:`tradewar.ledger.engine`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import yaml

from tradewar.codes.countries import require_iso3
from tradewar.codes.hs import require_hs
from tradewar.config import Settings
from tradewar.errors import (
    EditConflict,
    InvalidInput,
    InvalidMeasure,
    field_named,
)
from tradewar.ledger import engine
from tradewar.ledger.coverage import coverage_gaps
from tradewar.ledger.loader import bundled_measures_path, check_references
from tradewar.ledger.refresh import RefreshPlan, read_bundle_header
from tradewar.ledger.schema import Measure, MeasureKind, measure_json
from tradewar.ledger.store import LedgerStore, Revision
from tradewar.services.container import Services

if TYPE_CHECKING:
    from tradewar.services.hts import HtsService

#: Columns of the state, diff and timeline tables: the same for ``--csv`` and ``format=csv``.
STATE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(engine.MeasureState))
CHANGE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(engine.Change))
TIMELINE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(engine.TimelinePoint))

#: The window of a timeline unless asked: the trade war's 2025 and 2026.
TIMELINE_START = date(2025, 1, 1)
TIMELINE_END = date(2026, 12, 31)


@dataclass(frozen=True)
class MeasureFilter:
    """Filters of a measure list (all optional): ISO3 codes, a kind, a window of dates."""

    imposing: str | None = None
    target: str | None = None
    kind: MeasureKind | None = None
    between: tuple[date, date] | None = None


@dataclass(frozen=True)
class DiffReport:
    """Changes between two dates, with the headline duty before and after for a pair."""

    start: date
    end: date
    between: tuple[str, str] | None
    changes: list[engine.Change]
    headline_before: dict[str, float | None] = field(default_factory=dict)
    headline_after: dict[str, float | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (a headline is ``null`` where it is not known)."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "between": list(self.between) if self.between else None,
            "headline_before_pct": self.headline_before,
            "headline_after_pct": self.headline_after,
            "changes": [c.to_dict() for c in self.changes],
            "warnings": self.warnings,
        }


@dataclass(frozen=True)
class Brief:
    """The ``tradewar brief`` report: US–China today, and what changed in 2025 and 2026."""

    today: date
    ledger_as_of: date | None
    a: str
    b: str
    stacks: list[engine.TariffStack]
    in_force: list[engine.MeasureState]
    changes_2025: list[engine.Change]
    timelines: dict[str, list[engine.TimelinePoint]]
    expired_since_as_of: list[Measure]
    sources: dict[str, str]
    changes_2026: list[engine.Change] = field(default_factory=list)
    verified_through: date | None = None
    unverified_since: list[Measure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "today": self.today.isoformat(),
            "ledger_as_of": None if self.ledger_as_of is None else self.ledger_as_of.isoformat(),
            "verified_through": _iso(self.verified_through),
            "headline": [s.to_dict() for s in self.stacks],
            "in_force": [s.to_dict() for s in self.in_force],
            "changes_2025": [c.to_dict() for c in self.changes_2025],
            "changes_2026": [c.to_dict() for c in self.changes_2026],
            "timelines": {k: [p.to_dict() for p in v] for k, v in self.timelines.items()},
            "expired_since_as_of": [m.id for m in self.expired_since_as_of],
            "unverified": [
                {"measure": m.id, "unverified_after": _iso(m.unverified_after)}
                for m in self.unverified_since
            ],
            "warnings": self.warnings,
        }


class LedgerService:
    """Read and write the measures ledger named by the settings."""

    def __init__(self, settings: Settings, hts: HtsService | None = None) -> None:
        """``hts``: the tariff-line service the stacks are decided with (else one of its
        own, built as :class:`~tradewar.services.container.Services` builds it)."""
        self.settings = settings
        self.hts = hts if hts is not None else Services(settings).hts

    @cached_property
    def store(self) -> LedgerStore:
        """The store, opened (migrated and seeded) on first use."""
        return LedgerStore.open(self.settings.database_url)

    # ------------------------------------------------------------------ record limits
    def verified_through(self) -> date | None:
        """The date of the last verified fact of the record (bundled ``verified_through``).

        A ledger seeded before ``verified_through`` was stored falls back to the bundle's,
        unless it holds an older bundled record than this release's: that one is verified
        at most through its own ``as_of``.
        """
        return self._record_limits()[0]

    def _record_limits(self) -> tuple[date | None, tuple[date | None, date] | None]:
        """(last verified fact, :meth:`LedgerStore.bundled_record_behind`), one meta read."""
        meta = self.store.meta()
        behind = self.store.bundled_record_behind(meta)
        recorded = meta.get("bundled_verified_through")
        if recorded is not None:
            return date.fromisoformat(recorded), behind
        if behind is not None:
            return behind[0], behind
        return bundled_verified_through(), behind

    def date_warnings(self, *days: date) -> list[str]:
        """Warnings when any of ``days`` is after the last verified fact of the record,
        and when the ledger holds an older bundled record than this release's."""
        last, behind = self._record_limits()
        warnings = outdated_record_warnings(behind)
        later = [d for d in days if last is not None and d > last]
        if later:
            warnings.append(
                f"{max(later)} is after the last verified fact of the record ({last}): "
                "measures may have started, ended or changed since without the ledger "
                "knowing; statuses after that date are not verified."
            )
        return warnings

    def empty_reason(self, as_known_on: datetime | None) -> str | None:
        """Why a query as known on an instant finds no measures (``None``: it does)."""
        if as_known_on is None:
            return None
        first = self.store.first_recorded_at()
        if first is None:
            return "The ledger holds no measures at all."
        if as_known_on < first:
            return (
                f"No measures were recorded yet on {as_known_on.isoformat(timespec='seconds')}: "
                f"the first were recorded on {first.isoformat(timespec='seconds')} "
                "(the ledger as known on an instant is the ledger as it stood then, in "
                "recorded time; for the measures in force on a date, ask for that date)."
            )
        return None

    # ------------------------------------------------------------------ reads
    def measures(self, as_known_on: datetime | None = None) -> list[Measure]:
        """All measures, as known now or at ``as_known_on``."""
        return self.store.measures(as_known_on)

    def list_measures(
        self, filters: MeasureFilter, as_known_on: datetime | None = None
    ) -> list[Measure]:
        """Measures matching the filters, ordered by date.

        Raises
        ------
        UnknownCode
            When ``imposing`` or ``target`` is not an ISO3 code (``err.field`` names it).
        InvalidInput
            When ``kind`` is not a :class:`MeasureKind` or ``between`` is out of order.
        """
        _check_filters(filters)
        ids = set(
            self.store.measure_ids(
                imposing=filters.imposing,
                target=filters.target,
                kind=None if filters.kind is None else filters.kind.value,
                as_known_on=as_known_on,
            )
        )
        chosen = [m for m in self.store.measures(as_known_on) if m.id in ids]
        if filters.between is not None:
            chosen = [m for m in chosen if _overlaps(m, *filters.between)]
        return sorted(chosen, key=_date_key)

    def get(self, measure_id: str, as_known_on: datetime | None = None) -> Measure:
        """One measure by id."""
        return self.store.get(measure_id, as_known_on)

    def related(self, measure: Measure) -> list[tuple[str, str, str]]:
        """Links to and from ``measure``: (direction, relation, other id), each once.

        Links *to* other measures use the relation's own word (``suspends``); links
        *from* others use its passive (``suspended by``), so a suspension recorded both
        as a ``suspends`` entry and a relation is listed once, in one voice.
        """
        links = [("to", r.type.value, r.measure) for r in measure.relations]
        links += [("to", "suspends", p.measure) for p in measure.suspends]
        for other in self.store.measures():
            links += [
                ("from", PASSIVE[r.type.value], other.id)
                for r in other.relations
                if r.measure == measure.id
            ]
            links += [
                ("from", "suspended by", other.id)
                for p in other.suspends
                if p.measure == measure.id
            ]
        return list(dict.fromkeys(links))

    def history(self, measure_id: str) -> list[Revision]:
        """Every recorded revision of one measure."""
        return self.store.history(measure_id)

    def state(
        self, on: date, a: str, b: str, as_known_on: datetime | None = None
    ) -> list[engine.MeasureState]:
        """Everything in force between two countries (ISO3) on a date, both directions."""
        first, second = _pair(a, b)
        return engine.state_between(self.measures(as_known_on), _day(on, "on"), first, second)

    def state_warnings(self, on: date, a: str, b: str) -> list[str]:
        """Warnings for ``state``: the date past the record, pairs the record does not cover."""
        day = _day(on, "on")
        first, second = _pair(a, b)
        found = self.date_warnings(day)
        for imp, exp in ((first, second), (second, first)):
            found += [
                f"{imp} on {exp}: not covered: {gap}" for gap in coverage_gaps(imp, exp, None, day)
            ]
        return found

    def timeline_warnings(
        self,
        importer: str,
        exporter: str,
        hs: str | None = None,
        start: date = TIMELINE_START,
        end: date = TIMELINE_END,
    ) -> list[str]:
        """Warnings for ``timeline``: levels past the record's last verified fact."""
        del importer, exporter, hs  # coverage is per point (TimelinePoint.covered)
        return self.date_warnings(*_window(start, end))

    def export_yaml(self, measure_id: str, as_known_on: datetime | None = None) -> str:
        """One measure as YAML that ``measures correct`` accepts back unchanged."""
        measure = self.get(measure_id, as_known_on)
        header = (
            f"# {measure.id}: edit, then record with\n"
            f"#   tradewar measures correct {measure.id} THIS_FILE.yaml --reason '...'\n"
        )
        body = yaml.safe_dump(measure_json(measure), allow_unicode=True, sort_keys=False, width=100)
        return header + body

    def tariff(
        self,
        importer: str,
        exporter: str,
        hs: str | None,
        on: date,
        as_known_on: datetime | None = None,
    ) -> engine.TariffStack:
        """The stack of additional duties on one shipment.

        Parameters
        ----------
        importer, exporter : str
            ISO3 codes of two different countries.
        hs : str or None
            A normalised HS code (2-10 digits), or None for the all-goods headline.
        on : date
            The date of entry.
        as_known_on : datetime, optional
            Answer from the ledger as it stood at this instant (recorded time).
        """
        imp, exp = _pair(importer, exporter, names=("importer", "exporter"))
        code = None if hs is None else require_hs(hs, "hs")
        day = _day(on, "on")
        # Without as_known_on the stack needs only what imp imposes on exp: the read index.
        if as_known_on is None:
            measures = list(self.store.index().between(imp, exp))
        else:
            measures = self.measures(as_known_on)
        if code is None:
            stack = engine.tariff_stack(measures, imp, exp, code, day)
        else:
            stack = _with_tariff_lines(self.hts, measures, imp, exp, code, day)
        return self.with_warnings(stack)

    def with_warnings(self, stack: engine.TariffStack) -> engine.TariffStack:
        """The stack with a warning (and a note) when its date is past the record."""
        warnings = self.date_warnings(stack.on)
        if not warnings:
            return stack
        return replace(stack, warnings=tuple(warnings), notes=(*warnings, *stack.notes))

    def diff(
        self,
        start: date,
        end: date,
        between: tuple[str, str] | None = None,
        as_known_on: datetime | None = None,
    ) -> DiffReport:
        """What started, ended or was suspended after ``start`` up to ``end``; with
        ``between`` (two ISO3 codes) only measures between them, with headline duties."""
        first, last = _window(start, end)
        pair = _pair(*between, names=("between", "between")) if between else None
        measures = self.measures(as_known_on)
        changes = engine.diff(measures, first, last, pair)
        before: dict[str, float | None] = {}
        after: dict[str, float | None] = {}
        if pair is not None:
            for imp, exp in (pair, pair[::-1]):
                key = f"{imp}<-{exp}"
                before[key] = engine.tariff_stack(
                    measures, imp, exp, None, first
                ).total_additional_pct
                after[key] = engine.tariff_stack(
                    measures, imp, exp, None, last
                ).total_additional_pct
        return DiffReport(
            first, last, pair, changes, before, after, self.date_warnings(first, last)
        )

    def timeline(
        self,
        importer: str,
        exporter: str,
        hs: str | None = None,
        start: date = TIMELINE_START,
        end: date = TIMELINE_END,
        as_known_on: datetime | None = None,
    ) -> tuple[list[engine.TimelinePoint], list[engine.TimelineEvent]]:
        """The additional duty ``importer`` levies on ``exporter``'s goods (ISO3 codes) at
        each change point from ``start`` to ``end``, and the talks and deals around it."""
        imp, exp = _pair(importer, exporter, names=("importer", "exporter"))
        first, last = _window(start, end)
        code = None if hs is None else require_hs(hs, "hs")
        measures = self.measures(as_known_on)
        if code is not None:
            measures = _line_scoped(self.hts, measures)
        points = engine.timeline(measures, imp, exp, code, first, last)
        events = engine.timeline_events(measures, imp, exp, first, last)
        return points, events

    def brief(self, today: date, a: str = "USA", b: str = "CHN") -> Brief:
        """The terminal report of ``make run``: today's measures and 2025's changes."""
        day = _day(today, "today")
        first, second = _pair(a, b)
        measures = self.measures()
        meta = self.store.meta()
        as_of = date.fromisoformat(meta["bundled_as_of"]) if "bundled_as_of" in meta else None
        stacks = [
            self.with_warnings(engine.tariff_stack(measures, first, second, None, day)),
            self.with_warnings(engine.tariff_stack(measures, second, first, None, day)),
        ]
        changes = engine.diff(measures, date(2024, 12, 31), date(2025, 12, 31), (first, second))
        changes_2026 = (
            engine.diff(measures, date(2025, 12, 31), min(day, date(2026, 12, 31)), (first, second))
            if day > date(2025, 12, 31)
            else []
        )
        timelines = {
            f"{imp}<-{exp}": engine.timeline(measures, imp, exp, None, date(2025, 1, 1), day)
            for imp, exp in ((first, second), (second, first))
        }
        expired = [
            m
            for m in measures
            if as_of is not None and m.ended_on is not None and as_of < m.ended_on <= day
        ]
        cited = {m.id: m.sources[0].url for m in measures}
        unverified = [m for m in measures if m.unverified_on(day)]
        return Brief(
            today=day,
            ledger_as_of=as_of,
            a=first,
            b=second,
            stacks=stacks,
            in_force=engine.state_between(measures, day, first, second),
            changes_2025=changes,
            timelines=timelines,
            expired_since_as_of=expired,
            sources=cited,
            changes_2026=changes_2026,
            verified_through=self.verified_through(),
            unverified_since=unverified,
            warnings=self.date_warnings(day),
        )

    # ------------------------------------------------------------------ writes
    def add(
        self,
        measures: Sequence[Measure],
        *,
        recorded_by: str,
        reason: str,
        origin: str = "input",
    ) -> list[str]:
        """Record validated measures (all or none) once their references resolve.

        The interfaces read the measures (a YAML file, a request body) into
        :class:`Measure` objects; ``origin`` names where they came from in errors.
        """
        with field_named("measures"):
            check_references(measures, known_ids=self.store.measure_ids(), origin=origin)
        return self.store.add(list(measures), recorded_by=recorded_by, reason=reason or "added")

    def correct(
        self,
        measure_id: str,
        measure: Measure,
        *,
        recorded_by: str,
        reason: str,
        expected_revision: int | None = None,
        origin: str = "input",
    ) -> Revision:
        """Record ``measure`` as the corrected revision of ``measure_id`` (ids never change)."""
        if measure.id != measure_id:
            raise InvalidMeasure(
                f"{origin}: its id is {measure.id!r}; expected {measure_id!r}, the measure "
                "being corrected (ids never change).",
                field="measure",
            )
        with field_named("measure_id"):  # an unknown id, before any other check
            self.store.get(measure_id)
        with field_named("measure"):
            check_references([measure], known_ids=self.store.measure_ids(), origin=origin)
        try:
            return self.store.correct(
                measure,
                recorded_by=recorded_by,
                reason=reason,
                expected_revision=expected_revision,
            )
        except EditConflict as err:  # a lost race: the revision the caller expected
            err.field = "expected_revision"
            raise


# ---------------------------------------------------------------------- helpers

PASSIVE = {
    "modifies": "modified by",
    "replaces": "replaced by",
    "suspends": "suspended by",
    "extends": "extended by",
    "lifts": "lifted by",
    "implements": "implemented by",
    "retaliates_against": "retaliated against by",
}


@lru_cache(maxsize=1)
def bundled_verified_through() -> date | None:
    """``verified_through`` of the bundled measures file (for ledgers seeded before it)."""
    return read_bundle_header(bundled_measures_path()).verified_through


def outdated_record_warnings(behind: tuple[date | None, date] | None) -> list[str]:
    """A warning when the ledger was not refreshed to this release's bundled record."""
    if behind is None:
        return []
    ledger, release = behind
    held = f"the bundled record of {ledger}" if ledger else "no dated bundled record"
    return [
        f"This ledger holds {held}; this release bundles the record of {release}: answers "
        "miss the measures and corrections recorded since. Run 'tradewar db refresh' "
        "(a person's edits are kept)."
    ]


def refresh_bundled_record(settings: Settings, *, dry_run: bool = False) -> RefreshPlan:
    """Refresh the ledger of ``settings`` to this release's bundled record (``db refresh``).

    The store is opened without the automatic refresh, so that ``dry_run`` writes nothing
    and the report covers every change.
    """
    store = LedgerStore.open(settings.database_url, seed=False)
    try:
        return store.refresh_bundled(dry_run=dry_run)
    finally:
        store.engine.dispose()


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _line_scoped(lines: HtsService, measures: list[Measure]) -> list[Measure]:
    """The measures with the tariff-line lists as scopes, when the files are present."""
    return lines.attach(measures) if lines.available() else measures


def _with_tariff_lines(
    lines: HtsService, measures: list[Measure], importer: str, exporter: str, code: str, on: date
) -> engine.TariffStack:
    """The stack on a product, decided line by line when the tariff-line files are present."""
    if not lines.available():
        stack = engine.tariff_stack(measures, importer, exporter, code, on)
        note = "Tariff-line lists not loaded (no <data dir>/hts/budgetlab): " + TARIFF_LINES_HINT
        return replace(stack, notes=(*stack.notes, note))
    return lines.answer(measures, importer, exporter, code, on)


TARIFF_LINES_HINT = "Section 301, Section 232 and exemption lists by HTS line need them."


def _day(value: date, field: str) -> date:
    """``value`` when it is a date (not text, not a datetime); else an error naming ``field``."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise InvalidInput(
        f"{value!r} is not a date; expected a datetime.date (parse text with "
        "tradewar.codes.dates.parse_date).",
        field=field,
    )


def _window(start: date, end: date) -> tuple[date, date]:
    """Two dates in order; an ``end`` before ``start`` is an error naming ``end``."""
    first, last = _day(start, "start"), _day(end, "end")
    if last < first:
        raise InvalidInput(
            f"{last} is before the start of the window ({first}); expected a date on or after it.",
            field="end",
        )
    return first, last


def _pair(a: str, b: str, names: tuple[str, str] = ("a", "b")) -> tuple[str, str]:
    """Two different countries, each an ISO3 code; errors name the parameter (``names``)."""
    first, second = require_iso3(a, names[0]), require_iso3(b, names[1])
    if first == second:
        raise InvalidInput(
            f"both countries are {first}; expected two different countries.", field=names[1]
        )
    return first, second


def _check_filters(filters: MeasureFilter) -> None:
    """The filters are of their kinds: ISO3 codes, a :class:`MeasureKind`, dates in order."""
    if filters.imposing is not None:
        require_iso3(filters.imposing, "imposing")
    if filters.target is not None:
        require_iso3(filters.target, "target")
    if filters.kind is not None and not isinstance(filters.kind, MeasureKind):
        allowed = ", ".join(k.value for k in MeasureKind)
        raise InvalidInput(
            f"unknown kind {filters.kind!r}; expected one of {allowed}.", field="kind"
        )
    if filters.between is not None:
        start, end = (_day(day, "between") for day in filters.between)
        if end < start:
            raise InvalidInput(
                f"{end} is before {start}; expected the two dates in order.", field="between"
            )


def _overlaps(measure: Measure, start: date, end: date) -> bool:
    if measure.effective_on is not None and measure.legal_status.value == "enacted":
        ends_after_start = measure.ended_on is None or measure.ended_on > start
        return measure.effective_on <= end and ends_after_start
    return measure.announced_on is not None and start <= measure.announced_on <= end


def _date_key(measure: Measure) -> tuple[date, str]:
    day = measure.effective_on or measure.announced_on or date.max
    return (day, measure.id)
