"""A helper shared by the act-decider tests: a rule candidate made by hand."""

from __future__ import annotations

from tradewar.news.schema import Event


def candidate(evidence: str, start: int, **update: object) -> Event:
    """A United States tariff on China in article T1, told by ``evidence`` at ``start``;
    ``update`` changes any field (``action="raise_tariff"``, ``actor="JPN"``)."""
    event = Event(
        article_id="T1",
        actor="USA",
        action="impose_tariff",
        target="CHN",
        evidence=evidence,
        evidence_span=(start, start + len(evidence)),
    )
    return event.model_copy(update=update)
