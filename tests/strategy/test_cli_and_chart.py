"""The deal chart spec (pure), and the war/talks commands on the full data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.model import Policy, World
from tradewar.services.strategy import talks_payload
from tradewar.strategy.charts import deals_spec
from tradewar.strategy.talks import talks

runner = CliRunner()


def test_deals_spec_has_every_point(random_world: World) -> None:
    result = talks(
        random_world,
        Policy.free_trade(random_world.countries),
        "USA",
        "CHN",
        points=4,
        episodes={"peak": (1.2, 1.25)},
    )
    payload = talks_payload(result, "toy")
    spec = deals_spec(payload)
    frontier, points, labels = spec["layer"]
    assert len(frontier["data"]["values"]) == 4
    names = [row["name"] for row in points["data"]["values"]]
    assert names == ["Nash war", "bargaining", "peak"]
    assert labels["encoding"]["text"] == {"field": "name"}
    assert spec["layer"][0]["encoding"]["x"]["title"] == "USA welfare, % change"
    json.dumps(spec)  # serialisable as is


def test_war_rejects_both_scopes() -> None:
    result = runner.invoke(app, ["war", "--players", "USA", "CHN", "--uniform", "--discriminatory"])
    assert result.exit_code != 0
    assert "choose one of --uniform and --discriminatory" in result.output


@pytest.mark.needs_data
def test_war_command_json(paper_world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["war", "--players", "USA", "CHN", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["players"] == ["USA", "CHN"]
    assert payload["base"] == "prewar"
    rates = payload["nash_tariffs_pct"]
    assert rates["USA"]["USA on CHN"] == pytest.approx(9.13, abs=0.01)
    assert rates["CHN"]["CHN on USA"] == pytest.approx(13.74, abs=0.01)
    assert payload["convergence"]["steps"][0]["player"] == "USA"
    assert {row["group"] for row in payload["groups"]} >= {"USA", "CHN", "EU", "world"}


@pytest.mark.needs_data
def test_talks_command_and_deal_chart(paper_world: World, tmp_path: Path) -> None:
    spec_file = tmp_path / "deals.json"
    result = runner.invoke(
        app, ["talks", "--players", "USA", "CHN", "--json", "--chart", str(spec_file)]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    threat, deal = payload["threat"], payload["bargaining"]
    assert deal["welfare_a_pct"] > threat["welfare_a_pct"]
    assert deal["welfare_b_pct"] > threat["welfare_b_pct"]
    assert [e["label"] for e in payload["episodes"]] == [
        "peak-escalation", "geneva-truce", "busan-deal", "free-trade",
    ]  # fmt: skip
    peak = payload["episodes"][0]
    assert peak["tariff_a_on_b_pct"] > 100 and peak["tariff_b_on_a_pct"] > 100
    assert json.loads(spec_file.read_text())["layer"][0]["data"]["values"]


@pytest.mark.needs_data
def test_chart_deals_command(paper_world: World, tmp_path: Path) -> None:
    out = tmp_path / "deals.svg"
    result = runner.invoke(app, ["chart", "deals", "--players", "USA,CHN", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().startswith("<svg")
