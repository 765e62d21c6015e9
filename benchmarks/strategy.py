"""Benchmark the strategy module (not a test): best response, Nash war, adjoint vs FD.

In one run, on the 194-country world of IMLS (2025):

* a US best response (uniform tariff, everyone else at zero: Table 1 case 3's setting;
  ge-model §6's numerical optimum is t = 0.2512, +1.806%), and one with 193 partner rates;
* the USA–CHN Nash war (bilateral tariffs, everyone else at zero) by iterated best responses;
* the adjoint gradient of US welfare against a central finite-difference gradient over
  full solves, for the 193 discriminatory US tariffs: time and agreement;
* ``talks`` (war, frontier, bargaining) for USA–CHN as it runs now, with every strategy path
  under the one-thread BLAS limit, against the same call with the adjoint evaluation and the
  bargaining optimiser outside that limit (how they ran before issue 16): the ratio.

Run: ``TRADEWAR_DATA_DIR=../shared/data .venv/bin/python benchmarks/strategy.py``.
Targets (issue 6): a best response < 1 s, the USA–CHN Nash war < 5 s on 2 cores.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from tradewar.datasets import load_ge_data
from tradewar.model.calibration import World, calibrate_world
from tradewar.model.policy import Policy
from tradewar.strategy.adjoint import (
    WelfareProblem,
    discriminatory_levers,
    uniform_lever,
    welfare_weights,
)
from tradewar.strategy.best_response import best_response
from tradewar.strategy.nash import nash_war

# The modules themselves (the package re-exports functions of the same names).
adjoint_module = importlib.import_module("tradewar.strategy.adjoint")
talks_module = importlib.import_module("tradewar.strategy.talks")
T = TypeVar("T")
REPEATS = 3


def _world() -> World:
    value = os.environ.get("TRADEWAR_DATA_DIR")
    if not value:
        sys.exit("Set TRADEWAR_DATA_DIR to the folder holding ge/ (e.g. ../shared/data).")
    data = load_ge_data(Path(value))
    return calibrate_world(data.countries, data.raw_flows, data.gdp)


def _timed(run: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def main() -> None:
    world = _world()
    free = Policy.free_trade(world.countries)
    us_weights = welfare_weights(world, ["USA"])

    seconds, response = _timed(
        lambda: best_response(world, free, (uniform_lever(world, "USA"),), us_weights)
    )
    print(
        f"US best response (uniform):     {seconds:6.3f} s  t = {100 * response.rates[0]:.3f}%,"
        f" W_US = {response.objective:+.4f}%  ({response.iterations} iterations,"
        f" {response.solves} solves; ge-model §6: 25.12%, +1.806%)"
    )

    levers = discriminatory_levers(world, "USA")
    seconds, response = _timed(lambda: best_response(world, free, levers, us_weights))
    print(
        f"US best response (193 rates):   {seconds:6.3f} s  t in"
        f" [{100 * response.rates.min():.2f}%, {100 * response.rates.max():.2f}%],"
        f" W_US = {response.objective:+.4f}%  ({response.iterations} iterations,"
        f" {response.solves} solves)"
    )

    seconds, war = _timed(lambda: nash_war(world, free, ["USA", "CHN"]))
    print(
        f"USA-CHN Nash war (bilateral):   {seconds:6.3f} s"
        f"  USA on CHN {100 * war.rate('USA', 'CHN'):.3f}%,"
        f" CHN on USA {100 * war.rate('CHN', 'USA'):.3f}%; W_USA {war.welfare['USA']:+.4f}%,"
        f" W_CHN {war.welfare['CHN']:+.4f}%  ({war.rounds} rounds, {war.solves} solves)"
    )

    levers = discriminatory_levers(world, "USA")
    problem = WelfareProblem(world, free, levers)
    rates = np.full(len(levers), 0.2)
    problem.evaluate(rates, us_weights)  # warm start for both methods
    adjoint_seconds, evaluation = _timed(lambda: problem.evaluate(rates, us_weights))
    step = 1e-5

    def finite_differences() -> np.ndarray:
        columns = []
        for m in range(len(levers)):
            shift = np.zeros(len(levers))
            shift[m] = step
            up = problem.evaluate(rates + shift, us_weights).values[0]
            down = problem.evaluate(rates - shift, us_weights).values[0]
            columns.append((up - down) / (2 * step))
        return np.array(columns)

    start = time.perf_counter()
    numerical = finite_differences()
    fd_seconds = time.perf_counter() - start
    exact = evaluation.gradients[0]
    print(
        f"Gradient, 193 US tariffs:       adjoint {1000 * adjoint_seconds:.1f} ms (solve included),"
        f" central differences {fd_seconds:.2f} s ({2 * len(levers)} solves):"
        f" {fd_seconds / adjoint_seconds:.0f}x;"
        f" max |difference| {np.abs(exact - numerical).max():.2e}"
        f" (max |gradient| {np.abs(exact).max():.3f} pp per unit tariff)"
    )

    _talks_before_and_after(world, free)


def _talks_before_and_after(world: World, free: Policy) -> None:
    """``talks`` with the BLAS limit on every path, and with it lifted where it used to be."""
    after_seconds, after = _timed(lambda: talks_module.talks(world, free, "USA", "CHN"))
    limited = (adjoint_module.single_threaded_blas, talks_module.single_threaded_blas)
    adjoint_module.single_threaded_blas = contextlib.nullcontext  # type: ignore[assignment]
    talks_module.single_threaded_blas = contextlib.nullcontext  # type: ignore[assignment]
    try:
        before_seconds, before = _timed(lambda: talks_module.talks(world, free, "USA", "CHN"))
    finally:
        adjoint_module.single_threaded_blas, talks_module.single_threaded_blas = limited
    same = np.allclose(after.bargaining.rates, before.bargaining.rates, atol=1e-6)
    print(
        f"Talks USA-CHN:                  {after_seconds:6.3f} s now, {before_seconds:6.3f} s with"
        f" threaded BLAS in the adjoint and SLSQP: {before_seconds / after_seconds:.1f}x;"
        f" same deal: {same}"
    )


if __name__ == "__main__":
    main()
