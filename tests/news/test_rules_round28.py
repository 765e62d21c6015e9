"""Twenty-eighth round (docs/news.md, "General rules, twenty-eighth round"): the false events
and misses left after the twenty-seventh, read class by class.  The rounds' conventions:
`rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, read_one_way, tariff_events
from tradewar.news.clean import clean_text

extracted = WarExtractor("R28")  # this round's sentences, read after the war context


def test_a_deal_reached_on_tariffs_raises_none() -> None:
    events = extracted(
        "The two presidents said their teams had reached a trade deal on soybeans, rare "
        "earths and tariffs on fentanyl chemicals."
    )
    assert not [e for e in events if e.action == "raise_tariff"]


def test_tariffs_that_reached_a_level_are_still_raised() -> None:
    events = extracted("By April, US tariffs on Chinese goods had reached 145 percent.")
    assert ("raise_tariff", "USA") in {(e.action, e.actor) for e in events}


def test_a_tariff_that_another_matches_is_only_referred_to() -> None:
    events = extracted(
        "Beijing said it will put a 34 percent tariff on all American goods from next week, "
        "matching Washington's 34 percent levy on Chinese products."
    )
    assert read_one_way(events, "impose_tariff", "CHN", "USA")


def test_a_matching_tariff_as_an_adjective_is_an_act() -> None:
    keys = act_keys(extracted("Beijing answered with a matching 50% tariff on US imports."))
    assert ("impose_tariff", "CHN", "USA") in keys


@pytest.mark.parametrize("epithet", ["the Eastern giant", "the Asian giant"])
def test_chinas_epithets_name_china(epithet: str) -> None:
    events = extracted(
        f"On Wednesday {epithet} said it would suspend its 24% extra tariff on American "
        "goods for a year."
    )
    assert read_one_way(events, "suspend_tariff", "CHN", "USA")


def test_a_party_named_by_no_clause_does_not_tax_its_own_goods() -> None:
    """The article's current actor is the US (the war context names it first), but the
    tariff falls on US goods: it is China's."""
    keys = act_keys(extracted("The new duties include an extra 15% on U.S. pork and cotton."))
    assert ("impose_tariff", "CHN", "USA") in keys
    assert ("impose_tariff", "USA", "CHN") not in keys


@pytest.mark.parametrize(
    "sentence",
    [
        "In response, Beijing took firm and legitimate countermeasures.",
        "The ministry said China will take countermeasures.",
    ],
)
def test_countermeasures_only_said_to_be_taken_are_no_tariff(sentence: str) -> None:
    assert not tariff_events(extracted(sentence))


def test_countermeasures_with_a_rate_stay_a_tariff() -> None:
    keys = act_keys(extracted("China announced countermeasures of 15% on American coal."))
    assert ("impose_tariff", "CHN", "USA") in keys


def test_an_imposition_and_a_pause_joined_by_but_are_two_acts() -> None:
    events = extracted(
        "The White House also imposed tariffs on Canada and Mexico but suspended some levies "
        "days later."
    )
    assert {"impose_tariff", "suspend_tariff"} <= {e.action for e in events}


def test_the_tariff_hikes_a_retaliation_answers_are_no_act() -> None:
    events = extracted(
        "Beijing said on Monday it will impose duties of up to 15 percent on some American "
        "farm goods in response to the White House's tariff hikes."
    )
    assert act_keys(events) == {("impose_tariff", "CHN", "USA")}


def test_a_measure_recalled_with_two_dates_is_two_impositions() -> None:
    events = extracted(
        "Beijing will issue general licences for these minerals, in effect removing the "
        "controls introduced in May 2025 and November 2023.",
        "2025-11-02",
    )
    dates = sorted(e.event_date or "" for e in events if e.action == "impose_export_control")
    assert dates == ["2023-11", "2025-05"]


def test_a_measure_recalled_with_one_date_is_one_imposition() -> None:
    events = extracted(
        "Beijing will issue general licences for these minerals, in effect removing the "
        "controls introduced in May 2025.",
        "2025-11-02",
    )
    assert [e.event_date for e in events if e.action == "impose_export_control"] == ["2025-05"]


def test_approval_a_firm_must_seek_from_a_named_government_is_a_control() -> None:
    events = extracted(
        "AMD said on Tuesday it must now seek specific U.S. government approval to sell its "
        "MI308 chips to China."
    )
    assert {e.action for e in events if e.action.endswith("export_control")} == {
        "impose_export_control"
    }


def test_two_other_parties_acting_together_are_not_the_two_sides() -> None:
    events = extracted("Mexican and Canadian leaders agreed to pause their retaliatory tariffs.")
    assert ("reach_agreement", "CHN+USA") not in {(e.action, e.actor) for e in events}


def test_two_other_parties_tariffs_on_each_other_are_theirs() -> None:
    keys = act_keys(extracted("Japan and India put duties of 40 per cent on each other's goods."))
    assert {("impose_tariff", "IND", "JPN"), ("impose_tariff", "JPN", "IND")} <= keys
    assert not {key for key in keys if "USA" in key or "CHN" in key}


def test_parties_granted_a_pause_undergo_it() -> None:
    keys = act_keys(
        extracted(
            "Canada and Mexico won a one-month reprieve, but President Trump's new 10% tariff "
            "on China took effect on Tuesday."
        )
    )
    suspensions = {key for key in keys if key[0] == "suspend_tariff"}
    assert suspensions and all(actor == "USA" for _, actor, _ in suspensions)
    assert ("suspend_tariff", "CHN", "USA") not in keys


def test_a_total_and_its_part_cut_by_the_same_points_are_one_cut() -> None:
    events = extracted(
        "Trump said tariffs on China have been cut to 47 per cent from 57 per cent. The US "
        "will reduce the fentanyl tariffs to 10 per cent from 20 per cent."
    )
    assert len([e for e in events if e.action == "cut_tariff" and e.actor == "USA"]) == 1


def test_the_end_of_a_meeting_does_not_end_the_tariffs() -> None:
    events = extracted(
        "Under the deal reached at the end of the meeting, the two sides would lower their "
        "tariffs by 115 percentage points for 90 days."
    )
    cuts = [e for e in events if e.action == "cut_tariff"]
    assert cuts and all(e.rate_to is None and e.rate_change == -115 for e in cuts)


def test_a_verb_of_ending_with_another_object_does_not_end_the_tariffs() -> None:
    events = extracted(
        "Trump said he is lowering some tariffs on Chinese imports after a pledge from Beijing "
        "to take steps to stop the flow of fentanyl."
    )
    cuts = [e for e in events if e.action == "cut_tariff"]
    assert cuts and all(e.rate_to is None for e in cuts)


@pytest.mark.parametrize(
    "sentence",
    [
        "The US will remove the 10% tariffs on Chinese goods.",
        "The emergency tariffs imposed by the US under the 1977 emergency powers law have been "
        "repealed.",
    ],
)
def test_a_tariff_ended_goes_to_zero(sentence: str) -> None:
    cuts = [e for e in extracted(sentence) if e.action == "cut_tariff"]
    assert cuts and all(e.rate_to == 0 for e in cuts)


@pytest.mark.parametrize(
    "line",
    [
        "FILE - President Trump meets President Xi in Osaka, Japan, June 29, 2019.",
        "Trump meets Xi at the G20 summit in Osaka, June 29, 2019. (AP Photo/Jane Doe, File)",
        "Trump and Xi shake hands in Osaka in 2019. (REUTERS File Photo)",
    ],
)
def test_wire_photo_captions_are_dropped(line: str) -> None:
    cleaned = clean_text(f"Trade war heats up\n\n{line}\n\nChina imposed new tariffs on Monday.")
    assert [d.rule for d in cleaned.dropped] == ["photo caption"]


def test_a_line_about_a_file_is_no_caption() -> None:
    cleaned = clean_text("FILE: the Commerce Department issued a new rule on chips on Monday.")
    assert not cleaned.dropped


def test_a_threatened_measure_is_not_one_imposed_before() -> None:
    events = extracted(
        "Trump has threatened a 100% tariff on Chinese goods from November 1. In April, the "
        "White House hit Chinese imports with new tariffs.",
        "2025-10-20",
    )
    impositions = [e for e in events if e.action == "impose_tariff" and e.actor == "USA"]
    assert sorted(e.modality for e in impositions) == ["background", "threatened"]


def test_a_dated_participle_the_parse_misses_still_recalls_the_measure() -> None:
    """The parser reads "announced" as the main verb here; the words still tie the date to
    the rule suspended, which is a background imposition of its own."""
    events = extracted(
        "Second, the U.S. side will suspend for one year the implementation of the Affiliates "
        "Rule announced on September 29 that expands its export restrictions.",
        "2025-11-01",
    )
    recalled = [e for e in events if e.action == "impose_export_control"]
    assert [(e.actor, e.modality, e.event_date) for e in recalled] == [
        ("USA", "background", "2025-09-29")
    ]
    assert all(e.event_date != "2025-09-29" for e in events if e.action == "ease_export_control")


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        # the US's tariff on China, named by whom it falls on
        ("From Thursday, China's reciprocal tariff rate is raised to 125%.", "USA"),
        # China's own: its goods named as taxed, or a pronoun for the subject
        ("From Thursday, China's reciprocal tariffs on U.S. goods are raised to 84%.", "CHN"),
        ("Beijing raised its reciprocal tariff rate on American goods to 84%.", "CHN"),
        ("China's Ministry of Commerce raised its reciprocal tariffs to 84%.", "CHN"),
    ],
)
def test_a_measure_named_as_one_sides_possessed_by_the_other(sentence: str, actor: str) -> None:
    raises = [e for e in extracted(sentence) if e.action == "raise_tariff"]
    assert [e.actor for e in raises] == [actor]


def test_a_quoted_i_acts_for_the_speaker_not_a_party_named_in_the_quote() -> None:
    events = extracted(
        'Trump posted on Monday, "Because of the disrespect China has shown to the markets, I '
        'am hereby raising the tariff charged to China to 125%, effective immediately."'
    )
    assert [(e.actor, e.rate_to) for e in events if e.action == "raise_tariff"] == [("USA", 125.0)]


def test_an_escalating_battle_raises_no_tariff() -> None:
    events = extracted(
        "The deal is a retreat from the escalating tariff battle that began when Trump imposed "
        "145% duties on Chinese goods in April."
    )
    assert {e.action for e in tariff_events(events)} == {"impose_tariff"}


def test_a_suit_against_a_party_at_the_wto_accuses_it() -> None:
    keys = act_keys(
        extracted(
            "Beijing has also filed a new suit against Washington at the World Trade "
            "Organization over the tariff hikes."
        )
    )
    assert ("accuse_violation", "CHN", "USA") in keys


def test_concerns_raised_about_tariffs_raise_no_tariff() -> None:
    events = extracted(
        "The truce, which was due to expire in August, had raised concerns that tariffs would "
        "return to even higher levels."
    )
    assert not tariff_events(events)


def test_non_tariff_measures_are_no_tariff() -> None:
    events = extracted(
        "Beijing, in addition to cutting duties, will lift some of the non-tariff restrictions "
        "imposed on the United States after April 2."
    )
    cuts = [e for e in events if e.action == "cut_tariff"]
    assert len(cuts) == 1 and cuts[0].rate_to is None  # the duties cut, not ended
    assert ("ease_export_control", "CHN", "USA") in act_keys(events)


def test_the_removal_of_non_tariff_barriers_cuts_no_tariff() -> None:
    events = extracted("Beijing said it would remove non-tariff barriers on American beef.")
    assert not tariff_events(events)
