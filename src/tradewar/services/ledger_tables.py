"""The ledger's tables (state, diff, timeline, the measure list) with their provenance.

Both interfaces build their table files here, so that the same query gives the same file:
``tradewar timeline --out t.parquet`` and ``GET /api/v1/timeline?format=parquet`` write the
same bytes. The provenance records the query by the service's parameter names (``start``,
not ``--from`` or ``from``), the ledger's last verified fact and record date, and the
tradewar version (:class:`tradewar.tabular.Provenance`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tradewar.ledger.schema import Measure, official_text_dict
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

#: Each ledger table: its title and columns.
LEDGER_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "state": ("Measures in force between two countries on a date", STATE_COLUMNS),
    "diff": ("What changed between two dates", CHANGE_COLUMNS),
    "timeline": ("The additional duty at each change point", TIMELINE_COLUMNS),
    "measures": ("Measures of the ledger, with dates, legal basis and sources", MEASURE_COLUMNS),
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
