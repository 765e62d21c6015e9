"""Benchmark the GE solver against a scipy ``fsolve`` baseline (not a test).

Solves Table 1 case 1 (USTR tariffs, income-tax relief) of IMLS (2025) twice in one run:

* with :func:`tradewar.model.solve` (unknowns in logs, analytic Jacobian, Newton), and
* with ``scipy.optimize.fsolve`` on the same system in levels with a finite-difference
  Jacobian and ``abs()`` on the unknowns: the approach of the existing partial Python port,

prints both times and their ratio, checks the two agree, and times the whole
``tradewar replicate ignatenko2025`` run (in-process and as a command).

Run: ``TRADEWAR_DATA_DIR=../shared/data .venv/bin/python benchmarks/ge_solver.py``
(``make bench`` sets the variable).  Targets (issue 3): ≥ 50× faster than the baseline,
one solve < 10 ms, the whole replicate run < 5 s on a 2-core machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import fsolve
from threadpoolctl import threadpool_limits

from tradewar.config import Settings
from tradewar.datasets import load_ge_data
from tradewar.model.calibration import World, calibrate_world
from tradewar.model.policy import Policy
from tradewar.model.scenarios import ustr_policy
from tradewar.model.solve import solve
from tradewar.services.model import ModelService


def data_dir() -> Path:
    value = os.environ.get("TRADEWAR_DATA_DIR")
    path = Path(value) if value else Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (path / "ge" / "trade_cepii.csv").is_file():
        sys.exit(f"GE data not found under {path}/ge: set TRADEWAR_DATA_DIR (see README).")
    return path


def levels_residual(x: np.ndarray, world: World, tariffs: np.ndarray) -> np.ndarray:
    """Spec §4.2 in levels, unscaled, with abs() on the unknowns (the port's formulation)."""
    n = world.size
    eps, psi, kappa = world.elasticities.trade, world.elasticities.scale, 0.5
    w, e, lab = np.abs(x[:n]), np.abs(x[n : 2 * n]), np.abs(x[2 * n :])
    demand = (
        world.shares
        * ((w / lab**psi) ** (-eps))[:, None]
        * (1 + tariffs) ** (-eps * world.phi[None, :])
    )
    shares = demand / demand.sum(axis=0)[None, :]
    income = w * lab * world.income
    new_e = e * world.expenditure
    price = (e / w) ** (1 - world.phi) * demand.sum(axis=0) ** (-1 / eps)
    flows = shares * new_e[None, :] / (1 + tariffs)
    revenue = (shares * (tariffs / (1 + tariffs)) * new_e[None, :]).sum(axis=0)
    tau = revenue / income
    err1 = flows @ (1 - world.nu) + world.nu * flows.sum(axis=0) - income
    err1[-1] = np.mean((price - 1) * world.expenditure)
    err2 = revenue + income + world.transfers * income.sum() / world.income.sum() - new_e
    err3 = lab - (w / (1 - tau) / price) ** kappa
    return np.concatenate([err1, err2, err3])


def time_once(function: object) -> float:
    start = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    folder = data_dir()
    data = load_ge_data(folder)
    world = calibrate_world(data.countries, data.raw_flows, data.gdp)
    policy: Policy = ustr_policy(world, data.ustr_rates)
    us = world.index("USA")

    solve(world, policy)  # warm-up
    ours = [time_once(lambda: solve(world, policy)) for _ in range(30)]
    result = solve(world, policy)
    ours_median = statistics.median(ours)

    with threadpool_limits(limits=1, user_api="blas"):
        start = time.perf_counter()
        x, info, status, message = fsolve(
            levels_residual,
            np.ones(3 * world.size),
            args=(world, policy.tariffs),
            xtol=1e-10,
            maxfev=200_000,
            full_output=True,
        )
        baseline = time.perf_counter() - start
    hats = np.abs(x)
    # The US employment hat of both solves.
    gap = abs(np.exp(result.log_hats[2 * world.size + us]) - hats[2 * world.size + us])

    print("Table 1 case 1 (USTR tariffs, income-tax relief), N = 194")
    print(
        f"  tradewar Newton (logs, analytic Jacobian): median {1e3 * ours_median:8.2f} ms"
        f"  (min {1e3 * min(ours):.2f}, max {1e3 * max(ours):.2f}; {result.iterations} iterations,"
        f" max |F| {result.max_residual:.1e})"
    )
    print(
        f"  scipy fsolve (levels, finite differences):      {1e3 * baseline:8.1f} ms"
        f"  ({info['nfev']} evaluations, status {status}: {message.strip()[:60]})"
    )
    print(f"  speed-up: {baseline / ours_median:,.0f}x")
    print(f"  |US employment hat, ours − fsolve| = {gap:.1e}")
    print(f"  US welfare: {result.outcomes.welfare[us]:.4f}% (published 1.13%)")

    settings = Settings(data_dir=folder)
    start = time.perf_counter()
    tables = ModelService(settings).replicate("ignatenko2025")
    in_process = time.perf_counter() - start
    print(f"replicate ignatenko2025, all {len(tables)} tables, in-process: {in_process:.2f} s")

    command = [str(Path(sys.executable).with_name("tradewar")), "replicate", "ignatenko2025"]
    environment = {**os.environ, "TRADEWAR_DATA_DIR": str(folder)}
    start = time.perf_counter()
    completed = subprocess.run(
        [*command, "--format", "json"], env=environment, capture_output=True, check=False
    )
    wall = time.perf_counter() - start
    outcome = "ok" if completed.returncode == 0 else f"exit {completed.returncode}"
    print(f"`tradewar replicate ignatenko2025 --format json` wall time: {wall:.2f} s ({outcome})")


if __name__ == "__main__":
    main()
