"""The JSON API's routers, one module per resource, each under ``/api/v1``.

:data:`routers` is the order of inclusion, which is the order of the OpenAPI document
(``/scenarios/compare`` comes before ``/scenarios/{name}`` inside the scenarios router).
Each router carries the ``/api/v1`` prefix itself rather than through a parent router:
FastAPI keeps an included router as one entry, and :class:`tradewar.web.guard.AuthFirst`
matches a request against the routes' own paths.
"""

from __future__ import annotations

from fastapi import APIRouter

from tradewar.web.routes import data, ledger, measures, model, scenarios

routers: tuple[APIRouter, ...] = tuple(
    resource.router for resource in (measures, ledger, scenarios, model, data)
)

__all__ = ["routers"]
