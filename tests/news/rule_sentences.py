"""Helpers shared by the rule-round tests (`test_rules_round19.py` onwards): extract the
events of a sentence written for a test, with the rules alone.

The rounds' conventions: each rule's test fails on the code before the rule, and the tests of
what a rule must leave alone guard its limits; texts are written for the tests, not taken
from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None, article_id: str = "R") -> list[Event]:
    """The events the rules read in ``text`` published on ``published`` (ISO date or None)."""
    return extract_events(Article(id=article_id, text=text, published=published), classifier=False)


def acts(text: str, published: str | None) -> set[tuple[str, str | None]]:
    """The (action, actor) pairs the rules read in ``text``."""
    return {(e.action, e.actor) for e in extracted(text, published)}


# the sentence before a test sentence in the later rounds: it names both sides, so an act with
# no party of its own reads the article's context as a report of this trade war would
WAR_CONTEXT = "The United States and China are locked in a trade war. "


def extracted_in_war(text: str, published: str | None, article_id: str) -> list[Event]:
    """The events the rules read in ``text`` after :data:`WAR_CONTEXT`."""
    return extracted(WAR_CONTEXT + text, published, article_id)


def act_keys(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    """The (action, actor, target) of each event."""
    return {(e.action, e.actor, e.target) for e in events}


def tariff_events(events: list[Event]) -> list[Event]:
    """The events of the tariff actions."""
    return [e for e in events if e.action.endswith("_tariff")]


def of_action(events: list[Event], action: str) -> list[Event]:
    """The events of one action."""
    return [e for e in events if e.action == action]


def read_one_way(events: list[Event], action: str, actor: str, target: str) -> bool:
    """Whether the rules read ``action`` by ``actor`` on ``target`` and not the other way."""
    keys = act_keys(events)
    return (action, actor, target) in keys and (action, target, actor) not in keys


class WarExtractor:
    """The rules' reading of a test sentence after :data:`WAR_CONTEXT`, for one round's
    tests: its article id, and the publication date its sentences take by default."""

    def __init__(self, article_id: str, published: str | None = "2025-11-05") -> None:
        self.article_id = article_id
        self.published = published

    def __call__(self, text: str, published: str | None = None) -> list[Event]:
        return extracted_in_war(text, published or self.published, self.article_id)
