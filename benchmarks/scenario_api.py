"""Benchmark a scenario run through the API against its solve alone (not a test).

In one run, for a few bundled scenarios on a fresh SQLite ledger, in-process (the whole
ASGI app, middleware, routing and JSON included, called through ``httpx.ASGITransport``
in one event loop, as a server's loop would; the model runs in the app's model thread):

* **solve**: :func:`tradewar.model.solve.solve` on the scenario's tariff matrix, alone;
* **API, before**: ``GET /api/v1/scenarios/{name}/run`` with every cache emptied before
  each request (bundled scenarios re-parsed, the tariff matrix rebuilt from the ledger,
  each pair's stack scanning the whole ledger): what each request cost before issue 16;
* **API, after**: the same request with the caches kept, as a running server sees it
  (scenarios parsed once; the rate build reused while the ledger version is unchanged,
  so a repeated run re-solves only).

Prints the median time of each, the ratios API/solve before and after, and the speed-up
after/before. Target (issue 16): a scenario run through the API within 2x of its solve
time. Then it writes a measure through the store and checks the next run rebuilds (one
slow request, the ledger version having moved).

Run: ``TRADEWAR_DATA_DIR=../shared/data .venv/bin/python benchmarks/scenario_api.py``
(``make bench`` sets the variable). Exit status 1 if the target is missed.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from tradewar.config import Settings
from tradewar.model.policy import Policy
from tradewar.model.solve import solve
from tradewar.scenarios import from_ledger
from tradewar.services import scenarios as scenario_module
from tradewar.services.scenarios import ScenarioService, _BuildCache
from tradewar.web.app import create_app

SCENARIOS = ("geneva-truce", "peak-escalation", "liberation-day")
REPEATS = 25
TARGET_RATIO = 2.0


def data_dir() -> Path:
    value = os.environ.get("TRADEWAR_DATA_DIR")
    path = Path(value) if value else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    if not (path / "ge").is_dir():
        sys.exit(f"GE data not found under {path}/ge: set TRADEWAR_DATA_DIR (see README).")
    return path


async def median_ms(
    funcs: dict[str, Callable[[], Awaitable[object]]], repeats: int = REPEATS
) -> dict[str, float]:
    """Median wall time of each ``await func()`` in milliseconds, the calls interleaved.

    Interleaving puts every function under the same load of a shared machine.
    """
    times: dict[str, list[float]] = {key: [] for key in funcs}
    for _ in range(repeats):
        for key, func in funcs.items():
            start = time.perf_counter()
            await func()
            times[key].append(time.perf_counter() - start)
    return {key: 1000.0 * statistics.median(values) for key, values in times.items()}


def empty_caches(service: ScenarioService) -> None:
    """Back to the state before issue 16: nothing parsed or built is kept."""
    scenario_module._parsed_bundled_scenarios.cache_clear()
    service._builds = _BuildCache()


@contextmanager
def whole_ledger_scans() -> Iterator[None]:
    """The build as before issue 16: every pair's tariff stack scans the whole ledger.

    (Now each pair is handed only the measures its importer imposes on its exporter; the
    answers are the same, ``tests/scenarios/test_build_cache.py`` checks it.)
    """
    ledger_rates, effective_rate = from_ledger._ledger_rates, from_ledger.effective_rate
    whole: list[Any] = []

    def all_measures_rates(measures: Any, *args: Any) -> Any:
        whole[:] = measures
        return ledger_rates(measures, *args)

    def all_measures_rate(_pair_measures: Any, *args: Any) -> Any:
        return effective_rate(whole, *args)

    from_ledger._ledger_rates = all_measures_rates  # type: ignore[assignment]
    from_ledger.effective_rate = all_measures_rate  # type: ignore[assignment]
    try:
        yield
    finally:
        from_ledger._ledger_rates, from_ledger.effective_rate = ledger_rates, effective_rate


async def main() -> int:
    folder = data_dir()
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="tradewar-bench-") as tmp:
        settings = Settings(data_dir=folder, database_url=f"sqlite:///{tmp}/ledger.sqlite")
        app = create_app(settings)
        transport = httpx.ASGITransport(app=app)  # the whole app, in this event loop
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
        ):
            service: ScenarioService = app.state.web.scenarios

            async def api_run(name: str) -> None:
                answer = await client.get(f"/api/v1/scenarios/{name}/run")
                assert answer.status_code == 200, answer.text

            async def api_run_before(name: str) -> None:
                empty_caches(service)
                with whole_ledger_scans():
                    await api_run(name)

            await api_run(SCENARIOS[0])  # load and calibrate the world, open the ledger
            print(
                f"{'scenario':<18}{'solve':>9}{'API before':>12}{'API after':>11}"
                f"{'before/solve':>14}{'after/solve':>13}{'speed-up':>10}"
            )
            for name in SCENARIOS:
                scenario = service.get(name)
                build = service.build(scenario)
                policy = Policy(build.countries, build.tariffs, scenario.revenue)

                async def solve_only(p: Policy = policy) -> None:
                    solve(service.model.world, p)

                await api_run(name)  # fill the caches
                ms = await median_ms(
                    {
                        "solve": solve_only,
                        "after": partial(api_run, name),
                        "before": partial(api_run_before, name),
                    }
                )
                worst = max(worst, ms["after"] / ms["solve"])
                print(
                    f"{name:<18}{ms['solve']:>7.1f}ms{ms['before']:>10.1f}ms{ms['after']:>9.1f}ms"
                    f"{ms['before'] / ms['solve']:>13.1f}x{ms['after'] / ms['solve']:>12.2f}x"
                    f"{ms['before'] / ms['after']:>9.1f}x"
                )

            # A write through the store moves the ledger version: the next run rebuilds.
            store = service.ledger.store
            measure = store.measures()[0]
            store.correct(
                measure.model_copy(update={"title": measure.title + " (benchmark correction)"}),
                recorded_by="bench",
                reason="benchmark: a write invalidates cached builds",
            )
            start = time.perf_counter()
            await api_run(SCENARIOS[0])
            after_write_ms = 1000.0 * (time.perf_counter() - start)
            print(f"first run after a ledger write (rebuilds): {after_write_ms:.1f} ms")
    print(f"worst API/solve ratio with caches: {worst:.2f}x (target <= {TARGET_RATIO:g}x)")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
