"""The dashboard's long runs, as the job board's child processes call them.

Each function is ``target(settings, progress, **params) -> dict`` (JSON-ready) and calls
the services only. They import the services inside, so a child process loads only what
its run needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tradewar.config import Settings
from tradewar.services.container import Services

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped]

    from tradewar.sweeps.spec import Draw
    from tradewar.sweeps.worker import SweepContext

Progress = Callable[[int, int], None]


@dataclass
class InProcessEngine:
    """Solves a sweep's chunks one after another in this process.

    The page's run is already a process of its own (a daemon, which may not start a pool);
    a small sweep gains nothing from more processes on a shared server.
    """

    name: str = "in-process"
    workers: int = 1

    def run(
        self, context: SweepContext, chunks: Sequence[Sequence[Draw]]
    ) -> Iterator[tuple[int, pd.DataFrame]]:
        """Solve each chunk in turn; yield ``(chunk position, rows)``."""
        from tradewar.sweeps.worker import solve_chunk

        for position, chunk in enumerate(chunks):
            yield position, solve_chunk(context, list(chunk))

    def describe(self) -> dict[str, Any]:
        """``{"engine": "in-process", "workers": 1}`` for the manifest."""
        return {"engine": self.name, "workers": self.workers}


def war_or_talks(
    settings: Settings, progress: Progress, players: list[str], base: str, mode: str, scope: str
) -> dict[str, Any]:
    """A Nash war among ``players`` or the talks of two, on the ``base`` scenario; the steps
    are best responses (counted against the war's cap until it ends) and frontier points."""
    from tradewar.services.strategy import WarRequest, talks_payload, war_payload
    from tradewar.strategy.nash import WarScope

    service = Services(settings).strategy  # the job's own process: its own services
    if mode == "talks":
        result = service.talks(players, base, progress)
        payload = talks_payload(result, base)
        payload["war"] = war_payload(result.war, base)
        return payload
    war = service.war(WarRequest(tuple(players), base, WarScope(scope)), progress)
    return {"war": war_payload(war, base)}


def small_sweep(
    settings: Settings,
    progress: Progress,
    scenario: str,
    vary: list[str],
    draws: int,
    seed: int,
    countries: list[str],
) -> dict[str, Any]:
    """A sweep of ``draws`` draws, its 5/50/95% bands beside the scenario's central values."""
    from tradewar.services.sweeps import SweepRequest
    from tradewar.sweeps.spec import parse_variations

    service = Services(settings).sweeps  # the job's own process: its own services
    request = SweepRequest(
        scenario=scenario,
        vary=parse_variations(vary),  # the page's words, checked there, read here
        draws=draws,
        seed=seed,
        countries=tuple(countries),
        chunk_size=max(1, draws // 10),  # progress in tenths
    )
    finished = 0

    def advance(solved: int) -> None:
        nonlocal finished
        finished += solved
        progress(finished, draws)

    progress(0, draws)
    outcome = service.run(request, None, advance, engine=InProcessEngine())  # kept in memory
    compared = service.compare_outcomes([outcome])
    table = compared.table.astype(object).where(compared.table.notna(), None)
    return {
        "rows": table.to_dict(orient="records"),
        "notes": list(compared.notes),
        "failed_draws": outcome.failed_draws,
        "seconds": outcome.seconds,
        "manifest": outcome.manifest,
    }
