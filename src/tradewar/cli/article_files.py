"""Articles from files, as ``tradewar news extract|propose FILE ... --articles X.jsonl`` reads
them: the command line's side of :class:`tradewar.services.news.NewsService`, which takes
:class:`~tradewar.news.extract.Article` values.  Each error names the option at fault
(``err.field``: ``files``, ``articles``, ``url``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from tradewar.news.errors import InvalidArticle
from tradewar.news.extract import Article

HTML_SUFFIXES = frozenset({".html", ".htm"})


def read_articles(
    paths: Sequence[Path] = (),
    articles_jsonl: Path | None = None,
    *,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> list[Article]:
    """Articles from pasted-text or HTML files and/or a JSONL of article records.

    A file's name becomes its id and its dateline is read from the text unless
    ``published`` is given; ``url`` and ``outlet`` (for one file) make it citable.
    """
    if url and len(paths) != 1:
        raise InvalidArticle(
            f"names one article; expected exactly one file, got {len(paths)}.", field="url"
        )
    articles = [_article_file(path, url, outlet, published) for path in paths]
    if articles_jsonl is not None:
        articles.extend(_article_records(articles_jsonl))
    return articles


def _article_file(
    path: Path, url: str | None, outlet: str | None, published: str | None
) -> Article:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidArticle(
            f"{path}: cannot read the article ({err}); expected a UTF-8 text or HTML file.",
            field="files",
        ) from err
    html = path.suffix.lower() in HTML_SUFFIXES
    return Article(id=path.stem, text=text, url=url, outlet=outlet, published=published, html=html)


def _article_records(path: Path) -> list[Article]:
    articles: list[Article] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidArticle(
            f"{path}: cannot read the articles file ({err}).", field="articles"
        ) from err
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InvalidArticle(
                f"{path}:{number}: not JSON ({err.msg}); expected one article record per line.",
                field="articles",
            ) from err
        for key in ("id", "text"):
            if not isinstance(record, dict) or not record.get(key):
                raise InvalidArticle(
                    f"{path}:{number}: field {key!r} is missing; expected an article record"
                    " with id and text.",
                    field="articles",
                )
        articles.append(Article.from_record(record))
    return articles
