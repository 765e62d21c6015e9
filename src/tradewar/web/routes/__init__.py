"""The JSON API's routers, one module per resource, gathered under ``/api/v1``.

The order of inclusion is the order of the OpenAPI document (and ``/scenarios/compare``
must come before ``/scenarios/{name}``, which the scenarios router keeps).
"""

from __future__ import annotations

from fastapi import APIRouter

from tradewar.web.deps import READ_PROBLEMS
from tradewar.web.routes import data, ledger, measures, model, scenarios

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)
for resource in (measures, ledger, scenarios, model, data):
    router.include_router(resource.router)

__all__ = ["router"]
