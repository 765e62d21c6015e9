"""Fixtures of the model tests: the paper's data (skipped loudly when absent), small worlds."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

from tradewar.datasets import GE_FILES, GeData, ge_folder, load_ge_data
from tradewar.model.calibration import World, calibrate_world
from tradewar.model.replication import PaperInputs, Replication

DATA_ENV = "TRADEWAR_DATA_DIR"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The data directory holding ge/, from TRADEWAR_DATA_DIR; skips loudly when absent."""
    value = os.environ.get(DATA_ENV)
    if not value:
        pytest.skip(
            f"{DATA_ENV} is not set: the 194-country GE data is needed for this test"
            " (`make test` points it at ../shared/data when that exists)."
        )
    path = Path(value)
    missing = [spec.name for spec in GE_FILES if not (ge_folder(path) / spec.name).is_file()]
    if missing:
        pytest.skip(
            f"{DATA_ENV}={path}: missing {', '.join(missing)} under {ge_folder(path)};"
            " run `tradewar data import FOLDER` or point the variable at ../shared/data."
        )
    return path


@pytest.fixture(scope="session")
def paper_data(data_dir: Path) -> GeData:
    """The raw inputs of IMLS (2025)."""
    return load_ge_data(data_dir)


@pytest.fixture(scope="session")
def paper_world(paper_data: GeData) -> World:
    """The calibrated 194-country baseline world."""
    return calibrate_world(paper_data.countries, paper_data.raw_flows, paper_data.gdp)


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
