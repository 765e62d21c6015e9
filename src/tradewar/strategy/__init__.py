"""Trade wars and trade talks: best responses, Nash tariffs and bargaining (Ossa 2014).

Built on :mod:`tradewar.model`: welfare gradients with respect to tariffs through the
equilibrium by the adjoint method (:mod:`tradewar.strategy.adjoint`), best responses
(:mod:`tradewar.strategy.best_response`), Nash tariff wars by iterated best responses
(:mod:`tradewar.strategy.nash`; by industry on the LL2023 model in
:mod:`tradewar.strategy.sectoral`, not imported here) and the efficiency frontier and Nash
bargaining solution relative to the war (:mod:`tradewar.strategy.talks`).  Tariffs are
decimals (0.25 = 25%); welfare is the percent change of ge-model §4.3 relative to the
factual (zero-tariff) world.
"""

from __future__ import annotations

from tradewar.strategy.adjoint import Evaluation, TariffLever, WelfareProblem
from tradewar.strategy.best_response import BestResponse, best_response
from tradewar.strategy.nash import NashWar, nash_war
from tradewar.strategy.talks import Talks, talks

__all__ = [
    "BestResponse",
    "Evaluation",
    "NashWar",
    "Talks",
    "TariffLever",
    "WelfareProblem",
    "best_response",
    "nash_war",
    "talks",
]
