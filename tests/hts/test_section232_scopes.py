"""Section 232 actions scoped by their official product lists: no "may also apply" elsewhere.

On 5 December 2026 (after the polysilicon action took effect on 4 December) a toy
(HTS 9503.00.00) owes only the Section 301 forced-labour 12.5%: no Section 232 action
(pharmaceuticals, polysilicon, medium- and heavy-duty vehicles) nor the Section 301 ships
action is left undecided.  Each of those measures still gets its layer on a line it names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradewar.config import Settings
from tradewar.services.ledger import LedgerService

AFTER_POLYSILICON = date(2026, 12, 5)
SCOPED = ("us-s232-", "us-s301-ships-2025")


def _layers(stack: Any) -> list[tuple[str, float]]:
    return [(x.measure_id, x.rate_pct) for x in stack.layers]


def _undecided(stack: Any) -> list[str]:
    return [u.measure_id for u in stack.uncertain if u.measure_id.startswith(SCOPED)]


@pytest.mark.parametrize("hs", ["95030000", "950300", "9503000090"])
def test_a_toy_is_decided_with_no_section_232_left_open(hts_settings: Settings, hs: str) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", hs, AFTER_POLYSILICON)
    assert _undecided(stack) == []
    assert not [u for u in stack.unverified if u.measure_id.startswith(SCOPED)]
    assert _layers(stack) == [("us-s301-forced-labor-2026", 12.5)]
    assert stack.total_additional_pct == 12.5


@pytest.mark.parametrize("hs", ["85414300", "8541420080", "38180000"])
def test_a_polysilicon_derivative_gets_the_15_percent(hts_settings: Settings, hs: str) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", hs, AFTER_POLYSILICON)
    assert ("us-s232-polysilicon-2026", 15.0) in _layers(stack)
    # not in the Section 232 overlap exclusions of US note 52(f): forced labour stacks on it
    assert ("us-s301-forced-labor-2026", 12.5) in _layers(stack)
    before = LedgerService(hts_settings).tariff("USA", "CHN", hs, date(2026, 12, 1))
    assert "us-s232-polysilicon-2026" not in [m for m, _ in _layers(before)]


def test_raw_polysilicon_owes_no_ad_valorem_232_duty(hts_settings: Settings) -> None:
    """2804.61 is in Annex I for the minimum import price only (9903.45.33)."""
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "2804610000", AFTER_POLYSILICON)
    assert "us-s232-polysilicon-2026" not in [m for m, _ in _layers(stack)] + _undecided(stack)


def test_a_chapter_30_medicine_may_owe_the_pharmaceutical_duty(hts_settings: Settings) -> None:
    """Note 40(c)'s 131 lines (chapters 29 and 30) are not in the record: undecided, at 100%."""
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "3004909290", AFTER_POLYSILICON)
    pharma = [u for u in stack.uncertain if u.measure_id == "us-s232-pharma-2026"]
    assert len(pharma) == 1 and pharma[0].possible_rates_pct == (100.0,)
    outside = LedgerService(hts_settings).tariff("USA", "CHN", "84713001", AFTER_POLYSILICON)
    assert "us-s232-pharma-2026" not in _undecided(outside)


@pytest.mark.parametrize(
    ("hs", "on", "layer"),
    [
        ("8701210000", date(2025, 12, 1), ("us-s232-mhd-vehicles-2025", 25.0)),  # road tractor
        ("4009120020", AFTER_POLYSILICON, ("us-s232-mhd-vehicles-2025", 25.0)),  # MHD part
        ("8702101000", date(2025, 12, 1), ("us-s232-mhd-vehicles-2025", 10.0)),  # bus
    ],
)
def test_mhd_vehicles_parts_and_buses_get_their_layer(
    hts_settings: Settings, hs: str, on: date, layer: tuple[str, float]
) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", hs, on)
    assert layer in _layers(stack)


def test_the_ships_action_duties_only_the_cranes_and_chassis_it_names(
    hts_settings: Settings,
) -> None:
    """In force (100%) between 14 Oct and the suspension of 10 Nov 2025 on the goods it lists."""
    service = LedgerService(hts_settings)
    crane = service.tariff("USA", "CHN", "84261900", date(2025, 10, 20))
    assert ("us-s301-ships-2025", 100.0) in _layers(crane)
    chassis = service.tariff("USA", "CHN", "8716390090", date(2025, 10, 20))
    assert ("us-s301-ships-2025", 100.0) in _layers(chassis)
    toy = service.tariff("USA", "CHN", "95030000", date(2025, 10, 20))
    assert "us-s301-ships-2025" not in [m for m, _ in _layers(toy)] + _undecided(toy)
