"""Twenty-fourth round (docs/news.md, "General rules, twenty-fourth round"): sentences the
rules read as fewer acts than the labels.  The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, tariff_events

extracted = WarExtractor("R24")  # this round's sentences, read after the war context


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("Trump hiked the rate on Chinese goods to 20 percent last week.", 20.0),
        ("The administration responded by raising the China-specific rate to 84%.", 84.0),
        ("The White House plans to jack the rate on Chinese goods to 145 percent.", 145.0),
    ],
)
def test_a_rate_moved_to_a_level_is_the_tariff(text: str, rate: float) -> None:
    (event,) = tariff_events(extracted(text))
    assert (event.action, event.actor, event.rate_to) == ("raise_tariff", "USA", rate)


@pytest.mark.parametrize(
    "text",
    [
        "The Federal Reserve cut its benchmark rate to 4.25% on Wednesday.",
        "The central bank cut the rate to 3% on Wednesday.",
        "Mortgage lenders raised the rate to 7% this week.",
    ],
)
def test_a_rate_of_money_is_no_tariff(text: str) -> None:
    assert not tariff_events(extracted(text))


def test_tariffs_jacked_up_are_raised() -> None:
    events = extracted("The U.S. jacked up tariffs on Chinese goods to 145 percent this week.")
    (event,) = tariff_events(events)
    assert (event.action, event.actor, event.rate_to) == ("raise_tariff", "USA", 145.0)


def test_tariffs_scaled_back_are_cut() -> None:
    events = extracted(
        "The two sides reached an agreement on Thursday, with the U.S. scaling back tariffs."
    )
    assert ("cut_tariff", "USA", "CHN") in act_keys(events)
    assert not [e for e in events if e.action == "raise_tariff"]


def test_a_combined_level_that_is_cut_is_a_cut_by_each_side() -> None:
    events = extracted(
        "The combined 145% U.S. levies on most Chinese imports will be reduced to 30% by May 14, "
        "while the 125% Chinese duties on U.S. goods will drop to 10%."
    )
    cuts = {(e.actor, e.rate_to) for e in events if e.action == "cut_tariff"}
    assert cuts == {("USA", 30.0), ("CHN", 10.0)}
    assert not [e for e in events if e.action == "impose_tariff"]


def test_a_combined_level_alone_is_still_no_act() -> None:
    assert not tariff_events(extracted("Combined tariffs of 145% now apply to Chinese goods."))


def test_a_rate_on_each_side_goes_to_that_side() -> None:
    events = extracted(
        "The truce brought down tariffs to about 55% on the U.S. side and 10% on the Chinese side."
    )
    cuts = {(e.actor, e.rate_to) for e in events if e.action == "cut_tariff"}
    assert cuts == {("USA", 55.0), ("CHN", 10.0)}


def test_a_cut_and_a_suspension_in_one_clause_are_two_acts() -> None:
    events = extracted(
        "The United States agreed to lower fentanyl-related tariffs from 20 percent to 10 "
        "percent and maintain its suspension of heightened reciprocal tariffs until November "
        "10, 2026."
    )
    acts = {(e.action, e.rate_to) for e in tariff_events(events)}
    assert ("cut_tariff", 10.0) in acts
    assert any(action == "suspend_tariff" for action, _ in acts)


def test_an_imposition_and_a_later_raise_are_two_acts() -> None:
    events = extracted(
        "After imposing a blanket 10 percent tariff on all Chinese goods in early February, "
        "Trump hiked the tariff to 20 percent in March."
    )
    acts = {(e.action, e.rate_to) for e in tariff_events(events)}
    assert acts == {("impose_tariff", 10.0), ("raise_tariff", 20.0)}


def test_a_suspension_of_tariffs_imposed_earlier_stays_one_act() -> None:
    events = extracted("China will suspend the retaliatory tariffs it imposed on U.S. goods.")
    assert [e.action for e in tariff_events(events)] == ["suspend_tariff"]


@pytest.mark.parametrize(
    "text",
    [
        "The discussions focused on prolonging a pause in mutual tariff hikes for another 90 days.",
        "The two-day talks covered shipbuilding fees as well as the extension of the tariff pause.",
    ],
)
def test_a_pause_that_talks_cover_is_a_topic(text: str) -> None:
    assert not [e for e in extracted(text) if e.action == "suspend_tariff"]


def test_a_pause_agreed_beside_talks_is_still_read() -> None:
    events = extracted(
        "The talks covered shipbuilding fees, and China agreed to suspend its tariffs on U.S. "
        "soybeans."
    )
    assert ("suspend_tariff", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "text",
    [
        "The countries struck a deal on May 12 to roll back the tit-for-tat tariffs they had "
        "placed on each other.",
        "The joint statement includes a suspension of the mutual 24 percentage points tariffs "
        "for 90 days.",
        "Twenty-four percent of the tariffs of each country will be paused for 90 days.",
    ],
)
def test_a_mutual_measure_is_each_sides(text: str) -> None:
    sides = {(e.actor, e.target) for e in tariff_events(extracted(text))}
    assert sides == {("USA", "CHN"), ("CHN", "USA")}


def test_one_sides_measure_stays_one_sided() -> None:
    events = extracted("Washington will cut its tariffs on Chinese goods to 30% from May 14.")
    assert {(e.actor, e.target) for e in tariff_events(events)} == {("USA", "CHN")}


@pytest.mark.parametrize(
    "text",
    [
        "The Bureau of Industry and Security announced a policy change on January 13, 2026, "
        "moving from a presumption of denial to case-by-case licensing for H200 chips to China.",
        "The Bureau of Industry and Security shifted H200-class exports to China to "
        "case\u2011by\u2011case licensing.",
        "The Bureau of Industry and Security issued a final rule revising the license review "
        "policy for exports of advanced chips to China, moving from a presumption of denial to "
        "case\u2011by\u2011case review.",
    ],
)
def test_a_move_to_case_by_case_licensing_eases_controls(text: str) -> None:
    assert ("ease_export_control", "USA", "CHN") in act_keys(extracted(text))


def test_a_move_to_a_presumption_of_denial_is_no_easing() -> None:
    events = extracted(
        "The Bureau of Industry and Security revised its license review policy for chips to "
        "China, moving from case-by-case review to a presumption of denial."
    )
    assert not [e for e in events if e.action == "ease_export_control"]


def test_each_listed_target_gets_the_act() -> None:
    events = extracted("The US imposed 25% tariffs on imports from Canada, Mexico and China.")
    targets = {e.target for e in events if e.action == "impose_tariff"}
    assert targets == {"CAN", "MEX", "CHN"}


def test_a_country_that_names_an_office_is_no_listed_target() -> None:
    events = extracted(
        "At a meeting in Busan, South Korea, U.S. President Donald Trump said China would lift "
        "its export controls on rare earths."
    )
    assert {e.target for e in events if e.action == "ease_export_control"} == {"USA"}


def test_the_parties_of_an_act_are_not_its_targets() -> None:
    events = extracted("The United States and China imposed new export controls on each other.")
    assert all(e.target in {"USA", "CHN"} for e in events)


def test_tariffs_cancelled_are_cut_to_nothing() -> None:
    events = extracted("Under the agreement, the US will cancel the 10% fentanyl tariffs on China.")
    (event,) = tariff_events(events)
    assert (event.action, event.actor, event.rate_from, event.rate_to) == (
        "cut_tariff",
        "USA",
        10.0,
        0.0,
    )


def test_a_call_to_cancel_tariffs_is_no_act() -> None:
    events = extracted(
        "After announcing its 34% tariff, China's tariff commission called for the U.S. to "
        "cancel its unilateral tariff measures."
    )
    assert [(e.action, e.actor) for e in tariff_events(events)] == [("impose_tariff", "CHN")]
