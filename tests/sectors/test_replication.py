"""Table 4 of Lashkaripour & Lugovskyy (2023): every restricted-entry cell against the
published table, the free-entry columns computed, the progress count (one step per country)
and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest
from rich.console import Console
from typer.testing import CliRunner

from tradewar.cli import context
from tradewar.cli.app import app
from tradewar.model.formatting import table_to_json
from tradewar.model.sectors.data import Entry, SectoralWorld, load_reference_table4
from tradewar.model.sectors.policy import PolicyKind, optimal_policy
from tradewar.model.sectors.replication import (
    PRINTED_HALF_UNIT,
    Table4,
    restricted_entry_columns,
    table4,
    table4_rows,
)
from tradewar.model.sectors.toy import toy_raw_cube, toy_sectoral_world
from tradewar.tabular import json_default

runner = CliRunner()


@pytest.fixture(scope="session")
def published(ll2023_dir: Path) -> pd.DataFrame:
    """The published restricted-entry columns (43 countries and the average)."""
    return load_reference_table4(ll2023_dir)


@pytest.fixture(scope="session")
def restricted_columns(restricted_world: SectoralWorld) -> np.ndarray:
    """All 43 × 4 restricted-entry cells, computed once per session (about 10 s)."""
    homes = list(range(restricted_world.size - 1))
    values, _ = restricted_entry_columns(restricted_world, homes)
    return values


def test_every_restricted_entry_cell_within_half_a_printed_unit(
    restricted_world: SectoralWorld, restricted_columns: np.ndarray, published: pd.DataFrame
) -> None:
    countries = list(restricted_world.regions[:-1])
    assert list(published.index[:-1]) == countries
    expected = published.loc[countries].to_numpy(dtype=float)
    gaps = np.abs(restricted_columns - expected)
    worst = np.unravel_index(np.argmax(gaps), gaps.shape)
    assert gaps.max() <= PRINTED_HALF_UNIT, (
        f"{countries[worst[0]]} {list(PolicyKind)[worst[1]].value}:"
        f" {restricted_columns[worst]:.4f} vs published {expected[worst]:.2f}"
    )
    average = published.loc["Average"].to_numpy(dtype=float)
    np.testing.assert_allclose(restricted_columns.mean(axis=0), average, atol=PRINTED_HALF_UNIT)


def test_policies_rank_as_theory_says(restricted_columns: np.ndarray) -> None:
    """More instruments never do worse: 1st ≥ 2nd ≥ 3rd best for every country."""
    first, second, third = (
        restricted_columns[:, 0],
        restricted_columns[:, 1],
        restricted_columns[:, 2],
    )
    assert np.all(first >= second - 1e-9)
    assert np.all(second >= third - 1e-9)


def test_optimal_policy_is_a_fixed_point(restricted_world: SectoralWorld) -> None:
    """The converged taxes reproduce themselves through the formulas."""
    from tradewar.model.sectors.policy import predicted_taxes

    home = restricted_world.index_of("USA")
    policy = optimal_policy(restricted_world, home, PolicyKind.second_best)
    tariffs, exports = predicted_taxes(
        PolicyKind.second_best, restricted_world, policy.equilibrium, home
    )
    others = [r for r in range(restricted_world.size) if r != home]
    applied = policy.equilibrium.instruments
    np.testing.assert_allclose(
        applied.import_tariffs[:, others, home], tariffs[:, others], atol=1e-9
    )
    np.testing.assert_allclose(applied.export_taxes[:, home, others], exports[:, others], atol=1e-9)


@pytest.fixture(scope="session")
def small_table(ll2023_dir: Path) -> Table4:
    """Table 4 for three countries, both entry modes."""
    return table4(ll2023_dir, ["USA", "CHN", "DEU"])


def test_free_entry_columns_are_computed(small_table: Table4) -> None:
    free = small_table.free
    assert np.all(np.isfinite(free))
    # The 2nd best nests the 3rd (tariffs only): its maximum cannot be lower.
    assert np.all(free[:, 1] >= free[:, 2] - 1e-6)
    # Scale economies make the gains from the 1st best larger than with restricted entry.
    assert np.all(free[:, 0] > small_table.restricted[:, 0])
    table = small_table.to_table()
    assert [panel.title for panel in table.panels] == ["Restricted entry", "Free entry"]
    assert any("all within half a printed unit" in note for note in table.notes)
    assert any("Average over the 3 countries" in note for note in table.notes)


def test_cli_replicate_ll2023_json(
    ll2023_dir: Path, monkeypatch: pytest.MonkeyPatch, published: pd.DataFrame
) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(ll2023_dir))
    result = runner.invoke(
        app, ["replicate", "ll2023", "--countries", "USA", "--table", "4", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["table"] == 4
    restricted, free = payload["panels"]
    assert restricted["columns"] == [kind.value for kind in PolicyKind]
    usa = restricted["rows"][0]
    assert usa["group"] == "USA"
    np.testing.assert_allclose(
        usa["values"], published.loc["USA"].to_numpy(dtype=float), atol=PRINTED_HALF_UNIT
    )
    assert free["title"] == "Free entry"
    assert "WIOD" in result.stderr


def test_cli_replicate_ll2023_refuses_other_tables(
    ll2023_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(ll2023_dir))
    result = runner.invoke(app, ["replicate", "ll2023", "--table", "2"])
    assert result.exit_code != 0
    assert "expected 4" in result.output.replace("\n", "")
    wrong = runner.invoke(app, ["replicate", "ll2023", "--countries", "XYZ"])
    assert wrong.exit_code != 0
    assert "XYZ" in wrong.output


def test_cli_replicate_ll2023_csv(ll2023_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(ll2023_dir))
    result = runner.invoke(app, ["replicate", "ll2023", "--countries", "CHN", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "table,panel,group,column,value"
    assert any(line.startswith("4,Restricted entry,CHN,1st-best,1.76") for line in lines)


def test_progress_counts_countries_and_changes_nothing() -> None:
    """One step per country (both entry modes of its row), on the toy world; the rows are
    the same with the callback, without it, and computed column by column."""
    restricted, free = toy_sectoral_world(Entry.restricted), toy_sectoral_world(Entry.free)
    cube, homes = toy_raw_cube(), [2, 0, 1]
    calls: list[tuple[int, int]] = []
    counted = table4_rows(restricted, free, cube, homes,
                          progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert calls == [(1, 3), (2, 3), (3, 3)]
    quiet = table4_rows(restricted, free, cube, homes)
    for with_bar, without in zip(counted[:2], quiet[:2], strict=True):
        assert np.all(np.isfinite(with_bar))
        np.testing.assert_array_equal(with_bar, without)
    assert counted[2] == quiet[2] == []
    by_column, _ = restricted_entry_columns(restricted, homes)
    np.testing.assert_array_equal(counted[0], by_column)


def test_cli_bar_counts_countries_and_stdout_is_unchanged(
    ll2023_dir: Path, monkeypatch: pytest.MonkeyPatch, small_table: Table4
) -> None:
    """On a terminal the bar counts countries on stderr; --format json prints what a run
    without a progress callback gives, byte for byte."""
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(ll2023_dir))
    terminal = io.StringIO()
    bar_console = Console(file=terminal, force_terminal=True, color_system=None, width=120)
    monkeypatch.setattr(context, "console_err", bar_console)
    countries = ",".join(small_table.countries)
    result = runner.invoke(
        app, ["replicate", "ll2023", "--countries", countries, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    quiet = [table_to_json(small_table.to_table())]
    expected = json.dumps(quiet, indent=2, ensure_ascii=False, default=json_default)
    assert result.stdout == expected + "\n"
    drawn = terminal.getvalue()
    assert "Replicating ll2023 by country" in drawn and "3/3 steps" in drawn
