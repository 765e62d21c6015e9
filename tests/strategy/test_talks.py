"""The frontier is efficient against sampled deals; the bargaining deal beats the war."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import InvalidInput
from tradewar.model import Policy, World
from tradewar.strategy.adjoint import WelfareProblem, welfare_weights
from tradewar.strategy.nash import WarScope, player, player_levers
from tradewar.strategy.talks import Talks, talks

#: A sampled deal dominates a frontier point if it is better for both sides by more than
#: this (percentage points of welfare): well above the optimiser's tolerance.
DOMINANCE = 1e-6


@pytest.fixture(scope="module")
def usa_china(random_world: World) -> Talks:
    base = Policy.free_trade(random_world.countries).with_uniform_tariff("JPN", 0.05)
    return talks(random_world, base, "USA", "CHN", points=7, episodes={"free trade": (0.0, 0.0)})


#: Offsets (decimal tariffs) of the local samples around each frontier point.
LOCAL_OFFSETS = [(dx, dy) for dx in (-5e-3, 0.0, 5e-3) for dy in (-5e-3, 0.0, 5e-3) if dx or dy]


def _local_samples(result: Talks) -> list[np.ndarray]:
    """Tariff pairs next to each frontier point: a point inside the frontier loses to one."""
    return [
        np.maximum(np.asarray(point.rates) + np.asarray(offset), 0.0)
        for point in result.frontier
        for offset in LOCAL_OFFSETS
    ]


def _sampled_welfare(
    world: World,
    result: Talks,
    grid: tuple[float, float, int, int] = (0.4, 0.4, 9, 9),
    random_pairs: tuple[int, float, int] = (60, 0.15, 7),
) -> np.ndarray:
    """Both players' welfare at sampled tariff pairs: a grid (max A, max B, steps A, steps B),
    random pairs (count, max rate, seed) and the neighbours of every frontier point."""
    a, b = (player(world, name) for name in result.players)
    levers = (*player_levers(world, a, [b], WarScope.bilateral),
              *player_levers(world, b, [a], WarScope.bilateral))  # fmt: skip
    problem = WelfareProblem(world, result.war.policy, levers)
    weights = np.vstack([welfare_weights(world, [p.name]) for p in (a, b)])
    top_a, top_b, steps_a, steps_b = grid
    count, top, seed = random_pairs
    pairs = [(x, y) for x in np.linspace(0, top_a, steps_a) for y in np.linspace(0, top_b, steps_b)]
    rng = np.random.default_rng(seed)
    samples = [*pairs, *rng.uniform(0.0, top, size=(count, 2)), *_local_samples(result)]
    return np.array([problem.evaluate(np.array(s), weights).values for s in samples])


def test_frontier_points_are_not_dominated_by_samples(
    random_world: World, usa_china: Talks
) -> None:
    sampled = _sampled_welfare(random_world, usa_china)
    for point in usa_china.frontier:
        better = (sampled[:, 0] > point.welfare[0] + DOMINANCE) & (
            sampled[:, 1] > point.welfare[1] + DOMINANCE
        )
        assert not better.any(), (point, sampled[better][:3])


def test_frontier_is_ordered_and_beats_the_threat(usa_china: Talks) -> None:
    welfare = np.array([p.welfare for p in usa_china.frontier])
    assert len(welfare) == 7
    assert np.all(np.diff(welfare[:, 0]) <= 1e-9)  # best for a first ...
    assert np.all(np.diff(welfare[:, 1]) >= -1e-9)  # ... then better and better for b
    assert np.all(welfare[:, 0] >= usa_china.threat.welfare[0] - 1e-7)
    assert np.all(welfare[:, 1] >= usa_china.threat.welfare[1] - 1e-7)


def test_bargaining_solution_beats_the_threat_for_both(usa_china: Talks) -> None:
    deal, threat = usa_china.bargaining, usa_china.threat
    assert deal.welfare[0] > threat.welfare[0] + 1e-6
    assert deal.welfare[1] > threat.welfare[1] + 1e-6
    product = (deal.welfare[0] - threat.welfare[0]) * (deal.welfare[1] - threat.welfare[1])
    for point in usa_china.frontier:
        gains = [point.welfare[k] - threat.welfare[k] for k in (0, 1)]
        assert gains[0] * gains[1] <= product + 1e-9
    welfare = usa_china.bargaining_equilibrium.outcomes.welfare
    assert welfare[0] == pytest.approx(deal.welfare[0], abs=1e-12)


def test_episodes_are_placed_on_the_plane(usa_china: Talks) -> None:
    (free,) = usa_china.episodes
    assert free.label == "free trade"
    assert free.rates == (0.0, 0.0)


def test_talks_needs_two_frontier_points(random_world: World) -> None:
    with pytest.raises(InvalidInput, match="points"):
        talks(random_world, Policy.free_trade(random_world.countries), "USA", "CHN", points=1)


@pytest.mark.needs_data
def test_full_data_frontier_is_efficient_and_the_deal_beats_the_war(paper_world: World) -> None:
    """USA–CHN on the 194-country data: sampled bilateral pairs never dominate the frontier.

    The samples are a grid over the bargaining region, random pairs and the neighbours of
    every frontier point (±0.5 pp each way).
    """
    result = talks(paper_world, Policy.free_trade(paper_world.countries), "USA", "CHN", points=5)
    sampled = _sampled_welfare(
        paper_world, result, grid=(0.12, 0.06, 7, 4), random_pairs=(12, 0.08, 2014)
    )
    for point in result.frontier:
        better = (sampled[:, 0] > point.welfare[0] + DOMINANCE) & (
            sampled[:, 1] > point.welfare[1] + DOMINANCE
        )
        assert not better.any(), (point, sampled[better][:3])
    deal, threat = result.bargaining, result.threat
    assert deal.welfare[0] > threat.welfare[0] + 1e-4
    assert deal.welfare[1] > threat.welfare[1] + 1e-4


def _assert_counts_up_to_the_end(calls: list[tuple[int, int]], steps: int) -> None:
    """Steps done never fall, never pass the total, and the last call is (steps, steps)."""
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[0] >= 1
    assert all(d <= total for d, total in calls)
    assert calls[-1] == (steps, steps)


def test_talks_report_progress_and_the_same_result(usa_china: Talks, random_world: World) -> None:
    """Best responses (against the war's cap), then 7 frontier points, then the deal."""
    calls: list[tuple[int, int]] = []
    base = Policy.free_trade(random_world.countries).with_uniform_tariff("JPN", 0.05)
    seen = talks(random_world, base, "USA", "CHN", points=7,
                 episodes={"free trade": (0.0, 0.0)},
                 progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    played = len(seen.war.steps)
    _assert_counts_up_to_the_end(calls, played + 7 + 1)
    assert calls[0] == (1, 2 * 60 + 7 + 1)  # the war's cap: 2 players x 60 rounds
    assert len(calls) == played + 1 + 7 + 1  # each best response, the war's end, 7 points, deal
    assert (seen.threat, seen.frontier, seen.bargaining, seen.episodes) == (
        usa_china.threat, usa_china.frontier, usa_china.bargaining, usa_china.episodes,
    )  # fmt: skip
    assert seen.war.steps == usa_china.war.steps
