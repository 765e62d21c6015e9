"""The *News review* pages: articles in, events with evidence out, proposals decided.

``/news``: paste an article (or upload a text/HTML file); the page shows the events found,
each sentence of evidence highlighted in the text, as a table (``format`` is not offered:
a POSTed article has no permalink; the events' JSON is one click away). A signed-in
reviewer can send the events to the review queue as proposals.

``/review``: the queue (a permalink per status), each proposal with its evidence and the
measure it would confirm, change or add; Accept and Reject for a signed-in reviewer; the
audit trail of the ledger below. ``format=csv|json`` gives the queue.

Signing in checks a token of ``tradewar tokens create NAME`` and keeps it in an HttpOnly,
SameSite=Strict cookie; the token's name is recorded as the reviewer, as with the API.
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tradewar.errors import InvalidInput, TradewarError
from tradewar.news.schema import ProposalStatus
from tradewar.web.deps import news_service
from tradewar.web.form_errors import form_error
from tradewar.web.pagekit import data_response, render
from tradewar.web.problems import ProblemError

if TYPE_CHECKING:
    from tradewar.news.extract import Article
    from tradewar.news.schema import Event, Proposal

router = APIRouter(include_in_schema=False)

#: The cookie that holds a signed-in reviewer's token.
TOKEN_COOKIE = "tradewar_token"
#: Longest article accepted from the form (characters).
MAX_ARTICLE_CHARS = 100_000
STATUSES = ("pending", "accepted", "rejected")
QUEUE_COLUMNS = ("proposal_id", "status", "kind", "confidence", "measure_id", "action", "actor",
                 "target", "modality", "evidence", "article_id", "article_url", "note")  # fmt: skip


def reviewer(request: Request) -> str | None:
    """The name behind the signed-in token, or None."""
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        return None
    owner: str | None = request.app.state.web.ledger.store.token_owner(token)
    return owner


def highlighted(text: str, events: list[Event]) -> list[dict[str, Any]]:
    """The text cut into pieces, the evidence of each event marked with its numbers.

    >>> from tradewar.news.schema import Event
    >>> e = Event(article_id="a", action="raise_tariff", actor="USA", evidence="B.",
    ...           evidence_span=(3, 5))
    >>> [(p["text"], p["events"]) for p in highlighted("A. B. C.", [e])]
    [('A. ', []), ('B.', [1]), (' C.', [])]
    """
    cuts = {0, len(text)}
    spans = []
    for number, event in enumerate(events, start=1):
        start, end = event.evidence_span
        if not (0 <= start < end <= len(text)):  # span of a cleaned HTML text: find it
            start = text.find(event.evidence)
            end = start + len(event.evidence)
            if start < 0:
                continue
        spans.append((start, end, number))
        cuts |= {start, end}
    edges = sorted(cuts)
    pieces = []
    for start, end in pairwise(edges):
        marks = [n for s, e, n in spans if s <= start and end <= e]
        pieces.append({"text": text[start:end], "events": marks})
    return pieces


def _article(text: str, url: str, outlet: str, published: str) -> Article:
    from tradewar.news.extract import Article

    if not text.strip():
        raise InvalidInput("the article is empty; paste its text or upload a file.", field="text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InvalidInput(f"{len(text)} characters; expected at most {MAX_ARTICLE_CHARS}.",
                           field="text")  # fmt: skip
    html = text.lstrip().startswith("<")
    return Article(id="pasted", text=text, url=url or None, outlet=outlet or None,
                   published=published or None, html=html)  # fmt: skip


#: The article form's labels: how the page names an input at fault.
NEWS_LABELS = {"text": "Article text", "file": "File", "url": "Address (URL)",
               "outlet": "Outlet", "published": "Published"}  # fmt: skip


@router.get("/news", response_class=HTMLResponse)
def news_page(request: Request) -> Response:
    """The form: paste or upload an article."""
    return render(request, "news.html", {"who": reviewer(request), "form": {}})


@router.post("/news", response_class=HTMLResponse)
async def news_read(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_ARTICLE_CHARS)] = "",
    file: UploadFile | None = None,
    url: Annotated[str, Form(max_length=500)] = "",
    outlet: Annotated[str, Form(max_length=120)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    propose: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Events of the article, evidence highlighted; with ``propose``, into the review queue."""
    state = request.app.state.web
    who = reviewer(request)
    form = {"text": text, "url": url, "outlet": outlet, "published": published}
    context: dict[str, Any] = {"who": who, "form": form}
    try:
        if file is not None and file.filename:
            raw = await file.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise InvalidInput(
                    f"{file.filename} is not UTF-8 text; expected a text or HTML file.",
                    field="file",
                ) from err
            form["text"] = text
        article = _article(text, url, outlet, published)
        service = news_service(state)
        events = service.extract([article])
        proposals: list[Proposal] = []
        if propose:
            if who is None:
                raise ProblemError(401, "unauthorized", "Sign in first",
                                   "token: sign in with a token to send proposals to the queue.",
                                   field="token")  # fmt: skip
            proposals = service.propose([article])
    except (TradewarError, ProblemError) as err:
        message, status = form_error(err, NEWS_LABELS)
        return render(request, "news.html", context | {"error": message}, status)
    shown = article.text if not article.html else _plain(article)
    context |= {
        "events": events,
        "pieces": highlighted(shown, events),
        "proposals": proposals,
        "events_json": json.dumps([e.to_json() for e in events], ensure_ascii=False, indent=1),
    }
    return render(request, "news.html", context)


def _plain(article: Article) -> str:
    """The text the extractor read from an HTML article (its spans point into it)."""
    from tradewar.news.clean import clean_html

    return clean_html(article.text).original


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    status: Annotated[str, Query(max_length=20)] = "pending",
    fmt: Annotated[str, Query(alias="format", max_length=10)] = "html",
    done: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    """The review queue of one status, the decision forms and the audit trail."""
    state = request.app.state.web
    who = reviewer(request)
    context: dict[str, Any] = {"who": who, "status": status, "statuses": STATUSES, "done": done}
    try:
        if status not in STATUSES:
            raise InvalidInput(f"{status!r}; expected one of {', '.join(STATUSES)}.",
                               field="status")  # fmt: skip
        if fmt not in ("html", "csv", "json"):
            raise InvalidInput(f"{fmt!r} is not offered; expected html, csv or json.",
                               field="format")  # fmt: skip
        proposals = news_service(state).proposals(ProposalStatus(status))
    except (TradewarError, ProblemError) as err:
        message, status_code = form_error(err, {"status": "Status", "format": "Format"})
        return render(request, "review.html", context | {"error": message}, status_code)
    rows = [_row(p) for p in proposals]
    if fmt != "html":
        return data_response(rows, QUEUE_COLUMNS, fmt, f"proposals-{status}")
    audit = list(reversed(state.ledger.store.audit_log()))[:40]
    context |= {
        "proposals": proposals,
        "audit": audit,
        "downloads": {
            f: "/review?" + urlencode({"status": status, "format": f}) for f in ("csv", "json")
        },
    }
    return render(request, "review.html", context)


def _row(proposal: Proposal) -> dict[str, Any]:
    event = proposal.event
    return {
        "proposal_id": proposal.proposal_id, "status": proposal.status.value,
        "kind": proposal.kind.value, "confidence": proposal.confidence,
        "measure_id": proposal.measure_id, "action": event.action, "actor": event.actor,
        "target": event.target, "modality": event.modality, "evidence": event.evidence,
        "article_id": proposal.article.article_id, "article_url": proposal.article.url,
        "note": proposal.note,
    }  # fmt: skip


@router.post("/review/{proposal_id}/{decision}", response_class=HTMLResponse)
def decide(
    request: Request,
    proposal_id: str,
    decision: str,
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Accept or reject a proposal as the signed-in reviewer; back to the queue."""
    state = request.app.state.web
    who = reviewer(request)
    context: dict[str, Any] = {"who": who, "status": "pending", "statuses": STATUSES}
    try:
        if decision not in ("accept", "reject"):
            raise InvalidInput(f"{decision!r}; expected accept or reject.", field="decision")
        if who is None:
            raise ProblemError(401, "unauthorized", "Sign in first",
                               "token: sign in with a token to decide proposals.",
                               field="token")  # fmt: skip
        service = news_service(state)
        act = service.accept if decision == "accept" else service.reject
        outcome = act(proposal_id, by=who, note=note or None)
    except (TradewarError, ProblemError) as err:
        message, status = form_error(err, {"decision": "Decision", "note": "Note"})
        return render(request, "review.html", context | {"error": message}, status)
    what = f"{proposal_id} {outcome.status}"
    if outcome.measure_id:
        what += f" (measure {outcome.measure_id})"
    return RedirectResponse("/review?" + urlencode({"done": what}), status_code=303)


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    token: Annotated[str, Form(max_length=200)] = "",
    back: Annotated[str, Form(max_length=200)] = "/review",
) -> Response:
    """Check the token and keep it in a cookie for the decisions."""
    owner = request.app.state.web.ledger.store.token_owner(token) if token else None
    back = back if back.startswith("/") and not back.startswith("//") else "/review"
    if owner is None:
        message = "token: unknown or revoked token; create one with 'tradewar tokens create NAME'."
        page = "news.html" if back.startswith("/news") else "review.html"
        context: dict[str, Any] = {"who": None, "form": {}, "status": "pending"}
        context["statuses"] = STATUSES
        return render(request, page, context | {"error": message}, 401)
    response = RedirectResponse(back, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")  # fmt: skip
    return response


@router.post("/sign-out", response_class=RedirectResponse)
def sign_out(back: Annotated[str, Form(max_length=200)] = "/review") -> Response:
    """Forget the token."""
    back = back if back.startswith("/") and not back.startswith("//") else "/review"
    response = RedirectResponse(back, status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response
