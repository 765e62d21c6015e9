"""The current measures, validated once and indexed by importer and exporter.

Reading the ledger means loading and validating every measure document, which costs time
in proportion to the ledger; answering one query (a tariff stack) needs only the measures
one country imposes on another. A :class:`MeasureIndex` holds the validated current
measures of one *version* of the ledger (the number of records and the highest record id:
every write inserts a record, so any write, from any process, changes it) and answers
"which measures does ``importer`` impose that reach ``exporter``" from a dictionary built
on first use. :class:`~tradewar.ledger.store.LedgerStore` keeps one and renews it when
the version moves.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence

from tradewar.ledger.schema import Measure


class MeasureIndex:
    """The validated current measures of one ledger version, by imposing country."""

    def __init__(self, version: tuple[int, int | None], measures: Sequence[Measure]) -> None:
        self.version = version
        self.measures: tuple[Measure, ...] = tuple(measures)
        by_imposing: dict[str, list[Measure]] = defaultdict(list)
        for measure in self.measures:
            by_imposing[measure.imposing].append(measure)
        self._by_imposing = {key: tuple(value) for key, value in by_imposing.items()}
        self._pairs: dict[tuple[str, str], tuple[Measure, ...]] = {}
        self._lock = threading.Lock()

    def imposed_by(self, importer: str) -> tuple[Measure, ...]:
        """Every measure ``importer`` imposes (on anyone)."""
        return self._by_imposing.get(importer, ())

    def between(self, importer: str, exporter: str) -> tuple[Measure, ...]:
        """Measures ``importer`` imposes that reach ``exporter`` (directly or through ALL).

        These are all the measures :func:`tradewar.ledger.engine.tariff_stack` looks at.
        """
        key = (importer, exporter)
        found = self._pairs.get(key)
        if found is None:
            found = tuple(m for m in self.imposed_by(importer) if m.applies_to(exporter))
            with self._lock:
                if len(self._pairs) > 50_000:  # bound the memory of a long-running server
                    self._pairs.clear()
                self._pairs[key] = found
        return found
