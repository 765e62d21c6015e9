"""Thirty-second round (docs/news.md, "General rules, thirty-second round"): a short round
from the misses of all 516 labelled articles — an act told in a relative clause of a
comment, and a pause's extension as a compound noun.  The rounds' conventions:
`rule_sentences`."""

from __future__ import annotations

from tests.news.rule_sentences import WarExtractor, act_keys

extracted = WarExtractor("R32")  # this round's sentences, read after the war context


def test_an_act_told_in_a_relative_clause_of_a_comment_is_an_act() -> None:
    events = extracted(
        "Trump cut the fentanyl tariff on Thursday. The decision, which lowers the levy from 20% "
        "to 10%, signals a thaw between the two economies."
    )
    cuts = [e for e in events if (e.action, e.actor, e.target) == ("cut_tariff", "USA", "CHN")]
    assert cuts and any(e.rate_to == 10 for e in cuts)


def test_a_comment_on_a_decision_is_still_no_act() -> None:
    events = extracted("The decision to lift the chip curbs signals a thaw between the two sides.")
    assert not [e for e in events if e.action == "ease_export_control"]


def test_a_truce_extension_is_a_pause() -> None:
    events = extracted("Beijing announced the truce extension on the same day.")
    assert ("suspend_tariff", "CHN", "USA") in act_keys(events)
