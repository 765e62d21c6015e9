"""Twenty-third round: rules written from the missed events of all 498 labelled articles that
no rule candidate came near (docs/news.md, "General rules, twenty-third round").  Each rule's
test fails on the code before the rule; the tests of what a rule must leave alone guard its
limits.  Texts are written for these tests, not taken from the labelled articles."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import extracted as shared_extracted
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    return shared_extracted(text, published, "R23")


def _controls(events: list[Event]) -> list[Event]:
    return [e for e in events if e.action == "impose_export_control"]


@pytest.mark.parametrize(
    "text",
    [
        "China's export controls on gallium took effect on Monday.",
        "China's export restrictions on antimony came into force on Friday.",
        "Washington's export licensing requirements for AI chips took effect on Monday.",
    ],
)
def test_controls_that_take_effect_are_imposed(text: str) -> None:
    (event,) = _controls(extracted(text))
    assert event.effective_date is not None


def test_controls_that_never_took_effect_are_no_act() -> None:
    assert not _controls(extracted("China's export controls on gallium never took effect."))


def test_trade_put_under_control_is_restricted() -> None:
    events = extracted(
        "Beijing will also control exports of heavy rare earth elements, such as dysprosium "
        "and terbium, to the United States."
    )
    (event,) = _controls(events)
    assert (event.actor, event.target) == ("CHN", "USA")
    assert "rare_earths" in event.product_groups


def test_a_market_share_under_control_is_no_control() -> None:
    assert not _controls(extracted("China controls about 90% of the world's magnet output."))


def test_limits_on_chips_destined_for_a_country_are_export_controls() -> None:
    events = extracted(
        "In 2022 the Biden administration imposed strict limits on advanced AI processors "
        "destined for China."
    )
    (event,) = _controls(events)
    assert (event.actor, event.target) == ("USA", "CHN")


def test_limits_on_imports_stay_no_export_control() -> None:
    assert not _controls(extracted("Brussels imposed strict limits on steel imports from Asia."))


def test_north_america_is_not_the_united_states() -> None:
    (event,) = _controls(
        extracted("Beijing halted exports of precursor chemicals to North America.")
    )
    assert (event.actor, event.target) == ("CHN", None)


def test_a_commitment_to_control_exports_keeps_its_one_actor() -> None:
    events = extracted(
        "The PRC has committed to take significant measures, including stopping the shipment "
        "of designated chemicals to North America and strictly controlling exports of other "
        "chemicals."
    )
    assert events
    assert {e.actor for e in events} == {"CHN"}


def test_america_alone_is_still_the_united_states() -> None:
    events = extracted("America imposed tariffs of 10% on Chinese goods on Tuesday.")
    assert ("impose_tariff", "USA") in {(e.action, e.actor) for e in events}
