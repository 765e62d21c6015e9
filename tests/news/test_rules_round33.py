"""Thirty-third round (docs/news.md, "General rules, thirty-third round"): a round from the
false events and near misses of all 516 labelled articles — the verb of a clause past a
reduced relative, document titles and bodies that are no tariffs, a tariff that ceases to
apply, measures described rather than done, and a deal two parties are thanked for.  The
rounds' conventions: `rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, of_action

extracted = WarExtractor("R33")  # this round's sentences, read after the war context


def test_the_verb_past_a_reduced_relative_tells_the_act() -> None:
    events = extracted(
        "Beijing said that for another year, the 24% extra tariff rate imposed on goods from "
        "the United States will remain suspended."
    )
    assert of_action(events, "suspend_tariff")
    assert not of_action(events, "impose_tariff")


def test_a_reduced_relative_with_a_change_of_rate_is_still_read_by_its_rates() -> None:
    events = extracted(
        "Trump said tariffs imposed on Chinese imports would be cut to 47% from 57% next week."
    )
    assert ("cut_tariff", "USA", "CHN") in act_keys(events)


def test_an_unquoted_title_of_an_announcement_is_no_act() -> None:
    events = extracted(
        "Beijing said the measures listed in the Announcement of the Customs Tariff Commission "
        "of the State Council on Imposing Additional Tariffs on Goods Originating from the "
        "United States will be reviewed."
    )
    assert not of_action(events, "impose_tariff")


def test_a_title_the_clause_gives_its_own_document_still_states_the_act() -> None:
    events = extracted(
        "Beijing issued a notice titled Notice on Imposing Additional Tariffs on Goods from the "
        "United States, with 15% duties on coal."
    )
    assert of_action(events, "impose_tariff")


def test_the_name_of_a_tariff_body_is_no_tariff() -> None:
    sentence = "The duties were announced by the Customs Tariff Commission of the State Council."
    assert not of_action(extracted(sentence), "impose_tariff")


def test_a_tariff_that_shall_cease_to_be_implemented_is_removed() -> None:
    events = extracted(
        "From November 10, the additional tariff measures set out in Announcement No. 2 of 2025 "
        "shall cease to be implemented, the commission said."
    )
    assert of_action(events, "cut_tariff")
    assert not of_action(events, "impose_tariff")


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts said the restrictions acted as a near-total freeze on exports of the metals.",
        "The listing is a full ban on dual-use exports to the named firms, tightening rules "
        "that had only required export licences.",
    ],
)
def test_a_measure_described_is_no_new_export_control(sentence: str) -> None:
    assert not of_action(extracted(sentence), "impose_export_control")


def test_a_measure_said_to_be_imposed_is_still_an_act() -> None:
    events = extracted("The ban was imposed in retaliation for U.S. curbs on memory chips.")
    assert of_action(events, "impose_export_control")


def test_tariffs_that_show_how_a_war_stands_are_a_comment() -> None:
    events = extracted(
        "China's newest tariffs, set to take effect on Sunday, show how far both sides have dug in."
    )
    assert not of_action(events, "impose_tariff")


def test_two_parties_thanked_for_agreeing_to_a_pause_reached_a_deal() -> None:
    events = extracted(
        '"We commend the U.S. and China for agreeing to a 90-day pause on the tariffs," the '
        "group said."
    )
    assert ("reach_agreement", "CHN+USA", None) in act_keys(events)


def test_one_party_agreeing_to_a_pause_is_no_deal_of_two() -> None:
    events = extracted(
        "He suspended the tariffs on Mexico and Canada on Monday, agreeing to a 30-day pause in "
        "return for border measures."
    )
    assert not of_action(events, "reach_agreement")
