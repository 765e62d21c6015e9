"""Benchmark of the supply module (a script, not a test).

Builds a synthetic MRIO of 49 regions × 200 sectors (EXIOBASE size, N = 9,800, density
6.5%), runs 365 daily steps of the sparse ARIO model (numpy, and numba when installed)
under a capacity shock and an export mask, times the dense step that boario performs
(boario itself when installed, otherwise the same equations on dense N×N matrices with
two (P×N) @ (N×N) products per step, :func:`tradewar.supply.sectors.dense_reference_step`)
and prints the ratio; then times 1,000 Monte Carlo draws × 52 weeks of the rare-earth chain.

Targets (issue 7): sparse ≥ 10× faster than the dense step; a year at 49×200 under 60 s;
1,000 draws of the rare-earth chain over 52 weeks under 30 s on 2 cores.

Run: ``.venv/bin/python benchmarks/supply.py [--dense-steps 3] [--regions 49 --sectors 200]``
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from tradewar.supply.mrio import MRIO, synthetic_mrio
from tradewar.supply.sectors import (
    HAVE_NUMBA,
    ArioParameters,
    DenseSystem,
    SectorShock,
    build_system,
    dense_reference_step,
    simulate_sectors,
)


def timed(label: str, func: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``func`` once and print its wall time."""
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    print(f"  {label:<52s} {seconds:9.2f} s", flush=True)
    return result, seconds


def shock_for(table: MRIO, days: int) -> SectorShock:
    """Half of region 0 / sector 1's capacity lost for 90 days; its exports capped at 10%."""
    n, sectors = table.n_industries, len(table.sectors)
    loss = np.zeros(n)
    loss[1] = 0.5
    losses = np.zeros((days, n))
    losses[:90] = loss
    banned = (table.seller == 1) & (table.buyer // sectors != 0)
    mask = np.where(banned, 0.1, 1.0)
    return SectorShock(losses, mask)


def boario_available() -> bool:
    """Whether boario can be imported (it is GPL-3.0 and never a dependency)."""
    try:
        import boario  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def dense_seconds_per_step(table: MRIO, steps: int) -> float:
    """Median seconds of the dense (boario-layout) step over ``steps`` steps."""
    params = ArioParameters()
    dense, _ = timed("dense: densify Z (N×N float64)", lambda: DenseSystem.from_mrio(table))
    loss = np.zeros(table.n_industries)
    loss[1] = 0.5
    times = []
    for step in range(steps):
        _, seconds = timed(
            f"dense: step {step + 1}", lambda: dense_reference_step(dense, params, loss)
        )
        times.append(seconds)
    return float(np.median(times))


def sector_benchmark(args: argparse.Namespace) -> dict[str, float]:
    """Sparse vs dense ARIO at R × P."""
    print(f"\nLayer B: synthetic MRIO {args.regions} × {args.sectors}, {args.days} daily steps")
    table, _ = timed(
        "generate synthetic MRIO", lambda: synthetic_mrio(args.regions, args.sectors, 0.065, 0)
    )
    density = table.flow.size / table.n_industries**2
    print(f"  N = {table.n_industries}, nnz = {table.flow.size:,} ({density:.1%})")
    system, _ = timed("build sparse system (sort, groups)", lambda: build_system(table))
    shock = shock_for(table, args.days)
    results: dict[str, float] = {}
    _, numpy_total = timed(
        f"sparse numpy: {args.days} steps", lambda: simulate_sectors(system, args.days, shock)
    )
    results["numpy_year_s"] = numpy_total * 365 / args.days
    if HAVE_NUMBA:
        timed(
            "sparse numba: compile (first call, cached after)",
            lambda: simulate_sectors(system, 1, shock, engine="numba"),
        )
        _, numba_total = timed(
            f"sparse numba: {args.days} steps",
            lambda: simulate_sectors(system, args.days, shock, engine="numba"),
        )
        results["numba_year_s"] = numba_total * 365 / args.days
    else:
        print("  numba not installed: pip install 'tradewar[supply]' for the fused kernel")
    if args.dense_steps > 0:
        if boario_available():
            print("  boario is installed; timing the dense reimplementation (same layout)")
        results["dense_step_s"] = dense_seconds_per_step(table, args.dense_steps)
    return results


def chain_benchmark(args: argparse.Namespace) -> float:
    """1,000 Monte Carlo draws of the calibrated rare-earth scenario over 52 weeks."""
    # imported here so that --skip-chain runs where pydantic and PyYAML are absent
    from tradewar.services.supply import DEFAULT_SEED
    from tradewar.supply import dynamics
    from tradewar.supply.network import load_bundled_chain
    from tradewar.supply.policy import weekly_approval
    from tradewar.supply.scenario import draw_inputs, get_scenario

    print(f"\nLayer A: rare-earths-2025, {args.draws} draws × 52 weeks, seed {DEFAULT_SEED}")
    scenario = get_scenario("rare-earths-2025")
    chain = load_bundled_chain(scenario.chain)
    restrictions = [r.to_restriction() for r in scenario.restrictions]

    def run() -> Any:
        central = weekly_approval(chain, restrictions, scenario.start, 52)
        drawn = draw_inputs(chain, central, scenario.uncertainty, args.draws, DEFAULT_SEED)
        settings = dynamics.DynamicsSettings(rationing=scenario.rationing)
        return dynamics.simulate_chain(chain, drawn.approval, drawn.params, settings)

    path, seconds = timed("policy + draws + simulation", run)
    stops = dynamics.weeks_to_stop(chain, path)
    us_cars = chain.node_index("car", "USA")
    print(f"  car@USA stop week p10/p50/p90: {np.nanpercentile(stops[:, us_cars], [10, 50, 90])}")
    return seconds


def main() -> None:
    """Parse options, run both benchmarks, print the ratios and targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=49)
    parser.add_argument("--sectors", type=int, default=200)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--dense-steps", type=int, default=3, help="0 skips the dense step")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--skip-chain", action="store_true", help="time only the sector model")
    args = parser.parse_args()
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, cores {os.cpu_count()}, "
        f"numba {'yes' if HAVE_NUMBA else 'no'}, "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}"
    )
    sector = sector_benchmark(args)
    chain_seconds = None if args.skip_chain else chain_benchmark(args)
    print("\nSummary")
    for engine in ("numpy", "numba"):
        year = sector.get(f"{engine}_year_s")
        if year is None:
            continue
        step = year / 365
        line = f"  sparse {engine}: {step * 1000:7.1f} ms/step, year {year:6.1f} s"
        line += f" (target < 60 s: {verdict(year < 60)})"
        if "dense_step_s" in sector:
            ratio = sector["dense_step_s"] / step
            line += f"; dense {sector['dense_step_s']:.2f} s/step -> {ratio:.0f}x faster"
            line += f" (target >= 10x: {verdict(ratio >= 10)})"
        print(line)
    if chain_seconds is not None:
        print(
            f"  rare-earth chain, {args.draws} draws × 52 weeks: {chain_seconds:.2f} s"
            f" (target < 30 s: {verdict(chain_seconds < 30)})"
        )


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


if __name__ == "__main__":
    main()
