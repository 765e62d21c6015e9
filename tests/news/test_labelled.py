"""The labelled articles beyond the development set are well formed (see docs/news-labelling.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tradewar.news.schema import ACTIONS, MODALITIES, Event

LABELLED = Path(__file__).resolve().parents[2] / "src" / "tradewar" / "news" / "data" / "labelled"
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
ACTOR = re.compile(r"[A-Z]{3}|EU|CHN\+USA")


def _records(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (LABELLED / name).read_text().splitlines() if line]


ARTICLES = {str(record["id"]): record for record in _records("articles.jsonl")}
GOLD = _records("gold.jsonl")


def test_the_set_is_large_enough_to_test_generality() -> None:
    assert len(ARTICLES) >= 30
    assert len(GOLD) >= 90
    assert {event["article_id"] for event in GOLD} == set(ARTICLES)
    assert len({event["event_id"] for event in GOLD}) == len(GOLD)


def test_every_article_has_its_source() -> None:
    for record in ARTICLES.values():
        assert str(record["url"]).startswith("http"), record["id"]
        assert record["outlet"] and record["style"] and record["text"], record["id"]
        published = record["published"]
        assert published is None or DATE.fullmatch(str(published)), record["id"]


@pytest.mark.parametrize("event", GOLD, ids=[str(e["event_id"]) for e in GOLD])
def test_every_event_is_in_the_schema_with_its_evidence_at_its_span(
    event: dict[str, object],
) -> None:
    parsed = Event.model_validate(event)
    assert parsed.action in ACTIONS and parsed.modality in MODALITIES
    assert parsed.actor is not None and ACTOR.fullmatch(parsed.actor)
    assert (parsed.action in {"hold_talks", "reach_agreement"}) == ("+" in parsed.actor)
    text = str(ARTICLES[parsed.article_id]["text"])
    start, end = parsed.evidence_span
    assert text[start:end] == parsed.evidence
    assert all(also in text for also in parsed.also_evidence)
    for value in (parsed.event_date, parsed.effective_date, parsed.end_date):
        assert value is None or DATE.fullmatch(value)
