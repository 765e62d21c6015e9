"""Shared worlds for the strategy tests: the toy world and a small random world."""

from __future__ import annotations

import numpy as np
import pytest

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
