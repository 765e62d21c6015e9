"""Slot rules that transfer across outlets (docs/news.md, "Slot rules"): each is a class of
slot error on the held-out articles, tested on sentences written for these tests."""

from __future__ import annotations

from datetime import date

from tradewar.news.dates import dates_future, find_dates
from tradewar.news.schema import Event

SUNDAY = date(2025, 2, 2)


def values(clause: str, dateline: date | None = SUNDAY) -> list[str | None]:
    return [m.value for m in find_dates(clause, dateline)]


def test_from_before_a_place_does_not_make_a_weekday_future() -> None:
    # past tense: the latest such weekday on or before the dateline
    assert values("The president signed an order on Saturday to tax goods from Mexico.") == [
        "2025-02-01"
    ]
    assert values("Ottawa on Friday barred exports from Canada to the firm.") == ["2025-01-31"]
    assert not dates_future("Imports from Vietnam fell on Thursday.")


def test_from_before_a_time_still_looks_forward() -> None:
    assert dates_future("Duties apply from Thursday.")
    assert dates_future("The levy applies from 12:01 a.m. on Friday.")
    assert dates_future("The cap is lifted from next month.")
    assert values("The new duties apply from Thursday.") == ["2025-02-06"]
    # a rate after "from" is no time: "cut to 10% from 20% on Thursday" is done
    assert values("Seoul cut the duty to 10% from 20% on Thursday.") == ["2025-01-30"]


def test_a_countrys_goods_by_origin_are_all_goods() -> None:
    from tradewar.news.slots import products_in

    assert products_in("raised duties on goods coming from Japan to 30%") == [
        "goods coming from Japan"
    ]
    assert products_in("a 25% tariff on goods manufactured in Mexico") == [
        "goods manufactured in Mexico"
    ]
    assert products_in("duties on Imported Goods Originating from Canada") == [
        "Goods Originating from Canada"
    ]
    assert products_in("a 10% levy on goods from all countries") == ["goods from all countries"]
    assert products_in("duties on articles that are products of Mexico") == [
        "articles that are products of Mexico"
    ]
    assert products_in("tariffs on goods made in the U.S. headed abroad") == [
        "goods made in the U.S."
    ]
    # a place of making without the word "goods" is no country-wide phrase
    assert products_in("a tariff on cars made in Germany") == []


def test_a_dated_lead_sentence_dates_the_lists_below_an_undated_lead_in() -> None:
    from tradewar.news.extract import Article, extract_events

    text = (
        "March 2, 2026\n"
        "Washington and Beijing have settled on a package of steps to lower trade barriers "
        "starting from April 1, 2026.\n"
        "China agreed to:\n"
        "- Remove the additional 20% tariff on American beef and pork;\n"
        "- Lift its export restrictions on gallium to the United States;\n"
        "The United States agreed to:\n"
        "- Remove the 15% tariff on Chinese steel;\n"
    )
    events = extract_events(Article(id="S", text=text, published="2026-03-02"))
    items = [e for e in events if e.evidence.startswith("- ")]
    assert items, [e.evidence for e in events]
    assert {e.effective_date for e in items} == {"2026-04-01"}


def test_an_undated_lead_in_after_undated_prose_dates_nothing() -> None:
    from tradewar.news.extract import Article, extract_events

    text = (
        "March 2, 2026\n"
        "Washington and Beijing have settled on a package of steps to lower trade barriers.\n"
        "China agreed to:\n"
        "- Remove the additional 20% tariff on American beef and pork;\n"
    )
    events = extract_events(Article(id="S", text=text, published="2026-03-02"))
    items = [e for e in events if e.evidence.startswith("- ")]
    assert items and all(e.effective_date is None for e in items)


def test_another_or_an_additional_unit_is_one_unit() -> None:
    from tradewar.news.slots import durations

    assert [d.iso for d in durations("will pause, for an additional year, the 30% duties")] == [
        "P1Y"
    ]
    assert [d.iso for d in durations("prolonged the freeze for another month")] == ["P1M"]
    # no count and no "for": no period ("additional days of talks", "for additional months")
    assert durations("additional days of talks") == []
    assert durations("the ban stays for additional months") == []


def test_a_new_measure_for_a_stated_period_is_temporary() -> None:
    from tradewar.news.slots import duration_for

    clause = "Ottawa imposed a 12 percent surcharge on all imports for 120 days"
    assert duration_for("impose_tariff", clause, clause).duration == "P120D"
    # the period of a pause is not the measure's ("keeps the 10% tariff for 90 days")
    kept = "Seoul keeps a 10% tariff while pausing the rest for 90 days"
    assert duration_for("impose_tariff", kept, kept).duration is None
    # nor a count of days before it applies
    later = "a 5% tariff takes effect 30 days after the notice"
    assert duration_for("impose_tariff", later, later).duration is None


def _event(evidence: str, **dates: str) -> Event:
    return Event(
        article_id="S",
        event_id="S-E1",
        actor="CHN",
        action="impose_export_control",
        target="USA",
        modality="actual",
        evidence=evidence,
        evidence_span=(0, len(evidence)),
        **dates,
    )


def test_immediate_effect_from_a_date_dates_the_act() -> None:
    from tradewar.news.slots import date_by_tense

    event = _event(
        "Beijing banned sales of drones to five firms with immediate effect from 3 March 2026.",
        effective_date="2026-03-03",
    )
    date_by_tense([event], date(2026, 3, 5))
    assert event.event_date == "2026-03-03"
    # an effective date without "immediate" is no act's date
    later = _event(
        "Beijing will ban sales of drones from 3 April 2026.", effective_date="2026-04-03"
    )
    date_by_tense([later], date(2026, 3, 5))
    assert later.event_date is None


def test_announced_immediate_restrictions_apply_the_day_they_are_announced() -> None:
    from tradewar.news.slots import date_by_tense

    event = _event(
        "On Monday the ministry announced immediate curbs on magnesium shipments.",
        event_date="2026-03-02",
    )
    date_by_tense([event], date(2026, 3, 5))
    assert event.effective_date == "2026-03-02"


def test_a_percentage_after_down_or_up_is_a_change_not_a_level() -> None:
    from tradewar.news.rates import find_rates, rate_for_action

    cut = rate_for_action("cut_tariff", find_rates("Both will bring their duties down 40 per cent"))
    assert (cut.rate_to, cut.rate_change) == (None, -40.0)
    rise = rate_for_action("raise_tariff", find_rates("Ottawa pushed the surcharge up by 5%"))
    assert (rise.rate_to, rise.rate_change) == (None, 5.0)
    # "up to" is a ceiling, a level
    ceiling = rate_for_action("impose_tariff", find_rates("levies of up to 25% on beef"))
    assert (ceiling.rate_to, ceiling.rate_change) == (25.0, None)


def test_that_same_day_takes_the_last_full_date_before_it() -> None:
    from tradewar.news.extract import Article, extract_events

    text = (
        "March 9, 2026\n"
        "On March 4, a federal court struck down the duties imposed in 2025. "
        "That same day, President Trump signed an order cutting the tariffs on Chinese goods "
        "to 10%. Earlier the same day, China removed its 15% tariff on American soybeans."
    )
    lifted = [
        e
        for e in extract_events(Article(id="S", text=text, published="2026-03-09"))
        if "same day" in e.evidence
    ]
    assert len(lifted) == 2 and {e.event_date for e in lifted} == {"2026-03-04"}


def test_the_same_day_with_no_full_date_before_dates_nothing() -> None:
    from tradewar.news.extract import Article, extract_events

    text = "In 2025 tariffs rose. The same day, China removed its 15% tariff on American soybeans."
    events = extract_events(Article(id="S", text=text))
    assert events and all(e.event_date is None for e in events)


def test_by_a_date_an_act_already_done_was_done_then() -> None:
    roles = [
        (m.value, m.role)
        for m in find_dates("By March 3, Ottawa had lifted the duties", date(2025, 3, 20))
    ]
    assert roles == [("2025-03-03", "event")]
    # a deadline ahead, or an effect that had started, stays the measure's effective date
    ahead = find_dates("Ottawa will lift the duties by March 30", date(2025, 3, 20))
    assert [m.role for m in ahead] == ["effective"]
    started = find_dates("By March 3, the new duties had started", date(2025, 3, 20))
    assert [m.role for m in started] == ["effective"]


def test_a_follow_up_sentence_says_when_the_measures_before_it_apply() -> None:
    from tradewar.news.extract import Article, extract_events

    text = (
        "Beijing on Monday raised its tariff on American pork to 40%. "
        "The new rate is effective Wednesday, the finance ministry said."
    )
    events = extract_events(Article(id="S", text=text, published="2026-03-09"))
    raised = [e for e in events if e.action == "raise_tariff"]
    assert raised and raised[0].effective_date == "2026-03-11"


def test_an_effective_date_stated_as_is_reads_as_effective() -> None:
    found = find_dates("The effective date for the 40 percent rate is May 2, 2026.", SUNDAY)
    assert [(m.value, m.role) for m in found] == [("2026-05-02", "effective")]


def test_a_follow_up_with_an_act_of_its_own_keeps_its_date() -> None:
    from tradewar.news.extract import Article, extract_events

    text = (
        "Beijing on Monday raised its tariff on American pork to 40%. "
        "Washington will impose a 25% tariff on Chinese steel effective Friday."
    )
    events = extract_events(Article(id="S", text=text, published="2026-03-09"))
    raised = [e for e in events if e.action == "raise_tariff"]
    assert raised and raised[0].effective_date is None


def test_a_follow_up_sentence_naming_the_act_gives_its_period() -> None:
    from tradewar.news.extract import Article, extract_events

    def durations_of(text: str) -> list[str | None]:
        article = Article(id="S", text=text, published="2026-03-09")
        return [e.duration for e in extract_events(article) if e.action != "hold_talks"]

    paused = "Beijing on Monday suspended its 15% tariff on American pork. "
    assert durations_of(paused + "The suspension will last 90 days.") == ["P90D"]
    cut = "Washington cut its tariff on Chinese steel to 10% on Monday. "
    assert durations_of(cut + "The reduction runs for six months.") == ["P6M"]
    # another act named in the follow-up ("this 90-day extension") lends no period
    assert durations_of(paused + "This 90-day extension follows talks.") == [None]


def test_a_weekday_beside_a_full_date_is_that_date() -> None:
    friday = date(2025, 5, 16)
    assert [
        (m.value, m.role) for m in find_dates("came into force on May 14, Wednesday", friday)
    ] == [("2025-05-14", "effective")]
    assert values("signed on Monday, March 3, 2025, an order", friday) == ["2025-03-03"]
    # two separate days stay two dates
    assert values("said on Thursday that on Monday the duties rose", friday) == [
        "2025-05-15",
        "2025-05-12",
    ]


def test_a_licence_takes_the_goods_its_sentence_names_before_it() -> None:
    from tradewar.news.slots import measures_for

    sentence = (
        "Firms that want to ship dual-use items to the listed companies may apply, and the "
        "ministry will grant licences to those that qualify."
    )
    clause = "the ministry will grant licences to those that qualify."
    assert measures_for("grant_licence", clause, sentence)[0].product_groups == ["dual_use_items"]
    # a control keeps its clause's own object
    assert measures_for("impose_export_control", clause, sentence)[0].products == []


def test_a_suspension_from_its_start_to_its_end_lasts_the_round_period_between() -> None:
    from tradewar.news.slots import duration_from_end

    def suspension(start: str, end: str) -> Event:
        event = _event("Ottawa suspended its surcharge until the stated day.", effective_date=start)
        event.action, event.end_date = "suspend_tariff", end
        return event

    ninety, year, odd = (
        suspension("2026-01-05", "2026-04-05"),
        suspension("2026-01-05", "2027-01-05"),
        suspension("2026-01-05", "2026-02-20"),
    )
    duration_from_end([ninety, year, odd])
    assert (ninety.duration, year.duration, odd.duration) == ("P90D", "P1Y", None)


def test_without_a_dateline_relative_dates_stay_empty_and_absolute_ones_are_kept() -> None:
    from tradewar.news.extract import Article, extract_events

    text = (
        "China on Tuesday raised its tariff on American pork to 40%. "
        "On March 4, 2026, Washington cut its tariff on Chinese steel to 10%. "
        "That same day, China will suspend its 15% tariff on US beef from next month."
    )
    dates = {e.action: (e.event_date, e.effective_date) for e in extract_events(Article("S", text))}
    assert dates["raise_tariff"] == (None, None)
    assert dates["cut_tariff"][0] == "2026-03-04"
    assert dates["suspend_tariff"][1] is None  # "next month" has no month without a dateline
