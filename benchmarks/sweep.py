"""Benchmark scenario sweeps: one sweep on 1 and 2 local workers and on Dask (not a test).

Runs the same sweep (default: 2,000 draws of the Liberation Day scenario, varying ε, κ, ψ
and a tariff scale) with

* the local engine and 1 worker process,
* the local engine and 2 worker processes,
* Dask on a LocalCluster of 2 single-thread worker processes,

checks that all three give identical rows, and prints each engine's throughput (draws per
second, wall clock including pool/cluster start-up), the 1 → 2 worker scaling ratio and the
projected time of 10,000 draws.  Target (issue 9): 10,000 draws of the one-sector model in
under 10 minutes on a 2-core machine.

Run: ``TRADEWAR_DATA_DIR=../shared/data .venv/bin/python benchmarks/sweep.py [--draws N]``
(``make bench`` sets the variable).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from tradewar.config import Settings
from tradewar.services.sweeps import SweepRequest, SweepService
from tradewar.sweeps.engines import DaskEngine, LocalEngine, Runner
from tradewar.sweeps.spec import parse_variations

DEFAULT_VARY = (
    "epsilon=2:8",
    "kappa=normal(0.5,0.2)",
    "psi=0.1:0.3",
    "tariff_scale=0.8:1.2",
)
TARGET_DRAWS = 10_000
TARGET_SECONDS = 600.0


def data_dir() -> Path:
    value = os.environ.get("TRADEWAR_DATA_DIR")
    path = Path(value) if value else Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (path / "ge" / "trade_cepii.csv").is_file():
        sys.exit(f"GE data not found under {path}/ge: set TRADEWAR_DATA_DIR (see README).")
    return path


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=2_000, help="draws per engine (2000)")
    parser.add_argument("--scenario", default="liberation-day", help="scenario to sweep")
    parser.add_argument("--seed", type=int, default=20250402, help="root seed")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    return parser.parse_args()


def timed(
    service: SweepService, request: SweepRequest, engine: Runner
) -> tuple[float, pd.DataFrame]:
    """Wall-clock seconds of a whole run (plan, start-up, solves, rows), and the rows."""
    started = time.perf_counter()
    outcome = service.run(request, engine=engine)
    return time.perf_counter() - started, outcome.rows


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(data_dir=data_dir(), database_url=f"sqlite:///{scratch}/ledger.sqlite")
        service = SweepService(settings)
        vary = parse_variations(DEFAULT_VARY)
        request = SweepRequest(args.scenario, vary, draws=args.draws, seed=args.seed)
        service.plan(SweepRequest(args.scenario, vary, draws=1, seed=1))  # warm caches
        engines: list[tuple[str, Runner]] = [
            ("local, 1 worker", LocalEngine(1)),
            ("local, 2 workers", LocalEngine(2)),
        ]
        if not args.no_dask:
            engines.append(("dask LocalCluster, 2 workers", DaskEngine(2, processes=True)))
        print(
            f"Sweep of {args.scenario!r}: {args.draws} draws varying {', '.join(DEFAULT_VARY)};"
            f" {os.cpu_count()} CPUs"
        )
        throughput: dict[str, float] = {}
        reference: pd.DataFrame | None = None
        for label, engine in engines:
            seconds, rows = timed(service, request, engine)
            failed = rows.loc[rows["status"] == "failed", "draw"].nunique()
            throughput[label] = args.draws / seconds
            print(
                f"  {label:<30} {seconds:7.2f} s  {throughput[label]:7.1f} draws/s"
                f"  ({failed} failed draws)"
            )
            if reference is None:
                reference = rows
            else:
                pd.testing.assert_frame_equal(rows, reference)
        ratio = throughput["local, 2 workers"] / throughput["local, 1 worker"]
        best_label = max(throughput, key=throughput.__getitem__)
        projected = TARGET_DRAWS / throughput[best_label]
        print(f"  scaling 1 -> 2 local workers: {ratio:.2f}x")
        print("  all engines gave identical rows")
        verdict = "meets" if projected < TARGET_SECONDS else "MISSES"
        print(
            f"  projected {TARGET_DRAWS:,} draws with {best_label}: {projected:.0f} s"
            f" ({projected / 60:.1f} min; {verdict} the 10-minute target)"
        )


if __name__ == "__main__":
    main()
