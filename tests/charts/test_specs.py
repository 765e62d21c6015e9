"""Spec structure: marks, encodings, step interpolation, and data equal to the inputs."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.charts.conftest import GROUPS, WELFARE
from tradewar.charts import specs
from tradewar.charts.geo import numeric_to_iso3, world_topology
from tradewar.config import Settings
from tradewar.errors import InvalidInput
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.services.charts import ChartService


@pytest.fixture
def timeline(settings: Settings) -> dict:
    return ChartService(settings).timeline_spec("USA", "CHN", date(2025, 1, 1), date(2026, 12, 31))


def _series(spec: dict, label: str) -> dict[str, float]:
    return {r["date"]: r["rate"] for r in spec["datasets"]["steps"] if r["series"] == label}


def test_timeline_values_are_the_ledgers(timeline: dict) -> None:
    us = _series(timeline, "US on China")
    cn = _series(timeline, "China on US")
    assert us["2025-04-10"] == 145.0
    assert us["2025-05-14"] == 30.0
    assert us["2025-01-01"] == 0.0
    assert cn["2025-04-12"] == 125.0
    assert cn["2025-05-14"] == 10.0
    # The last level is extended to the end of the window.
    assert "2026-12-31" in us and "2026-12-31" in cn
    assert max(us.values()) == 145.0 and max(cn.values()) == 125.0


def _layers(spec: dict) -> dict[str, dict]:
    return {layer["name"]: layer for layer in spec["layer"]}


def test_timeline_is_a_step_chart_with_units(timeline: dict) -> None:
    layers = _layers(timeline)
    line, rules, labels = layers["steps"], layers["events"], layers["event-labels"]
    assert line["mark"]["type"] == "line"
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["y"]["field"] == "rate"
    assert line["encoding"]["y"]["title"] == "additional duty on all goods, %"
    assert line["encoding"]["color"]["scale"]["domain"] == ["US on China", "China on US"]
    assert line["encoding"]["x"]["scale"]["domain"] == ["2025-01-01", "2026-12-31"]
    assert rules["mark"]["type"] == "rule" and labels["mark"]["type"] == "text"
    assert timeline["title"]["text"].startswith("US–China tariffs")
    assert specs.TIMELINE_SOURCE in timeline["title"]["subtitle"]
    assert "Section 301" in specs.TIMELINE_SOURCE


def test_timeline_labels_the_agreements_not_every_talk(timeline: dict) -> None:
    events = timeline["datasets"]["events"]
    labels = {e["label"] for e in events if e["labelled"]}
    assert {"Geneva truce", "London framework", "Busan deal"} <= labels
    talks = [e for e in events if e["kind"] == "talks"]
    assert talks and sum(e["labelled"] for e in talks) < len(talks) / 2
    assert len({e["title"] for e in events}) == len(events)  # each event once, not per direction
    # Labels sit on three staggered rows, inside the y range.
    top = _layers(timeline)["steps"]["encoding"]["y"]["scale"]["domain"][1]
    heights = {e["label_y"] for e in events if e["labelled"]}
    assert len(heights) == 3 and all(0 < h < top for h in heights)


def test_timeline_labels_the_lasting_levels(timeline: dict) -> None:
    """PIIE-style value labels: each level that holds three weeks or more, in its colour."""
    levels = {(r["series"], r["date"]): r["label"] for r in timeline["datasets"]["levels"]}
    assert levels[("US on China", "2025-04-10")] == "145%"
    assert levels[("China on US", "2025-04-12")] == "125%"
    assert levels[("US on China", "2025-05-14")] == "30%"
    assert levels[("China on US", "2025-05-14")] == "10%"
    # One day at 104% (9 April) and two at 84% (10-11 April) are drawn, not labelled.
    assert ("US on China", "2025-04-09") not in levels
    assert ("China on US", "2025-04-10") not in levels
    assert ("US on China", "2025-01-01") not in levels  # the opening level is the baseline
    layer = _layers(timeline)["level-labels"]
    assert (
        layer["encoding"]["color"]["scale"]
        == _layers(timeline)["steps"]["encoding"]["color"]["scale"]
    )


def test_timeline_shades_what_the_record_only_schedules(timeline: dict) -> None:
    """Steps after the last verified fact are scheduled in the record, not observed."""
    as_of = timeline["usermeta"]["record_as_of"]
    bundle = load_measure_file(bundled_measures_path())
    assert bundle.verified_through is not None  # the last verified fact, not the search date
    assert as_of == bundle.verified_through.isoformat()
    layers = _layers(timeline)
    band = layers["scheduled"]["data"]["values"][0]
    assert (band["from"], band["to"]) == (as_of, "2026-12-31")
    assert "scheduled" in " ".join(layers["scheduled-label"]["data"]["values"][0]["label"])
    # Drawn first, under the lines.
    assert timeline["layer"][0]["name"] == "scheduled"
    line = specs.TimelineSeries("x", ((date(2025, 1, 1), 5.0),))
    inside = specs.timeline_spec([line], [], end=date(2025, 6, 1), record_as_of=date(2025, 3, 1))
    outside = specs.timeline_spec([line], [], end=date(2025, 6, 1), record_as_of=date(2025, 7, 1))
    assert "scheduled" in _layers(inside) and "scheduled" not in _layers(outside)


def test_timeline_needs_a_point() -> None:
    with pytest.raises(InvalidInput, match="no points"):
        specs.timeline_spec([specs.TimelineSeries("x", ())], [], end=date(2025, 12, 31))


def test_steps_extend_only_when_needed() -> None:
    line = specs.TimelineSeries("x", ((date(2025, 1, 1), 5.0), (date(2025, 6, 1), 7.0)))
    spec = specs.timeline_spec([line], [], end=date(2025, 6, 1))
    assert [r["rate"] for r in spec["datasets"]["steps"]] == [5.0, 7.0]


@pytest.fixture(scope="module")
def world() -> tuple[dict, dict[str, str]]:
    topology = world_topology()
    return topology, numeric_to_iso3(topology)


def test_welfare_map_joins_on_iso3_and_centres_on_zero(
    one_scenario: pd.DataFrame, world: tuple[dict, dict[str, str]]
) -> None:
    topology, ids = world
    spec = specs.welfare_spec(one_scenario, topology, ids, countries=["DEU"])
    values = {r["iso3"]: r["value"] for r in spec["datasets"]["values"] if not r["is_group"]}
    assert values == WELFARE
    map_view, bars = spec["vconcat"]
    assert map_view["data"]["format"] == {"type": "topojson", "feature": "countries"}
    first, second = map_view["transform"]
    assert first["lookup"] == "id" and first["from"]["fields"] == ["iso3"]
    assert second["lookup"] == "iso3" and second["from"]["key"] == "iso3"
    assert {"id": "840", "iso3": "USA"} in spec["datasets"]["ids"]
    grey, coloured = map_view["layer"]
    assert grey["mark"]["fill"] == specs.NO_DATA_GREY
    colour = coloured["encoding"]["color"]
    assert colour["title"] == "welfare change, %"
    assert colour["scale"]["domainMid"] == 0
    low, high = colour["scale"]["domain"]
    assert low == -high
    assert high == specs.colour_extent([r["value"] for r in spec["datasets"]["values"]])
    assert specs.colour_extent([*WELFARE.values()] + [0.1] * 40) == 1.2  # outliers clamped
    assert colour["scale"]["clamp"] is True
    # Without weights the bars are the groups plus the chosen countries.
    assert [r["iso3"] for r in spec["datasets"]["bars"]] == [*GROUPS, "DEU"]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["title"] == "welfare change, %"


def test_welfare_bars_rank_by_weight(
    one_scenario: pd.DataFrame, world: tuple[dict, dict[str, str]]
) -> None:
    topology, ids = world
    weights = {"USA": 30.0, "CHN": 20.0, "DEU": 5.0, "JPN": 4.0, "MEX": 2.0, "GUY": 0.01}
    spec = specs.welfare_spec(one_scenario, topology, ids, weights=weights, top=3,
                              countries=["MEX"])  # fmt: skip
    assert [r["iso3"] for r in spec["datasets"]["bars"]] == ["USA", "CHN", "DEU", "MEX"]


def test_welfare_other_variable_and_errors(
    two_scenarios: pd.DataFrame, world: tuple[dict, dict[str, str]]
) -> None:
    topology, ids = world
    with pytest.raises(InvalidInput, match="2 scenarios"):
        specs.welfare_spec(two_scenarios, topology, ids)
    spec = specs.welfare_spec(two_scenarios, topology, ids, scenario="beta", variable="prices")
    values = {r["iso3"]: r["value"] for r in spec["datasets"]["values"] if not r["is_group"]}
    assert values["USA"] == pytest.approx(0.8 / 2 + 1.0)
    assert (
        spec["vconcat"][0]["layer"][1]["encoding"]["color"]["title"] == "consumer prices change, %"
    )
    with pytest.raises(InvalidInput, match="Unknown variable"):
        specs.welfare_spec(two_scenarios, topology, ids, scenario="beta", variable="jobs")
    with pytest.raises(InvalidInput, match="lacks column"):
        specs.welfare_spec(two_scenarios.drop(columns="unit"), topology, ids, scenario="beta")


def test_compare_grouped_bars(two_scenarios: pd.DataFrame) -> None:
    spec = specs.compare_spec(
        two_scenarios, variables=["welfare", "revenue_share"], countries=["USA", "EU", "DEU"]
    )
    bar = spec["spec"]["layer"][0]
    assert bar["mark"]["type"] == "bar"
    assert bar["encoding"]["xOffset"]["field"] == "scenario"
    assert bar["encoding"]["color"]["field"] == "scenario"
    assert bar["encoding"]["x"]["sort"] == ["USA", "EU", "DEU"]
    assert spec["facet"]["column"]["sort"] == [
        "welfare change, %",
        "tariff revenue, share of expenditure",
    ]
    assert "%" in bar["encoding"]["y"]["title"]
    assert spec["resolve"]["scale"]["y"] == "independent"
    rows = spec["data"]["values"]
    assert len(rows) == 2 * 2 * 3
    got = {(r["scenario"], r["iso3"], r["variable"]): r["value"] for r in rows}
    assert got[("alpha", "DEU", "welfare")] == pytest.approx(-0.4)
    assert got[("beta", "DEU", "welfare")] == pytest.approx(0.6)


def test_compare_errors_name_the_allowed_values(two_scenarios: pd.DataFrame) -> None:
    with pytest.raises(InvalidInput, match=r"Unknown country or group\(s\) \['FRA'\]"):
        specs.compare_spec(two_scenarios, countries=["USA", "FRA"])
    with pytest.raises(InvalidInput, match="Unknown variable"):
        specs.compare_spec(two_scenarios, variables=["jobs"])


@pytest.mark.parametrize(
    ("variable", "scheme", "reverse"),
    [("welfare", "redblue", False), ("prices", "redblue", True)],
)
def test_map_colours_read_good_as_blue_whichever_the_sign(
    two_scenarios: pd.DataFrame,
    world: tuple[dict, dict[str, str]],
    variable: str,
    scheme: str,
    reverse: bool,
) -> None:
    topology, ids = world
    spec = specs.welfare_spec(two_scenarios, topology, ids, scenario="beta", variable=variable)
    scale = spec["vconcat"][0]["layer"][1]["encoding"]["color"]["scale"]
    assert scale["scheme"] == scheme
    assert scale.get("reverse", False) is reverse  # a price fall is blue, not red
    legend = spec["vconcat"][0]["layer"][1]["encoding"]["color"]["legend"]["title"]
    assert "blue: good for the country" in legend[1]
