"""The outcome registry: one definition of each model variable's label, unit and direction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradewar.errors import InvalidInput
from tradewar.model.outcomes import DISPLAY_ORDER, OUTCOMES, outcome, units
from tradewar.model.results import OUTCOME_COLUMNS

SRC = Path(__file__).resolve().parents[2] / "src" / "tradewar"


def test_every_result_column_is_registered_and_shown() -> None:
    assert set(OUTCOME_COLUMNS) == set(OUTCOMES) == set(DISPLAY_ORDER)


def test_units_are_percent_changes_except_the_revenue_level() -> None:
    assert units()["revenue_share"] == "share of expenditure"
    assert {unit for name, unit in units().items() if name != "revenue_share"} == {"percent change"}


@pytest.mark.parametrize(
    ("name", "change", "tone"),
    [
        ("welfare", 0.5, "good"),
        ("welfare", -0.5, "bad"),
        ("prices", -1.0, "good"),  # a price fall is good news for a country's consumers
        ("prices", 1.0, "bad"),
        ("imports_to_gdp", -3.0, "neutral"),
        ("employment", 0.0, "neutral"),
    ],
)
def test_tone_follows_the_direction_that_is_good(name: str, change: float, tone: str) -> None:
    assert outcome(name).tone(change) == tone


def test_an_unknown_variable_is_named_in_the_error() -> None:
    with pytest.raises(InvalidInput, match="'gdp' is not a model outcome"):
        outcome("gdp")


@pytest.mark.parametrize(
    "label", ["Consumer prices", "Real wage, % change", "Exports/GDP, % change"]
)
def test_no_module_keeps_its_own_copy_of_the_labels(label: str) -> None:
    copies = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if f'"{label}' in path.read_text() and path.name != "outcomes.py"
    ]
    assert copies == []
