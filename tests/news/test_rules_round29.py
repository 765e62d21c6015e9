"""Twenty-ninth round (docs/news.md, "General rules, twenty-ninth round"): tariff nouns that
name no act, and acts cited as the setting of another.  The rounds' conventions:
`rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, tariff_events

extracted = WarExtractor("R29")  # this round's sentences, read after the war context


@pytest.mark.parametrize(
    "sentence",
    [
        # a definition
        "A tariff is a tax levied on imported goods, often used to shield domestic industries.",
        # a metaphor
        "The president keeps dropping tariff bombs on one trading partner after another.",
        # what is removed is an exemption, not a tariff
        "Scrapping the de minimis tariff exemption could hurt Chinese online sellers.",
    ],
)
def test_tariff_nouns_that_name_no_tariff_act(sentence: str) -> None:
    assert not tariff_events(extracted(sentence))


def test_a_tariff_rate_is_still_a_tariff() -> None:
    keys = act_keys(extracted("Washington imposed a tariff of 25% on Chinese steel on Monday."))
    assert ("impose_tariff", "USA", "CHN") in keys


def test_an_act_cited_after_even_with_is_a_reference() -> None:
    events = extracted(
        "Even with the removal of Beijing's retaliatory tariffs, American soybeans will still "
        "face duties of 13%, traders said."
    )
    assert ("cut_tariff", "CHN", "USA") not in act_keys(events)


def test_a_suspected_breach_of_competition_law_is_no_trade_accusation() -> None:
    events = extracted(
        "Regulators in Beijing suspect the American chipmaker of violating anti-monopoly "
        "regulations."
    )
    assert not [e for e in events if e.action == "accuse_violation"]


def test_a_breach_of_trade_rules_is_still_an_accusation() -> None:
    keys = act_keys(
        extracted(
            "Beijing said the new US tariffs seriously violate World Trade Organization rules."
        )
    )
    assert ("accuse_violation", "CHN", "USA") in keys


def test_goods_named_in_a_reason_clause_are_not_the_tariffs() -> None:
    events = extracted(
        "Trump is hitting China with an extra 10% tariff because, he says, it has not done "
        "enough to stop shipments of precursor chemicals."
    )
    tariffs = tariff_events(events)
    assert tariffs and all(e.product_groups == ["all_goods"] or not e.products for e in tariffs)
