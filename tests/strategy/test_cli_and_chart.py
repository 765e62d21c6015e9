"""The deal chart spec (pure), and the war/talks commands on the full data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from tradewar.cli import context
from tradewar.cli.app import app
from tradewar.model import Policy, World
from tradewar.services.strategy import StrategyService, WarRequest, talks_payload, war_payload
from tradewar.strategy.charts import deals_spec
from tradewar.strategy.talks import talks
from tradewar.tabular import json_default

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
    data = spec["datasets"]
    assert len(data["frontier"]) == 4
    assert [row["name"] for row in data["points"]] == ["Nash war", "Nash bargaining", "peak"]
    assert data["threat"][0]["welfare_a"] == payload["threat"]["welfare_a_pct"]
    whole, zoom = spec["hconcat"]
    x_axis = whole["layer"][2]["encoding"]["x"]
    assert x_axis["title"] == "USA welfare, % change from the factual world"
    # Every point of the zoom lies inside its axes; the whole plane also holds the episode.
    for panel, rows in ((zoom, [*data["frontier"], *data["points"][:2]]), (whole, data["points"])):
        x_domain = panel["layer"][2]["encoding"]["x"]["scale"]["domain"]
        y_domain = panel["layer"][2]["encoding"]["y"]["scale"]["domain"]
        for row in rows:
            assert x_domain[0] < row["welfare_a"] < x_domain[1]
            assert y_domain[0] < row["welfare_b"] < y_domain[1]
    # Labels carry the bilateral tariffs (percent), so a PNG needs no tooltip.
    labels = [row["label"] for layer in zoom["layer"] if layer["mark"]["type"] == "text"
              for row in layer["data"]["values"]]  # fmt: skip
    threat = payload["threat"]
    expected = f"Nash war: {threat['tariff_a_on_b_pct']:.1f}% / {threat['tariff_b_on_a_pct']:.1f}%"
    assert expected in labels
    assert "peak: 120.0% / 125.0%" in labels
    assert sum(label.startswith("frontier end") for label in labels) == 2
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
    countries = {row["iso3"]: row for row in payload["countries"]}
    assert len(countries) == 194
    assert countries["USA"]["welfare"] == pytest.approx(payload["welfare_pct"]["USA"], abs=1e-12)
    summary = payload["tariff_summary"]["USA"]
    assert summary["partners_traded"] == 1
    assert summary["import_weighted_mean_pct"] == pytest.approx(rates["USA"]["USA on CHN"])


@pytest.mark.needs_data
def test_war_progress_bar_goes_to_stderr_and_stdout_is_unchanged(
    paper_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the bar counts best responses on stderr; --json prints what a run
    without a progress callback gives, byte for byte."""
    terminal = io.StringIO()
    bar_console = Console(file=terminal, force_terminal=True, color_system=None, width=120)
    monkeypatch.setattr(context, "console_err", bar_console)
    result = runner.invoke(app, ["war", "--players", "USA", "CHN", "--json"])
    assert result.exit_code == 0, result.output
    quiet = StrategyService(context.settings_from_env()).war(WarRequest())
    expected = json.dumps(war_payload(quiet, "prewar"), indent=2, ensure_ascii=False,
                          default=json_default)  # fmt: skip
    assert result.stdout == expected + "\n"
    played = len(quiet.steps)
    drawn = terminal.getvalue()
    assert "Iterating best responses" in drawn and f"{played}/{played} steps" in drawn


@pytest.mark.needs_data
def test_war_text_shows_the_convergence_report(paper_world: World) -> None:
    result = runner.invoke(app, ["war", "--players", "USA", "CHN", "EU"])
    assert result.exit_code == 0, result.output
    assert "Convergence: iterated best responses" in result.output
    assert "USA on EU" in result.output and "EU on CHN" in result.output
    assert "EU welfare" in result.output
    assert "Converged in" in result.output


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
    written = json.loads(spec_file.read_text())
    assert len(written["datasets"]["frontier"]) == len(payload["frontier"])
    labels = {row["name"] for row in written["datasets"]["points"]}
    assert labels == {"Nash war", "Nash bargaining", *(e["label"] for e in payload["episodes"])}


@pytest.mark.needs_data
def test_chart_deals_command(paper_world: World, tmp_path: Path) -> None:
    out = tmp_path / "deals.svg"
    result = runner.invoke(app, ["chart", "deals", "--players", "USA,CHN", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().startswith("<svg")
