"""Benchmark /api/v1/tariff on a ledger of 3,000 measures against the bundled one (not a test).

Two SQLite ledgers in one run: the bundled US–China measures (82), and the same plus
synthetic tariff measures (copies of bundled ones with other imposing and target
countries, drawn with a fixed seed among 60 countries) up to 3,000. The same /tariff
requests (USA on CHN and CHN on USA, headline and HS 950300, three dates) go to each
through the API in-process; the script prints requests per second for both and their
ratio. Target (issue 13): the large ledger answers at least half as fast as the bundled
one, i.e. a query's cost does not grow with the number of measures (reads come from
:class:`tradewar.ledger.index.MeasureIndex`, renewed only when a write changes the
ledger). It also times one read after a write (the index being renewed) and, for
comparison, tariff stacks computed the old way (every measure loaded and validated).

Run: ``.venv/bin/python benchmarks/ledger_reads.py`` (``make bench`` runs it; no data
needed). Exit status 1 if the ratio is below 0.5.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tradewar.config import Settings
from tradewar.ledger import engine
from tradewar.ledger.schema import Measure
from tradewar.ledger.store import LedgerStore
from tradewar.web.app import create_app

TARGET_MEASURES = 3_000
REQUESTS = 300
COUNTRIES = [
    "ARG",
    "AUS",
    "AUT",
    "BEL",
    "BGD",
    "BRA",
    "CAN",
    "CHE",
    "CHL",
    "COL",
    "CZE",
    "DEU",
    "DNK",
    "EGY",
    "ESP",
    "FIN",
    "FRA",
    "GBR",
    "GRC",
    "HKG",
    "HUN",
    "IDN",
    "IND",
    "IRL",
    "ISR",
    "ITA",
    "JPN",
    "KAZ",
    "KEN",
    "KOR",
    "MAR",
    "MEX",
    "MYS",
    "NGA",
    "NLD",
    "NOR",
    "NZL",
    "PAK",
    "PER",
    "PHL",
    "POL",
    "PRT",
    "QAT",
    "ROU",
    "RUS",
    "SAU",
    "SGP",
    "SWE",
    "THA",
    "TUR",
    "TWN",
    "UKR",
    "ARE",
    "VNM",
    "ZAF",
    "LKA",
    "KHM",
    "ETH",
    "GHA",
    "CIV",
]
QUERIES = [
    {"importer": imp, "exporter": exp, "on": day, **({"hs": hs} if hs else {})}
    for imp, exp in (("USA", "CHN"), ("CHN", "USA"))
    for hs in (None, "950300")
    for day in ("2025-04-15", "2025-05-20", "2026-01-01")
]


def synthetic(store: LedgerStore, count: int, seed: int = 13) -> list[Measure]:
    """``count`` tariff measures on other country pairs, copied from bundled tariffs."""
    rng = random.Random(seed)
    templates = [m for m in store.measures() if m.kind.value == "tariff"]
    made: list[Measure] = []
    for k in range(count):
        template = rng.choice(templates).model_dump(mode="json", exclude_none=True)
        imposing, target = rng.sample(COUNTRIES, 2)
        template |= {
            "id": f"synthetic-{k}",
            "imposing": imposing,
            "targets": [target],
            "relations": [],
            "suspends": [],
        }
        made.append(Measure.model_validate(template))
    return made


def requests_per_second(client: TestClient) -> float:
    """Sequential /tariff requests per second, after one warm-up round."""
    for query in QUERIES:
        assert client.get("/api/v1/tariff", params=query).status_code == 200
    started = time.perf_counter()
    for k in range(REQUESTS):
        answer = client.get("/api/v1/tariff", params=QUERIES[k % len(QUERIES)])
        assert answer.status_code == 200, answer.text
    return REQUESTS / (time.perf_counter() - started)


def unindexed_rate(store: LedgerStore, rounds: int = 5) -> float:
    """Tariff stacks per second computed the old way: every measure loaded and validated."""
    started = time.perf_counter()
    for _ in range(rounds):
        measures = store._load_measures(None)
        engine.tariff_stack(measures, "USA", "CHN", None, date(2025, 5, 20))
    return rounds / (time.perf_counter() - started)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="tradewar-bench-"))
    results: dict[str, Any] = {}
    for label, extra in (("bundled", 0), ("large", None)):
        url = f"sqlite:///{folder / f'{label}.sqlite'}"
        store = LedgerStore.open(url)
        bundled = len(store.measures())
        if extra is None:
            extra = TARGET_MEASURES - bundled
            store.add(synthetic(store, extra), recorded_by="bench", reason="benchmark")
        total = len(store.measures())
        store.engine.dispose()
        settings = Settings(database_url=url, data_dir=folder / "no-data")
        with TestClient(create_app(settings)) as client:
            rate = requests_per_second(client)
            started = time.perf_counter()
            client.app.state.web.ledger.store.create_token(f"bench-{label}")  # type: ignore[attr-defined]
            store_ = client.app.state.web.ledger.store  # type: ignore[attr-defined]
            one = store_.get("cn-tariff-34").model_dump(mode="json", exclude_none=True)
            store_.add(
                [Measure.model_validate(one | {"id": "after-write", "relations": []})],
                recorded_by="bench",
                reason="write",
            )
            written = time.perf_counter()
            assert client.get("/api/v1/tariff", params=QUERIES[0]).status_code == 200
            rebuild_ms = (time.perf_counter() - written) * 1000
            unindexed = unindexed_rate(store_)
        results[label] = (total, rate, rebuild_ms, started)
        print(
            f"{label:8s} {total:5d} measures: {rate:7.1f} /tariff requests/s; "
            f"first read after a write {rebuild_ms:6.1f} ms (index renewed); "
            f"without the index (load and validate all, as before): {unindexed:6.1f} stacks/s"
        )
    ratio = results["large"][1] / results["bundled"][1]
    print(f"ratio large/bundled: {ratio:.2f} (target >= 0.50)")
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
