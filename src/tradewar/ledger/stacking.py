"""The duty stack on a shipment: scope coverage, suspensions in force, layers, totals.

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
from datetime import date
from typing import Any

from tradewar.codes.hs import Coverage, codes_coverage
from tradewar.ledger.common import JsonReady
from tradewar.ledger.coverage import coverage_gaps, pair_note
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
class Layer(JsonReady):
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


@dataclass(frozen=True)
class UncertainLayer(JsonReady):
    """A measure that may apply to the shipment but the ledger cannot say (and why)."""

    measure_id: str
    title: str
    program: str
    possible_rates_pct: tuple[float, ...]
    reason: str
    legal_basis: str | None
    source_url: str


@dataclass(frozen=True)
class UnverifiedLayer(JsonReady):
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

    def total_in_words(self) -> str:
        """The total as a reader should take it: a number, two readings, or why there is none.

        >>> outside = TariffStack("USA", "CHN", None, date(2025, 5, 20), (), (), (), covered=False)
        >>> outside.total_in_words()
        'not known (not covered)'
        """
        if not self.covered:
            return "not known (not covered)"
        if self.unverified:
            return (
                f"{_percent(self.total_if_unverified_continued_pct)} if the unverified "
                f"measures continued, {_percent(self.total_if_unverified_ended_pct)} if they ended"
            )
        return _percent(self.total_additional_pct)

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


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


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


__all__ = [
    "STACK_NOTES",
    "ActiveSuspension",
    "Layer",
    "TariffStack",
    "UncertainLayer",
    "UnverifiedLayer",
    "active_suspensions",
    "line_active",
    "scope_coverage",
    "tariff_stack",
]
