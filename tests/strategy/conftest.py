"""Shared worlds for the strategy tests: the toy world and a small random world."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tradewar.datasets import GE_FILES, ge_folder, load_ge_data
from tradewar.model.calibration import World, calibrate_world
from tradewar.model.toy import toy_world


@pytest.fixture(scope="session")
def toy() -> World:
    """The three-country toy world (USA, CHN, DEU)."""
    return toy_world()


@pytest.fixture(scope="session")
def random_world() -> World:
    """Six countries with random trade (thousands of USD) and GDP, fixed seed."""
    rng = np.random.default_rng(20141201)
    countries = ("USA", "CHN", "DEU", "JPN", "MEX", "BRA")
    flows = rng.uniform(20.0, 400.0, size=(6, 6))
    np.fill_diagonal(flows, 0.0)
    gdp = rng.uniform(4_000.0, 25_000.0, size=6)
    return calibrate_world(countries, flows, gdp)


DATA_ENV = "TRADEWAR_DATA_DIR"


@pytest.fixture(scope="session")
def paper_world() -> World:
    """The calibrated 194-country world from TRADEWAR_DATA_DIR; skips loudly when absent."""
    value = os.environ.get(DATA_ENV)
    if not value:
        pytest.skip(
            f"{DATA_ENV} is not set: the 194-country GE data is needed for this test"
            " (`make test` points it at ../shared/data when that exists)."
        )
    path = Path(value)
    missing = [spec.name for spec in GE_FILES if not (ge_folder(path) / spec.name).is_file()]
    if missing:
        pytest.skip(f"{DATA_ENV}={path}: missing {', '.join(missing)} under {ge_folder(path)}.")
    data = load_ge_data(path)
    return calibrate_world(data.countries, data.raw_flows, data.gdp)
