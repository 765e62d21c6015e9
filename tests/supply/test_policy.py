"""Ledger measures become weekly edge restrictions."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tradewar.errors import InvalidInput
from tradewar.ledger.loader import bundled_measures_path, load_measures
from tradewar.ledger.schema import Measure
from tradewar.supply.network import bundled_chain_path, load_bundled_chain, load_chain_spec
from tradewar.supply.policy import (
    ApprovalStep,
    EdgeRestriction,
    LedgerRules,
    restrictions_from_measures,
    weekly_approval,
)


@pytest.fixture(scope="module")
def measures() -> list[Measure]:
    return load_measures(bundled_measures_path())


def _measure(**fields: object) -> Measure:
    """A test measure: the given fields, plus a title and a placeholder source."""
    return Measure.model_validate(
        {"title": str(fields["id"]), "sources": [{"url": "https://example.org/test", "publisher": "x"}],
         **fields}
    )  # fmt: skip


def _by_id(restrictions: list[EdgeRestriction]) -> dict[str, EdgeRestriction]:
    return {r.measure_id or "": r for r in restrictions}


def test_rare_earth_licensing_is_found_with_its_licences(measures: list[Measure]) -> None:
    spec = load_chain_spec(bundled_chain_path("rare_earths"))
    restrictions, _ = restrictions_from_measures(measures, spec)
    found = _by_id(restrictions)
    ann18 = found["cn-ree-ann18-2025"]
    assert set(ann18.products) == {"heavy_ree_oxide", "ndfeb_magnet", "smco_magnet"}
    assert ann18.exporter == "CHN" and ann18.destinations == ()
    rules = LedgerRules.bundled()
    assert ann18.share_on(date(2025, 5, 1), "USA") == rules.restriction_share["licence_required"]
    # the June temporary licences were for US buyers only
    assert ann18.share_on(date(2025, 6, 10), "USA") == rules.licence_decision_share["granted"]
    assert ann18.share_on(date(2025, 6, 10), "EU27") == rules.restriction_share["licence_required"]
    # December general licences apply to all
    assert (
        ann18.share_on(date(2025, 12, 10), "IND") == rules.licence_decision_share["general_licence"]
    )
    assert ann18.share_on(date(2025, 4, 3), "USA") == 1.0
    # nothing controls light rare earths (NdPr)
    assert all("light_ree_oxide" not in r.products for r in restrictions)


def test_us_controls_are_time_boxed(measures: list[Measure]) -> None:
    spec = load_chain_spec(bundled_chain_path("us_controls"))
    restrictions, _ = restrictions_from_measures(measures, spec)
    found = _by_id(restrictions)
    assert set(found) >= {
        "us-bis-eda-licence-2025",
        "us-bis-ethane-licence-2025",
        "us-bis-comac-engines-2025",
    }
    engines = found["us-bis-comac-engines-2025"]
    assert engines.products == ("jet_engine",)
    assert engines.share_on(date(2025, 6, 1), "CHN") == 0.0
    assert engines.share_on(date(2025, 7, 3), "CHN") == 1.0
    chain = load_bundled_chain("us_controls")
    weekly = weekly_approval(chain, restrictions, date(2025, 5, 23), 10)
    engine_edge = chain.edge_supplier == chain.node_index("jet_engine", "USA")
    # week 0 is 23-29 May: the engine suspension starts on the 28th -> 5 of 7 days free
    assert weekly[0, engine_edge][0] == pytest.approx(5 / 7)
    assert weekly[1, engine_edge][0] == 0.0
    assert weekly[-1].min() == 1.0


def test_suspension_lifts_a_control() -> None:
    control = _measure(
        id="x-ban",
        kind="export_control",
        imposing="CHN",
        targets=["USA"],
        effective_on="2025-01-01",
        scope={"elements": ["dysprosium"]},
        control={"restriction": "ban"},
    )
    pause = _measure(
        id="x-pause",
        kind="suspension",
        imposing="CHN",
        targets=["USA"],
        effective_on="2025-02-01",
        ended_on="2025-03-01",
        suspends=[{"measure": "x-ban"}],
    )
    spec = load_chain_spec(bundled_chain_path("rare_earths"))
    (restriction,), _ = restrictions_from_measures([control, pause], spec)
    assert restriction.destinations == ("USA",)
    assert restriction.share_on(date(2025, 1, 15), "USA") == 0.0
    assert restriction.share_on(date(2025, 2, 15), "USA") == 1.0
    assert restriction.share_on(date(2025, 3, 1), "USA") == 0.0
    assert not restriction.covers("CHN", "EU27", "ndfeb_magnet")
    assert restriction.covers("CHN", "USA", "ndfeb_magnet")


def test_guidance_is_reported_not_applied() -> None:
    guidance = _measure(
        id="x-guidance",
        kind="export_control",
        imposing="USA",
        targets=["CHN"],
        effective_on="2025-01-01",
        scope={"items": ["EDA software"]},
        control={"restriction": "guidance"},
    )
    spec = load_chain_spec(bundled_chain_path("us_controls"))
    restrictions, notes = restrictions_from_measures([guidance], spec)
    assert restrictions == [] and "does not limit volumes" in notes[0]


def test_domestic_edges_are_never_restricted_and_tightest_wins() -> None:
    chain = load_bundled_chain("rare_earths")
    loose = EdgeRestriction(
        "CHN", ("ndfeb_magnet",), date(2025, 1, 1), (ApprovalStep(date(2025, 1, 1), 0.5),)
    )
    tight = EdgeRestriction(
        "CHN",
        ("ndfeb_magnet",),
        date(2025, 1, 1),
        (ApprovalStep(date(2025, 1, 1), 0.2),),
        destinations=("USA",),
    )
    weekly = weekly_approval(chain, [loose, tight], date(2025, 1, 1), 2)
    assert np.all(weekly[:, chain.edge_domestic] == 1.0)
    assert weekly.min() == pytest.approx(0.2)
    assert set(np.round(np.unique(weekly), 12)) == {0.2, 0.5, 1.0}
    with pytest.raises(InvalidInput, match=r"approval share 1\.5"):
        ApprovalStep(date(2025, 1, 1), 1.5)
