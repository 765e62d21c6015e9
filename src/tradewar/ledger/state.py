"""What stands between two countries on a date: each measure in force, suspended or unverified.

The rules of :mod:`tradewar.ledger.stacking` apply (suspensions in force, measures
past their stated end with no verified outcome).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from tradewar.ledger.common import JsonReady, direction_between
from tradewar.ledger.schema import Measure, MeasureKind
from tradewar.ledger.stacking import ActiveSuspension, active_suspensions


@dataclass(frozen=True)
class MeasureState(JsonReady):
    """A measure as it stands on a date: in force, suspended or partly suspended."""

    direction: str
    measure_id: str
    kind: str
    title: str
    status: str
    rate_pct: float | None
    applied_rate_pct: float | None
    suspended_by: tuple[str, ...]
    effective_on: date | None
    ended_on: date | None
    legal_basis: str | None
    source_url: str
    unverified_by: tuple[str, ...] = ()


def state_between(measures: Sequence[Measure], on: date, a: str, b: str) -> list[MeasureState]:
    """Everything in force between ``a`` and ``b`` on ``on``, both directions.

    Tariffs show their statutory all-goods rate and the rate applied after suspensions;
    suspended measures stay listed with status ``suspended`` and the suspending act.
    A measure past its stated end with no verified outcome is listed as ``unverified
    after DATE``; a measure paused by such a suspension says so, with no applied rate.
    """
    suspensions = active_suspensions(measures, on)
    doubtful = _unverified_suspensions(measures, on)
    rows: list[MeasureState] = []
    for measure in measures:
        direction = direction_between(measure, a, b)
        if direction is None:
            continue
        if measure.unverified_on(on):
            rows.append(_unverified_state(measure, direction))
            continue
        if not measure.in_force_on(on):
            continue
        state = _measure_state(measure, direction, suspensions.get(measure.id, []))
        if measure.id in doubtful:
            state = _with_doubtful_suspension(state, doubtful[measure.id])
        rows.append(state)
    order = {f"{a}->{b}": 0, f"{b}->{a}": 1, "both": 2}
    return sorted(rows, key=lambda r: (order.get(r.direction, 3), r.kind, r.measure_id))


def _unverified_suspensions(measures: Iterable[Measure], on: date) -> dict[str, list[Measure]]:
    """Suspensions past their stated end with no verified outcome, by suspended measure."""
    index: dict[str, list[Measure]] = defaultdict(list)
    for measure in measures:
        if measure.kind is MeasureKind.suspension and measure.unverified_on(on):
            for part in measure.suspends:
                index[part.measure].append(measure)
    return index


def _unverified_state(measure: Measure, direction: str) -> MeasureState:
    assert measure.unverified_after is not None
    return MeasureState(
        direction=direction,
        measure_id=measure.id,
        kind=measure.kind.value,
        title=measure.title,
        status=(
            f"unverified after {measure.unverified_after} (stated end passed; whether it "
            "ended, was extended or replaced is not verified)"
        ),
        rate_pct=_all_goods_rate(measure),
        applied_rate_pct=None,
        suspended_by=(),
        effective_on=measure.effective_on,
        ended_on=measure.ended_on,
        legal_basis=measure.legal_basis,
        source_url=measure.sources[0].url,
        unverified_by=(measure.id,),
    )


def _with_doubtful_suspension(state: MeasureState, doubtful: list[Measure]) -> MeasureState:
    ids = tuple(m.id for m in doubtful)
    after = min(m.unverified_after for m in doubtful if m.unverified_after is not None)
    return replace(
        state,
        status=(
            f"{state.status}; suspended by {', '.join(ids)} until {after}, outcome "
            "unverified (the suspension may have continued or lapsed)"
        ),
        applied_rate_pct=None,
        unverified_by=ids,
    )


def _measure_state(
    measure: Measure, direction: str, suspensions: list[ActiveSuspension]
) -> MeasureState:
    statutory = _all_goods_rate(measure)
    whole = [s for s in suspensions if s.part.rate_points is None and s.part.products is None]
    points = sum(s.part.rate_points or 0.0 for s in suspensions if s.part.rate_points)
    partial_products = [s for s in suspensions if s.part.products is not None]
    by = tuple(dict.fromkeys(s.suspension.id for s in suspensions))
    applied = statutory
    if whole:
        status, applied = "suspended", (0.0 if statutory is not None else None)
    elif points:
        status = f"partly suspended ({points:g} points)"
        applied = None if statutory is None else max(statutory - points, 0.0)
    elif partial_products:
        status = "in force (some products suspended)"
    else:
        status = "in force"
    return MeasureState(
        direction=direction,
        measure_id=measure.id,
        kind=measure.kind.value,
        title=measure.title,
        status=status,
        rate_pct=statutory,
        applied_rate_pct=applied,
        suspended_by=by,
        effective_on=measure.effective_on,
        ended_on=measure.ended_on,
        legal_basis=measure.legal_basis,
        source_url=measure.sources[0].url,
    )


def _all_goods_rate(measure: Measure) -> float | None:
    if measure.tariff is None or not measure.scope.all_goods:
        return None
    rates = [line.rate_pct for line in measure.tariff.lines if line.products is None]
    return rates[0] if len(rates) == 1 else None


__all__ = ["MeasureState", "state_between"]
