"""Tariff wars by industry on the LL2023 model: Nash tariffs by iterated best responses.

The approach of :mod:`tradewar.strategy.nash`, one level down: each player sets one
import tariff per industry on each other player's goods (16 rates per opponent); every
other tariff stays at its applied 2014 value.  A best response maximises the player's
welfare ``Ŵ = Ŷ/P̂`` over its rates (L-BFGS-B, rates in [0, 500%]), with the gradient from
one adjoint solve per trial (:mod:`tradewar.model.sectors.optimise`).  Players answer in
turn (Gauss–Seidel) until no rate moves by more than the tolerance in a full round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.sectors.data import SectoralWorld
from tradewar.model.sectors.equations import Instruments
from tradewar.model.sectors.optimise import TaxDesign, maximise_welfare
from tradewar.model.sectors.solve import SectoralEquilibrium, solve_sectoral
from tradewar.types import FloatArray

#: Largest change of any rate over a full round at which the war has ended (decimal).
SECTORAL_NASH_TOLERANCE = 1e-5
#: Upper bound of a best-response tariff (decimal: 5 = 500%).
MAX_TARIFF = 5.0


@dataclass(frozen=True)
class WarStep:
    """One best response: who moved, its largest rate change (decimal), welfare after (%)."""

    round: int
    player: str
    change: float
    welfare: dict[str, float]


@dataclass(frozen=True)
class SectoralWar:
    """The Nash equilibrium of a sectoral tariff war."""

    players: tuple[str, ...]
    tariffs: dict[str, FloatArray]  # player → (S, opponents) Nash rates, decimal
    equilibrium: SectoralEquilibrium
    steps: tuple[WarStep, ...]
    rounds: int

    def welfare(self, region: str) -> float:
        """Percent welfare change of a region at the Nash equilibrium."""
        return self.equilibrium.welfare_gain(self.equilibrium.world.index_of(region))


def _cells(
    world: SectoralWorld, player: int, opponents: Sequence[int]
) -> tuple[tuple[int, int, int], ...]:
    return tuple((k, other, player) for other in opponents for k in range(len(world.industries)))


def sectoral_nash_war(
    world: SectoralWorld,
    players: Sequence[str],
    *,
    tolerance: float = SECTORAL_NASH_TOLERANCE,
    max_rounds: int = 30,
) -> SectoralWar:
    """Nash tariffs by industry of ``players`` (region codes), everyone else at applied rates."""
    codes = tuple(code.strip().upper() for code in players)
    if len(codes) < 2 or len(set(codes)) != len(codes):
        raise InvalidInput(f"players are {list(players)}; expected two or more different regions.")
    indices = [world.index_of(code) for code in codes]
    current = Instruments.factual(world)
    bounds = [(0.0, float(np.log1p(MAX_TARIFF)))]
    steps: list[WarStep] = []
    guess: FloatArray | None = None
    for round_number in range(1, max_rounds + 1):
        largest = 0.0
        for code, player in zip(codes, indices, strict=True):
            opponents = [other for other in indices if other != player]
            cells = _cells(world, player, opponents)
            start = np.log1p(np.array([current.import_tariffs[cell] for cell in cells]))
            design = TaxDesign(base=current, tariff_cells=cells)
            with threadpool_limits(limits=1, user_api="blas"):
                theta, equilibrium = maximise_welfare(
                    world, player, design, start, bounds * len(cells)
                )
            current = design.instruments(theta)
            change = float(np.max(np.abs(np.expm1(theta) - np.expm1(start))))
            largest = max(largest, change)
            guess = equilibrium.log_hats
            steps.append(
                WarStep(
                    round_number,
                    code,
                    change,
                    {c: equilibrium.welfare_gain(i) for c, i in zip(codes, indices, strict=True)},
                )
            )
        if largest < tolerance:
            final = solve_sectoral(world, current, initial_guess=guess)
            tariffs = {
                code: current.import_tariffs[:, [o for o in indices if o != player], player]
                for code, player in zip(codes, indices, strict=True)
            }
            return SectoralWar(codes, tariffs, final, tuple(steps), round_number)
    raise ConvergenceError(
        f"The sectoral war of {', '.join(codes)} did not settle in {max_rounds} rounds"
        f" (last round moved a rate by {largest:.3g}).",
        {"rounds": max_rounds, "max_change": largest},
    )
