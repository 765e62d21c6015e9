"""Thirty-fourth round (docs/news.md, "General rules, thirty-fourth round"): a round from the
near misses and false events of all 516 labelled articles after the thirty-third — threats of
an increase, parties read through a misparsed list of verbs, a speaker's relative clause, a
fronted retaliation, passive "met", deals of third countries, deals with no content or
only time for them, verbs of adjusting, a participle added with "alongside", non-tariff
countermeasures and an aside before a tariff's verb.  The rounds' conventions:
`rule_sentences`."""

from __future__ import annotations

from tests.news.rule_sentences import WarExtractor, act_keys, of_action

extracted = WarExtractor("R34")  # this round's sentences, read after the war context


def test_a_threatened_tariff_increase_is_a_threatened_raise() -> None:
    events = extracted("The move led Trump to threaten China with a steep tariff increase.")
    assert ("raise_tariff", "USA", "CHN") in act_keys(events)
    assert not of_action(events, "impose_tariff")


def test_a_bare_verb_after_a_modal_keeps_its_subject_through_a_list() -> None:
    events = extracted(
        "The Treasury fact sheet outlined that China would suspend several retaliatory tariffs, "
        "broaden access for U.S. farm exports, including large purchases of soybeans, among "
        "others, and ease export restrictions on rare earths."
    )
    assert ("ease_export_control", "CHN", "USA") in act_keys(events)
    assert ("ease_export_control", "USA", "CHN") not in act_keys(events)


def test_what_a_side_calls_a_violation_is_its_accusation() -> None:
    events = extracted(
        "Beijing's steps answer what China calls the reckless tariff hike by the US, which the "
        "ministry says violates World Trade Organization rules."
    )
    assert ("accuse_violation", "CHN", "USA") in act_keys(events)
    assert ("accuse_violation", "USA", "CHN") not in act_keys(events)


def test_a_measure_after_a_fronted_retaliation_is_the_other_sides_answer() -> None:
    events = extracted("After further Chinese retaliation, the rate was raised to 125% on April 9.")
    assert ("raise_tariff", "USA", "CHN") in act_keys(events)


def test_requirements_that_are_met_are_no_meeting() -> None:
    events = extracted(
        "The rule lets firms ship the chips to China provided that several conditions are met."
    )
    assert not of_action(events, "hold_talks")


def test_a_deal_of_third_countries_is_no_us_china_deal() -> None:
    events = extracted(
        "As part of the deal, Mexican and Canadian leaders agreed to pause their retaliatory "
        "tariffs on U.S. goods."
    )
    deals = {e.actor for e in of_action(events, "reach_agreement")}
    assert deals and "CHN+USA" not in deals


def test_a_deal_of_the_us_with_another_party_names_that_party() -> None:
    events = extracted("On Monday the EU and the United States formalised a trade agreement.")
    assert {e.actor for e in of_action(events, "reach_agreement")} == {"EU+USA"}


def test_a_consensus_on_unnamed_issues_is_no_deal() -> None:
    events = extracted(
        "Beijing and Washington reached a basic consensus on several economic and trade issues, "
        "state media said."
    )
    assert not of_action(events, "reach_agreement")


def test_time_given_to_finalize_a_deal_is_no_deal() -> None:
    events = extracted(
        "The extension gives the U.S. and China more time to finalize a trade agreement."
    )
    assert not of_action(events, "reach_agreement")


def test_adjusting_tariffs_after_another_verb_of_pausing_is_no_pause() -> None:
    events = extracted(
        "The deal takes effect on November 10, suspending port fees on both sides and adjusting "
        "tariffs on Chinese goods."
    )
    assert not of_action(events, "suspend_tariff")


def test_a_participle_added_with_alongside_acts_through_the_acts_actor() -> None:
    events = extracted(
        "Beijing's move answers Trump's decision on March 4 to double tariffs on Chinese imports "
        "from 10% to 20%, alongside imposing 25% duties on goods from Canada and Mexico."
    )
    keys = act_keys(events)
    assert ("impose_tariff", "USA", "CAN") in keys
    assert ("impose_tariff", "CHN", "CAN") not in keys


def test_non_tariff_countermeasures_are_no_export_controls() -> None:
    events = extracted(
        "China will also suspend or remove the non-tariff countermeasures it took against the "
        "United States since April 2."
    )
    assert not of_action(events, "ease_export_control")


def test_a_tariffs_verb_after_an_aside_tells_the_act() -> None:
    events = extracted(
        "Both sides said the triple-digit tariffs on each other's goods, announced earlier this "
        "year, would be suspended for another 90 days."
    )
    assert of_action(events, "suspend_tariff")
    assert not of_action(events, "impose_tariff")
