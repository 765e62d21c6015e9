"""A small, hand-sized world for examples, doctests and tests (no data files needed).

Three countries (USA, CHN, DEU) with round-number trade in thousands of USD; the
calibration of ge-model §2 completes domestic absorption from GDP.
"""

from __future__ import annotations

import numpy as np

from tradewar.model.calibration import World, calibrate_world

TOY_COUNTRIES: tuple[str, ...] = ("USA", "CHN", "DEU")
#: ``X⁰[exporter, importer]``, thousands of USD (zero diagonal).
TOY_FLOWS: tuple[tuple[float, ...], ...] = (
    (0.0, 150.0, 80.0),
    (440.0, 0.0, 120.0),
    (160.0, 110.0, 0.0),
)
#: GDP, thousands of USD.
TOY_GDP: tuple[float, ...] = (27_000.0, 17_000.0, 4_500.0)


def toy_world() -> World:
    """The calibrated three-country toy world.

    Examples
    --------
    >>> world = toy_world()
    >>> world.countries
    ('USA', 'CHN', 'DEU')
    >>> bool(abs(world.transfers.sum()) < 1e-9)
    True
    """
    return calibrate_world(TOY_COUNTRIES, np.array(TOY_FLOWS), np.array(TOY_GDP))
