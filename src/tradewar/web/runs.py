"""The dashboard's long runs, as the job board's child processes call them.

Each function is ``target(settings, progress, **params) -> dict`` (JSON-ready) and calls
the services only. They import the services inside, so a child process loads only what
its run needs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradewar.config import Settings

Progress = Callable[[int, int], None]


def war_or_talks(
    settings: Settings, progress: Progress, players: list[str], base: str, mode: str, scope: str
) -> dict[str, Any]:
    """A Nash war among ``players`` or the talks of two, on the ``base`` scenario."""
    from tradewar.services.strategy import StrategyService, WarRequest, talks_payload, war_payload
    from tradewar.strategy.nash import WarScope

    service = StrategyService(settings)
    if mode == "talks":
        result = service.talks(players, base)
        payload = talks_payload(result, base)
        payload["war"] = war_payload(result.war, base)
        return payload
    war = service.war(WarRequest(tuple(players), base, WarScope(scope)))
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
    from tradewar.services.sweeps import SweepRequest, SweepService

    service = SweepService(settings)
    request = SweepRequest(
        scenario=scenario, vary=tuple(vary), draws=draws, seed=seed, countries=tuple(countries)
    )
    finished = 0

    def advance(solved: int) -> None:
        nonlocal finished
        finished += solved
        progress(finished, draws)

    progress(0, draws)
    with tempfile.TemporaryDirectory(prefix="tradewar-sweep-") as folder:
        out = Path(folder) / f"{scenario}.parquet"
        outcome = service.run(request, out, advance)
        compared = service.compare([out])
    table = compared.table.astype(object).where(compared.table.notna(), None)
    return {
        "rows": table.to_dict(orient="records"),
        "notes": list(compared.notes),
        "failed_draws": outcome.failed_draws,
        "seconds": outcome.seconds,
        "manifest": outcome.manifest,
    }
