"""Nineteenth round: slots of plain sentences of the genre (docs/news.md, "General rules,
nineteenth round").  Each rule's test fails on the code before the rule; the tests of what a
rule must leave alone guard its limits.  Texts are written for these
tests, not taken from the labelled articles."""

from __future__ import annotations

from datetime import date

import pytest

from tests.news.rule_sentences import extracted as shared_extracted
from tradewar.news.dates import find_dates
from tradewar.news.gazetteer import product_groups
from tradewar.news.rates import find_rates, rate_for_action
from tradewar.news.schema import Event
from tradewar.news.slots import share_article_slots


def extracted(text: str, published: str | None = "2025-05-14") -> list[Event]:
    return shared_extracted(text, published, "R19")


def only(events: list[Event], action: str, actor: str) -> Event:
    (event,) = [e for e in events if e.action == action and e.actor == actor]
    return event


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("reduced its 145% tariff on Chinese imports to just 30%", (145.0, 30.0)),
        ("cut the levy from 125 percent to roughly 10 percent", (125.0, 10.0)),
        ("raised the duty to 125 per cent, from 84 per cent", (84.0, 125.0)),
        ("a 125% tariff on all US goods, up from its previous rate of 84%", (84.0, 125.0)),
    ],
)
def test_a_hedged_or_named_earlier_level_is_read(
    clause: str, expected: tuple[float, float]
) -> None:
    action = "cut_tariff" if expected[1] < expected[0] else "raise_tariff"
    rate = rate_for_action(action, find_rates(clause))
    assert (rate.rate_from, rate.rate_to) == expected


def test_a_full_change_keeps_its_pair_before_a_later_total() -> None:
    clause = (
        "cutting the rate from 20% to 10%, which reduces the overall tariff rate on Chinese "
        "goods to approximately 47%"
    )
    rate = rate_for_action("cut_tariff", find_rates(clause))
    assert (rate.rate_from, rate.rate_to) == (20.0, 10.0)


def test_each_side_takes_its_own_pair_of_rates() -> None:
    events = extracted(
        "The two countries agreed to cut US tariffs on Chinese goods from 145% to 30% and "
        "Chinese tariffs on US goods from 125% to 10%."
    )
    us_cut = only(events, "cut_tariff", "USA")
    china_cut = only(events, "cut_tariff", "CHN")
    assert (us_cut.rate_from, us_cut.rate_to) == (145.0, 30.0)
    assert (china_cut.rate_from, china_cut.rate_to) == (125.0, 10.0)


def test_a_meeting_one_is_due_to_hold_lies_ahead() -> None:
    (talks,) = extracted("Trump and Xi are due to meet on Thursday in South Korea.", "2025-08-02")
    assert talks.event_date == "2025-08-07"
    (talks,) = extracted("Trump and Xi are slated to meet on Thursday.", "2025-08-02")
    assert talks.event_date == "2025-08-07"


def test_due_to_as_because_of_puts_nothing_ahead() -> None:
    mentions = find_dates("Exports fell on Monday due to the new controls.", date(2025, 8, 2))
    assert [m.value for m in mentions] == ["2025-07-28"]


def test_since_a_month_dates_the_start_of_a_lasting_act() -> None:
    (event,) = extracted(
        "Since April, China has required licences for exports of seven rare earth elements.",
        "2025-08-14",
    )
    assert (event.action, event.event_date) == ("impose_export_control", "2025-04")
    (event,) = extracted(
        "China has required licences for exports of seven rare earth elements since April.",
        "2025-08-14",
    )
    assert event.event_date == "2025-04"


def test_since_dates_another_meeting_not_the_talks() -> None:
    (mention,) = find_dates("their first meeting since 2019", date(2025, 10, 30))
    assert mention.role == "since"


def test_a_licensing_system_is_a_control() -> None:
    (event,) = extracted(
        "China has implemented an export licensing system for seven rare earth items.",
        "2025-06-09",
    )
    assert (event.action, event.actor) == ("impose_export_control", "CHN")
    assert extracted("China implemented a new tariff system in April.", "2025-06-09") == []


def test_a_countrys_exports_are_all_its_goods() -> None:
    assert product_groups(["Chinese exports"]) == ["all_goods"]
    assert product_groups(["rare earth exports"]) == ["rare_earths"]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("That accord, reached in Geneva in May, brought down the tariffs each side had "
         "levied.", "2025-05"),
        ("This followed an agreement in May that suspended the triple-digit tariffs.", "2025-05"),
        ("The ministry noted that the October 2024 trade agreement was honoured.", "2024-10"),
        ("The truce agreed in Geneva on May 12 expires next month.", "2025-05-12"),
    ],
)  # fmt: skip
def test_a_dated_deal_recalled_by_its_noun_is_a_background_agreement(
    sentence: str, day: str
) -> None:
    (deal,) = extracted(sentence, "2025-07-30")
    assert (deal.action, deal.actor, deal.modality) == (
        "reach_agreement",
        "CHN+USA",
        "background",
    )
    assert deal.event_date == day


def test_a_deal_only_hoped_for_or_undated_is_no_recall() -> None:
    assert extracted("Both sides hope for a new deal in August.", "2025-07-30") == []
    assert extracted("The Geneva deal was praised by markets.", "2025-07-30") == []


def test_the_day_noted_after_today_is_the_days_date() -> None:
    (mention,) = find_dates("Today (4th), the commission issued", date(2025, 2, 8))
    assert mention.value == "2025-02-04"


@pytest.mark.parametrize("verb", ["drop", "fall", "dropped", "declines"])
def test_a_tariff_that_falls_is_cut(verb: str) -> None:
    events = extracted(f"US tariffs on Chinese goods will {verb} to 30%.")
    assert [(e.action, e.actor, e.rate_to) for e in events] == [("cut_tariff", "USA", 30.0)]


def test_a_suspension_one_goes_on_making_is_an_act() -> None:
    (event,) = extracted(
        "China will continue suspending tariff hikes on U.S. goods for 90 days.", "2025-08-12"
    )
    assert (event.action, event.actor, event.duration) == ("suspend_tariff", "CHN", "P90D")
    kept = extracted(
        "Trump authorised the continuation of roughly 55% tariffs on Chinese goods.", "2025-08-12"
    )
    assert kept == []  # a level kept is no act


def test_a_period_in_words_is_read() -> None:
    (event,) = extracted(
        "The US will lower its tariffs on Chinese goods from 145 percent to 30 percent for "
        "the next ninety days."
    )
    assert event.duration == "P90D"


def test_an_immediate_measure_applies_on_the_day_it_is_announced() -> None:
    (event,) = extracted(
        "On January 12, 2026, President Trump announced an immediate 25% tariff on Chinese goods.",
        "2026-03-01",
    )
    assert (event.event_date, event.effective_date) == ("2026-01-12", "2026-01-12")
    assert find_dates("an immediate threat to supply chains", date(2026, 3, 1)) == []


def test_lifting_a_tariff_to_a_level_raises_it() -> None:
    (event,) = extracted("Beijing matched the increase, lifting its tariffs on US goods to 125%.")
    assert (event.action, event.actor, event.rate_to) == ("raise_tariff", "CHN", 125.0)
    (event,) = extracted("China will lift some tariffs of up to 15% on US farm goods.")
    assert event.action == "cut_tariff"  # "up to" is the tariffs' ceiling, not a new level


def test_a_party_barred_from_selling_is_a_control() -> None:
    (event,) = extracted("The US barred Nvidia from selling its H20 chips to China.")
    assert (event.action, event.actor, event.target) == ("impose_export_control", "USA", "CHN")


def test_a_tariff_threatened_without_a_verb_of_imposing_is_a_threatened_imposition() -> None:
    for text in (
        "Washington threatened to put a steep tariff on Chinese steel.",
        "Trump threatened China with a massive new tariff.",
    ):
        (event,) = extracted(text, "2025-10-11")
        assert (event.action, event.actor, event.modality) == (
            "impose_tariff",
            "USA",
            "threatened",
        )


@pytest.mark.parametrize(
    ("text", "day"),
    [("on 8 and 9 April 2025, the US", "2025-04-08"), ("talks on 9-10 June 2025", "2025-06-09")],
)
def test_a_range_of_days_written_day_first_is_dated_by_its_first_day(text: str, day: str) -> None:
    (mention,) = find_dates(text, date(2025, 6, 30))
    assert mention.value == day


def test_an_agreement_with_its_weekday_between_agreed_and_to() -> None:
    events = extracted(
        "Trump and Xi agreed Wednesday to a series of measures aimed at easing trade tensions.",
        "2025-10-31",
    )
    assert [(e.action, e.event_date) for e in events] == [("reach_agreement", "2025-10-29")]


def test_meetings_in_the_plural_are_talks() -> None:
    (talks,) = extracted(
        "The meetings of US and Chinese officials in London, which took place on June 9 and "
        "10, 2025, served the negotiation.",
        "2025-08-12",
    )
    assert (talks.action, talks.event_date) == ("hold_talks", "2025-06-09")


def test_the_president_named_by_office_is_the_last_president_named() -> None:
    events = extracted(
        "President Donald Trump spoke to reporters at the White House. China's commerce "
        "ministry urged calm. The president threatened a 100% tariff on Chinese goods.",
        "2025-10-11",
    )
    assert [(e.action, e.actor, e.target) for e in events] == [("impose_tariff", "USA", "CHN")]


def test_a_rate_is_not_tied_to_a_party_across_a_clause() -> None:
    events = extracted(
        "The US reduced its 145% tariff on Chinese imports to just 30% while Beijing slashed "
        "its own levy on US imports from 125% to 10%."
    )
    us_cut, china_cut = only(events, "cut_tariff", "USA"), only(events, "cut_tariff", "CHN")
    assert (us_cut.rate_from, us_cut.rate_to) == (145.0, 30.0)
    assert (china_cut.rate_from, china_cut.rate_to) == (125.0, 10.0)


@pytest.mark.parametrize(
    "text",
    [
        "The executive order noted that the U.S. continues negotiations with China on trade.",
        "The White House said the delay will help continue trade talks with China.",
        "It is only a 90-day deal, to allow more substantive talks between the US and China.",
    ],
)
def test_talks_that_go_on_or_are_made_room_for_are_no_meeting(text: str) -> None:
    assert [e for e in extracted(text) if e.action == "hold_talks"] == []


def test_talks_that_go_on_at_a_time_and_place_are_a_meeting() -> None:
    events = extracted("The US and China will continue talks in Stockholm next week.")
    assert [e.action for e in events] == ["hold_talks"]


@pytest.mark.parametrize(
    "text",
    [
        "At the same time, the universal US tariff of 10% on Chinese goods stays in place.",
        "However, the United States will continue to enforce a 20% tariff on Chinese imports.",
        "US tariffs on imports of Chinese goods will be set at 55%.",
    ],
)
def test_a_level_that_stands_or_is_enforced_still_is_no_act(text: str) -> None:
    assert extracted(text) == []


def test_a_pause_two_parties_agree_to_is_their_agreement() -> None:
    events = extracted(
        "US and Chinese officials met in Geneva. Both sides have agreed to a 90-day pause to "
        "continue negotiations, said US Treasury Secretary Scott Bessent."
    )
    assert "suspend_tariff" not in {e.action for e in events}
    (deal,) = [e for e in events if e.action == "reach_agreement"]
    assert deal.duration == "P90D"
    (eased,) = extracted("China agreed to a one-year pause on its rare earth export controls.")
    assert (eased.action, eased.duration) == ("ease_export_control", "P1Y")  # one party acts


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("the Commerce Department's 2022 rules restricted", "2022"),
        ("It extends a 2025 regime", "2025"),
    ],
)
def test_a_year_before_rules_or_a_regime_dates_it(text: str, year: str) -> None:
    (mention,) = find_dates(text, date(2025, 11, 5))
    assert mention.value == year


def test_the_biden_administration_is_the_united_states() -> None:
    (event,) = extracted(
        "The Biden administration banned the sale of advanced AI chips to China in October 2022.",
        "2025-11-05",
    )
    assert (event.action, event.actor, event.event_date) == (
        "impose_export_control",
        "USA",
        "2022-10",
    )


@pytest.mark.parametrize(
    ("text", "action", "day"),
    [
        ("Beijing's April restrictions on rare earth exports have hit carmakers.",
         "impose_export_control", "2025-04"),
        ("China's October 9 export controls on rare earths alarmed US carmakers.",
         "impose_export_control", "2025-10-09"),
    ],
)  # fmt: skip
def test_a_partys_measure_named_by_its_date_is_a_background_imposition(
    text: str, action: str, day: str
) -> None:
    (event,) = extracted(text, "2025-11-05")
    assert (event.action, event.actor, event.modality, event.event_date) == (
        action,
        "CHN",
        "background",
        day,
    )
    assert extracted("China's 2023 visa restrictions on US officials stay.", "2025-11-05") == []


def test_delaying_the_effective_date_of_a_rule_eases_it() -> None:
    events = extracted(
        "China welcomed the move. On November 10, 2025, the Bureau of Industry and Security "
        "delayed the effective date of its Affiliates Rule for a one-year period.",
        "2025-11-12",
    )
    eased = [e for e in events if e.action == "ease_export_control"]
    assert [(e.actor, e.event_date) for e in eased] == [("USA", "2025-11-10")]


def test_an_executive_order_acts_for_the_united_states() -> None:
    (event,) = extracted(
        "Executive Order 14228, signed on March 3, 2025, increased the fentanyl tariff on "
        "Chinese goods from 10% to 20%.",
        "2025-03-04",
    )
    assert (event.action, event.actor, event.rate_from, event.rate_to) == (
        "raise_tariff",
        "USA",
        10.0,
        20.0,
    )


@pytest.mark.parametrize(
    ("phrase", "group"),
    [
        ("holmium", "rare_earths"),
        ("neodymium magnets", "rare_earths"),
        ("farm equipment", "agricultural_machinery"),
        ("select autos", "vehicles"),
        ("poultry", "agri_food"),
        ("synthetic diamonds", "superhard_materials"),
        ("cathode materials", "battery_materials"),
    ],
)
def test_named_members_of_a_product_group_belong_to_it(phrase: str, group: str) -> None:
    assert product_groups([phrase]) == [group]


def test_tightened_export_rules_are_a_control() -> None:
    events = extracted(
        "China objected. The U.S. Commerce Department also tightened semiconductor export "
        "rules, targeting chips at 14 nanometer nodes or below.",
        "2025-03-05",
    )
    assert [(e.action, e.actor) for e in events] == [("impose_export_control", "USA")]


def test_implementing_outcomes_and_a_consensus_refers_to_the_deal() -> None:
    events = extracted(
        "To implement the outcomes and consensus reached in China-U.S. economic and trade "
        "consultations, and with the approval of the State Council, the Customs Tariff "
        "Commission will adjust tariffs on US goods.",
        "2025-11-06",
    )
    assert "reach_agreement" not in {e.action for e in events}


def test_approval_given_to_ship_eases_and_approval_required_does_not() -> None:
    (event,) = extracted(
        "Trump confirmed the administration has given Nvidia approval to begin shipping H200 "
        "chips to China.",
        "2025-12-09",
    )
    assert (event.action, event.actor, event.target) == ("ease_export_control", "USA", "CHN")
    events = extracted(
        "China's new rules require US firms to get special approval to export rare earth magnets.",
        "2025-10-10",
    )
    assert "ease_export_control" not in {e.action for e in events}


def test_what_a_sentence_looks_ahead_of_is_still_to_come() -> None:
    (mention,) = find_dates(
        "The dispute adds uncertainty ahead of U.S.-China talks in late March.", date(2026, 2, 23)
    )
    assert mention.value == "2026-03"


# After set 23 was scored: two rules from its error list (so set 23 is not unseen for them)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Earlier on Friday, April 4, China imposed a 34% tariff", "2025-04-04"),
        ("The decision was announced Wednesday April 9, a day after", "2025-04-09"),
    ],
)
def test_a_weekday_beside_a_yearless_date_names_its_year(text: str, day: str) -> None:
    (mention,) = find_dates(text, None)
    assert mention.value == day
    (undated,) = find_dates("on June 22, MOFCOM added ten firms", None)
    assert undated.value is None  # no weekday, no dateline: no year to give


def test_the_party_accused_is_never_the_accuser() -> None:
    (event,) = extracted(
        "China's commerce ministry issued a white paper. The newly released white paper "
        "accused Washington of violating previous agreements.",
        "2025-04-10",
    )
    assert (event.action, event.actor, event.target) == ("accuse_violation", "CHN", "USA")


# Slots an article states once for several of its acts (from the slot errors of all 463
# labelled articles, set 23 included)


def act(action: str, actor: str, **slots: object) -> Event:
    slots.setdefault("evidence", f"{actor} {action}.")
    return Event(
        article_id="R19", actor=actor, action=action, evidence_span=(0, 1),
        **slots,  # type: ignore[arg-type]
    )  # fmt: skip


def test_two_starts_or_a_recall_are_not_shared() -> None:
    events = [
        act("impose_tariff", "CHN", effective_date="2025-02-10"),
        act("impose_tariff", "CHN", effective_date="2025-03-10"),
        act("impose_tariff", "CHN"),
        act("impose_tariff", "USA", modality="background"),
    ]
    share_article_slots(events)
    assert [e.effective_date for e in events] == ["2025-02-10", "2025-03-10", None, None]


def test_the_one_period_of_an_article_applies_to_its_pauses() -> None:
    events = extracted(
        "US and Chinese officials met in Geneva. The United States will suspend 24 percentage "
        "points of its tariff on Chinese goods for 90 days. China will suspend 24 percentage "
        "points of its tariff on US goods.",
        "2025-05-12",
    )
    pauses = [e for e in events if e.action == "suspend_tariff"]
    assert {(e.actor, e.duration) for e in pauses} == {("USA", "P90D"), ("CHN", "P90D")}


def test_an_undated_act_takes_its_partys_one_day_and_no_other() -> None:
    events = [
        act("impose_export_control", "USA", event_date="2026-05-31", date_text="May 31, 2026"),
        act("cut_tariff", "USA"),
        act("impose_tariff", "CHN"),
        act("impose_tariff", "CHN", event_date="2026-06-01"),
        act("impose_tariff", "CHN", event_date="2026-06-02"),
    ]
    share_article_slots(events)
    assert [e.event_date for e in events] == [
        "2026-05-31", "2026-05-31", None, "2026-06-01", "2026-06-02",
    ]  # fmt: skip
    assert events[1].date_text is None  # the day is inferred, not stated


def test_a_partys_one_start_applies_to_its_measures_told_elsewhere() -> None:
    events = [
        act("cut_tariff", "CHN", effective_date="2025-11-10", evidence="The cuts apply from ..."),
        act("suspend_tariff", "CHN", evidence="China will also suspend ..."),
        act("cut_tariff", "CHN", evidence="The cuts apply from ..."),  # left undated there
        act("ease_export_control", "CHN", evidence="It eases ..."),  # another kind of measure
        act("suspend_tariff", "USA", evidence="The US will suspend ..."),  # another party
    ]
    share_article_slots(events)
    assert [e.effective_date for e in events] == ["2025-11-10", "2025-11-10", None, None, None]


def test_a_partys_country_wide_tariffs_give_their_goods_to_its_others() -> None:
    events = [
        act("impose_tariff", "USA", products=["all Chinese imports"], product_groups=["all_goods"]),
        act("raise_tariff", "USA"),
        act("impose_tariff", "CHN", products=["US coal"], product_groups=["coal"]),
        act("cut_tariff", "CHN"),
    ]
    share_article_slots(events)
    assert [e.product_groups for e in events] == [["all_goods"], ["all_goods"], ["coal"], []]
