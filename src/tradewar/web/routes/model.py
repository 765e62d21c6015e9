"""The general-equilibrium model run on tariffs given in the request body."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import anyio.to_thread
from fastapi import APIRouter

from tradewar.services.model import ModelService, SimulationRequest
from tradewar.web.deps import READ_PROBLEMS, State, compute, country_param
from tradewar.web.models import SimulateBody, SimulationOut, TariffOverride
from tradewar.web.problems import ProblemError

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)


def _simulate(model: ModelService, body: SimulateBody) -> SimulationOut:
    with tempfile.TemporaryDirectory(prefix="tradewar-") as folder:
        tariff_file: Path | None = None
        if body.tariffs:
            tariff_file = Path(folder) / "tariffs.csv"
            with tariff_file.open("w", newline="", encoding="utf-8") as handle:
                out = csv.writer(handle)
                out.writerow(["importer", "exporter", "rate"])
                out.writerows((t.importer, t.exporter, repr(t.rate)) for t in body.tariffs)
        request = SimulationRequest(
            ustr=body.ustr,
            tariff_file=tariff_file,
            us_tariffs=body.us_tariffs,
            us_others=body.us_others,
            revenue=body.revenue,
            retaliation=body.retaliation,
        )
        result = model.simulate(request).to_dict()
    result["scenario"]["tariff_file"] = None
    result["scenario"]["tariffs"] = [t.model_dump() for t in body.tariffs]
    return SimulationOut.model_validate(result)


@router.post(
    "/model/simulate",
    response_model=SimulationOut,
    tags=["model"],
    summary="Simulate tariffs on the general-equilibrium model",
)
async def simulate(state: State, body: SimulateBody) -> SimulationOut:
    """Tariff overrides in the body; results in percent changes, groups and countries."""
    clean = await anyio.to_thread.run_sync(_simulation_inputs, body)  # fuzzy names: off-loop
    return await compute(state, _simulate, state.model, clean)


def _simulation_inputs(body: SimulateBody) -> SimulateBody:
    """``body`` with every country as ISO3 (a 422 naming the field for an unknown one)."""
    us_tariffs = {country_param("us_tariffs", code): rate for code, rate in body.us_tariffs.items()}
    tariffs = []
    for k, item in enumerate(body.tariffs):
        importer = country_param(f"tariffs.{k}.importer", item.importer)
        exporter = country_param(f"tariffs.{k}.exporter", item.exporter)
        if importer == exporter:
            raise ProblemError(
                422,
                "invalid-input",
                "Invalid input",
                f"tariffs.{k}: importer and exporter are both {importer}; "
                "expected two different countries.",
                field=f"tariffs.{k}.exporter",
            )
        tariffs.append(TariffOverride(importer=importer, exporter=exporter, rate=item.rate))
    return body.model_copy(update={"us_tariffs": us_tariffs, "tariffs": tariffs})
