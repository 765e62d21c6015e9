"""Actors from syntax when two parties are named before the act."""

from __future__ import annotations

import pytest

from tradewar.news.extract import Article, extract_events
from tradewar.news.roles import subject_of


def actors(text: str, action: str) -> set[tuple[str | None, str | None]]:
    events = extract_events(Article("R1", text, published="2025-04-11"))
    return {(e.actor, e.target) for e in events if e.action == action}


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        (
            "China has retaliated against President Trump's recent trade actions by raising "
            "tariffs on US imports from 84% to 125%, effective Saturday.",
            "raise_tariff",
            ("CHN", "USA"),
        ),
        (
            "China responded to President Trump's February 1 executive order imposing an "
            "additional 10% tariff on all goods from China.",
            "impose_tariff",
            ("USA", "CHN"),
        ),
        (
            "Beijing said Washington had lifted its export ban on ethane to China.",
            "ease_export_control",
            ("USA", "CHN"),
        ),
    ],
)
def test_the_subject_of_the_governing_verb_acts(
    text: str, action: str, expected: tuple[str, str]
) -> None:
    assert expected in actors(text, action)


def test_subjects_come_from_the_parse() -> None:
    sentence = "China has retaliated against President Trump's actions by raising tariffs."
    subject = subject_of(sentence, sentence.index("tariffs"))
    assert subject is not None
    assert sentence[subject.start : subject.end] == "China"
    passive = "New tariffs were imposed by Beijing on Monday."
    subject = subject_of(passive, passive.index("tariffs"))
    assert subject is not None and passive[subject.start : subject.end] == "Beijing"
