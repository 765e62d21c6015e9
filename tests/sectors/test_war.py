"""Sectoral Nash wars: every player's rates are a best response (gradient zero or at a bound)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.errors import InvalidInput
from tradewar.model.sectors.data import Entry
from tradewar.model.sectors.optimise import TaxDesign, evaluate_welfare
from tradewar.model.sectors.toy import toy_sectoral_world
from tradewar.model.sectors.war import MAX_TARIFF
from tradewar.strategy.sectoral import sectoral_war

runner = CliRunner()


def test_nash_rates_are_mutual_best_responses() -> None:
    world = toy_sectoral_world(Entry.restricted)
    war = sectoral_war(world, ["AAA", "BBB"], tolerance=1e-8)
    instruments = war.equilibrium.instruments
    for code, other in (("AAA", "BBB"), ("BBB", "AAA")):
        player, opponent = world.index_of(code), world.index_of(other)
        cells = tuple((k, opponent, player) for k in range(len(world.industries)))
        theta = np.log1p(np.array([instruments.import_tariffs[cell] for cell in cells]))
        gradient = evaluate_welfare(world, player, TaxDesign(instruments, cells), theta).gradient
        interior = (theta > 1e-6) & (theta < np.log1p(MAX_TARIFF) - 1e-6)
        assert np.all(np.abs(gradient[interior]) < 1e-6)
        assert np.all(gradient[theta <= 1e-6] <= 1e-6)  # at zero only if it wants lower
        assert np.any(theta > 0.01)  # someone uses the tariff: the check is not vacuous
    assert war.tariffs["AAA"].shape == (2, 1)


def test_war_needs_two_different_players() -> None:
    world = toy_sectoral_world()
    with pytest.raises(InvalidInput, match="two or more different regions"):
        sectoral_war(world, ["AAA", "AAA"])


def test_cli_sectoral_war(ll2023_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(ll2023_dir))
    result = runner.invoke(app, ["war", "--players", "USA", "CHN", "--model", "sectors", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    rates = payload["nash_tariffs_pct"]["USA"]["USA on CHN"]
    assert len(rates) == 16
    assert all(0.0 <= rate <= 100 * MAX_TARIFF for rate in rates.values())
    assert 5.0 < payload["import_weighted_mean_pct"]["USA"]["CHN"] < 40.0
    assert [row["group"] for row in payload["groups"]] == ["USA", "CHN", "EU", "RoW", "world"]
    assert set(payload["table4_post_retaliation_pct"]) == {"USA", "CHN"}


def test_cli_sectoral_war_refuses_one_sector_options() -> None:
    result = runner.invoke(
        app, ["war", "--players", "USA", "CHN", "--model", "sectors", "--uniform"]
    )
    assert result.exit_code != 0
    assert "apply to the one-sector model" in result.output.replace("\n", " ").replace("│", "")
