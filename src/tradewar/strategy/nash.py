"""Nash tariff wars by iterated best responses (Ossa 2014, §III.B; ge-model §11).

Players choose tariffs at once; every other tariff stays at the base scenario's values.
Starting from the base rates, each player in turn plays its best response to the others'
current tariffs (Gauss–Seidel); the war has ended when no rate moves by more than the
tolerance in a full round.  A player is a country or a coalition with a common external
tariff whose objective is its members' expenditure-weighted average welfare (the paper's
group averages, spec quirk 6).

A long run may report its progress through an optional ``progress(done, total)`` callback
(:data:`Progress`); it changes no result.  The rounds themselves, and the count of best
responses they report, are :func:`iterate_best_responses`, which the sectoral war
(:mod:`tradewar.strategy.sectoral`) plays too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

import numpy as np

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.calibration import World
from tradewar.model.parameters import EU25_ISO3
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium
from tradewar.strategy.adjoint import TariffLever, welfare_weights
from tradewar.strategy.best_response import DEFAULT_BOUNDS, BestResponse, best_response
from tradewar.types import FloatArray

#: Largest change of any rate over a full round at which the war has ended, decimal
#: (1e-6 = 0.0001 percentage points).
NASH_TOLERANCE = 1e-6

#: A progress callback: ``progress(steps done, steps in all)``, called as a run goes.  The
#: steps done only grow; a total not known in advance is an upper bound (an iteration cap)
#: until the run ends, when the last call has ``done == total``.
Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """A :data:`Progress` that reports nothing."""


#: Whoever moves in iterated best responses (a :class:`Player`, a region code).
Mover = TypeVar("Mover")


@dataclass(frozen=True)
class Rounds:
    """How iterated best responses went.

    Attributes
    ----------
    played : int
        Full rounds played (every player moved once in each).
    changes : tuple of float
        The largest rate change of each round, decimal.
    converged : bool
        Whether the last round moved no rate by more than the tolerance.
    """

    played: int
    changes: tuple[float, ...]
    converged: bool


def iterate_best_responses(
    players: Sequence[Mover],
    move: Callable[[int, Mover], float],
    *,
    tolerance: float,
    max_rounds: int,
    progress: Progress | None = None,
) -> Rounds:
    """Players move in turn (Gauss–Seidel) until a full round moves no rate by more than
    ``tolerance``, or ``max_rounds`` rounds have been played.

    ``move(round, player)`` plays ``player``'s best response to the others' current
    tariffs (round 1-based), keeps whatever it needs, and returns the largest change of
    its rates, decimal.  ``progress`` is called with (best responses played, players ×
    ``max_rounds``) after each move: the total is the cap until the war ends, then one
    last call is (best responses played, the same number).  Not converging is not an
    error here: each war raises its own, with what it knows.
    """
    cap = len(players) * max_rounds
    moves = 0
    changes: list[float] = []
    for round_number in range(1, max_rounds + 1):
        round_change = 0.0
        for mover in players:
            round_change = max(round_change, move(round_number, mover))
            moves += 1
            if progress is not None:
                progress(moves, cap)
        changes.append(round_change)
        if round_change < tolerance:
            if progress is not None:
                progress(moves, moves)
            return Rounds(round_number, tuple(changes), converged=True)
    return Rounds(max_rounds, tuple(changes), converged=False)


class WarScope(StrEnum):
    """Which tariffs the players fight with."""

    #: One rate per opponent player, on that player's goods (the default).
    bilateral = "bilateral"
    #: One rate on imports from every non-member (an MFN tariff).
    uniform = "uniform"
    #: One rate per non-member country.
    discriminatory = "discriminatory"


@dataclass(frozen=True)
class Player:
    """A country, or a coalition (``EU``: the 25 members of the paper's aggregate)."""

    name: str
    members: tuple[str, ...]


def player(world: World, code: str) -> Player:
    """The player called ``code``: ``"EU"`` is the EU25 coalition, anything else a country.

    Raises
    ------
    tradewar.errors.UnknownCode
        If ``code`` is neither ``EU`` nor one of the world's ISO3 codes.
    """
    if code.upper() == "EU":
        members = tuple(c for c in EU25_ISO3 if c in world.countries)
        if not members:
            raise InvalidInput("players: 'EU' has no members in this world.")
        return Player("EU", members)
    iso3 = world.countries[world.index(code)]
    return Player(iso3, (iso3,))


def player_levers(
    world: World, me: Player, opponents: Sequence[Player], scope: WarScope
) -> tuple[TariffLever, ...]:
    """The tariff levers of ``me`` in a war of the given scope."""
    if scope is WarScope.bilateral:
        return tuple(
            TariffLever(me.members, other.members, f"{me.name} on {other.name}")
            for other in opponents
        )
    outsiders = tuple(c for c in world.countries if c not in me.members)
    if scope is WarScope.uniform:
        return (TariffLever(me.members, outsiders, f"{me.name} on all partners"),)
    return tuple(TariffLever(me.members, (c,), f"{me.name} on {c}") for c in outsiders)


@dataclass(frozen=True)
class NashStep:
    """One best response in the iteration.

    Attributes
    ----------
    round : int
        Round number (1-based); every player moves once per round.
    player : str
        Who moved.
    rates : dict of str to float
        Its new rates by lever label, decimals.
    change : float
        Largest |change| of its rates in this move, decimal.
    welfare : dict of str to float
        Every player's welfare after the move, percent change.
    """

    round: int
    player: str
    rates: dict[str, float]
    change: float
    welfare: dict[str, float]


@dataclass(frozen=True)
class NashWar:
    """The end of a tariff war.

    Attributes
    ----------
    players : tuple of Player
    scope : WarScope
    levers : dict of str to tuple of TariffLever
        Each player's instruments.
    rates : dict of str to ndarray
        Each player's Nash rates (decimals), in the order of its levers.
    welfare : dict of str to float
        Each player's welfare at the Nash equilibrium, percent change from the factual world.
    policy : Policy
        The full tariff matrix at the Nash equilibrium.
    equilibrium : Equilibrium
        The solved counterfactual at the Nash equilibrium (all countries' outcomes).
    steps : tuple of NashStep
        The convergence report: every best response in order.
    rounds : int
        Full rounds played.
    max_change : float
        Largest rate change in the last round, decimal.
    solves : int
        Equilibrium solves in total.
    """

    players: tuple[Player, ...]
    scope: WarScope
    levers: dict[str, tuple[TariffLever, ...]]
    rates: dict[str, FloatArray]
    welfare: dict[str, float]
    policy: Policy
    equilibrium: Equilibrium
    steps: tuple[NashStep, ...]
    rounds: int
    max_change: float
    solves: int

    def rate(self, importer: str, exporter: str) -> float:
        """The Nash rate of player ``importer`` on player ``exporter`` (bilateral), decimal."""
        for lever, value in zip(self.levers[importer], self.rates[importer], strict=True):
            if lever.label == f"{importer} on {exporter}":
                return float(value)
        raise InvalidInput(f"no lever '{importer} on {exporter}' in this war.")


def _welfare_by_player(
    world: World, players: Sequence[Player], equilibrium: Equilibrium
) -> dict[str, float]:
    welfare = equilibrium.outcomes.welfare
    return {p.name: float(welfare_weights(world, p.members) @ welfare) for p in players}


def nash_war(
    world: World,
    base: Policy,
    codes: Sequence[str],
    *,
    scope: WarScope = WarScope.bilateral,
    tolerance: float = NASH_TOLERANCE,
    max_rounds: int = 60,
    bounds: tuple[float, float] = DEFAULT_BOUNDS,
    progress: Progress | None = None,
) -> NashWar:
    """Nash tariffs of a war among ``codes`` by iterated best responses.

    Parameters
    ----------
    world : World
        Calibrated baseline world.
    base : Policy
        Every tariff no player sets (a scenario's matrix), and the starting rates.
    codes : sequence of str
        Players: ISO3 codes or ``EU``; at least two.
    scope : WarScope
        Bilateral (default), uniform or discriminatory tariffs.
    tolerance : float
        Convergence when no rate moves by more than this in a round, decimal.
    max_rounds : int
        Rounds before giving up.
    bounds : (float, float)
        Bounds of every rate, decimals.
    progress : Progress, optional
        Called with (best responses played, players × ``max_rounds``) after each best
        response; the total is the cap until the war ends, then the last call is
        (best responses played, the same number) (:func:`iterate_best_responses`).

    Returns
    -------
    NashWar

    Raises
    ------
    tradewar.errors.ConvergenceError
        If the rates still move by more than ``tolerance`` after ``max_rounds`` rounds;
        ``diagnostics`` holds the last rates and the change history.
    tradewar.errors.InvalidInput
        If fewer than two distinct players are given or players overlap.
    """
    players = tuple(player(world, code) for code in codes)
    names = [p.name for p in players]
    members = [c for p in players for c in p.members]
    shared = sorted({c for c in members if members.count(c) > 1})
    if len(set(names)) < 2 or len(set(names)) != len(names) or shared:
        overlap = f" ({', '.join(shared)} would play twice)" if shared else ""
        raise InvalidInput(
            f"players are {names}{overlap}; expected at least two distinct, non-overlapping"
            " players."
        )
    levers = {
        p.name: player_levers(world, p, [o for o in players if o is not p], WarScope(scope))
        for p in players
    }
    weights = {p.name: welfare_weights(world, p.members) for p in players}
    policy = base
    rates: dict[str, FloatArray] = {}
    steps: list[NashStep] = []
    solves = 0
    last: BestResponse | None = None

    def move(round_number: int, p: Player) -> float:
        nonlocal policy, solves, last
        response = best_response(
            world, policy, levers[p.name], weights[p.name], bounds=bounds,
            start=rates.get(p.name),
        )  # fmt: skip
        previous = rates[p.name] if p.name in rates else _current(policy, response)
        change = float(np.max(np.abs(response.rates - previous)))
        rates[p.name] = response.rates
        policy = response.equilibrium.policy
        solves += response.solves
        last = response
        steps.append(
            NashStep(
                round=round_number,
                player=p.name,
                rates={
                    lever.label: float(v)
                    for lever, v in zip(levers[p.name], response.rates, strict=True)
                },
                change=change,
                welfare=_welfare_by_player(world, players, response.equilibrium),
            )
        )
        return change

    rounds = iterate_best_responses(
        players, move, tolerance=tolerance, max_rounds=max_rounds, progress=progress
    )
    if not rounds.converged or last is None:
        raise ConvergenceError(
            f"Iterated best responses among {', '.join(names)} did not converge: the largest"
            f" rate change in round {max_rounds} was {rounds.changes[-1]:.3g} (tolerance"
            f" {tolerance:g}).",
            {
                "rounds": max_rounds,
                "max_change_by_round": list(rounds.changes),
                "rates": {name: r.tolist() for name, r in rates.items()},
            },
        )
    return NashWar(
        players=players,
        scope=WarScope(scope),
        levers=levers,
        rates=rates,
        welfare=_welfare_by_player(world, players, last.equilibrium),
        policy=policy,
        equilibrium=last.equilibrium,
        steps=tuple(steps),
        rounds=rounds.played,
        max_change=rounds.changes[-1],
        solves=solves,
    )


def _current(policy: Policy, response: BestResponse) -> FloatArray:
    """The rates the levers had before the first move (the base scenario's)."""
    rows = []
    for lever in response.levers:
        values = [policy.tariff(i, e) for i in lever.importers for e in lever.exporters if e != i]
        rows.append(float(np.mean(values)))
    return np.array(rows)


def with_rates(policy: Policy, levers: Sequence[TariffLever], rates: FloatArray) -> Policy:
    """``policy`` with every lever set to its rate (decimals)."""
    tariffs = policy.tariffs.copy()
    index = {code: k for k, code in enumerate(policy.countries)}
    for lever, rate in zip(levers, rates, strict=True):
        for importer in lever.importers:
            exporters = [index[e] for e in lever.exporters if e != importer]
            tariffs[exporters, index[importer]] = rate
    return replace(policy, tariffs=tariffs)
