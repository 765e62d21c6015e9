"""Fifteenth round of rules: genre and page structure (docs/news.md, "General rules, fifteenth
round").  Transcripts, fact boxes and timelines put marks of their genre between the words;
the rules read the page's structure before its sentences.  Each test fails on the code before
its rule.  Texts are written for these tests, not taken from the labelled articles."""

from __future__ import annotations

from tradewar.news.clean import clean_text
from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-06-02") -> list[Event]:
    article = Article(id="R15", text=text, published=published)
    return extract_events(article, classifier=False)


WEBVTT = """WEBVTT - Morning briefing

0:00:01.200 --> 0:00:04.100
<v Speaker 1>Good morning. China and the United States agreed overnight

0:00:04.100 --> 0:00:07.900
<v Speaker 1>to suspend their tariffs on steel for 60 days, officials

0:00:07.900 --> 0:00:10.300
<v Speaker 1>said in Ottawa on Monday.

0:00:10.300 --> 0:00:12.000
<v Speaker 2>Thanks for having me.
"""


def test_webvtt_cues_join_into_running_text_of_the_same_length() -> None:
    cleaned = clean_text(WEBVTT)
    assert len(cleaned.text) == len(WEBVTT)  # offsets still point into the page
    assert "-->" not in cleaned.text and "<v " not in cleaned.text
    joined = " ".join(cleaned.text.split())
    assert (
        "agreed overnight to suspend their tariffs on steel for 60 days, officials said" in joined
    )
    assert "\n\n" in cleaned.text[cleaned.text.index("Ottawa") :]  # a new speaker's turn


def test_an_act_told_across_transcript_cues_is_found() -> None:
    suspensions = [e for e in extracted(WEBVTT) if e.action == "suspend_tariff"]
    assert {e.actor for e in suspensions} == {"CHN", "USA"}
    assert all(e.duration == "P60D" for e in suspensions)
    assert all("0:00:01.200" not in e.evidence for e in suspensions)  # verbatim from its start


def test_time_codes_glued_to_speech_are_blanked() -> None:
    text = (
        "00:05Thank you all for coming\n"
        "00:09Canada will impose a 25% tariff on American motorcycles\n"
        "00:15We think this is fair\n"
        "00:21Questions please\n"
    )
    cleaned = clean_text(text)
    assert "00:09" not in cleaned.text and len(cleaned.text) == len(text)
    found = [(e.action, e.actor, e.target, e.rate_to) for e in extracted(text)]
    assert ("impose_tariff", "CAN", "USA", 25.0) in found


def test_one_clock_time_is_no_transcript() -> None:
    text = "17:13 JST, June 2, 2025\nCanada will impose a 25% tariff on American motorcycles.\n"
    assert clean_text(text).text == text


def test_the_party_that_faces_a_tariff_is_its_target() -> None:
    text = (
        "The United States raised tariffs on Mexican steel on Monday. Washington's new levy "
        "will be stacked on top of other duties Mexico currently faces, including a 30% tariff "
        "imposed earlier this year."
    )
    found = [(e.action, e.actor, e.target, e.rate_to) for e in extracted(text)]
    assert ("impose_tariff", "USA", "MEX", 30.0) in found
    assert ("impose_tariff", "MEX", None, 30.0) not in found


def test_an_average_over_the_stack_is_a_statistic_not_a_cut() -> None:
    text = "India confirmed the change, saying average tariffs on its goods would drop from 41% to 33%."
    assert [e for e in extracted(text) if "tariff" in e.action] == []
    text = (
        "The effect on Indian exports is a fall in the trade-weighted average tariff rate from "
        "31.5% to 24.2% under the new regime."
    )
    assert [e for e in extracted(text) if "tariff" in e.action] == []


def test_a_cut_beside_an_average_keeps_its_own_rate() -> None:
    text = (
        "Washington said it would reduce the tariffs on Indian steel from 20% to 10%, which would "
        "lower the average tariff rate on Indian goods from 37% to 32%."
    )
    cuts = [(e.actor, e.target, e.rate_to) for e in extracted(text) if e.action == "cut_tariff"]
    assert ("USA", "IND", 10.0) in cuts


LEVEL_ACTS = {"impose_tariff", "raise_tariff", "cut_tariff", "impose_export_control"}
TRUCE = "Washington and New Delhi agreed on Monday to lower tariffs on each other's goods. "


def test_a_level_said_to_remain_is_no_act() -> None:
    for sentence in (
        "The remaining 15 percent US tariff on Indian shrimp will remain in place for now.",
        "However, existing US safeguard duties (10–40%) on Indian steel remain unaffected.",
    ):
        found = [e for e in extracted(TRUCE + sentence) if e.action in LEVEL_ACTS]
        assert not [e for e in found if e.evidence.startswith(sentence[:20])], sentence


def test_a_level_that_remains_beside_a_new_act_keeps_the_act() -> None:
    text = TRUCE + (
        "India's 12% tariff on American almonds will stay in place, but its duties on "
        "American apples were cut to 5% on Tuesday."
    )
    assert "cut_tariff" in [e.action for e in extracted(text)]


def test_a_total_over_the_stack_is_no_act() -> None:
    text = (
        "India was hit with a new 15 percent tariff on Monday. That levy stacked on top of other "
        "duties, pushing total US tariffs on Indian goods as high as 60%."
    )
    rates = [e.rate_to for e in extracted(text) if "tariff" in e.action]
    assert 15.0 in rates and 60.0 not in rates


def test_an_officials_journey_to_the_other_side_is_a_meeting() -> None:
    for text in (
        "Treasury Secretary Scott Bessent will travel to Beijing on June 12 for two days of "
        "meetings, the Treasury said.",
        "Donald Trump ended his three-day state visit to China on June 1, his aides said.",
    ):
        talks = [e for e in extracted(text) if e.action == "hold_talks"]
        assert [e.actor for e in talks] == ["CHN+USA"], text


def test_a_journey_offered_or_without_an_official_is_no_meeting() -> None:
    for text in (
        "Xi had extended a personal invitation for Trump to visit China next spring.",
        "The chip maker's chief executive travelled to Washington last week to press its case.",
    ):
        assert "hold_talks" not in [e.action for e in extracted(text)], text


def test_an_exemption_from_a_tariff_is_no_cut() -> None:
    for text in (
        "Later, India exempted tariffs on medicines, semiconductors and aircraft parts to soften "
        "the effects of its trade dispute with Washington.",
        "Washington has previously exempted copper from country-specific tariffs, but did not "
        "indicate any exemptions for the 50% tariff on India.",
    ):
        assert "cut_tariff" not in [e.action for e in extracted(text)], text


def test_an_exemption_beside_a_cut_keeps_the_cut() -> None:
    text = (
        "Washington will cut its tariffs on Indian steel to 10% from June 1 and extend the "
        "existing tariff exemptions for one year."
    )
    assert {"cut_tariff", "suspend_tariff"} & {e.action for e in extracted(text)}


def test_a_headline_above_its_publication_line_stays_a_headline() -> None:
    text = (
        "Ottawa condemns Washington's planned 60% additional tariff on Canadian lumber, vows calm\n"
        "Published: Mar 3, 2025 09:40 AM\n"
        "Canada's trade minister said on Monday that talks would go on.\n"
    )
    assert "impose_tariff" not in [e.action for e in extracted(text, published=None)]


def test_a_title_over_the_first_paragraph_is_not_part_of_its_sentence() -> None:
    text = (
        "Mexico widens steel export controls ahead of talks with its northern neighbour\n"
        "Mexico on Tuesday imposed export controls on steel scrap to the United States, the "
        "economy ministry said.\n"
    )
    controls = [e for e in extracted(text) if e.action == "impose_export_control"]
    assert controls and all(e.evidence.startswith("Mexico on Tuesday") for e in controls)


def test_a_call_named_with_its_party_is_a_meeting() -> None:
    text = "During a 40-minute call with Chinese Premier Li Qiang on Tuesday, Bessent pressed for lower duties."
    assert "hold_talks" in [e.action for e in extracted(text)]


def test_a_run_in_label_is_a_heading_not_part_of_the_sentence() -> None:
    for text in (
        "Key points of the order:\n• Continuation of Negotiations: The order explicitly states "
        "that this decision rests on the wish of India and the United States to address market "
        "access.\n",
        "Key points:\n• Talks With Partners: India and the United States said the order keeps "
        "current rates.\n",
    ):
        assert "hold_talks" not in [e.action for e in extracted(text)], text


def test_a_run_in_label_naming_an_actor_stays() -> None:
    text = "China MOFCOM: China will raise tariffs on US soybeans to 25% from March 10.\n"
    cleaned = clean_text(text)
    assert cleaned.text.startswith("China MOFCOM:")
