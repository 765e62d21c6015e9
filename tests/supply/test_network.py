"""The chain data model and the bundled, sourced datasets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
from tradewar.supply.policy import LedgerRules
from tradewar.supply.scenario import load_scenarios

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


DATA = Path(bundled_chain_path("rare_earths")).parent
DATA_FILES = ("rare_earths.yaml", "us_controls.yaml", "scenarios.yaml", "policy_rules.yaml")


def _figures(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping with a ``value`` key (a figure), read from the raw YAML."""
    if isinstance(node, dict):
        if "value" in node:
            yield where, node
        for key, child in node.items():
            yield from _figures(child, f"{where}.{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _figures(child, f"{where}[{i}]")


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_figure_is_sourced_or_an_explained_estimate(name: str) -> None:
    """Read from the raw files, independently of the pydantic validators."""
    raw = yaml.safe_load((DATA / name).read_text())
    sources = raw["sources"]
    for key, source in sources.items():
        assert source["url"].startswith("https://"), key
    figures = list(_figures({k: v for k, v in raw.items() if k != "sources"}))
    assert figures
    cited = set()
    for where, figure in figures:
        if figure.get("source") is not None:
            assert figure["source"] in sources, f"{name}{where}: unknown source"
            cited.add(figure["source"])
        else:
            assert figure.get("estimate") is True, f"{name}{where}: neither sourced nor estimate"
        if figure.get("estimate"):
            assert len(figure.get("note") or "") >= 5, f"{name}{where}: estimate without reasoning"
    assert any(f.get("estimate") for _, f in figures)
    assert any(f.get("source") for _, f in figures)
    reported = {
        r["source"] for s in raw.get("scenarios", {}).values() for r in s.get("reported", [])
    }
    notes = " ".join(str(f.get("note")) for _, f in figures) + str(raw.get("description"))
    unused = set(sources) - cited - reported - {k for k in sources if k in notes}
    assert not unused, f"{name}: sources never cited {sorted(unused)}"


def test_unknown_source_keys_are_rejected_in_scenarios_and_rules(tmp_path: Path) -> None:
    raw = yaml.safe_load((DATA / "scenarios.yaml").read_text())
    raw["scenarios"]["rare-earths-2025"]["reported"][0]["source"] = "rumour-mill"
    path = tmp_path / "scenarios.yaml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(InvalidData, match=r"unknown source keys \['rumour-mill'\]"):
        load_scenarios(path)
    rules = yaml.safe_load((DATA / "policy_rules.yaml").read_text())
    rules["restriction_share"]["ban"] = {"value": 0.0, "source": "rumour-mill"}
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(rules))
    with pytest.raises(InvalidData, match="rumour-mill"):
        LedgerRules.from_file(path)
    rules["restriction_share"]["ban"] = {"value": 1.5, "estimate": True, "note": "a typo"}
    path.write_text(yaml.safe_dump(rules))
    with pytest.raises(InvalidData, match=r"'ban': 1\.5; expected \[0, 1\]"):
        LedgerRules.from_file(path)


def test_rare_earth_chain_covers_the_issue_products() -> None:
    chain = load_bundled_chain("rare_earths")
    for product in (
        "light_ree_oxide",
        "heavy_ree_oxide",
        "ndfeb_magnet",
        "smco_magnet",
        "auto_motor_set",
        "car",
        "ev",
        "aircraft",
        "wind_turbine",
        "electronics",
        "defence",
    ):
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
