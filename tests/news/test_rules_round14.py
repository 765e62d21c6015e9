"""Fourteenth round of rules: slots (docs/news.md, "Slot rules, fourteenth round").  Each
test fails on the code before its rule.  Sentences are written for these tests, not taken
from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    article = Article(id="R14", text=text, published=published)
    return extract_events(article, classifier=False)


def tariff_goods(text: str) -> list[list[str]]:
    return [e.product_groups for e in extracted(text) if e.action.endswith("tariff")]


def test_goods_named_by_their_traders_are_all_goods() -> None:
    # goods named by who trades them, not by one country's adjective, are goods in general
    assert tariff_goods(
        "Japan and India imposed duties of 40 per cent on each other's imports on Monday."
    ) == [["all_goods"], ["all_goods"]]
    assert tariff_goods(
        "India on Monday imposed a 15 per cent tariff on imports from countries that undercut "
        "its farmers."
    ) == [["all_goods"]]
    assert tariff_goods(
        "India will impose a 12 per cent tariff on all articles shipped from Japan, the "
        "ministry said on Monday."
    ) == [["all_goods"]]
    # trading partners as a whole bear the tariff on all their goods
    assert tariff_goods(
        "Canada imposed a 5 per cent surcharge on almost all its trading partners on Monday."
    ) == [["all_goods"]]
    # named goods stay named
    assert tariff_goods("India imposed a 20 per cent tariff on Japanese soybeans on Monday.") == [
        ["soybeans"]
    ]


def test_a_suspended_implementation_suspends_the_rate() -> None:
    # suspending "the implementation of" a tariff suspends the tariff: a change in points
    text = (
        "India said on Monday it will suspend the implementation of the 18 per cent tariff on "
        "Japanese soybeans."
    )
    (event,) = [e for e in extracted(text) if e.action == "suspend_tariff"]
    assert (event.rate_to, event.rate_change) == (None, -18.0)


def test_hours_and_minutes_are_one_length() -> None:
    # "two hours and fifteen minutes" is one length of talks, not two hours
    text = (
        "The leaders of Japan and India held talks in Osaka on Monday that lasted two hours "
        "and fifteen minutes."
    )
    talks = [e for e in extracted(text) if e.action == "hold_talks"]
    assert [e.duration for e in talks] == ["PT2H15M"]


def test_a_list_of_what_a_measure_includes_goes_on_with_it() -> None:
    # the goods a measure includes, named in the next sentence, are its goods
    controls = extracted(
        "On Monday, India announced export controls on several metals used in electronics. "
        "They include tungsten, bismuth and indium, the ministry said."
    )
    (control,) = [e for e in controls if e.action == "impose_export_control"]
    assert control.product_groups == ["minor_metals"]
    # the parts a measure includes take the date the sentence before gives it
    tariffs = extracted(
        "Starting from March 3, 2025, duties will be added to some goods imported from the "
        "United States, the notice said.\nThis includes duties of 12 percent on US sorghum as "
        "well as 8 percent duties on US pork, China's commerce ministry said.",
        published="2025-03-01",
    )
    detailed = [e for e in tariffs if e.action == "impose_tariff" and e.rate_to in {12.0, 8.0}]
    assert [e.effective_date for e in detailed] == ["2025-03-03", "2025-03-03"]


def test_the_goods_of_a_cause_are_not_the_measures() -> None:
    # goods named in the measure's cause or setting belong to that cause
    assert tariff_goods(
        "India imposed a 20 per cent tariff on Japanese soybeans on Monday, citing concerns "
        "over rare earth shortages."
    ) == [["soybeans"]]
    assert tariff_goods(
        "Japan imposed a 25 per cent tariff on all Indian goods on Monday amid India's new "
        "curbs on rare earth magnets."
    ) == [["all_goods"]]


def test_a_count_of_new_measures_dates_the_acts_told_after_it() -> None:
    # "unveiled three new measures" on a day, then the measures: each was done that day
    text = (
        "On March 3, 2025, China unveiled three new measures aimed at US defence firms. The "
        "commerce ministry added 12 US companies to its export control list."
    )
    controls = [e for e in extracted(text, "2025-03-04") if e.action == "impose_export_control"]
    assert [e.event_date for e in controls] == ["2025-03-03"]


def test_an_approximate_period_is_the_period() -> None:
    # "for about a year", "by up to a year": the period told, as "for a year" is
    text = "India said on Monday it will suspend its 20 per cent tariff on Japanese soybeans for about a year."
    (pause,) = [e for e in extracted(text) if e.action == "suspend_tariff"]
    assert pause.duration == "P1Y"
    text = "Japan said on Monday it will extend its pause of the 15 per cent tariff on Indian rice by up to a year."
    (extension,) = [e for e in extracted(text) if e.action == "suspend_tariff"]
    assert extension.duration == "P1Y"
