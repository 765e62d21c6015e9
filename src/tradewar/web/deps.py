"""What the API's routes share, declared once: the app's services, the writer's token, the
common query parameters, parameter parsing and the documented error answers.

Routes parse (text to dates, ISO3 codes, HS digits) and call the services with typed
values.  An error names the service parameter at fault (``err.field``); the app's handler
calls it by the route's query parameter (``start`` is ``from``), see
:func:`tradewar.web.problems.parameter_names`.

Each dependency is an annotated alias (``State``, ``Writer``, ``CountryParam`` ...), so a
route names what it needs in its signature and FastAPI supplies it.  Services are built once
per app (one :class:`~tradewar.services.container.Services`, made by :meth:`WebState.build`
and held in ``app.state.web``) and injected with ``State``; no route constructs a service.
Parameters are parsed one by one (:func:`parsed`) so that an error names the offending
parameter (``field``) in the problem answer.  Model work runs in the threadpool under a time
limit (:func:`compute`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, overload

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tradewar.codes.countries import to_iso3
from tradewar.codes.dates import parse_date
from tradewar.config import Settings
from tradewar.errors import TradewarError
from tradewar.model.results import GROUP_NAMES
from tradewar.services.container import Services
from tradewar.web.model_runner import ModelRunner, ModelTimeout
from tradewar.web.problems import ProblemError, problem_schema_responses
from tradewar.web.tabular import CSV_MEDIA_TYPE

if TYPE_CHECKING:
    from tradewar.services.charts import ChartService
    from tradewar.services.hts import HtsService
    from tradewar.services.ledger import LedgerService
    from tradewar.services.model import ModelService
    from tradewar.services.news import NewsService
    from tradewar.services.scenarios import ScenarioService
    from tradewar.services.supply import SupplyService

T = TypeVar("T")

#: Largest page of a list endpoint.
MAX_PAGE = 500
#: Most scenarios one comparison may run.
MAX_COMPARE = 9

# ---------------------------------------------------------------------- services


@dataclass
class WebState:
    """What the app holds for its lifetime: settings, services and limits.

    ``services`` is the app's one :class:`~tradewar.services.container.Services`, built
    here once per app: every service is built on first use (thread-safe), wired by
    construction, and shares the one ledger store (one connection pool) and the one loaded
    model world; routes and pages get them through ``State`` (``state.ledger`` is
    ``state.services.ledger``).  The news service needs the optional ``news`` extra
    (:func:`news_service`).
    """

    settings: Settings
    services: Services
    model_timeout_s: float
    runner: ModelRunner

    @classmethod
    def build(cls, settings: Settings, model_timeout_s: float, model_workers: int) -> WebState:
        """The app's state: one services container for ``settings``."""
        return cls(
            settings=settings,
            services=Services(settings),
            model_timeout_s=model_timeout_s,
            runner=ModelRunner(model_workers, model_timeout_s),
        )

    @property
    def ledger(self) -> LedgerService:
        """The app's ledger service (one store)."""
        return self.services.ledger

    @property
    def scenarios(self) -> ScenarioService:
        """The app's scenario service (on the app's ledger and model)."""
        return self.services.scenarios

    @property
    def model(self) -> ModelService:
        """The app's model service (the world loaded once)."""
        return self.services.model

    @property
    def hts(self) -> HtsService:
        """The app's tariff-line service."""
        return self.services.hts

    @property
    def charts(self) -> ChartService:
        """The app's chart service (on the app's ledger and scenarios)."""
        return self.services.charts

    @property
    def supply(self) -> SupplyService:
        """The app's supply-chain service."""
        return self.services.supply


def web_state(request: Request) -> WebState:
    """The app's :class:`WebState` (a dependency)."""
    state: WebState = request.app.state.web
    return state


State = Annotated[WebState, Depends(web_state)]


def news_service(state: WebState) -> NewsService:
    """The app's news service (on the app's ledger store), built on first use; 503 if the
    ``news`` extra is missing."""
    try:
        return state.services.news
    except ImportError as err:
        raise ProblemError(
            503,
            "news-unavailable",
            "News tools not installed",
            f"The review API needs the 'news' extra ({err.name or err} is missing): "
            "pip install 'tradewar[news]'.",
        ) from err


async def compute(state: WebState, func: Callable[..., T], *args: Any) -> T:
    """Run model work in a model thread, bounded in time and in concurrency.

    At most ``model_workers`` computations run at once (:class:`ModelRunner`); one that
    outlives ``state.model_timeout_s`` is cancelled (the solver stops), not abandoned.

    Raises
    ------
    ProblemError
        503 ``timeout`` when the work takes longer than ``state.model_timeout_s``.
    """
    try:
        return await state.runner.run(func, *args)
    except ModelTimeout as err:
        raise ProblemError(
            503,
            "timeout",
            "Computation timed out",
            f"The model run took longer than {state.model_timeout_s:g} s and was cancelled; "
            "try fewer scenarios or a smaller request.",
        ) from err


# ---------------------------------------------------------------------- parsing


def parsed(field: str, func: Callable[..., T], *args: Any) -> T:
    """Parse one parameter; a tradewar error becomes a problem naming ``field``.

    An error that names its own field (a service parameter) is left to the app's error
    handler, which names that field as the request does (see ``problems.parameter_names``).
    """
    try:
        return func(*args)
    except TradewarError as err:
        if err.field is not None and not err.field.startswith("-"):
            raise
        raise ProblemError.from_error(err, field=field) from err


@overload
def day_param(field: str, value: str) -> date: ...
@overload
def day_param(field: str, value: None) -> None: ...
def day_param(field: str, value: str | None) -> date | None:
    """A date parameter (ISO 8601), as a date; a malformed one is an error naming ``field``
    (a service parameter such as ``start``, which the API calls by its alias, ``from``)."""
    return None if value is None else parse_date(value, field)


@lru_cache(maxsize=4096)
def _iso3(value: str) -> str:
    """:func:`to_iso3`, cached: fuzzy name matching is slow and bodies repeat codes."""
    return to_iso3(value)


def country_param(field: str, value: str) -> str:
    """A country parameter as ISO3; an unknown one is an error naming ``field`` (a 422
    problem in the API, the field's label on a page)."""
    try:
        return _iso3(value)
    except TradewarError as err:
        err.field = field
        raise


def row_key(code: str) -> str:
    """A comparison row: a group name (USA, CHN, EU, RoW, non-US, world) or an ISO3 code."""
    return code if code in GROUP_NAMES else to_iso3(code)


# ---------------------------------------------------------------------- authentication

bearer = HTTPBearer(auto_error=False, description="A token from 'tradewar tokens create NAME'.")


def writer(
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The name behind the request's bearer token; 401 without a valid one."""
    challenge = {"WWW-Authenticate": 'Bearer realm="tradewar"'}
    if credentials is None or not credentials.credentials:
        raise ProblemError(
            401,
            "unauthorized",
            "Bearer token required",
            "Writes need 'Authorization: Bearer <token>'; create a token with "
            "'tradewar tokens create NAME'.",
            field="Authorization",
            headers=challenge,
        )
    owner = state.ledger.store.token_owner(credentials.credentials)
    if owner is None:
        raise ProblemError(
            401,
            "unauthorized",
            "Invalid bearer token",
            "The bearer token is unknown or revoked; see 'tradewar tokens list'.",
            field="Authorization",
            headers=challenge,
        )
    return owner


Writer = Annotated[str, Depends(writer)]

# ---------------------------------------------------------------------- query parameters

Format = Literal["json", "csv"]
DateParam = Annotated[str, Query(max_length=40, examples=["2025-05-20"])]
OptDateParam = Annotated[str | None, Query(max_length=40, examples=["2025-05-20"])]
CountryParam = Annotated[str, Query(min_length=1, max_length=60, examples=["USA"])]
OptCountryParam = Annotated[str | None, Query(max_length=60, examples=["CHN"])]
FormatParam = Annotated[Format, Query(description="json (default) or csv")]

# ---------------------------------------------------------------------- documented answers

CSV_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV_MEDIA_TYPE.split(";")[0]: {"schema": {"type": "string"}}}}
}
READ_PROBLEMS = problem_schema_responses(400, 404, 413, 422, 503)
WRITE_PROBLEMS = problem_schema_responses(400, 401, 404, 409, 413, 422, 503)


def responses(*extra: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """The read problems with ``extra`` answers (a CSV or export body) merged in."""
    merged: dict[int | str, dict[str, Any]] = dict(READ_PROBLEMS)
    for part in extra:
        merged.update(part)
    return merged
