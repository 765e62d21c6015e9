"""Helpers shared by the rule-round tests (`test_rules_round19.py` onwards): extract the
events of a sentence written for a test, with the rules alone."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None, article_id: str = "R") -> list[Event]:
    """The events the rules read in ``text`` published on ``published`` (ISO date or None)."""
    return extract_events(Article(id=article_id, text=text, published=published), classifier=False)


def acts(text: str, published: str | None) -> set[tuple[str, str | None]]:
    """The (action, actor) pairs the rules read in ``text``."""
    return {(e.action, e.actor) for e in extracted(text, published)}
