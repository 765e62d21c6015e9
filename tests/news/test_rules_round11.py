"""Eleventh round of rules: one event per act (docs/news.md, "Eleventh round"). An article
tells an act more than once (a headline and the body, a recap, a quote restating the
announcement); mentions whose terms agree merge, distinct acts stay apart. Each test fails
on the code before its rule. Sentences are written for these tests, not taken from the
labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.merging import merge_events
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


def mention(evidence: str, action: str = "reach_agreement", **slots: object) -> Event:
    actor = "CHN+USA" if action in {"reach_agreement", "hold_talks"} else "USA"
    return Event(
        article_id="R11",
        actor=actor,
        action=action,
        evidence=evidence,
        evidence_span=(0, len(evidence)),
        **slots,  # type: ignore[arg-type]
    )


def test_a_year_holds_the_days_in_it() -> None:
    # a deal dated by its year and by its month is one deal, dated by the month
    merged = merge_events(
        [
            mention(
                "The two sides signed the deal in Busan in October 2025.", event_date="2025-10"
            ),
            mention("In late 2025, a one-year trade deal was struck.", event_date="2025"),
        ]
    )
    assert [e.event_date for e in merged] == ["2025-10"]
    merged = merge_events(
        [
            mention(
                "The United States imposed the tariff this year.",
                "impose_tariff",
                event_date="2025",
            ),
            mention(
                "The tariff took hold on 3 March 2025.", "impose_tariff", event_date="2025-03-03"
            ),
        ]
    )
    assert [e.event_date for e in merged] == ["2025-03-03"]
    # talks on a day and a summit later that month are two meetings
    apart = merge_events(
        [
            mention(
                "Officials will meet in Paris on 15 March.", "hold_talks", event_date="2026-03-15"
            ),
            mention("The leaders may meet in late March.", "hold_talks", event_date="2026-03"),
        ]
    )
    assert len(apart) == 2
