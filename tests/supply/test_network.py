"""The chain data model and the bundled, sourced datasets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from tests.supply.chains import three_tier
from tradewar.errors import DataUnavailable, InvalidData
from tradewar.supply.network import (
    ChainSpec,
    bundled_chain_path,
    load_bundled_chain,
    load_chain_spec,
)

BUNDLED = ("rare_earths", "us_controls")


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_chains_compile_consistently(name: str) -> None:
    chain = load_bundled_chain(name)
    assert chain.n_nodes and chain.n_slots and chain.n_edges
    assert np.all(chain.baseline_output > 0)
    assert np.all(chain.other_demand >= 0)
    sold = np.bincount(chain.edge_supplier, chain.baseline_flow, minlength=chain.n_nodes)
    np.testing.assert_allclose(sold + chain.other_demand, chain.baseline_output, rtol=1e-9)
    incumbent = np.bincount(chain.edge_slot, chain.incumbent_share, minlength=chain.n_slots)
    np.testing.assert_allclose(incumbent, 1.0)
    assert np.all(chain.lead_weeks >= 1)
    assert np.all(np.diff(chain.slot_node) >= 0)


@pytest.mark.parametrize("name", BUNDLED)
def test_every_figure_is_sourced_or_an_explained_estimate(name: str) -> None:
    spec = load_chain_spec(bundled_chain_path(name))
    text = bundled_chain_path(name).read_text()
    assert "estimate: true" in text
    for key, source in spec.sources.items():
        assert source.url.startswith("https://"), key
    # the validator already enforces it; check a sourced figure survives round trip
    assert any('source: ' in line for line in text.splitlines())


def test_rare_earth_chain_covers_the_issue_products() -> None:
    chain = load_bundled_chain("rare_earths")
    for product in ("light_ree_oxide", "heavy_ree_oxide", "ndfeb_magnet", "smco_magnet",
                    "auto_motor_set", "car", "ev", "aircraft", "wind_turbine", "electronics",
                    "defence"):
        assert product in chain.products
    chinese_magnets = chain.node_index("ndfeb_magnet", "CHN")
    foreign = chain.baseline_flow[(chain.edge_supplier == chinese_magnets) & ~chain.edge_domestic]
    assert foreign.sum() > 0


def test_unsourced_figure_is_rejected(tmp_path: Path) -> None:
    raw = yaml.safe_load(bundled_chain_path("us_controls").read_text())
    raw["producers"][0]["other_buyers_share"] = {"value": 0.5}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(InvalidData, match="expected a 'source' key, or 'estimate: true'"):
        load_chain_spec(path)


def test_shares_must_sum_to_one(tmp_path: Path) -> None:
    raw = yaml.safe_load(bundled_chain_path("us_controls").read_text())
    raw["links"][0]["suppliers"][0]["share"]["value"] = 0.5
    from tradewar.supply.network import compile_chain

    with pytest.raises(InvalidData, match=r"sum to 0\.6"):
        compile_chain(ChainSpec.model_validate(raw))


def test_missing_files_say_what_exists() -> None:
    with pytest.raises(DataUnavailable, match="rare_earths"):
        bundled_chain_path("nickel")
    with pytest.raises(DataUnavailable, match="not found"):
        load_chain_spec(Path("/nonexistent/chain.yaml"))


def test_hand_made_chain_baseline_flows() -> None:
    chain = three_tier()
    assert chain.baseline_output[chain.node_index("magnet", "JPN")] == pytest.approx(1.0)
    assert chain.baseline_output[chain.node_index("oxide", "CHN")] == pytest.approx(0.5)
