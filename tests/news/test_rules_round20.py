"""Twentieth round: acts that are only supposed, asked about or empowered, and controls told
by their effect on supply (docs/news.md, "General rules, twentieth round").  Each rule's
test fails on the code before the rule; the tests of what a rule must leave alone guard its
limits.  Texts are written for these tests, not taken from the labelled articles."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import acts
from tests.news.rule_sentences import extracted as shared_extracted
from tradewar.news.rates import find_rates, rate_for_action
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    return shared_extracted(text, published, "R20")


def actions(text: str, published: str | None = "2025-10-20") -> set[tuple[str, str | None]]:
    return acts(text, published)


def test_a_modal_perfect_after_the_measure_is_counterfactual() -> None:
    text = (
        "The deadline was set to expire on Tuesday, after which US tariffs on Chinese "
        "electronics could have climbed from the already high 30%."
    )
    assert not extracted(text)


def test_a_plain_future_after_the_measure_stays_an_act() -> None:
    text = (
        "Duties on Chinese electronics will jump from 30% to 80% on Friday, the White House said."
    )
    assert ("raise_tariff", "USA") in actions(text)


def test_a_refusal_reaches_through_a_longer_phrase() -> None:
    text = (
        "China refused to honour Washington's deadline for dropping its own retaliatory "
        "levies on US farm goods."
    )
    assert not [e for e in extracted(text) if e.actor == "CHN"]


def test_a_refusal_stops_at_a_comma() -> None:
    text = (
        "Beijing refused to comment on the talks, but it cut its duties on American pork to "
        "10% on Monday."
    )
    assert ("cut_tariff", "CHN") in actions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Section 232 empowers Trump to impose duties of up to 50% on steel imports.",
        "The 1974 law, which allows Trump to levy tariffs of up to 15% for 150 days, has "
        "never been used.",
        "Under the statute Trump has the authority to impose a surcharge of 15% on all imports.",
    ],
)
def test_a_power_to_impose_is_no_imposition(text: str) -> None:
    assert not [e for e in extracted(text, "2026-02-25") if e.action == "impose_tariff"]


def test_a_power_put_to_use_is_an_imposition() -> None:
    text = (
        "President Trump used that authority on Tuesday, imposing a 15% surcharge on all "
        "imports for 150 days."
    )
    assert ("impose_tariff", "USA") in actions(text, "2026-02-25")


def test_supplies_cut_off_are_a_control() -> None:
    events = extracted("China cut off shipments of gallium and graphite supplies to US chipmakers.")
    assert ("impose_export_control", "CHN") in {(e.action, e.actor) for e in events}


def test_a_plain_cut_of_a_tariff_is_no_control() -> None:
    assert ("impose_export_control", "CHN") not in actions(
        "China cut its tariff on US graphite to 10%."
    )


def test_access_to_named_goods_curbed_is_a_control_by_the_subject() -> None:
    events = extracted("Washington curbed Beijing's access to high-end AI chips in 2023.")
    (event,) = [e for e in events if e.action == "impose_export_control"]
    assert (event.actor, event.target) == ("USA", "CHN")


def test_access_to_a_market_is_no_control() -> None:
    text = "Beijing restricted American banks' access to its bond market."
    assert not [e for e in extracted(text) if e.action == "impose_export_control"]


def test_a_requirement_of_permits_imposed_on_exports_is_a_control() -> None:
    text = "China will impose permitting requirements on exports of battery cathode technology."
    events = extracted(text)
    assert [e for e in events if e.action == "impose_export_control" and e.actor == "CHN"]
    assert not [e for e in events if e.action == "ease_export_control"]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("tariffs of 84% on US goods, a steep jump from the original 34%", (34.0, 84.0)),
        ("a 30% rate on Chinese goods, a sharp cut from 145%", (145.0, 30.0)),
    ],
)
def test_a_change_named_by_a_noun_gives_the_earlier_level(
    clause: str, expected: tuple[float, float]
) -> None:
    action = "cut_tariff" if expected[1] < expected[0] else "raise_tariff"
    rate = rate_for_action(action, find_rates(clause))
    assert (rate.rate_from, rate.rate_to) == expected


def test_an_imposition_with_a_jump_from_an_earlier_level_is_a_raise() -> None:
    events = extracted(
        "On October 14, Beijing imposed duties of 84% on US soybeans, a jump from 34%."
    )
    (event,) = [e for e in events if e.actor == "CHN"]
    assert (event.action, event.rate_from, event.rate_to) == ("raise_tariff", 34.0, 84.0)


@pytest.mark.parametrize(
    "text",
    [
        "Investors now ask whether Washington will cut its tariffs on Chinese furniture.",
        "The White House has not said whether the pause on Chinese tariffs will be extended.",
    ],
)
def test_an_act_in_an_open_question_is_none(text: str) -> None:
    assert not extracted(text)


def test_an_act_after_the_question_ends_stays() -> None:
    text = (
        "Asked whether talks would resume, Lutnick said the US will extend the tariff "
        "pause on Chinese goods for 90 days."
    )
    assert ("suspend_tariff", "USA") in actions(text)


def test_a_numbered_proclamation_acts_for_the_united_states() -> None:
    text = "Proclamation 10999 set a 15% duty on imported furniture starting March 2, 2026."
    assert ("impose_tariff", "USA") in actions(text, "2026-03-05")
