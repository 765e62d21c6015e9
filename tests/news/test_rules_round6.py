"""Sixth round of rules, slots first, from the error classes of all 194 labelled articles
and the agreement study (docs/news.md, "Slot rules, sixth round"). Each test fails on the
code before its rule. Sentences are written for these tests, not taken from the labelled
articles."""

from __future__ import annotations

from datetime import date

from tradewar.news.dateline import month_dateline
from tradewar.news.dates import find_dates
from tradewar.news.extract import Article, extract_events
from tradewar.news.rates import find_rates
from tradewar.news.schema import Event

TUESDAY = date(2025, 3, 4)  # a Tuesday
FRIDAY = date(2025, 3, 7)


def extracted(text: str, published: str = "2025-03-07") -> list[Event]:
    return extract_events(Article(id="R6", text=text, published=published), classifier=False)


def roles_and_values(text: str, dateline: date | None) -> list[tuple[str, str | None]]:
    return [(m.role, m.value) for m in find_dates(text, dateline)]


def test_a_weekday_named_from_the_week_after_an_effect_cue_is_the_effective_date() -> None:
    assert roles_and_values("The duties will take effect next Monday.", TUESDAY) == [
        ("effective", "2025-03-10")
    ]
    assert roles_and_values("The levies come into force this coming Friday.", TUESDAY) == [
        ("effective", "2025-03-07")
    ]


def test_a_twenty_four_hour_time_between_cue_and_date_keeps_it_effective() -> None:
    assert roles_and_values(
        "From 00:01 on June 2, 2025, the extra duties on walnuts will be lowered.", TUESDAY
    ) == [("effective", "2025-06-02")]
    events = extracted(
        "Starting from 12:01 on March 20, 2025, Canada will impose a 25% tariff on Chinese steel."
    )
    assert [e.effective_date for e in events if e.action == "impose_tariff"] == ["2025-03-20"]


def test_a_weekday_that_dates_a_past_statement_lies_before_the_dateline() -> None:
    # the statement was made on the weekday; what it announces lies ahead
    assert roles_and_values(
        "On Wednesday, a spokesman for the finance ministry said Ottawa would remove the "
        "levy on Chinese canola.",
        FRIDAY,
    ) == [("event", "2025-03-05")]
    assert roles_and_values(
        "In a briefing on Monday, the ministry confirmed that both governments would lower "
        "their duties.",
        FRIDAY,
    ) == [("event", "2025-03-03")]
    # a weekday of the future act itself still resolves forwards
    assert roles_and_values("Ottawa said it will remove the levy on Monday.", FRIDAY) == [
        ("event", "2025-03-10")
    ]


def test_years_named_from_the_dateline_are_read_at_year_precision() -> None:
    dateline = date(2026, 2, 11)
    assert roles_and_values("Ottawa had last year raised its levies on steel.", dateline) == [
        ("event", "2025")
    ]
    assert roles_and_values("Seoul curbed graphite exports earlier this year.", dateline) == [
        ("event", "2026")
    ]
    assert roles_and_values("New levies are planned for next year.", dateline) == [
        ("event", "2027")
    ]


def test_a_clause_opening_on_since_and_a_date_dates_the_act_it_frames() -> None:
    dateline = date(2025, 9, 1)
    assert roles_and_values(
        "Since 2021, the bureau has issued three rules restricting chip exports.", dateline
    ) == [("event", "2021")]
    # elsewhere "since" dates a state or another act, not this one
    assert roles_and_values("It was their first meeting since 2019.", dateline) == [
        ("since", "2019")
    ]


def test_an_undated_act_continuing_the_report_before_it_takes_that_day() -> None:
    text = (
        "On Wednesday, Ottawa announced a 25% tariff on Chinese steel. "
        "In return, Beijing will impose a 10% levy on Canadian canola."
    )
    dates = {(e.actor, e.action): e.event_date for e in extracted(text)}
    assert dates[("CAN", "impose_tariff")] == "2025-03-05"
    assert dates[("CHN", "impose_tariff")] == "2025-03-05"
    added = extracted(
        "On Monday, Canada imposed a 25% tariff on Chinese aluminium. "
        "It will halt exports of canola to China, the finance ministry added."
    )
    assert {e.event_date for e in added if e.action == "impose_export_control"} == {"2025-03-03"}


def test_an_undated_act_in_a_sentence_of_its_own_takes_no_earlier_day() -> None:
    text = (
        "On Wednesday, Ottawa announced a 25% tariff on Chinese steel. "
        "Beijing will impose a 10% levy on Canadian canola."
    )
    dates = {(e.actor, e.action): e.event_date for e in extracted(text)}
    assert dates[("CHN", "impose_tariff")] != "2025-03-05"


def test_a_later_sentence_naming_the_rule_gives_its_effective_date() -> None:
    text = (
        "The Commerce Department added nine Chinese firms to the Entity List on Tuesday, "
        "restricting exports of lasers to them.\n\n"
        "Key dates\n\n"
        "Comments may be sent by mail.\n\n"
        "This rule is effective March 6, 2025."
    )
    controls = [e for e in extracted(text) if e.action == "impose_export_control"]
    assert controls and {e.effective_date for e in controls} == {"2025-03-06"}


def test_a_measure_eased_with_its_own_start_date_is_a_recalled_imposition() -> None:
    events = extracted(
        "On Thursday, Seoul said it would suspend the export controls on graphite imposed "
        "on January 14 for one year."
    )
    recalled = [e for e in events if e.action == "impose_export_control"]
    assert [(e.actor, e.event_date, e.modality) for e in recalled] == [
        ("KOR", "2025-01-14", "background")
    ]
    eased = [e for e in events if e.action == "ease_export_control"]
    assert eased and all(e.event_date != "2025-01-14" for e in eased)
    tariffs = extracted("Ottawa will roll back the extra tariffs on steel introduced in February.")
    assert ("impose_tariff", "2025-02", "background") in {
        (e.action, e.event_date, e.modality) for e in tariffs
    }


def test_an_eased_measure_without_a_date_of_its_own_is_no_recalled_imposition() -> None:
    events = extracted("Seoul said on Thursday it would suspend its export controls on graphite.")
    assert "impose_export_control" not in {e.action for e in events}


def test_a_coordinated_eased_measure_with_its_own_start_is_recalled_too() -> None:
    events = extracted(
        "Seoul has agreed to suspend its licence rules on graphite and the related "
        "measures announced on January 14, 2025."
    )
    assert ("impose_export_control", "2025-01-14", "background") in {
        (e.action, e.event_date, e.modality) for e in events
    }


def test_the_news_coming_a_lag_after_an_act_dates_that_act() -> None:
    assert roles_and_values(
        "The move comes three days after Ottawa imposed a 25% tariff on Chinese steel.", FRIDAY
    ) == [("event", "2025-03-04")]
    assert roles_and_values(
        "The decision came hours after the new duties took effect.", FRIDAY
    ) == [("effective", "2025-03-07")]
    # a lag the text does not count is unknown
    assert roles_and_values("The move comes several days after the duties rose.", FRIDAY) == []


def test_a_range_of_days_takes_the_year_after_it() -> None:
    assert roles_and_values("The Geneva round on May 12 to 13, 2026 ended.", None) == [
        ("event", "2026-05-12")
    ]
    assert roles_and_values("Talks on October 3-4, 2024 were held in Lima.", None) == [
        ("event", "2024-10-03")
    ]


def test_an_ordinal_day_alone_is_a_day_of_the_dateline_month() -> None:
    dateline = date(2025, 6, 12)
    assert roles_and_values("On the 16th, the two sides will meet in Oslo.", dateline) == [
        ("event", "2025-06-16")
    ]
    assert roles_and_values("The leaders spoke by phone on the 3rd to discuss it.", dateline) == [
        ("event", "2025-06-03")
    ]
    # a past act on a later day lies in the month before
    assert roles_and_values("The ministry issued the rule on the 20th.", dateline) == [
        ("event", "2025-05-20")
    ]
    # an ordinal before a noun is no date
    assert roles_and_values("It was agreed on the 15th round of talks.", dateline) == []


def test_a_recalled_start_with_its_own_subject_is_that_party_s_act() -> None:
    events = extracted(
        "The deal means the removal of export controls Seoul imposed in January on "
        "graphite, the White House said."
    )
    assert ("impose_export_control", "KOR", "2025-01", "background") in {
        (e.action, e.actor, e.event_date, e.modality) for e in events
    }


def test_a_share_of_the_tariffs_removed_is_a_change_in_points() -> None:
    cuts = [
        e
        for e in extracted(
            "Ottawa agreed to remove 80 percent of the extra tariffs on Chinese steel."
        )
        if e.action == "cut_tariff"
    ]
    assert [e.rate_change for e in cuts] == [-80.0]
    # a share of something else stays no rate of the act
    shares = find_rates("China holds 90% of the world's refining of rare earths.")
    assert shares == []


def test_a_control_naming_no_goods_concerns_those_of_the_party_s_control_before_it() -> None:
    events = extracted(
        "Export curbs\n\nSeoul imposed export controls on graphite and tungsten on Monday, the "
        "trade ministry said. On Tuesday, Seoul added four Japanese firms to its export "
        "control list."
    )
    listed = [e for e in events if e.evidence.startswith("On Tuesday")]
    assert listed and all(e.product_groups == ["graphite", "minor_metals"] for e in listed)


def test_a_record_known_to_the_month_gives_yearless_dates_their_year_and_no_day() -> None:
    dateline = month_dateline("2025-10")
    assert dateline is not None and dateline.isoformat() == "2025-10"
    assert roles_and_values("The new curbs will take effect on 8 November.", dateline) == [
        ("effective", "2025-11-08")
    ]
    # no day is invented: weekdays and days counted from the dateline stay unresolved
    assert roles_and_values("Seoul said on Monday it would act.", dateline) == [("event", None)]
    assert roles_and_values("The rules were issued yesterday.", dateline) == [("event", None)]
    assert roles_and_values("Today the ministry issued the rules.", dateline) == [
        ("event", "2025-10")
    ]
    events = extracted(
        "Seoul has restricted exports of graphite to Japan. The rule takes effect on 1 December.",
        published="2025-10",
    )
    controls = [e for e in events if e.action == "impose_export_control"]
    assert [(e.event_date, e.effective_date) for e in controls] == [("2025-10", "2025-12-01")]


def test_a_sentence_restating_the_measures_gives_them_its_effective_date() -> None:
    events = extracted(
        "Ottawa said on Tuesday it would impose a 25% tariff on Chinese steel. "
        "The tariffs would take effect next Monday."
    )
    rated = [e for e in events if e.action == "impose_tariff" and e.rate_to == 25.0]
    assert [e.effective_date for e in rated] == ["2025-03-10"]


def test_a_continuing_sentence_takes_the_effective_date_of_the_measures_before_it() -> None:
    first = "Starting Tuesday, Ottawa will impose a 25% tariff on Chinese steel. "
    events = extracted(
        first + "In addition, the 10% tariff that Ottawa placed on Chinese aluminium in "
        "January will be doubled to 20%."
    )
    effective = {
        e.effective_date for e in events if e.action == "impose_tariff" and e.rate_to == 25
    }
    raised = [e for e in events if e.action == "raise_tariff"]
    assert len(effective) == 1 and [e.effective_date for e in raised] == list(effective)
    # a continuing act with a date of its own keeps it
    dated = extracted(first + "Also on April 1, Ottawa will impose export controls on canola.")
    controls = [e for e in dated if e.action == "impose_export_control"]
    assert [e.effective_date for e in controls] == ["2025-04-01"]
