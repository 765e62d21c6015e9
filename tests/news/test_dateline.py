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
        (
            "On October 9, 2025, the Ministry of Commerce issued two announcements",
            date(2025, 10, 9),
        ),
        ("March 10, 20252 Mins Read News", date(2025, 3, 10)),
    ],
)
def test_dateline_formats(head: str, expected: date) -> None:
    assert find_dateline(head) == expected


def test_a_full_published_date_wins_over_the_text() -> None:
    assert find_dateline("FP News Desk June 9, 2025", "2025-06-10") == date(2025, 6, 10)


def test_no_dateline_gives_none() -> None:
    assert find_dateline("President Trump signed an executive order late Monday.", None) is None
    assert find_dateline("No date here.", "2025-06") is None
