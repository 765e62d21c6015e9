"""Benchmark of the supply module (a script, not a test).

Builds a synthetic MRIO of 49 regions × 200 sectors (EXIOBASE size, N = 9,800, density
6.5%), runs 365 daily steps of the sparse ARIO model (numpy, and numba when installed)
under a capacity shock and an export mask, times the dense step that boario performs
(boario itself when installed, otherwise the same equations on dense N×N matrices with
two (P×N) @ (N×N) products per step, :func:`tradewar.supply.sectors.dense_reference_step`)
and prints the ratio; then times 1,000 Monte Carlo draws × 52 weeks of the rare-earth chain.

Targets (issue 7): sparse ≥ 10× faster than the dense step; a year at 49×200 under 60 s;
1,000 draws of the rare-earth chain over 52 weeks under 30 s on 2 cores.

``--wiod`` (issue 18) runs the same model on the real table, WIOD 2011 (41 × 35 = 1,435
industries, from ``TRADEWAR_DATA_DIR/wiod``): a year of China's basic-metals (c12) exports
stopped for 8 weeks, numpy and numba, against the dense step on the same table (target: a
year under 10 s).  ``--boario`` then compares with boario on the same table and the same
capacity shock (half of CHN c12's capacity): boario is GPL-3.0 and never a dependency, so it
is installed on the fly into a temporary folder for a child process
(``benchmarks/supply_boario.py``), or the comparison is skipped with a message saying why.

Run: ``.venv/bin/python benchmarks/supply.py [--dense-steps 3] [--regions 49 --sectors 200]``
or ``.venv/bin/python benchmarks/supply.py --wiod [--boario] --skip-synthetic --skip-chain``
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


def wiod_benchmark(args: argparse.Namespace) -> dict[str, float]:
    """A year of the sparse ARIO on WIOD 2011 against the dense step on the same table."""
    from pathlib import Path

    from tradewar.config import Settings
    from tradewar.services.supply_sectors import wiod_parameters
    from tradewar.supply.chokepoints import ExportStop, export_stop_shock
    from tradewar.supply.wiod import load_wiod

    data_dir = Path(os.environ.get("TRADEWAR_DATA_DIR") or Settings().data_dir)
    print(f"\nLayer B on WIOD 2011 ({data_dir / 'wiod'}), {args.days} daily steps")
    wiod, _ = timed("load WIOD 2011 (Parquet)", lambda: load_wiod(data_dir))
    table = wiod.mrio()
    print(f"  N = {table.n_industries}, nnz = {table.flow.size:,}")
    params = wiod_parameters(len(table.sectors))
    system, _ = timed("build sparse system", lambda: build_system(table, params))
    stop = ExportStop(("CHN",), "c12", (), 8)
    shock = export_stop_shock(table, wiod.final_by_region(), stop, args.days)
    results: dict[str, float] = {}
    _, seconds = timed(
        f"sparse numpy: {args.days} steps (CHN c12 exports stop 8 weeks)",
        lambda: simulate_sectors(system, args.days, shock, params),
    )
    results["numpy_year_s"] = seconds * 365 / args.days
    if HAVE_NUMBA:
        timed("sparse numba: compile", lambda: simulate_sectors(system, 1, shock, params, "numba"))
        _, seconds = timed(
            f"sparse numba: {args.days} steps",
            lambda: simulate_sectors(system, args.days, shock, params, "numba"),
        )
        results["numba_year_s"] = seconds * 365 / args.days
    dense = DenseSystem.from_mrio(table, params)
    mask = np.ones((table.n_industries, table.n_industries))
    mask[table.seller, table.buyer] = shock.mask_on(0)
    loss = np.zeros(table.n_industries)
    dense_reference_step(dense, params, loss, mask)  # warm-up: first-touch allocations
    steps = max(args.dense_steps, 10)
    _, seconds = timed(
        f"dense: {steps} steps (boario's layout, N×N)",
        lambda: [dense_reference_step(dense, params, loss, mask) for _ in range(steps)],
    )
    results["dense_step_s"] = seconds / steps
    if args.boario:
        results.update(boario_comparison(args, data_dir, table, params))
    return results


def _install_boario(target: str) -> str | None:
    """pip-install boario (and progressbar2) into ``target``; the reason if that fails."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
               "--target", target, "boario>=0.7", "progressbar2", "python-utils"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return f"pip could not install boario: {done.stderr.strip().splitlines()[-1:]}"
    return None


def boario_comparison(
    args: argparse.Namespace, data_dir: Any, table: MRIO, params: ArioParameters
) -> dict[str, float]:
    """Same table, same capacity shock in boario (child process) and in tradewar."""
    import json
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    days = args.boario_days
    print(f"\nboario on the same table: half of CHN c12's capacity lost, {days} days")
    with tempfile.TemporaryDirectory(prefix="tradewar-boario-") as folder:
        packages = str(Path(folder) / "site")
        reason = None if boario_available() else _install_boario(packages)
        if reason:
            print(f"  SKIPPED boario comparison: {reason}")
            return {}
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [packages, os.environ.get("PYTHONPATH", "")])}  # fmt: skip
        script = Path(__file__).with_name("supply_boario.py")
        out = Path(folder) / "out"
        command = [sys.executable, str(script), str(data_dir), str(out), "--days", str(days)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"  SKIPPED boario comparison: the boario run failed: {done.stderr[-800:]}")
            return {}
        theirs = np.load(out / "boario_relative.npy")
        info = json.loads((out / "boario.json").read_text())
    print(f"  boario {info['boario_version']}: init {info['init_s']:.2f} s, "
          f"{days} steps {info['loop_s']:.2f} s ({info['step_s'] * 1000:.1f} ms/step)")  # fmt: skip
    system = build_system(table, params)
    loss = np.zeros((days, table.n_industries))
    # boario's event with occurrence 1 first cuts capacity at step 2 and, with duration
    # days - 2, lasts to the end of the run: the same days here
    loss[2:, table.industry("CHN", "c12")] = 0.5
    ours, seconds = timed(
        f"tradewar numpy: {days} steps, same shock",
        lambda: simulate_sectors(system, days, SectorShock(loss), params),
    )
    return _compare(table, ours.relative_production(), theirs, info, seconds / days, system.x0)


def _compare(
    table: MRIO, ours: Any, theirs: Any, info: dict[str, Any], our_step_s: float, x0: Any
) -> dict[str, float]:
    """Print how close the two trajectories are, and the speed ratio."""
    days = min(ours.shape[0], theirs.shape[0])
    ours, theirs = ours[:days], theirs[:days]
    lost_ours = (1 - ours).clip(min=0).sum(axis=0)
    lost_theirs = (1 - theirs).clip(min=0).sum(axis=0)
    shocked = table.industry("CHN", "c12")
    others = np.ones(table.n_industries, dtype=bool)
    others[shocked] = False
    top_ours = set(np.argsort(-lost_ours * others)[:10])
    top_theirs = set(np.argsort(-lost_theirs * others)[:10])
    gap = np.abs(ours - theirs)
    correlation = float(np.corrcoef(lost_ours[others], lost_theirs[others])[0, 1])
    sectors = len(table.sectors)
    names = [f"{table.regions[i // sectors]}/{table.sectors[i % sectors]}" for i in top_ours]
    print(f"  shocked industry CHN/c12, mean output share: tradewar {ours[:, shocked].mean():.4f},"
          f" boario {theirs[:, shocked].mean():.4f}")  # fmt: skip
    print(
        f"  largest gap in any industry's daily output share: {gap.max():.4f} "
        f"(other industries: {gap[:, others].max():.4f})"
    )
    print(f"  mean gap over other industries and days: {gap[:, others].mean():.5f}")
    print(f"  correlation of days of output lost across the other industries: {correlation:.3f}")
    print(
        f"  output lost by the other industries, USD million: tradewar "
        f"{(lost_ours * x0)[others].sum():,.0f}, boario {(lost_theirs * x0)[others].sum():,.0f}"
    )
    print(f"  top-10 losers in common: {len(top_ours & top_theirs)}/10 (tradewar: {names})")
    ratio = info["step_s"] / our_step_s
    print(f"  speed: boario {info['step_s'] * 1000:.1f} ms/step, tradewar numpy "
          f"{our_step_s * 1000:.1f} ms/step -> {ratio:.0f}x")  # fmt: skip
    return {
        "boario_step_s": info["step_s"],
        "boario_ratio": ratio,
        "boario_max_gap": float(gap.max()),
        "boario_mean_gap": float(gap[:, others].mean()),
        "boario_correlation": correlation,
    }


def main() -> None:
    """Parse options, run both benchmarks, print the ratios and targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=49)
    parser.add_argument("--sectors", type=int, default=200)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--dense-steps", type=int, default=3, help="0 skips the dense step")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--skip-chain", action="store_true", help="time only the sector model")
    parser.add_argument("--skip-synthetic", action="store_true", help="skip the 49×200 table")
    parser.add_argument("--wiod", action="store_true", help="also time WIOD 2011 (1,435)")
    parser.add_argument("--boario", action="store_true", help="compare with boario on WIOD")
    parser.add_argument("--boario-days", type=int, default=120)
    args = parser.parse_args()
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, cores {os.cpu_count()}, "
        f"numba {'yes' if HAVE_NUMBA else 'no'}, "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}"
    )
    sector = {} if args.skip_synthetic else sector_benchmark(args)
    wiod = wiod_benchmark(args) if args.wiod or args.boario else {}
    chain_seconds = None if args.skip_chain else chain_benchmark(args)
    print("\nSummary")
    print_wiod_summary(wiod)
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


def print_wiod_summary(wiod: dict[str, float]) -> None:
    """The WIOD lines of the summary (target: a year under 10 s)."""
    for engine in ("numpy", "numba"):
        year = wiod.get(f"{engine}_year_s")
        if year is None:
            continue
        step = year / 365
        ratio = wiod["dense_step_s"] / step
        print(
            f"  WIOD 2011 (N = 1,435) sparse {engine}: {step * 1000:.2f} ms/step, year "
            f"{year:.2f} s (target < 10 s: {verdict(year < 10)}); dense "
            f"{wiod['dense_step_s'] * 1000:.1f} ms/step -> {ratio:.1f}x faster"
        )
    if "boario_ratio" in wiod:
        print(
            f"  boario on WIOD 2011: {wiod['boario_step_s'] * 1000:.1f} ms/step, "
            f"{wiod['boario_ratio']:.0f}x slower than tradewar numpy; output-share gap largest "
            f"{wiod['boario_max_gap']:.4f}, mean {wiod['boario_mean_gap']:.5f}; loss correlation "
            f"{wiod['boario_correlation']:.3f}"
        )


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


if __name__ == "__main__":
    main()
