"""A pluggable backend's events are kept only when their evidence is verbatim."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tradewar.news.backends import EventBackend, extract_with, verified
from tradewar.news.extract import Article

TEXT = (
    "Beijing said on Friday it granted a number of export licences for rare earths. Markets rose."
)


class FakeModel:
    """A stand-in for a language model: one true quotation, one invented, one bad action."""

    def extract(self, article: Article) -> Iterable[dict[str, Any]]:
        yield {
            "action": "grant_licence",
            "actor": "CHN",
            "evidence": "Beijing said on Friday it granted a number of export licences for rare earths.",
            "products": ["rare earths"],
        }
        yield {"action": "cut_tariff", "actor": "USA", "evidence": "The US cut tariffs to zero."}
        yield {"action": "buy_soybeans", "actor": "CHN", "evidence": "Markets rose."}


def test_only_verbatim_evidence_survives_with_its_true_span() -> None:
    article = Article(id="B1", text=TEXT, published="2025-06-07")
    kept = verified(article, FakeModel().extract(article))
    assert [(e.action, e.actor) for e in kept] == [("grant_licence", "CHN")]
    start, end = kept[0].evidence_span
    assert TEXT[start:end] == kept[0].evidence and kept[0].product_groups == ["rare_earths"]


def test_backend_events_merge_with_rule_events_and_default_is_none() -> None:
    article = Article(id="B2", text=TEXT, published="2025-06-07")
    assert isinstance(FakeModel(), EventBackend)
    rules_only = extract_with(article)
    combined = extract_with(article, FakeModel())
    assert {(e.action, e.actor) for e in combined} == {(e.action, e.actor) for e in rules_only} | {
        ("grant_licence", "CHN")
    }
    assert len(combined) == len({(e.action, e.actor, e.target) for e in combined})
