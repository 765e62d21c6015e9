"""Eleventh round of rules: one event per act (docs/news.md, "Eleventh round"). An article
tells an act more than once (a headline and the body, a recap, a quote restating the
announcement); mentions whose terms agree merge, distinct acts stay apart. Each test fails
on the code before its rule. Sentences are written for these tests, not taken from the
labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    article = Article(id="R11", text=text, published=published)
    return extract_events(article, classifier=False)


def test_mentions_sharing_a_rate_or_length_are_one_act() -> None:
    # the rate kept in one mention, the length in the other, the suspended share in both
    text = (
        "Japan will suspend its 24 per cent additional tariff on Indian goods for one year, "
        "the finance ministry announced on Monday.\n\n"
        "The ministry said it suspends the 24 per cent tariff on Indian goods and keeps the "
        "remaining 10 per cent levy in place."
    )
    events = [e for e in extracted(text) if e.action == "suspend_tariff"]
    assert len(events) == 1
    assert (events[0].rate_change, events[0].rate_to, events[0].duration) == (-24.0, 10.0, "P1Y")
    # the same rate on other goods is another act
    apart = (
        "India will cut its tariff on Japanese soybeans to 10 per cent for one year, the "
        "ministry said on Monday.\n\n"
        "India will also cut its tariff on Japanese pork from 30 per cent to 10 per cent for one "
        "year."
    )
    assert len([e for e in extracted(apart) if e.action == "cut_tariff"]) == 2
