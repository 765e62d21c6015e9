"""The bundled scenarios: listed, shown, run on the model and compared, as JSON or as an
export (CSV, XLSX, Parquet) with its manifest."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response

from tradewar.exports import ScenarioExport, comparison_export, export_bytes, run_export
from tradewar.scenarios.spec import Scenario
from tradewar.web import deps
from tradewar.web.deps import (
    CSV_CONTENT,
    MAX_COMPARE,
    READ_PROBLEMS,
    FormatParam,
    State,
    WebState,
    compute,
    parsed,
    responses,
)
from tradewar.web.models import ComparisonOut, ScenarioDetail, ScenarioRunOut, ScenarioSummary
from tradewar.web.problems import ProblemError
from tradewar.web.tabular import EXPORT_MEDIA_TYPES, csv_response, export_response

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)


def _scenario_summary(scenario: Scenario) -> ScenarioSummary:
    return ScenarioSummary(
        name=scenario.name,
        title=scenario.title,
        description=scenario.description,
        date=scenario.on,
        others=scenario.others.value,
        hypothetical=scenario.hypothetical,
    )


@router.get(
    "/scenarios",
    response_model=list[ScenarioSummary],
    responses=responses(CSV_CONTENT),
    tags=["scenarios"],
    summary="The bundled scenarios",
)
def list_scenarios(state: State, format: FormatParam = "json") -> Any:
    """Chronological first, then hypothetical."""
    summaries = [_scenario_summary(s) for s in state.scenarios.list()]
    if format == "csv":
        rows = [summary.model_dump() for summary in summaries]
        return csv_response(rows, list(ScenarioSummary.model_fields), "scenarios")
    return summaries


#: ``format`` of the scenario results: the API's JSON, an export, or the export's manifest.
ExportFormat = Literal["json", "csv", "xlsx", "parquet", "manifest"]
EXPORT_FORMAT_HELP = (
    "json (default); csv, xlsx (sheets 'data' and 'README') or parquet: the tidy table as a "
    "download with its manifest (inputs, parameters, units, sources, assumptions, code "
    "version, data as-of date), linked from the Link header; manifest: that record as JSON, "
    "describing the CSV (its SHA-256)"
)
EXPORT_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            EXPORT_MEDIA_TYPES["csv"].split(";")[0]: {"schema": {"type": "string"}},
            EXPORT_MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
            EXPORT_MEDIA_TYPES["parquet"]: {"schema": {"type": "string", "format": "binary"}},
        }
    }
}


def export_answer(request: Request, export: ScenarioExport, stem: str, format: str) -> Response:
    """The export in ``format`` (csv, xlsx, parquet) or, for ``manifest``, its manifest."""
    suffix = "csv" if format == "manifest" else format
    data, record = export_bytes(export.table, f"{stem}.{suffix}", export.manifest)
    if format == "manifest":
        return JSONResponse(record)
    linked = request.url.include_query_params(format="manifest")
    return export_response(data, record, f"{linked.path}?{linked.query}")


def _compare_inputs(
    state: WebState, names: list[str], countries: list[str]
) -> tuple[list[str], list[str]]:
    chosen = [_bundled_scenario(state, n).name for n in dict.fromkeys(names)]
    return chosen, [parsed("country", deps.row_key, c) for c in countries]


@router.get(
    "/scenarios/compare",
    response_model=ComparisonOut,
    responses=responses(EXPORT_CONTENT),
    tags=["scenarios"],
    summary="Compare scenarios (USA, CHN, EU, RoW, world pinned)",
)
async def compare_scenarios(
    request: Request,
    state: State,
    names: Annotated[list[str], Query(alias="name", min_length=1, max_length=MAX_COMPARE)],
    countries: Annotated[list[str], Query(alias="country", max_length=20)] = [],  # noqa: B006
    format: Annotated[ExportFormat, Query(description=EXPORT_FORMAT_HELP)] = "json",
) -> Any:
    """Tidy rows ``(scenario, iso3, is_group, variable, value, unit)``, pinned rows first."""
    chosen, rows_wanted = await anyio.to_thread.run_sync(  # name matching is slow: off-loop
        _compare_inputs, state, names, countries
    )
    if format != "json":
        export = await compute(state, comparison_export, state.scenarios, chosen, rows_wanted)
        return export_answer(request, export, "compare-" + "-".join(chosen), format)
    return await compute(state, _comparison, state, chosen, rows_wanted)


def _comparison(state: WebState, chosen: list[str], rows_wanted: list[str]) -> ComparisonOut:
    """The comparison as its model (validated in the model thread, not on the event loop)."""
    table = state.scenarios.compare(chosen, rows_wanted)
    return ComparisonOut.model_validate({"scenarios": chosen, "rows": table.to_dict("records")})


@router.get(
    "/scenarios/{name}",
    response_model=ScenarioDetail,
    tags=["scenarios"],
    summary="One scenario's definition",
)
def show_scenario(state: State, name: Annotated[str, PathParam(max_length=80)]) -> ScenarioDetail:
    """The scenario as written (date, others rule, overrides, assumptions, sources)."""
    scenario = _bundled_scenario(state, name)
    return ScenarioDetail(
        name=scenario.name,
        title=scenario.title,
        hypothetical=scenario.hypothetical,
        definition=scenario.model_dump(mode="json", exclude_defaults=True, by_alias=True),
    )


@router.get(
    "/scenarios/{name}/run",
    response_model=ScenarioRunOut,
    responses=responses(EXPORT_CONTENT),
    tags=["scenarios"],
    summary="Run a scenario on the model",
)
async def run_scenario(
    request: Request,
    state: State,
    name: Annotated[str, PathParam(max_length=80)],
    format: Annotated[ExportFormat, Query(description=EXPORT_FORMAT_HELP)] = "json",
) -> Any:
    """Rates, assumptions, sources and results; an export format gives the tidy table."""
    scenario = _bundled_scenario(state, name)  # parsed once per process: no thread needed
    if format != "json":
        export = await compute(state, run_export, state.scenarios, scenario)
        return export_answer(request, export, scenario.name, format)
    return await compute(state, _run, state, scenario)


def _run(state: WebState, scenario: Scenario) -> ScenarioRunOut:
    """The solved scenario as its model (validated in the model thread)."""
    return ScenarioRunOut.model_validate(state.scenarios.run(scenario).to_dict())


def _bundled_scenario(state: WebState, name: str) -> Scenario:
    """A bundled scenario by name (never a path: the API reads no files it is named)."""
    by_name = {s.name: s for s in state.scenarios.list()}
    if name not in by_name:
        raise ProblemError(
            404,
            "unknown-scenario",
            "Unknown scenario",
            f"Unknown scenario {name!r}; expected one of {', '.join(by_name)}.",
            field="name",
        )
    return by_name[name]
