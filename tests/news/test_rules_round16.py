"""Sixteenth round: dates and roles from the grammar of the clause (docs/news.md, "General
rules, sixteenth round").  Each test fails on the code before its rule.  Texts are written for
these tests, not taken from the labelled articles."""

from __future__ import annotations

from datetime import date

from tradewar.news.dates import find_dates
from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-11-05") -> list[Event]:
    article = Article(id="R16", text=text, published=published)
    return extract_events(article, classifier=False)


def test_a_leading_bare_month_frames_a_past_perfect_clause() -> None:
    (event,) = extracted(
        "In March, Canada had imposed an additional 15 per cent tariff on imported "
        "pork originating from the United States."
    )
    assert (event.action, event.actor, event.event_date) == ("impose_tariff", "CAN", "2025-03")


def test_a_month_takes_the_year_written_after_of() -> None:
    (mention,) = find_dates("Tariffs rose sharply in April of 2024.", None)
    assert mention.value == "2024-04"


def test_joined_months_share_the_year_written_after_the_second() -> None:
    mentions = find_dates("In early February and early April of 2025, the US imposed", None)
    assert [m.value for m in mentions] == ["2025-02", "2025-04"]
    mentions = find_dates("In December and January 2026, prices rose", date(2026, 3, 1))
    assert [m.value for m in mentions] == ["2025-12", "2026-01"]


def test_a_measure_of_a_year_is_dated_by_that_year() -> None:
    (mention,) = find_dates("the steel accord of 2019 was ended", None)
    assert mention.value == "2019"
    assert find_dates("Section 10 of 2025 rules", None) == []


def test_a_country_before_a_verb_of_exports_acts_on_them() -> None:
    """'China banned exports of ...': the verb between the country and 'exports' makes it
    the subject (it acts), not the owner of the goods (a target)."""
    (event,) = extracted("Japan banned exports of fluorinated polyimide to South Korea.")
    assert (event.action, event.actor, event.target) == ("impose_export_control", "JPN", "KOR")
    (tariff,) = extracted("Canada raised tariffs on Japanese goods to 25%.")
    assert (tariff.actor, tariff.target) == ("CAN", "JPN")


def test_a_clause_cut_at_a_conjoined_verb_keeps_the_reported_subject() -> None:
    """'Ottawa said Washington will impose tariffs ... and impose export controls ...': the
    second verb shares the first one's subject (Washington), not the speaker's (Ottawa)."""
    events = extracted(
        "Ottawa said Washington will impose 50 percent tariffs on Canada and impose export "
        "controls on all aircraft engines."
    )
    assert {(e.action, e.actor) for e in events} == {
        ("impose_tariff", "USA"),
        ("impose_export_control", "USA"),
    }


def test_trade_taken_up_again_is_an_easing() -> None:
    (event,) = extracted("Japan resumed exports of hydrogen fluoride to South Korea.")
    assert (event.action, event.actor, event.target) == ("ease_export_control", "JPN", "KOR")


def test_a_licence_withheld_is_a_restriction_not_a_grant() -> None:
    (stopped,) = extracted("Japan stopped issuing export licences for photoresists to Korea.")
    assert (stopped.action, stopped.actor, stopped.target) == (
        "impose_export_control",
        "JPN",
        "KOR",
    )
    (revoked,) = extracted("Washington revoked the export licences for chip sales to Russia.")
    assert (revoked.action, revoked.actor) == ("impose_export_control", "USA")
    assert extracted("The regulator revoked the broadcast licence of a TV channel.") == []


def test_an_earlier_level_may_carry_a_determiner_and_an_adjective() -> None:
    (raised,) = extracted(
        "Canada raised tariffs on Japanese steel to 40%, up from the previous 25%."
    )
    assert (raised.rate_from, raised.rate_to) == (25.0, 40.0)
    (cut,) = extracted("Canada cut the tariff on Japanese steel from the current 40% to 10%.")
    assert (cut.rate_from, cut.rate_to) == (40.0, 10.0)


def test_an_end_date_without_a_year_resolves_forwards() -> None:
    """'extended ... until November 10' in August is this November, not last year's."""
    events = extracted(
        "Ottawa extended the pause on its 25% tariff on Japanese steel until November 10.",
        published="2025-08-12",
    )
    assert [e.end_date for e in events if e.action == "suspend_tariff"] == ["2025-11-10"]
    (expired,) = find_dates("The truce expired on November 10.", date(2025, 8, 12))
    assert expired.value == "2024-11-10"


def test_a_passive_measure_noun_takes_the_by_agent_as_actor() -> None:
    (event,) = extracted("A 25% tariff was imposed on Japanese steel by Ottawa.")
    assert (event.action, event.actor, event.target, event.rate_to) == (
        "impose_tariff",
        "CAN",
        "JPN",
        25.0,
    )


def test_a_gerund_of_trade_under_a_verb_of_blocking_or_resuming_is_a_frame() -> None:
    """'will stop exporting' restricts, and takes the future of its governing verb;
    'resumed selling' eases."""
    (stopped,) = extracted("Japan will stop exporting photoresists to South Korea.")
    assert (stopped.action, stopped.actor, stopped.target, stopped.modality) == (
        "impose_export_control",
        "JPN",
        "KOR",
        "future",
    )
    (resumed,) = extracted("Japan resumed selling photoresists to South Korea.")
    assert (resumed.action, resumed.actor, resumed.target) == ("ease_export_control", "JPN", "KOR")


def test_a_weekday_after_a_verb_of_the_past_resolves_backwards() -> None:
    """'threatened on Sunday to impose ... from November 1': the threat was last Sunday,
    though the clause speaks of the future."""
    (event,) = extracted(
        "Trump threatened on Sunday to impose a 100% tariff on Japanese goods from November 1.",
        published="2025-10-13",
    )
    assert (event.modality, event.event_date, event.effective_date) == (
        "threatened",
        "2025-10-12",
        "2025-11-01",
    )


def test_an_act_held_back_refused_or_denied_is_none() -> None:
    for text in (
        "Ottawa refrained from imposing export controls on potash.",
        "Ottawa held off on new tariffs on Japanese cars.",
        "Ottawa stopped short of banning exports of potash to Japan.",
        "Ottawa denied that it would impose new tariffs on Japanese cars.",
        "Ottawa has no plans to lift its tariffs on Japanese cars.",
        "Tokyo narrowly averted a hike in Canadian tariffs on Japanese cars.",
    ):
        assert extracted(text) == [], text


def test_a_reported_he_stands_for_the_speaker_among_two_parties() -> None:
    """'Trump said he had agreed with Xi to cut ...': Trump's side cuts, not Xi's."""
    events = extracted(
        "Trump said he had agreed with Xi to cut the levy on Chinese kitchenware to 5%."
    )
    cuts = [e for e in events if e.action == "cut_tariff"]
    assert [(e.actor, e.target, e.rate_to) for e in cuts] == [("USA", "CHN", 5.0)]


def test_it_in_an_official_text_points_to_the_last_actor_not_the_issuer() -> None:
    """A ministry's answer recounting the other side's acts: 'However, it has imposed ...'
    is the other side's act, though the page's issuer speaks."""
    text = (
        "MOFCOM spokesperson's remarks\n\n"
        "A: We have noted the situation. The U.S. side has ceased collecting the tariffs on "
        "Chinese goods. However, it has imposed a 10% import surcharge on Chinese goods."
    )
    article = Article(
        id="R16",
        text=text,
        published="2026-02-25",
        url="https://english.mofcom.gov.cn/News/SpokesmansRemarks/art/2026/example.html",
    )
    events = extract_events(article, classifier=False)
    surcharges = [e for e in events if e.action == "impose_tariff"]
    assert [(e.actor, e.rate_to) for e in surcharges] == [("USA", 10.0)]


def test_the_verb_of_meeting_in_any_tense_is_talks_when_a_time_place_or_party_follows() -> None:
    events = extracted(
        "US and Chinese officials met in Oslo on Tuesday. The two sides will meet again in "
        "Rome next month.",
        published="2025-07-30",
    )
    talks = [(e.action, e.actor, e.modality, e.event_date) for e in events]
    assert talks == [
        ("hold_talks", "CHN+USA", "actual", "2025-07-29"),
        ("hold_talks", "CHN+USA", "future", "2025-08"),
    ]
    assert extracted("Ottawa said Tokyo must meet its commitments on steel.") == []


def test_the_verb_of_breaching_a_deal_is_an_accusation() -> None:
    (event,) = extracted("Ottawa accused Tokyo of breaching the steel agreement.")
    assert (event.action, event.actor, event.target) == ("accuse_violation", "CAN", "JPN")
    assert extracted("A data breach hit the trade ministry in Ottawa.") == []


def test_iso_dates_mid_month_and_time_ago_are_read() -> None:
    day = date(2025, 7, 1)
    assert [m.value for m in find_dates("The rule was issued on 2025-04-10.", day)] == [
        "2025-04-10"
    ]
    assert [m.value for m in find_dates("In mid-May, the two agreed.", day)] == ["2025-05"]
    assert [m.value for m in find_dates("Three days ago, Ottawa acted.", day)] == ["2025-06-28"]
    assert [m.value for m in find_dates("Two weeks ago, Ottawa acted.", day)] == ["2025-06"]
    assert [m.value for m in find_dates("A year ago, Ottawa acted.", day)] == ["2024"]


def test_speaking_by_phone_is_talks_without_a_with() -> None:
    (event,) = extracted("Trump and Xi will talk by phone next week.")
    assert (event.action, event.modality) == ("hold_talks", "future")


def test_a_tariff_put_off_is_suspended() -> None:
    (event,) = extracted("Ottawa postponed the tariffs on Japanese steel for 90 days.")
    assert (event.action, event.actor, event.target, event.duration) == (
        "suspend_tariff",
        "CAN",
        "JPN",
        "P90D",
    )


def test_a_licence_that_trade_now_needs_is_a_control_not_a_grant() -> None:
    (event,) = extracted(
        "Tokyo issued new rules requiring foreign firms to get a licence to export any "
        "product that contains Japanese photoresists."
    )
    assert (event.action, event.actor) == ("impose_export_control", "JPN")


def test_talks_that_a_pause_buys_time_for_are_a_purpose_not_talks() -> None:
    events = extracted(
        "Washington and Beijing agreed on a truce. Twenty-four percent of the tariffs of each "
        "country will be paused for 90 days for further negotiations."
    )
    assert "hold_talks" not in {e.action for e in events}


def test_a_joint_act_of_two_other_countries_is_theirs_not_us_china() -> None:
    (event,) = extracted("Canada and Japan agreed on a truce.")
    assert (event.action, event.actor) == ("reach_agreement", "CAN+JPN")


def test_a_country_given_a_rate_with_no_goods_of_its_own_is_the_target() -> None:
    """In a list of reciprocal rates ('the European Union will have a 20% levy'), the
    country named is hit, not acting."""
    events = extracted(
        "Trump announced reciprocal tariffs on Wednesday. Japan will face a 24% rate, while "
        "the European Union will have a 20% levy.",
        published="2025-04-03",
    )
    assert ("EU", None) not in {(e.actor, e.target) for e in events}
    assert all(e.actor == "USA" for e in events if e.action == "impose_tariff")


def test_a_level_a_party_only_keeps_is_no_act() -> None:
    """'Ottawa kept its 25% steel tariff': a level said to stand (as 'remains in place'), but
    'suspended 24 points while maintaining 10%' is a pause that keeps part of the level."""
    assert extracted("Ottawa kept its 25% tariff on Japanese steel.") == []
    assert extracted("Ottawa will maintain the 10% baseline tariff on Japanese goods.") == []
    paused = extracted(
        "Ottawa suspended 24 points of its tariff on Japanese goods while maintaining 10%."
    )
    assert [e.action for e in paused] == ["suspend_tariff"]


def test_acts_listed_under_a_committing_lead_in_are_future() -> None:
    events = extracted(
        "Under the deal, the United States will:\n- Lower the tariff on Chinese bicycles to 5%.\n"
        "- Issue general licences for exports of lathes to China."
    )
    assert [(e.action, e.actor, e.modality) for e in events] == [
        ("cut_tariff", "USA", "future"),
        ("grant_licence", "USA", "future"),
    ]


def test_measures_a_sentence_details_take_the_day_the_sentence_before_announced_them() -> None:
    (event,) = extracted(
        "Ottawa announced new measures on Tuesday. These include a 15% tariff on Japanese steel.",
        published="2025-02-05",
    )
    assert (event.action, event.event_date) == ("impose_tariff", "2025-02-04")


def test_a_fronted_participle_clause_acts_through_the_main_clause_subject() -> None:
    """'After imposing a 10 percent tariff on Japanese steel in February, Ottawa ...': the
    imposing is Ottawa's, named only after the clause."""
    events = extracted(
        "After imposing a 10 percent tariff on Japanese steel in early February, Ottawa "
        "launched talks with Tokyo.",
        published="2025-03-10",
    )
    imposed = [e for e in events if e.action == "impose_tariff"]
    assert [(e.actor, e.target, e.rate_to, e.event_date) for e in imposed] == [
        ("CAN", "JPN", 10.0, "2025-02")
    ]
