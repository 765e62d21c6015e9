"""Products by name over HTTP: ``/api/v1/products`` (search), ``/api/v1/products/{code}``
(the lines under a code) and ``/products/suggest`` (the dashboard's suggestion list).

All three call :class:`tradewar.services.hts.HtsService`; the suggestion fragment is plain
HTML links to ``/shipment?hs=...``, so the search box works as a form without JavaScript
and htmx only fills the list while typing.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from tradewar.codes.hs import normalize_hs
from tradewar.errors import TradewarError
from tradewar.hts.lists import CITATION
from tradewar.hts.search import rewrite
from tradewar.web.deps import READ_PROBLEMS, State, parsed

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS, tags=["products"])
pages = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("tradewar.web") / "templates"))

QueryText = Annotated[str, Query(min_length=1, max_length=100, examples=["toys"])]
Limit = Annotated[int, Query(ge=1, le=100)]


class ProductLineOut(BaseModel):
    """One HTS-10 line found by a search."""

    hs10: str
    hs6: str
    gtap: str
    description: str
    score: float
    matched: str


class ProductSearchOut(BaseModel):
    """Lines whose descriptions match the words, best first (SQLite FTS5, BM25)."""

    query: str
    searched_as: str = Field(description="The query after the synonym table (schedule wording).")
    synonyms: list[str]
    lines: list[ProductLineOut]
    citation: str


class CodeOut(BaseModel):
    """The lines under an HS code with the US lists (and ledger measures) naming each."""

    code: str
    name: str
    line_count: int
    lines: list[dict[str, Any]]
    citation: str


@router.get(
    "/products",
    response_model=ProductSearchOut,
    summary="Find HTS-10 lines by name ('toys', 'laptops') or code",
)
def search_products(state: State, q: QueryText, limit: Limit = 20) -> ProductSearchOut:
    """Same fields as ``tradewar hs search WORDS --json``."""
    hits = parsed("q", state.hts.search, q, limit)
    words, synonyms = rewrite(q)
    lines = [ProductLineOut.model_validate(hit.to_dict()) for hit in hits]
    return ProductSearchOut(
        query=q, searched_as=words, synonyms=synonyms, lines=lines, citation=CITATION
    )


@router.get(
    "/products/{code}",
    response_model=CodeOut,
    summary="The HTS-10 lines under an HS code, with the lists and measures covering each",
)
def show_product(
    state: State, code: Annotated[str, PathParam(max_length=20, examples=["9503"])]
) -> CodeOut:
    """Same fields as ``tradewar hs show CODE --json``."""
    digits = parsed("code", normalize_hs, code)
    return CodeOut.model_validate(parsed("code", state.hts.show, digits).to_dict())


@pages.get("/products/suggest", response_class=HTMLResponse)
def suggest(request: Request, q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    """A short list of matching lines as links to the shipment page (an htmx fragment)."""
    hits: list[Any] = []
    error = None
    if q.strip():
        try:
            hits = request.app.state.web.hts.search(q, 8)
        except TradewarError as err:
            error = str(err)
    fields = {key: request.query_params.get(key, "") for key in ("importer", "exporter", "on")}
    context = {"q": q, "error": error, "suggestions": suggestion_links(hits, fields)}
    return templates.TemplateResponse(request, "_suggestions.html", context)


def suggestion_links(hits: list[Any], fields: dict[str, str]) -> list[tuple[str, Any]]:
    """(shipment URL, hit) per hit; the URL keeps the form's non-empty fields and sets ``hs``."""
    kept = {key: value for key, value in fields.items() if value.strip()}
    return [("/shipment?" + urlencode({**kept, "hs": hit.line.hs10}), hit) for hit in hits]
