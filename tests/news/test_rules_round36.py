"""Thirty-sixth round (docs/news.md, "General rules, thirty-sixth round"): deals told in other
words (agreed with a time between, joint statements, a pact agreed by its makers, a deal of a
named day), demands that reach far, "lower" as an adjective and a trade "embargo" as a
metaphor.  The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

from tests.news.rule_sentences import WarExtractor, act_keys, of_action

extracted = WarExtractor("R36")  # this round's sentences, read after the war context


def test_sides_that_agreed_in_a_month_to_act_reached_a_deal() -> None:
    events = extracted(
        "The two sides agreed in May to scale back those measures after their first meeting in "
        "Geneva."
    )
    assert ("reach_agreement", "CHN+USA", None) in act_keys(events)


def test_a_joint_statement_issued_by_the_sides_is_their_deal() -> None:
    events = extracted(
        "China and the United States have issued a joint statement outlining tariff suspensions "
        "and more talks."
    )
    assert ("reach_agreement", "CHN+USA", None) in act_keys(events)


def test_a_pact_agreed_by_its_makers_is_stated_even_in_a_reference() -> None:
    events = extracted(
        "The White House issued a fact sheet with details of the trade pact agreed to earlier "
        "in the week by Presidents Trump and Xi Jinping."
    )
    assert ("reach_agreement", "CHN+USA", None) in act_keys(events)


def test_a_deal_between_two_leaders_on_a_named_day_is_a_deal() -> None:
    events = extracted(
        "The comment period was opened after a trade agreement between President Trump and "
        "President Xi Jinping on November 1."
    )
    assert ("reach_agreement", "CHN+USA", None) in act_keys(events)


def test_a_demand_reaches_the_acts_it_lists() -> None:
    events = extracted(
        'China has urged the U.S. to "immediately correct its erroneous actions, cancel all '
        'unilateral tariff measures against China, and address differences through dialogue."'
    )
    assert not of_action(events, "cut_tariff")


def test_lower_tariffs_named_as_an_opportunity_are_no_cut() -> None:
    events = extracted(
        "This provides an opportunity for lower tariffs on electronics, clothing and toys."
    )
    assert not of_action(events, "cut_tariff")


def test_a_trade_embargo_that_tariffs_amount_to_is_no_export_control() -> None:
    events = extracted(
        'Bessent said the tariffs had essentially created a trade "embargo" between the two '
        "superpowers."
    )
    assert not of_action(events, "impose_export_control")
