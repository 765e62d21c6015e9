"""ASGI middleware that guards the app's edges: hostile input, authentication, headers.

* :class:`InputGuard` refuses a request whose path or query parameters hold characters
  no parameter may contain (NUL and other control characters, lone surrogates), with a
  422 problem naming the parameter, before any endpoint or database sees them.
* :class:`AuthFirst` checks the bearer token of a write (any route that depends on
  :func:`tradewar.web.deps.writer`) before the body is read or parsed: an unauthenticated
  client learns nothing about the body's validation and costs no parsing.
* :class:`SecurityHeaders` adds the browser hardening headers to every answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from urllib.parse import parse_qsl, unquote

import anyio.to_thread
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tradewar.errors import TradewarError
from tradewar.web.problems import (
    PROBLEM_BASE,
    FieldError,
    Problem,
    ProblemError,
    problem_response,
)

#: C0 controls and DEL: no path segment or query parameter may contain one.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

#: The Content-Security-Policy of every answer: only this origin's scripts and styles
#: (Vega compiles its chart expressions, hence 'unsafe-eval'; htmx and vega-embed insert
#: style elements), no framing, no plugins.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


def _problem(status: int, slug: str, title: str, detail: str, field: str | None) -> Problem:
    return Problem(
        type=PROBLEM_BASE + slug,
        title=title,
        status=status,
        detail=detail,
        field=field,
        errors=[FieldError(field=field, message=detail)],
    )


def unusable_parameter(scope: Scope) -> tuple[str, str] | None:
    """The first (parameter, why) that no endpoint can accept, or ``None``."""
    raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogatepass")
    try:
        path = unquote(raw_path.decode("ascii", "replace"), errors="strict")
    except UnicodeDecodeError:
        return "path", "is not valid UTF-8 once percent-decoded"
    if _CONTROL.search(path):
        return "path", "contains a control character (NUL, CR, LF, ...)"
    query = scope.get("query_string", b"").decode("latin-1")
    try:
        pairs = parse_qsl(query, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return "query", "is not valid UTF-8 once percent-decoded"
    for name, value in pairs:
        if _CONTROL.search(name) or _CONTROL.search(value):
            field = name if not _CONTROL.search(name) else "query"
            return field, "contains a control character (NUL, CR, LF, ...)"
    return None


class InputGuard:
    """Refuse paths and query parameters with control characters or broken UTF-8 (422)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            bad = unusable_parameter(scope)
            if bad is not None:
                field, why = bad
                detail = f"{field} {why}; remove it (percent-encoded or not)."
                problem = _problem(422, "invalid-input", "Invalid input", detail, field)
                await problem_response(problem)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """Every API route, also inside included routers (their own prefixes included).

    FastAPI >= 0.160 keeps an included router as one entry holding the original router.
    """
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _api_routes(inner.routes)


def _needs_writer(route: APIRoute, writer: Callable[..., str]) -> bool:
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        if dependant.call is writer:
            return True
        stack.extend(dependant.dependencies)
    return False


class AuthFirst:
    """Check the bearer token of a write before its body is read (401 without a valid one).

    The routes are looked up on the first request (so routes added by other modules are
    covered); the endpoint's own ``writer`` dependency still runs and names the writer.
    """

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self._protected: list[APIRoute] | None = None

    def protected(self) -> list[APIRoute]:
        """The routes whose dependencies include the writer check."""
        if self._protected is None:
            from tradewar.web.deps import writer

            self._protected = [
                route
                for route in _api_routes(self.fastapi_app.routes)
                if _needs_writer(route, writer)
            ]
        return self._protected

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not any(
            route.matches(scope)[0] is Match.FULL for route in self.protected()
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            detail = (
                "Writes need 'Authorization: Bearer <token>'; create a token with "
                "'tradewar tokens create NAME'."
            )
            await self._refuse(scope, receive, send, "Bearer token required", detail)
            return
        store = self.fastapi_app.state.web.ledger.store
        try:
            owner = await anyio.to_thread.run_sync(store.token_owner, token)
        except TradewarError as err:  # the ledger is down: the same 503 as the endpoints'
            problem = ProblemError.from_error(err).problem
            await problem_response(problem)(scope, receive, send)
            return
        if owner is None:
            detail = "The bearer token is unknown, revoked or expired; see 'tradewar tokens list'."
            await self._refuse(scope, receive, send, "Invalid bearer token", detail)
            return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, title: str, detail: str) -> None:
        problem = _problem(401, "unauthorized", title, detail, "Authorization")
        challenge = {"WWW-Authenticate": 'Bearer realm="tradewar"'}
        await problem_response(problem, challenge)(scope, receive, send)


class SecurityHeaders:
    """Add CSP, X-Frame-Options, X-Content-Type-Options and Referrer-Policy to answers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
