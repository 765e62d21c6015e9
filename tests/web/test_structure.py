"""The web layer's shape: services built once per app and shared, routes that build none,
and the names other modules imported from ``tradewar.web.api`` still there."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from tests.web.conftest import make_settings
from tradewar.ledger.engine import Layer, TimelineEvent, UncertainLayer, UnverifiedLayer
from tradewar.services.charts import ChartService
from tradewar.services.hts import HtsService
from tradewar.services.ledger import (
    CHANGE_COLUMNS,
    STATE_COLUMNS,
    TIMELINE_COLUMNS,
    LedgerService,
)
from tradewar.services.scenarios import ScenarioService
from tradewar.services.supply import SupplyService
from tradewar.web import api, deps, models
from tradewar.web.app import create_app

SERVICES = (LedgerService, ScenarioService, HtsService, ChartService, SupplyService)


def test_services_share_the_app_ledger(tmp_path: Path) -> None:
    state = create_app(make_settings(tmp_path, None)).state.web
    assert state.scenarios.ledger is state.ledger
    assert state.charts.ledger is state.ledger
    assert state.model is state.scenarios.model


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/measures?limit=5",
        "/api/v1/state?on=2025-05-20",
        "/api/v1/tariff?importer=USA&exporter=CHN&on=2025-05-20",
        "/api/v1/diff?from=2025-04-01&to=2025-06-30&a=USA&b=CHN",
        "/api/v1/timeline",
        "/api/v1/scenarios",
        "/api/v1/data/status",
        "/api/v1/products?q=toys",
        "/timeline?on=2025-05-20",
        "/shipment?on=2025-05-20",
        "/supply",
    ],
)
def test_requests_build_no_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """Routes and pages use the services of the app; one built by the web layer during a
    request is an error (the service layer's own helpers are its business)."""
    app = create_app(make_settings(tmp_path, None))

    def guarded(original: Callable[..., None]) -> Callable[..., None]:
        def init(self: object, *args: object, **kwargs: object) -> None:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.startswith("tradewar.web"):
                raise AssertionError(f"{caller} built a {type(self).__name__} during a request")
            original(self, *args, **kwargs)

        return init

    with TestClient(app) as client:
        client.get("/api/v1/measures?limit=1")  # open the ledger before guarding
        for service in SERVICES:
            monkeypatch.setattr(service, "__init__", guarded(service.__init__))
        response = client.get(url)
    assert response.status_code < 500 or response.status_code == 503, response.text


def test_api_keeps_the_names_other_modules_import() -> None:
    for name in ("WebState", "State", "Writer", "compute", "country_param", "parsed", "row_key"):
        assert getattr(api, name) is getattr(deps, name)
    assert all(router.prefix == "/api/v1" for router in api.routers)


@pytest.mark.parametrize(
    ("model", "columns"),
    [
        (models.MeasureStateOut, STATE_COLUMNS),
        (models.ChangeOut, CHANGE_COLUMNS),
        (models.TimelinePointOut, TIMELINE_COLUMNS),
        (models.TimelineEventOut, tuple(f.name for f in fields(TimelineEvent))),
        (models.LayerOut, tuple(f.name for f in fields(Layer))),
        (models.UnverifiedLayerOut, tuple(f.name for f in fields(UnverifiedLayer))),
        (models.UncertainLayerOut, tuple(f.name for f in fields(UncertainLayer))),
    ],
)
def test_row_models_carry_every_column(model: type[BaseModel], columns: tuple[str, ...]) -> None:
    """A field added to a ledger row must be added to its response model (or it is dropped)."""
    assert tuple(model.model_fields) == columns
