"""One error shape for the whole API: RFC 9457 problem details.

Every error the API answers, FastAPI's own request validation included, is a JSON object
with media type ``application/problem+json``::

    {"type": "https://tradewar.dev/problems/unknown-code", "title": "Unknown code",
     "status": 422, "detail": "Unknown country 'XXX'. ...", "field": "importer",
     "errors": [{"field": "importer", "message": "..."}]}

Tradewar's own errors map to statuses by class (:data:`STATUS_OF`); anything unexpected is
a plain 500 whose detail says nothing about the code (the traceback goes to the log only).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from tradewar.errors import (
    ConvergenceError,
    DataUnavailable,
    DuplicateMeasure,
    DuplicateToken,
    EditConflict,
    InvalidData,
    InvalidInput,
    InvalidMeasure,
    LedgerError,
    MeasureNotFound,
    TradewarError,
    UnknownCode,
    UnknownToken,
)
from tradewar.news.errors import ProposalAlreadyDecided, ProposalNotFound

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://tradewar.dev/problems/"

#: (status, slug, title) for each tradewar error class, most specific first.
STATUS_OF: tuple[tuple[type[TradewarError], int, str, str], ...] = (
    (MeasureNotFound, 404, "measure-not-found", "Measure not found"),
    (UnknownToken, 404, "unknown-token", "Unknown token"),
    (ProposalNotFound, 404, "proposal-not-found", "Proposal not found"),
    (ProposalAlreadyDecided, 409, "proposal-decided", "Proposal already decided"),
    (UnknownCode, 422, "unknown-code", "Unknown code"),
    (InvalidMeasure, 422, "invalid-measure", "Invalid measure"),
    (InvalidInput, 422, "invalid-input", "Invalid input"),
    (DuplicateMeasure, 409, "duplicate-measure", "Duplicate measure"),
    (DuplicateToken, 409, "duplicate-token", "Duplicate token"),
    (EditConflict, 409, "edit-conflict", "Edit conflict"),
    (ConvergenceError, 422, "no-convergence", "The model did not converge"),
    (DataUnavailable, 503, "data-unavailable", "Data unavailable"),
    (InvalidData, 503, "invalid-data", "Dataset malformed"),
    (LedgerError, 503, "ledger-unavailable", "Ledger unavailable"),
)


class FieldError(BaseModel):
    """One problem with one part of the request."""

    field: str | None = Field(description="The offending parameter or body field (dotted).")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, with the offending field named."""

    type: str = Field(description="A URI naming the kind of problem, or 'about:blank'.")
    title: str
    status: int
    detail: str
    field: str | None = None
    errors: list[FieldError] = Field(default_factory=list)
    diagnostics: dict[str, Any] | None = None


class ProblemError(Exception):
    """Raise from an endpoint to answer with a problem (status, slug, detail, field)."""

    def __init__(
        self,
        status: int,
        slug: str | None,
        title: str,
        detail: str,
        *,
        field: str | None = None,
        errors: list[FieldError] | None = None,
        diagnostics: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.problem = Problem(
            type=PROBLEM_BASE + slug if slug else "about:blank",
            title=title,
            status=status,
            detail=detail,
            field=field,
            errors=errors if errors is not None else [FieldError(field=field, message=detail)],
            diagnostics=diagnostics,
        )
        self.headers = headers

    @classmethod
    def from_error(
        cls,
        err: TradewarError,
        field: str | None = None,
        status: int | None = None,
        names: Mapping[str, str] | None = None,
    ) -> ProblemError:
        """The problem for a tradewar error, naming the parameter at fault.

        The error's own field (a service parameter, ``err.field``) wins, named as the
        request names it (``names`` maps service names to parameter names: ``start`` is
        ``from``); ``field`` is the caller's guess for an error that names no field.
        """
        if err.field is not None and not err.field.startswith("-"):
            field = (names or {}).get(err.field, err.field)
        code, slug, title = 500, "internal-error", "Internal error"
        for kind, known_status, known_slug, known_title in STATUS_OF:
            if isinstance(err, kind):
                code, slug, title = known_status, known_slug, known_title
                break
        diagnostics = None
        if isinstance(err, ConvergenceError):
            diagnostics = {key: _jsonable(value) for key, value in err.diagnostics.items()}
        detail = err.named(field)
        return cls(status or code, slug, title, detail, field=field, diagnostics=diagnostics)


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON response of a problem."""
    return JSONResponse(
        problem.model_dump(mode="json"),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def problem_schema_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem answers for ``statuses``."""
    descriptions = {
        400: "Malformed request",
        401: "Missing or invalid bearer token",
        404: "Not found",
        409: "Conflict",
        413: "Request body too large",
        422: "Invalid input (names the offending field)",
        503: "Data or ledger unavailable, or the computation timed out",
    }
    return {
        status: {"model": Problem, "description": descriptions.get(status, "Problem")}
        for status in statuses
    }


# ---------------------------------------------------------------------- handlers


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    return ".".join(parts) if parts else None


def _wants_html(request: Request) -> bool:
    """Whether an error answers a dashboard page (a browser asking for HTML, not the API)."""
    path = request.url.path
    if path.startswith(("/api/", "/static/", "/openapi")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _html_error(request: Request, status: int, message: str) -> Response:
    from tradewar.web.pagekit import error_page  # the templates; the API never needs them

    return error_page(request, status, message)


#: Validation errors of a value outside a fixed set (``format=pdf``): the message names the value.
CHOICE_ERRORS = ("literal_error", "enum")


def _message(error: Mapping[str, Any]) -> str:
    """A validation error's message; a value outside a fixed set is named beside the choices:
    ``got 'pdf'; expected 'json' or 'csv'``."""
    expected = (error.get("ctx") or {}).get("expected")
    if error.get("type") in CHOICE_ERRORS and expected and isinstance(error.get("input"), str):
        return f"got {error['input'][:60]!r}; expected {expected}"
    return str(error.get("msg", ""))


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(field=_field_of(error.get("loc", ())), message=_message(error))
        for error in exc.errors()
    ]
    first = errors[0] if errors else FieldError(field=None, message="invalid request")
    detail = "; ".join(f"{e.field or 'request'}: {e.message}" for e in errors)
    if _wants_html(request):
        return _html_error(request, 422, detail or "invalid request")
    problem = Problem(
        type=PROBLEM_BASE + "validation",
        title="Invalid request",
        status=422,
        detail=detail or "invalid request",
        field=first.field,
        errors=errors,
    )
    return problem_response(problem)


#: What a 503 for a failed ledger database says: the cause (host, port, driver, file) is
#: for the operator's log, not for whoever sent the request.
LEDGER_UNAVAILABLE = (
    "The ledger database is unavailable or failed; the server log has the cause. Try again later."
)


def _private_prefixes(request: Request) -> list[tuple[str, str]]:
    """Server folders that answers name by their setting instead (longest first)."""
    state = getattr(request.app.state, "web", None)
    settings = getattr(state, "settings", None)
    if settings is None:
        return []
    pairs = [(str(settings.data_dir), "$TRADEWAR_DATA_DIR")]
    url = str(settings.database_url)
    if url.startswith("sqlite:///"):
        pairs.append((str(Path(url.removeprefix("sqlite:///")).parent), "<ledger folder>"))
    return sorted((p for p in pairs if len(p[0]) > 1), key=lambda p: -len(p[0]))


def _scrubbed(request: Request, problem: Problem) -> Problem:
    """``problem`` without the server's own folders in its messages."""
    if problem.status == 503 and problem.type.endswith("/ledger-unavailable"):
        log.warning("ledger unavailable: %s", problem.detail)
        problem = problem.model_copy(
            update={
                "detail": LEDGER_UNAVAILABLE,
                "errors": [FieldError(field=problem.field, message=LEDGER_UNAVAILABLE)],
            }
        )
    prefixes = _private_prefixes(request)
    if not prefixes:
        return problem

    def scrub(text: str) -> str:
        for prefix, name in prefixes:
            text = text.replace(prefix, name)
        return text

    return problem.model_copy(
        update={
            "detail": scrub(problem.detail),
            "errors": [FieldError(field=e.field, message=scrub(e.message)) for e in problem.errors],
        }
    )


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(_scrubbed(request, exc.problem), exc.headers)


async def _on_tradewar(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TradewarError)
    problem = ProblemError.from_error(exc, names=parameter_names(request)).problem
    return problem_response(_scrubbed(request, problem))


def parameter_names(request: Request) -> dict[str, str]:
    """The request parameters of the matched route by their Python names: ``start`` is
    ``from`` when the endpoint declares ``start: Query(alias="from")``."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return {}
    names: dict[str, str] = {}
    pending = [dependant]
    while pending:
        current = pending.pop()
        for param in (*current.path_params, *current.query_params, *current.body_params):
            names.setdefault(param.name, param.alias)
        pending.extend(current.dependencies)
    return names


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "request refused"
    if _wants_html(request) and exc.status_code in (404, 405):
        message = (
            f"there is no page at {request.url.path}; the pages are listed above."
            if exc.status_code == 404
            else f"{request.method} is not accepted at {request.url.path}."
        )
        return _html_error(request, exc.status_code, message)
    problem = Problem(
        type="about:blank", title=_reason(exc.status_code), status=exc.status_code, detail=detail
    )
    return problem_response(problem, dict(exc.headers) if exc.headers else None)


async def _on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error answering a request", exc_info=exc)
    problem = Problem(
        type=PROBLEM_BASE + "internal-error",
        title="Internal error",
        status=500,
        detail="The server failed to answer this request; the error was logged.",
    )
    return problem_response(problem)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` with the problem shape."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(TradewarError, _on_tradewar)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_unexpected)
