"""schemathesis against the app's own OpenAPI schema: no 5xx, answers match the schema.

A bounded number of generated requests per operation (``MAX_EXAMPLES``); the model
operations (which solve the 194-country model on valid input) get fewer, and are left out
when the GE data is absent (they would answer 503 by design).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.conftest import ge_data_dir, make_settings
from tradewar.web.app import create_app

MAX_EXAMPLES = 25
MODEL_EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MODEL_PATHS = r"^/api/v1/(model/|scenarios/compare|scenarios/\{name\}/run)"

_DATA = ge_data_dir()
_APP = create_app(make_settings(Path(tempfile.mkdtemp(prefix="tradewar-schema-")), _DATA))
schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)

light = schema.exclude(path_regex=MODEL_PATHS)
heavy = schema.include(path_regex=MODEL_PATHS)


@light.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_ledger_and_catalogue_operations(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


@heavy.parametrize()
@settings(
    max_examples=MODEL_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_model_operations(case: schemathesis.Case) -> None:
    if _DATA is None:
        pytest.skip(
            "needs the GE data: TRADEWAR_DATA_DIR has no ge/trade_cepii.csv (make test points "
            "it at ../shared/data); without it the model operations answer 503 by design"
        )
    case.call_and_validate(checks=CHECKS)
