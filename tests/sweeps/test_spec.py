"""--vary parsing, distributions and seeds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewar.errors import InvalidInput
from tradewar.sweeps.spec import (
    ClippedNormal,
    Fixed,
    SweepSpec,
    Uniform,
    draw_seeds,
    parse_variations,
    parse_vary,
    sample_values,
)


@pytest.mark.parametrize(
    ("option", "name", "distribution"),
    [
        ("epsilon=2:8", "epsilon", Uniform(2.0, 8.0)),
        ("eps=2:8", "epsilon", Uniform(2.0, 8.0)),
        ("kappa=normal(0.5,0.2)", "kappa", ClippedNormal(0.5, 0.2, 0.0, 10.0)),
        ("κ = normal(0.5, 0.2, 0.1, 1)", "kappa", ClippedNormal(0.5, 0.2, 0.1, 1.0)),
        ("psi=0.2", "psi", Fixed(0.2)),
        ("firm_passthrough=0.25:1", "passthrough", Uniform(0.25, 1.0)),
        ("tariff_scale=0.8:1.2", "tariff_scale", Uniform(0.8, 1.2)),
        ("USA<-CHN=0.2:1.45", "USA<-CHN", Uniform(0.2, 1.45)),
        ("United States<-China=20%:145%", "USA<-CHN", Uniform(0.2, 1.45)),
    ],
)
def test_parse_vary(option: str, name: str, distribution: object) -> None:
    variation = parse_vary(option)
    assert variation.name == name
    assert variation.distribution == distribution
    assert variation.option == option


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("epsilon", "expected NAME=DISTRIBUTION"),
        ("sigma=2:8", "unknown parameter 'sigma'; expected one of epsilon, psi, kappa"),
        ("epsilon=8:2", "uniform bounds 8 > 2"),
        ("epsilon=0:8", "lower bound 0 is outside the allowed range [0.5, 50]"),
        ("kappa=normal(0.5,0)", "standard deviation 0; expected a positive number"),
        ("kappa=normal(0.5,0.1,1,0.2)", "clip bounds 1 >= 0.2"),
        ("kappa=normal(20,1)", "mean 20 is outside the allowed range [0, 10]"),
        ("kappa=lognormal(0,1)", "distribution 'lognormal(0,1)' not understood"),
        ("epsilon=20%:50%", "is a percentage; only pair rates"),
        ("USA<-Atlantis=0.1:0.2", "Atlantis"),
        ("USA<-USA=0.1:0.2", "USA cannot tariff itself"),
        ("USA<-=0.1", "is not a pair; expected IMPORTER<-EXPORTER"),
    ],
)
def test_bad_vary_names_the_option_and_value(option: str, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_vary(option)
    message = str(caught.value)
    assert caught.value.field == "vary" and message.startswith(f"vary: {option!r}: ")
    assert expected in message


def test_a_parameter_varied_twice_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="epsilon is already varied by 'epsilon=2:8'"):
        parse_variations(["epsilon=2:8", "eps=normal(4,1)"])


@pytest.mark.parametrize("draws", [0, -3, 10_000_001])
def test_draws_out_of_range(draws: int) -> None:
    with pytest.raises(InvalidInput, match=f"draws: got {draws}; expected a whole number"):
        SweepSpec((), draws, 1)


def test_seeds_are_deterministic_distinct_and_prefix_stable() -> None:
    seeds = draw_seeds(42, 100)
    assert seeds == draw_seeds(42, 100)
    assert seeds[:10] == draw_seeds(42, 10)
    assert len(set(seeds)) == 100
    assert all(0 <= s < 2**63 for s in seeds)
    assert draw_seeds(43, 10) != seeds[:10]


def test_a_recorded_seed_reproduces_the_draw() -> None:
    spec = SweepSpec(parse_variations(["epsilon=2:8", "USA<-CHN=normal(0.5,0.3)"]), 20, 7)
    draws = spec.sample()
    for draw in draws:
        assert sample_values(spec.variations, draw.seed) == draw.values
    assert len({d.values["epsilon"] for d in draws}) == 20


def test_fixed_values_use_no_randomness() -> None:
    with_fixed = parse_variations(["psi=0.2", "epsilon=2:8"])
    without = parse_variations(["epsilon=2:8"])
    assert sample_values(with_fixed, 9)["epsilon"] == sample_values(without, 9)["epsilon"]


@given(seed=st.integers(0, 2**63 - 1), mean=st.floats(0, 10), sd=st.floats(0.01, 50))
def test_clipped_normal_stays_inside_its_bounds(seed: int, mean: float, sd: float) -> None:
    value = ClippedNormal(mean, sd, 0.0, 10.0).sample(np.random.default_rng(seed))
    assert 0.0 <= value <= 10.0


@given(seed=st.integers(0, 2**63 - 1), low=st.floats(0.5, 50), width=st.floats(0, 10))
def test_uniform_stays_inside_its_bounds(seed: int, low: float, width: float) -> None:
    high = low + width
    value = Uniform(low, high).sample(np.random.default_rng(seed))
    assert low <= value <= high


def test_manifest_form_lists_distributions_in_order() -> None:
    spec = SweepSpec(parse_variations(["epsilon=2:8", "kappa=normal(0.5,0.2)"]), 5, 3)
    record = spec.to_dict()
    assert record["root_seed"] == 3
    assert [v["name"] for v in record["variations"]] == ["epsilon", "kappa"]
    assert record["variations"][1]["description"] == "normal(0.5, 0.2) clipped to [0, 10]"
