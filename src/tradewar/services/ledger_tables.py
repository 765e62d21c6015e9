"""The ledger's tables (state, diff, timeline, the measure list) with their provenance.

Both interfaces build their table files here, so that the same query gives the same file:
``tradewar timeline --out t.parquet`` and ``GET /api/v1/timeline?format=parquet`` write the
same bytes. The provenance records the query by the service's parameter names (``start``,
not ``--from`` or ``from``), the ledger's last verified fact and record date, and the
tradewar version (:class:`tradewar.tabular.Provenance`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from tradewar.ledger.schema import Measure, official_text_dict
from tradewar.ledger.stacking import TariffStack
from tradewar.ledger.store import Revision
from tradewar.services.ledger import CHANGE_COLUMNS, STATE_COLUMNS, TIMELINE_COLUMNS, LedgerService
from tradewar.tabular import Provenance, Table

#: Columns of the measure list (``measures list --csv``, ``GET /measures?format=csv``).
MEASURE_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "imposing",
    "targets",
    "announced_on",
    "effective_on",
    "ended_on",
    "legal_status",
    "title",
    "restriction",
    "legal_basis",
    "confidence",
    "source_urls",
    "official_text",
    "unverified_after",
)

#: Columns of the duty stack on one shipment (``tariff --out``, ``GET /tariff?format=csv``):
#: one row per layer, then the total. ``status`` says how a row counts: ``applies`` (in the
#: total), ``unverified`` (depends on a measure whose stated end passed unverified: both
#: readings given), ``may apply`` (the ledger cannot decide: left out of the total) and
#: ``total``, whose ``rate_pct`` is empty when the total is not known and whose ``note`` says
#: why. Rates in percent ad valorem, additional to the MFN duty.
TARIFF_COLUMNS: tuple[str, ...] = (
    "layer",
    "status",
    "measure_id",
    "title",
    "program",
    "rate_pct",
    "statutory_rate_pct",
    "suspended_points",
    "suspended_by",
    "rate_if_continued_pct",
    "rate_if_ended_pct",
    "possible_rates_pct",
    "chapter99",
    "legal_basis",
    "effective_on",
    "ended_on",
    "source_url",
    "note",
)

#: Columns of a measure's history (``measures history ID --csv``, ``GET .../history``).
HISTORY_COLUMNS: tuple[str, ...] = (
    "measure_id",
    "revision",
    "change",
    "recorded_at",
    "superseded_at",
    "recorded_by",
    "reason",
)

#: Each ledger table: its title and columns.
LEDGER_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "state": ("Measures in force between two countries on a date", STATE_COLUMNS),
    "diff": ("What changed between two dates", CHANGE_COLUMNS),
    "timeline": ("The additional duty at each change point", TIMELINE_COLUMNS),
    "measures": ("Measures of the ledger, with dates, legal basis and sources", MEASURE_COLUMNS),
    "tariff": ("The additional duties on one shipment, layer by layer", TARIFF_COLUMNS),
    "history": ("Every recorded revision of a measure: when, by whom, why", HISTORY_COLUMNS),
}

#: Where to read each row's sources (the tables cite measures by id).
SOURCES_NOTE = (
    "Every measure cites its sources, official texts first: tradewar measures show ID, "
    "or GET /api/v1/measures/ID."
)


def measure_row(measure: Measure) -> dict[str, Any]:
    """One measure as a row of the measure list (JSON-ready; sources as URLs)."""
    row = measure.model_dump(mode="json", exclude_none=True)
    row["source_urls"] = measure.source_urls()
    row["official_text"] = official_text_dict(measure)
    return row


def revision_row(revision: Revision) -> dict[str, Any]:
    """One revision as a row of :data:`HISTORY_COLUMNS` (times in UTC, ISO 8601)."""
    row = revision.to_dict()
    row.pop("measure", None)
    return row


def tariff_rows(stack: TariffStack) -> list[dict[str, Any]]:
    """The duty stack as rows of :data:`TARIFF_COLUMNS`: the layers, then the total.

    Nothing unknown becomes a number: an unverified layer gives both readings and no
    ``rate_pct``; an uncertain one its possible rates; the total row's ``rate_pct`` is empty
    whenever :attr:`TariffStack.total_additional_pct` is ``None``, and its ``note`` says why.
    """
    rows: list[dict[str, Any]] = []
    for number, layer in enumerate(stack.layers, start=1):
        row = layer.to_dict() | {"layer": str(number), "status": "applies"}
        row["note"] = "; ".join(layer.caveats)
        rows.append(row)
    for pending in stack.unverified:
        row = pending.to_dict() | {"layer": "?", "status": "unverified"}
        row["note"] = f"{pending.reason} (unverified after {pending.unverified_after})"
        rows.append(row)
    for candidate in stack.uncertain:
        rows.append(candidate.to_dict() | {"layer": "?", "status": "may apply",
                                           "note": candidate.reason})  # fmt: skip
    rows.append(_total_row(stack))
    return rows


def _total_row(stack: TariffStack) -> dict[str, Any]:
    reasons = [stack.total_in_words()]
    if not stack.covered:
        reasons.extend(stack.coverage_notes)
    if stack.uncertain:
        reasons.append("rows that may apply are not counted")
    reasons.extend(stack.warnings)
    return {
        "layer": "total",
        "status": "total",
        "rate_pct": stack.total_additional_pct,
        "rate_if_continued_pct": stack.total_if_unverified_continued_pct,
        "rate_if_ended_pct": stack.total_if_unverified_ended_pct,
        "note": "; ".join(reasons),
    }


def tariff_table(
    service: LedgerService, stack: TariffStack, as_known_on: datetime | None = None
) -> Table:
    """The duty stack as a ledger table; its notes carry the stack's warnings and caveats."""
    query = {
        "importer": stack.importer,
        "exporter": stack.exporter,
        "hs": stack.hs,
        "on": stack.on,
        "as_known_on": as_known_on,
    }
    table = ledger_table(service, "tariff", tariff_rows(stack), query)
    assert table.provenance is not None
    notes = [*stack.warnings, *stack.notes, *table.provenance.notes]
    return Table(table.columns, table.rows, replace(table.provenance, notes=notes))


def ledger_table(
    service: LedgerService,
    name: str,
    rows: Sequence[Mapping[str, Any]],
    query: Mapping[str, Any],
) -> Table:
    """The ledger table ``name`` (a key of :data:`LEDGER_TABLES`) with its provenance.

    ``query`` holds the parameters by their service names; those not given (None) are left
    out, so the CLI and the API, which default differently, record the same query.
    """
    title, columns = LEDGER_TABLES[name]
    recorded = service.store.meta().get("bundled_as_of")
    provenance = Provenance(
        title=title,
        query={"table": name} | {key: value for key, value in query.items() if value is not None},
        verified_through=service.verified_through(),
        record_as_of=date.fromisoformat(recorded) if recorded else None,
        notes=[SOURCES_NOTE],
    )
    return Table(columns, rows, provenance)
