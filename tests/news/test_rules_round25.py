"""Twenty-fifth round (docs/news.md, "General rules, twenty-fifth round"): misread and missed
events of every kind.  The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

import pytest

from tests.news.rule_sentences import WarExtractor, act_keys, tariff_events
from tradewar.news.dates import find_dates

extracted = WarExtractor("R25")  # this round's sentences, read after the war context


def test_an_opening_he_is_someone_named_before_the_sentence() -> None:
    events = extracted(
        "Trump spoke to reporters on Air Force One. "
        "He said he would halve tariffs on China and would visit Xi again in April."
    )
    assert ("cut_tariff", "USA", "CHN") in act_keys(events)
    assert not [e for e in events if e.action == "cut_tariff" and e.actor == "CHN"]


@pytest.mark.parametrize(
    ("text", "talks"),
    [
        # a visit to the other side's leader is a meeting; an invitation to one is not
        ("He said he would visit Xi in Beijing next spring.", True),
        ("Xi extended an invitation to visit him in Beijing, the statement said.", False),
        # speaking with a named leader is talks; speaking with reporters is not
        ("Trump said he would speak with Chinese President Xi Jinping on Friday.", True),
        ("Trump said he would speak with reporters on Friday.", False),
    ],
)
def test_a_visit_or_a_word_with_the_other_sides_leader_is_talks(text: str, talks: bool) -> None:
    found = ("hold_talks", "CHN+USA", None) in act_keys(extracted(text))
    assert found == talks


def test_a_change_of_the_measure_just_named_is_a_second_act() -> None:
    events = tariff_events(
        extracted(
            "Trump imposed a 10% tariff on Chinese goods on February 4, doubling it to 20% a "
            "month later."
        )
    )
    acts = {(e.action, e.rate_to, e.event_date) for e in events}
    assert acts == {("impose_tariff", 10.0, "2025-02-04"), ("raise_tariff", 20.0, "2025-03")}


def test_a_change_in_a_conjoined_clause_has_no_date_from_the_first() -> None:
    """The conjoined clause is read apart: "a month later" has no date before it there, so
    the raise's date is left unknown rather than taken from the imposition."""
    events = tariff_events(
        extracted(
            "Trump imposed a 10% tariff on Chinese goods on February 4 and raised it to 20% a "
            "month later."
        )
    )
    acts = {(e.action, e.rate_to, e.event_date) for e in events}
    assert acts == {("impose_tariff", 10.0, "2025-02-04"), ("raise_tariff", 20.0, None)}


def test_a_change_with_no_measure_before_it_stays_one_act() -> None:
    events = tariff_events(
        extracted("Trump imposed a 10% tariff on Chinese goods. He doubled it to 20% in March.")
    )
    assert {(e.action, e.rate_to) for e in events} == {
        ("impose_tariff", 10.0),
        ("raise_tariff", 20.0),
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("talks on March 3, 2025 and a deal two weeks later", "2025-03"),
        ("a deal on March 3, 2025, then a second one three days later", "2025-03-06"),
        ("tariffs in February 2025, doubled a month later", "2025-03"),
    ],
)
def test_a_time_later_counts_from_the_date_before_it(text: str, value: str) -> None:
    later = [m for m in find_dates(text, None) if "later" in m.text]
    assert [m.value for m in later] == [value]


def test_a_time_later_with_no_date_before_it_is_unknown() -> None:
    assert not [m for m in find_dates("a deal two weeks later", None) if "later" in m.text]


def test_an_act_a_party_failed_to_do_is_none() -> None:
    events = extracted(
        "Trump raised the tariff to 20% in March, claiming China had failed to stop the export "
        "of precursor chemicals."
    )
    assert not [e for e in events if e.action == "impose_export_control"]


def test_approving_export_applications_grants_licences() -> None:
    events = extracted(
        "China's commerce ministry said it will review and approve eligible export "
        "applications for controlled items."
    )
    assert ("grant_licence", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "text",
    [
        "The news came late Monday that the tariffs on Chinese goods would be postponed for a "
        "month.",
        "Washington said the additional tariffs on China would be deferred until June.",
    ],
)
def test_tariffs_put_off_in_the_passive_are_suspended(text: str) -> None:
    assert [e.action for e in tariff_events(extracted(text))] == ["suspend_tariff"]


@pytest.mark.parametrize(
    "text",
    [
        "Under the deal, the US will ease tariffs on Chinese goods.",
        "The deal will see the relaxing of tariffs on Chinese goods.",
    ],
)
def test_tariffs_eased_are_cut(text: str) -> None:
    assert [e.action for e in tariff_events(extracted(text))] == ["cut_tariff"]


def test_easing_tensions_is_no_cue_for_a_cut() -> None:
    events = extracted(
        "Hoping to ease tensions with Beijing in the coming weeks, the US imposed new 10% "
        "tariffs on Chinese steel."
    )
    assert [e.action for e in tariff_events(events)] == ["impose_tariff"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Beijing responded with tariffs on U.S. farm goods.", "CHN"),
        ("Beijing countered with tariffs on U.S. coal and gas.", "CHN"),
        ("Trump reinstated tariffs on Chinese steel on his return to office.", "USA"),
        ("China said its new tariffs on U.S. goods will go into effect on Monday.", "CHN"),
    ],
)
def test_more_ways_of_imposing_tariffs(text: str, actor: str) -> None:
    (event,) = tariff_events(extracted(text))
    assert (event.action, event.actor) == ("impose_tariff", actor)


def test_a_truce_extended_in_the_passive_is_a_suspension() -> None:
    events = extracted("Trump announced that the truce with Beijing would be extended by 90 days.")
    assert [e.action for e in tariff_events(events)] == ["suspend_tariff"]


@pytest.mark.parametrize(
    "text",
    [
        "On April 2, Trump signed an order ending duty-free de minimis treatment for low-value "
        "imports from China.",
        "The US scrapped the de minimis exemption for Chinese parcels.",
    ],
)
def test_the_end_of_duty_free_entry_is_a_tariff_imposed(text: str) -> None:
    assert [(e.action, e.actor) for e in tariff_events(extracted(text))] == [
        ("impose_tariff", "USA")
    ]


def test_a_duty_free_exemption_that_stays_is_no_act() -> None:
    assert not tariff_events(extracted("The de minimis exemption remains in place for now."))


def test_each_party_of_a_rated_list_gets_its_own_rate() -> None:
    events = extracted(
        "Other nations slapped with larger tariffs include Japan at 24%, South Korea at 25%, "
        "Cambodia at 49% and Taiwan at 32%."
    )
    rated = {(e.target, e.rate_to) for e in events if e.action == "impose_tariff"}
    assert rated == {("JPN", 24.0), ("KOR", 25.0), ("KHM", 49.0), ("TWN", 32.0)}


def test_a_rated_list_in_brackets_is_read_too() -> None:
    events = extracted("Trump imposed tariffs on Japan (24%), Vietnam (46%) and India (26%).")
    rated = {(e.target, e.rate_to) for e in events if e.action == "impose_tariff"}
    assert rated == {("JPN", 24.0), ("VNM", 46.0), ("IND", 26.0)}


def test_an_act_on_a_party_named_apart_from_a_rated_list_stays_its_own() -> None:
    events = extracted(
        "Trump imposed a 34% tariff on China, while Japan (24%) and India (26%) got lower rates."
    )
    assert {(e.target, e.rate_to) for e in tariff_events(events)} == {("CHN", 34.0)}


def test_rates_with_no_act_make_no_list_events() -> None:
    assert not tariff_events(
        extracted("China at 34% and Japan at 24% were hit hardest, Trump said.")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Washington is pausing some tariffs on China for an additional year and is halting plans "
        "to implement a 100 percent tariff on Chinese exports.",
        "The United States will respond by delaying additional reciprocal tariffs and halting "
        "plans to enforce a threatened 100 per cent tariff on Chinese goods.",
    ],
)
def test_a_halted_plan_and_a_pause_in_force_are_two_pauses(text: str) -> None:
    pauses = [e for e in extracted(text) if e.action == "suspend_tariff"]
    assert sorted((e.actor, e.rate_to or 0.0) for e in pauses) == [("USA", 0.0), ("USA", 100.0)]


def test_a_planned_tariff_paused_told_twice_is_one_pause() -> None:
    events = extracted(
        "Trump agreed to a 30-day pause on the implementation of planned 25% tariffs on Chinese "
        "goods."
    )
    assert len([e for e in events if e.action == "suspend_tariff"]) == 1


def test_the_worlds_two_largest_economies_are_no_global_target() -> None:
    events = extracted(
        "Trump has extended the U.S.-China trade truce for another 90 days, delaying an "
        "escalation in tariffs between the world's two largest economies."
    )
    assert ("suspend_tariff", "USA", "CHN") in act_keys(events)


def test_a_measure_on_the_world_still_has_no_target() -> None:
    events = extracted("China restricted exports of gallium to the world on Monday.")
    assert [e.target for e in events if e.action == "impose_export_control"] == [None]


def test_a_spaced_u_s_names_the_united_states() -> None:
    events = extracted("Canada imposed tariffs of 25% on U. S. cars on Monday.")
    assert {(e.actor, e.target) for e in tariff_events(events)} == {("CAN", "USA")}


@pytest.mark.parametrize(
    "text",
    [
        "Analysts say Beijing's move tightens its grip on supply chains, adding to earlier "
        "restrictions on rare earth magnets.",
        "“China has not dismantled the export-control framework introduced in April,” Morgan "
        "Stanley economists noted.",
    ],
)
def test_a_sentence_framed_as_pundits_view_is_no_act(text: str) -> None:
    assert not extracted(text)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said on Monday that Washington added 50 Chinese firms to the Entity List.",
        "China could impose export controls on graphite, analysts said.",
    ],
)
def test_what_analysts_said_happened_or_may_happen_stays_an_act(text: str) -> None:
    assert extracted(text)


def test_a_report_that_quotes_analysts_later_keeps_its_act() -> None:
    events = extracted(
        "China imposed export controls on gallium on Monday, a move analysts said was expected."
    )
    assert ("impose_export_control", "CHN", "USA") in act_keys(events)


@pytest.mark.parametrize(
    "text",
    [
        "Trump told reporters that he was not considering a pause on planned tariffs.",
        "Officials said they weren't weighing a cut in tariffs on Chinese consumer goods.",
    ],
)
def test_an_option_ruled_out_is_no_act(text: str) -> None:
    assert not tariff_events(extracted(text))


def test_an_option_weighed_is_still_a_future_act() -> None:
    events = extracted("The White House is considering raising tariffs on Chinese cars to 100%.")
    assert [(e.action, e.modality) for e in tariff_events(events)] == [("raise_tariff", "future")]


@pytest.mark.parametrize(
    ("text", "easings"),
    [
        # one easing told twice, with goods in common and a period
        (
            "China has officially suspended its expanded export controls on rare earths and "
            "other critical minerals. According to the Ministry of Commerce, the suspension of "
            "the controls on rare earths and battery materials runs for one year.",
            1,
        ),
        # suspensions until different days stay two
        (
            "China will suspend until November 10, 2026, the export restrictions on rare earths "
            "and battery materials for one year. It will suspend until November 27, 2026, the "
            "export restrictions on rare earths and graphite.",
            2,
        ),
    ],
)
def test_an_easing_told_twice_is_one_unless_dated_apart(text: str, easings: int) -> None:
    events = extracted(text)
    assert len([e for e in events if e.action == "ease_export_control"]) == easings


def test_holding_off_as_agreed_is_a_pause() -> None:
    events = extracted(
        "Under the deal, the United States agreed to hold off on imposing the threatened 100% "
        "tariffs on Chinese goods."
    )
    assert [e.action for e in tariff_events(events)] == ["suspend_tariff"]


def test_holding_off_alone_is_still_no_act() -> None:
    assert not tariff_events(
        extracted("The US held off on new tariffs on Chinese goods this week.")
    )
