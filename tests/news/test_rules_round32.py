"""Thirty-second round (docs/news.md, "General rules, thirty-second round"): a short round
from the misses of all 516 labelled articles — an act told in a relative clause of a
comment, and a pause's extension as a compound noun.  The rounds' conventions:
`rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, of_action

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
    assert not of_action(events, "ease_export_control")


def test_a_truce_extension_is_a_pause() -> None:
    events = extracted("Beijing announced the truce extension on the same day.")
    assert ("suspend_tariff", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Despite claims of new deals with other nations, negotiations with China have yet to "
        "yield any progress.",
        "The administration announced plans to pursue negotiations with China over its "
        "dominance of shipbuilding.",
        "Trump retaliated with a new tariff, declaring that negotiations with Beijing had been "
        "terminated.",
    ],
)
def test_negotiations_in_passing_are_no_meeting(sentence: str) -> None:
    assert not of_action(extracted(sentence), "hold_talks")


@pytest.mark.parametrize(
    "sentence",
    [
        "Economic and trade negotiations were held between China and the U.S. last month.",
        "The two sides will engage in negotiations on maritime issues during the pause.",
        "Negotiations with China took place in Geneva over the weekend.",
    ],
)
def test_negotiations_held_or_placed_are_a_meeting(sentence: str) -> None:
    assert of_action(extracted(sentence), "hold_talks")
