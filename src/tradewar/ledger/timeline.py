"""The headline (or one product's) additional duty over time, and events to annotate it with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tradewar.ledger.common import JsonReady, direction_between
from tradewar.ledger.coverage import GAPS
from tradewar.ledger.schema import Measure, MeasureKind
from tradewar.ledger.stacking import tariff_stack


@dataclass(frozen=True)
class TimelinePoint(JsonReady):
    """The headline additional duty from one change point to the next.

    ``total_additional_pct`` is ``None`` where the record does not cover the date
    (``covered`` False) or the level depends on an unverified measure; the two readings
    are then in ``total_if_unverified_continued_pct`` / ``..._ended_pct``.
    """

    on: date
    total_additional_pct: float | None
    components: dict[str, float]
    measure_ids: tuple[str, ...]
    changed_by: tuple[str, ...]
    uncertain_ids: tuple[str, ...] = ()
    unverified_ids: tuple[str, ...] = ()
    total_if_unverified_continued_pct: float | None = None
    total_if_unverified_ended_pct: float | None = None
    covered: bool = True


@dataclass(frozen=True)
class TimelineEvent(JsonReady):
    """A talks round, agreement or threat to annotate a timeline with."""

    on: date
    measure_id: str
    kind: str
    title: str


COVERAGE_CHANGES = tuple(sorted({d for gap in GAPS for d in (gap.start, gap.end) if d is not None}))


def change_points(measures: Sequence[Measure], start: date, end: date) -> list[date]:
    """Every date in ``[start, end]`` on which some tariff or suspension starts or stops."""
    days = {start}
    days.update(d for d in COVERAGE_CHANGES if start <= d <= end)
    for measure in measures:
        if measure.kind not in (MeasureKind.tariff, MeasureKind.suspension):
            continue
        candidates = [measure.effective_on, measure.ended_on]
        for line in measure.tariff.lines if measure.tariff else []:
            candidates += [line.from_on, line.until]
        days.update(d for d in candidates if d is not None and start <= d <= end)
    return sorted(days)


def timeline(
    measures: Sequence[Measure],
    importer: str,
    exporter: str,
    hs: str | None = None,
    start: date = date(2025, 1, 1),
    end: date = date(2026, 12, 31),
) -> list[TimelinePoint]:
    """The additional duty (headline, or on ``hs``) at each change point, deduplicated."""
    relevant = [
        m
        for m in measures
        if (m.imposing == importer and m.applies_to(exporter)) and m.kind is not MeasureKind.talks
    ]
    points: list[TimelinePoint] = []
    previous: set[str] | None = None
    for day in change_points(relevant, start, end):
        stack = tariff_stack(relevant, importer, exporter, hs, day)
        components = {layer.program: layer.rate_pct for layer in stack.layers}
        ids = tuple(layer.measure_id for layer in stack.layers)
        active = _active_ids(relevant, day)
        changed = () if previous is None else tuple(sorted(active ^ previous))
        previous = active
        point = TimelinePoint(
            day,
            stack.total_additional_pct,
            components,
            ids,
            changed,
            tuple(u.measure_id for u in stack.uncertain),
            tuple(u.measure_id for u in stack.unverified),
            stack.total_if_unverified_continued_pct,
            stack.total_if_unverified_ended_pct,
            stack.covered,
        )
        if points and _same_level(points[-1], point):
            continue
        points.append(point)
    return points


def _active_ids(measures: Sequence[Measure], on: date) -> set[str]:
    """Tariffs and suspensions in force: the acts that can move a duty level."""
    moving = (MeasureKind.tariff, MeasureKind.suspension)
    return {m.id for m in measures if m.kind in moving and m.in_force_on(on)}


def _same_level(before: TimelinePoint, after: TimelinePoint) -> bool:
    return (
        before.components == after.components
        and before.total_additional_pct == after.total_additional_pct
        and before.uncertain_ids == after.uncertain_ids
        and before.unverified_ids == after.unverified_ids
        and before.total_if_unverified_ended_pct == after.total_if_unverified_ended_pct
        and before.covered == after.covered
    )


def timeline_events(
    measures: Sequence[Measure], a: str, b: str, start: date, end: date
) -> list[TimelineEvent]:
    """Talks, agreements and threats between ``a`` and ``b`` to annotate a timeline."""
    events: list[TimelineEvent] = []
    for measure in measures:
        if direction_between(measure, a, b) is None:
            continue
        if measure.kind in (MeasureKind.talks, MeasureKind.agreement):
            day = measure.effective_on or measure.announced_on
        elif measure.legal_status.value == "threatened":
            day = measure.announced_on
        else:
            continue
        if day is not None and start <= day <= end:
            events.append(TimelineEvent(day, measure.id, measure.kind.value, measure.title))
    return sorted(events, key=lambda e: (e.on, e.measure_id))


__all__ = [
    "COVERAGE_CHANGES",
    "TimelineEvent",
    "TimelinePoint",
    "change_points",
    "timeline",
    "timeline_events",
]
