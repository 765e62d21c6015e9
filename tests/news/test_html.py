"""HTML input goes through trafilatura, then the same extractor."""

from __future__ import annotations

from pathlib import Path

from tradewar.cli.article_files import read_articles
from tradewar.news.clean import clean_html
from tradewar.news.extract import extract_events

PARAGRAPH = (
    "China will impose additional tariffs on certain US products starting from Feb. 10, the Customs "
    "Tariff Commission of the State Council said on Tuesday. An additional 15 percent tariff will be "
    "imposed on imported coal and liquefied natural gas originating from the United States."
)
HTML = f"""<html><head><title>China retaliates</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>China retaliates with tariffs</h1><p>Beijing, Feb. 4, 2025</p><p>{PARAGRAPH}</p>
<p>The move is in accordance with the basic principles of international law, the statement said,
and with Chinese laws and regulations such as the tariff law and the customs law.</p></article>
<footer>Privacy policy | Terms of use | Contact us</footer></body></html>"""


def test_html_is_reduced_to_its_article_text() -> None:
    cleaned = clean_html(HTML)
    assert "additional 15 percent tariff" in cleaned.text
    assert "Privacy policy" not in cleaned.text


def test_html_file_gives_events(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML)
    [article] = read_articles([path], published="2025-02-04")
    events = extract_events(article)
    assert [(e.action, e.actor, e.target, e.rate_to) for e in events] == [
        ("impose_tariff", "CHN", "USA", 15)
    ]
    assert events[0].effective_date == "2025-02-10"
