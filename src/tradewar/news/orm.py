"""The ``news_proposals`` table: ledger changes drafted from articles, awaiting review.

It shares :class:`tradewar.ledger.orm.Base`'s metadata so that migrations (0003) and
autogenerate see it.  The whole proposal (event, evidence, draft measure) is kept as
JSON in ``document``; the columns are what review lists and filters on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tradewar.ledger.orm import Base, UTCDateTime


class ProposalRecord(Base):
    """One proposal and its review state (pending, accepting, accepted, rejected)."""

    __tablename__ = "news_proposals"

    proposal_id: Mapped[str] = mapped_column(String(160), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    measure_id: Mapped[str | None] = mapped_column(String(120), index=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
