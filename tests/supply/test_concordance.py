"""The product → WIOD concordance: every chain product mapped, every figure sourced, shares sane."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tradewar.errors import InvalidData
from tradewar.supply.concordance import (
    CONCORDANCE_FILE,
    load_concordance,
    product_shares,
    wiod_capacity_loss,
)
from tradewar.supply.network import load_bundled_chain
from tradewar.supply.wiod import IOTable

#: The industries the brief names for China's chokepoint products, plus chemicals (rare-earth
#: oxides are HS 28) and non-metallic minerals (synthetic diamond).
EXPECTED_INDUSTRIES = {"c9", "c11", "c12", "c13", "c14", "c15"}


def test_every_chain_product_is_mapped_and_sourced() -> None:
    concordance = load_concordance()
    for name in ("rare_earths", "us_controls"):
        chain = load_bundled_chain(name)
        for product in chain.products:
            mapping = concordance.product(product)
            assert mapping is not None, product
            assert mapping.unit_value.value > 0
    assert {c.wiod_industry for c in concordance.china_controls} <= EXPECTED_INDUSTRIES
    magnets = next(c for c in concordance.china_controls if c.id == "rare_earth_magnets")
    assert magnets.wiod_industry == "c14" and set(magnets.buyer_industries) == {"c13", "c14", "c15"}
    assert magnets.china_share_of_world_supply.source in concordance.sources


def test_unsourced_figures_are_rejected(tmp_path: Path) -> None:
    text = CONCORDANCE_FILE.read_text(encoding="utf-8")
    broken = text.replace("{value: 0.9, source: bloomberg-magnets-2025}", "{value: 0.9}", 1)
    assert broken != text
    (tmp_path / "c.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(InvalidData, match="expected a 'source' key"):
        load_concordance.__wrapped__(tmp_path / "c.yaml")


def test_shares_follow_the_formula_and_eu_is_spread(wiod: IOTable) -> None:
    chain = load_bundled_chain("rare_earths")
    shares, unmapped = product_shares(chain, wiod)
    assert unmapped == []
    assert all(0 < s.share <= 1 for s in shares)
    car_usa = next(s for s in shares if (s.product, s.country) == ("car", "USA"))
    node = chain.node_index("car", "USA")
    expected = chain.baseline_output[node] * 52 * 22.0 / wiod.output[car_usa.index]
    assert car_usa.share == pytest.approx(expected)
    eu = [s for s in shares if (s.product, s.country) == ("car", "EU27")]
    assert {s.region for s in eu} >= {"DEU", "FRA", "ITA", "ESP"} and len(
        {s.share for s in eu}
    ) == 1
    malaysia = [s for s in shares if s.country == "MYS"]
    assert malaysia and {s.region for s in malaysia} == {"RoW"}


def test_output_losses_become_capacity_losses(wiod: IOTable) -> None:
    chain = load_bundled_chain("rare_earths")
    shares, _ = product_shares(chain, wiod)
    relative = np.ones((3, chain.n_nodes))
    relative[1, chain.node_index("car", "USA")] = 0.4
    loss = wiod_capacity_loss(shares, relative, wiod.n_industries)
    assert loss.shape == (21, wiod.n_industries)
    car_usa = next(s for s in shares if (s.product, s.country) == ("car", "USA"))
    assert loss[7, car_usa.index] == pytest.approx(0.6 * car_usa.share)
    assert loss[:7].max() == 0 and loss[14:].max() == 0
