"""The JSON API, versioned under ``/api/v1``: a thin layer over the service layer.

Reads are open; writes need a bearer token (``tradewar tokens create NAME``) and record
who (the token's name), when and why. Parameters are parsed here, one by one, so that an
error names the offending parameter (``field``) in the problem answer. Model work runs in
the threadpool under a time limit (:func:`compute`).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, overload

import anyio.to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tradewar.codes.countries import to_iso3
from tradewar.codes.dates import parse_date, parse_instant
from tradewar.codes.hs import normalize_hs
from tradewar.codes.text import StorableStr
from tradewar.config import Settings
from tradewar.datasets import dataset_status
from tradewar.errors import EditConflict, TradewarError
from tradewar.exports import ScenarioExport, comparison_export, export_bytes, run_export
from tradewar.ledger.loader import check_references
from tradewar.ledger.schema import Measure, MeasureKind, official_text_dict
from tradewar.ledger.store import Revision
from tradewar.model.policy import RevenueTreatment
from tradewar.model.results import GROUP_NAMES
from tradewar.scenarios.spec import Scenario
from tradewar.services.ledger import (
    CHANGE_COLUMNS,
    STATE_COLUMNS,
    TIMELINE_COLUMNS,
    LedgerService,
    MeasureFilter,
)
from tradewar.services.model import ModelService, Retaliation, SimulationRequest
from tradewar.services.scenarios import ScenarioService
from tradewar.web.model_runner import ModelRunner, ModelTimeout
from tradewar.web.problems import FieldError, ProblemError, problem_schema_responses
from tradewar.web.tabular import (
    CSV_MEDIA_TYPE,
    EXPORT_MEDIA_TYPES,
    csv_response,
    export_response,
)

T = TypeVar("T")

#: Largest page of a list endpoint.
MAX_PAGE = 500
#: Most scenarios one comparison may run.
MAX_COMPARE = 9


@dataclass
class WebState:
    """What the app holds for its lifetime: settings, services and limits."""

    settings: Settings
    ledger: LedgerService
    scenarios: ScenarioService
    model: ModelService
    model_timeout_s: float
    runner: ModelRunner

    @classmethod
    def build(cls, settings: Settings, model_timeout_s: float, model_workers: int) -> WebState:
        """Services sharing one ledger store and one loaded model world."""
        ledger = LedgerService(settings)
        scenarios = ScenarioService(settings)
        scenarios.ledger = ledger
        return cls(
            settings=settings,
            ledger=ledger,
            scenarios=scenarios,
            model=scenarios.model,
            model_timeout_s=model_timeout_s,
            runner=ModelRunner(model_workers, model_timeout_s),
        )


def web_state(request: Request) -> WebState:
    """The app's :class:`WebState` (a dependency)."""
    state: WebState = request.app.state.web
    return state


State = Annotated[WebState, Depends(web_state)]


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


def parsed(field: str, func: Callable[..., T], *args: Any) -> T:
    """Parse one parameter; a tradewar error becomes a problem naming ``field``."""
    try:
        return func(*args)
    except TradewarError as err:
        raise ProblemError.from_error(err, field=field) from err


@overload
def _day(field: str, value: str) -> date: ...
@overload
def _day(field: str, value: None) -> None: ...
def _day(field: str, value: str | None) -> date | None:
    return None if value is None else parsed(field, parse_date, value, field)


@lru_cache(maxsize=4096)
def _iso3(value: str) -> str:
    """:func:`to_iso3`, cached: fuzzy name matching is slow and bodies repeat codes."""
    return to_iso3(value)


def country_param(field: str, value: str) -> str:
    """A country parameter as ISO3; an unknown one is a 422 problem naming ``field``."""
    return parsed(field, _iso3, value)


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

# ---------------------------------------------------------------------- models


class MeasureSummary(BaseModel):
    """One row of the measure list."""

    id: str
    kind: str
    title: str
    imposing: str
    targets: list[str]
    announced_on: date | None
    effective_on: date | None
    ended_on: date | None
    legal_status: str
    confidence: str
    source_url: str
    official_text: dict[str, str | None] | None = None
    unverified_after: date | None = None


class MeasurePage(BaseModel):
    """A page of measures."""

    items: list[MeasureSummary]
    total: int
    limit: int
    offset: int
    warnings: list[str] = []
    notes: list[str] = []


class RevisionOut(BaseModel):
    """One recorded revision of a measure: who changed it, when and why."""

    measure_id: str
    revision: int
    change: str
    recorded_at: str
    superseded_at: str | None
    recorded_by: str
    reason: str


class RelationOut(BaseModel):
    """A link between two measures."""

    direction: Literal["to", "from"]
    relation: str
    measure_id: str


class MeasureDetail(BaseModel):
    """One measure with its sources, history and relations."""

    measure: dict[str, Any]
    revision: int
    sources: list[dict[str, Any]]
    history: list[RevisionOut]
    related: list[RelationOut]


class TariffOut(BaseModel):
    """The ``tradewar tariff --json`` contract.

    ``covered`` False: the record leaves out measures that could apply (named in
    ``coverage_notes``) and ``total_additional_pct`` is null, never 0.  Layers that depend
    on a measure past its stated end with no verified outcome are ``unverified_layers``;
    the total is then null and given both ways.  ``warnings`` flag a date past the last
    verified fact (also repeated in ``notes``).
    """

    importer: str
    exporter: str
    hs: str | None
    hs_level: int | None
    date: str
    covered: bool
    total_additional_pct: float | None
    total_if_unverified_continued_pct: float | None = None
    total_if_unverified_ended_pct: float | None = None
    layers: list[dict[str, Any]]
    unverified_layers: list[dict[str, Any]] = []
    uncertain_layers: list[dict[str, Any]]
    coverage_notes: list[str] = []
    warnings: list[str] = []
    notes: list[str]
    product: dict[str, Any] | None = Field(
        default=None,
        description="For an HS code: the product's name, the line lists naming it, the duty"
        " line by line below HTS-10, and the Budget Lab citation.",
    )


class StateOut(BaseModel):
    """Everything in force between two countries on a date (``warnings``: past the record
    or a pair it does not cover; also in ``notes``)."""

    on: date
    a: str
    b: str
    measures: list[dict[str, Any]]
    warnings: list[str] = []
    notes: list[str] = []


class DiffOut(BaseModel):
    """What changed between two dates."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    between: list[str] | None
    headline_before_pct: dict[str, float | None]
    headline_after_pct: dict[str, float | None]
    changes: list[dict[str, Any]]
    warnings: list[str] = []
    notes: list[str] = []


class TimelineOut(BaseModel):
    """The headline duty at each change point, and the events around it."""

    importer: str
    exporter: str
    hs: str | None
    start: date
    end: date
    points: list[dict[str, Any]]
    events: list[dict[str, Any]]
    warnings: list[str] = []
    notes: list[str] = []


class ScenarioSummary(BaseModel):
    """One scenario of the catalogue."""

    name: str
    title: str
    description: str | None
    date: date | None
    others: str
    hypothetical: bool


class ScenarioDetail(BaseModel):
    """A scenario's definition."""

    name: str
    title: str
    hypothetical: bool
    definition: dict[str, Any]


class ScenarioRunOut(BaseModel):
    """A solved scenario (see ``tradewar scenario run --json``)."""

    scenario: dict[str, Any]
    rates: list[dict[str, Any]]
    rates_other_pairs: int
    assumptions: list[str]
    measures: list[str]
    sources: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    bilateral_trade: list[dict[str, Any]]
    units: dict[str, str]
    solver: dict[str, Any]


class TidyRow(BaseModel):
    """One (scenario, country or group, variable) value."""

    scenario: str
    iso3: str
    is_group: bool
    variable: str
    value: float | None
    unit: str


class ComparisonOut(BaseModel):
    """Scenarios side by side, pinned groups first."""

    scenarios: list[str]
    rows: list[TidyRow]


class TariffOverride(BaseModel):
    """One bilateral tariff: ``importer`` taxes goods from ``exporter`` at ``rate``."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    importer: str = Field(min_length=1, max_length=60)
    exporter: str = Field(min_length=1, max_length=60)
    rate: float = Field(ge=0, le=10, strict=True, description="Decimal rate (0.54 = 54%).")


class SimulateBody(BaseModel):
    """A simulation: tariff overrides and the model's options."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    ustr: bool = Field(False, description="Start from the 2 April 2025 USTR schedule.")
    tariffs: list[TariffOverride] = Field(default_factory=list, max_length=2000)
    us_tariffs: dict[str, Annotated[float, Field(ge=0, le=10, strict=True)]] = Field(
        default_factory=dict, description="US tariffs by partner, decimal ({'CHN': 0.54})."
    )
    us_others: float | None = Field(None, ge=0, le=10, strict=True)
    revenue: RevenueTreatment = RevenueTreatment.income_tax_relief
    retaliation: Retaliation = Retaliation.none


class SimulationOut(BaseModel):
    """A solved simulation (see ``tradewar simulate --json``)."""

    scenario: dict[str, Any]
    solver: dict[str, Any]
    groups: list[dict[str, Any]]
    countries: list[dict[str, Any]]


class DataFileOut(BaseModel):
    """One dataset file: present or not, and where it is looked for."""

    dataset: str
    file: str
    path: str = Field(description="Where it is looked for, relative to TRADEWAR_DATA_DIR.")
    present: bool
    description: str
    units: str


class MeasureWrite(BaseModel):
    """A new measure (the ledger's measure schema) and why it is added."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    measure: dict[str, Any] = Field(description="A measure, as in the ledger's YAML schema.")
    reason: StorableStr = Field(min_length=1, max_length=2000)


class MeasureCorrection(MeasureWrite):
    """A corrected measure, why, and (optionally) the revision it was based on."""

    expected_revision: int | None = Field(None, ge=1, le=1_000_000)


class WriteResult(BaseModel):
    """What a write recorded."""

    ids: list[str]
    recorded_by: str
    reason: str
    revision: int


# ---------------------------------------------------------------------- helpers

Format = Literal["json", "csv"]
DateParam = Annotated[str, Query(max_length=40, examples=["2025-05-20"])]
OptDateParam = Annotated[str | None, Query(max_length=40, examples=["2025-05-20"])]
CountryParam = Annotated[str, Query(min_length=1, max_length=60, examples=["USA"])]
OptCountryParam = Annotated[str | None, Query(max_length=60, examples=["CHN"])]
FormatParam = Annotated[Format, Query(description="json (default) or csv")]

CSV_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV_MEDIA_TYPE.split(";")[0]: {"schema": {"type": "string"}}}}
}
READ_PROBLEMS = problem_schema_responses(400, 404, 413, 422, 503)
WRITE_PROBLEMS = problem_schema_responses(400, 401, 404, 409, 413, 422, 503)


def _responses(*extra: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    merged: dict[int | str, dict[str, Any]] = dict(READ_PROBLEMS)
    for part in extra:
        merged.update(part)
    return merged


def _summary(measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.id,
        "kind": measure.kind.value,
        "title": measure.title,
        "imposing": measure.imposing,
        "targets": list(measure.targets),
        "announced_on": measure.announced_on,
        "effective_on": measure.effective_on,
        "ended_on": measure.ended_on,
        "legal_status": measure.legal_status.value,
        "confidence": measure.confidence.value,
        "source_url": measure.sources[0].url,
        "official_text": official_text_dict(measure),
        "unverified_after": measure.unverified_after,
    }


def _revision_row(revision: Revision) -> dict[str, Any]:
    row = revision.to_dict()
    row.pop("measure", None)
    return row


def _validate_measure(document: dict[str, Any]) -> Measure:
    try:
        return Measure.model_validate(document)
    except ValidationError as err:
        errors = [
            FieldError(field=".".join(["measure", *(str(p) for p in e["loc"])]), message=e["msg"])
            for e in err.errors()
        ]
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        raise ProblemError(
            422, "invalid-measure", "Invalid measure", detail, field=errors[0].field, errors=errors
        ) from err


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


def _relative_to(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (the server's own folders stay private)."""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return Path(path).name


def row_key(code: str) -> str:
    """A comparison row: a group name (USA, CHN, EU, RoW, non-US, world) or an ISO3 code."""
    return code if code in GROUP_NAMES else to_iso3(code)


# ---------------------------------------------------------------------- router

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)


@router.get(
    "/measures",
    response_model=MeasurePage,
    responses=_responses(CSV_CONTENT),
    tags=["ledger"],
    summary="List measures (filters, pagination)",
)
def list_measures(
    state: State,
    imposing: OptCountryParam = None,
    target: OptCountryParam = None,
    kind: Annotated[MeasureKind | None, Query()] = None,
    start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40)] = None,
    as_known_on: OptDateParam = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    format: FormatParam = "json",
) -> Any:
    """Measures matching the filters, ordered by date; ``from``/``to`` bound an interval."""
    first, last = _day("from", start), _day("to", end)
    if (first is None) != (last is None):
        raise ProblemError(
            422,
            "invalid-input",
            "Invalid input",
            "Give both 'from' and 'to', or neither.",
            field="from" if first is None else "to",
        )
    if first is not None and last is not None and last < first:
        raise ProblemError(
            422,
            "invalid-input",
            "Invalid input",
            f"'to' {last} is before 'from' {first}.",
            field="to",
        )
    filters = MeasureFilter(
        imposing=country_param("imposing", imposing) if imposing else None,
        target=country_param("target", target) if target else None,
        kind=kind.value if kind else None,
        between=(first, last) if first is not None and last is not None else None,
    )
    known = (
        parsed("as_known_on", parse_instant, as_known_on, "as_known_on") if as_known_on else None
    )
    rows = [_summary(m) for m in state.ledger.list_measures(filters, known)]
    if format == "csv":
        columns = [c for c in MeasureSummary.model_fields if c != "official_text"]
        return csv_response(rows, columns, "measures")
    warnings = state.ledger.date_warnings(last) if last is not None else []
    if not rows and known is not None:
        reason = state.ledger.empty_reason(known)
        warnings += [reason] if reason else []
    return {
        "items": rows[offset : offset + limit],
        "total": len(rows),
        "limit": limit,
        "offset": offset,
        "warnings": warnings,
        "notes": warnings,
    }


@router.get(
    "/measures/{measure_id}",
    response_model=MeasureDetail,
    tags=["ledger"],
    summary="One measure with sources, history and relations",
)
def get_measure(
    state: State,
    measure_id: Annotated[str, PathParam(max_length=120)],
    as_known_on: OptDateParam = None,
) -> Any:
    """The measure as recorded now (or at ``as_known_on``), its revisions and its links."""
    known = (
        parsed("as_known_on", parse_instant, as_known_on, "as_known_on") if as_known_on else None
    )
    measure = parsed("measure_id", state.ledger.get, measure_id, known)
    history = state.ledger.history(measure_id)
    document = measure.model_dump(mode="json", exclude_none=True)
    document["official_text"] = official_text_dict(measure)
    return {
        "measure": document,
        "revision": max((r.revision for r in history), default=1),
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in measure.sources],
        "history": [_revision_row(r) for r in history],
        "related": [
            {"direction": d, "relation": rel, "measure_id": other}
            for d, rel, other in state.ledger.related(measure)
        ],
    }


@router.get(
    "/measures/{measure_id}/history",
    response_model=list[RevisionOut],
    responses=_responses(CSV_CONTENT),
    tags=["ledger"],
    summary="Every revision of one measure",
)
def measure_history(
    state: State,
    measure_id: Annotated[str, PathParam(max_length=120)],
    format: FormatParam = "json",
) -> Any:
    """Who recorded each revision, when and why."""
    parsed("measure_id", state.ledger.get, measure_id)
    rows = [_revision_row(r) for r in state.ledger.history(measure_id)]
    if format == "csv":
        return csv_response(rows, list(RevisionOut.model_fields), f"{measure_id}-history")
    return rows


@router.post(
    "/measures",
    response_model=WriteResult,
    status_code=201,
    responses=WRITE_PROBLEMS,
    tags=["ledger (writes)"],
    summary="Add a measure (bearer token)",
)
def add_measure(state: State, who: Writer, body: MeasureWrite) -> Any:
    """Validate a new measure and record it, with who added it and why."""
    measure = _validate_measure(body.measure)
    parsed(
        "measure",
        check_references,
        [measure],
        state.ledger.store.measure_ids(),
        "request body",
    )
    ids = state.ledger.store.add([measure], recorded_by=who, reason=body.reason)
    return {"ids": ids, "recorded_by": who, "reason": body.reason, "revision": 1}


@router.put(
    "/measures/{measure_id}",
    response_model=WriteResult,
    responses=WRITE_PROBLEMS,
    tags=["ledger (writes)"],
    summary="Correct a measure (bearer token)",
)
def correct_measure(
    state: State,
    who: Writer,
    measure_id: Annotated[str, PathParam(max_length=120)],
    body: MeasureCorrection,
) -> Any:
    """Record a corrected revision; with ``expected_revision``, refuse a lost race (409)."""
    measure = _validate_measure(body.measure)
    if measure.id != measure_id:
        raise ProblemError(
            422,
            "invalid-measure",
            "Invalid measure",
            f"measure.id is {measure.id!r}; expected {measure_id!r}, the measure being "
            "corrected (ids never change).",
            field="measure.id",
        )
    parsed("measure_id", state.ledger.get, measure_id)
    parsed("measure", check_references, [measure], state.ledger.store.measure_ids(), "request body")
    try:
        revision = state.ledger.store.correct(
            measure, recorded_by=who, reason=body.reason, expected_revision=body.expected_revision
        )
    except EditConflict as err:  # a lost race: name the field the client must refresh
        raise ProblemError.from_error(err, field="expected_revision") from err
    return {
        "ids": [measure_id],
        "recorded_by": who,
        "reason": body.reason,
        "revision": revision.revision,
    }


@router.get(
    "/state",
    response_model=StateOut,
    responses=_responses(CSV_CONTENT),
    tags=["ledger"],
    summary="Measures in force between two countries on a date",
)
def state_on(
    state: State,
    on: DateParam,
    a: CountryParam = "USA",
    b: CountryParam = "CHN",
    format: FormatParam = "json",
) -> Any:
    """Both directions, with suspended measures listed as such."""
    day = _day("on", on)
    first, second = country_param("a", a), country_param("b", b)
    rows = [s.to_dict() for s in parsed("b", state.ledger.state, day, first, second)]
    if format == "csv":
        return csv_response(rows, STATE_COLUMNS, f"state-{on}")
    warnings = state.ledger.state_warnings(day, first, second) if day else []
    return {
        "on": day,
        "a": first,
        "b": second,
        "measures": rows,
        "warnings": warnings,
        "notes": warnings,
    }


@router.get(
    "/tariff",
    response_model=TariffOut,
    tags=["ledger"],
    summary="The stack of additional duties on a shipment",
)
def tariff(
    state: State,
    importer: CountryParam,
    exporter: CountryParam,
    on: DateParam,
    hs: Annotated[str | None, Query(max_length=20, examples=["950300"])] = None,
) -> Any:
    """Same fields as ``tradewar tariff --json``."""
    imp, exp = country_param("importer", importer), country_param("exporter", exporter)
    code = parsed("hs", normalize_hs, hs) if hs else None
    day = _day("on", on)
    stack = parsed("exporter", state.ledger.tariff, imp, exp, code, day)
    return stack.to_dict()


@router.get(
    "/diff",
    response_model=DiffOut,
    response_model_by_alias=True,
    responses=_responses(CSV_CONTENT),
    tags=["ledger"],
    summary="What changed between two dates",
)
def diff(
    state: State,
    start: Annotated[str, Query(alias="from", max_length=40, examples=["2025-04-01"])],
    end: Annotated[str, Query(alias="to", max_length=40, examples=["2025-06-30"])],
    a: OptCountryParam = None,
    b: OptCountryParam = None,
    format: FormatParam = "json",
) -> Any:
    """Measures that started, ended or were suspended; with ``a`` and ``b``, headline duties."""
    first, last = _day("from", start), _day("to", end)
    if (a is None) != (b is None):
        raise ProblemError(
            422,
            "invalid-input",
            "Invalid input",
            "Give both 'a' and 'b', or neither.",
            field="b" if b is None else "a",
        )
    pair = [country_param("a", a), country_param("b", b)] if a and b else None
    report = parsed("b", state.ledger.diff, first, last, pair).to_dict()
    report["notes"] = list(report["warnings"])
    if format == "csv":
        return csv_response(report["changes"], CHANGE_COLUMNS, f"diff-{start}-{end}")
    return report


@router.get(
    "/timeline",
    response_model=TimelineOut,
    responses=_responses(CSV_CONTENT),
    tags=["ledger"],
    summary="The headline duty over time, with events",
)
def timeline(
    state: State,
    importer: CountryParam = "USA",
    exporter: CountryParam = "CHN",
    hs: Annotated[str | None, Query(max_length=20)] = None,
    start: Annotated[str, Query(alias="from", max_length=40)] = "2025-01-01",
    end: Annotated[str, Query(alias="to", max_length=40)] = "2026-12-31",
    format: FormatParam = "json",
) -> Any:
    """Change points of the duty ``importer`` levies on ``exporter``'s goods."""
    imp, exp = country_param("importer", importer), country_param("exporter", exporter)
    code = parsed("hs", normalize_hs, hs) if hs else None
    first, last = _day("from", start), _day("to", end)
    points, events = parsed("to", state.ledger.timeline, imp, exp, code, first, last)
    point_rows = [p.to_dict() for p in points]
    if format == "csv":
        return csv_response(point_rows, TIMELINE_COLUMNS, f"timeline-{imp}-{exp}")
    warnings = state.ledger.timeline_warnings(imp, exp, code, first, last) if first and last else []
    return {
        "importer": imp,
        "exporter": exp,
        "hs": code,
        "start": first,
        "end": last,
        "points": point_rows,
        "events": [e.to_dict() for e in events],
        "warnings": warnings,
        "notes": warnings,
    }


# ---------------------------------------------------------------------- scenarios


def _scenario_summary(scenario: Scenario) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "title": scenario.title,
        "description": scenario.description,
        "date": scenario.on,
        "others": scenario.others.value,
        "hypothetical": scenario.hypothetical,
    }


@router.get(
    "/scenarios",
    response_model=list[ScenarioSummary],
    responses=_responses(CSV_CONTENT),
    tags=["scenarios"],
    summary="The bundled scenarios",
)
def list_scenarios(state: State, format: FormatParam = "json") -> Any:
    """Chronological first, then hypothetical."""
    rows = [_scenario_summary(s) for s in state.scenarios.list()]
    if format == "csv":
        return csv_response(rows, list(ScenarioSummary.model_fields), "scenarios")
    return rows


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
    return chosen, [parsed("country", row_key, c) for c in countries]


@router.get(
    "/scenarios/compare",
    response_model=ComparisonOut,
    responses=_responses(EXPORT_CONTENT),
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
    table = await compute(state, state.scenarios.compare, chosen, rows_wanted)
    return {"scenarios": chosen, "rows": table.to_dict(orient="records")}


@router.get(
    "/scenarios/{name}",
    response_model=ScenarioDetail,
    tags=["scenarios"],
    summary="One scenario's definition",
)
def show_scenario(state: State, name: Annotated[str, PathParam(max_length=80)]) -> Any:
    """The scenario as written (date, others rule, overrides, assumptions, sources)."""
    scenario = _bundled_scenario(state, name)
    return {
        "name": scenario.name,
        "title": scenario.title,
        "hypothetical": scenario.hypothetical,
        "definition": scenario.model_dump(mode="json", exclude_defaults=True, by_alias=True),
    }


@router.get(
    "/scenarios/{name}/run",
    response_model=ScenarioRunOut,
    responses=_responses(EXPORT_CONTENT),
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
    run = await compute(state, state.scenarios.run, scenario)
    return run.to_dict()


# ---------------------------------------------------------------------- model and data


def _simulate(model: ModelService, body: SimulateBody) -> dict[str, Any]:
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
    return result


@router.post(
    "/model/simulate",
    response_model=SimulationOut,
    tags=["model"],
    summary="Simulate tariffs on the general-equilibrium model",
)
async def simulate(state: State, body: SimulateBody) -> Any:
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


@router.get(
    "/data/status",
    response_model=list[DataFileOut],
    responses=_responses(CSV_CONTENT),
    tags=["data"],
    summary="Which dataset files are present",
)
def data_status(state: State, format: FormatParam = "json") -> Any:
    """Each dataset file, whether it is present and where it is looked for."""
    rows = [
        {
            "dataset": s.dataset,
            "file": s.file,
            "path": _relative_to(s.path, state.settings.data_dir),
            "present": s.present,
            "description": s.description,
            "units": s.units,
        }
        for s in dataset_status(state.settings.data_dir)
    ]
    if format == "csv":
        return csv_response(rows, list(DataFileOut.model_fields), "data-status")
    return rows
