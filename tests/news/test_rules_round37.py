"""Thirty-seventh round (docs/news.md, "General rules, thirty-seventh round"): acts only
possible, conditional or put off, talks that tell a time, a side's response listed after a
colon, the agent of an action noun, negation over an initialism, gerunds judged by a copula,
pauses of exports, comments on a decision, "duty-free", countermeasures named by their
target alone or aimed at ships, acts said to be unclear and a truce an accord is seen as.
The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

from tests.news.rule_sentences import WarExtractor, act_keys, of_action

extracted = WarExtractor("R37")  # this round's sentences, read after the war context


def test_a_truce_that_may_have_been_reached_is_no_deal() -> None:
    assert not of_action(
        extracted("You said today a truce may have been reached."), "reach_agreement"
    )


def test_tariffs_under_an_inverted_condition_are_no_act() -> None:
    events = extracted(
        "Farm leaders weighed the impacts should the Mexican and Canadian tariffs go into effect."
    )
    assert not of_action(events, "impose_tariff")


def test_an_act_put_off_by_waiting_is_no_act() -> None:
    events = extracted("However, they will wait 18 months before imposing new punitive tariffs.")
    assert not of_action(events, "impose_tariff")


def test_talks_that_tell_the_time_of_another_act_are_no_meeting() -> None:
    events = extracted(
        "Bessent left the city before the talks ended on Tuesday to return to Washington."
    )
    assert not of_action(events, "hold_talks")


def test_measures_listed_after_a_colon_are_the_responders() -> None:
    events = extracted(
        "On April 2 Washington imposed a 34% tariff on Chinese imports, prompting a swift response "
        "from Beijing: a 34% tariff on U.S. goods and the rollout of export controls on rare "
        "earths."
    )
    keys = act_keys(events)
    assert ("impose_tariff", "CHN", "USA") in keys
    assert ("impose_export_control", "CHN", "USA") in keys


def test_the_agent_of_an_action_noun_acts() -> None:
    events = extracted(
        "China announced new tariffs on U.S. farm goods on Tuesday. The decision follows the "
        "recent increase in tariffs by Washington on Chinese imports."
    )
    assert ("raise_tariff", "USA", "CHN") in act_keys(events)
    assert ("raise_tariff", "CHN", "USA") not in act_keys(events)


def test_negation_reaches_over_an_initialism() -> None:
    events = extracted(
        "The ministry said China would not match any further U.S. tariff increases for now."
    )
    assert not of_action(events, "impose_tariff")


def test_a_gerund_judged_by_a_copula_is_no_act() -> None:
    events = extracted(
        '"But imposing steep tariffs on our closest trading partners is a serious step."'
    )
    assert not of_action(events, "impose_tariff")


def test_an_export_suspension_extended_is_no_tariff_pause() -> None:
    events = extracted(
        "China stabilized its supply chains by resuming farm imports and extending the rare "
        "earth export suspension."
    )
    assert not of_action(events, "suspend_tariff")


def test_a_pause_told_with_what_it_provides_is_a_comment() -> None:
    events = extracted(
        "The ministry said the rare earth postponement and tariff adjustments would provide both "
        "nations space for dialogue."
    )
    assert not of_action(events, "suspend_tariff")


def test_an_expected_decision_to_extend_a_truce_is_a_comment() -> None:
    events = extracted("The decision to extend the truce was widely expected after weeks of talks.")
    assert not of_action(events, "suspend_tariff")


def test_duty_free_treatment_is_no_duty() -> None:
    events = extracted(
        "The White House issued several actions, including continuing the suspension of duty "
        "free de minimis treatment for all countries."
    )
    assert not of_action(events, "suspend_tariff")


def test_countermeasures_paused_with_only_their_target_are_no_act() -> None:
    events = extracted(
        '"China will also suspend its countermeasures against the US for one year," the '
        "ministry said."
    )
    assert not of_action(events, "suspend_tariff")
    assert not of_action(events, "ease_export_control")


def test_countermeasures_aimed_at_ships_are_no_tariffs() -> None:
    events = extracted(
        "The agreed suspension of China's countermeasures targeting US linked ships is welcome."
    )
    assert not of_action(events, "suspend_tariff")


def test_an_act_said_to_be_unclear_is_no_act() -> None:
    events = extracted(
        "It is unclear if the new tariff pause agreement will cause added confusion for buyers."
    )
    assert not of_action(events, "suspend_tariff")


def test_a_truce_an_accord_is_seen_as_is_no_new_pause() -> None:
    events = extracted(
        "While the accord eases tensions, experts view it as a one-year truce rather than a "
        "lasting solution."
    )
    assert not of_action(events, "suspend_tariff")
