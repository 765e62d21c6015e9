"""Thirteenth round of rules: recall (docs/news.md, "General rules, thirteenth round"). Each
rule reads a general class of acts the rules missed; each test fails on the code before its
rule. Sentences are written for these tests, not taken from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    article = Article(id="R13", text=text, published=published)
    return extract_events(article, classifier=False)


def actions(events: list[Event]) -> set[tuple[str, str | None, str | None, float | None, str]]:
    return {(e.action, e.actor, e.target, e.rate_to, e.modality) for e in events}


def test_a_change_recalls_the_earlier_imposition_of_its_old_level() -> None:
    # the old level of a changed tariff, recalled as imposed earlier, is a background impose
    for text in (
        "India said it would halve its 30% surcharge on Japanese steel to 15%, originally "
        "imposed over dumping.",
        "Canada said on Monday that the previously imposed 40% duty on Mexican cars will be "
        "lowered to 20%.",
        "Canada will raise the 25% levy it first imposed on Mexican steel to 35%.",
    ):
        recalled = [e for e in extracted(text) if e.modality == "background"]
        assert [e.action for e in recalled] == ["impose_tariff"], text
        assert recalled[0].rate_to in {30.0, 40.0, 25.0}
    # a tariff named by its participle alone is the tariff changed, not an earlier act
    plain = "Canada said the tariffs imposed on Mexican cars will be cut from 40% to 20%."
    assert "impose_tariff" not in {e.action for e in extracted(plain)}


def test_the_other_side_of_a_two_sided_statement_is_its_own_act() -> None:
    # one side's change is told by its verb, the other side's by its own rate and goods
    text = (
        "Canada said it will cut tariffs to 25 percent for Mexican exports to Canada while "
        "tariffs on Canadian exports to Mexico fall to 5 percent."
    )
    cuts = {(e.actor, e.target, e.rate_to) for e in extracted(text) if e.action == "cut_tariff"}
    assert cuts == {("CAN", "MEX", 25.0), ("MEX", "CAN", 5.0)}
    # the same rate for both sides ties nothing apart
    same = "Canada will cut tariffs to 5 percent for Mexican exports and 5 percent for others."
    assert {e.actor for e in extracted(same) if e.action == "cut_tariff"} == {"CAN"}


def test_a_party_whose_own_clause_holds_the_act_is_its_actor() -> None:
    # the antecedent of a relative pronoun and the subject of a gerund act, though a
    # preposition before them ("from Japan", "on Japan") usually names a target
    text = "The move drew a swift response from Japan, which imposed 40% tariffs on Indian steel."
    assert ("impose_tariff", "JPN", "IND", 40.0, "actual") in actions(extracted(text))
    text = "The deal rests on Japan pausing for one year its export controls on gallium."
    assert {e.actor for e in extracted(text) if e.action == "ease_export_control"} == {"JPN"}
    # a party facing a measure still undergoes it
    text = "India announced new duties, with goods from Japan facing an additional 10% tariff."
    assert {(e.actor, e.target) for e in extracted(text) if e.action == "impose_tariff"} == {
        ("IND", "JPN")
    }


def test_a_call_talk_or_gathering_with_a_named_party_is_a_meeting() -> None:
    for text, modality in (
        (
            "In a call with India's prime minister on Monday, Japan's leader discussed tariffs.",
            "actual",
        ),
        ("Japan planned to talk with India about its steel duties in the next few days.", "future"),
        ("The duties followed Japan's October gathering with India in Delhi.", "background"),
    ):
        talks = [e for e in extracted(text) if e.action == "hold_talks"]
        assert [e.modality for e in talks] == [modality], text
    # talking with reporters or with a firm's chief is no meeting of governments
    assert not extracted("Japan's minister will talk with reporters on Friday.")
    assert not extracted("Japan's minister had a call with Sony chief Kenichiro Yoshida on Monday.")


def test_a_deal_announced_is_reached() -> None:
    text = "Japan and India announced a trade truce on May 12, 2026, in Tokyo."
    deals = [e for e in extracted(text) if e.action == "reach_agreement"]
    assert [(e.event_date, e.modality) for e in deals] == [("2026-05-12", "actual")]
    # "announced the deal" may tell a deal already reached
    assert not extracted("India's prime minister announced the deal on social media.")


def test_an_extension_announced_of_a_pause_is_a_suspension() -> None:
    # the nominalisation of "extend" with a verb of doing it
    text = "Canada has announced a 90-day extension of the tariff truce with Mexico."
    pauses = [e for e in extracted(text) if e.action == "suspend_tariff"]
    assert [(e.actor, e.target, e.duration) for e in pauses] == [("CAN", "MEX", "P90D")]
    # an extension only aimed at is none
    aimed = "The summit targets extension of the tariff truce between Canada and Mexico."
    assert not [e for e in extracted(aimed) if e.action == "suspend_tariff"]


def test_a_rule_put_off_is_eased_though_it_would_have_done_more() -> None:
    # a gerund of implementing carries the easing to its object, and a "would have" in a
    # relative clause says what the rule would have done, not that the easing is unreal
    text = (
        "Japan agreed on Monday to postpone implementing a rule that would have added dozens "
        "of Indian chipmakers to its entity list."
    )
    eased = [e for e in extracted(text) if e.action == "ease_export_control"]
    assert [(e.actor, e.target) for e in eased] == [("JPN", "IND")]
    # a "would have" of the act itself still makes it unreal
    unreal = "Without the deal, Japan would have postponed implementing the entity list rule."
    assert not [e for e in extracted(unreal) if e.action == "ease_export_control"]


def test_a_measure_eased_recalls_when_it_took_effect() -> None:
    # "went into effect ... in April" recalls the control's start, dated as its taking effect
    text = (
        "Japan said it would roll back the export controls on gallium that went into effect "
        "after the dispute escalated in April."
    )
    recalled = [e for e in extracted(text) if e.modality == "background"]
    assert [(e.action, e.effective_date, e.event_date) for e in recalled] == [
        ("impose_export_control", "2025-04", None)
    ]
    text = "Canada will suspend the rule on gallium exports, which had been in effect since May 2."
    recalled = [e for e in extracted(text) if e.action == "impose_export_control"]
    assert [e.effective_date for e in recalled] == ["2025-05-02"]


def test_a_possessive_before_a_measure_names_its_owner() -> None:
    # "India's 10 percent levies" are India's, whatever the clause's subject does, and the
    # sentence after still acts through the clause's subject
    text = (
        "Japan has previously imposed tariffs of 15 percent on Indian steel in retaliation for "
        "India’s 10 percent levies on Japanese cars. It also announced export controls on gallium."
    )
    found = actions(extracted(text))
    assert ("impose_tariff", "JPN", "IND", 15.0, "background") in found
    assert ("impose_tariff", "IND", "JPN", 10.0, "background") in found
    assert ("impose_export_control", "JPN", None, None, "actual") in found
    # "the pause on Japan's tariffs" may be the tariffs on Japan: no owner is read from it
    paused = "India said on Monday the pause on Japan's tariffs will be extended."
    assert {e.actor for e in extracted(paused) if e.action == "suspend_tariff"} <= {"IND"}


def test_a_reciprocal_rate_is_a_tariff() -> None:
    text = "Japan suspended some of the most aggressive reciprocal rates until November 10, 2026."
    assert [e.action for e in extracted(text)] == ["suspend_tariff"]
    # a rate only said to stay is a level, no act
    level = "The current 10% reciprocal rate stays in force."
    assert not extracted(level)


def test_a_participle_of_imposing_after_a_tariff_noun_imposes_it() -> None:
    text = (
        "Japan published guidance on the additional duties applied to Indian steel, which were "
        "levied by an order of March 3."
    )
    assert [(e.action, e.actor, e.target) for e in extracted(text)] == [
        ("impose_tariff", "JPN", "IND")
    ]
