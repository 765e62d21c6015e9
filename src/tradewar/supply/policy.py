"""Export controls as edge restrictions over time (pure: measures in, weekly arrays out).

An :class:`EdgeRestriction` says that ``exporter`` licenses exports of some chain products
to some destinations between two dates, approving a share of the baseline flow that can
change by date and by destination (:class:`ApprovalStep`), and that is lifted while a
suspension runs.  :func:`weekly_approval` turns restrictions into the ``(T, E)`` array of
licensed shares the weekly model reads: week ``t`` covers days ``[start + 7t, start + 7t + 7)``
and its share is the average over those seven days, so a control lifted mid-week counts
for the days it applied.

:func:`restrictions_from_measures` builds restrictions from ledger measures
(:class:`tradewar.ledger.schema.Measure`): every enacted ``export_control`` whose scope
names an element, item keyword or HS prefix of a chain product; the licensed share of
each restriction type, and the shares granted by later ``licence_decision`` measures that
modify it, come from ``data/policy_rules.yaml`` (each with a source or marked an estimate);
``suspension`` measures that suspend it lift it between their dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from tradewar.codes.countries import ALL
from tradewar.errors import InvalidData, InvalidInput
from tradewar.ledger.schema import Measure, MeasureKind, ProductScope
from tradewar.supply.network import ChainArrays, ChainSpec, Figure, SourceRef
from tradewar.types import FloatArray

DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class ApprovalStep:
    """From ``start`` on, ``share`` of the baseline flow is licensed to ``destinations``.

    ``destinations`` empty means every destination of the restriction.
    """

    start: date
    share: float
    destinations: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        if not 0.0 <= self.share <= 1.0:
            raise InvalidInput(
                f"approval share {self.share} from {self.start}; expected a share in [0, 1]"
            )


@dataclass(frozen=True)
class EdgeRestriction:
    """A licensing regime on ``exporter``'s shipments of ``products``.

    Attributes
    ----------
    exporter : ISO3 (or supply region) of the controlling country.
    products : chain product ids covered.
    destinations : buyer countries covered; empty = every foreign buyer.
    start, end : in force on ``[start, end)``; ``end`` None = open-ended.
    approval : dated licensed shares; the latest step on or before a day applies.
    suspended : ``(from, until)`` periods in which the restriction is lifted.
    measure_id : the ledger measure it came from, if any.
    """

    exporter: str
    products: tuple[str, ...]
    start: date
    approval: tuple[ApprovalStep, ...]
    end: date | None = None
    destinations: tuple[str, ...] = ()
    suspended: tuple[tuple[date, date | None], ...] = ()
    measure_id: str | None = None
    label: str = ""

    def covers(self, supplier_country: str, buyer_country: str, product: str) -> bool:
        """Whether an edge from ``supplier_country`` to ``buyer_country`` in ``product`` is hit."""
        if supplier_country != self.exporter or buyer_country == self.exporter:
            return False
        if product not in self.products:
            return False
        return not self.destinations or buyer_country in self.destinations

    def share_on(self, day: date, buyer_country: str) -> float:
        """Licensed share of the baseline flow on ``day`` (1 when not in force)."""
        if day < self.start or (self.end is not None and day >= self.end):
            return 1.0
        for since, until in self.suspended:
            if since <= day and (until is None or day < until):
                return 1.0
        share = 1.0
        for step in sorted(self.approval, key=lambda s: s.start):
            applies = not step.destinations or buyer_country in step.destinations
            if step.start <= day and applies:
                share = step.share
        return share


def weekly_approval(
    chain: ChainArrays,
    restrictions: Sequence[EdgeRestriction],
    start: date,
    weeks: int,
) -> FloatArray:
    """(T, E) licensed share of each edge's baseline flow, week by week.

    Several restrictions on one edge combine by the minimum (the tightest applies).
    Domestic edges are never restricted (an export control binds exports only).

    Examples
    --------
    >>> from tradewar.supply.network import load_bundled_chain
    >>> chain = load_bundled_chain("us_controls")
    >>> ban = EdgeRestriction("USA", ("ethane",), date(2025, 5, 23),
    ...                       (ApprovalStep(date(2025, 5, 23), 0.0),), end=date(2025, 7, 2))
    >>> shares = weekly_approval(chain, [ban], date(2025, 5, 23), 8)
    >>> float(shares.min()), float(shares[-1].min())
    (0.0, 1.0)
    >>> weekly_approval(chain, [ban], date(2025, 5, 23), 0)
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: weeks 0; expected at least 1 week
    """
    if weeks < 1:
        raise InvalidInput(f"weeks {weeks}; expected at least 1 week")
    shares = np.ones((weeks, chain.n_edges))
    for restriction in restrictions:
        for edge in range(chain.n_edges):
            supplier_country, buyer_country, product = _edge_keys(chain, edge)
            if restriction.covers(supplier_country, buyer_country, product):
                shares[:, edge] = np.minimum(
                    shares[:, edge], _weekly_shares(restriction, buyer_country, start, weeks)
                )
    return shares


def _edge_keys(chain: ChainArrays, edge: int) -> tuple[str, str, str]:
    supplier = chain.edge_supplier[edge]
    buyer = chain.slot_node[chain.edge_slot[edge]]
    return (
        chain.countries[chain.node_country[supplier]],
        chain.countries[chain.node_country[buyer]],
        chain.products[chain.node_product[supplier]],
    )


def _weekly_shares(
    restriction: EdgeRestriction, buyer_country: str, start: date, weeks: int
) -> FloatArray:
    days = [start + timedelta(days=d) for d in range(weeks * DAYS_PER_WEEK)]
    daily = np.array([restriction.share_on(day, buyer_country) for day in days])
    return np.asarray(daily.reshape(weeks, DAYS_PER_WEEK).mean(axis=1), dtype=np.float64)


# --------------------------------------------------------------------------- from the ledger


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: dict[str, SourceRef]
    restriction_share: dict[str, Figure]
    licence_decision_share: dict[str, Figure]

    @model_validator(mode="after")
    def _sources_exist(self) -> _Rules:
        figures = [*self.restriction_share.values(), *self.licence_decision_share.values()]
        missing = sorted({f.source for f in figures if f.source} - set(self.sources))
        if missing:
            raise ValueError(f"rules cite unknown source keys {missing}; add them to 'sources'")
        for name, figure in self.restriction_share.items():
            if not 0.0 <= figure.value <= 1.0:
                raise ValueError(f"restriction_share {name!r}: {figure.value}; expected [0, 1]")
        for name, figure in self.licence_decision_share.items():
            if not 0.0 <= figure.value <= 1.0:
                raise ValueError(
                    f"licence_decision_share {name!r}: {figure.value}; expected [0, 1]"
                )
        return self


@dataclass(frozen=True)
class LedgerRules:
    """Licensed shares by restriction type and by licence decision (from policy_rules.yaml)."""

    restriction_share: dict[str, float] = field(default_factory=dict)
    licence_decision_share: dict[str, float] = field(default_factory=dict)

    @classmethod
    def bundled(cls) -> LedgerRules:
        """The bundled rules file."""
        return cls.from_file(Path(str(files("tradewar.supply") / "data" / "policy_rules.yaml")))

    @classmethod
    def from_file(cls, path: Path) -> LedgerRules:
        """Read and validate a rules file.

        Raises
        ------
        InvalidData
            Naming the field that failed (an unknown source key, a share outside [0, 1]).
        """
        try:
            rules = _Rules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(file)"
            raise InvalidData(f"{path}: field {where!r}: {first['msg']}") from err
        return cls(
            {k: f.value for k, f in rules.restriction_share.items()},
            {k: f.value for k, f in rules.licence_decision_share.items()},
        )


def chain_product_tags(spec: ChainSpec) -> dict[str, tuple[set[str], list[str], list[str]]]:
    """Product id → (elements, item keywords, HS prefixes), lower-cased."""
    return {
        p.id: (
            {e.lower() for e in p.controls.elements},
            [k.lower() for k in p.controls.item_keywords],
            list(p.controls.hs_prefixes),
        )
        for p in spec.products
    }


def products_in_scope(
    scope: ProductScope, tags: dict[str, tuple[set[str], list[str], list[str]]]
) -> tuple[str, ...]:
    """Chain products a measure's scope names (by element, item keyword or HS prefix)."""
    elements = {e.lower() for e in scope.elements}
    items = " | ".join(scope.items).lower()
    hs_codes = list(scope.hs)
    hit = []
    for product, (product_elements, keywords, prefixes) in tags.items():
        by_element = bool(elements & product_elements)
        by_item = any(k in items for k in keywords)
        by_hs = any(code.startswith(p) or p.startswith(code) for code in hs_codes for p in prefixes)
        if by_element or by_item or by_hs:
            hit.append(product)
    return tuple(hit)


def restrictions_from_measures(
    measures: Iterable[Measure],
    spec: ChainSpec,
    rules: LedgerRules | None = None,
) -> tuple[list[EdgeRestriction], list[str]]:
    """Edge restrictions for a chain from ledger measures, and notes on what was skipped.

    Parameters
    ----------
    measures : ledger measures (all kinds; only export controls, licence decisions and
        suspensions are read).
    spec : the chain, whose product tags decide which measures cover which products.
    rules : licensed shares by restriction type and licence decision; the bundled rules
        by default.

    Returns
    -------
    restrictions, notes
        One restriction per export control that covers chain products and restricts
        volumes; a note for each covering control that does not (guidance, listings).
    """
    rules = rules or LedgerRules.bundled()
    measures = list(measures)
    tags = chain_product_tags(spec)
    restrictions: list[EdgeRestriction] = []
    notes: list[str] = []
    for measure in measures:
        if measure.kind is not MeasureKind.export_control or measure.control is None:
            continue
        products = products_in_scope(measure.scope, tags)
        if not products or measure.effective_on is None:
            continue
        if measure.legal_status.value != "enacted":
            notes.append(f"{measure.id}: {measure.legal_status.value}, not in force; skipped")
            continue
        kind = measure.control.restriction
        if kind not in rules.restriction_share:
            notes.append(f"{measure.id}: restriction {kind!r} does not limit volumes; skipped")
            continue
        restrictions.append(_restriction(measure, products, measures, rules))
    return restrictions, notes


def _restriction(
    measure: Measure, products: tuple[str, ...], measures: list[Measure], rules: LedgerRules
) -> EdgeRestriction:
    assert measure.effective_on is not None and measure.control is not None
    destinations = () if ALL in measure.targets else tuple(measure.targets)
    steps = [
        ApprovalStep(
            measure.effective_on,
            rules.restriction_share[measure.control.restriction],
            note=f"{measure.id}: {measure.control.restriction}",
        )
    ]
    steps += _licence_steps(measure, measures, rules)
    return EdgeRestriction(
        exporter=measure.imposing,
        products=products,
        start=measure.effective_on,
        end=measure.ended_on,
        approval=tuple(steps),
        destinations=destinations,
        suspended=_suspensions(measure, measures),
        measure_id=measure.id,
        label=measure.title,
    )


def _licence_steps(
    measure: Measure, measures: list[Measure], rules: LedgerRules
) -> list[ApprovalStep]:
    steps = []
    for other in measures:
        modifies = any(r.measure == measure.id for r in other.relations)
        if other.kind is not MeasureKind.licence_decision or not modifies:
            continue
        if other.licence is None or other.effective_on is None:
            continue
        if other.legal_status.value != "enacted":
            continue
        share = rules.licence_decision_share.get(other.licence.decision)
        if share is None:
            continue
        targets = () if ALL in other.targets else tuple(other.targets)
        steps.append(ApprovalStep(other.effective_on, share, targets, note=other.id))
    return steps


def _suspensions(measure: Measure, measures: list[Measure]) -> tuple[tuple[date, date | None], ...]:
    periods = []
    for other in measures:
        if other.kind is not MeasureKind.suspension or other.effective_on is None:
            continue
        if any(part.measure == measure.id for part in other.suspends):
            periods.append((other.effective_on, other.ended_on))
    return tuple(periods)
