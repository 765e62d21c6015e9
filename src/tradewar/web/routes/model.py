"""The general-equilibrium model run on tariffs given in the request body."""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter

from tradewar.services.model import BilateralTariff, ModelService, SimulationRequest
from tradewar.web.deps import READ_PROBLEMS, State, compute, country_param
from tradewar.web.models import SimulateBody, SimulationOut

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)


def _simulate(model: ModelService, request: SimulationRequest) -> SimulationOut:
    return SimulationOut.model_validate(model.simulate(request).to_dict())


@router.post(
    "/model/simulate",
    response_model=SimulationOut,
    tags=["model"],
    summary="Simulate tariffs on the general-equilibrium model",
)
async def simulate(state: State, body: SimulateBody) -> SimulationOut:
    """Tariff overrides in the body; results in percent changes, groups and countries."""
    request = await anyio.to_thread.run_sync(simulation_request, body)  # fuzzy names: off-loop
    return await compute(state, _simulate, state.model, request)


def simulation_request(body: SimulateBody) -> SimulationRequest:
    """The typed request ``body`` describes, every country as ISO3.

    An unknown country is a 422 naming its field (``tariffs.0.exporter``); the service
    checks the rest (a country outside the model, a country taxing itself).
    """
    tariffs = [
        BilateralTariff(
            importer=country_param(f"tariffs.{k}.importer", item.importer),
            exporter=country_param(f"tariffs.{k}.exporter", item.exporter),
            rate=item.rate,
        )
        for k, item in enumerate(body.tariffs)
    ]
    us_tariffs = {country_param("us_tariffs", code): rate for code, rate in body.us_tariffs.items()}
    return SimulationRequest(
        ustr=body.ustr,
        tariffs=tariffs,
        us_tariffs=us_tariffs,
        us_others=body.us_others,
        revenue=body.revenue,
        retaliation=body.retaliation,
    )
