"""The review queue as a table: one row per news proposal, for every interface.

``tradewar review list --csv/--out FILE`` and ``GET /api/v1/proposals?format=`` write the same
file for the same status (one writer, :func:`tradewar.tabular.table_bytes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tradewar.news.schema import Proposal, ProposalStatus
from tradewar.tabular import Provenance, Table

#: Columns of the review queue, in order (the API's ``ProposalSummary`` fields).
REVIEW_COLUMNS: tuple[str, ...] = (
    "proposal_id",
    "status",
    "kind",
    "confidence",
    "measure_id",
    "action",
    "actor",
    "target",
    "modality",
    "evidence",
    "article_id",
    "article_url",
)

REVIEW_NOTE = (
    "Proposals drafted from news articles, to be accepted or rejected by a person; "
    "confidence is the match to a ledger measure (0 to 1), evidence the article's sentence "
    "verbatim: tradewar review show ID, or GET /api/v1/proposals/ID."
)


def proposal_row(proposal: Proposal) -> dict[str, Any]:
    """One proposal as a row of :data:`REVIEW_COLUMNS`."""
    event = proposal.event
    return {
        "proposal_id": proposal.proposal_id,
        "status": proposal.status.value,
        "kind": proposal.kind.value,
        "confidence": proposal.confidence,
        "measure_id": proposal.measure_id,
        "action": event.action,
        "actor": event.actor,
        "target": event.target,
        "modality": event.modality,
        "evidence": event.evidence,
        "article_id": proposal.article.article_id,
        "article_url": proposal.article.url,
    }


def review_table(proposals: Sequence[Proposal], status: ProposalStatus | None) -> Table:
    """The review queue (proposals of ``status``, or all when None) with its provenance."""
    provenance = Provenance(
        title="The review queue: news proposals",
        query={"table": "review", "status": status.value if status else "all"},
        notes=[REVIEW_NOTE],
    )
    return Table(REVIEW_COLUMNS, [proposal_row(p) for p in proposals], provenance)
