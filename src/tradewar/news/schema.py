"""Events (the gold schema of the development set) and proposals (ledger changes to review)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

ACTIONS = (
    "impose_tariff",
    "raise_tariff",
    "cut_tariff",
    "suspend_tariff",
    "impose_export_control",
    "ease_export_control",
    "grant_licence",
    "hold_talks",
    "reach_agreement",
    "accuse_violation",
)
JOINT_ACTIONS = frozenset({"hold_talks", "reach_agreement"})
MODALITIES = ("actual", "future", "expected", "threatened", "reported", "conditional", "background")


class Event(BaseModel):
    """One trade-war event found in an article, with the sentence that supports it."""

    model_config = ConfigDict(extra="ignore")

    article_id: str
    event_id: str = ""
    actor: str | None
    action: str
    target: str | None = None
    target_inferred: bool = False
    actor_text: str | None = None
    products: list[str] = Field(default_factory=list)
    product_groups: list[str] = Field(default_factory=list)
    rate_from: float | None = None
    rate_to: float | None = None
    rate_change: float | None = None
    rate_alt: list[float] = Field(default_factory=list)
    unit: str | None = None
    effective_date: str | None = None
    event_date: str | None = None
    end_date: str | None = None
    date_text: str | None = None
    duration: str | None = None
    duration_text: str | None = None
    location: str | None = None
    legal_basis: str | None = None
    hs_codes: list[str] = Field(default_factory=list)
    modality: str = "actual"
    evidence: str
    evidence_span: tuple[int, int]
    also_evidence: list[str] = Field(default_factory=list)
    notes: str | None = None
    # the modality cues of its trigger (tradewar.news.modality), not part of the schema
    _modality_cues: Any = PrivateAttr(default=None)
    # a pause of a measure only planned or threatened ("halting plans to implement a 100%
    # tariff"), which is not the pause of measures in force told beside it
    _planned: bool = PrivateAttr(default=False)

    def to_json(self) -> dict[str, Any]:
        """The event as one line of the gold schema."""
        data = self.model_dump()
        data["evidence_span"] = list(self.evidence_span)
        return data


class ProposalKind(StrEnum):
    """What accepting a proposal would do to the ledger."""

    new_measure = "new_measure"
    confirmation = "confirmation"
    change = "change"


class ProposalStatus(StrEnum):
    """Where a proposal stands in review."""

    pending = "pending"
    accepting = "accepting"
    accepted = "accepted"
    rejected = "rejected"


class ArticleRef(BaseModel):
    """Where an event came from: the article's record fields."""

    article_id: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class Proposal(BaseModel):
    """A ledger change drafted from one event, waiting for a person's decision."""

    proposal_id: str
    kind: ProposalKind
    confidence: float
    event: Event
    article: ArticleRef
    measure_id: str | None = None
    draft: dict[str, Any] | None = None
    changes: dict[str, Any] = Field(default_factory=dict)
    status: ProposalStatus = ProposalStatus.pending
    note: str | None = None
