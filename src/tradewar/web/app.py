"""The FastAPI application: the JSON API under ``/api/v1`` and the dashboard pages.

Build it with :func:`create_app` and the settings of the entry point; nothing here reads the
environment. ``tradewar serve`` runs it with uvicorn.

Examples
--------
>>> from tradewar.config import Settings
>>> app = create_app(Settings(database_url="sqlite:///:memory:"))
>>> app.title
'tradewar'
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tradewar import __version__
from tradewar.config import Settings
from tradewar.web import deps, pages, products, review, routes, tokens
from tradewar.web.guard import AuthFirst, InputGuard, SecurityHeaders
from tradewar.web.problems import (
    PROBLEM_MEDIA_TYPE,
    FieldError,
    Problem,
    install_problem_handlers,
    problem_response,
)
from tradewar.web.routes import strategy as strategy_routes
from tradewar.web.routes import supply as supply_api

#: Largest request body accepted (bytes).
MAX_BODY_BYTES = 256 * 1024
#: Longest a model run may take before it is abandoned (seconds).
MODEL_TIMEOUT_S = 60.0


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with a 413 problem.

    Checks ``Content-Length`` first, then counts streamed bytes, buffering the (small) body
    so the application reads it as usual.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await self._refuse(scope, receive, send, 400, "Content-Length is not a number.")
                return
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(body)
            more = bool(message.get("more_body", False))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._refuse(
            scope,
            receive,
            send,
            413,
            f"The request body is larger than {self.max_bytes // 1024} KiB; send less.",
            slug="body-too-large",
            title="Request body too large",
        )

    async def _refuse(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        status: int,
        detail: str,
        slug: str = "bad-request",
        title: str = "Malformed request",
    ) -> None:
        problem = Problem(
            type=f"https://tradewar.dev/problems/{slug}",
            title=title,
            status=status,
            detail=detail,
            field="body",
            errors=[FieldError(field="body", message=detail)],
        )
        await problem_response(problem)(scope, receive, send)


def create_app(
    settings: Settings,
    *,
    model_timeout_s: float = MODEL_TIMEOUT_S,
    max_body_bytes: int = MAX_BODY_BYTES,
    model_workers: int = 2,
) -> FastAPI:
    """The tradewar web application for ``settings``.

    Parameters
    ----------
    settings : Settings
        Where the ledger and the data are (built once by the entry point).
    model_timeout_s : float
        Model runs taking longer are abandoned with a 503 problem.
    max_body_bytes : int
        Larger request bodies are refused with a 413 problem.
    model_workers : int
        How many model runs may go on at once.
    """
    state = deps.WebState.build(settings, model_timeout_s, model_workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Open (migrate, seed) the ledger before the first request, not during one; close
        # its connection pool on shutdown (a PostgreSQL server keeps no idle sessions).
        state.ledger.store  # noqa: B018 (opened here, once, by the app's services container)
        try:
            yield
        finally:
            state.runner.cancel_all()  # running model work stops at its next iteration
            state.services.close()

    app = FastAPI(
        title="tradewar",
        version=__version__,
        summary="Trade wars, measured: the measures ledger, scenarios and the trade model.",
        description=(
            "Reads are open; writes need `Authorization: Bearer <token>` "
            "(`tradewar tokens create NAME`). Errors are RFC 9457 problem details "
            "(`application/problem+json`) naming the offending field. Every list, and "
            "every result that is a table, also answers as CSV with `format=csv`."
        ),
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; the dashboard's /api page is offline
        redoc_url=None,
    )
    app.state.web = state
    install_problem_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(AuthFirst, fastapi_app=app)  # outside BodyLimit: before the body
    app.add_middleware(InputGuard)
    app.add_middleware(SecurityHeaders)
    for router in routes.routers:  # the JSON API, one router per resource
        app.include_router(router)
    app.include_router(review.router)
    app.include_router(supply_api.router)
    app.include_router(tokens.router)
    app.include_router(products.router)
    app.include_router(products.pages)
    app.include_router(strategy_routes.router)  # war, talks, retaliation: jobs
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("tradewar.web") / "static")), "static")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = _problems_as_problem_json(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _problems_as_problem_json(schema: dict[str, Any]) -> dict[str, Any]:
    """Document error answers with the media type they are sent with."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if str(status)[0] in "45" and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
    return schema


@contextmanager
def serve_in_background(settings: Settings, start_timeout_s: float = 60.0) -> Iterator[str]:
    """The app served by uvicorn on a free port of 127.0.0.1, in a daemon thread.

    Yields the base URL once the server accepts requests and stops the server on exit.
    For browser tests, screenshots and notebooks; ``tradewar serve`` is the way to run it.

    Raises
    ------
    RuntimeError
        If the server has not started within ``start_timeout_s`` seconds.
    """
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError(f"the dashboard server did not start within {start_timeout_s:g} s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
