"""Benchmark the product search (SQLite FTS5) against a scan of every description (not a test).

Times the same queries two ways in one run:

* :func:`tradewar.hts.search.search`: the FTS5 index built once in the cache folder, and
* a baseline that reads the 18,700 descriptions into memory and, per query, keeps the lines
  whose description contains every rewritten word (a loop over strings, no ranking),

and prints both times per query and their ratio.  Also times building the index.

Run: ``TRADEWAR_DATA_DIR=../shared/data .venv/bin/python benchmarks/hts_search.py``
(``make bench`` sets the variable).  Target (issue 12): a search under 5 ms, and faster than
the scan it replaces.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tradewar.hts.lists import CROSSWALK, budgetlab_folder
from tradewar.hts.search import ProductLine, ensure_index, read_crosswalk, rewrite, search

QUERIES = ("toys", "laptops", "soybeans", "lithium-ion batteries", "rare-earth magnets",
           "steel screws", "frozen shrimp", "cotton t-shirts")  # fmt: skip
REPEAT = 50


def main() -> None:
    crosswalk = budgetlab_folder(Path(os.environ.get("TRADEWAR_DATA_DIR", "../shared/data")))
    crosswalk = crosswalk / CROSSWALK
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        index = ensure_index(crosswalk, Path(cache))
        print(f"index build: {time.perf_counter() - started:.3f} s (once per crosswalk)")
        lines = read_crosswalk(crosswalk)
        print(f"{'query':<24}{'fts5 ms':>10}{'scan ms':>10}{'ratio':>8}")
        for query in QUERIES:
            fts = _time(partial(search, index, query, 20))
            scan = _time(partial(_scan, lines, query))
            print(f"{query:<24}{fts * 1e3:>10.3f}{scan * 1e3:>10.3f}{scan / fts:>8.1f}")


def _scan(lines: list[ProductLine], query: str) -> list[ProductLine]:
    words = rewrite(query)[0].split()
    return [x for x in lines if all(w in x.description.lower() for w in words)][:20]


def _time(func: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


if __name__ == "__main__":
    main()
