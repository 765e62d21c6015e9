from __future__ import annotations

from pathlib import Path

import pytest

from tradewar.errors import InvalidInput
from tradewar.scenarios.spec import Scenario
from tradewar.services.scenarios import bundled_scenarios

EXPECTED = {
    "prewar",
    "liberation-day",
    "peak-escalation",
    "geneva-truce",
    "london-framework",
    "busan-deal",
    "truce-collapse",
    "free-trade",
    "full-decoupling",
}


def test_bundled_scenarios_are_all_there() -> None:
    assert {s.name for s in bundled_scenarios()} == EXPECTED


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda s: s.name)
def test_yaml_round_trip(scenario: Scenario, tmp_path: Path) -> None:
    assert Scenario.from_yaml(scenario.to_yaml()) == scenario
    path = tmp_path / f"{scenario.name}.yaml"
    path.write_text(scenario.to_yaml())
    assert Scenario.from_file(path) == scenario


def test_yaml_uses_the_date_key() -> None:
    text = Scenario.model_validate({"name": "x", "title": "x", "date": "2025-05-14"}).to_yaml()
    assert "date: '2025-05-14'" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x", "title": "x", "date": "2025-13-40"}, "field 'date'"),
        ({"name": "x", "title": "x", "others": "everyone"}, "field 'others'"),
        (
            {
                "name": "x",
                "title": "x",
                "overrides": [{"importer": "Atlantis", "exporter": "CHN", "rate_pct": 5}],
            },
            "Unknown country 'Atlantis'",
        ),
        (
            {
                "name": "x",
                "title": "x",
                "overrides": [{"importer": "USA", "exporter": "CHN", "rate_pct": -5}],
            },
            "rate_pct",
        ),
        ({"name": "x", "title": "x", "colour": "red"}, "field 'colour'"),
    ],
)
def test_bad_scenarios_name_the_field(data: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Scenario.from_dict(data, origin="my.yaml")


def test_bad_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("name: [\n")
    with pytest.raises(InvalidInput, match=r"s\.yaml: not valid YAML"):
        Scenario.from_file(path)
