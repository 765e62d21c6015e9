"""Twenty-second round: rules written after held-out set 25 was scored, from its error list
(docs/news.md, "General rules, twenty-second round").  Each rule's test fails on the code
before the rule; the tests of what a rule must leave alone guard its limits.  Texts are
written for these tests, not taken from the labelled articles."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import extracted as shared_extracted
from tradewar.news.gazetteer import product_table
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-11-20") -> list[Event]:
    return shared_extracted(text, published, "R22")


@pytest.mark.parametrize(
    "text",
    [
        "Trump's 100% tariff on Chinese goods never took effect.",
        "Trump's 50% duties on Chinese cranes, weighed in March, have not gone into effect.",
        "Washington's 15% tariff on Chinese steel did not materialise by Tuesday.",
        "The US tariff of 50% on Chinese cranes has not yet taken effect.",
    ],
)
def test_a_tariff_that_never_took_effect_is_no_act(text: str) -> None:
    assert not [e for e in extracted(text) if e.action == "impose_tariff"]


def test_a_tariff_that_took_effect_while_another_party_did_not_act_stays() -> None:
    text = "Trump's 10% tariff on Chinese goods took effect on Tuesday, and China has not yet retaliated."
    assert [e for e in extracted(text) if e.action == "impose_tariff" and e.actor == "USA"]


def test_goods_bound_for_a_country_name_their_destination_not_an_actor() -> None:
    events = extracted(
        "The US Commerce Department finalized rules allowing China-bound H200 exports after "
        "third-party testing.",
        "2026-01-20",
    )
    (event,) = [e for e in events if e.action == "ease_export_control"]
    assert (event.actor, event.target) == ("USA", "CHN")


def test_a_longer_chip_name_comes_before_its_prefix() -> None:
    phrases = [phrase for phrase, _ in product_table()]
    assert phrases.index("h200") < phrases.index("h20")


def test_an_understanding_reached_between_the_leaders_is_a_deal() -> None:
    events = extracted(
        "The move follows an understanding reached between Xi Jinping and Donald Trump in "
        "Busan on October 30.",
        "2025-11-12",
    )
    assert ("reach_agreement", "CHN+USA") in {(e.action, e.actor) for e in events}


def test_understanding_as_knowledge_is_no_deal() -> None:
    text = "The talks gave Trump and Xi a better understanding of each other's concerns."
    assert not [e for e in extracted(text) if e.action == "reach_agreement"]


@pytest.mark.parametrize(
    "text",
    [
        "The talks eliminated the threat of Trump's 100% tariffs on Chinese imports.",
        "The deal takes the threat of Trump's additional 100% tariff on China off the table.",
    ],
)
def test_a_threat_averted_is_no_act(text: str) -> None:
    assert not [e for e in extracted(text) if e.action.endswith("tariff")]


def test_a_de_escalation_is_no_raise() -> None:
    text = (
        "The deal is a de-escalation from Trump's threat to impose 100% tariffs on Chinese "
        "goods on November 1."
    )
    assert "raise_tariff" not in {e.action for e in extracted(text, "2025-10-31")}


def test_a_threat_made_stays_a_threat() -> None:
    events = extracted("Trump threatened a 100% tariff on Chinese goods from November 1.")
    assert [(e.action, e.modality) for e in events] == [("impose_tariff", "threatened")]
