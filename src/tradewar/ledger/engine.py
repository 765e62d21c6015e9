"""Pure ledger computations: what is in force, the duty stack, diffs and the timeline.

Everything here takes a list of validated :class:`~tradewar.ledger.schema.Measure`
records and returns plain frozen dataclasses; nothing reads the database or the clock.

Rules (see also :mod:`tradewar.ledger.schema`):

1. A measure is in force on ``[effective_on, ended_on)`` if enacted.
2. A tariff's rate lines apply to a product when their scope covers its HS code
   (:class:`~tradewar.codes.hs.Coverage`); a line dated with ``from_on``/``until``
   applies on those dates only.
3. Within one *program* the newest covering act sets the rate (ties: the act that
   ``replaces`` the other, then the later announcement).  Programs add up.
4. A suspension in force removes ``rate_points`` (or all) of the measure it names,
   for its products (or all).  Suspensions of a whole export control mark it suspended.
5. What the ledger cannot decide (a product not listed by HS code, a suspension that
   covers only some national lines) is reported as *uncertain*, never guessed.
6. A measure *unverified after* its stated end (:attr:`Measure.unverified_after`) is
   neither in force nor ended: the stack is computed twice, as if it continued and as
   if it ended on the stated date; layers that differ are listed as *unverified* with
   both rates, and the total is given both ways (the single total is ``None``).
7. A pair, product or date the record does not cover (:mod:`tradewar.ledger.coverage`)
   gives ``covered = False``, the missing measures named, and no total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from tradewar.codes.hs import Coverage, codes_coverage
from tradewar.ledger.coverage import GAPS, coverage_gaps, pair_note
from tradewar.ledger.schema import (
    Measure,
    MeasureKind,
    ProductScope,
    RateLine,
    RelationType,
    SuspendedPart,
)

# --------------------------------------------------------------------------- coverage


def scope_coverage(scope: ProductScope, hs: str | None) -> Coverage:
    """How far ``scope`` covers the product ``hs`` (``None``: "all goods", the headline).

    For the headline (``hs is None``) only all-goods scopes count: product-specific
    lines and exemptions are not part of the all-goods rate.
    """
    if hs is None:
        return Coverage.covered if scope.all_goods else Coverage.not_covered
    if scope.all_goods:
        if not scope.exclude_hs:
            return Coverage.covered
        excluded = codes_coverage(scope.exclude_hs, hs)
        if excluded is Coverage.covered:
            return Coverage.not_covered
        return Coverage.partial if excluded is Coverage.partial else Coverage.covered
    if scope.hs:
        listed = codes_coverage(scope.hs, hs)
        if listed is Coverage.not_covered and not scope.hs_complete:
            return _unlisted_coverage(scope, hs)
        return listed
    return _unlisted_coverage(scope, hs)


def _unlisted_coverage(scope: ProductScope, hs: str) -> Coverage:
    """Coverage of a product the scope does not list: unknown, unless outside ``within_hs``."""
    if scope.within_hs and codes_coverage(scope.within_hs, hs) is Coverage.not_covered:
        return Coverage.not_covered
    return Coverage.unknown


def line_active(line: RateLine, on: date) -> bool:
    """Whether a staged rate line applies on ``on``."""
    if line.from_on is not None and on < line.from_on:
        return False
    return line.until is None or on < line.until


# --------------------------------------------------------------------------- suspensions


@dataclass(frozen=True)
class ActiveSuspension:
    """A suspension in force on a date, and the part of one measure it pauses."""

    suspension: Measure
    part: SuspendedPart


def active_suspensions(measures: Iterable[Measure], on: date) -> dict[str, list[ActiveSuspension]]:
    """Suspensions in force on ``on``, indexed by the id of the measure they suspend."""
    index: dict[str, list[ActiveSuspension]] = defaultdict(list)
    for measure in measures:
        if measure.kind is MeasureKind.suspension and measure.in_force_on(on):
            for part in measure.suspends:
                index[part.measure].append(ActiveSuspension(measure, part))
    return index


# --------------------------------------------------------------------------- tariff stack


@dataclass(frozen=True)
class Layer:
    """One layer of additional duty on a shipment."""

    measure_id: str
    title: str
    program: str
    statutory_rate_pct: float
    rate_pct: float
    suspended_points: float
    suspended_by: tuple[str, ...]
    label: str | None
    legal_basis: str | None
    source_url: str
    effective_on: date | None
    ended_on: date | None
    caveats: tuple[str, ...] = ()
    chapter99: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings)."""
        return _as_dict(self)


@dataclass(frozen=True)
class UncertainLayer:
    """A measure that may apply to the shipment but the ledger cannot say (and why)."""

    measure_id: str
    title: str
    program: str
    possible_rates_pct: tuple[float, ...]
    reason: str
    legal_basis: str | None
    source_url: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return _as_dict(self)


@dataclass(frozen=True)
class UnverifiedLayer:
    """A layer whose rate depends on measures whose stated end passed unverified.

    ``rate_if_continued_pct`` is the layer as if those measures continued past their
    stated end, ``rate_if_ended_pct`` as if they ended then (0 = the layer is absent).
    """

    measure_id: str
    title: str
    program: str
    rate_if_continued_pct: float
    rate_if_ended_pct: float
    depends_on: tuple[str, ...]
    unverified_after: date
    reason: str
    legal_basis: str | None
    source_url: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return _as_dict(self)


@dataclass(frozen=True)
class TariffStack:
    """The additional duties on one shipment on one date.

    ``covered`` is False when the record leaves out measures that could apply
    (``coverage_notes`` names them); the total is then ``None``, never 0.  Layers whose
    rate depends on an *unverified* measure are in ``unverified``, and the total is
    given both ways.  ``warnings`` say when the date is past the last verified fact.
    """

    importer: str
    exporter: str
    hs: str | None
    on: date
    layers: tuple[Layer, ...]
    uncertain: tuple[UncertainLayer, ...]
    notes: tuple[str, ...]
    unverified: tuple[UnverifiedLayer, ...] = ()
    covered: bool = True
    coverage_notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    product: dict[str, Any] | None = None

    @property
    def recorded_pct(self) -> float:
        """Sum of the counted (verified, recorded) layers, in percent."""
        return float(sum(layer.rate_pct for layer in self.layers))

    @property
    def total_additional_pct(self) -> float | None:
        """The total additional duty in percent; ``None`` when it is not known.

        Not known: the pair, product or date is outside the record (``covered`` is
        False), or the total depends on an unverified measure (see
        :attr:`total_if_unverified_continued_pct` and :attr:`total_if_unverified_ended_pct`).
        Uncertain layers are excluded, as before.
        """
        if not self.covered or self.unverified:
            return None
        return self.recorded_pct

    @property
    def total_if_unverified_continued_pct(self) -> float | None:
        """The total if the unverified measures continued past their stated end."""
        if not self.covered or not self.unverified:
            return None
        return self.recorded_pct + sum(u.rate_if_continued_pct for u in self.unverified)

    @property
    def total_if_unverified_ended_pct(self) -> float | None:
        """The total if the unverified measures ended on their stated end."""
        if not self.covered or not self.unverified:
            return None
        return self.recorded_pct + sum(u.rate_if_ended_pct for u in self.unverified)

    def to_dict(self) -> dict[str, Any]:
        """The ``tradewar tariff --json`` contract."""
        return {
            "importer": self.importer,
            "exporter": self.exporter,
            "hs": self.hs,
            "hs_level": None if self.hs is None else len(self.hs),
            "date": self.on.isoformat(),
            "covered": self.covered,
            "total_additional_pct": self.total_additional_pct,
            "total_if_unverified_continued_pct": self.total_if_unverified_continued_pct,
            "total_if_unverified_ended_pct": self.total_if_unverified_ended_pct,
            "layers": [layer.to_dict() for layer in self.layers],
            "unverified_layers": [item.to_dict() for item in self.unverified],
            "uncertain_layers": [item.to_dict() for item in self.uncertain],
            "coverage_notes": list(self.coverage_notes),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "product": self.product,
        }


@dataclass(frozen=True)
class _Candidate:
    measure: Measure
    line: RateLine
    coverage: Coverage
    possible_rates: tuple[float, ...] = ()


STACK_NOTES = (
    "Additional duties only: the importer's MFN duty is not included.",
    "Only measures recorded in the ledger count; antidumping and countervailing duties "
    "are not recorded.",
)


def tariff_stack(
    measures: Sequence[Measure], importer: str, exporter: str, hs: str | None, on: date
) -> TariffStack:
    """The additional ad valorem duties that ``importer`` applies to ``exporter``'s goods.

    Parameters
    ----------
    measures : the ledger's measures (as known at some time).
    importer, exporter : ISO3 codes.
    hs : normalised HS code of the shipment, or ``None`` for the all-goods headline.
    on : the date of entry.
    """
    pending = [
        m
        for m in measures
        if m.unverified_on(on) and m.imposing == importer and m.applies_to(exporter)
    ]
    stack = _recorded_stack(measures, importer, exporter, hs, on)
    if pending:
        continued = _recorded_stack(
            [_as_continued(m) if m in pending else m for m in measures],
            importer,
            exporter,
            hs,
            on,
        )
        stack = _both_readings(stack, continued, pending)
    return _with_coverage(stack)


def _as_continued(measure: Measure) -> Measure:
    """The measure as if it had not ended on its (unverified) stated end."""
    return measure.model_copy(update={"ended_on": None, "unverified_after": None})


def _both_readings(
    ended: TariffStack, continued: TariffStack, pending: Sequence[Measure]
) -> TariffStack:
    """One stack from the two readings of unverified measures: equal layers stay layers."""
    ended_by_id = {layer.measure_id: layer for layer in ended.layers}
    continued_by_id = {layer.measure_id: layer for layer in continued.layers}
    layers: list[Layer] = []
    unverified: list[UnverifiedLayer] = []
    for measure_id in dict.fromkeys([*continued_by_id, *ended_by_id]):
        if_continued = continued_by_id.get(measure_id)
        if_ended = ended_by_id.get(measure_id)
        if if_continued is not None and if_ended is not None and if_continued == if_ended:
            layers.append(if_continued)
            continue
        unverified.append(_unverified_layer(if_continued, if_ended, pending))
    uncertain = {u.measure_id: u for u in (*ended.uncertain, *continued.uncertain)}
    notes = list(ended.notes)
    involved = {i for item in unverified for i in item.depends_on}
    for measure in (m for m in pending if m.id in involved):
        assert measure.unverified_after is not None
        notes.append(
            f"{measure.id} was to end on {measure.unverified_after}; no verified source "
            "says whether it ended, was extended or replaced, so it is neither in force nor "
            "ended and the total is given both ways."
        )
    return replace(
        ended,
        layers=tuple(layers),
        uncertain=tuple(uncertain.values()),
        unverified=tuple(unverified),
        notes=tuple(notes),
    )


def _unverified_layer(
    if_continued: Layer | None, if_ended: Layer | None, pending: Sequence[Measure]
) -> UnverifiedLayer:
    shown = if_continued if if_continued is not None else if_ended
    assert shown is not None
    related = [
        m
        for m in pending
        if m.id == shown.measure_id or any(p.measure == shown.measure_id for p in m.suspends)
    ] or list(pending)
    after = min(m.unverified_after for m in related if m.unverified_after is not None)
    ids = tuple(m.id for m in related)
    return UnverifiedLayer(
        measure_id=shown.measure_id,
        title=shown.title,
        program=shown.program,
        rate_if_continued_pct=0.0 if if_continued is None else if_continued.rate_pct,
        rate_if_ended_pct=0.0 if if_ended is None else if_ended.rate_pct,
        depends_on=ids,
        unverified_after=after,
        reason=(
            f"depends on {', '.join(ids)}, whose stated end ({after}) passed with no "
            "verified outcome"
        ),
        legal_basis=shown.legal_basis,
        source_url=shown.source_url,
    )


def _with_coverage(stack: TariffStack) -> TariffStack:
    """Mark what the record does not cover for this pair, product and date."""
    gaps = coverage_gaps(stack.importer, stack.exporter, stack.hs, stack.on)
    notes = list(stack.notes)
    caveat = pair_note(stack.importer, stack.exporter)
    if caveat is not None:
        notes.append(caveat)
    if not gaps:
        return replace(stack, notes=tuple(notes))
    missing = "; ".join(gaps)
    notes.insert(
        0,
        f"Not covered: {stack.importer} on goods from {stack.exporter} on {stack.on}"
        + (f", HS {stack.hs}" if stack.hs else "")
        + f": {missing}. The recorded layers are listed; no total is given.",
    )
    return replace(stack, covered=False, coverage_notes=tuple(gaps), notes=tuple(notes))


def _recorded_stack(
    measures: Sequence[Measure], importer: str, exporter: str, hs: str | None, on: date
) -> TariffStack:
    """The stack from the measures as recorded (no coverage or unverified handling)."""
    by_program = _candidates_by_program(measures, importer, exporter, hs, on)
    suspensions = active_suspensions(
        (m for m in measures if m.imposing == importer and m.applies_to(exporter)), on
    )
    layers: list[Layer] = []
    uncertain: list[UncertainLayer] = []
    for program in sorted(by_program):
        chosen, maybe = _resolve_program(by_program[program])
        maybe = [c for c in maybe if not _wholly_suspended(suspensions.get(c.measure.id, []))]
        uncertain.extend(_uncertain(c, _coverage_reason(c.coverage, hs)) for c in maybe)
        if chosen is None:
            continue
        layer, doubt = _apply_suspensions(chosen, suspensions.get(chosen.measure.id, []), hs)
        if doubt is not None:
            uncertain.append(doubt)
        elif layer is not None:
            layers.append(layer)
    layers = _drop_non_stacking(layers, by_program)
    notes = list(STACK_NOTES)
    if hs is None:
        notes.insert(0, "Headline: all-goods measures only; product-specific lines are left out.")
    return TariffStack(importer, exporter, hs, on, tuple(layers), tuple(uncertain), tuple(notes))


def _candidates_by_program(
    measures: Sequence[Measure], importer: str, exporter: str, hs: str | None, on: date
) -> dict[str, list[_Candidate]]:
    grouped: dict[str, list[_Candidate]] = defaultdict(list)
    for measure in measures:
        if measure.kind is not MeasureKind.tariff or measure.tariff is None:
            continue
        if measure.imposing != importer or not measure.applies_to(exporter):
            continue
        if not measure.in_force_on(on):
            continue
        best = _best_line(measure, hs, on)
        if best is not None:
            grouped[measure.tariff.program].append(best)
    return grouped


def _best_line(measure: Measure, hs: str | None, on: date) -> _Candidate | None:
    """The line of ``measure`` that covers ``hs`` best on ``on`` (covered beats unknown)."""
    assert measure.tariff is not None
    rank = {Coverage.covered: 0, Coverage.partial: 1, Coverage.unknown: 2}
    found: list[_Candidate] = []
    for line in measure.tariff.lines:
        if not line_active(line, on):
            continue
        coverage = scope_coverage(line.products or measure.scope, hs)
        if coverage is not Coverage.not_covered:
            found.append(_Candidate(measure, line, coverage))
    if not found:
        return None
    best = min(found, key=lambda c: (rank[c.coverage], -(c.line.rate_pct or 0.0)))
    rates = tuple(sorted({c.line.rate_pct for c in found if c.line.rate_pct is not None}))
    return _Candidate(best.measure, best.line, best.coverage, rates)


def _precedence(candidate: _Candidate, rivals: Sequence[_Candidate]) -> tuple[date, int, date]:
    measure = candidate.measure
    replaced = {r.measure for r in measure.relations if r.type is RelationType.replaces}
    beats = sum(1 for rival in rivals if rival.measure.id in replaced)
    effective = measure.effective_on or date.min
    return (effective, beats, measure.announced_on or effective)


def _resolve_program(
    candidates: list[_Candidate],
) -> tuple[_Candidate | None, list[_Candidate]]:
    """Pick the newest covering act of one program; newer uncertain acts stay uncertain."""
    ordered = sorted(candidates, key=lambda c: _precedence(c, candidates), reverse=True)
    maybe: list[_Candidate] = []
    for candidate in ordered:
        if candidate.coverage is Coverage.covered:
            return candidate, maybe
        maybe.append(candidate)
    return None, maybe


def _wholly_suspended(suspensions: list[ActiveSuspension]) -> bool:
    """Whether a suspension in force pauses all of a measure (so it cannot "also apply")."""
    return any(s.part.rate_points is None and s.part.products is None for s in suspensions)


def _apply_suspensions(
    chosen: _Candidate, suspensions: list[ActiveSuspension], hs: str | None
) -> tuple[Layer | None, UncertainLayer | None]:
    statutory = chosen.line.rate_pct
    if statutory is None:
        return None, _uncertain(chosen, "the rate of this line is not recorded")
    points = 0.0
    by: list[str] = []
    for active in suspensions:
        coverage = (
            Coverage.covered
            if active.part.products is None
            else scope_coverage(active.part.products, hs)
        )
        if hs is None and active.part.products is not None:
            continue  # product exemptions are not part of the all-goods headline
        if coverage is Coverage.not_covered:
            continue
        if coverage is not Coverage.covered:
            reason = (
                f"suspended for some national lines by {active.suspension.id}; "
                "give a longer HS code to decide"
            )
            return None, _uncertain(chosen, reason)
        points += statutory if active.part.rate_points is None else active.part.rate_points
        by.append(active.suspension.id)
    rate = max(statutory - points, 0.0)
    return _layer(chosen, statutory, rate, min(points, statutory), tuple(by)), None


def _layer(
    chosen: _Candidate, statutory: float, rate: float, points: float, by: tuple[str, ...]
) -> Layer:
    measure = chosen.measure
    assert measure.tariff is not None
    caveats: list[str] = []
    scope = chosen.line.products or measure.scope
    if scope.all_goods and not scope.exclude_complete:
        caveats.append("some products are exempt; the exemptions are not recorded by HS code")
    return Layer(
        measure_id=measure.id,
        title=measure.title,
        program=measure.tariff.program,
        statutory_rate_pct=statutory,
        rate_pct=rate,
        suspended_points=points,
        suspended_by=by,
        label=chosen.line.label,
        legal_basis=measure.legal_basis,
        source_url=measure.sources[0].url,
        effective_on=measure.effective_on,
        ended_on=measure.ended_on,
        caveats=tuple(caveats),
        chapter99=chosen.line.chapter99,
    )


def _uncertain(candidate: _Candidate, reason: str) -> UncertainLayer:
    measure = candidate.measure
    assert measure.tariff is not None
    return UncertainLayer(
        measure_id=measure.id,
        title=measure.title,
        program=measure.tariff.program,
        possible_rates_pct=candidate.possible_rates,
        reason=reason,
        legal_basis=measure.legal_basis,
        source_url=measure.sources[0].url,
    )


def _coverage_reason(coverage: Coverage, hs: str | None) -> str:
    if coverage is Coverage.partial:
        return f"covers only some national lines within HS {hs}; give a longer HS code"
    return "product coverage is not recorded at HS level for this measure"


def _drop_non_stacking(layers: list[Layer], by_program: dict[str, list[_Candidate]]) -> list[Layer]:
    programs = {layer.program for layer in layers}
    kept: list[Layer] = []
    for layer in layers:
        measure = next(
            c.measure for c in by_program[layer.program] if c.measure.id == layer.measure_id
        )
        assert measure.tariff is not None
        if programs & set(measure.tariff.not_stacked_with):
            continue
        kept.append(layer)
    return kept


# --------------------------------------------------------------------------- state on a date


@dataclass(frozen=True)
class MeasureState:
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return _as_dict(self)


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
        direction = _direction(measure, a, b)
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


def _direction(measure: Measure, a: str, b: str) -> str | None:
    if measure.kind is MeasureKind.agreement and measure.agreement is not None:
        parties = set(measure.agreement.parties)
        return "both" if {a, b} <= parties else None
    if measure.kind is MeasureKind.talks:
        return "both" if {measure.imposing, *measure.targets} >= {a, b} else None
    if measure.imposing == a and measure.applies_to(b):
        return f"{a}->{b}"
    if measure.imposing == b and measure.applies_to(a):
        return f"{b}->{a}"
    return None


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


# --------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class Change:
    """One thing that happened between two dates."""

    on: date
    change: str
    measure_id: str
    kind: str
    direction: str
    title: str
    detail: str
    source_url: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return _as_dict(self)


def diff(
    measures: Sequence[Measure], start: date, end: date, between: tuple[str, str] | None = None
) -> list[Change]:
    """What started, ended, was suspended, resumed or announced in ``(start, end]``.

    A measure effective on ``end`` counts as started; one that ended on ``start``
    (first day no longer in force) is not in the window.
    """
    if end < start:
        from tradewar.errors import InvalidInput

        raise InvalidInput(f"--to {end} is before --from {start}; expected from <= to.")
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
    return _direction(measure, *between)


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


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelinePoint:
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return _as_dict(self)


@dataclass(frozen=True)
class TimelineEvent:
    """A talks round, agreement or threat to annotate a timeline with."""

    on: date
    measure_id: str
    kind: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return _as_dict(self)


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
        if _direction(measure, a, b) is None:
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


# --------------------------------------------------------------------------- helpers


def day_before(day: date) -> date:
    """The previous calendar day (for "just before a change" queries)."""
    return day - timedelta(days=1)


def _as_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in obj.__dataclass_fields__:
        value = getattr(obj, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out


__all__ = [
    "ActiveSuspension",
    "Change",
    "Layer",
    "MeasureState",
    "TariffStack",
    "TimelineEvent",
    "TimelinePoint",
    "UncertainLayer",
    "UnverifiedLayer",
    "active_suspensions",
    "change_points",
    "diff",
    "scope_coverage",
    "state_between",
    "tariff_stack",
    "timeline",
    "timeline_events",
]
