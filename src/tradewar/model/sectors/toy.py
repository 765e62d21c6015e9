"""A small 3-region × 2-industry world for doctests and fast tests (made-up numbers)."""

from __future__ import annotations

import numpy as np

from tradewar.model.sectors.data import Entry, RawCube, SectoralWorld


def toy_sectoral_world(entry: Entry = Entry.restricted) -> SectoralWorld:
    """Three regions, two industries, a few tariffs; trade balanced by the authors' rule."""
    from tradewar.model.sectors.solve import balanced_world

    return balanced_world(toy_raw_cube(), entry, label="toy sectoral world")


def toy_raw_cube() -> RawCube:
    """The toy world's flows and tariffs before balancing (the shape of the WIOD cube)."""
    flows = np.array(
        [
            [[50.0, 8.0, 5.0], [6.0, 70.0, 9.0], [4.0, 7.0, 40.0]],
            [[30.0, 4.0, 6.0], [5.0, 20.0, 3.0], [7.0, 2.0, 35.0]],
        ]
    )
    tariffs = np.zeros_like(flows)
    tariffs[0, 0, 1] = 0.05
    tariffs[1, 2, 0] = 0.10
    return RawCube(
        regions=("AAA", "BBB", "CCC"),
        industries=("goods", "machines"),
        flows=flows,
        tariffs=tariffs,
        trade_elasticity=np.array([4.0, 2.5]),
        scale_elasticity=np.array([0.15, 0.4]),
    )
