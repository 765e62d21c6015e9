"""Best responses are optimal; Nash tariffs leave no player a profitable deviation."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model import Policy, World
from tradewar.model.scenarios import ustr_policy
from tradewar.strategy.adjoint import (
    TariffLever,
    WelfareProblem,
    discriminatory_levers,
    uniform_lever,
    welfare_weights,
)
from tradewar.strategy.best_response import best_response
from tradewar.strategy.nash import (
    NashWar,
    WarScope,
    iterate_best_responses,
    nash_war,
    with_rates,
)

#: Perturbations of each optimal rate (decimal) that must not raise the objective, and the
#: slack allowed for solver noise (percentage points of welfare).
PERTURBATIONS = (-1e-2, -1e-3, 1e-3, 1e-2)
SLACK = 1e-9


def _not_improvable(problem: WelfareProblem, rates: np.ndarray, weights: np.ndarray) -> None:
    best = float(problem.evaluate(rates, weights).values[0])
    for m in range(problem.size):
        for step in PERTURBATIONS:
            trial = rates.copy()
            trial[m] = max(trial[m] + step, 0.0)
            assert float(problem.evaluate(trial, weights).values[0]) <= best + SLACK


@pytest.mark.parametrize("discriminatory", [False, True])
def test_best_response_is_not_improved_by_perturbations(
    random_world: World, discriminatory: bool
) -> None:
    base = Policy.free_trade(random_world.countries).with_tariff("CHN", "USA", 0.2)
    levers = (
        discriminatory_levers(random_world, "USA")
        if discriminatory
        else (uniform_lever(random_world, "USA"),)
    )
    weights = welfare_weights(random_world, ["USA"])
    response = best_response(random_world, base, levers, weights)
    assert response.projected_gradient < 1e-5
    assert np.all(response.rates > 0.0)  # an interior terms-of-trade tariff
    assert response.rates.max() < 1.0
    problem = WelfareProblem(random_world, base, tuple(levers))
    _not_improvable(problem, response.rates, weights)
    assert response.rate("USA", "CHN") == response.rates[0]  # CHN is the first partner


def test_best_response_rejects_bad_bounds(toy: World) -> None:
    with pytest.raises(InvalidInput, match="bounds"):
        best_response(
            toy, Policy.free_trade(toy.countries), (uniform_lever(toy, "USA"),),
            welfare_weights(toy, ["USA"]), bounds=(0.5, 0.1),
        )  # fmt: skip


@pytest.mark.parametrize("scope", list(WarScope))
def test_no_player_gains_by_deviating_from_nash(random_world: World, scope: WarScope) -> None:
    base = Policy.free_trade(random_world.countries).with_uniform_tariff("JPN", 0.05)
    war = nash_war(random_world, base, ["USA", "CHN", "DEU"], scope=scope)
    assert war.max_change < 1e-6
    assert war.steps[-1].round == war.rounds
    for name in ("USA", "CHN", "DEU"):
        levers = war.levers[name]
        problem = WelfareProblem(random_world, war.policy, levers)
        weights = welfare_weights(random_world, [name])
        _not_improvable(problem, war.rates[name], weights)
        # A best response from far away lands on the Nash rates again.
        again = best_response(
            random_world, war.policy, levers, weights, start=np.full(len(levers), 0.8)
        )
        np.testing.assert_allclose(again.rates, war.rates[name], atol=1e-5)
        assert war.welfare[name] == pytest.approx(
            float(weights @ war.equilibrium.outcomes.welfare), abs=1e-12
        )
    # Tariffs nobody sets stay at the base scenario's values.
    assert war.policy.tariff("JPN", "BRA") == 0.05
    np.testing.assert_allclose(
        with_rates(war.policy, war.levers["USA"], war.rates["USA"]).tariffs, war.policy.tariffs
    )


def test_nash_war_reports_best_responses_against_its_cap(random_world: World) -> None:
    base = Policy.free_trade(random_world.countries).with_uniform_tariff("JPN", 0.05)
    calls: list[tuple[int, int]] = []
    war = nash_war(random_world, base, ["USA", "CHN", "DEU"],
                   progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    played = len(war.steps)
    assert calls == [(k, 3 * 60) for k in range(1, played + 1)] + [(played, played)]
    quiet = nash_war(random_world, base, ["USA", "CHN", "DEU"])
    assert quiet.steps == war.steps and quiet.rounds == war.rounds
    for name, rates in war.rates.items():
        np.testing.assert_array_equal(rates, quiet.rates[name])
    np.testing.assert_array_equal(war.policy.tariffs, quiet.policy.tariffs)


def test_iterated_best_responses_count_moves_against_the_cap() -> None:
    """Each player's rate halves its distance to 0.1 per move: the count of moves goes
    against players × max_rounds, then drops to the moves played when a round settles."""
    rates = {"A": 1.0, "B": 0.5}
    played: list[tuple[int, str]] = []

    def move(round_number: int, who: str) -> float:
        played.append((round_number, who))
        old, rates[who] = rates[who], 0.1 + (rates[who] - 0.1) / 2
        return abs(rates[who] - old)

    calls: list[tuple[int, int]] = []
    rounds = iterate_best_responses(["A", "B"], move, tolerance=0.01, max_rounds=10,
                                    progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert rounds.converged and rounds.played == 7  # 0.9/2**7 < 0.01 <= 0.9/2**6
    assert played[:3] == [(1, "A"), (1, "B"), (2, "A")] and len(played) == 14
    assert calls == [(k, 20) for k in range(1, 15)] + [(14, 14)]
    assert rounds.changes[-1] < 0.01 <= rounds.changes[-2]
    calls.clear()
    capped = iterate_best_responses(["A", "B"], move, tolerance=1e-12, max_rounds=2,
                                    progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert not capped.converged and capped.played == 2
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]  # the cap, with no drop: it never ended


def test_nash_war_reports_non_convergence(random_world: World) -> None:
    with pytest.raises(ConvergenceError, match="did not converge") as caught:
        nash_war(
            random_world, Policy.free_trade(random_world.countries), ["USA", "CHN"], max_rounds=1
        )
    assert "max_change_by_round" in caught.value.diagnostics


def test_nash_war_rejects_bad_players(random_world: World) -> None:
    with pytest.raises(InvalidInput, match="at least two"):
        nash_war(random_world, Policy.free_trade(random_world.countries), ["USA", "USA"])


@pytest.mark.needs_data
def test_us_uniform_optimal_tariff_matches_spec(paper_world: World) -> None:
    """Spec §6: the numerical optimum in Table 1 case 3's setting is t = 0.2512, +1.806%."""
    free = Policy.free_trade(paper_world.countries)
    levers = (uniform_lever(paper_world, "USA"),)
    weights = welfare_weights(paper_world, ["USA"])
    response = best_response(paper_world, free, levers, weights)
    assert response.rates[0] == pytest.approx(0.2512, abs=5e-5)
    assert response.objective == pytest.approx(1.806, abs=5e-4)
    _not_improvable(WelfareProblem(paper_world, free, levers), response.rates, weights)
    # The closed form of Table 1 case 3 (21.8%) and the paper's 18.5% do worse (ge-model §6).
    problem = WelfareProblem(paper_world, free, levers)
    for rate, welfare in ((0.217988, 1.790), (0.185432, 1.735)):
        value = float(problem.evaluate(np.array([rate]), weights).values[0])
        assert value == pytest.approx(welfare, abs=5e-4)
        assert value < response.objective


@pytest.fixture(scope="module")
def usa_china_war(paper_world: World) -> NashWar:
    return nash_war(paper_world, Policy.free_trade(paper_world.countries), ["USA", "CHN"])


@pytest.mark.needs_data
def test_usa_china_nash_war_full_data(paper_world: World, usa_china_war: NashWar) -> None:
    """Bilateral Nash tariffs on the 194-country data: no side gains by deviating."""
    war = usa_china_war
    assert war.rate("USA", "CHN") == pytest.approx(0.0913, abs=5e-5)
    assert war.rate("CHN", "USA") == pytest.approx(0.1374, abs=5e-5)
    assert war.welfare["CHN"] < 0.0 < war.welfare["USA"]
    for name in ("USA", "CHN"):
        problem = WelfareProblem(paper_world, war.policy, war.levers[name])
        _not_improvable(problem, war.rates[name], welfare_weights(paper_world, [name]))
    # The convergence report: the last round moved no rate by more than the tolerance,
    # and the welfare reported after the last move is the equilibrium's.
    assert war.max_change < 1e-6
    assert [step.player for step in war.steps[:2]] == ["USA", "CHN"]
    assert war.steps[-1].welfare == pytest.approx(war.welfare, abs=1e-12)


@pytest.mark.needs_data
def test_gradient_matches_finite_differences_full_data(paper_world: World) -> None:
    """The adjoint gradient on the 194-country world, at a point away from the optimum."""
    from tradewar.model.solve import SolverOptions

    levers = (TariffLever(("USA",), ("CHN",)), TariffLever(("CHN",), ("USA",)))
    base = Policy.free_trade(paper_world.countries).with_uniform_tariff("USA", 0.1)
    problem = WelfareProblem(paper_world, base, levers, SolverOptions(tolerance=1e-14))
    weights = np.vstack([welfare_weights(paper_world, [c]) for c in ("USA", "CHN", "DEU")])
    values, step = np.array([0.3, 0.2]), 1e-5
    exact = problem.evaluate(values, weights).gradients
    columns = []
    for m in range(2):
        shift = np.zeros(2)
        shift[m] = step
        up = problem.evaluate(values + shift, weights).values
        down = problem.evaluate(values - shift, weights).values
        columns.append((up - down) / (2 * step))
    np.testing.assert_allclose(exact, np.array(columns).T, atol=1e-6)
    assert np.abs(exact).max() > 0.1


@pytest.mark.needs_data
def test_table2_closed_form_next_to_numerical_optimum(paper_world: World) -> None:
    """The closed form reproduces Table 2 (3) and (4); the numerical optimum is optimal."""
    import json
    import os
    from pathlib import Path

    from tradewar.datasets import load_ge_data
    from tradewar.model.parameters import UNITED_STATES
    from tradewar.strategy.retaliation import compare_optimal_retaliation

    data_dir = Path(os.environ["TRADEWAR_DATA_DIR"])
    schedule = load_ge_data(data_dir).ustr_rates
    calls: list[tuple[int, int]] = []
    found = compare_optimal_retaliation(paper_world, schedule, lambda d, t: calls.append((d, t)))
    rows = {row.case: row for row in found}
    # Progress: 4 cases, then the war's rounds against its cap of 60; ends at the real count.
    done = [d for d, _ in calls]
    assert done == [*range(1, len(calls)), len(calls) - 1]
    assert all(total == 4 + 60 for _, total in calls[:-1])
    assert calls[-1] == (len(calls) - 1, len(calls) - 1) and len(calls) - 1 > 4
    published = json.loads(
        (data_dir / "ge" / "reference" / "ignatenko2025_tables_1_2.json").read_text()
    )["2"]
    panels = {panel["title"][:3]: panel for panel in published}
    for case, panel in (("(3) USTR, closed-form t^R", "(3)"), ("(4) t*_Y, closed-form t^R", "(4)")):
        assert rows[case].retaliation == pytest.approx(0.227422, abs=1e-6)
        for printed in panels[panel]["rows"]:
            group = printed["group"].replace(" (average)", "")
            half_unit = 0.5 * 10.0 ** -printed["decimals"][0] + 1e-9
            assert rows[case].welfare[group] == pytest.approx(printed["values"][0], abs=half_unit)
    assert rows["(4) t*_Y, closed-form t^R"].us_tariff == pytest.approx(0.185432, abs=1e-6)
    non_us = [c for c in paper_world.countries if c != UNITED_STATES]
    coalition = welfare_weights(paper_world, non_us)
    for closed_case, optimum_case in (
        ("(3) USTR, closed-form t^R", "(3) USTR, optimal t^R (numerical)"),
        ("(4) t*_Y, closed-form t^R", "(4) t*_Y, optimal t^R (numerical)"),
    ):
        closed, optimum = rows[closed_case], rows[optimum_case]
        assert 0.15 < optimum.retaliation < closed.retaliation
        assert optimum.welfare["non-US"] > closed.welfare["non-US"]
    # The numerical rate is a best response of the coalition: no small change helps it.
    ustr = ustr_policy(paper_world, schedule)
    levers = (TariffLever(tuple(non_us), (UNITED_STATES,), "non-US on USA"),)
    rate = rows["(3) USTR, optimal t^R (numerical)"].retaliation
    _not_improvable(WelfareProblem(paper_world, ustr, levers), np.array([rate]), coalition)
    war = rows["(4) Nash war, US vs non-US"]
    assert war.welfare["USA"] > rows["(4) t*_Y, closed-form t^R"].welfare["USA"]


@pytest.mark.needs_data
def test_discriminatory_us_optimum_beats_the_uniform_one(paper_world: World) -> None:
    """With 193 partner rates the US does at least as well as with one (ge-model §8.3's point)."""
    free = Policy.free_trade(paper_world.countries)
    weights = welfare_weights(paper_world, ["USA"])
    response = best_response(paper_world, free, discriminatory_levers(paper_world, "USA"), weights)
    assert response.projected_gradient < 1e-5
    assert response.objective > 1.806
    assert 0.05 < response.rates.min() < response.rates.max() < 0.35
