"""News to the ledger: extract events from articles, store proposals, review them.

Nothing enters the ledger without a person's acceptance.  Accepting a proposal runs in
a safe order: the proposal is first *claimed* (pending -> accepting, refused if someone
else decided it), then the measure is added or corrected through
:class:`tradewar.ledger.store.LedgerStore` with the article as a source (one ledger
transaction), then the proposal is marked accepted.  If the ledger write fails the claim
is released (back to pending); if the process dies after the write, accepting again
finds the article already among the measure's sources and only completes the marking.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from tradewar.config import Settings
from tradewar.errors import InvalidInput, MeasureNotFound
from tradewar.ledger.schema import Measure, Source
from tradewar.ledger.store import WRITE_OPTION, LedgerStore
from tradewar.news.agreement import agreement, bundled_second_annotation
from tradewar.news.errors import InvalidArticle, ProposalAlreadyDecided, ProposalNotFound
from tradewar.news.evaluate import (
    DEFAULT_FOLDS,
    DEFAULT_SEED,
    all_labelled,
    cross_validate,
    held_out_check,
    load_scorer,
)
from tradewar.news.extract import Article, extract_events
from tradewar.news.orm import ProposalRecord
from tradewar.news.propose import propose, source_of
from tradewar.news.schema import Event, Proposal, ProposalKind, ProposalStatus
from tradewar.services.container import Services
from tradewar.services.ledger import LedgerService


@dataclass(frozen=True)
class Decision:
    """The outcome of accepting or rejecting one proposal."""

    proposal_id: str
    status: str
    measure_id: str | None
    revision: int | None = None


class NewsService:
    """Extraction, proposals and their review, on the ledger named by the settings."""

    def __init__(self, settings: Settings, ledger: LedgerService | None = None) -> None:
        """``ledger``: the process's ledger (one store, one connection pool), else one
        built as :class:`~tradewar.services.container.Services` builds it."""
        self.settings = settings
        self.ledger = ledger if ledger is not None else Services(settings).ledger

    @property
    def store(self) -> LedgerStore:
        """The ledger store (migrated, seeded)."""
        return self.ledger.store

    @cached_property
    def _sessions(self) -> sessionmaker[Session]:
        return sessionmaker(
            self.store.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    # ------------------------------------------------------------------ extraction
    @staticmethod
    def extract(articles: Iterable[Article], *, learned: bool = False) -> list[Event]:
        """Events of the articles (offline); ``learned`` adds the act classifier trained
        on the bundled labelled articles (:mod:`tradewar.news.learned`)."""
        return [
            event for article in articles for event in extract_events(article, classifier=learned)
        ]

    @staticmethod
    def evaluate(
        scorer: Path,
        extra_labelled: Sequence[Path] = (),
        *,
        folds: int = DEFAULT_FOLDS,
        seed: int = DEFAULT_SEED,
        learned: bool = True,
        held_out: Sequence[str] = (),
    ) -> dict[str, Any]:
        """Cross-validated scores over the bundled labelled articles and ``extra_labelled``
        folders (each with articles.jsonl and gold.jsonl), split by article; with
        ``held_out`` ids, the scores of those articles alone, the learned models trained on
        all the others (:func:`tradewar.news.evaluate.held_out_check`)."""
        if held_out:
            return held_out_check(
                all_labelled(extra_labelled), held_out, load_scorer(scorer), learned=learned
            )
        result = cross_validate(
            all_labelled(extra_labelled),
            load_scorer(scorer),
            k=folds,
            seed=seed,
            learned=learned,
        )
        return result.summary()

    @staticmethod
    def agreement(scorer: Path, extra_labelled: Sequence[Path] = ()) -> dict[str, Any]:
        """Inter-annotator agreement over the doubly labelled articles, and the rules'
        scores against each annotator on the same articles
        (:func:`tradewar.news.agreement.agreement`)."""
        return agreement(
            all_labelled(extra_labelled), bundled_second_annotation(), load_scorer(scorer)
        )

    def propose(self, articles: Iterable[Article]) -> list[Proposal]:
        """Draft proposals for the articles and store the new ones (pending review).

        A proposal drafted before (same article, event and evidence span) is not stored
        again: it is returned as stored, with its decision ("accepted", "rejected").
        """
        measures = self.store.measures()
        drafted: list[Proposal] = []
        for article in articles:
            drafted.extend(propose(article, extract_events(article), measures))
        known = self._store_new(drafted)
        return [self.get(p.proposal_id) if p.proposal_id in known else p for p in drafted]

    def _store_new(self, proposals: list[Proposal]) -> set[str]:
        """Store the proposals not stored yet; return the ids that were stored before."""
        now = datetime.now(UTC)
        with self._sessions() as session, session.begin():
            known = set(session.scalars(select(ProposalRecord.proposal_id)).all())
            before = {p.proposal_id for p in proposals} & known
            for proposal in proposals:
                if proposal.proposal_id in known:
                    continue
                known.add(proposal.proposal_id)
                session.add(
                    ProposalRecord(
                        proposal_id=proposal.proposal_id,
                        article_id=proposal.article.article_id,
                        kind=proposal.kind.value,
                        status=ProposalStatus.pending.value,
                        confidence=proposal.confidence,
                        measure_id=proposal.measure_id,
                        document=proposal.model_dump(mode="json"),
                        created_at=now,
                    )
                )
        return before

    # ------------------------------------------------------------------ review
    def proposals(self, status: ProposalStatus | None = None) -> list[Proposal]:
        """Stored proposals in the order they were drafted; optionally only one status."""
        if status is not None and not isinstance(status, ProposalStatus):
            allowed = ", ".join(ProposalStatus)
            raise InvalidInput(f"got {status!r}; expected one of {allowed}.", field="status")
        with self._sessions() as session:
            query = select(ProposalRecord).order_by(
                ProposalRecord.created_at, ProposalRecord.proposal_id
            )
            if status is not None:
                query = query.where(ProposalRecord.status == status.value)
            return [_proposal(row) for row in session.scalars(query).all()]

    def get(self, proposal_id: str) -> Proposal:
        """One stored proposal."""
        with self._sessions() as session:
            row = session.get(ProposalRecord, proposal_id)
            if row is None:
                raise ProposalNotFound(
                    f"No proposal {proposal_id!r}; 'tradewar review list' shows the ids."
                )
            return _proposal(row)

    def reject(self, proposal_id: str, *, by: str, note: str | None = None) -> Decision:
        """Reject a pending proposal (the ledger is not touched)."""
        self._transition(
            proposal_id,
            {ProposalStatus.pending.value},
            ProposalStatus.rejected.value,
            by=by,
            note=note,
        )
        return Decision(proposal_id, ProposalStatus.rejected.value, None)

    def accept(self, proposal_id: str, *, by: str, note: str | None = None) -> Decision:
        """Accept a proposal: write its measure change with the article as source.

        Raises
        ------
        ProposalNotFound
            No such proposal.
        ProposalAlreadyDecided
            It was accepted or rejected already.
        """
        proposal = self.get(proposal_id)
        self._transition(proposal_id, {"pending", "accepting"}, "accepting", by=by, note=note)
        try:
            measure_id, revision = self._write(proposal, by=by, note=note)
        except Exception:
            self._transition(
                proposal_id, {"accepting"}, ProposalStatus.pending.value, by=None, note=None
            )
            raise
        self._transition(
            proposal_id,
            {"accepting"},
            ProposalStatus.accepted.value,
            by=by,
            note=note,
            measure_id=measure_id,
        )
        return Decision(proposal_id, ProposalStatus.accepted.value, measure_id, revision)

    def _transition(
        self,
        proposal_id: str,
        allowed: set[str],
        new_status: str,
        *,
        by: str | None,
        note: str | None,
        measure_id: str | None = None,
    ) -> None:
        values: dict[str, Any] = {"status": new_status}
        if new_status in {"accepted", "rejected"}:
            values.update(decided_at=datetime.now(UTC), decided_by=by, note=note)
        if measure_id is not None:
            values["measure_id"] = measure_id
        with self._sessions() as session, session.begin():
            result = session.execute(
                update(ProposalRecord)
                .where(
                    ProposalRecord.proposal_id == proposal_id, ProposalRecord.status.in_(allowed)
                )
                .values(**values)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                return
            row = session.get(ProposalRecord, proposal_id)
        if row is None:
            raise ProposalNotFound(
                f"No proposal {proposal_id!r}; 'tradewar review list' shows the ids."
            )
        raise ProposalAlreadyDecided(
            f"Proposal {proposal_id!r}: field 'status': value {row.status!r}: expected one of {sorted(allowed)}; nothing was changed."  # noqa: E501
        )

    def _write(self, proposal: Proposal, *, by: str, note: str | None) -> tuple[str, int | None]:
        reason = f"news proposal {proposal.proposal_id} ({proposal.kind.value}) from {proposal.article.article_id}"  # noqa: E501
        if note:
            reason += f": {note}"
        if proposal.kind is ProposalKind.new_measure:
            if proposal.draft is None:
                raise ProposalAlreadyDecided(
                    f"Proposal {proposal.proposal_id!r}: field 'draft': value None: expected a measure draft."  # noqa: E501
                )
            _citable(proposal)
            measure = Measure.model_validate(proposal.draft)
            if measure.id in set(self.store.measure_ids()):
                return measure.id, None  # written before a crash: only the marking was missing
            self.store.add([measure], recorded_by=by, reason=reason)
            return measure.id, 1
        return self._correct(proposal, by=by, reason=reason)

    def _correct(self, proposal: Proposal, *, by: str, reason: str) -> tuple[str, int | None]:
        measure_id = proposal.measure_id or ""
        try:
            current = self.store.get(measure_id)
        except MeasureNotFound as err:
            raise MeasureNotFound(
                f"Proposal {proposal.proposal_id!r} names measure {measure_id!r}, which the ledger lacks."  # noqa: E501
            ) from err
        revision = self.store.current_revision(measure_id)
        source = Source.model_validate(_citable(proposal))
        updates: dict[str, Any] = dict(proposal.changes)
        if source.url not in current.source_urls():
            updates["sources"] = [*current.sources, source]
        if not updates:
            return measure_id, revision
        corrected = Measure.model_validate({**current.model_dump(), **updates})
        written = self.store.correct(
            corrected, recorded_by=by, reason=reason, expected_revision=revision
        )
        return measure_id, written.revision


def _citable(proposal: Proposal) -> dict[str, Any]:
    url = proposal.article.url
    if not url or not url.startswith(("http://", "https://")):
        raise InvalidArticle(
            f"Proposal {proposal.proposal_id!r}: field 'url': value {url!r}: expected the article's "  # noqa: E501
            "http(s) address to cite; run 'tradewar news propose FILE --url URL --outlet NAME'."
        )
    return source_of(proposal.article, proposal.event)


def _proposal(row: ProposalRecord) -> Proposal:
    proposal = Proposal.model_validate(row.document)
    proposal.status = (
        ProposalStatus(row.status)
        if row.status in ProposalStatus.__members__
        else ProposalStatus.pending
    )
    proposal.note = row.note
    proposal.measure_id = row.measure_id or proposal.measure_id
    return proposal


def events_jsonl(events: Iterable[Event]) -> str:
    """Events as JSONL in the gold schema (one per line)."""
    return "".join(json.dumps(event.to_json(), ensure_ascii=False) + "\n" for event in events)
