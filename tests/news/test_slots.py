"""Slots of events: dates, durations, rates and products chosen for each act."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-07-16") -> list[Event]:
    return extract_events(Article(id="T", text=text, published=published))


def one(text: str, action: str, published: str | None = "2025-07-16") -> Event:
    found = [e for e in extracted(text, published) if e.action == action]
    assert len(found) == 1, found
    return found[0]


ALERT = (
    "CUSTOMS BULLETIN\n|TITLE\n|Canada Adds Duty on Steel\n|DATE\n|2 July 2025\n"
    "|EFFECTIVE DATE\n|21 July 2025\n|DETAILS\n"
    "|Canada announced a 25% tariff on steel imports from China.\n"
)


def test_an_alerts_header_fields_date_the_act_and_when_it_applies() -> None:
    event = one(ALERT, "impose_tariff")
    assert (event.event_date, event.effective_date) == ("2025-07-02", "2025-07-21")


def test_header_fields_do_not_override_the_dates_a_sentence_gives() -> None:
    text = ALERT.replace("Canada announced", "On June 30, Canada announced")
    event = one(text, "impose_tariff")
    assert (event.event_date, event.effective_date) == ("2025-06-30", "2025-07-21")


def test_periods_of_acts_and_lengths_of_talks() -> None:
    from tradewar.news.slots import durations

    def read(text: str) -> list[tuple[str, bool]]:
        return [(d.iso, d.of_talks) for d in durations(text)]

    assert read("the waiver was prolonged for an additional 60 days") == [("P60D", False)]
    assert read("a six month moratorium on the levy") == [("P6M", False)]
    assert read("Brussels will postpone the duties by at least a week") == [("P1W", False)]
    assert read("ministers met for three days of negotiations in Oslo") == [("P3D", True)]
    assert read("the leaders held a 45-minute video call") == [("PT45M", True)]
    assert read("the levy ends 30 days after the order") == []
    assert read("a waiver lasting 60 days") == [("P60D", False)]
    assert read("cuts over the next 60 days") == [("P60D", False)]
    assert read("exports fell in the last 30 days") == []
    assert read("firms must comply within 30 days") == []


def test_talks_take_only_a_length_of_talks_and_other_acts_never_do() -> None:
    text = (
        "After three days of talks in Oslo on Monday, the United States and Canada agreed to "
        "lower tariffs for 60 days."
    )
    found = extracted(text)
    talks = [e for e in found if e.action == "hold_talks"]
    deals = [e for e in found if e.action in {"reach_agreement", "cut_tariff"}]
    assert talks and {e.duration for e in talks} == {"P3D"}
    assert deals and {e.duration for e in deals} == {"P60D"}


def test_the_earlier_measures_own_date_is_not_the_easing_acts() -> None:
    text = (
        "On July 14, Canada said it would suspend the export controls on rare earths, "
        "announced on March 3, for six months."
    )
    event = one(text, "ease_export_control")
    assert (event.event_date, event.duration) == ("2025-07-14", "P6M")


def test_a_date_in_a_relative_clause_belongs_to_the_recalled_measure() -> None:
    text = (
        "On July 14, China said it would lift the export controls on gallium that took effect "
        "after the dispute in March."
    )
    assert one(text, "ease_export_control").event_date == "2025-07-14"


def test_an_agreement_reached_at_a_meeting_takes_the_meetings_date() -> None:
    text = "Japan and the United States met on July 3 in Osaka and agreed to cut tariffs."
    assert one(text, "reach_agreement").event_date == "2025-07-03"


def test_an_act_told_as_the_days_news_is_dated_by_the_dateline() -> None:
    text = "Canadian and Mexican negotiators have opened a new round of trade talks in Ottawa."
    assert one(text, "hold_talks").event_date == "2025-07-16"
    text = "Mexico is imposing new tariffs of 30% on steel from China."
    assert one(text, "impose_tariff").event_date == "2025-07-16"


def test_a_measure_done_in_the_present_perfect_applies_from_when_it_was_done() -> None:
    text = "Japan has lifted a ban on exports of gallium to China, the ministry said on Monday."
    event = one(text, "ease_export_control")
    assert (event.event_date, event.effective_date) == ("2025-07-14", "2025-07-14")
    text = "Canada on Tuesday announced the immediate removal of its tariffs on US steel."
    event = one(text, "cut_tariff")
    assert (event.event_date, event.effective_date) == ("2025-07-15", "2025-07-15")


def test_a_recalled_act_gets_no_date_from_its_tense() -> None:
    text = "Earlier, Japan had imposed export controls on gallium, which have hurt exporters."
    event = one(text, "impose_export_control")
    assert (event.modality, event.event_date) == ("background", None)


def test_chip_design_tools_are_eda_software() -> None:
    from tradewar.news.gazetteer import product_groups
    from tradewar.news.slots import products_in

    found = products_in("curbs on sales of semiconductor design tools and chip design suites")
    assert product_groups(found) == ["eda_software"]


def test_a_document_date_is_not_the_acts_date() -> None:
    text = (
        "Under Executive Order 14999 dated March 3, 2025, the United States will suspend "
        "its 20% tariff on Canadian lumber."
    )
    assert one(text, "suspend_tariff").event_date != "2025-03-03"


def test_a_measures_date_after_the_dateline_is_when_it_applies() -> None:
    text = "On August 4, Canada will impose export controls on critical minerals."
    event = one(text, "impose_export_control")
    assert (event.event_date, event.effective_date) == ("2025-07-16", "2025-08-04")
    talks = one("Japan and Canada will hold talks in Ottawa on August 4.", "hold_talks")
    assert (talks.event_date, talks.effective_date) == ("2025-08-04", None)


def test_a_tariff_on_a_country_as_a_whole_covers_all_goods() -> None:
    from tradewar.news.slots import country_wide_tariff

    assert country_wide_tariff("the 25% tariffs on Mexico took effect")
    assert country_wide_tariff("duties against Canada and Mexico")
    assert country_wide_tariff("tariffs on Japanese cars") is None
    assert country_wide_tariff("tariffs on Japan's steel") is None
    assert country_wide_tariff("tariffs on Japan rice imports") is None
    event = one("On Monday, Canada imposed a 25% tariff on Japan.", "impose_tariff")
    assert event.product_groups == ["all_goods"]


def test_a_summary_dates_the_detailed_measures_it_sums_up() -> None:
    text = (
        "Canada's retaliatory tariffs on US agricultural products took effect on Monday. "
        "Pork faces a 20 percent tariff, while beef and dairy face a 10 percent tariff."
    )
    rated = [e for e in extracted(text) if e.action == "impose_tariff" and e.rate_to]
    assert rated and {e.effective_date for e in rated} == {"2025-07-14"}


def test_a_product_broken_over_a_line_is_found_on_one_line() -> None:
    from tradewar.news.slots import products_in

    assert products_in("controls on rare\nearths and\njet engines") == ["rare earth", "jet engine"]


def test_an_announced_measure_that_applies_later_is_dated_by_the_dateline() -> None:
    event = one(
        "Effective August 4, Canada will raise its tariffs on US goods to 35%.", "raise_tariff"
    )
    assert (event.event_date, event.effective_date) == ("2025-07-16", "2025-08-04")


def test_a_length_in_minutes_or_hours_is_a_length_of_talks() -> None:
    from tradewar.news.slots import durations

    assert [(d.iso, d.of_talks) for d in durations("they spoke for 90 minutes")] == [
        ("PT90M", True)
    ]


def test_a_state_that_has_lasted_is_no_act_of_the_day() -> None:
    event = one("Japan has imposed tariffs on Chinese steel since 2019.", "impose_tariff")
    assert (event.event_date, event.effective_date) != ("2025-07-16", "2025-07-16")
    event = one(
        "Japan has restricted exports of gallium in recent months.", "impose_export_control"
    )
    assert event.event_date is None and event.effective_date is None


def test_any_countrys_goods_are_all_goods() -> None:
    from tradewar.news.gazetteer import product_groups
    from tradewar.news.slots import products_in

    # (farm products name a kind of goods: agri_food, docs/news.md "Slot rules, eighth round")
    for phrase in ("Canadian goods", "Japanese consumer products", "goods from the European Union"):
        found = products_in(f"a 25% tariff on {phrase} will apply")
        assert product_groups(found) == ["all_goods"], phrase
