"""What a tariff war by industry on the LL2023 model finds: its bounds and its result.

The war itself is played by :func:`tradewar.strategy.sectoral.sectoral_war` (the rounds of
best responses of :mod:`tradewar.strategy.nash`, one level down, with progress); this
module holds the types and constants it shares with the model's reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from tradewar.model.sectors.solve import SectoralEquilibrium
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
