"""Trade talks: the efficiency frontier relative to the war, and the Nash bargaining solution.

As in Ossa (2014, §III.C), two players bargain over their bilateral tariffs (each side's
tariff on the other, decimals); every other tariff stays at the base scenario's values and
the threat point is the Nash war (:mod:`tradewar.strategy.nash`).  The frontier is traced
with the ε-constraint method: maximise ``W_a`` subject to ``W_b ≥ L`` for levels ``L``
between the two ends of the bargaining set (SLSQP with adjoint gradients); the Nash
bargaining solution maximises ``log(W_a − T_a) + log(W_b − T_b)``.  Welfare is the percent
change from the factual world (ge-model §4.3).  An optional ``progress(done, total)``
callback reports the war's best responses, then the frontier points, then the bargaining
solution; it changes no result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.calibration import World
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium
from tradewar.model.solve import single_threaded_blas
from tradewar.strategy.adjoint import Evaluation, WelfareProblem, welfare_weights
from tradewar.strategy.best_response import DEFAULT_BOUNDS, PERCENT
from tradewar.strategy.nash import (
    NashWar,
    Progress,
    WarScope,
    nash_war,
    no_progress,
    player,
    player_levers,
)
from tradewar.types import FloatArray

#: Number of frontier points by default (both ends included).
FRONTIER_POINTS = 11
#: How much a constraint may be violated at a reported point, percentage points of welfare.
CONSTRAINT_SLACK = 1e-7


@dataclass(frozen=True)
class DealPoint:
    """A bilateral tariff pair and the welfare it gives both sides.

    Attributes
    ----------
    label : str
        What the point is (``frontier``, ``threat``, ``bargaining``, an episode's name).
    rates : tuple of float
        (tariff of a on b, tariff of b on a), decimals.
    welfare : tuple of float
        (welfare of a, welfare of b), percent change from the factual world.
    """

    label: str
    rates: tuple[float, float]
    welfare: tuple[float, float]


@dataclass(frozen=True)
class Talks:
    """The bargaining problem of two players and its solution.

    Attributes
    ----------
    players : tuple of str
        (a, b).
    war : NashWar
        The threat point's war.
    threat : DealPoint
        The Nash war (bilateral tariffs and welfare).
    frontier : tuple of DealPoint
        Efficient tariff pairs on which neither side is worse off than in the war, from
        best-for-a to best-for-b.
    bargaining : DealPoint
        The Nash bargaining solution.
    bargaining_equilibrium : Equilibrium
        All countries' outcomes at the bargaining solution.
    episodes : tuple of DealPoint
        Actual episodes' bilateral rates, on the base scenario's other tariffs.
    """

    players: tuple[str, str]
    war: NashWar
    threat: DealPoint
    frontier: tuple[DealPoint, ...]
    bargaining: DealPoint
    bargaining_equilibrium: Equilibrium
    episodes: tuple[DealPoint, ...]


class _Bilateral:
    """Both players' welfare as a function of the two bilateral rates (in percent), cached."""

    def __init__(self, world: World, base: Policy, a: str, b: str) -> None:
        me, other = player(world, a), player(world, b)
        levers = (*player_levers(world, me, [other], WarScope.bilateral),
                  *player_levers(world, other, [me], WarScope.bilateral))  # fmt: skip
        self.names = (me.name, other.name)
        self.problem = WelfareProblem(world, base, levers)
        self.weights = np.vstack([welfare_weights(world, p.members) for p in (me, other)])
        self._cache: tuple[bytes, Evaluation] | None = None

    def evaluate(self, percent: FloatArray) -> Evaluation:
        key = np.asarray(percent, dtype=np.float64).tobytes()
        if self._cache is None or self._cache[0] != key:
            rates = np.maximum(np.asarray(percent) / PERCENT, 0.0)
            self._cache = (key, self.problem.evaluate(rates, self.weights))
        return self._cache[1]

    def welfare(self, percent: FloatArray, side: int) -> float:
        return float(self.evaluate(percent).values[side])

    def gradient(self, percent: FloatArray, side: int) -> FloatArray:
        gradient: FloatArray = self.evaluate(percent).gradients[side] / PERCENT
        return gradient

    def point(self, label: str, percent: FloatArray) -> DealPoint:
        values = self.evaluate(percent).values
        rates = np.maximum(np.asarray(percent) / PERCENT, 0.0)
        return DealPoint(label, (float(rates[0]), float(rates[1])),
                         (float(values[0]), float(values[1])))  # fmt: skip


def _maximise(
    deal: _Bilateral,
    objective: Callable[[FloatArray], float],
    gradient: Callable[[FloatArray], FloatArray],
    constraints: list[dict[str, object]],
    start: FloatArray,
    bounds: tuple[float, float],
) -> FloatArray:
    """SLSQP in percent; raises ConvergenceError when it fails."""
    result = minimize(
        lambda x: -objective(x),
        start,
        jac=lambda x: -gradient(x),
        method="SLSQP",
        bounds=[(bounds[0] * PERCENT, bounds[1] * PERCENT)] * 2,
        constraints=constraints,
        options={"maxiter": 200, "ftol": 1e-12},
    )
    if not result.success:
        raise ConvergenceError(
            f"The bargaining optimisation between {' and '.join(deal.names)} failed:"
            f" {result.message}",
            {"rates_percent": result.x.tolist(), "iterations": int(result.nit)},
        )
    return np.asarray(result.x, dtype=np.float64)


def _at_least(deal: _Bilateral, side: int, level: float) -> dict[str, object]:
    return {
        "type": "ineq",
        "fun": lambda x: deal.welfare(x, side) - level,
        "jac": lambda x: deal.gradient(x, side),
    }


def efficiency_frontier(
    deal: _Bilateral,
    threat: DealPoint,
    points: int = FRONTIER_POINTS,
    bounds: tuple[float, float] = DEFAULT_BOUNDS,
    progress: Progress | None = None,
) -> tuple[DealPoint, ...]:
    """Efficient pairs that beat the threat point for both, best-for-a first (ε-constraint).

    ``progress`` is called with (points found, ``points``) after each point: both ends
    first, then the points between them.
    """
    report = progress if progress is not None else no_progress
    start = np.zeros(2)
    best_for_a = _maximise(deal, lambda x: deal.welfare(x, 0), lambda x: deal.gradient(x, 0),
                           [_at_least(deal, 1, threat.welfare[1])], start, bounds)  # fmt: skip
    report(1, points)
    best_for_b = _maximise(deal, lambda x: deal.welfare(x, 1), lambda x: deal.gradient(x, 1),
                           [_at_least(deal, 0, threat.welfare[0])], start, bounds)  # fmt: skip
    report(2, points)
    low, high = deal.welfare(best_for_a, 1), deal.welfare(best_for_b, 1)
    frontier = [deal.point("frontier", best_for_a)]
    previous = best_for_a
    for found, level in enumerate(np.linspace(low, high, points)[1:-1], start=3):
        previous = _maximise(deal, lambda x: deal.welfare(x, 0), lambda x: deal.gradient(x, 0),
                             [_at_least(deal, 1, float(level))], previous, bounds)  # fmt: skip
        frontier.append(deal.point("frontier", previous))
        report(found, points)
    frontier.append(deal.point("frontier", best_for_b))
    return tuple(frontier)


def nash_bargaining(
    deal: _Bilateral,
    threat: DealPoint,
    start: FloatArray,
    bounds: tuple[float, float] = DEFAULT_BOUNDS,
) -> FloatArray:
    """Rates (percent) maximising ``log(W_a − T_a) + log(W_b − T_b)`` (Nash 1950)."""
    gains = np.asarray(threat.welfare)

    def objective(x: FloatArray) -> float:
        surplus = deal.evaluate(x).values - gains
        return float(np.sum(np.log(np.maximum(surplus, 1e-300))))

    def gradient(x: FloatArray) -> FloatArray:
        evaluation = deal.evaluate(x)
        surplus = evaluation.values - gains
        by_rate: FloatArray = (evaluation.gradients / surplus[:, None]).sum(axis=0) / PERCENT
        return by_rate

    margin = 1e-9
    constraints = [_at_least(deal, 0, gains[0] + margin), _at_least(deal, 1, gains[1] + margin)]
    return _maximise(deal, objective, gradient, constraints, start, bounds)


def talks(
    world: World,
    base: Policy,
    a: str,
    b: str,
    *,
    episodes: Mapping[str, tuple[float, float]] | None = None,
    points: int = FRONTIER_POINTS,
    bounds: tuple[float, float] = DEFAULT_BOUNDS,
    progress: Progress | None = None,
) -> Talks:
    """The war between ``a`` and ``b``, the frontier relative to it, and the bargaining deal.

    Parameters
    ----------
    world : World
        Calibrated baseline world.
    base : Policy
        Every other tariff, decimals (a scenario's matrix).
    a, b : str
        The two players (ISO3 or ``EU``).
    episodes : mapping of str to (float, float), optional
        Named bilateral rate pairs (a on b, b on a; decimals) to place in the welfare plane.
    points : int
        Number of frontier points (at least 2).
    progress : Progress, optional
        Called with (steps done, steps in all) as the talks go.  The steps are the war's
        best responses, the ``points`` frontier points and the bargaining solution (with
        the episodes).  While the war goes, its best responses are counted against its cap
        (2 players × 60 rounds), so the total is 120 + ``points`` + 1; once it has ended,
        the total is the real count, and the last call has done = total.

    Raises
    ------
    tradewar.errors.ConvergenceError
        If the war, the frontier or the bargaining optimisation does not converge.
    """
    if points < 2:
        raise InvalidInput(f"points is {points!r}; expected at least 2 frontier points.")
    with single_threaded_blas():
        return _talks(world, base, (a, b), episodes or {}, points, bounds, progress)


def _talks(
    world: World,
    base: Policy,
    players: tuple[str, str],
    episodes: Mapping[str, tuple[float, float]],
    points: int,
    bounds: tuple[float, float],
    progress: Progress | None,
) -> Talks:
    after_war = points + 1  # the frontier points and the bargaining solution
    war = nash_war(world, base, list(players), bounds=bounds,
                   progress=_shifted(progress, 0, after_war))  # fmt: skip
    played = len(war.steps)
    name_a, name_b = (p.name for p in war.players)
    deal = _Bilateral(world, war.policy, name_a, name_b)
    nash_rates = np.array([war.rate(name_a, name_b), war.rate(name_b, name_a)]) * PERCENT
    threat = deal.point("threat", nash_rates)
    frontier = efficiency_frontier(deal, threat, points, bounds,
                                   _shifted(progress, played, 1))  # fmt: skip
    best_start = max(frontier, key=lambda p: _surplus_product(p, threat))
    solution = nash_bargaining(deal, threat, np.asarray(best_start.rates) * PERCENT, bounds)
    bargaining = deal.point("bargaining", solution)
    bargaining_equilibrium = deal.evaluate(solution).equilibrium
    placed = tuple(
        deal.point(label, np.asarray(rates, dtype=np.float64) * PERCENT)
        for label, rates in episodes.items()
    )
    if progress is not None:
        progress(played + after_war, played + after_war)
    return Talks((name_a, name_b), war, threat, frontier, bargaining,
                 bargaining_equilibrium, placed)  # fmt: skip


def _shifted(progress: Progress | None, before: int, after: int) -> Progress | None:
    """``progress`` for one stage of a run: ``before`` steps are done ahead of the stage and
    ``after`` steps follow it."""
    if progress is None:
        return None
    report = progress
    return lambda done, total: report(before + done, before + total + after)


def _surplus_product(point: DealPoint, threat: DealPoint) -> float:
    gains = [point.welfare[k] - threat.welfare[k] for k in (0, 1)]
    return gains[0] * gains[1] if min(gains) > 0 else -np.inf
