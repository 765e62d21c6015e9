"""Seventh round of rules, on the act side, from the error classes that recur across the
labelled articles and that the agreement study confirms (docs/news.md, "General rules,
seventh round"). Each test fails on the code before its rule. Sentences are written for
these tests, not taken from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    return extract_events(Article(id="R7", text=text, published=published), classifier=False)


def acts(text: str, published: str = "2025-10-20") -> set[tuple[str, str | None, str | None]]:
    return {(e.action, e.actor, e.target) for e in extracted(text, published)}


def test_two_parties_agreeing_to_lower_tariffs_cut_them_each() -> None:
    # the guide: "Both sides agreed to cut tariffs" is one event per side, beside the deal
    both_cuts = {("cut_tariff", "USA", "CHN"), ("cut_tariff", "CHN", "USA")}
    assert both_cuts <= acts(
        "Shipping rates between the United States and China had steadied since the two "
        "countries agreed to sharply lower tariffs in May."
    )
    assert both_cuts <= acts(
        "Soybean sales resumed after Washington and Beijing struck a deal in Madrid to roll "
        "back the duties they had slapped on each other."
    )
    # one party's agreement to cut was already its own act, and stays one
    assert acts("China agreed on Monday to lower its tariffs on US pork.") >= {
        ("cut_tariff", "CHN", "USA")
    }


def test_a_foreign_direct_product_rule_introduced_is_an_export_control() -> None:
    assert ("impose_export_control", "CHN", None) in acts(
        "Beijing introduced its own foreign direct product rule on Thursday, reaching "
        "graphite anodes made abroad with Chinese equipment."
    )
    assert ("impose_export_control", "USA", None) in acts(
        "The US Commerce Department expanded the foreign-direct-product (FDP) rule to advanced "
        "lithography tools made overseas."
    )


def test_a_total_or_cumulative_tariff_is_a_level_not_an_act() -> None:
    # a sum of tariffs describes where the measures stand, not a new measure
    assert (
        acts(
            "Were the plan enacted, Canadian steel would face cumulative tariffs of 75% in the US."
        )
        == set()
    )
    assert acts(
        "The new levy stacked on older duties, pushing total US tariffs on Canadian lumber "
        "as high as 45%."
    ) <= {("impose_tariff", "USA", "CAN")} and not any(
        e.rate_to == 45.0
        for e in extracted(
            "The new levy stacked on older duties, pushing total US tariffs on Canadian "
            "lumber as high as 45%."
        )
    )


def test_the_authority_that_issues_a_required_licence_imposes_the_control() -> None:
    # the firms that must obtain the licence undergo the control; its issuer imposes it
    assert ("impose_export_control", "CHN") in {
        (action, actor)
        for action, actor, _ in acts(
            "Foreign firms must obtain an export licence issued by the Ministry of Commerce "
            "of China before shipping magnets that contain Chinese rare earths."
        )
    }
    assert ("impose_export_control", "CHN") in {
        (action, actor)
        for action, actor, _ in acts(
            "Overseas makers of drone motors must secure export approval from China's "
            "commerce ministry before selling them to third countries."
        )
    }


def test_goods_that_still_face_or_remain_under_a_tariff_state_its_level() -> None:
    # the guide: a level only said to exist or remain is no event
    assert acts("Canadian canola will remain under a 25 percent tariff in China.") == set()
    found = acts(
        "Canada will lift its surtax on Chinese steel on Monday, but Chinese aluminium "
        "still faces a 10% tariff."
    )
    assert not any(action == "impose_tariff" for action, _, _ in found)


def test_a_recalled_measure_with_a_date_is_background_even_without_a_dateline() -> None:
    # the guide labels a recalled act that carries a date; with no dateline the date stays
    # unresolved (no year is made up), but the act is still told
    found = extracted(
        "Ottawa will lift the tariffs imposed on March 4 on Chinese canola.", published=None
    )
    recalled = [e for e in found if e.action == "impose_tariff"]
    assert [(e.actor, e.modality, e.event_date) for e in recalled] == [("CAN", "background", None)]
    eased = extracted(
        "China will suspend the export control measures announced on October 9 for one year.",
        published=None,
    )
    assert {e.action for e in eased} == {"ease_export_control", "impose_export_control"}


def test_what_a_suspended_rule_does_describes_it_and_is_no_new_control() -> None:
    for text in (
        "Canada will suspend the Subsidiaries Rule that extends its export restrictions to "
        "majority-owned firms.",
        "Canada announced a one-year suspension of the Subsidiaries Rule, which imposed export "
        "restrictions on majority-owned firms.",
        # the rule's own words name no control: what it does names the controls eased
        "Canada will suspend for one year the implementation of the Subsidiaries Rule, which "
        "extends its export restrictions to majority-owned firms.",
    ):
        assert {action for action, _, _ in acts(text)} == {"ease_export_control"}, text
    # a rule that is imposed, not suspended, is still a control
    assert ("impose_export_control", "CAN", None) in acts(
        "Canada adopted a rule that extends its export restrictions to majority-owned firms."
    )
