"""Twenty-seventh round (docs/news.md, "General rules, twenty-seventh round"): the articles
with the most errors after the twenty-sixth.  The rounds' conventions: `rule_sentences`."""

from __future__ import annotations

from tests.news.rule_sentences import WarExtractor, act_keys, read_one_way, tariff_events
from tradewar.news.extract import Article, extract_events

extracted = WarExtractor("R27")  # this round's sentences, read after the war context


def test_removing_two_tariffs_each_with_its_rate_is_two_cuts() -> None:
    events = tariff_events(
        extracted("China will remove the 15% tariff on coal and the 10% tariff on crude oil.")
    )
    assert sorted((e.action, e.rate_from, e.rate_to) for e in events) == [
        ("cut_tariff", 10.0, 0.0),
        ("cut_tariff", 15.0, 0.0),
    ]


def test_removing_one_tariff_is_one_cut() -> None:
    events = tariff_events(extracted("China will remove the 15% tariff on coal and crude oil."))
    assert [(e.action, e.rate_from) for e in events] == [("cut_tariff", 15.0)]


def test_a_partys_decision_to_act_names_the_actor() -> None:
    events = extracted(
        "The step, unveiled on Friday by China's Ministry of Commerce, comes in answer to "
        "Trump's decision on March 4 to double tariffs on Chinese goods from 10% to 20%."
    )
    assert read_one_way(events, "raise_tariff", "USA", "CHN")


def test_a_passive_verb_six_words_after_the_tariff_noun_gives_the_act() -> None:
    keys = act_keys(extracted("Tariffs on imports from Mexico and Canada have been postponed."))
    assert ("suspend_tariff", "USA", "MEX") in keys


def test_talks_in_two_places_are_two_meetings() -> None:
    events = extracted(
        "Further rounds of negotiations between senior officials followed in London and Stockholm."
    )
    assert sorted(e.location or "" for e in events if e.action == "hold_talks") == [
        "London",
        "Stockholm",
    ]


def test_talks_in_one_place_are_one_meeting() -> None:
    events = extracted("Senior officials of the two sides held talks in London on Monday.")
    assert [e.location for e in events if e.action == "hold_talks"] == ["London"]


def test_a_measure_named_as_one_sides_keeps_it_in_the_other_sides_text() -> None:
    """The US's "reciprocal tariffs" suspended, told in a text of China's Ministry of
    Commerce (its domain makes China the issuer of agentless acts)."""
    article = Article(
        id="R27",
        text="The ministry answered questions on the tariffs. Of these, 24 percentage points of "
        "the reciprocal tariffs were suspended, resulting in a lower level.",
        published="2026-02-25",
        url="http://english.mofcom.gov.cn/article/news/202602/20260200001.shtml",
    )
    events = extract_events(article, classifier=False)
    assert [(e.action, e.actor) for e in events] == [("suspend_tariff", "USA")]
