"""Twelfth round of rules: acts and mere comments (docs/news.md, "Twelfth round").  A news
sentence characterises the war in words the trigger rules read as acts; the guide
(docs/news-labelling.md) counts none of them.  Each test fails on the code before its rule.
Sentences are written for these tests, not taken from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(text: str, published: str | None = "2025-10-20") -> list[Event]:
    article = Article(id="R12", text=text, published=published)
    return extract_events(article, classifier=False)


def actions(text: str) -> list[str]:
    return [e.action for e in extracted(text)]


def sides(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.action, e.actor, e.target) for e in extracted(text)]


def test_escalating_tariffs_describe_the_war_and_raise_nothing() -> None:
    assert "raise_tariff" not in actions(
        "Ties between Japan and India have soured over a year of escalating retaliatory tariffs."
    )
    assert "raise_tariff" not in actions(
        "What followed was a rapid escalation of reciprocal tariff walls by Japan and India."
    )
    # a raise told with its verb or its level stays an act
    assert "raise_tariff" in actions(
        "Japan raised its tariffs on Indian steel to 40 per cent on Monday, escalating the row."
    )
    assert "raise_tariff" in actions(
        "Japan escalated its tariffs on Indian steel from 20 per cent to 40 per cent on Monday."
    )


def test_talks_that_only_complete_a_qualifying_phrase_are_no_meeting() -> None:
    # the talks are what a noun or an adjective is about, with no date or place anywhere
    for text in (
        "The gains of the negotiations between Japan and India were modest, officials admitted.",
        "Tokyo said it remained hopeful about the ongoing negotiations with India.",
        "The statement made no mention of new negotiations between Japan and India.",
    ):
        assert "hold_talks" not in actions(text), text
    # a meeting the sentence reports, or one with its date or place, is still held
    assert "hold_talks" in actions(
        "Japan and India held talks in Osaka on Monday on the tariffs on steel."
    )
    assert "hold_talks" in actions(
        "The results of the negotiations in Osaka between Japan and India were announced."
    )
    # a round of talks is the talks themselves
    assert "hold_talks" in actions(
        "Japanese and Indian negotiators have opened a new round of trade talks in Osaka."
    )


def test_a_country_named_only_as_the_place_is_no_party() -> None:
    text = (
        "The two leaders met for three hours on the sidelines of a trade forum in Japan, "
        "agreeing to scrap some tariffs."
    )
    assert "JPN" not in {e.actor for e in extracted(text)}
    # a country named as the one acting is still the actor, wherever it acts
    acting = "Mexico raised its tariffs on Chinese steel to 35 per cent at a summit in Japan."
    assert "MEX" in {e.actor for e in extracted(acting) if e.action == "raise_tariff"}
    # after other words than a meeting's, the country named after "in" may act
    assert ("impose_tariff", "JPN", "IND") in sides(
        "A 20% levy on Indian rice arriving in Japan began on Tuesday."
    )


def test_a_measure_told_for_its_effect_is_not_done_again() -> None:
    # the act, then the measure as the subject of a verb of effect (an explainer's analysis)
    kept = (
        "The United States cut its tariff on Chinese steel to 15 percent on Monday. "
        "The retained 15 percent tariff ensures that American mills keep some protection."
    )
    assert [e.action for e in extracted(kept)] == ["cut_tariff"]
    squeezed = (
        "The United States imposed a 25% levy on Chinese chips on Monday. "
        "Financially, the 25% levy is likely to compress margins for importers."
    )
    assert [e.action for e in extracted(squeezed)] == ["impose_tariff"]
    # a measure that is the object of an act is still done
    acting = (
        "Japan imposed a 15 per cent duty on Chinese steel on Monday to give its mills "
        "some protection."
    )
    assert "impose_tariff" in actions(acting)


def test_bulleted_links_under_a_teaser_heading_are_page_noise() -> None:
    from tradewar.news.clean import clean_text

    page = (
        "Japan cut its tariff on Indian rice to 5 per cent on Monday.\n"
        "Related stories\n"
        "- Tokyo and Delhi Clash: Steel Ban Stays, 2-Year PactIndia failed to get the "
        "Japanese export controls on chip tools lifted.\n"
        "- India Halts Rare Earth Sales March 2026India bans exports of magnets to Japan.\n"
        "The cut takes effect on June 1."
    )
    cleaned = clean_text(page).text
    assert "export controls" not in cleaned and "magnets" not in cleaned
    assert "takes effect on June 1" in cleaned and "Japan cut its tariff" in cleaned
    # bullets that are not under a teaser heading stay
    listed = "Japan announced:\n- a 5 per cent tariff on Indian rice\n- a ban on magnet exports"
    assert "magnet exports" in clean_text(listed).text


def test_a_measure_under_meaning_reads_the_act_before_it_again() -> None:
    text = (
        "India has lifted its ban on exports of rice to Japan. However, rice still appears on "
        "India's export control list, meaning exporters will still need to apply for licences "
        "for any sales abroad."
    )
    assert actions(text) == ["ease_export_control"]
    # a relative clause with its own date under "meaning" is still a recalled act
    dated = (
        "China suspended its ban on gallium exports to the United States on Monday, meaning "
        "the effective removal of controls that China imposed in December 2024."
    )
    assert "impose_export_control" in actions(dated)


def test_the_measure_an_act_answers_is_cited_not_done() -> None:
    assert sides(
        "In return, Beijing will scrap the countermeasures it adopted in response to the "
        "American tariffs."
    ) == [("cut_tariff", "CHN", "USA")]
    assert sides(
        "Last spring, China put extra duties of 20 percent on American soybeans in retaliation "
        "for U.S. tariffs."
    ) == [("impose_tariff", "CHN", "USA")]
    # the measure answered, with its goods named, is a recalled act of its own
    named = (
        "China put extra duties of 20 percent on American soybeans in retaliation for U.S. "
        "tariffs on Chinese steel."
    )
    assert ("impose_tariff", "USA", "CHN") in sides(named)


def test_talks_named_as_the_source_of_a_result_are_no_meeting() -> None:
    assert "hold_talks" not in actions(
        "Recent negotiations between Chinese and American officials resulted in fresh pledges "
        "from Washington."
    )
    assert "hold_talks" not in actions(
        "The suspension of the tariffs stems from the recent meeting between the Chinese and "
        "American presidents."
    )
    # with its own place and day, the meeting is told
    assert "hold_talks" in actions(
        "Negotiations between Chinese and American officials in Geneva on Monday resulted in "
        "fresh pledges."
    )


def test_a_measure_told_with_the_purpose_it_was_made_for_is_no_new_act() -> None:
    from tradewar.news.mentions import is_reference

    def referred(sentence: str, trigger: str) -> bool:
        start = sentence.index(trigger)
        return is_reference(sentence, start, start + len(trigger), "export")

    assert referred(
        "These export controls were initially implemented to curb Japan's military advances.",
        "export controls",
    )
    assert referred(
        "The new rule was designed to close a loophole by extending export restrictions to "
        "affiliates of listed firms.",
        "export restrictions",
    )
    # with its own date the act is recalled; a decision to implement is the act itself
    assert not referred(
        "Export controls were implemented on May 3, 2024 to curb Japan's military advances.",
        "Export controls",
    )
    assert not referred(
        "Pursuant to the law, it is decided to implement export controls on the following items.",
        "export controls",
    )


def test_talks_after_ahead_of_are_the_time_of_the_act() -> None:
    # "ahead of" reads like "before": the meeting dates the act, it is not told
    assert "hold_talks" not in actions(
        "The new curbs come just ahead of a planned meeting between the Chinese and American "
        "presidents."
    )
    # with its own place and day, the meeting is an act of its own
    assert "hold_talks" in actions(
        "The new curbs come just ahead of a meeting between the Chinese and American presidents "
        "in Seoul on Friday."
    )
