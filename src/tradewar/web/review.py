"""The review API: news proposals listed, shown, accepted and rejected (``/api/v1/proposals``).

Proposals come from ``tradewar news propose`` (issue 8); a person decides them here or
with ``tradewar review``.  Reads are open; a decision needs a bearer token, and the token's
name is recorded as the reviewer, with the note, in the proposal and (for an acceptance)
in the measure's history and the audit log.  Nothing is written when a decision is
refused: an unknown proposal is 404, one decided already is 409.

The review endpoints need no language tools, but :mod:`tradewar.services.news` imports
the extractor, which needs the ``news`` extra (spaCy); without it these endpoints answer
503 and say what to install, and the rest of the API is unaffected.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field

from tradewar.codes.text import StorableStr
from tradewar.news.schema import Proposal, ProposalStatus  # plain pydantic: no language tools
from tradewar.services.review_table import proposal_row, review_table
from tradewar.web.deps import (
    READ_PROBLEMS,
    WRITE_PROBLEMS,
    State,
    WebState,
    Writer,
    news_service,
    parsed,
)
from tradewar.web.tabular import TABLE_CONTENT, TableFormatParam, table_response

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS, tags=["news review"])

ProposalId = Annotated[str, PathParam(max_length=200)]


class ProposalSummary(BaseModel):
    """One row of the review queue."""

    proposal_id: str
    status: str
    kind: str = Field(description="confirmation, change or new_measure")
    confidence: float = Field(description="Match confidence, 0 to 1.")
    measure_id: str | None = Field(description="The ledger measure it confirms or changes.")
    action: str
    actor: str | None
    target: str | None
    modality: str
    evidence: str = Field(description="The article's sentence, verbatim.")
    article_id: str
    article_url: str | None


class DecisionIn(BaseModel):
    """A reviewer's note on a decision."""

    model_config = ConfigDict(extra="forbid")

    note: StorableStr | None = Field(default=None, max_length=2000)


class DecisionOut(BaseModel):
    """What a decision recorded."""

    proposal_id: str
    status: Literal["accepted", "rejected"]
    measure_id: str | None
    revision: int | None = Field(description="The measure's revision after an acceptance.")
    decided_by: str
    note: str | None


def _summary(proposal: Proposal) -> ProposalSummary:
    return ProposalSummary.model_validate(proposal_row(proposal))


@router.get(
    "/proposals",
    response_model=list[ProposalSummary],
    responses={**READ_PROBLEMS, **TABLE_CONTENT},
    summary="The review queue: news proposals, optionally of one status",
)
def list_proposals(
    state: State,
    status: Literal["pending", "accepted", "rejected"] | None = None,
    format: TableFormatParam = "json",
) -> Any:
    """Stored proposals in the order they were drafted (``tradewar review list``); a table
    ``format`` gives the file ``tradewar review list --out`` writes."""
    chosen = ProposalStatus(status) if status else None
    proposals = news_service(state).proposals(chosen)
    if format != "json":
        return table_response(review_table(proposals, chosen), format, "proposals")
    return [_summary(p) for p in proposals]


@router.get(
    "/proposals/{proposal_id}",
    response_model=Proposal,
    summary="One proposal: the event with its evidence, the matched measure, the draft",
)
def get_proposal(state: State, proposal_id: ProposalId) -> Proposal:
    """The whole proposal, as ``tradewar review show ID`` prints it."""
    return parsed("proposal_id", news_service(state).get, proposal_id)


def _decide(
    state: WebState, who: str, proposal_id: str, body: DecisionIn | None, accept: bool
) -> DecisionOut:
    """Accept or reject through the news service; its errors become problems."""
    note = body.note if body else None
    service = news_service(state)
    decide = service.accept if accept else service.reject
    decision = parsed("proposal_id", lambda: decide(proposal_id, by=who, note=note))
    return DecisionOut.model_validate({**vars(decision), "decided_by": who, "note": note})


@router.post(
    "/proposals/{proposal_id}/accept",
    response_model=DecisionOut,
    responses=WRITE_PROBLEMS,
    summary="Accept a proposal (bearer token): the article becomes a source of the measure",
)
def accept_proposal(
    state: State, who: Writer, proposal_id: ProposalId, body: DecisionIn | None = None
) -> Any:
    """Write the proposal's change through the ledger, with the article cited; 409 if decided."""
    return _decide(state, who, proposal_id, body, accept=True)


@router.post(
    "/proposals/{proposal_id}/reject",
    response_model=DecisionOut,
    responses=WRITE_PROBLEMS,
    summary="Reject a proposal (bearer token): the ledger is not touched",
)
def reject_proposal(
    state: State, who: Writer, proposal_id: ProposalId, body: DecisionIn | None = None
) -> Any:
    """Mark the proposal rejected, with who and why; 409 if it was decided already."""
    return _decide(state, who, proposal_id, body, accept=False)
