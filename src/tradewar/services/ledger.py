"""The ledger service: what the CLI (and the API) call to read and write the ledger.

It parses and checks user input (countries, HS codes, dates), opens the store from
the settings, and hands validated measures to the pure functions of
:mod:`tradewar.ledger.engine`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from tradewar.codes.countries import to_iso3
from tradewar.codes.dates import parse_date, parse_instant
from tradewar.codes.hs import normalize_hs
from tradewar.config import Settings
from tradewar.errors import InvalidInput, InvalidMeasure
from tradewar.ledger import engine
from tradewar.ledger.loader import check_references, load_measures
from tradewar.ledger.schema import Measure, MeasureKind
from tradewar.ledger.store import LedgerStore, Revision

DateLike = str | date
InstantLike = str | date | datetime


@dataclass(frozen=True)
class MeasureFilter:
    """Filters of ``tradewar measures list`` (all optional)."""

    imposing: str | None = None
    target: str | None = None
    kind: str | None = None
    between: tuple[date, date] | None = None


@dataclass(frozen=True)
class DiffReport:
    """Changes between two dates, with the headline duty before and after for a pair."""

    start: date
    end: date
    between: tuple[str, str] | None
    changes: list[engine.Change]
    headline_before: dict[str, float] = field(default_factory=dict)
    headline_after: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "between": list(self.between) if self.between else None,
            "headline_before_pct": self.headline_before,
            "headline_after_pct": self.headline_after,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True)
class Brief:
    """The ``tradewar brief`` report: US–China today, and what changed in 2025."""

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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "today": self.today.isoformat(),
            "ledger_as_of": None if self.ledger_as_of is None else self.ledger_as_of.isoformat(),
            "headline": [s.to_dict() for s in self.stacks],
            "in_force": [s.to_dict() for s in self.in_force],
            "changes_2025": [c.to_dict() for c in self.changes_2025],
            "timelines": {k: [p.to_dict() for p in v] for k, v in self.timelines.items()},
            "expired_since_as_of": [m.id for m in self.expired_since_as_of],
        }


class LedgerService:
    """Read and write the measures ledger named by the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def store(self) -> LedgerStore:
        """The store, opened (migrated and seeded) on first use."""
        return LedgerStore.open(self.settings.database_url)

    # ------------------------------------------------------------------ reads
    def measures(self, as_known_on: InstantLike | None = None) -> list[Measure]:
        """All measures, as known now or at ``as_known_on``."""
        return self.store.measures(_instant(as_known_on))

    def list_measures(
        self, filters: MeasureFilter, as_known_on: InstantLike | None = None
    ) -> list[Measure]:
        """Measures matching the filters, ordered by date."""
        instant = _instant(as_known_on)
        kind = _kind(filters.kind) if filters.kind else None
        ids = set(
            self.store.measure_ids(
                imposing=to_iso3(filters.imposing) if filters.imposing else None,
                target=to_iso3(filters.target) if filters.target else None,
                kind=kind,
                as_known_on=instant,
            )
        )
        chosen = [m for m in self.store.measures(instant) if m.id in ids]
        if filters.between is not None:
            chosen = [m for m in chosen if _overlaps(m, *filters.between)]
        return sorted(chosen, key=_date_key)

    def get(self, measure_id: str, as_known_on: InstantLike | None = None) -> Measure:
        """One measure by id."""
        return self.store.get(measure_id, _instant(as_known_on))

    def related(self, measure: Measure) -> list[tuple[str, str, str]]:
        """Links to and from ``measure``: (direction, relation, other id)."""
        links = [("to", r.type.value, r.measure) for r in measure.relations]
        links += [("to", "suspends", p.measure) for p in measure.suspends]
        for other in self.store.measures():
            links += [
                ("from", r.type.value, other.id) for r in other.relations if r.measure == measure.id
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
        self, on: DateLike, a: str, b: str, as_known_on: InstantLike | None = None
    ) -> list[engine.MeasureState]:
        """Everything in force between two countries on a date, both directions."""
        day = parse_date(on, "--on")
        first, second = _pair(a, b)
        return engine.state_between(self.measures(as_known_on), day, first, second)

    def tariff(
        self,
        importer: str,
        exporter: str,
        hs: str | None,
        on: DateLike,
        as_known_on: InstantLike | None = None,
    ) -> engine.TariffStack:
        """The stack of additional duties on one shipment."""
        imp, exp = _pair(importer, exporter, names=("--importer", "--exporter"))
        code = normalize_hs(hs) if hs else None
        day = parse_date(on, "--on")
        if as_known_on is None:  # the stack needs only what imp imposes on exp: the index
            return engine.tariff_stack(self.store.index().between(imp, exp), imp, exp, code, day)
        return engine.tariff_stack(self.measures(as_known_on), imp, exp, code, day)

    def diff(
        self,
        start: DateLike,
        end: DateLike,
        between: Sequence[str] | None = None,
        as_known_on: InstantLike | None = None,
    ) -> DiffReport:
        """What started, ended or was suspended between two dates."""
        first, last = parse_date(start, "--from"), parse_date(end, "--to")
        pair = _pair(between[0], between[1]) if between else None
        measures = self.measures(as_known_on)
        changes = engine.diff(measures, first, last, pair)
        before: dict[str, float] = {}
        after: dict[str, float] = {}
        if pair is not None:
            for imp, exp in (pair, pair[::-1]):
                key = f"{imp}<-{exp}"
                before[key] = engine.tariff_stack(
                    measures, imp, exp, None, first
                ).total_additional_pct
                after[key] = engine.tariff_stack(
                    measures, imp, exp, None, last
                ).total_additional_pct
        return DiffReport(first, last, pair, changes, before, after)

    def timeline(
        self,
        importer: str,
        exporter: str,
        hs: str | None = None,
        start: DateLike = "2025-01-01",
        end: DateLike = "2026-12-31",
        as_known_on: InstantLike | None = None,
    ) -> tuple[list[engine.TimelinePoint], list[engine.TimelineEvent]]:
        """The additional duty at each change point, and the talks and deals around it."""
        imp, exp = _pair(importer, exporter, names=("--importer", "--exporter"))
        first, last = parse_date(start, "--from"), parse_date(end, "--to")
        if last < first:
            raise InvalidInput(f"--to {last} is before --from {first}; expected from <= to.")
        code = normalize_hs(hs) if hs else None
        measures = self.measures(as_known_on)
        points = engine.timeline(measures, imp, exp, code, first, last)
        events = engine.timeline_events(measures, imp, exp, first, last)
        return points, events

    def brief(self, today: DateLike, a: str = "USA", b: str = "CHN") -> Brief:
        """The terminal report of ``make run``: today's measures and 2025's changes."""
        day = parse_date(today, "today")
        first, second = _pair(a, b)
        measures = self.measures()
        meta = self.store.meta()
        as_of = date.fromisoformat(meta["bundled_as_of"]) if "bundled_as_of" in meta else None
        stacks = [
            engine.tariff_stack(measures, first, second, None, day),
            engine.tariff_stack(measures, second, first, None, day),
        ]
        changes = engine.diff(measures, date(2024, 12, 31), date(2025, 12, 31), (first, second))
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
        )

    # ------------------------------------------------------------------ writes
    def add(self, path: Path, *, recorded_by: str, reason: str) -> list[str]:
        """Validate the measures in a YAML file and record them (all or none)."""
        measures = load_measures(path)
        check_references(measures, known_ids=self.store.measure_ids(), origin=str(path))
        return self.store.add(measures, recorded_by=recorded_by, reason=reason or "added")

    def correct(
        self,
        measure_id: str,
        path: Path,
        *,
        recorded_by: str,
        reason: str,
        expected_revision: int | None = None,
    ) -> Revision:
        """Record a corrected revision of one measure from a YAML file."""
        measures = load_measures(path)
        if len(measures) != 1:
            raise InvalidMeasure(
                f"{path}: a correction takes exactly one measure; found {len(measures)}."
            )
        measure = measures[0]
        if measure.id != measure_id:
            raise InvalidMeasure(
                f"{path}: field 'id': value {measure.id!r}: expected {measure_id!r}, "
                "the measure being corrected (ids never change)."
            )
        check_references([measure], known_ids=self.store.measure_ids(), origin=str(path))
        return self.store.correct(
            measure, recorded_by=recorded_by, reason=reason, expected_revision=expected_revision
        )


# ---------------------------------------------------------------------- helpers


def _instant(value: InstantLike | None) -> datetime | None:
    return None if value is None else parse_instant(value)


def _pair(a: str, b: str, names: tuple[str, str] = ("--between", "--between")) -> tuple[str, str]:
    first, second = to_iso3(a), to_iso3(b)
    if first == second:
        raise InvalidInput(
            f"{names[0]} and {names[1]} are both {first}; expected two different countries."
        )
    return first, second


def _kind(value: str) -> str:
    try:
        return MeasureKind(value.strip().lower()).value
    except ValueError as err:
        allowed = ", ".join(k.value for k in MeasureKind)
        raise InvalidInput(f"--kind: unknown kind {value!r}; expected one of {allowed}.") from err


def _overlaps(measure: Measure, start: date, end: date) -> bool:
    if measure.effective_on is not None and measure.legal_status.value == "enacted":
        ends_after_start = measure.ended_on is None or measure.ended_on > start
        return measure.effective_on <= end and ends_after_start
    return measure.announced_on is not None and start <= measure.announced_on <= end


def _date_key(measure: Measure) -> tuple[date, str]:
    day = measure.effective_on or measure.announced_on or date.max
    return (day, measure.id)


def parse_between(values: Sequence[str] | None) -> tuple[date, date] | None:
    """``--between 2025-04-01 2025-06-30`` for measure lists (dates, in order)."""
    if not values:
        return None
    start, end = parse_date(values[0], "--between"), parse_date(values[1], "--between")
    if end < start:
        raise InvalidInput(f"--between: {end} is before {start}; expected START END in order.")
    return start, end
