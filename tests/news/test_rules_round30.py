"""Thirtieth round (docs/news.md, "General rules, thirtieth round"): descriptions of the war
that name no act, meetings and accusations told in other words, and levels said only to stay.
The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, of_action, tariff_events

extracted = WarExtractor("R30")  # this round's sentences, read after the war context


def actions_of(text: str) -> set[str]:
    return {e.action for e in extracted(text)}


def test_triple_digit_tariffs_are_a_level_not_a_raise() -> None:
    events = extracted(
        "Last spring's triple-digit tariffs amounted to an embargo on most trade, economists say."
    )
    assert not of_action(events, "raise_tariff")


def test_tariffs_that_tripled_are_still_raised() -> None:
    events = extracted("Washington tripled its tariffs on Chinese steel on Monday.")
    assert ("raise_tariff", "USA", "CHN") in act_keys(events)


def test_easing_tensions_is_no_easing_of_export_controls() -> None:
    events = extracted(
        "Officials started work on the new permit system after last month's summit, which aimed "
        "to ease trade tensions after a year marked by repeated export restrictions."
    )
    assert "ease_export_control" not in {e.action for e in events}


def test_easing_export_controls_is_still_an_easing() -> None:
    assert "ease_export_control" in actions_of(
        "Beijing will ease export restrictions on graphite from next month."
    )


def test_an_undated_series_of_tariff_increases_is_the_course_of_the_war() -> None:
    events = extracted(
        "The truce follows a series of retaliatory tariff increases by both nations, which saw "
        "duties top 100%."
    )
    assert not tariff_events(events)


def test_a_series_of_new_tariffs_is_one_package_of_new_measures() -> None:
    events = extracted(
        "Beijing's response included a series of new tariffs on American farm goods of up to 15%."
    )
    assert ("impose_tariff", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Freight rates jumped after the newly announced trade agreement between Trump and Xi.",
        "Officials published the terms of a new trade deal between Washington and Beijing, "
        "reached last week between the two presidents.",
    ],
)
def test_a_deal_told_as_just_made_is_an_agreement(sentence: str) -> None:
    assert ("reach_agreement", "CHN+USA", None) in act_keys(extracted(sentence))


def test_a_meeting_place_after_an_abbreviation_is_no_target() -> None:
    events = extracted(
        "China's suspension of the gallium ban follows a meeting between Xi Jinping and U.S. "
        "President Donald Trump in South Korea."
    )
    assert not [e for e in events if e.target == "KOR" or e.actor == "KOR"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Beijing's easing follows the summit between President Trump and President Xi, held on "
        "October 30 in Busan.",
        "The move comes days after a summit that brought together Donald Trump and Xi Jinping in "
        "South Korea.",
        "The 90-day truce followed an intensive trade negotiation held over the weekend in Geneva.",
        "Trump and Xi were last known to have spoken to each other in January.",
    ],
)
def test_meetings_told_by_other_words(sentence: str) -> None:
    assert ("hold_talks", "CHN+USA", None) in act_keys(extracted(sentence))


def test_a_suspension_of_the_war_does_not_pause_the_tariffs_named_after_it() -> None:
    events = extracted(
        "The two sides agreed on Monday to a 90-day suspension of their tariff war, reducing "
        "duties on Chinese goods from 145 percent to 30 percent."
    )
    keys = act_keys(events)
    assert ("cut_tariff", "USA", "CHN") in keys
    assert ("suspend_tariff", "USA", "CHN") not in keys


def test_a_pause_of_tariffs_is_still_a_suspension() -> None:
    events = extracted("Washington agreed to a 90-day suspension of its tariffs on Chinese goods.")
    assert ("suspend_tariff", "USA", "CHN") in act_keys(events)


def test_stopping_restrictions_eases_them() -> None:
    events = extracted(
        "China would also stop restrictions on several American firms that imported dual-use goods."
    )
    assert ("ease_export_control", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "sentence",
    [
        'The ministry said, "The measures of the United States do not comply with international '
        'trade rules and harm our legitimate interests."',
        "“This practice by the US does not align with the rules of international trade,” China’s "
        "commerce ministry said.",
    ],
)
def test_a_practice_outside_the_rules_is_accused(sentence: str) -> None:
    keys = act_keys(extracted("China announced new tariffs on US goods. " + sentence))
    assert ("accuse_violation", "CHN", "USA") in keys
    assert ("accuse_violation", "USA", "CHN") not in keys


def test_the_accuser_stays_the_actor_of_the_next_sentence() -> None:
    events = extracted(
        "China will impose 34% tariffs on all US goods from April 10. "
        '"The actions of the United States do not comply with international trade rules," the '
        "statement said. The new tariffs will be levied alongside existing duties."
    )
    assert ("impose_tariff", "USA", "CHN") not in act_keys(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Canada is excluded from the pause, and the 25% tariff on its goods that fall outside "
        "the USMCA will continue to apply.",
        "Only the 10% additional tariff on American goods will continue to apply.",
        "A default 10 percent duty on Chinese goods continues to apply across the board.",
        "The 10% additional tariff on US imports will be retained.",
    ],
)
def test_a_level_said_only_to_stay_is_no_new_tariff(sentence: str) -> None:
    assert not of_action(extracted(sentence), "impose_tariff")


def test_a_tariff_imposed_that_stays_in_force_is_still_imposed() -> None:
    events = extracted("The 10% tariff Beijing imposed on US goods in March will remain in effect.")
    assert ("impose_tariff", "CHN", "USA") in act_keys(events)


def test_tariffs_adjusted_with_no_direction_name_no_act() -> None:
    events = extracted(
        "In response, Beijing's tariff commission issued an announcement on March 3, adjusting "
        "duties on goods originating from the U.S."
    )
    assert not tariff_events(events)


def test_tariffs_adjusted_to_a_lower_level_are_cut() -> None:
    events = extracted(
        "China's Tariff Commission issued a notice on Tuesday adjusting tariffs on US goods from "
        "34% to 10%."
    )
    assert ("cut_tariff", "CHN", "USA") in act_keys(events)
