"""``POST /api/v1/news/extract``: one article in, its events (gold schema, evidence spans) out,
nothing stored; a text with no events is an empty list with a note, never an error; with
``format=csv`` the events as rows equal to the JSON's."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tradewar.news.schema import Event
from tradewar.news.sentences import Article
from tradewar.services.news import NewsService
from tradewar.tabular import cell, to_csv
from tradewar.web.review import event_rows

EXTRACT = "/api/v1/news/extract"
#: A wire sentence of the seeds' kind (not a sentence of the development set).
WIRE = (
    "WASHINGTON, May 2, 2025 (Reuters) - The United States said on Friday it will raise "
    "tariffs on Chinese steel to 50% from June 1."
)


def test_a_seed_like_sentence_gives_its_action_actor_and_target(client: TestClient) -> None:
    answer = client.post(EXTRACT, json={"text": WIRE, "article_id": "wire-1"}).json()
    assert answer["stored"] is False and answer["count"] == len(answer["events"]) >= 1
    event = answer["events"][0]
    assert (event["action"], event["actor"], event["target"]) in {
        ("raise_tariff", "USA", "CHN"),
        ("impose_tariff", "USA", "CHN"),
    }
    assert event["event_id"] == "wire-1-E1"
    start, end = event["evidence_span"]
    assert WIRE[start:end] == event["evidence"] == answer["text_read"][start:end]
    expected = NewsService.extract([Article(id="wire-1", text=WIRE)])
    assert answer["events"] == [e.to_json() for e in expected]  # the service's events


def test_a_chinese_countermeasure_with_a_publication_date(client: TestClient) -> None:
    text = (
        "China will impose additional tariffs of 34% on all goods imported from the United "
        "States starting April 10, the finance ministry said on Friday."
    )
    answer = client.post(EXTRACT, json={"text": text, "published": "2025-04-04",
                                        "outlet": "Wire", "url": "https://example.org/a"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    event = answer.json()["events"][0]
    assert (event["action"], event["actor"], event["target"]) == ("impose_tariff", "CHN", "USA")
    assert event["rate_to"] == 34.0 and event["effective_date"] == "2025-04-10"


def test_no_events_is_an_empty_list_with_a_note(client: TestClient) -> None:
    ledger_before = client.get("/api/v1/proposals").json()
    answer = client.post(EXTRACT, json={"text": "The weather in Paris was mild on Monday."})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["events"] == [] and body["count"] == 0
    assert body["notes"] and "No trade-war events" in body["notes"][0]
    assert client.get("/api/v1/proposals").json() == ledger_before  # nothing stored


@pytest.mark.parametrize(
    ("body", "field", "said"),
    [
        ({"text": "   "}, "text", "the article is empty"),
        ({"text": "x", "published": "2025-13-01"}, "published", "'2025-13-01' is not a date"),
        ({"text": "x", "published": "June 9"}, "published", "got 'June 9'; expected a date"),
        ({"text": "x", "url": "ftp://host/a"}, "url", "expected an http(s) address"),
        ({"text": "x", "article_id": "../a"}, "article_id", "pattern"),
        ({"text": "x", "colour": "red"}, "colour", "Extra inputs"),
        ({"text": "x" * 100_001}, "text", "at most 100000"),
    ],
)
def test_bad_articles_are_problems_naming_the_field(
    client: TestClient, body: dict[str, Any], field: str, said: str
) -> None:
    response = client.post(EXTRACT, json=body)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["field"] == field, problem
    assert said in problem["detail"], problem


# ---------------------------------------------------------------------- format=csv


def test_the_events_as_csv_equal_the_json(client: TestClient) -> None:
    body = {"text": WIRE, "article_id": "wire-1"}
    events = client.post(EXTRACT, json=body).json()["events"]
    answer = client.post(EXTRACT, params={"format": "csv"}, json=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="events-wire-1.csv"'
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == list(Event.model_fields)  # the gold schema's fields, in order
    assert len(rows) == len(events) >= 1
    for row, event in zip(rows, events, strict=True):
        assert row == {key: str(cell(value)) for key, value in event.items()}
        start, end = (int(offset) for offset in row["evidence_span"].split(";"))
        assert WIRE[start:end] == row["evidence"]


def test_no_events_as_csv_is_the_header_alone(client: TestClient) -> None:
    answer = client.post(EXTRACT, params={"format": "csv"}, json={"text": "Mild in Paris."})
    assert answer.status_code == 200, answer.text
    assert answer.text.splitlines() == [",".join(Event.model_fields)]


def test_list_fields_are_joined_as_documented() -> None:
    """Lists are joined with ';'; also_evidence (sentences, which may hold ';') is a JSON
    array, so a sentence with a semicolon comes back whole."""
    event = Event(article_id="a", event_id="a-E1", actor="USA", action="impose_tariff",
                  target="CHN", products=["steel", "aluminium"], rate_alt=[10.0, 25.0],
                  hs_codes=["7208", "7601"], evidence="It said so.", evidence_span=(4, 15),
                  also_evidence=["Duties rise; quotas stay.", "A second sentence."])  # fmt: skip
    columns, rows = event_rows([event])
    assert columns == list(Event.model_fields)
    text = to_csv(rows, columns)
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["products"] == "steel;aluminium" and row["hs_codes"] == "7208;7601"
    assert row["rate_alt"] == "10.0;25.0" and row["evidence_span"] == "4;15"
    assert json.loads(row["also_evidence"]) == event.also_evidence
    assert event_rows([event.model_copy(update={"also_evidence": []})])[1][0]["also_evidence"] == ""


def test_a_bad_format_names_field_and_value(client: TestClient) -> None:
    response = client.post(EXTRACT, params={"format": "xlsx"}, json={"text": WIRE})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["field"] == "format"
    assert "got 'xlsx'; expected 'json' or 'csv'" in problem["detail"]
