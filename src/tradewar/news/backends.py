"""Pluggable extraction backends (e.g. a language model), kept honest by the text.

The default is rule-based extraction only (:data:`NO_BACKEND`).  A backend is any object
with an ``extract(article)`` method returning event dictionaries in the gold schema; it
is never downloaded or called unless the caller passes one.  Its events are kept only if
their ``evidence`` is verbatim in the article's text: the span is (re)computed from the
text itself, so a backend cannot invent a quotation or point at the wrong place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from pydantic import ValidationError

from tradewar.news.extract import Article, extract_events
from tradewar.news.gazetteer import product_groups
from tradewar.news.merging import merge_events
from tradewar.news.schema import ACTIONS, Event

NO_BACKEND = None


@runtime_checkable
class EventBackend(Protocol):
    """Anything that proposes events for an article (a language model client, a service)."""

    def extract(self, article: Article) -> Iterable[dict[str, Any]]:
        """Event dictionaries in the gold schema (``action``, ``actor``, ``evidence``...)."""
        ...


def verified(article: Article, candidates: Iterable[dict[str, Any]]) -> list[Event]:
    """The candidate events whose evidence is verbatim in the article, with true spans.

    Candidates with an unknown action, no evidence, evidence not found in the text, or
    fields that do not validate are dropped.
    """
    kept: list[Event] = []
    for candidate in candidates:
        evidence = str(candidate.get("evidence") or "")
        if not evidence.strip() or candidate.get("action") not in ACTIONS:
            continue
        start = article.text.find(evidence)
        if start < 0:
            continue
        data = {
            **candidate,
            "article_id": article.id,
            "evidence_span": (start, start + len(evidence)),
        }
        if not data.get("product_groups"):
            data["product_groups"] = product_groups(list(data.get("products") or []))
        try:
            kept.append(Event.model_validate(data))
        except ValidationError:
            continue
    return kept


def extract_with(article: Article, backend: EventBackend | None = NO_BACKEND) -> list[Event]:
    """Rule-based events, plus a backend's verified events when one is given.

    Repeated events (same actor, action, target, products and rate) are merged, rule
    events first; ids are renumbered in order.
    """
    events = extract_events(article)
    if backend is not None:
        events = merge_events(events + verified(article, backend.extract(article)))
    for number, event in enumerate(events, start=1):
        event.event_id = f"{article.id}-E{number}"
    return events
