"""The ledger on a date: measures in force between two countries, the duty stack on a
shipment, what changed between two dates and the headline duty over time.

Each route parses its query parameters (:func:`~tradewar.web.deps.day_param`,
:func:`~tradewar.web.deps.country_param`, :func:`~tradewar.codes.hs.normalize_hs`) and calls
the ledger service with typed values; an error names the service parameter at fault
(``err.field``), which the app's handler calls by the query parameter (``end`` is ``to``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tradewar.codes.hs import normalize_hs
from tradewar.errors import renamed_fields
from tradewar.services.ledger_tables import ledger_table, tariff_table
from tradewar.web.deps import (
    READ_PROBLEMS,
    CountryParam,
    DateParam,
    OptCountryParam,
    State,
    country_param,
    day_param,
    parsed,
    responses,
)
from tradewar.web.models import (
    DiffOut,
    MeasureStateOut,
    StateOut,
    TariffOut,
    TimelineEventOut,
    TimelineOut,
    TimelinePointOut,
)
from tradewar.web.problems import ProblemError
from tradewar.web.tabular import TABLE_CONTENT, TableFormatParam, table_response

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)


@router.get(
    "/state",
    response_model=StateOut,
    responses=responses(TABLE_CONTENT),
    tags=["ledger"],
    summary="Measures in force between two countries on a date",
)
def state_on(
    state: State,
    on: DateParam,
    a: CountryParam = "USA",
    b: CountryParam = "CHN",
    format: TableFormatParam = "json",
) -> Any:
    """Both directions, with suspended measures listed as such."""
    day = day_param("on", on)
    first, second = country_param("a", a), country_param("b", b)
    rows = [s.to_dict() for s in state.ledger.state(day, first, second)]
    if format != "json":
        query = {"on": day, "a": first, "b": second}
        return table_response(ledger_table(state.ledger, "state", rows, query), format,
                              f"state-{day}")  # fmt: skip
    warnings = state.ledger.state_warnings(day, first, second)
    measures = [MeasureStateOut.model_validate(row) for row in rows]
    return StateOut(on=day, a=first, b=second, measures=measures, warnings=warnings, notes=warnings)


@router.get(
    "/tariff",
    response_model=TariffOut,
    responses=responses(TABLE_CONTENT),
    tags=["ledger"],
    summary="The stack of additional duties on a shipment",
)
def tariff(
    state: State,
    importer: CountryParam,
    exporter: CountryParam,
    on: DateParam,
    hs: Annotated[str | None, Query(max_length=20, examples=["950300"])] = None,
    format: TableFormatParam = "json",
) -> Any:
    """Same fields as ``tradewar tariff --json``; a table ``format`` gives one row per layer
    and a total row, the file ``tradewar tariff --out`` writes."""
    imp, exp = country_param("importer", importer), country_param("exporter", exporter)
    code = parsed("hs", normalize_hs, hs) if hs else None
    day = day_param("on", on)
    stack = state.ledger.tariff(imp, exp, code, day)
    if format != "json":
        stem = f"tariff-{imp}-{exp}-{code or 'all'}-{day}"
        return table_response(tariff_table(state.ledger, stack), format, stem)
    return TariffOut.model_validate(stack.to_dict())


@router.get(
    "/diff",
    response_model=DiffOut,
    response_model_by_alias=True,
    responses=responses(TABLE_CONTENT),
    tags=["ledger"],
    summary="What changed between two dates",
)
def diff(
    state: State,
    start: Annotated[str, Query(alias="from", max_length=40, examples=["2025-04-01"])],
    end: Annotated[str, Query(alias="to", max_length=40, examples=["2025-06-30"])],
    a: OptCountryParam = None,
    b: OptCountryParam = None,
    format: TableFormatParam = "json",
) -> Any:
    """Measures that started, ended or were suspended; with ``a`` and ``b``, headline duties."""
    first, last = day_param("start", start), day_param("end", end)
    if (a is None) != (b is None):
        raise ProblemError(
            422,
            "invalid-input",
            "Invalid input",
            "Give both 'a' and 'b', or neither.",
            field="b" if b is None else "a",
        )
    pair = (country_param("a", a), country_param("b", b)) if a and b else None
    with renamed_fields(between="b"):  # the service's pair is the query's a and b
        report = state.ledger.diff(first, last, pair).to_dict()
    report["notes"] = list(report["warnings"])
    if format != "json":
        query = {"start": first, "end": last, "between": pair}
        table = ledger_table(state.ledger, "diff", report["changes"], query)
        return table_response(table, format, f"diff-{first}-{last}")
    return DiffOut.model_validate(report)


@router.get(
    "/timeline",
    response_model=TimelineOut,
    responses=responses(TABLE_CONTENT),
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
    format: TableFormatParam = "json",
) -> Any:
    """Change points of the duty ``importer`` levies on ``exporter``'s goods."""
    imp, exp = country_param("importer", importer), country_param("exporter", exporter)
    code = parsed("hs", normalize_hs, hs) if hs else None
    first, last = day_param("start", start), day_param("end", end)
    points, events = state.ledger.timeline(imp, exp, code, first, last)
    point_rows = [p.to_dict() for p in points]
    if format != "json":
        query = {"importer": imp, "exporter": exp, "hs": code, "start": first, "end": last}
        table = ledger_table(state.ledger, "timeline", point_rows, query)
        return table_response(table, format, f"timeline-{imp}-{exp}")
    warnings = state.ledger.timeline_warnings(imp, exp, code, first, last)
    return TimelineOut(
        importer=imp,
        exporter=exp,
        hs=code,
        start=first,
        end=last,
        points=[TimelinePointOut.model_validate(row) for row in point_rows],
        events=[TimelineEventOut.model_validate(e.to_dict()) for e in events],
        warnings=warnings,
        notes=warnings,
    )
