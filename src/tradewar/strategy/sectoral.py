"""The Nash tariff war by industry on the LL2023 model, with progress.

Each player sets one import tariff per industry on each other player's goods (16 rates per
opponent), every other tariff stays at its applied 2014 value, and a best response
maximises the player's welfare ``Ŵ = Ŷ/P̂`` over its rates (L-BFGS-B, rates in [0, 500%],
gradients by one adjoint solve per trial, :mod:`tradewar.model.sectors.optimise`).  The
rounds are those of the one-sector war (:func:`tradewar.strategy.nash.
iterate_best_responses`, Gauss–Seidel), so an optional ``progress(done, total)`` callback
counts best responses exactly as :func:`~tradewar.strategy.nash.nash_war` does: against
the cap of players × ``max_rounds`` while the war runs, then the real count.  It changes
no result.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.sectors.data import SectoralWorld
from tradewar.model.sectors.equations import Instruments
from tradewar.model.sectors.optimise import TaxDesign, maximise_welfare
from tradewar.model.sectors.solve import solve_sectoral
from tradewar.model.sectors.war import MAX_TARIFF, SECTORAL_NASH_TOLERANCE, SectoralWar, WarStep
from tradewar.strategy.nash import Progress, iterate_best_responses
from tradewar.types import FloatArray

#: Rounds before the sectoral war gives up (two players settle in 3 on the LL2023 data).
SECTORAL_MAX_ROUNDS = 30


def _tariff_cells(
    world: SectoralWorld, player: int, opponents: Sequence[int]
) -> tuple[tuple[int, int, int], ...]:
    """The (industry, exporter, importer) cells of ``player``'s tariffs on its opponents."""
    return tuple((k, other, player) for other in opponents for k in range(len(world.industries)))


def sectoral_war(
    world: SectoralWorld,
    players: Sequence[str],
    *,
    tolerance: float = SECTORAL_NASH_TOLERANCE,
    max_rounds: int = SECTORAL_MAX_ROUNDS,
    progress: Progress | None = None,
) -> SectoralWar:
    """Nash tariffs by industry of ``players`` (region codes), everyone else at applied rates.

    Parameters
    ----------
    world : SectoralWorld
        The calibrated LL2023 world.
    players : sequence of str
        Two or more different region codes.
    tolerance : float
        Convergence when no rate moves by more than this in a round, decimal.
    max_rounds : int
        Rounds before giving up.
    progress : Progress, optional
        Called with (best responses played, players × ``max_rounds``) after each best
        response, then (best responses played, the same number) when the war ends.

    Raises
    ------
    tradewar.errors.InvalidInput
        If fewer than two different players are given.
    tradewar.errors.ConvergenceError
        If a rate still moves by more than ``tolerance`` in round ``max_rounds``.
    """
    codes = tuple(code.strip().upper() for code in players)
    if len(codes) < 2 or len(set(codes)) != len(codes):
        raise InvalidInput(f"players are {list(players)}; expected two or more different regions.")
    index = {code: world.index_of(code) for code in codes}
    bounds = [(0.0, float(np.log1p(MAX_TARIFF)))]
    current = Instruments.factual(world)
    guess: FloatArray | None = None
    steps: list[WarStep] = []

    def move(round_number: int, code: str) -> float:
        nonlocal current, guess
        player = index[code]
        cells = _tariff_cells(world, player, [i for i in index.values() if i != player])
        start = np.log1p(np.array([current.import_tariffs[cell] for cell in cells]))
        design = TaxDesign(base=current, tariff_cells=cells)
        with threadpool_limits(limits=1, user_api="blas"):
            theta, equilibrium = maximise_welfare(world, player, design, start, bounds * len(cells))
        current = design.instruments(theta)
        guess = equilibrium.log_hats
        change = float(np.max(np.abs(np.expm1(theta) - np.expm1(start))))
        welfare = {c: equilibrium.welfare_gain(i) for c, i in index.items()}
        steps.append(WarStep(round_number, code, change, welfare))
        return change

    rounds = iterate_best_responses(
        codes, move, tolerance=tolerance, max_rounds=max_rounds, progress=progress
    )
    if not rounds.converged:
        raise ConvergenceError(
            f"The sectoral war of {', '.join(codes)} did not settle in {max_rounds} rounds"
            f" (last round moved a rate by {rounds.changes[-1]:.3g}).",
            {"rounds": max_rounds, "max_change": rounds.changes[-1]},
        )
    final = solve_sectoral(world, current, initial_guess=guess)
    tariffs = {
        code: current.import_tariffs[:, [i for i in index.values() if i != player], player]
        for code, player in index.items()
    }
    return SectoralWar(codes, tariffs, final, tuple(steps), rounds.played)
