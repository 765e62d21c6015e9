"""Inter-annotator agreement: the second annotation, its scoring, and what the docs quote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.news.agreement import (
    COMPARISONS,
    SecondAnnotation,
    agreement,
    bundled_second_annotation,
    table_row,
)
from tradewar.news.errors import InvalidArticle
from tradewar.news.evaluate import all_labelled, load_scorer
from tradewar.news.learned import bundled_labelled

DOCS = Path(__file__).resolve().parents[2] / "docs" / "news.md"
ACTIONS = {
    "impose_tariff", "raise_tariff", "cut_tariff", "suspend_tariff", "impose_export_control",
    "ease_export_control", "grant_licence", "hold_talks", "reach_agreement", "accuse_violation",
}  # fmt: skip


def _scorer(dev_dir: Path):  # type: ignore[no-untyped-def]
    return load_scorer(dev_dir.parent / "score.py")


def test_an_annotation_agrees_fully_with_itself(dev_dir: Path) -> None:
    labelled = bundled_labelled()[:4]
    copy = SecondAnnotation(
        tuple(str(item.record["id"]) for item in labelled),
        tuple(g for item in labelled for g in item.gold),
    )
    result = agreement(labelled, copy, _scorer(dev_dir))
    assert result["articles"] == 4
    assert result["second_vs_first"]["core"]["f1"] == 1.0
    assert result["second_vs_first"]["strict"]["f1"] == 1.0
    assert result["rules_vs_first"] == result["rules_vs_second"]


def test_a_missed_event_lowers_recall_not_precision(dev_dir: Path) -> None:
    item = next(i for i in bundled_labelled() if len(i.gold) >= 3)
    fewer = SecondAnnotation((str(item.record["id"]),), tuple(item.gold[1:]))
    core = agreement([item], fewer, _scorer(dev_dir))["second_vs_first"]["core"]
    assert core["precision"] == 1.0
    assert core["recall"] == pytest.approx((len(item.gold) - 1) / len(item.gold), abs=1e-3)


def test_an_article_outside_the_labelled_set_is_named(dev_dir: Path) -> None:
    with pytest.raises(InvalidArticle, match="articles X99 are not among"):
        agreement(bundled_labelled()[:2], SecondAnnotation(("X99",), ()), _scorer(dev_dir))


def test_an_event_outside_the_sample_is_named(dev_dir: Path) -> None:
    labelled = bundled_labelled()[:2]
    stray = dict(labelled[1].gold[0]) if labelled[1].gold else {"article_id": "L02"}
    sample = SecondAnnotation((str(labelled[0].record["id"]),), (stray,))
    with pytest.raises(InvalidArticle, match="outside the sample"):
        agreement(labelled, sample, _scorer(dev_dir))


def test_the_bundled_second_annotation_is_well_formed(dev_dir: Path) -> None:
    """Every second event is in the gold schema, its evidence verbatim at its span, and the
    sample is the one the README describes (60 articles, 3 of them development articles)."""
    second = bundled_second_annotation()
    texts = {str(i.record["id"]): i.record["text"] for i in all_labelled([dev_dir])}
    assert len(second.article_ids) == len(set(second.article_ids)) == 60
    assert sum(not i.startswith("L") for i in second.article_ids) == 3
    assert {"S000", "S001"}.isdisjoint(second.article_ids)
    ids = [e["event_id"] for e in second.events]
    assert len(ids) == len(set(ids))
    for event in second.events:
        assert event["action"] in ACTIONS, event["event_id"]
        assert event["article_id"] in second.article_ids, event["event_id"]
        start, end = event["evidence_span"]
        assert texts[event["article_id"]][start:end] == event["evidence"], event["event_id"]


def test_the_documented_agreement_is_what_the_command_prints(dev_dir: Path) -> None:
    """docs/news.md quotes the command's figures (rerun it and paste them when labels or
    rules change)."""
    result = CliRunner().invoke(
        app,
        ["news", "agreement", "--labelled", str(dev_dir), "--scorer",
         str(dev_dir.parent / "score.py"), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    documented = DOCS.read_text(encoding="utf-8")
    for key, label in COMPARISONS.items():
        line = table_row(label, summary[key])
        assert line in documented, f"docs/news.md does not quote: {line}"
