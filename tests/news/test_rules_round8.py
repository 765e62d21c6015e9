"""Eighth round of rules, on the slots (products, rates, durations, dates), from the error
classes that recur across the labelled articles (docs/news.md, "Slot rules, eighth round").
Each test fails on the code before its rule. Sentences are written for these tests, not
taken from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    return extract_events(Article(id="R8", text=text, published=published), classifier=False)


def test_advanced_computing_chips_and_ai_accelerators_are_ai_chips() -> None:
    events = extracted(
        "On March 3, 2026, the Commerce Department tightened export controls on advanced "
        "computing chips bound for Chinese data centres."
    )
    assert any("ai_chips" in e.product_groups for e in events)
    events = extracted(
        "On Friday, Washington imposed new export controls on AI accelerators, barring "
        "their sale to China."
    )
    assert any("ai_chips" in e.product_groups for e in events)


def talks_dates(text: str) -> set[str | None]:
    return {e.event_date for e in extracted(text) if e.action == "hold_talks"}


def test_talks_named_as_the_occasion_of_a_dated_act_take_its_day() -> None:
    assert talks_dates(
        "Washington and Beijing reached an accord on September 4 to ease curbs on chip "
        "exports, during their third round of ministerial trade talks held in Madrid."
    ) == {"2025-09-04"}
    assert talks_dates(
        "Trump said on Tuesday, October 14, 2025 that he had agreed to cut tariffs on Chinese "
        "steel after talks with Xi Jinping in Busan."
    ) == {"2025-10-14"}
    # weeks of talks were not held on the day of their outcome
    assert "2025-10-14" not in talks_dates(
        "Trump said on Tuesday, October 14, 2025 that he had agreed to cut tariffs on Chinese "
        "steel after weeks of talks with Xi Jinping in Busan."
    )


def tariff_rates(text: str, published: str = "2025-05-13") -> dict[str | None, tuple]:
    return {
        e.actor: (e.rate_from, e.rate_to)
        for e in extracted(text, published)
        if e.action.endswith("tariff")
    }


def test_a_cut_from_one_sides_rate_to_the_others_takes_its_own_side() -> None:
    # "to 40% on Chinese goods ... while tariffs on US goods fall to 15%": 40 is the US's
    # rate, 15 China's; the US cut is not "from 40 to 15"
    rates = tariff_rates(
        "Washington agreed on Monday to lower its tariffs to 40% on Chinese goods for 90 days "
        "while tariffs on US goods will be lowered to 15%."
    )
    assert rates.get("USA") == (None, 40.0)
    # one side's cut from one level to another is left alone
    assert tariff_rates(
        "Washington agreed on Monday to lower its tariffs on Chinese goods from 40% to 15%."
    ).get("USA") == (40.0, 15.0)


def test_acts_told_after_moving_on_two_fronts_take_that_day() -> None:
    text = (
        "Beijing moved on two fronts on Thursday, June 18, 2026. The commerce ministry imposed "
        "export controls on eight US drone makers, barring shipments of dual-use items to "
        "them. The finance ministry named 30 US firms that may not bid for state contracts."
    )
    controls = [e for e in extracted(text, "2026-06-19") if e.action == "impose_export_control"]
    assert controls and all(e.event_date == "2026-06-18" for e in controls)


def test_farm_products_are_agricultural_goods_not_all_goods() -> None:
    events = extracted(
        "China retaliated on Tuesday by imposing tariffs of 12 percent on a range of US farm "
        "products."
    )
    tariffs = [e for e in events if e.action == "impose_tariff"]
    assert tariffs and tariffs[0].product_groups == ["agri_food"]


def test_talks_take_the_month_of_the_act_done_at_them() -> None:
    assert talks_dates(
        "At their meeting in Madrid, Washington and Beijing agreed in September to extend "
        "their tariff truce by 90 days.",
    ) == {"2025-09"}


def test_an_effective_date_line_dates_the_measure_told_above_it() -> None:
    text = (
        "The United States will tax Chinese batteries under a new Section 232 proclamation.\n"
        "Key Measures\n"
        "- Tariff: 30% ad valorem duty on certain lithium-ion batteries from China.\n"
        "- Effective Date: March 2, 2026.\n"
        "- Exemptions: batteries imported for repairs are exempt."
    )
    tariffs = [e for e in extracted(text, "2026-02-20") if e.action.endswith("tariff")]
    assert tariffs and all(e.effective_date == "2026-03-02" for e in tariffs)
    text = (
        "SUMMARY: The Bureau of Industry and Security is imposing export controls on certain "
        "lithography tools bound for China.\n\n"
        "DATES: Effective date: The effective date of this rule is March 2, 2026."
    )
    controls = [e for e in extracted(text, "2026-02-20") if e.action == "impose_export_control"]
    assert controls and all(e.effective_date == "2026-03-02" for e in controls)


def test_a_date_naming_an_earlier_occasion_does_not_date_the_act() -> None:
    events = extracted(
        "China will lift its retaliatory tariffs on US pork after last week's call between the "
        "two leaders, Beijing confirmed on Thursday, October 16, 2025.",
    )
    tariffs = [e for e in events if e.action.endswith("tariff")]
    assert tariffs and all(e.event_date == "2025-10-16" for e in tariffs)
    # the call itself keeps its own time, last week
    assert all(e.event_date != "2025-10-16" for e in events if e.action == "hold_talks")


def test_an_agreement_has_the_goods_it_is_about() -> None:
    events = extracted(
        "Washington and Beijing reached a deal on Friday on the supply of gallium and "
        "germanium to American chipmakers."
    )
    deals = [e for e in events if e.action == "reach_agreement"]
    assert deals and set(deals[0].product_groups) == {"gallium", "germanium"}
