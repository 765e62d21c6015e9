"""Measures of the ledger: listed, shown with their history, added and corrected
(``/api/v1/measures``; writes need a bearer token and record who, when and why)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from pydantic import ValidationError

from tradewar.codes.dates import parse_instant
from tradewar.errors import renamed_fields
from tradewar.ledger.schema import Measure, MeasureKind, official_text_dict
from tradewar.services.ledger import MeasureFilter
from tradewar.services.ledger_tables import ledger_table, measure_row, revision_row
from tradewar.web.deps import (
    MAX_PAGE,
    READ_PROBLEMS,
    WRITE_PROBLEMS,
    OptCountryParam,
    OptDateParam,
    State,
    Writer,
    country_param,
    day_param,
    parsed,
    responses,
)
from tradewar.web.models import (
    MeasureCorrection,
    MeasureDetail,
    MeasurePage,
    MeasureSummary,
    MeasureWrite,
    RelationOut,
    RevisionOut,
    WriteResult,
)
from tradewar.web.problems import FieldError, ProblemError
from tradewar.web.tabular import TABLE_CONTENT, TableFormatParam, table_response

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)


@router.get(
    "/measures",
    response_model=MeasurePage,
    responses=responses(TABLE_CONTENT),
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
    format: TableFormatParam = "json",
) -> Any:
    """Measures matching the filters, ordered by date; ``from``/``to`` bound an interval."""
    first, last = day_param("start", start), day_param("end", end)
    if (first is None) != (last is None):
        raise ProblemError(
            422,
            "invalid-input",
            "Invalid input",
            "Give both 'from' and 'to', or neither.",
            field="from" if first is None else "to",
        )
    filters = MeasureFilter(
        imposing=country_param("imposing", imposing) if imposing else None,
        target=country_param("target", target) if target else None,
        kind=kind,
        between=(first, last) if first is not None and last is not None else None,
    )
    known = (
        parsed("as_known_on", parse_instant, as_known_on, "as_known_on") if as_known_on else None
    )
    with renamed_fields(between="end"):  # the service's window is the query's from and to
        measures = state.ledger.list_measures(filters, known)
    if format != "json":
        query = {**asdict(filters), "as_known_on": known}
        rows = [measure_row(m) for m in measures]
        return table_response(ledger_table(state.ledger, "measures", rows, query), format,
                              "measures")  # fmt: skip
    rows = [_summary(m) for m in measures]
    warnings = state.ledger.date_warnings(last) if last is not None else []
    if not rows and known is not None:
        reason = state.ledger.empty_reason(known)
        warnings += [reason] if reason else []
    return MeasurePage(
        items=[MeasureSummary.model_validate(row) for row in rows[offset : offset + limit]],
        total=len(rows),
        limit=limit,
        offset=offset,
        warnings=warnings,
        notes=warnings,
    )


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
) -> MeasureDetail:
    """The measure as recorded now (or at ``as_known_on``), its revisions and its links."""
    known = (
        parsed("as_known_on", parse_instant, as_known_on, "as_known_on") if as_known_on else None
    )
    measure = parsed("measure_id", state.ledger.get, measure_id, known)
    history = state.ledger.history(measure_id)
    document = measure.model_dump(mode="json", exclude_none=True)
    document["official_text"] = official_text_dict(measure)
    return MeasureDetail(
        measure=document,
        revision=max((r.revision for r in history), default=1),
        sources=[s.model_dump(mode="json", exclude_none=True) for s in measure.sources],
        history=[RevisionOut.model_validate(revision_row(r)) for r in history],
        related=[
            RelationOut(direction=d, relation=rel, measure_id=other)
            for d, rel, other in state.ledger.related(measure)
        ],
    )


@router.get(
    "/measures/{measure_id}/history",
    response_model=list[RevisionOut],
    responses=responses(TABLE_CONTENT),
    tags=["ledger"],
    summary="Every revision of one measure",
)
def measure_history(
    state: State,
    measure_id: Annotated[str, PathParam(max_length=120)],
    format: TableFormatParam = "json",
) -> Any:
    """Who recorded each revision, when and why; a table ``format`` gives the file that
    ``tradewar measures history ID --out`` writes."""
    parsed("measure_id", state.ledger.get, measure_id)
    rows = [revision_row(r) for r in state.ledger.history(measure_id)]
    if format != "json":
        table = ledger_table(state.ledger, "history", rows, {"measure_id": measure_id})
        return table_response(table, format, f"{measure_id}-history")
    return [RevisionOut.model_validate(row) for row in rows]


@router.post(
    "/measures",
    response_model=WriteResult,
    status_code=201,
    responses=WRITE_PROBLEMS,
    tags=["ledger (writes)"],
    summary="Add a measure (bearer token)",
)
def add_measure(state: State, who: Writer, body: MeasureWrite) -> WriteResult:
    """Validate a new measure and record it, with who added it and why."""
    measure = _validate_measure(body.measure)
    with renamed_fields(measures="measure"):  # one measure per request
        ids = state.ledger.add(
            [measure], recorded_by=who, reason=body.reason, origin="request body"
        )
    return WriteResult(ids=ids, recorded_by=who, reason=body.reason, revision=1)


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
) -> WriteResult:
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
    revision = state.ledger.correct(
        measure_id,
        measure,
        recorded_by=who,
        reason=body.reason,
        expected_revision=body.expected_revision,
        origin="request body",
    )
    return WriteResult(
        ids=[measure_id], recorded_by=who, reason=body.reason, revision=revision.revision
    )


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
