"""What changed between two dates: measures started, ended, suspended, resumed or announced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tradewar.ledger.common import JsonReady, direction_between
from tradewar.ledger.schema import Measure, MeasureKind


@dataclass(frozen=True)
class Change(JsonReady):
    """One thing that happened between two dates."""

    on: date
    change: str
    measure_id: str
    kind: str
    direction: str
    title: str
    detail: str
    source_url: str


def diff(
    measures: Sequence[Measure], start: date, end: date, between: tuple[str, str] | None = None
) -> list[Change]:
    """What started, ended, was suspended, resumed or announced in ``(start, end]``.

    A measure effective on ``end`` counts as started; one that ended on ``start``
    (first day no longer in force) is not in the window.
    """
    if end < start:
        from tradewar.errors import InvalidInput

        raise InvalidInput(
            f"{end} is before the start of the window ({start}); expected a date on or after it.",
            field="end",
        )
    by_id = {m.id: m for m in measures}
    changes: list[Change] = []
    for measure in measures:
        direction = _pair_direction(measure, between)
        if direction is None:
            continue
        changes.extend(_changes_of(measure, direction, start, end, by_id))
    return sorted(changes, key=lambda c: (c.on, c.measure_id, c.change))


def _pair_direction(measure: Measure, between: tuple[str, str] | None) -> str | None:
    if between is None:
        if measure.kind in (MeasureKind.agreement, MeasureKind.talks):
            return "both"
        return f"{measure.imposing}->{','.join(measure.targets)}"
    return direction_between(measure, *between)


def _within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start < day <= end


def _changes_of(
    measure: Measure, direction: str, start: date, end: date, by_id: dict[str, Measure]
) -> list[Change]:
    def change(on: date, what: str, detail: str) -> Change:
        return Change(
            on,
            what,
            measure.id,
            measure.kind.value,
            direction,
            measure.title,
            detail,
            measure.sources[0].url,
        )

    found: list[Change] = []
    enacted = measure.legal_status.value == "enacted"
    if _within(measure.announced_on, start, end) and (
        not enacted or measure.effective_on is None or measure.effective_on > end
    ):
        assert measure.announced_on is not None
        found.append(
            change(measure.announced_on, f"{measure.legal_status.value}", _restriction(measure))
        )
    if enacted and _within(measure.effective_on, start, end):
        assert measure.effective_on is not None
        found.append(change(measure.effective_on, _start_word(measure), _restriction(measure)))
    if enacted and measure.kind is not MeasureKind.talks and _within(measure.ended_on, start, end):
        assert measure.ended_on is not None
        found.append(change(measure.ended_on, _end_word(measure), _restriction(measure)))
    for line in measure.tariff.lines if measure.tariff else []:
        if enacted and line.from_on and _within(line.from_on, start, end):
            found.append(
                change(line.from_on, "rate changed", f"{line.rate_pct:g}% from {line.from_on}")
            )
    return found


def _start_word(measure: Measure) -> str:
    return {
        MeasureKind.suspension: "suspension started",
        MeasureKind.talks: "talks held",
        MeasureKind.agreement: "agreement took effect",
    }.get(measure.kind, "started")


def _end_word(measure: Measure) -> str:
    return {
        MeasureKind.suspension: "suspension ended",
        MeasureKind.agreement: "agreement expired",
    }.get(measure.kind, "ended")


def _restriction(measure: Measure) -> str:
    if measure.kind is MeasureKind.suspension and measure.suspends:
        parts = [
            f"{p.measure}" + ("" if p.rate_points is None else f" ({p.rate_points:g} points)")
            for p in measure.suspends
        ]
        return "suspends " + ", ".join(parts)
    return measure.restriction or measure.title


__all__ = ["Change", "diff"]
