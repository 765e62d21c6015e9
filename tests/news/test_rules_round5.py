"""Fifth round of rules, from the error classes of held-out sets 5 and 6 (docs/news.md):
licence-policy easings, clearances, approvals and permits, ended waivers, WTO complaints,
standing tariff levels that are no acts, truce extensions by two parties, and passive agents.
Sentences are written for these tests, not taken from the labelled articles."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from tests.news.test_literals import (
    GENERAL_VOCABULARY,
    LABELLED,
    MIN_LETTERS,
    _occurs,
    _texts,
    literal_runs,
)
from tradewar.news import wording
from tradewar.news.dates import find_dates
from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str) -> list[Event]:
    return extract_events(Article(id="R5", text=text, published="2025-09-03"), classifier=False)


def triples(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.action, e.actor, e.target) for e in extracted(text)}


def actions(text: str) -> set[str]:
    return {e.action for e in extracted(text)}


def test_a_licence_review_policy_moved_toward_approval_eases_controls() -> None:
    assert ("ease_export_control", "USA", "CHN") in triples(
        "Washington adopted a more lenient licence application review policy for exports of "
        "AI accelerators to China on Friday."
    )
    assert "ease_export_control" in actions(
        "The Commerce Department is changing its license review policy for memory chips "
        "bound for Chinese buyers from a presumption of denial to a case-by-case review."
    )


def test_a_licence_review_policy_moved_to_denial_tightens_controls() -> None:
    found = actions(
        "The Commerce Department is changing its license review policy for lithography tools "
        "sold to China from case-by-case review to a presumption of denial."
    )
    assert "impose_export_control" in found
    assert "ease_export_control" not in found


def test_a_policy_only_referred_to_is_no_easing() -> None:
    assert "ease_export_control" not in actions(
        "The duty covers imports of servers that would be eligible for the more favourable "
        "license review policy of the Commerce Department."
    )


def test_goods_cleared_for_export_by_an_agent_are_eased_by_that_agent() -> None:
    assert ("ease_export_control", "USA", "CHN") in triples(
        "The B300 accelerator was cleared for export to China by the Trump administration on "
        "Monday."
    )


def test_a_firm_allowed_to_sell_abroad_is_an_easing() -> None:
    assert ("ease_export_control", "USA", "CHN") in triples(
        "The Commerce Department said it will allow Micron to sell its memory chips to China."
    )


def test_approvals_and_permits_granted_are_licence_grants() -> None:
    assert ("grant_licence", "CHN", "JPN") in triples(
        "Beijing has granted export approvals for gallium to several Japanese firms."
    )
    assert "grant_licence" in actions(
        "Some compliant applications for rare earth exports have been approved, the Ministry "
        "of Commerce said."
    )
    assert "grant_licence" not in actions(
        "Exporters of graphite may apply for permits from the Ministry of Commerce."
    )


def test_ending_a_waiver_or_an_end_user_status_is_a_new_control() -> None:
    found = actions(
        "The U.S. will end the waiver that let Micron ship American tools to its plant in "
        "Xi'an without a licence."
    )
    assert "impose_export_control" in found
    assert "ease_export_control" not in found
    assert "impose_export_control" in actions(
        "Washington revoked the validated end-user status of Intel's chip plant in Dalian."
    )
    assert "impose_export_control" not in actions(
        "The White House will end the de minimis exemption on low-value parcels from China."
    )


def test_a_wto_complaint_is_an_accusation() -> None:
    assert ("accuse_violation", "CHN", "USA") in triples(
        "Beijing said it would sue the U.S. at the WTO over the new chip tariffs."
    )
    assert "accuse_violation" in actions(
        "Japan's mission to the World Trade Organization said it had filed a second complaint "
        "to the trade body over Chinese export curbs."
    )


def test_a_standing_level_or_range_is_no_tariff_act() -> None:
    assert actions("Section 232 duties run from 10% to 50% depending on the product.") == set()
    assert (
        actions(
            "For most Japanese cars, the combined effective rate sits above 27%, according to a "
            "tariff tracker."
        )
        == set()
    )
    assert (
        actions("The move comes as Vietnam now faces up to a 46% tariff on its exports to the US.")
        == set()
    )
    assert (
        actions(
            "- Exemptions: The duty does not apply if the steel is used for domestic shipbuilding."
        )
        == set()
    )


def test_a_range_of_rates_imposed_is_one_imposition_not_a_raise() -> None:
    for text in (
        "On Monday the United States imposed tariffs ranging from 10% to 50% on Chinese goods.",
        "In April, Washington levied 10% to 50% tariffs on Vietnamese goods.",
        "Ottawa imposed duties of 15% to 35% on American steel last week.",
    ):
        found = actions(text)
        assert "impose_tariff" in found, text
        assert "raise_tariff" not in found, text


def test_a_tariff_that_rose_or_fell_is_raised_or_cut() -> None:
    assert actions("As a result, Japanese tariffs rose to 40 percent on Monday.") == {
        "raise_tariff"
    }
    assert "cut_tariff" in actions("Canada's duty on American dairy fell to 15% on Friday.")


def test_the_continuation_of_a_tariff_is_no_new_tariff() -> None:
    assert "impose_tariff" not in actions(
        "Trump has since authorised the continuation of 30% tariffs on Mexican goods until 1 May."
    )


def test_a_meeting_spoken_of_as_possible_is_no_talks() -> None:
    assert "hold_talks" not in actions(
        "An adviser said results may wait for a possible meeting between Trump and Xi in Seoul "
        "in October."
    )
    assert "hold_talks" in actions("Trump and Xi held a meeting in Seoul on Monday.")


def test_two_parties_extending_their_truce_reach_an_agreement() -> None:
    found = triples(
        "The United States and China are preparing to extend their trade truce by six months "
        "when the two presidents meet in Seoul."
    )
    assert ("reach_agreement", "CHN+USA", None) in found
    assert not any(action == "suspend_tariff" for action, _, _ in found)


def test_one_side_extending_its_pause_suspends_tariffs() -> None:
    found = triples("Beijing extended its tariff pause on American goods by another 90 days.")
    assert ("suspend_tariff", "CHN", "USA") in found
    assert not any(action == "reach_agreement" for action, _, _ in found)


def test_a_tariff_left_in_place_beside_an_extension_is_no_new_tariff() -> None:
    assert "impose_tariff" not in actions(
        "Both sides agreed to extend the tariff truce by 90 days, with the remaining 10 per "
        "cent tariff still in place."
    )


def test_a_tariff_noun_naming_a_pause_is_a_suspension() -> None:
    found = actions("Beijing announced a tariff pause of 90 days on American soybeans.")
    assert "suspend_tariff" in found
    assert "impose_tariff" not in found
    assert "suspend_tariff" not in actions(
        "Tokyo on Monday lifted curbs on 12 US chip firms after the two economies agreed on "
        "tariff pause through the talks."
    )


def test_a_with_clause_of_another_party_is_that_partys_act() -> None:
    found = triples(
        "Washington signed an order on Friday keeping its own duties paused, with Beijing also "
        "announcing an extension of its tariff pause for another 60 days on Saturday."
    )
    assert ("suspend_tariff", "CHN", "USA") in found


def test_an_act_joined_by_alongside_is_an_act_of_its_own() -> None:
    found = {
        (e.action, e.actor, e.target, e.rate_to)
        for e in extracted(
            "On Tuesday Washington raised tariffs on Chinese cars from 10% to 20%, alongside "
            "imposing 25% duties on goods from Canada."
        )
    }
    assert ("raise_tariff", "USA", "CHN", 20.0) in found
    assert ("impose_tariff", "USA", "CAN", 25.0) in found


def test_the_other_sides_act_in_an_exchange_keeps_its_own_actor() -> None:
    found = {
        (e.action, e.actor, e.target, e.rate_to)
        for e in extracted(
            "The two leaders agreed that Beijing would pause its curbs on graphite exports in "
            "exchange for Washington cutting its tariff on Chinese steel from 25% to 15%."
        )
    }
    assert ("ease_export_control", "CHN", "USA", None) in found
    assert ("cut_tariff", "USA", "CHN", 15.0) in found
    assert not any(actor == "CHN" and action == "cut_tariff" for action, actor, _, _ in found)
    cuts = [
        e.rate_to
        for e in extracted(
            "Trump said a deal had been reached to reduce some American tariffs in exchange for "
            "Beijing lifting its curbs on graphite exports."
        )
        if e.action == "cut_tariff"
    ]
    assert cuts == [None]  # the other side's "lifting" does not end the tariffs


def test_an_open_door_or_a_firms_talks_with_its_suppliers_are_no_talks() -> None:
    assert "hold_talks" not in actions(
        "Beijing wants to squeeze Washington's farm states while keeping the door open for "
        "negotiations."
    )
    assert "hold_talks" not in actions(
        "Ford said it is in talks with its suppliers about magnets, as Washington and Beijing "
        "trade blows."
    )
    assert "hold_talks" in actions("Washington and Beijing held talks in Geneva on Monday.")


def test_a_full_date_after_an_effective_weekday_is_the_effective_date() -> None:
    events = extract_events(
        Article(
            id="R5",
            text="Effective Monday, March 10, Ottawa imposed 25% levies on American steel.",
            published="2025-03-12",
        ),
        classifier=False,
    )
    assert [e.effective_date for e in events if e.action == "impose_tariff"] == ["2025-03-10"]


def test_ordinal_days_and_years_that_date_a_measure_are_read() -> None:
    dateline = date(2025, 10, 31)

    def values(text: str) -> list[str | None]:
        return [m.value for m in find_dates(text, dateline)]

    assert values("The licences were announced on October 9th.") == ["2025-10-09"]
    assert values("Trump met Xi on the 30th of October 2025.") == ["2025-10-30"]
    assert values("Nvidia designed the chip around the 2023 restrictions on the H800.") == ["2023"]
    assert values("Beijing recalled its 2010 embargo against Japan.") == ["2010"]
    assert values("The plant shipped 2023 units of chips.") == []


def test_a_tariff_that_remains_suspended_is_suspended_and_one_retained_is_no_new_tariff() -> None:
    assert actions(
        "Ottawa's 20% additional tariff on US steel will remain suspended for a year."
    ) == {"suspend_tariff"}
    found = actions(
        "Ottawa suspended its 25% tariffs on US steel from Monday, while the 10% tariff on US "
        "steel will be retained."
    )
    assert "suspend_tariff" in found
    assert "impose_tariff" not in found


def test_a_licence_now_required_is_a_new_control() -> None:
    assert ("impose_export_control", "USA", "CHN") in triples(
        "On Monday the US government told AMD that it would require a license to export its "
        "MI308 chips to China."
    )
    assert "impose_export_control" not in actions(
        "Samsung may now ship the tools to China without the need for additional licenses."
    )
    assert "impose_export_control" not in actions(
        "The move replaces rules that previously only required export licences for Chinese "
        "gallium buyers in the US."
    )


def test_an_import_surcharge_is_a_tariff() -> None:
    found = {
        (e.action, e.actor, e.rate_to)
        for e in extracted(
            "On Friday Ottawa issued an order imposing a 15% temporary import surcharge on "
            "American steel."
        )
    }
    assert ("impose_tariff", "CAN", 15.0) in found
    assert "cut_tariff" in actions("Canada's 25% surcharge on US steel falls to 10% on Monday.")


def test_a_commentators_forecast_with_would_is_no_act() -> None:
    assert (
        actions(
            "Some analysts predicted the rule would add as many as 5,000 new Chinese firms to U.S. "
            "export restrictions."
        )
        == set()
    )
    assert "impose_export_control" in actions(
        "Analysts said on Monday that Washington added 50 Chinese firms to the Entity List."
    )


def test_meeting_a_leader_is_talks() -> None:
    assert ("hold_talks", "CHN+USA", None) in triples(
        "Trump will meet President Xi Jinping in Seoul next month."
    )
    assert "hold_talks" not in actions(
        "The new rules meet the standards of the World Customs Organization, Beijing said."
    )


def test_the_sides_as_a_subject_name_both_parties() -> None:
    assert ("reach_agreement", "CHN+USA", None) in triples(
        "At their last meeting in Geneva in May, the sides agreed to extend the truce for 90 "
        "days, easing retaliatory tariffs."
    )


def test_a_deals_period_holds_for_its_concessions_told_without_one() -> None:
    text = (
        "Washington and Ottawa reached an agreement on Monday to lower their tariffs for 90 "
        "days. Under the deal, Ottawa will reduce its 25 percent tariffs on US steel to 10 "
        "percent."
    )
    cuts = [e for e in extracted(text) if e.action == "cut_tariff" and e.actor == "CAN"]
    assert cuts and all(e.duration == "P90D" for e in cuts)


def test_no_wording_literal_is_in_the_development_texts_alone(dev_dir: Path) -> None:
    """The check of tests/news/test_literals.py, on this round's module."""
    dev, labelled = _texts(dev_dir), _texts(LABELLED)
    suspect = set()
    for value in vars(wording).values():
        if isinstance(value, re.Pattern):
            for word in literal_runs(value):
                literal = word.strip().lower()
                if sum(ch.isalpha() for ch in literal) < MIN_LETTERS:
                    continue
                if _occurs(literal, dev) and not _occurs(literal, labelled):
                    suspect.add(literal)
    assert not suspect - set(GENERAL_VOCABULARY), sorted(suspect)
