"""The news API: an article's events extracted (``/api/v1/news/extract``, nothing stored), and
news proposals listed, shown, accepted and rejected (``/api/v1/proposals``).

Proposals come from ``tradewar news propose`` (issue 8); a person decides them here or
with ``tradewar review``.  Reads are open; a decision needs a bearer token, and the token's
name is recorded as the reviewer, with the note, in the proposal and (for an acceptance)
in the measure's history and the audit log.  Nothing is written when a decision is
refused: an unknown proposal is 404, one decided already is 409.

Extraction is ``tradewar news extract`` over HTTP: the article in the body, the events in
the shared gold schema (``../shared/news/README.md``) with their evidence spans out; it is a
read, open without a token, and stores nothing (``tradewar news propose`` stores proposals).
With ``?format=csv`` the events come as rows (:func:`event_rows`), one column per field of the
gold schema.

The review endpoints need no language tools, but :mod:`tradewar.services.news` imports
the extractor, which needs the ``news`` extra (spaCy); without it these endpoints answer
503 and say what to install, and the rest of the API is unaffected.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field, field_validator

from tradewar.codes.dates import parse_date
from tradewar.codes.text import StorableStr
from tradewar.errors import InvalidInput
from tradewar.news.schema import Event, Proposal, ProposalStatus  # plain pydantic: no spaCy
from tradewar.services.review_table import proposal_row, review_table
from tradewar.web.deps import (
    CSV_CONTENT,
    READ_PROBLEMS,
    WRITE_PROBLEMS,
    FormatParam,
    State,
    WebState,
    Writer,
    compute,
    news_service,
    parsed,
)
from tradewar.web.tabular import TABLE_CONTENT, TableFormatParam, csv_response, table_response

if TYPE_CHECKING:
    from tradewar.news.sentences import Article

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS, tags=["news review"])

ProposalId = Annotated[str, PathParam(max_length=200)]
#: Longest article accepted (characters), as on the dashboard's news page.
MAX_ARTICLE_CHARS = 100_000
#: A record's ``published``: an ISO date, or a month or year when that is all that is known.
PUBLISHED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
NO_EVENTS = (
    "No trade-war events found: the text states no tariff, export control, licence, talks, "
    "agreement or accusation of violation that the extractor recognises. This is an answer, "
    "not an error; nothing was stored."
)


class ArticleIn(BaseModel):
    """An article to read: its text and, when known, where and when it was published."""

    model_config = ConfigDict(extra="forbid")

    text: StorableStr = Field(
        min_length=1,
        max_length=MAX_ARTICLE_CHARS,
        description="The article as pasted (plain text), or an HTML page (starting with '<').",
    )
    url: StorableStr | None = Field(
        default=None, max_length=500, examples=["https://example.org/a"]
    )
    outlet: StorableStr | None = Field(default=None, max_length=120)
    published: str | None = Field(
        default=None,
        max_length=10,
        examples=["2025-06-09"],
        description="The publication date (YYYY-MM-DD, or YYYY-MM / YYYY when only that is "
        "known): it anchors relative dates when the text has no dateline.",
    )
    article_id: str = Field(
        default="article",
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="The id the events carry (event ids are '<article_id>-E1', ...).",
    )
    learned: bool = Field(
        default=False,
        description="Also drop candidates the learned act classifier judges mentions, not acts "
        "(as 'tradewar news extract --learned'; the first use trains it, a few seconds).",
    )

    @field_validator("url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"got {value[:60]!r}; expected an http(s) address")
        return value


class ExtractionOut(BaseModel):
    """The events an article states, each with its evidence; nothing is stored."""

    article_id: str
    events: list[Event] = Field(
        description="One event per (actor, action, target, products, rate), in the shared gold "
        "schema: rates in percent, rate_change in percentage points, dates ISO 8601 at the "
        "precision the text gives, durations ISO 8601 (P90D), evidence_span the [start, end) "
        "character offsets of the evidence in `text_read`."
    )
    count: int = Field(description="How many events.")
    text_read: str = Field(
        description="The text the spans index: the text as sent, or an HTML page's main text."
    )
    stored: bool = Field(description="Always false: extraction stores nothing.")
    notes: list[str] = Field(description="What to know about the answer (an empty list says why).")


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


def _article(body: ArticleIn) -> Article:
    """The article record of ``body``; a malformed ``published`` or an empty text is a
    problem naming that field."""
    from tradewar.news.sentences import Article

    if not body.text.strip():
        raise InvalidInput("the article is empty; expected its text.", field="text")
    published = body.published
    if published is not None:
        if not PUBLISHED.fullmatch(published):
            raise InvalidInput(
                f"got {published!r}; expected a date YYYY-MM-DD, or YYYY-MM or YYYY.",
                field="published",
            )
        if len(published) == 10:
            parse_date(published, "published")
    html = body.text.lstrip().startswith("<")
    return Article(id=body.article_id, text=body.text, url=body.url, outlet=body.outlet,
                   published=published, html=html)  # fmt: skip


def _extraction(state: WebState, article: Article, learned: bool) -> ExtractionOut:
    """Run the extractor (in a model thread): the events and the text their spans index."""
    events = news_service(state).extract([article], learned=learned)
    text_read = article.text
    if article.html:
        from tradewar.news.clean import clean_html

        text_read = clean_html(article.text).original
    notes = [] if events else [NO_EVENTS]
    return ExtractionOut(article_id=article.id, events=events, count=len(events),
                         text_read=text_read, stored=False, notes=notes)  # fmt: skip


#: Event fields whose items are free text (sentences, which may hold ``;``): a CSV cell holds
#: them as a JSON array of strings rather than joined with ``;``.
TEXT_LIST_FIELDS = ("also_evidence",)


def event_rows(events: list[Event]) -> tuple[list[str], list[dict[str, Any]]]:
    """Events as CSV ``(columns, rows)``: one row per event, one column per gold-schema field
    in the schema's order, each value as in the JSON answer. Lists are joined with ``;``
    (``products``, ``hs_codes``, ``rate_alt``; ``evidence_span`` is ``start;end``), except
    the free-text lists of :data:`TEXT_LIST_FIELDS`, written as a JSON array."""
    rows = [event.to_json() for event in events]
    for row in rows:
        for name in TEXT_LIST_FIELDS:
            if name in row:
                row[name] = json.dumps(row[name], ensure_ascii=False) if row[name] else ""
    return list(Event.model_fields), rows


@router.post(
    "/news/extract",
    response_model=ExtractionOut,
    responses=CSV_CONTENT,
    tags=["news"],
    summary="Extract an article's trade-war events with their evidence (nothing is stored)",
)
async def extract_article(state: State, body: ArticleIn, format: FormatParam = "json") -> Any:
    """``tradewar news extract`` for one article: events in the gold schema, each with the
    sentence that supports it and its character span; a text with no events gives an empty
    list and a note, not an error. To queue proposals for review use ``tradewar news
    propose`` or the dashboard's news page. ``?format=csv``: the events as rows (a header
    alone when there are none), lists joined with ``;``, ``also_evidence`` a JSON array."""
    news_service(state)  # 503 naming the missing 'news' extra before any work
    article = _article(body)
    answer = await compute(state, _extraction, state, article, body.learned)
    if format == "csv":
        columns, rows = event_rows(answer.events)
        return csv_response(rows, columns, f"events-{answer.article_id}")
    return answer
