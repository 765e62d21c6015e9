"""Official statements date their undated acts by their publication."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.statements import is_official_statement

STATEMENT = """Announcement No. 70 of 2025 of the Ministry of Commerce

In order to implement the consensus reached by the two heads of state, the Ministry of \
Commerce will suspend the implementation of the export control measures on rare earth \
related items announced in Announcement No. 61 of 2025 until November 10, 2026.
"""


def test_statements_are_known_by_their_form_or_their_domain() -> None:
    assert is_official_statement(STATEMENT)
    assert is_official_statement("Tariffs cut", "https://www.whitehouse.gov/fact-sheets/x/")
    assert is_official_statement("x", "https://english.mofcom.gov.cn/News/x.html")
    assert not is_official_statement("China cuts tariffs, Reuters reports", "https://example.com")
    assert not is_official_statement("x", "https://notwhitehouse.gov.example.com/")


def test_an_undated_act_of_a_statement_happened_on_its_publication_date() -> None:
    events = extract_events(Article("ST1", STATEMENT, published="2025-11-07"))
    eased = [e for e in events if e.action == "ease_export_control"]
    assert eased, events
    assert eased[0].event_date == "2025-11-07"
    assert eased[0].end_date == "2026-11-10"
