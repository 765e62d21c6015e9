"""Thirty-first round (docs/news.md, "General rules, thirty-first round"): rules written from
the errors of the held-out set 26 — rates whose tariff noun is left out, asides inside lists of
parties, a second act on a measure named before it, levels and pauses that go on, possible
outcomes, and parties subject to a tariff.  The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, of_action, tariff_events

extracted = WarExtractor("R31")  # this round's sentences, read after the war context


def rate_of(events: list, action: str, actor: str, target: str) -> float | None:
    found = [e for e in events if (e.action, e.actor, e.target) == (action, actor, target)]
    return found[0].rate_to if found else None


@pytest.mark.parametrize(
    "sentence",
    [
        "Washington had imposed tariffs of 145 percent on Chinese goods, and Beijing responded "
        "with 125 percent.",
        "The US lifted its duties to 145 percent while China retaliated with 125 percent.",
    ],
)
def test_an_answer_told_by_its_rate_alone_is_a_tariff(sentence: str) -> None:
    events = extracted(sentence)
    assert rate_of(events, "impose_tariff", "CHN", "USA") == 125


def test_a_rate_before_its_tariff_noun_is_still_read_with_it() -> None:
    events = extracted("Beijing retaliated with 34% tariffs on all US goods.")
    assert rate_of(events, "impose_tariff", "CHN", "USA") == 34


def test_a_gapped_rate_is_a_tariff_on_the_party_after_it() -> None:
    events = extracted(
        "The president ordered 25% tariffs on imports from Canada and Mexico, and an additional "
        "10% on imports from China."
    )
    assert rate_of(events, "impose_tariff", "USA", "CHN") == 10
    assert rate_of(events, "impose_tariff", "USA", "CAN") == 25


def test_an_aside_in_brackets_does_not_break_a_list_of_parties() -> None:
    events = extracted(
        "The president ordered 25% tariffs on goods from Canada (energy excepted, at 10%) and "
        "Mexico on Saturday."
    )
    assert {"CAN", "MEX"} <= {e.target for e in tariff_events(events)}


def test_a_second_act_on_a_measure_is_its_owners() -> None:
    events = extracted(
        "As for Chinese tariffs on American goods, most would be removed and the rest suspended, "
        "lowering it to 10 percent."
    )
    assert rate_of(events, "cut_tariff", "CHN", "USA") == 10
    assert ("cut_tariff", "USA", "CHN") not in act_keys(events)


def test_a_pause_that_goes_on_is_a_pause() -> None:
    events = extracted("The additional 24% tariff on specified U.S. goods will remain suspended.")
    keys = act_keys(events)
    assert ("suspend_tariff", "CHN", "USA") in keys or ("suspend_tariff", "USA", "CHN") in keys
    assert not of_action(events, "impose_tariff")


def test_a_level_left_standing_after_an_abbreviation_is_no_new_tariff() -> None:
    events = extracted(
        "Beijing will suspend the 24% tariff for a year, while the 10% tariff on U.S. imports "
        "will be retained."
    )
    assert not of_action(events, "impose_tariff")


def test_a_possible_outcome_is_no_raise() -> None:
    events = extracted(
        "The duties would take effect on November 1, Trump said, potentially raising the average "
        "U.S. tariff on many Chinese goods above 150%."
    )
    assert not of_action(events, "raise_tariff")


@pytest.mark.parametrize(
    "sentence",
    [
        "China had also been subject to a 10% fentanyl tariff before the ruling.",
        "China is subject to a 10% fentanyl tariff.",
    ],
)
def test_a_party_subject_to_a_tariff_undergoes_it(sentence: str) -> None:
    keys = act_keys(extracted(sentence))
    assert ("impose_tariff", "USA", "CHN") in keys
    assert ("impose_tariff", "CHN", "USA") not in keys


def test_a_numbered_notice_suspended_eases_the_controls_it_imposed() -> None:
    events = extracted(
        "The Ministry of Commerce announced the suspension of Section 2 of Announcement No. 46 "
        "(2024), which imposed export controls on dual-use items to the USA."
    )
    keys = act_keys(events)
    assert ("ease_export_control", "CHN", "USA") in keys
    assert ("impose_export_control", "CHN", "USA") not in keys


def test_a_dated_subject_that_is_no_measure_recalls_no_tariff() -> None:
    events = extracted(
        "The two powers announced today, Monday 12 May, a provisional understanding struck in "
        "Geneva that includes a partial suspension of tariff measures for 90 days.",
        published="2025-05-12",
    )
    assert not of_action(events, "impose_tariff")


def test_a_measure_recalled_by_its_dated_relative_is_still_imposed() -> None:
    events = extracted(
        "The 10% tariff that Washington placed on Chinese steel in March was doubled to 20% on "
        "Friday."
    )
    assert ("impose_tariff", "USA", "CHN") in act_keys(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump also said he saw no reason to proceed with a planned meeting with Xi Jinping at the "
        "summit in Gyeongju.",
        "Farm groups were surprised when the president said he intended to cancel his upcoming "
        "meeting with China's president.",
    ],
)
def test_a_meeting_called_off_is_not_held(sentence: str) -> None:
    assert not of_action(extracted(sentence), "hold_talks")


def test_a_meeting_only_threatened_with_cancellation_is_still_planned() -> None:
    events = extracted(
        "Trump hinted that he might cancel an upcoming meeting with Xi Jinping in South Korea at "
        "the end of the month."
    )
    assert of_action(events, "hold_talks")


def test_a_rule_suspended_with_what_it_expands_is_an_easing() -> None:
    events = extracted(
        "Washington agreed to suspend its rule expanding export restrictions to firms at least "
        "half owned by companies on its “entity list.”"
    )
    keys = act_keys(events)
    assert ("ease_export_control", "USA", "CHN") in keys
    assert ("impose_export_control", "USA", "CHN") not in keys


@pytest.mark.parametrize(
    "sentence",
    [
        "Beijing halted soybean import permits for three American exporters on Tuesday.",
        "The truce agreed in May halted further tariff increases on a wide range of goods.",
        "Farmers welcomed the restart of purchases of American farm products halted during the "
        "trade war.",
    ],
)
def test_a_halt_of_imports_tariffs_or_trade_is_no_export_control(sentence: str) -> None:
    assert not of_action(extracted(sentence), "impose_export_control")


def test_a_halt_of_exports_is_still_an_export_control() -> None:
    events = extracted("Sales of the chips to China were halted by the new rule in April.")
    assert of_action(events, "impose_export_control")


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials in both capitals were considering identifying about $30 billion of goods on "
        "which each side could lower tariffs.",
        "Beijing said it reserves the right to impose further tariffs on American goods if "
        "necessary.",
        "The two countries agreed to work toward a 90-day extension of the current tariff pause.",
    ],
)
def test_an_option_kept_open_is_no_act(sentence: str) -> None:
    assert not tariff_events(extracted(sentence))


def test_an_option_taken_is_an_act() -> None:
    events = extracted("Beijing imposed further tariffs of 15% on American farm goods on Monday.")
    assert ("impose_tariff", "CHN", "USA") in act_keys(events)
