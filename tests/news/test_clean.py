"""The pasted-text cleaner: one test per noise rule, the drop record, the offset map."""

from __future__ import annotations

import pytest

from tradewar.news.clean import clean_text

BODY = "China will impose additional tariffs on certain US products, the commission said."


@pytest.mark.parametrize(
    ("noise", "rule"),
    [
        ("Advertisement", "advertisement marker"),
        ("STORY CONTINUES BELOW THIS AD", "advertisement marker"),
        (
            "ALSO READ: Is China trying to choke Indian auto industry?",
            "teaser (also read / read more)",
        ),
        ("Read More", "teaser (also read / read more)"),
        ("QUICK LINKS", "navigation"),
        ("Facebook X (Twitter) Instagram", "navigation"),
        ("  • Home", "navigation"),
        ("[3]", "link marker"),
        ("Representational image.", "photo caption"),
        ("Photo: Reuters", "photo caption"),
        ("Sign up for our newsletter", "navigation"),
        ("World", "navigation (section name)"),
        (
            "RELATED: China bans exports of gallium and germanium to US",
            "teaser (also read / read more)",
        ),
    ],
)
def test_each_noise_rule_drops_its_line_and_says_why(noise: str, rule: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{noise}\n\n{BODY.replace('China', 'Beijing')}\n")
    assert noise.strip() not in cleaned.text
    assert [d.rule for d in cleaned.dropped] == [rule]
    assert cleaned.dropped[0].text.strip() == noise.strip()


def test_duplicated_photo_caption_keeps_the_first_copy_only() -> None:
    caption = "US President Donald Trump and Chinese leader Xi Jinping at the G20 in Osaka in 2019."
    cleaned = clean_text(f"{BODY}\n{caption}\n{caption}\n")
    assert cleaned.text.count(caption) == 1
    assert cleaned.dropped[0].rule == "duplicated line (photo caption)"


def test_related_story_headlines_with_their_own_dates_are_dropped() -> None:
    text = (
        "March 10, 2025\n\nStaff Exodus at U.S. Farm Agency Leaves Fewer Experts\n\nMay 13, 2025\n\n"
        "The Wrong Tool for the Job: Rethinking Methane\n\nMay 13, 2025\n\n" + BODY + "\n"
    )
    cleaned = clean_text(text)
    assert "Staff Exodus" not in cleaned.text and "Wrong Tool" not in cleaned.text
    assert BODY in cleaned.text
    assert {d.rule for d in cleaned.dropped} == {"related-story headline"}


def test_inline_link_markers_are_blanked_without_moving_offsets() -> None:
    text = "Trump's 34 percent additional tariff on Chinese supplies [1]set to go into effect."
    cleaned = clean_text(text)
    assert "[1]" not in cleaned.text
    assert len(cleaned.text) == len(text)


def test_offsets_map_back_to_the_original_text() -> None:
    text = f"Trending:\n\nAdvertisement\n{BODY}\nRead More\n{BODY}"
    cleaned = clean_text(text)
    start = cleaned.text.index("China")
    end = start + len(BODY)
    original_start, original_end = cleaned.to_original(start, end)
    assert text[original_start:original_end] == BODY
    second = cleaned.text.rindex("China")
    o_start, o_end = cleaned.to_original(second, second + len(BODY))
    assert text[o_start:o_end] == BODY and o_start > text.index("Read More")


def test_clean_text_keeps_plain_prose_untouched() -> None:
    cleaned = clean_text(BODY)
    assert cleaned.text == BODY and not cleaned.dropped


def test_a_related_story_date_line_after_the_dateline_is_dropped() -> None:
    text = f"June 9, 2025\n\n{BODY}\n\nMay 13, 2025\n"
    cleaned = clean_text(text)
    assert [(d.text, d.rule) for d in cleaned.dropped] == [("May 13, 2025", "related-story date")]
    assert "June 9, 2025" in cleaned.text


def test_section_words_inside_sentences_are_kept() -> None:
    text = "World markets fell after China said it would impose tariffs on US goods."
    assert clean_text(text).text == text
