"""Fixtures of the model tests: the paper's data (skipped loudly when absent), small worlds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

from tradewar.datasets import GeData, ge_folder
from tradewar.model.calibration import World, calibrate_world
from tradewar.model.replication import PaperInputs, Replication


@pytest.fixture(scope="session")
def replication(paper_data: GeData) -> Replication:
    """One replication object per session, so tables share their solves."""
    return Replication(
        PaperInputs(
            paper_data.countries, paper_data.raw_flows, paper_data.gdp, paper_data.ustr_rates
        )
    )


@pytest.fixture(scope="session")
def reference_dir(data_dir: Path) -> Path:
    """The authors' published output (reference/ next to the GE files)."""
    folder = ge_folder(data_dir) / "reference"
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing: the published reference output is needed.")
    return folder


@st.composite
def random_worlds(draw: st.DrawFn, min_size: int = 3, max_size: int = 6) -> World:
    """Small random worlds: USA plus a few countries, positive trade, GDP well above trade."""
    size = draw(st.integers(min_size, max_size))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    flows = rng.lognormal(mean=3.0, sigma=1.0, size=(size, size))
    gaps = rng.random((size, size)) < 0.15  # some pairs do not trade
    gaps[np.arange(size), (np.arange(size) + 1) % size] = False  # everyone trades a bit
    flows[gaps] = 0.0
    np.fill_diagonal(flows, 0.0)
    openness = rng.uniform(3.0, 12.0, size)
    gdp = openness * np.maximum(flows.sum(axis=0), flows.sum(axis=1)) + 100.0
    countries = ("USA", *(f"C{k:02d}" for k in range(1, size)))
    return calibrate_world(countries, flows, gdp)
