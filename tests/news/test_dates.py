"""Relative dates resolved against the dateline with the clause's tense."""

from __future__ import annotations

from datetime import date

import pytest

from tradewar.news.dates import find_dates, resolve_weekday

WEDNESDAY = date(2025, 4, 9)


def values(clause: str, dateline: date | None = WEDNESDAY) -> list[tuple[str | None, str]]:
    return [(m.value, m.role) for m in find_dates(clause, dateline)]


def test_weekday_in_the_past_is_the_latest_on_or_before_the_dateline() -> None:
    assert values("the finance ministry said on Monday") == [("2025-04-07", "event")]


def test_weekday_in_the_future_is_the_next_on_or_after_the_dateline() -> None:
    assert values("China will impose 84 per cent tariffs on US goods from Thursday") == [
        ("2025-04-10", "effective")
    ]
    assert values("the talks will be held on Monday") == [("2025-04-14", "event")]


def test_the_datelines_own_weekday_is_the_dateline() -> None:
    assert values("its finance ministry said on Wednesday") == [("2025-04-09", "event")]
    assert resolve_weekday("wednesday", WEDNESDAY, future=True) == WEDNESDAY


def test_speech_verbs_keep_a_weekday_in_the_past_inside_a_future_clause() -> None:
    clause = "Kevin Hassett on Monday said that export controls will be eased"
    assert values(clause, date(2025, 6, 10)) == [("2025-06-09", "event")]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("The engagements began in London yesterday", ("2025-04-08", "event")),
        ("tariffs took effect today", ("2025-04-09", "effective")),
        ("a trade agreement finally reached last week", ("2025-04", "event")),
        ("a truce set to expire next month", ("2025-05", "end")),
        ("also effective immediately", ("2025-04-09", "effective")),
    ],
)
def test_relative_words(clause: str, expected: tuple[str, str]) -> None:
    assert values(clause) == [expected]


def test_month_day_without_year_takes_the_datelines_year() -> None:
    assert values("On Feb. 1, the US government announced", date(2025, 2, 4)) == [
        ("2025-02-01", "event")
    ]
    assert values("Beginning March 10, 2025, additional tariffs apply") == [
        ("2025-03-10", "effective")
    ]


def test_a_past_month_after_the_dateline_month_is_last_year() -> None:
    assert values("In November, Beijing announced controls", date(2025, 2, 4)) == [
        ("2024-11", "event")
    ]


def test_end_dates_and_deadlines() -> None:
    assert values("extend the exclusions until November 10, 2026") == [("2026-11-10", "end")]


def test_nothing_is_invented_without_a_dateline() -> None:
    assert values("Trump signed the order on Monday", None) == [(None, "event")]
    assert values("from Thursday", None) == [(None, "effective")]
    assert values("Effective December 1, 2025", None) == [("2025-12-01", "effective")]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("the ban imposed in December 2024 is suspended", ("2024-12", "event")),
        ("China first restricted exports in April, 2025", ("2025-04", "event")),
        ("the curbs announced in 2023 were widened", ("2023", "event")),
        ("in early 2026 the two sides met again", ("2026", "event")),
        ("prices have doubled since 2024", ("2024", "since")),
    ],
)
def test_month_year_and_bare_years_keep_the_precision_the_text_gives(
    clause: str, expected: tuple[str, str]
) -> None:
    assert values(clause) == [expected]


def test_a_number_of_an_announcement_is_no_year() -> None:
    assert values("under Announcement No. 61 of 2025") == []


def test_a_completed_act_resolves_its_weekday_backwards() -> None:
    assert values("By Friday, shipments of rare earth magnets had started") == [
        ("2025-04-04", "effective")
    ]
    assert values("the additional tariffs took effect on Monday") == [("2025-04-07", "effective")]
    assert values("the tariffs will take effect on Monday") == [("2025-04-14", "effective")]


def test_with_immediate_effect_is_the_dateline() -> None:
    assert values("raising them to 125% with immediate effect") == [("2025-04-09", "effective")]


def test_a_past_verb_after_the_weekday_dates_a_done_act_in_a_future_clause() -> None:
    clause = "The ministry on Monday notified exporters that shipments will need a permit"
    assert values(clause) == [("2025-04-07", "event")]
    clause = "the negotiators on Monday need to settle the terms, and tariffs will rise"
    assert values(clause) == [("2025-04-14", "event")]  # "need" is no past verb


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("the levy will apply starting next month", ("2025-05-01", "effective")),
        ("duties on steel will rise from June", ("2025-06-01", "effective")),
        ("a truce set to expire next month", ("2025-05", "end")),
    ],
)
def test_a_measure_starting_in_a_month_applies_from_its_first_day(
    clause: str, expected: tuple[str, str]
) -> None:
    assert values(clause) == [expected]


@pytest.mark.parametrize(
    "clause",
    [
        "Starting just after midnight Friday, steel from Brazil is taxed at 50%",
        "duties apply from 12:01 a.m. EDT on Friday",
        "the levy takes effect at noon Friday",
    ],
)
def test_a_time_of_day_between_the_cue_and_the_day_keeps_it_effective(clause: str) -> None:
    assert values(clause) == [("2025-04-11", "effective")]


def test_the_date_of_a_document_named_in_passing_dates_no_act() -> None:
    clause = "under Proclamation 10896 dated February 10, 2025, the duties will be paused"
    assert values(clause) == [("2025-02-10", "document")]


def test_a_deadline_for_a_measure_is_when_it_applies() -> None:
    clause = "Ottawa promised to take measures before June 2 to lower the levies"
    assert values(clause) == [("2025-06-02", "effective")]


def test_a_scheduled_end_is_an_end_date() -> None:
    assert values("the waiver is scheduled to end on June 30, 2026") == [("2026-06-30", "end")]


def test_from_before_a_rate_is_no_future_cue() -> None:
    clause = "Ottawa halved its surtax on US pork to 10% from 20% on Monday"
    assert values(clause) == [("2025-04-07", "event")]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("the licensing rule enters into force on Monday", ("2025-04-14", "effective")),
        ("the licensing rule entered into force on Monday", ("2025-04-07", "effective")),
        ("the licensing rule became effective on Monday", ("2025-04-07", "effective")),
        ("the licensing rule becomes effective on Monday", ("2025-04-14", "effective")),
    ],
)
def test_entry_into_force_is_effective_in_the_tense_it_is_told(
    clause: str, expected: tuple[str, str]
) -> None:
    assert values(clause) == [expected]


def test_a_document_doing_the_act_keeps_its_date() -> None:
    assert values("In a statement dated April 4, the ministry said") == [("2025-04-04", "event")]
    clause = "Notice No. 7 dated April 2 restricts exports of tungsten"
    assert values(clause) == [("2025-04-02", "event")]


def test_customs_entry_on_or_after_a_time_and_day_is_effective() -> None:
    clause = (
        "goods entered for consumption on or after 12:01 a.m. eastern daylight time (EDT) "
        "on May 2, 2025"
    )
    assert values(clause) == [("2025-05-02", "effective")]
