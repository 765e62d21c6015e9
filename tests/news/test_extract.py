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
