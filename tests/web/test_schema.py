"""schemathesis against the app's own OpenAPI schema: no 5xx, answers match the schema.

The app runs on each ledger backend (``tests.databases.BACKENDS``): SQLite, and PostgreSQL
when ``TRADEWAR_TEST_POSTGRES_URL`` names a server (issue 9: "schemathesis against the API
with the PostgreSQL backend: no 5xx"); without one the PostgreSQL cases skip and say why.

Requests carry a valid bearer token, so generated bodies reach the write endpoints'
validation and the database, not just the 401 of a missing token (which ``test_api``
covers). A bounded number of generated requests per operation (``MAX_EXAMPLES``); the model
operations (which solve the 194-country model on valid input) get fewer, and are left out
when the GE data is absent (they would answer 503 by design). The strategy operations start
real background runs (jobs); each is cancelled right after its request, so that the server
never has two going and answers 202 or a problem, never the 503 of a busy server.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.databases import BACKENDS, fresh_database
from tests.gedata import ge_data_dir
from tests.web.conftest import make_settings
from tradewar.news.learned import default_classifier
from tradewar.web.app import create_app
from tradewar.web.jobs import JobBoard

MAX_EXAMPLES = 25
MODEL_EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MODEL_PATHS = r"^/api/v1/(model/|scenarios/compare|scenarios/\{name\}/run)"
STRATEGY_PATHS = r"^/api/v1/strategy/"
# supply operations that propagate a shock through the WIOD network on every valid request
# (one to three seconds each): as few examples as the model operations
SUPPLY_RUN_PATHS = r"^/api/v1/supply/(scenarios/\{scenario\}/(run|sectors)|exposure)"
WRITER = "schemathesis"

_DATA = ge_data_dir()


@pytest.fixture(scope="module", params=BACKENDS)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, str]]:
    """The app on a new ledger of ``request.param``'s backend, and a writer's token."""
    folder: Path = tmp_path_factory.mktemp(f"schema-{request.param}")
    # the act classifier that `POST /news/extract?learned=true` uses is trained on its first
    # use (a few seconds); trained here, a generated request never waits on it under load
    default_classifier()
    with fresh_database(request.param, folder) as url:
        app = create_app(make_settings(folder, _DATA, url))
        store = app.state.web.ledger.store
        token = str(store.create_token(WRITER))
        try:
            yield app, token
        finally:
            store.engine.dispose()


@pytest.fixture
def backend_app(served: tuple[FastAPI, str]) -> FastAPI:
    """The app the generated requests go to (the schema is the same on every backend)."""
    return served[0]


@pytest.fixture
def writer_headers(served: tuple[FastAPI, str]) -> dict[str, str]:
    """A valid bearer token, so writes get past authentication."""
    return {"Authorization": f"Bearer {served[1]}"}


def _schema_app() -> FastAPI:
    """An app that only serves the schema to collect the operations from (SQLite, private)."""
    return create_app(make_settings(Path(tempfile.mkdtemp(prefix="tradewar-schema-")), _DATA))


schema = schemathesis.openapi.from_asgi("/openapi.json", _schema_app())
light = (
    schema.exclude(path_regex=MODEL_PATHS)
    .exclude(path_regex=STRATEGY_PATHS)
    .exclude(path_regex=SUPPLY_RUN_PATHS)
)
heavy = schema.include(path_regex=MODEL_PATHS)
supply_runs = schema.include(path_regex=SUPPLY_RUN_PATHS)
strategy = schema.include(path_regex=STRATEGY_PATHS)


@light.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_ledger_and_catalogue_operations(
    case: schemathesis.Case, backend_app: FastAPI, writer_headers: dict[str, str]
) -> None:
    case.call_and_validate(app=backend_app, headers=writer_headers, checks=CHECKS)


@supply_runs.parametrize()
@settings(
    max_examples=MODEL_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_supply_run_operations(
    case: schemathesis.Case, backend_app: FastAPI, writer_headers: dict[str, str]
) -> None:
    case.call_and_validate(app=backend_app, headers=writer_headers, checks=CHECKS)


@heavy.parametrize()
@settings(
    max_examples=MODEL_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_model_operations(
    case: schemathesis.Case, backend_app: FastAPI, writer_headers: dict[str, str]
) -> None:
    if _DATA is None:
        pytest.skip(
            "needs the GE data: TRADEWAR_DATA_DIR has no ge/trade_cepii.csv (make test points "
            "it at ../shared/data); without it the model operations answer 503 by design"
        )
    case.call_and_validate(app=backend_app, headers=writer_headers, checks=CHECKS)


@strategy.parametrize()
@settings(
    max_examples=MODEL_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_strategy_job_operations(
    case: schemathesis.Case, backend_app: FastAPI, writer_headers: dict[str, str]
) -> None:
    if _DATA is None:
        pytest.skip(
            "needs the GE data: TRADEWAR_DATA_DIR has no ge/trade_cepii.csv; without it the"
            " strategy operations answer 503 by design"
        )
    try:
        case.call_and_validate(app=backend_app, headers=writer_headers, checks=CHECKS)
    finally:
        board: JobBoard | None = getattr(backend_app.state, "jobs", None)
        if board is not None:
            for job_id in list(board._jobs):
                board.cancel(job_id)


def test_generated_requests_reach_the_backend_under_test(
    backend_app: FastAPI, writer_headers: dict[str, str]
) -> None:
    """The token exists only in the backend's ledger: a write gets past authentication there."""
    case = schema["/api/v1/measures"]["POST"].Case(body={"measure": {}, "reason": "probe"})
    response = case.call(app=backend_app, headers=writer_headers)
    assert response.status_code == 422, response.text
    assert response.json()["field"].startswith("measure"), response.text
    unrouted = case.call(headers=writer_headers)  # the schema-only app knows no such token
    assert unrouted.status_code == 401, unrouted.text
