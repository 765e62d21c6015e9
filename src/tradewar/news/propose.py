"""Match extracted events to ledger measures and draft proposals for review.

An event whose measure is already in the ledger gives a *confirmation* (the article
becomes one more source) or a *change* (the article adds a date the measure lacks);
an event that matches nothing and is specific enough (dated, not background, hedged or
reported) gives a *new measure* draft.  Vague events with no match give no proposal, so
that re-reading old news never duplicates a known measure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from tradewar.ledger.schema import Measure, MeasureKind
from tradewar.news.clean import clean_html, clean_text
from tradewar.news.dateline import find_dateline
from tradewar.news.extract import Article
from tradewar.news.gazetteer import product_groups
from tradewar.news.schema import ArticleRef, Event, Proposal, ProposalKind

KINDS_OF_ACTION: dict[str, tuple[MeasureKind, ...]] = {
    "impose_tariff": (MeasureKind.tariff,),
    "raise_tariff": (MeasureKind.tariff,),
    "cut_tariff": (MeasureKind.tariff, MeasureKind.suspension),
    "suspend_tariff": (MeasureKind.suspension, MeasureKind.tariff),
    "impose_export_control": (MeasureKind.export_control,),
    "ease_export_control": (
        MeasureKind.export_control,
        MeasureKind.licence_decision,
        MeasureKind.suspension,
    ),
    "grant_licence": (MeasureKind.licence_decision,),
    "hold_talks": (MeasureKind.talks,),
    "reach_agreement": (MeasureKind.agreement,),
    "accuse_violation": (MeasureKind.talks,),
}
UNSTATED_MODALITIES = frozenset({"expected", "conditional"})
VAGUE_MODALITIES = frozenset({"background", "reported", "expected", "conditional"})
MATCH_THRESHOLD = 2.0
DATE_WINDOW_DAYS = 10


@dataclass(frozen=True)
class Match:
    """A candidate measure for an event and how well it fits."""

    measure: Measure
    score: float


def parties(event: Event) -> set[str]:
    """The countries an event involves (both sides for joint acts)."""
    found = {code for key in (event.actor, event.target) if key for code in key.split("+")}
    return found


def _event_dates(event: Event) -> list[date]:
    out: list[date] = []
    for value in (event.effective_date, event.event_date, event.end_date):
        if value and len(value) == 10:
            out.append(date.fromisoformat(value))
    return out


def _date_score(event: Event, measure: Measure) -> float:
    measure_dates = [d for d in (measure.announced_on, measure.effective_on, measure.ended_on) if d]
    best = 0.0
    for ours in _event_dates(event):
        for theirs in measure_dates:
            gap = abs((ours - theirs).days)
            if gap <= 1:
                best = max(best, 2.0)
            elif gap <= DATE_WINDOW_DAYS:
                best = max(best, 1.0)
    for value in (event.effective_date, event.event_date):
        if value and len(value) == 7 and any(d.isoformat()[:7] == value for d in measure_dates):
            best = max(best, 0.75)
    return best if event.date_text else best * 0.4  # a dateline default is a weak anchor


def _rates(measure: Measure) -> set[float]:
    rates: set[float] = set()
    if measure.tariff:
        rates.update(line.rate_pct for line in measure.tariff.lines if line.rate_pct is not None)
    rates.update(part.rate_points for part in measure.suspends if part.rate_points is not None)
    return rates


def _rate_score(event: Event, measure: Measure) -> float:
    values = {abs(v) for v in (event.rate_to, event.rate_change) if v}
    if not values:
        return 0.0
    known = _rates(measure)
    if event.rate_from and event.rate_from not in known:
        return -0.5
    return 1.5 if values & known else -0.5


def _product_score(event: Event, measure: Measure) -> float:
    if not event.product_groups:
        return 0.0
    words = " ".join(
        [
            measure.title,
            measure.scope.description or "",
            *measure.scope.items,
            *measure.scope.elements,
        ]
    )
    theirs = set(product_groups([words])) | set(product_groups(re.split(r"[,;:()]", words)))
    if measure.scope.all_goods:
        theirs.add("all_goods")
    return 1.0 if theirs & set(event.product_groups) else 0.0


def _location_score(event: Event, measure: Measure) -> float:
    """Where talks were held: the measure's own place counts most; a title that only
    names the place ("... violated the Geneva agreement") counts less."""
    if not event.location:
        return 0.0
    place = event.location.lower()
    if measure.talks and measure.talks.location and place in measure.talks.location.lower():
        return 1.5
    return 1.0 if place in measure.title.lower() else -0.5


def score_match(event: Event, measure: Measure) -> float:
    """How well a measure fits an event (0 when the kind or countries do not fit)."""
    if measure.kind not in KINDS_OF_ACTION[event.action]:
        return 0.0
    involved = {measure.imposing, *measure.targets}
    if not parties(event) <= involved and not (event.actor in involved and event.target is None):
        return 0.0
    if "+" not in (event.actor or "") and event.actor != measure.imposing:
        return 0.0
    anchor = (
        _date_score(event, measure)
        + max(_rate_score(event, measure), 0.0)
        + _location_score(event, measure)
    )
    anchor += _accusation_score(event, measure)
    products = _product_score(event, measure)
    if anchor < 1.0:
        return 0.0  # kind, countries and products alone do not identify a measure
    return 1.0 + anchor + products + min(_rate_score(event, measure), 0.0)


def _accusation_score(event: Event, measure: Measure) -> float:
    if event.action != "accuse_violation":
        return 0.0
    text = " ".join(
        [measure.title, measure.notes or "", measure.talks.outcome or "" if measure.talks else ""]
    )
    return 1.5 if "violat" in text.lower() else -1.0


def best_match(event: Event, measures: list[Measure]) -> Match | None:
    """The best-fitting measure, when it fits well enough."""
    scored = sorted(  # ties go to the first id, whatever order the store lists measures in
        ((score_match(event, m), m) for m in measures), key=lambda pair: (-pair[0], pair[1].id)
    )
    if not scored or scored[0][0] < MATCH_THRESHOLD:
        return None
    return Match(scored[0][1], scored[0][0])


def proposal_id(article: Article, event: Event) -> str:
    """A stable id: the same event of the same article always gets the same id."""
    digest = hashlib.sha1(
        f"{article.url}|{article.id}|{event.action}|{event.actor}|{event.target}|{event.evidence_span}".encode()
    ).hexdigest()
    return f"P-{article.id}-{digest[:8]}"


def propose(article: Article, events: list[Event], measures: list[Measure]) -> list[Proposal]:
    """Proposals for an article's events against the ledger's measures.

    Parameters
    ----------
    article
        The article the events came from (its url/outlet/date become the source).
    events
        Its extracted events.
    measures
        The ledger's current measures.

    Returns
    -------
    list of Proposal
        At most one per event; events that match nothing and are too vague to draft a
        measure from give none.
    """
    ref = article_ref(article)
    proposals: list[Proposal] = []
    taken: set[tuple[str, str]] = set()
    for event in events:
        if event.modality in UNSTATED_MODALITIES:
            continue  # expectations and conditions are not facts about a measure
        match = best_match(event, measures)
        if match is not None:
            key = (match.measure.id, event.action)
            if key in taken:
                continue
            taken.add(key)
            proposals.append(_against_measure(article, ref, event, match))
        elif _specific(event):
            draft = draft_measure(article, event)
            if draft is not None:
                proposals.append(
                    Proposal(
                        proposal_id=proposal_id(article, event),
                        kind=ProposalKind.new_measure,
                        confidence=_confidence(event, None),
                        event=event,
                        article=ref,
                        draft=draft,
                    )
                )
    return proposals


def article_ref(article: Article) -> ArticleRef:
    """The article as a source: its record, dated by its own dateline ("FP News Desk
    June 9, 2025") when the record gives no date."""
    published = article.published
    if not published:
        cleaned = clean_html(article.text) if article.html else clean_text(article.text)
        found = find_dateline(cleaned.text)
        published = found.isoformat() if found else None
    return ArticleRef(
        article_id=article.id, url=article.url, outlet=article.outlet, published=published
    )


def _specific(event: Event) -> bool:
    dated = bool(event.date_text) and any(
        len(v or "") == 10 for v in (event.effective_date, event.event_date)
    )
    return (
        dated
        and event.modality not in VAGUE_MODALITIES
        and event.action not in {"accuse_violation"}
    )


def _confidence(event: Event, match: Match | None) -> float:
    base = 0.5 if match is None else min(0.95, 0.4 + 0.1 * match.score)
    if event.modality in VAGUE_MODALITIES:
        base -= 0.2
    return round(max(0.05, base), 2)


def _against_measure(article: Article, ref: ArticleRef, event: Event, match: Match) -> Proposal:
    changes = _changes(event, match.measure)
    return Proposal(
        proposal_id=proposal_id(article, event),
        kind=ProposalKind.change if changes else ProposalKind.confirmation,
        confidence=_confidence(event, match),
        event=event,
        article=ref,
        measure_id=match.measure.id,
        changes=changes,
    )


def _changes(event: Event, measure: Measure) -> dict[str, Any]:
    """Dates the article states that the measure lacks (never overwrites a known value)."""
    changes: dict[str, Any] = {}
    if event.modality in VAGUE_MODALITIES:
        return changes
    if measure.effective_on is None and event.effective_date and len(event.effective_date) == 10:
        changes["effective_on"] = event.effective_date
    if measure.announced_on is None and event.event_date and len(event.event_date) == 10:
        changes["announced_on"] = event.event_date
    return changes


def source_of(article: ArticleRef, event: Event) -> dict[str, Any]:
    """The article as a ledger source, quoting the evidence sentence."""
    published = article.published if article.published and len(article.published) == 10 else None
    return {
        "url": article.url or "",
        "publisher": article.outlet or "unknown outlet",
        "published_on": published,
        "quote": " ".join(event.evidence.split()),
    }


def draft_measure(article: Article, event: Event) -> dict[str, Any] | None:
    """A new measure (ledger schema, as JSON) drafted from one event, or None."""
    actor = (event.actor or "").split("+")[0]
    targets = [code for code in parties(event) if code != actor] or (
        [event.target] if event.target else []
    )
    if not actor or not targets:
        return None
    kind = KINDS_OF_ACTION[event.action][0]
    if kind is MeasureKind.suspension:
        return None  # a suspension must name the measure it suspends: left to the reviewer
    draft: dict[str, Any] = {
        "id": f"news-{article.id.lower()}-{event.action.replace('_', '-')}-{hashlib.sha1(event.evidence.encode()).hexdigest()[:6]}",  # noqa: E501
        "kind": kind.value,
        "title": _title(event),
        "imposing": actor,
        "targets": targets,
        "announced_on": event.event_date
        if event.event_date and len(event.event_date) == 10
        else None,
        "effective_on": event.effective_date
        if event.effective_date and len(event.effective_date) == 10
        else None,
        "legal_status": _legal_status(event),
        "scope": {
            "description": ", ".join(event.products) or None,
            "all_goods": event.product_groups == ["all_goods"],
        },
        "legal_basis": event.legal_basis,
        "sources": [source_of(article_ref(article), event)],
        "confidence": "medium",
        "notes": f"Drafted by tradewar news from {article.id}; review before relying on it.",
    }
    draft.update(_terms(kind, event, actor, targets))
    if article.url:
        Measure.model_validate(draft)  # without a url the reviewer is asked for one on accept
    return draft


def _title(event: Event) -> str:
    words = event.action.replace("_", " ")
    what = ", ".join(event.products[:3])
    rate = f" {event.rate_to:g}%" if event.rate_to is not None else ""
    return f"{event.actor} {words}{rate}{' on ' + what if what else ''}"[:200]


def _legal_status(event: Event) -> str:
    if event.modality == "threatened":
        return "threatened"
    if event.modality == "future" and not event.effective_date:
        return "announced"
    return "enacted"


def _terms(kind: MeasureKind, event: Event, actor: str, targets: list[str]) -> dict[str, Any]:
    if kind is MeasureKind.tariff:
        program = f"news-{actor.lower()}-{event.action}"
        return {"tariff": {"program": program, "lines": [{"rate_pct": event.rate_to}]}}
    if kind is MeasureKind.export_control:
        return {
            "control": {
                "restriction": "licence_required"
                if event.action == "impose_export_control"
                else "other",
                "details": event.evidence[:300],
            }
        }
    if kind is MeasureKind.licence_decision:
        return {"licence": {"decision": "granted", "details": event.evidence[:300]}}
    if kind is MeasureKind.agreement:
        return {"agreement": {"type": "deal", "parties": sorted({actor, *targets})}}
    if kind is MeasureKind.talks:
        return {"talks": {"location": event.location}}
    return {}
