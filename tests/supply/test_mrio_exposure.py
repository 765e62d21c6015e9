"""MRIO loading, the synthetic generator, exposure scores and edge extraction."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from tradewar.errors import DataUnavailable, InvalidData, InvalidInput
from tradewar.supply.exposure import (
    chain_exposure,
    extract_edges,
    leontief_output,
    mrio_exposure,
    technical_matrix,
)
from tradewar.supply.mrio import MRIO, load_mrio, synthetic_mrio
from tradewar.supply.network import load_bundled_chain

FIXTURE = Path(__file__).parent / "fixtures" / "mrio_2x3"


def test_pymrio_text_folder_loads() -> None:
    table = load_mrio(FIXTURE)
    assert table.regions == ("US", "EU") and table.sectors == ("mining", "magnets", "cars")
    # x = row sums of Z plus Y, by hand
    np.testing.assert_allclose(table.output, [44, 47, 182, 31, 45, 158])
    assert table.industry("EU", "magnets") == 4


def test_missing_and_malformed_tables_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DataUnavailable, match="place the file there"):
        load_mrio(tmp_path / "nothing")
    with pytest.raises(InvalidData, match=r"file_parameters\.json"):
        load_mrio(tmp_path)
    with pytest.raises(DataUnavailable, match=r"tradewar\[supply\]"):
        try:
            import pymrio  # noqa: F401
        except ImportError:
            load_mrio(FIXTURE, fmt="exiobase3")
        else:
            raise DataUnavailable("pymrio present: tradewar[supply] installed")


def test_synthetic_generator_is_seeded_and_balanced() -> None:
    first, second = synthetic_mrio(5, 7, seed=3), synthetic_mrio(5, 7, seed=3)
    np.testing.assert_array_equal(first.flow, second.flow)
    bought = np.bincount(first.buyer, first.flow, minlength=first.n_industries)
    assert np.all(first.output > bought)  # positive value added everywhere
    with pytest.raises(InvalidInput, match="density"):
        synthetic_mrio(2, 2, density=0.0)


def test_neumann_solution_matches_a_direct_solve() -> None:
    table = synthetic_mrio(3, 5, density=0.4, seed=1)
    a = technical_matrix(table)
    x = leontief_output(a, table.final_demand)
    direct = np.linalg.solve(np.eye(table.n_industries) - a.toarray(), table.final_demand)
    np.testing.assert_allclose(x, direct, rtol=1e-8)
    np.testing.assert_allclose(x, table.output, rtol=1e-8)


def test_edge_extraction_only_lowers_output() -> None:
    table = load_mrio(FIXTURE)
    removed = (table.seller == table.industry("US", "magnets")) & (
        table.buyer == table.industry("EU", "cars")
    )
    after = extract_edges(table, removed)
    assert np.all(after <= table.output + 1e-9)
    assert after[table.industry("US", "magnets")] < table.output[table.industry("US", "magnets")]
    # with no replacement the seller loses at least the removed flow (3) and the
    # buyer's output is set by final demand (only indirect feedback moves it)
    magnets = table.industry("US", "magnets")
    assert table.output[magnets] - after[magnets] >= 3.0
    assert after[table.industry("EU", "cars")] == pytest.approx(158.0, rel=1e-3)
    np.testing.assert_allclose(extract_edges(table, np.zeros_like(removed)), table.output)


def test_neumann_divergence_is_reported() -> None:
    a = sp.csr_matrix(np.array([[1.2]]))
    from tradewar.errors import ConvergenceError

    with pytest.raises(ConvergenceError, match="column sums of A below 1"):
        leontief_output(a, np.array([1.0]), max_iterations=50)


def test_chain_exposure_ranks_chinese_magnets_first_for_india() -> None:
    rows = chain_exposure(load_bundled_chain("rare_earths"), "IND")
    top = rows[0]
    assert (top.input, top.top_supplier, top.critical) == ("ndfeb_magnet", "CHN", True)
    assert top.exposure == pytest.approx(top.import_share * top.hhi)
    domestic = [r for r in rows if r.input == "auto_motor_set"]
    assert domestic and all(r.exposure == 0 for r in domestic)


def test_mrio_exposure_scores_imports_and_concentration() -> None:
    table: MRIO = load_mrio(FIXTURE)
    result = mrio_exposure(table, "EU", top=3)
    assert result.exposure[0] == pytest.approx(result.import_share[0] * result.hhi[0])
    assert np.all(np.diff(result.exposure) <= 0)
    with pytest.raises(InvalidInput, match="region 'XX'"):
        mrio_exposure(table, "XX")
