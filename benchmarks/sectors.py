"""Benchmark the sectoral (LL2023, 44 regions × 16 industries) solver (not a test).

In one run:

* one equilibrium solve (a US–China tariff war: +25 points on every industry both ways)
  with :func:`tradewar.model.sectors.solve.solve_sectoral` (logs, analytic Jacobian,
  Newton; the restricted-entry system in factored form) against ``scipy.optimize.fsolve``
  on the same equations in levels with ``abs()`` and a finite-difference Jacobian (the
  authors' formulation, each residual formed term by term from the flow cubes:
  ``SectoralSystem.direct_residual``), restricted and free entry; both must agree.  For
  restricted entry a second line, for the record, times ``fsolve`` on the factored
  residual Newton itself uses (only the number of evaluations then differs);
* the whole Table 4 (``tradewar replicate ll2023``, in-process);
* the sectoral USA–CHN Nash war (16 tariffs each), when ``--war`` is given.

Run: ``TRADEWAR_DATA_DIR=../shared/data .venv/bin/python benchmarks/sectors.py [--war]``;
``--solves`` stops after the two solves (a few seconds; no Table 4).
Targets (issue 15): the restricted-entry solve ≥ 30× faster than the baseline and < 50 ms;
Table 4 < 60 s; the war < 60 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.optimize import fsolve
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from tradewar.model.sectors.data import Entry, SectoralWorld, load_table4_world
from tradewar.model.sectors.equations import Instruments, SectoralSystem
from tradewar.model.sectors.replication import table4
from tradewar.model.sectors.solve import solve_sectoral


def data_dir() -> Path:
    value = os.environ.get("TRADEWAR_DATA_DIR")
    path = Path(value) if value else Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (path / "ll2023" / "input").is_dir():
        sys.exit(f"LL2023 data not found under {path}/ll2023: set TRADEWAR_DATA_DIR.")
    return path


def war_instruments(world: SectoralWorld) -> Instruments:
    """USA and CHN raise every tariff on each other by 25 percentage points."""
    factual = Instruments.factual(world)
    tariffs = factual.import_tariffs
    usa, chn = world.index_of("USA"), world.index_of("CHN")
    tariffs[:, chn, usa] += 0.25
    tariffs[:, usa, chn] += 0.25
    return Instruments(tariffs, factual.export_taxes, factual.production_taxes)


def best_of(function: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def compare_solvers(world: SectoralWorld, repeats: int) -> None:
    instruments = war_instruments(world)
    system = SectoralSystem(world, instruments)
    ours = solve_sectoral(world, instruments)

    def baseline() -> np.ndarray:
        levels = fsolve(
            lambda x: system.direct_residual(np.log(np.abs(x))), np.ones(system.size), xtol=1e-12
        )
        return np.asarray(levels)

    levels = baseline()
    gap = float(np.max(np.abs(np.log(np.abs(levels)) - ours.log_hats)))
    fast = best_of(lambda: solve_sectoral(world, instruments), repeats)
    slow = best_of(baseline, max(1, repeats // 5))
    print(
        f"{world.entry.value:>10} entry, {system.size} unknowns: Newton {1000 * fast:7.2f} ms,"
        f" fsolve (FD Jacobian) {1000 * slow:8.1f} ms, ratio {slow / fast:6.1f}x;"
        f" max |log gap| {gap:.1e}, {ours.iterations} Newton iterations"
    )
    if system.factored is not None:
        same_residual_ratio(system, fast, repeats)


def same_residual_ratio(system: SectoralSystem, newton_seconds: float, repeats: int) -> None:
    """For the record, not the target: ``fsolve`` on the factored restricted-entry residual
    that Newton itself uses (the baseline above evaluates the equations term by term, as
    the authors' code does), so that only the number of evaluations differs."""
    evaluations = 0

    def residual(x: np.ndarray) -> np.ndarray:
        nonlocal evaluations
        evaluations += 1
        return system.residual(np.log(np.abs(x)))

    def factored_baseline() -> np.ndarray:
        return np.asarray(fsolve(residual, np.ones(system.size), xtol=1e-12))

    runs = max(1, repeats // 5)
    slow = best_of(factored_baseline, runs)
    print(
        f"{'':>10}        fsolve on the factored residual (same residual as Newton):"
        f" {1000 * slow:6.1f} ms, ratio {slow / newton_seconds:5.1f}x;"
        f" {evaluations // runs} residual evaluations per fsolve solve"
    )


def main() -> None:
    if "--help" in sys.argv or "-h" in sys.argv:
        print(__doc__)
        return
    folder = data_dir()
    with threadpool_limits(limits=1, user_api="blas"):
        for entry in Entry:
            compare_solvers(load_table4_world(folder, entry), repeats=10)
        if "--solves" in sys.argv:
            return
        start = time.perf_counter()
        table = table4(folder)
        elapsed = time.perf_counter() - start
        print(
            f"Table 4 (43 countries x 4 policies x 2 entry modes): {elapsed:.1f} s"
            f" (restricted-entry average 1st best {statistics.mean(table.restricted[:, 0]):.2f}%)"
        )
        if "--war" in sys.argv:
            from tradewar.strategy.sectoral import sectoral_war

            start = time.perf_counter()
            war = sectoral_war(load_table4_world(folder, Entry.restricted), ("USA", "CHN"))
            print(
                f"Sectoral USA-CHN Nash war (16 tariffs each): {time.perf_counter() - start:.1f} s,"
                f" {war.rounds} rounds"
            )


if __name__ == "__main__":
    main()
