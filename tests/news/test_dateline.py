"""The dateline parser on the formats of the development set."""

from __future__ import annotations

from datetime import date

import pytest

from tradewar.news.dateline import find_dateline


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            "US and China to hold trade talks\n\nFP News Desk June 9, 2025, 11:48:47 IST\n",
            date(2025, 6, 9),
        ),
        ("|DATE\n|4 February 2025 12:30PM EST\n", date(2025, 2, 4)),
        ("China hits back at Trump\n\n(2025/04/04)\n", date(2025, 4, 4)),
        ("Fact Sheet: President Trump Strikes Deal\n\n11/1/2025\n", date(2025, 11, 1)),
        ("Published: 11:16am, 25 Oct 2025Updated: 11:39am, 25 Oct 2025", date(2025, 10, 25)),
        ("Other countries\n- 05 November, 2025\n- 09:28\n", date(2025, 11, 5)),
        ("March 10, 20252 Mins Read News", date(2025, 3, 10)),
        ("Release date: 2025-04-04 15:30", date(2025, 4, 4)),
        ("Published 2025-04-04T10:00:00Z", date(2025, 4, 4)),
        ("Updated 4th April 2025", date(2025, 4, 4)),
        ("April 4th, 2025 at 10:32 AM ET", date(2025, 4, 4)),
    ],
)
def test_dateline_formats(head: str, expected: date) -> None:
    assert find_dateline(head) == expected


def test_a_full_published_date_wins_over_the_text() -> None:
    assert find_dateline("FP News Desk June 9, 2025", "2025-06-10") == date(2025, 6, 10)


@pytest.mark.parametrize(
    "text",
    [
        "On October 9, 2025, the Ministry of Commerce issued two announcements",
        "Refer to the joint statement\nThe parties commit to taking the following actions prior to"
        " May 14, 2025:\n",
        "China said the tariffs, which took effect on March 10, 2025, would stay in place.",
        "BEIJING, April 4 (Reuters) - China will add tariffs from April 10, 2025 on all US goods.",
    ],
)
def test_a_date_inside_a_body_sentence_is_not_the_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("BEIJING, April 4, 2025 (Reuters) - China said on Friday it would", date(2025, 4, 4)),
        ("Posted on April 4, 2025 by Staff Writer\nChina said on Friday", date(2025, 4, 4)),
    ],
)
def test_wire_and_byline_datelines(head: str, expected: date) -> None:
    assert find_dateline(head) == expected


def test_no_dateline_gives_none() -> None:
    assert find_dateline("President Trump signed an executive order late Monday.", None) is None
    assert find_dateline("No date here.", "2025-06") is None


def test_a_wire_dateline_takes_its_year_from_the_record_and_never_guesses_one() -> None:
    text = "BUSAN, South Korea, Oct 30 (Reuters) - U.S. President Donald Trump said on Thursday"
    assert find_dateline(text, "2025") == date(2025, 10, 30)
    assert find_dateline(text, "2025-10") == date(2025, 10, 30)
    assert find_dateline(text, "2025-11") is None  # the record's month contradicts it
    assert find_dateline(text, None) is None
