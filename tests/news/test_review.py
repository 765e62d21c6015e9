"""Proposals from the seed articles, and the review workflow on a private ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.cli.article_files import read_articles
from tradewar.config import Settings
from tradewar.news.errors import InvalidArticle, ProposalAlreadyDecided, ProposalNotFound
from tradewar.news.extract import Article
from tradewar.news.schema import ProposalKind
from tradewar.services.news import NewsService

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

SEED_URLS = {
    "firstpost-2025-06-09-london-talks": "https://www.firstpost.com/world/us-and-china-to-hold-trade-talks-in-london",
    "firstpost-2025-06-10-london-handshake": "https://www.firstpost.com/world/us-china-handshake-in-london",
}


def seed_articles(seeds_dir: Path) -> list[Article]:
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        [article] = read_articles(
            [path], url=SEED_URLS.get(path.stem, "https://www.firstpost.com/x"), outlet="Firstpost"
        )
        out.append(article)
    return out


def test_the_migration_creates_the_proposals_table() -> None:
    service = NewsService(Settings())
    assert "news_proposals" in inspect(service.store.engine).get_table_names()


def test_seed_articles_confirm_known_measures_and_duplicate_none(seeds_dir: Path) -> None:
    service = NewsService(Settings())
    proposals = service.propose(seed_articles(seeds_dir))
    known = set(service.store.measure_ids())
    assert proposals
    assert all(p.kind is not ProposalKind.new_measure for p in proposals), [
        p.draft for p in proposals if p.draft
    ]
    assert all(p.measure_id in known for p in proposals)
    assert {"talks-london-2025", "truce-geneva-2025"} <= {p.measure_id for p in proposals}
    for proposal in proposals:
        start, end = proposal.event.evidence_span
        assert (
            proposal.event.evidence
            in (seeds_dir / f"{proposal.article.article_id}.txt").read_text()[start - 5 : end + 5]
        )


def test_accepting_adds_the_article_as_a_source_and_rejecting_changes_nothing(
    seeds_dir: Path,
) -> None:
    service = NewsService(Settings())
    proposals = service.propose(seed_articles(seeds_dir))
    london = next(p for p in proposals if p.measure_id == "talks-london-2025")
    before = service.store.get("talks-london-2025")
    decision = service.accept(london.proposal_id, by="reviewer", note="matches the London talks")
    after = service.store.get("talks-london-2025")
    assert decision.status == "accepted" and decision.revision == service.store.current_revision(
        "talks-london-2025"
    )
    added = [s for s in after.sources if s.url == london.article.url]
    assert (
        len(after.sources) == len(before.sources) + 1
        and added
        and added[0].publisher == "Firstpost"
    )
    assert added[0].quote and added[0].quote in " ".join(london.event.evidence.split())
    with pytest.raises(ProposalAlreadyDecided):
        service.accept(london.proposal_id, by="someone else")
    other = next(p for p in proposals if p.proposal_id != london.proposal_id)
    revision = service.store.current_revision(other.measure_id or "")
    service.reject(other.proposal_id, by="reviewer", note="not this measure")
    assert service.store.current_revision(other.measure_id or "") == revision
    assert service.get(other.proposal_id).status.value == "rejected"
    with pytest.raises(ProposalNotFound):
        service.reject("P-nope", by="reviewer")


def test_proposing_twice_stores_each_proposal_once(seeds_dir: Path) -> None:
    service = NewsService(Settings())
    first = service.propose(seed_articles(seeds_dir))
    service.propose(seed_articles(seeds_dir))
    assert len(service.proposals(status=None)) == len({p.proposal_id for p in first})


def test_a_new_measure_draft_is_added_on_acceptance_and_nothing_without_a_url(
    tmp_path: Path,
) -> None:
    text = "China will impose a 50 percent tariff on US soybeans starting from March 3, 2031, the Ministry of Finance said on Monday."
    path = tmp_path / "future.txt"
    path.write_text(text)
    service = NewsService(Settings())
    [unsourced] = service.propose(read_articles([path], published="2031-02-24"))
    assert unsourced.kind is ProposalKind.new_measure
    with pytest.raises(InvalidArticle):
        service.accept(unsourced.proposal_id, by="reviewer")
    assert service.get(unsourced.proposal_id).status.value == "pending"
    [sourced] = service.propose(
        read_articles(
            [path], url="https://example.org/soy", outlet="Example", published="2031-02-24"
        )
    )
    decision = service.accept(sourced.proposal_id, by="reviewer")
    measure = service.store.get(decision.measure_id or "")
    assert measure.imposing == "CHN" and measure.targets == ["USA"]
    assert measure.effective_on and measure.effective_on.isoformat() == "2031-03-03"
    assert measure.sources[0].url == "https://example.org/soy"


def test_cli_review_workflow(seeds_dir: Path) -> None:
    runner = CliRunner()
    path = next(iter(sorted(seeds_dir.glob("*.txt"))))
    result = runner.invoke(
        app,
        [
            "news",
            "propose",
            str(path),
            "--url",
            "https://www.firstpost.com/a",
            "--outlet",
            "Firstpost",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    ids = [p["proposal_id"] for p in json.loads(result.output)]
    listed = runner.invoke(app, ["review", "list", "--json"])
    assert [p["proposal_id"] for p in json.loads(listed.output)] == sorted(ids) or set(ids) == {
        p["proposal_id"] for p in json.loads(listed.output)
    }
    shown = runner.invoke(app, ["review", "show", ids[0], "--json"])
    assert json.loads(shown.output)["proposal_id"] == ids[0]
    table = runner.invoke(app, ["review", "show", ids[0]])
    assert table.exit_code == 0, table.output
    assert ids[0] in table.output and "Evidence:" in table.output and "action" in table.output
    accepted = runner.invoke(app, ["review", "accept", ids[0], "--note", "ok", "--by", "tester"])
    assert accepted.exit_code == 0 and "accepted" in accepted.output
    again = runner.invoke(app, ["review", "reject", ids[0]])
    assert again.exit_code == 1 and "status" in again.output


def test_accepting_every_seed_proposal_adds_sources_and_no_measure(seeds_dir: Path) -> None:
    service = NewsService(Settings())
    before = {m.id: m for m in service.store.measures()}
    proposals = service.propose(seed_articles(seeds_dir))
    assert all(p.event.modality not in {"expected", "conditional"} for p in proposals)
    for proposal in proposals:
        service.accept(proposal.proposal_id, by="reviewer")
    after = {m.id: m for m in service.store.measures()}
    assert set(after) == set(before)  # confirmations only: no duplicate of a known measure
    for measure_id in {p.measure_id for p in proposals}:
        urls = [s.url for s in after[measure_id or ""].sources]
        assert len(urls) == len(set(urls)), measure_id  # each article cited once
        cited = {p.article.url for p in proposals if p.measure_id == measure_id}
        assert cited <= set(urls) and len(urls) == len(before[measure_id or ""].sources) + len(
            cited - set(before[measure_id or ""].source_urls())
        )
        dates = {
            s.published_on.isoformat()
            for s in after[measure_id or ""].sources
            if s.url in cited and s.published_on
        }
        assert dates <= {"2025-06-09", "2025-06-10"} and dates  # the articles' own datelines
    again = service.propose(seed_articles(seeds_dir))
    assert {p.proposal_id for p in again} == {p.proposal_id for p in proposals}
    assert {p.status.value for p in again} == {"accepted"}
    assert {m.id for m in service.store.measures()} == set(before)
