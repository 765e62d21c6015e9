"""The review API (``/api/v1/proposals``): the queue, one proposal, accept and reject.

Proposals are drafted from the two seed articles (``../shared/seeds``; skipped loudly
without them) on a fresh ledger of each backend.  Decisions need a token, record the
reviewer, and write nothing when refused.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import auth
from tradewar.cli.article_files import read_articles
from tradewar.services.news import NewsService

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
LONDON = "firstpost-2025-06-10-london-handshake"


@pytest.fixture
def queue(fresh_client: TestClient) -> dict[str, str]:
    """Proposals of the seed articles stored in the app's ledger: {proposal_id: measure_id}."""
    if not (SEEDS / f"{LONDON}.txt").is_file():
        pytest.skip(f"SKIPPED LOUDLY: the seed articles are not at {SEEDS}")
    articles = [
        read_articles(
            [path], url=f"https://www.firstpost.com/world/{path.stem}", outlet="Firstpost"
        )[0]
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    service = NewsService(fresh_client.app.state.web.settings)  # type: ignore[attr-defined]
    return {p.proposal_id: str(p.measure_id) for p in service.propose(articles)}


def sources_of(client: TestClient, measure_id: str) -> list[str]:
    return [s["url"] for s in client.get(f"/api/v1/measures/{measure_id}").json()["sources"]]


def test_the_queue_lists_every_pending_proposal_as_json_and_csv(
    fresh_client: TestClient, queue: dict[str, str]
) -> None:
    rows = fresh_client.get("/api/v1/proposals", params={"status": "pending"}).json()
    assert {r["proposal_id"] for r in rows} == set(queue)
    assert all(r["status"] == "pending" and r["evidence"] for r in rows)
    table = fresh_client.get("/api/v1/proposals", params={"format": "csv"})
    assert table.headers["content-type"].startswith("text/csv")
    assert {r["proposal_id"] for r in csv.DictReader(io.StringIO(table.text))} == set(queue)
    assert fresh_client.get("/api/v1/proposals", params={"status": "accepted"}).json() == []


def test_one_proposal_carries_its_event_and_article(
    fresh_client: TestClient, queue: dict[str, str]
) -> None:
    proposal_id = next(iter(queue))
    shown = fresh_client.get(f"/api/v1/proposals/{proposal_id}").json()
    assert shown["proposal_id"] == proposal_id and shown["measure_id"] == queue[proposal_id]
    assert shown["event"]["evidence"] and shown["article"]["url"].startswith("https://")
    stored = NewsService(fresh_client.app.state.web.settings).get(proposal_id)  # type: ignore[attr-defined]
    assert shown == stored.model_dump(mode="json")  # the response model drops nothing
    missing = fresh_client.get("/api/v1/proposals/P-no-such-proposal")
    assert missing.status_code == 404
    assert missing.json()["field"] == "proposal_id"
    assert missing.headers["content-type"] == "application/problem+json"


def test_accepting_cites_the_article_and_records_the_reviewer(
    fresh_client: TestClient, queue: dict[str, str], token: str
) -> None:
    proposal_id = next(p for p, m in queue.items() if m == "talks-london-2025" and LONDON in p)
    url = f"https://www.firstpost.com/world/{LONDON}"
    assert url not in sources_of(fresh_client, "talks-london-2025")
    response = fresh_client.post(
        f"/api/v1/proposals/{proposal_id}/accept",
        json={"note": "talks continued on 10 June"},
        headers=auth(token),
    )
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["status"] == "accepted" and decision["decided_by"] == "api-tester"
    assert decision["measure_id"] == "talks-london-2025" and decision["revision"] == 2
    assert url in sources_of(fresh_client, "talks-london-2025")
    history = fresh_client.get("/api/v1/measures/talks-london-2025/history").json()
    assert history[-1]["recorded_by"] == "api-tester"
    assert "talks continued on 10 June" in history[-1]["reason"]
    again = fresh_client.post(f"/api/v1/proposals/{proposal_id}/accept", headers=auth(token))
    assert again.status_code == 409 and again.json()["type"].endswith("/proposal-decided")
    assert len(fresh_client.get("/api/v1/measures/talks-london-2025/history").json()) == 2


def test_decisions_need_a_token_and_a_refusal_writes_nothing(
    fresh_client: TestClient, queue: dict[str, str], token: str
) -> None:
    proposal_id = next(iter(queue))
    for path in ("accept", "reject"):
        refused = fresh_client.post(f"/api/v1/proposals/{proposal_id}/{path}")
        assert refused.status_code == 401 and refused.json()["field"] == "Authorization"
    assert fresh_client.get(f"/api/v1/proposals/{proposal_id}").json()["status"] == "pending"
    bad_body = fresh_client.post(
        f"/api/v1/proposals/{proposal_id}/reject", json={"note": 5, "x": 1}, headers=auth(token)
    )
    assert bad_body.status_code == 422
    assert fresh_client.get(f"/api/v1/proposals/{proposal_id}").json()["status"] == "pending"


def test_rejecting_leaves_the_ledger_as_it_was(
    fresh_client: TestClient, queue: dict[str, str], token: str
) -> None:
    proposal_id, measure_id = next(iter(queue.items()))
    before = fresh_client.get(f"/api/v1/measures/{measure_id}").json()
    response = fresh_client.post(
        f"/api/v1/proposals/{proposal_id}/reject",
        json={"note": "passing mention"},
        headers=auth(token),
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "proposal_id": proposal_id,
        "status": "rejected",
        "measure_id": None,
        "revision": None,
        "decided_by": "api-tester",
        "note": "passing mention",
    }
    assert fresh_client.get(f"/api/v1/measures/{measure_id}").json() == before
    shown = fresh_client.get(f"/api/v1/proposals/{proposal_id}").json()
    assert shown["status"] == "rejected" and shown["note"] == "passing mention"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_the_queue_file_is_the_one_the_cli_writes(
    fresh_client: TestClient, queue: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    from typer.testing import CliRunner

    from tradewar.cli.app import app

    settings = fresh_client.app.state.web.settings  # type: ignore[attr-defined]
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("the CLI half reads a SQLite ledger by URL here")
    target = tmp_path / f"queue.{fmt}"
    result = CliRunner().invoke(
        app,
        ["review", "list", "--out", str(target)],
        env={"TRADEWAR_DATABASE_URL": settings.database_url},
    )
    assert result.exit_code == 0, result.output
    sent = fresh_client.get("/api/v1/proposals", params={"status": "pending", "format": fmt})
    assert sent.status_code == 200 and sent.content == target.read_bytes()
