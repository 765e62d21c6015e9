"""The JSON API, versioned under ``/api/v1``: a thin layer over the service layer.

Reads are open; writes need a bearer token (``tradewar tokens create NAME``) and record
who (the token's name), when and why.  The API is laid out as in the FastAPI full-stack
template:

- :mod:`tradewar.web.deps`: what routes share (the services built once per app, the
  writer's token, common query parameters, parameter parsing, documented error answers);
- :mod:`tradewar.web.models`: the request and response models;
- :mod:`tradewar.web.routes`: one router per resource (measures, ledger queries,
  scenarios, model, data), listed in :data:`routers`; news review, tokens and products
  have their own modules (:mod:`tradewar.web.review`, :mod:`tradewar.web.tokens`,
  :mod:`tradewar.web.products`).

This module keeps the names other modules imported from it before the split.
"""

from __future__ import annotations

from tradewar.web.deps import (
    CSV_CONTENT,
    MAX_COMPARE,
    MAX_PAGE,
    READ_PROBLEMS,
    WRITE_PROBLEMS,
    CountryParam,
    DateParam,
    Format,
    FormatParam,
    OptCountryParam,
    OptDateParam,
    State,
    WebState,
    Writer,
    bearer,
    compute,
    country_param,
    parsed,
    row_key,
    web_state,
    writer,
)
from tradewar.web.routes import routers

__all__ = [
    "CSV_CONTENT",
    "MAX_COMPARE",
    "MAX_PAGE",
    "READ_PROBLEMS",
    "WRITE_PROBLEMS",
    "CountryParam",
    "DateParam",
    "Format",
    "FormatParam",
    "OptCountryParam",
    "OptDateParam",
    "State",
    "WebState",
    "Writer",
    "bearer",
    "compute",
    "country_param",
    "parsed",
    "routers",
    "row_key",
    "web_state",
    "writer",
]
