"""The extractor: joint actions, modality, roles, and the evidence-span invariant."""

from __future__ import annotations

import json
from pathlib import Path

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import ACTIONS


def events(
    text: str, published: str | None = "2025-06-09", article_id: str = "T1"
) -> list[tuple[str, str | None, str | None]]:
    found = extract_events(Article(id=article_id, text=text, published=published))
    return [(e.action, e.actor, e.target) for e in found]


def test_bilateral_cut_is_split_into_one_directed_event_per_side_plus_the_agreement() -> None:
    text = "On May 12, the United States and China reached a truce and agreed to reduce tariffs by 115 per cent for 90 days."
    found = extract_events(Article(id="T", text=text, published="2025-06-09"))
    keyed = {(e.action, e.actor, e.target): e for e in found}
    assert ("reach_agreement", "CHN+USA", None) in keyed
    assert ("cut_tariff", "USA", "CHN") in keyed and ("cut_tariff", "CHN", "USA") in keyed
    cut = keyed[("cut_tariff", "USA", "CHN")]
    assert (cut.rate_change, cut.duration, cut.event_date) == (-115, "P90D", "2025-05-12")


def test_talks_with_several_partners_are_directed_events() -> None:
    text = "China has also launched discussions with other trading partners – including Japan and South Korea – to build a united front."
    assert set(events(text)) >= {("hold_talks", "CHN", "JPN"), ("hold_talks", "CHN", "KOR")}


def test_accusations_go_from_the_speaker_to_the_accused() -> None:
    text = (
        "While Trump has said that China has “totally” violated the truce, China claimed that the United States "
        "had “severely violated the common understandings reached in Geneva”."
    )
    assert set(events(text)) == {
        ("accuse_violation", "USA", "CHN"),
        ("accuse_violation", "CHN", "USA"),
    }


def modality_of(text: str) -> str:
    found = extract_events(Article(id="M", text=text, published="2025-10-25"))
    assert found, text
    return found[0].modality


def test_modality_cues() -> None:
    assert (
        modality_of(
            "Trump swiftly responded with a threat to increase tariffs on Chinese goods by an additional 100 per cent."
        )
        == "threatened"
    )
    assert (
        modality_of(
            "According to a report by The Washington Post, the US has authorised the removal of restrictions on the sales of ethane."
        )
        == "reported"
    )
    assert (
        modality_of(
            "China will impose additional tariffs on certain US products starting from Feb. 10, the commission said."
        )
        == "future"
    )
    assert (
        modality_of(
            "At one point, the United States hit China with additional levies of 145 per cent on its goods."
        )
        == "background"
    )
    assert (
        modality_of(
            "Washington has promised to allow the export of ethane to China, provided that Beijing speeds up approvals."
        )
        == "conditional"
    )
    assert (
        modality_of("China’s retaliatory tariffs on U.S. agricultural products took effect today.")
        == "actual"
    )


def test_rates_products_and_dates_land_in_the_right_slots() -> None:
    text = (
        "China will impose additional tariffs on certain US products starting from Feb. 10, the Customs Tariff "
        "Commission of the State Council said on Tuesday.\n\nAn additional 15 percent tariff will be imposed on "
        "imported coal and liquefied natural gas originating from the United States, per the statement."
    )
    found = extract_events(Article(id="A", text=text, published="2025-02-04"))
    assert len(found) == 1
    event = found[0]
    assert (event.action, event.actor, event.target, event.rate_to) == (
        "impose_tariff",
        "CHN",
        "USA",
        15,
    )
    assert event.product_groups == ["coal", "lng"]
    assert (event.effective_date, event.event_date) == ("2025-02-10", "2025-02-04")


def test_several_rates_in_one_clause_give_one_event_each() -> None:
    text = (
        "China announced retaliatory tariffs against the U.S., including a 15% tariff on coal and liquified natural "
        "gas imports, and a 10% tariff on crude oil, agricultural machinery, pickup trucks, and large-engine cars."
    )
    found = extract_events(Article(id="B", text=text, published="2025-02-04"))
    by_rate = {e.rate_to: set(e.product_groups) for e in found}
    assert by_rate == {15: {"coal", "lng"}, 10: {"crude_oil", "agricultural_machinery", "vehicles"}}


def test_headlines_and_chatter_without_an_act_give_nothing() -> None:
    assert events("Trump announces 90-day pause on tariffs, raises China levies to 125pc") == []
    assert events("Tariffs are essentially a tax on US consumers, critics noted.") == []


def test_without_a_dateline_relative_dates_stay_empty() -> None:
    found = extract_events(
        Article(
            id="N",
            text="President Donald Trump on Monday delayed high U.S. tariffs on Chinese goods for another 90 days.",
            published=None,
        )
    )
    assert found and all(e.event_date is None for e in found)


def test_evidence_is_verbatim_at_its_span_on_the_development_set(dev_dir: Path) -> None:
    records = [
        json.loads(line)
        for line in (dev_dir / "articles.jsonl").read_text().splitlines()
        if line.strip()
    ]
    total = 0
    for record in records:
        article = Article.from_record(record)
        for event in extract_events(article):
            start, end = event.evidence_span
            assert record["text"][start:end] == event.evidence, event.event_id
            assert event.action in ACTIONS
            total += 1
    assert total > 40


def test_empty_and_noise_only_texts_give_no_events() -> None:
    for text in ("", "  \n\n", "|||", "•", "(i)", "Advertisement\nRead More\n"):
        assert extract_events(Article(id="E", text=text)) == []


def test_demands_and_aims_are_not_acts() -> None:
    assert events("China urged Washington to stop abusing export controls on chips.") == []
    assert (
        events("US negotiators will press for China to relax curbs on the export of rare earths.")
        == []
    )
    assert events("A deal to ease restrictions on critical minerals would mark a shift.") == []
    purpose = "The US and China agreed to a truce so talks could continue."
    assert events(purpose) == [("reach_agreement", "CHN+USA", None)]
    held = "The US and China agreed to a truce, and talks continued in Geneva."
    assert ("hold_talks", "CHN+USA", None) in events(held)


def test_us_with_dots_is_an_actor_and_agencies_author_rather_than_suffer() -> None:
    assert events(
        "The U.S. on Friday added 23 Chinese entities to its export control entity list."
    ) == [("impose_export_control", "USA", "CHN")]
    notice = "Announcement of the Ministry of Commerce on imposing export controls on gallium and the U.S. response."
    assert [a[:2] for a in events(notice)] == [("impose_export_control", "CHN")]


def test_a_place_coordinated_with_a_target_is_a_target_too() -> None:
    text = (
        "The United States shall reduce the additional tariffs on goods from China (including goods from "
        "the Hong Kong Special Administrative Region and the Macao Special Administrative Region) by 24 "
        "percentage points."
    )
    assert {a[1] for a in events(text)} == {"USA"}


def test_two_meetings_in_one_sentence_keep_their_own_places_and_dates() -> None:
    text = (
        "The talks in London come just a few days after Trump and Chinese President Xi Jinping held "
        "a telephone call on Thursday."
    )
    found = extract_events(Article(id="T", text=text, published="2025-06-09"))
    assert {(e.location, e.event_date) for e in found} == {
        ("London", None),
        ("phone", "2025-06-05"),
    }


def test_talks_starting_on_a_day_happen_then() -> None:
    text = "Vice-Premier He Lifeng will travel to Spain from Sunday for talks with US Treasury Secretary Scott Bessent."
    [talks] = extract_events(Article(id="T", text=text, published="2025-09-12"))
    assert (talks.action, talks.location, talks.event_date, talks.effective_date) == (
        "hold_talks",
        "Spain",
        "2025-09-14",
        None,
    )


def test_a_level_described_is_no_act() -> None:
    assert events("Current tariffs on Chinese imports are generally set at 30%.") == []
    assert events("China will impose 84 per cent tariffs on US goods from Thursday.") == [
        ("impose_tariff", "CHN", "USA")
    ]


def test_mutual_accusations_go_both_ways_without_the_truces_date() -> None:
    text = "Both the United States and China have accused the other of violating the trade truce reached last month."
    found = extract_events(Article(id="T", text=text, published="2025-06-09"))
    accusations = [e for e in found if e.action == "accuse_violation"]
    assert {(e.actor, e.target) for e in accusations} == {("USA", "CHN"), ("CHN", "USA")}
    assert all(e.event_date is None for e in accusations)  # "last month" dates the truce
    # ... which is recalled with that date: a background agreement (the guide's rule 3)
    (truce,) = [e for e in found if e.action == "reach_agreement"]
    assert (truce.modality, truce.event_date) == ("background", "2025-05")


def test_a_sentences_one_effective_date_applies_to_its_measures_not_its_talks() -> None:
    text = (
        "China will impose export controls on gallium items, and the ministry will add 12 "
        "firms to its control list (effective December 1, 2025)."
    )
    found = extract_events(Article(id="T", text=text, published="2025-10-09"))
    controls = [e for e in found if e.action == "impose_export_control"]
    assert controls and all(e.effective_date == "2025-12-01" for e in controls)


def test_an_act_recalled_in_a_reduced_relative_clause_is_background_with_its_own_date() -> None:
    text = (
        "WASHINGTON, May 12 (Reuters) - Tariffs imposed in March will stay, the White House said."
    )
    [event] = extract_events(Article(id="T", text=text, published="2025"))
    assert (event.action, event.modality, event.event_date) == (
        "impose_tariff",
        "background",
        "2025-03",
    )
