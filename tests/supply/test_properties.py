"""Properties of the weekly model under random licensing paths (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tradewar.supply.dynamics import DrawParameters, DynamicsSettings, simulate_chain
from tradewar.supply.network import load_bundled_chain

CHAIN = load_bundled_chain("rare_earths")
FINAL = CHAIN.product_tiers[CHAIN.node_product] == CHAIN.product_tiers.max()


@given(
    shares=st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4),
    cover_scale=st.floats(0.0, 3.0),
    rationing=st.sampled_from(["proportional", "domestic_priority"]),
)
def test_any_licensing_path_conserves_flows_and_stays_feasible(
    shares: list[float], cover_scale: float, rationing: str
) -> None:
    weeks = 24
    approval = np.ones((weeks, 1, CHAIN.n_edges))
    foreign = ~CHAIN.edge_domestic
    for block, share in enumerate(shares):  # a share per six-week block on foreign edges
        approval[6 * block : 6 * block + 6, 0, foreign] = share
    central = DrawParameters.central(CHAIN)
    params = DrawParameters(
        central.cover_weeks * cover_scale, central.qualification_weeks, central.alternative_share
    )
    path = simulate_chain(CHAIN, approval, params, DynamicsSettings(rationing=rationing))  # type: ignore[arg-type]
    assert path.stock.min() >= -1e-9
    assert np.all(path.output <= CHAIN.capacity * (1 + 1e-12))
    assert np.all(path.output[:, :, FINAL] <= CHAIN.baseline_output[FINAL] * (1 + 1e-12))
    balance = path.shipped_total + path.in_transit_start - path.arrived_total - path.in_transit_end
    assert abs(float(balance[0])) <= 1e-8 * float(path.shipped_total[0])
