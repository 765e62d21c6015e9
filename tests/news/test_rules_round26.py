"""Twenty-sixth round (docs/news.md, "General rules, twenty-sixth round"): further levels,
owners named by the measure, open targets merged.  The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, read_one_way, tariff_events
from tradewar.news.schema import Event

extracted = WarExtractor("R26")  # this round's sentences, read after the war context


def test_a_further_level_after_a_change_is_a_second_change() -> None:
    events = tariff_events(
        extracted(
            "Washington raised its tariff on Chinese goods from 20 percent to 54 percent and "
            "eventually 104 percent."
        )
    )
    changes = {(e.action, e.rate_from, e.rate_to) for e in events}
    assert changes == {("raise_tariff", 20.0, 54.0), ("raise_tariff", 54.0, 104.0)}


def test_levels_told_respectively_are_no_second_change() -> None:
    events = tariff_events(
        extracted("Washington raised tariffs on Canada and Mexico to 25% and 35%, respectively.")
    )
    assert not [e for e in events if e.rate_from in {25.0, 35.0}]


def test_one_sides_easing_under_a_truce_is_its_act() -> None:
    keys = act_keys(
        extracted(
            "Trump and Xi agreed to a truce under which the US will ease tariffs on Chinese goods."
        )
    )
    assert {("reach_agreement", "CHN+USA", None), ("cut_tariff", "USA", "CHN")} <= keys


def test_what_two_leaders_agree_to_ease_is_their_agreement() -> None:
    keys = act_keys(extracted("Trump and Xi agreed to ease tariffs after their meeting in Busan."))
    assert ("cut_tariff", "USA", "CHN") not in keys


def test_licences_that_will_be_granted_are_a_grant() -> None:
    events = extracted(
        "China's Ministry of Commerce said export licences will be granted for eligible "
        "applications from U.S. firms."
    )
    assert "grant_licence" in {e.action for e in events}


def test_no_party_taxes_its_own_goods() -> None:
    events = extracted(
        "China hit back on Friday at new tariffs ordered by President Donald Trump, "
        "announcing it would raise duties on U.S. goods to 84%."
    )
    assert read_one_way(events, "raise_tariff", "CHN", "USA")


def test_tariffs_under_other_legal_bases_are_other_measures() -> None:
    events = tariff_events(
        extracted(
            "The U.S. imposed a 10% tariff on Chinese goods under IEEPA. "
            "It has also imposed a 10% surcharge on Chinese goods under Section 122."
        )
    )
    assert {e.legal_basis for e in events if e.action == "impose_tariff"} == {
        "IEEPA",
        "Section 122",
    }


@pytest.mark.parametrize(
    "text",
    [
        # levels said to remain, joined by "and" or by "as do": no act
        "The universal tariff of 10% stays in place, as do the separate 25% tariffs on steel.",
        "Key US tariffs remain in place, and a default 10 percent duty continues to apply.",
    ],
)
def test_levels_that_remain_in_joined_clauses_are_no_acts(text: str) -> None:
    assert not tariff_events(extracted(text))


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # a side retaliating at rates imposes them
        (
            "Washington imposed tariffs of 145%, with Beijing retaliating at rates up to 125%.",
            ("impose_tariff", "CHN", "USA", 125.0),
        ),
        # an act joined to a level that remains stays an act
        (
            "The 10% tariff stays in place, and Beijing imposed new duties of 15% on U.S. coal.",
            ("impose_tariff", "CHN", "USA", 15.0),
        ),
    ],
)
def test_an_act_is_read_with_its_rate(text: str, act: tuple[str, str, str, float]) -> None:
    events = tariff_events(extracted(text))
    assert act in {(e.action, e.actor, e.target, e.rate_to) for e in events}


def test_the_two_largest_economies_act_as_both_sides() -> None:
    keys = act_keys(
        extracted(
            "In a joint statement, the two largest economies said the higher tariffs announced "
            "earlier this year would be suspended for another 90 days."
        )
    )
    assert {("suspend_tariff", "USA", "CHN"), ("suspend_tariff", "CHN", "USA")} <= keys


def test_relations_between_the_two_largest_economies_name_no_actor() -> None:
    keys = act_keys(
        extracted(
            "Relations between the world's two largest economies have been strained this year "
            "following rounds of escalating tariffs by Washington."
        )
    )
    assert ("raise_tariff", "CHN", "USA") not in keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "The fentanyl tariff, first imposed in early 2025, was designed to pressure Beijing.",
            ("impose_tariff", "USA", "CHN"),
        ),
        (
            "The 50% penetration rule for export controls is suspended for one year.",
            ("ease_export_control", "USA", "CHN"),
        ),
    ],
)
def test_a_measure_named_as_one_sides_has_that_side_as_actor(
    text: str, key: tuple[str, str, str]
) -> None:
    # the sentence before makes China the article's current actor
    events = extracted("China said on Monday that it would buy more U.S. soybeans. " + text)
    assert key in act_keys(events)


def test_tariffs_that_come_into_force_are_imposed() -> None:
    events = extracted("Beijing's new tariffs on U.S. coal came into force on Monday.")
    assert ("impose_tariff", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "text",
    [
        # a group of controls suspended
        "China's Ministry of Commerce announced the suspension of a set of controls imposed on "
        "exports of rare metals.",
        # an export rule known by its name
        "The White House announced a one-year suspension of the Affiliates Rule.",
    ],
)
def test_named_and_grouped_export_controls_are_eased(text: str) -> None:
    assert "ease_export_control" in {e.action for e in extracted(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Beijing responded with export restrictions on critical minerals.",
        "The move answers China's tightening of exports of rare earth minerals.",
    ],
)
def test_controls_in_answer_and_a_tightening_of_exports_are_impositions(text: str) -> None:
    assert ("impose_export_control", "CHN", "USA") in act_keys(extracted(text))


def test_countermeasures_named_as_export_controls_are_no_tariff() -> None:
    events = extracted(
        "Beijing responds with aggressive countermeasures, including export restrictions on "
        "critical minerals."
    )
    assert not tariff_events(events)
    assert ("impose_export_control", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "text",
    [
        "Trump said the two countries were close to finalizing a trade deal.",
        "Officials said negotiators were nearing a trade deal after two days of talks.",
    ],
)
def test_a_deal_still_ahead_is_no_agreement(text: str) -> None:
    assert "reach_agreement" not in {e.action for e in extracted(text)}


def test_a_dispute_referred_to_the_wto_is_an_accusation() -> None:
    events = extracted("China has referred the new U.S. tariffs to the World Trade Organization.")
    assert ("accuse_violation", "CHN", "USA") in act_keys(events)


def test_a_lower_rate_is_an_adjective_not_a_cut() -> None:
    events = tariff_events(
        extracted(
            "Trump's order would impose a 25% tariff on Canadian goods, with energy subject to "
            "a lower 10% tariff."
        )
    )
    assert {e.action for e in events} == {"impose_tariff"}


@pytest.mark.parametrize(
    ("text", "paused"),
    [
        # a pause told by what it brings
        ("The 90-day pause gives exporters time to diversify their markets.", False),
        ("The truce buys planning room for importers through the end of the year.", False),
        # a pause that the sides make
        ("The two sides agreed to pause the higher tariffs for 90 days.", True),
    ],
)
def test_a_pause_told_by_what_it_brings_is_a_mention(text: str, paused: bool) -> None:
    found = "suspend_tariff" in {e.action for e in extracted(text)}
    assert found == paused


def test_the_likelihood_of_further_tariffs_is_no_act() -> None:
    events = extracted(
        '"The trade war is in its early stages, so the likelihood of further tariffs is high," '
        "warned the bank, which cut its growth forecast for China to 4.2%."
    )
    assert not tariff_events(events)


def _event(action: str, target: str | None, evidence: str, **slots: object) -> Event:
    return Event.model_validate(
        {
            "article_id": "R26",
            "event_id": "R26-E1",
            "action": action,
            "actor": "CHN" if action.endswith("export_control") else "USA",
            "target": target,
            "modality": "actual",
            "evidence": evidence,
            "evidence_span": (0, len(evidence)),
            **slots,
        }
    )


def test_a_mention_without_a_target_merges_into_one_that_names_it() -> None:
    from tradewar.news.joint import merge_open_targets  # (the round's; imported here so the
    # round's other tests run on the code before it)

    events = [
        _event("impose_export_control", None, "China expands rare earth export controls."),
        _event(
            "impose_export_control",
            "USA",
            "The new restrictions will take effect on November 8.",
            effective_date="2025-11-08",
        ),
    ]
    merged = merge_open_targets(events)
    assert [(e.target, e.effective_date) for e in merged] == [("USA", "2025-11-08")]


def test_a_global_tariff_stays_apart_from_the_tariff_on_one_side() -> None:
    from tradewar.news.joint import merge_open_targets

    events = [
        _event("impose_tariff", None, "Trump imposed a global 10 percent tariff.", rate_to=10.0),
        _event("impose_tariff", "CHN", "Trump imposed a 10 percent tariff on China.", rate_to=10.0),
    ]
    assert len(merge_open_targets(events)) == 2


# the acts of the table below, and (sentence, act, whether the rules must read it): each
# rule's case beside its limit
US_RESTRICTS = ("impose_export_control", "USA", "CHN")
LEADERS_AGREE = ("reach_agreement", "CHN+USA", None)
CHINA_CUTS = ("cut_tariff", "CHN", "USA")
US_IMPOSES = ("impose_tariff", "USA", "CHN")
READ_OR_NOT = [
    # a party that limits sales or access restricts exports; a rule or cap that limits
    # shipments states a measure's terms
    ("For years, Washington has limited the sale of advanced chips to China.", US_RESTRICTS, True),
    ("Washington has limited China's access to American-made chips.", US_RESTRICTS, True),
    ("The licence comes with a cap that limits shipments to Chinese buyers.", US_RESTRICTS, False),
    ("A new cap limits China-bound chip shipments to half of U.S. volumes.", US_RESTRICTS, False),
    # a leader and his counterpart agree together; one side and its own people do not
    ("Donald Trump and his Chinese counterpart Xi Jinping agreed to a truce.", LEADERS_AGREE, True),
    ("Donald Trump and his advisers agreed to a new strategy on Thursday.", LEADERS_AGREE, False),
    # a party that intends to act plans it; a measure's purpose is no act
    ("The US will cut tariffs, while China intends to lower its tariffs to 10%.", CHINA_CUTS, True),
    ("The new rule is intended to lower tariffs on medical goods over time.", CHINA_CUTS, False),
    # a time clause naming a party's goods tells an act; a bare one stays a reference
    ("It came after Washington imposed sweeping tariffs on Chinese goods.", US_IMPOSES, True),
    ("The letter came after Washington's tariffs kicked in.", US_IMPOSES, False),
]


@pytest.mark.parametrize(("text", "act", "told"), READ_OR_NOT)
def test_the_act_is_read_only_where_it_is_told(
    text: str, act: tuple[str, str | None, str | None], told: bool
) -> None:
    assert (act in act_keys(extracted(text))) == told
