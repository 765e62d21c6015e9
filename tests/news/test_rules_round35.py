"""Thirty-fifth round (docs/news.md, "General rules, thirty-fifth round"): truces told by their
cuts, pauses that a meeting aims at, offers to talk, limits on technology, pasted sentences
glued to an initialism, measures frozen in a clause of their own, the scope of an act told
again, two-day talks in one place, deals sought, talks to launch or that a meeting is to
finalize, deals that cannot be reached, talks with allies as a group and concessions reached
during talks.  The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

from tests.news.rule_sentences import WarExtractor, act_keys, of_action

extracted = WarExtractor("R35")  # this round's sentences, read after the war context


def test_a_truce_told_by_its_cuts_is_no_pause() -> None:
    events = extracted(
        "Their first meeting in Geneva in May led to a 90-day truce, which brought tariffs down "
        "to about 55% on the U.S. side and 10% on the Chinese side."
    )
    assert not of_action(events, "suspend_tariff")
    assert ("cut_tariff", "CHN", "USA") in act_keys(events)


def test_a_truce_extended_is_still_a_pause() -> None:
    events = extracted("Trump extended the trade truce with China for another 90 days on Monday.")
    assert of_action(events, "suspend_tariff")


def test_a_pause_a_meeting_is_to_bring_is_its_aim() -> None:
    events = extracted(
        "Trump and Xi are set to meet in Beijing in April to extend their trade truce by up to a "
        "year, including tariff rollbacks."
    )
    assert not of_action(events, "suspend_tariff")
    assert of_action(events, "hold_talks")


def test_standing_ready_to_talk_is_no_meeting() -> None:
    events = extracted("China stands ready to engage in candid consultations with the U.S. side.")
    assert not of_action(events, "hold_talks")


def test_limits_on_technology_are_export_controls() -> None:
    events = extracted(
        "New limits on technology and equipment used to make batteries are also being imposed."
    )
    assert of_action(events, "impose_export_control")


def test_an_initialism_glued_to_the_next_sentence_ends_it() -> None:
    events = extracted(
        "Washington announced it would impose a 10 percent tariff on goods from China, starting "
        "next week in the U.S.President Donald Trump had also announced 25 percent tariffs on "
        "Canada and Mexico."
    )
    assert ("impose_tariff", "USA", "CAN") in act_keys(events)


def test_measures_frozen_in_a_clause_of_their_own_are_paused() -> None:
    events = extracted(
        "Trump had also announced 25 percent tariffs on Canada and Mexico, but the measures were "
        "frozen after talks with leaders of those countries."
    )
    assert ("suspend_tariff", "USA", "CAN") in act_keys(events)


def test_the_scope_of_an_easing_told_again_is_the_same_easing() -> None:
    events = extracted(
        "China on Sunday suspended its ban on exports of gallium and germanium to the United "
        "States. The decision also includes an easing of restrictions on graphite."
    )
    assert len(of_action(events, "ease_export_control")) == 1


def test_two_day_talks_in_one_place_told_by_both_days_are_one_meeting() -> None:
    events = extracted(
        "Chinese and American officials held talks in Geneva on May 10. On May 11, the talks "
        "between the countries went on in Geneva."
    )
    assert len(of_action(events, "hold_talks")) == 1


def test_a_deal_sought_is_no_deal() -> None:
    events = extracted(
        "Trump delayed the tariffs on Mexico by 30 days as its leaders sought to clinch a new "
        "trade deal with Washington."
    )
    assert not of_action(events, "reach_agreement")


def test_agreeing_to_launch_a_round_of_talks_is_no_deal() -> None:
    events = extracted("Trump and Xi agreed on Thursday to launch a new round of trade talks.")
    assert not of_action(events, "reach_agreement")


def test_a_deal_a_meeting_is_to_finalize_is_its_aim() -> None:
    events = extracted(
        "Trump and Xi are expected to meet in Busan next week to finalize the trade deal."
    )
    assert not of_action(events, "reach_agreement")


def test_a_deal_the_sides_cannot_reach_is_no_deal() -> None:
    events = extracted(
        "The tariffs will take effect in November if both governments can't reach a deal."
    )
    assert not of_action(events, "reach_agreement")


def test_talks_with_allies_named_as_a_group_are_no_us_china_talks() -> None:
    events = extracted(
        "The United States held discussions with key allies and partners on shipbuilding last week."
    )
    assert not of_action(events, "hold_talks")


def test_talks_with_partners_named_after_them_keep_those_partners() -> None:
    events = extracted(
        "China has also launched discussions with other trading partners, including Japan."
    )
    assert ("hold_talks", "CHN", "JPN") in act_keys(events)


def test_concessions_reached_during_talks_are_a_deal() -> None:
    events = extracted(
        "The suspension was among several concessions reached during trade negotiations "
        "between the United States and China."
    )
    assert ("reach_agreement", "CHN+USA", None) in act_keys(events)
