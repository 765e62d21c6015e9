"""The sectoral war in the strategy package: the LL2023 game, with the one-sector war's
progress count (one step per best response, against the cap until the war ends)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console
from typer.testing import CliRunner

from tradewar.cli import context
from tradewar.cli.app import app
from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.sectors.data import Entry, SectoralWorld
from tradewar.model.sectors.toy import toy_sectoral_world
from tradewar.model.sectors.war import SectoralWar
from tradewar.services.sectors import SectorsService
from tradewar.strategy.sectoral import SECTORAL_MAX_ROUNDS, sectoral_war
from tradewar.tabular import json_default

runner = CliRunner()


@pytest.fixture(scope="module")
def toy() -> SectoralWorld:
    """Three regions (AAA, BBB, CCC), two industries, restricted entry."""
    return toy_sectoral_world(Entry.restricted)


def _same(war: SectoralWar, other: SectoralWar) -> None:
    assert war.players == other.players and war.rounds == other.rounds
    assert war.steps == other.steps
    for code in war.players:
        np.testing.assert_array_equal(war.tariffs[code], other.tariffs[code])
    np.testing.assert_array_equal(war.equilibrium.log_hats, other.equilibrium.log_hats)


def test_progress_counts_best_responses_and_changes_nothing(toy: SectoralWorld) -> None:
    calls: list[tuple[int, int]] = []
    war = sectoral_war(toy, ["AAA", "BBB", "CCC"],
                       progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    played = len(war.steps)
    assert played == 3 * war.rounds and war.rounds > 1
    cap = 3 * SECTORAL_MAX_ROUNDS
    assert calls == [(k, cap) for k in range(1, played + 1)] + [(played, played)]
    _same(war, sectoral_war(toy, ["AAA", "BBB", "CCC"]))


def test_an_unsettled_war_is_an_error(toy: SectoralWorld) -> None:
    calls: list[tuple[int, int]] = []
    with pytest.raises(ConvergenceError, match="did not settle in 1 rounds"):
        sectoral_war(toy, ["AAA", "BBB"], max_rounds=1, tolerance=1e-12,
                     progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert calls == [(1, 2), (2, 2)]


def test_players_must_differ(toy: SectoralWorld) -> None:
    with pytest.raises(InvalidInput, match="two or more different regions"):
        sectoral_war(toy, ["AAA", "aaa"])


def test_cli_bar_counts_sectoral_best_responses(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the bar counts best responses on stderr; --json prints what the
    service gives without a progress callback."""
    root = os.environ.get("TRADEWAR_DATA_DIR")
    if not root or not (Path(root) / "ll2023" / "input").is_dir():
        pytest.skip("TRADEWAR_DATA_DIR/ll2023 (Lashkaripour & Lugovskyy 2023 data) is missing.")
    terminal = io.StringIO()
    bar_console = Console(file=terminal, force_terminal=True, color_system=None, width=120)
    monkeypatch.setattr(context, "console_err", bar_console)
    result = runner.invoke(app, ["war", "--players", "USA", "CHN", "--model", "sectors", "--json"])
    assert result.exit_code == 0, result.output
    quiet = SectorsService(context.settings_from_env()).war(["USA", "CHN"])
    expected = json.dumps(quiet, indent=2, ensure_ascii=False, default=json_default)
    assert result.stdout == expected + "\n"
    played = len(quiet["convergence"]["steps"])
    drawn = terminal.getvalue()
    assert "Iterating sectoral best responses" in drawn and f"{played}/{played} steps" in drawn
