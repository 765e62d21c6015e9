"""Regression tests of the API's edges (issue 13): hostile input is a 4xx naming the
problem, never a 500; secrets and server folders stay private; writes are authenticated
before their body is read; tokens expire; pages carry the browser hardening headers."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import auth, make_settings
from tradewar.config import Settings
from tradewar.web.app import create_app


def _measure(client: TestClient, measure_id: str = "cn-tariff-34") -> dict[str, Any]:
    document: dict[str, Any] = client.get(f"/api/v1/measures/{measure_id}").json()["measure"]
    return document


def _new(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    fresh = copy.deepcopy(document) | {"id": "probe-new", "relations": []}
    fresh.update(changes)
    return fresh


def _tariff_with_rate(document: dict[str, Any], rate: Any) -> dict[str, Any]:
    fresh = _new(document)
    fresh["tariff"]["lines"][0]["rate_pct"] = rate
    return fresh


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: _new(d, title="a\x00b"), "measure.title"),
        (lambda d: _new(d, id="x" * 121), "measure.id"),
        (
            lambda d: _new(d, sources=[{"url": "https://a.org", "publisher": "p" * 201}]),
            "measure.sources.0.publisher",
        ),
        (
            lambda d: _new(
                d, sources=[{"url": "https://a.org", "publisher": "p", "quote": "\x00"}]
            ),
            "measure.sources.0.quote",
        ),
        (lambda d: _tariff_with_rate(d, True), "measure.tariff.lines.0.rate_pct"),
        (lambda d: _tariff_with_rate(d, 1e6), "measure.tariff.lines.0.rate_pct"),
    ],
)
def test_unstorable_measures_are_422_naming_the_field(
    fresh_client: TestClient, token: str, change: Any, field: str
) -> None:
    body = {"measure": change(_measure(fresh_client)), "reason": "probe"}
    answer = fresh_client.post("/api/v1/measures", json=body, headers=auth(token))
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_rates_are_refused(fresh_client: TestClient, token: str, number: str) -> None:
    """Python's JSON reader turns these into nan/inf; the tariff total would be null."""
    import json

    document = _tariff_with_rate(_measure(fresh_client), 12.5)
    text = json.dumps({"measure": document, "reason": "probe"}).replace("12.5", number)
    headers = auth(token) | {"Content-Type": "application/json"}
    answer = fresh_client.post("/api/v1/measures", content=text, headers=headers)
    assert answer.status_code == 422, answer.text


@pytest.mark.parametrize("reason", ["a\x00b", "   "])
def test_unstorable_or_blank_reason_is_422(
    fresh_client: TestClient, token: str, reason: str
) -> None:
    body = {"measure": _new(_measure(fresh_client)), "reason": reason}
    answer = fresh_client.post("/api/v1/measures", json=body, headers=auth(token))
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "reason"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/measures/a%00b",
        "/api/v1/measures/" + "x" * 200,
        "/api/v1/measures?as_known_on=0001-01-01T00:00:00%2B01:00",
        "/api/v1/state?on=%E2%80%A82025-05-20&format=csv",
        "/api/v1/state?on=%0D%0ASet-Cookie:%20x=1&format=csv",
        "/api/v1/diff?from=2025-01-01&to=2025-02-01%0D%0A&format=csv",
        "/api/v1/tariff?importer=USA&exporter=CHN&on=2025-05-20%00",
        "/api/v1/tariff?importer=US%FFA&exporter=CHN&on=2025-05-20",
        "/api/v1/measures?as_known_on=9999-12-31T23:59:59-01:00",
    ],
)
def test_bad_parameters_are_4xx_not_500(fresh_client: TestClient, url: str) -> None:
    answer = fresh_client.get(url)
    assert answer.status_code < 500, (url, answer.status_code, answer.text)
    assert answer.status_code != 200 or "%E2%80%A8" in url  # U+2028 is whitespace, stripped
    assert "set-cookie" not in answer.headers
    assert answer.headers.get("content-disposition", "").isascii()


def test_csv_filename_echoes_no_raw_input(fresh_client: TestClient) -> None:
    answer = fresh_client.get("/api/v1/state", params={"on": "\u20282025-05-20", "format": "csv"})
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 200:
        disposition = answer.headers["content-disposition"]
        assert disposition.isascii() and "\u2028" not in disposition


def test_duplicate_add_is_409_duplicate_measure(fresh_client: TestClient, token: str) -> None:
    body = {"measure": _new(_measure(fresh_client)), "reason": "probe"}
    assert fresh_client.post("/api/v1/measures", json=body, headers=auth(token)).status_code == 201
    again = fresh_client.post("/api/v1/measures", json=body, headers=auth(token))
    assert again.status_code == 409
    assert again.json()["type"].endswith("/duplicate-measure")


def test_malformed_body_without_token_is_401_not_422(fresh_client: TestClient) -> None:
    headers = {"Content-Type": "application/json"}
    answer = fresh_client.post("/api/v1/measures", content=b"{not json", headers=headers)
    assert answer.status_code == 401, answer.text
    bad_token = headers | auth("tw_wrong")
    answer = fresh_client.put("/api/v1/measures/x", content=b"{not json", headers=bad_token)
    assert answer.status_code == 401, answer.text
    open_post = fresh_client.post("/api/v1/model/simulate", content=b"{not", headers=headers)
    assert open_post.status_code != 401  # simulation needs no token


def test_token_expiry_is_reported_and_enforced(fresh_client: TestClient) -> None:
    store = fresh_client.app.state.web.ledger.store  # type: ignore[attr-defined]
    lasting = store.create_token("ninety-days", expires_in=timedelta(days=90))
    answer = fresh_client.get("/api/v1/tokens/current", headers=auth(lasting))
    assert answer.status_code == 200, answer.text
    assert answer.json()["name"] == "ninety-days" and answer.json()["expires_at"] > "2026"
    forever = store.create_token("forever")
    assert (
        fresh_client.get("/api/v1/tokens/current", headers=auth(forever)).json()["expires_at"]
        is None
    )
    brief = store.create_token("brief", expires_in=timedelta(microseconds=1))
    assert store.token_owner(brief) is None
    assert fresh_client.get("/api/v1/tokens/current", headers=auth(brief)).status_code == 401
    body = {"measure": _new(_measure(fresh_client)), "reason": "expired"}
    assert fresh_client.post("/api/v1/measures", json=body, headers=auth(brief)).status_code == 401


def test_pages_and_api_send_security_headers(fresh_client: TestClient) -> None:
    for url in ("/", "/api/v1/measures", "/api/v1/measures/a%00b"):
        headers = fresh_client.get(url).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], url
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_503_and_data_status_keep_server_details_private(tmp_path: Path) -> None:
    settings = Settings(
        database_url="postgresql+psycopg://ann:s3cret@127.0.0.1:9/nowhere",
        data_dir=tmp_path / "private-data-folder",
    )
    # No lifespan (it would open the ledger at start-up): the first request opens it, fails.
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    answer = client.get("/api/v1/measures")
    assert answer.status_code == 503, answer.text
    for secret in ("s3cret", "127.0.0.1", "psycopg", "port", "nowhere"):
        assert secret not in answer.text, secret
    status = client.get("/api/v1/data/status").text
    assert str(tmp_path) not in status and "ge/" in status


def test_corrupt_sqlite_ledger_is_503(tmp_path: Path) -> None:
    (tmp_path / "ledger.sqlite").write_bytes(b"this is not a SQLite database" * 100)
    settings = make_settings(tmp_path, None)
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    answer = client.get("/api/v1/measures")
    assert answer.status_code == 503, answer.text


def test_duplicate_add_race_is_409_without_database_internals(
    fresh_client: TestClient, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers both pass the 'is the id new?' check; the database refuses the second."""
    from tradewar.ledger.store import LedgerStore

    monkeypatch.setattr(LedgerStore, "_check_new", staticmethod(lambda session, ids: None))
    body = {"measure": _new(_measure(fresh_client), id="race-new"), "reason": "probe"}
    assert fresh_client.post("/api/v1/measures", json=body, headers=auth(token)).status_code == 201
    lost = fresh_client.post("/api/v1/measures", json=body, headers=auth(token))
    assert lost.status_code == 409, lost.text
    assert lost.json()["type"].endswith("/duplicate-measure")
    for internal in ("measure_revision", "uq_", "Key (", "UNIQUE", "constraint"):
        assert internal not in lost.text, internal
