"""No pattern literal exists only because a development article contains it.

Every literal of the extractor's patterns (the literal runs of its regular expressions and
the words of its word sets, in the news modules) is looked up in the development texts
(``../shared/news/dev``) and in the other labelled articles (``data/labelled``).  A literal
found in a development text but in no other labelled article is suspect: it may be there
only because that text contains it.  Each such literal must be removed, generalised, or
listed below as general vocabulary with the reason it is general (the words a reporter or
a ministry uses everywhere, which the labelled articles happen not to use).  The list is
kept exact: an entry that the labelled articles now contain must leave it.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]

import pytest

MODULES = (
    "sentences", "triggers", "actors", "modality", "slots", "events", "pipeline", "dates",
    "dateline", "rates", "clean", "frames", "statements", "roles", "gazetteer", "propose",
    "merging", "grammar", "learned", "mentions", "slot_rules",
)  # fmt: skip
LABELLED = Path(__file__).resolve().parents[2] / "src" / "tradewar" / "news" / "data" / "labelled"
MIN_LETTERS = 4

REPORTING = "a reporting or tense word of any news text"
DATES = "a relative-date or effective-date phrase of any dated text"
LEGAL = "a form of official texts (statements, circulars, orders)"
TRADE = "general trade vocabulary (goods, firms, levies, exclusions)"
LEXICON = "a verb or noun of the frame lexicon (its inflections are general English)"
MODALITY = "a modal, aim or demand word of any text"
PLACE = "a place where talks are held (the place list, a gazetteer)"
CHROME = "page chrome (menus, share bars, ad markers, captions) of pasted pages"
MARKET = "market-move and market-share words of any business report (percentages that are no rate)"
GENERAL_VOCABULARY: dict[str, str] = {
    "brokered": REPORTING,
    "circular no.": LEGAL,
    "date of promulgation": LEGAL,
    "contact us": CHROME,
    "instagram": CHROME,
    "pinterest": CHROME, "quick links": CHROME,
    "representational image": CHROME, "story continues below": CHROME,
    "trending": CHROME,
    "twitter": CHROME, "whatsapp": CHROME,
    "with inputs from agencies": CHROME, "x (twitter)": CHROME,
}  # fmt: skip


def literal_runs(pattern: re.Pattern[str]) -> list[str]:
    """The runs of literal characters of a compiled pattern (alternatives walked apart)."""
    runs: list[str] = []

    def walk(items: list[tuple[object, object]]) -> None:
        current: list[str] = []
        for op, arg in items:
            if op is sre_constants.LITERAL:
                current.append(chr(arg))  # type: ignore[arg-type]
                continue
            if current:
                runs.append("".join(current))
                current = []
            if op is sre_constants.SUBPATTERN:
                walk(arg[-1])  # type: ignore[index]
            elif op is sre_constants.BRANCH:
                for branch in arg[1]:  # type: ignore[index]
                    walk(branch)
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                walk(arg[2])  # type: ignore[index]
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(arg[1])  # type: ignore[index]
        if current:
            runs.append("".join(current))

    walk(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    return runs


def pattern_literals() -> dict[str, set[str]]:
    """Every literal of the news modules' patterns and word sets, with where it is."""
    found: dict[str, set[str]] = {}
    for name in MODULES:
        module = importlib.import_module(f"tradewar.news.{name}")
        for attribute, value in vars(module).items():
            if isinstance(value, re.Pattern):
                words = literal_runs(value)
            elif isinstance(value, frozenset | tuple | set) and all(
                isinstance(item, str) for item in value
            ):
                words = list(value)
            else:
                continue
            for word in words:
                literal = word.strip().lower()
                if sum(ch.isalpha() for ch in literal) >= MIN_LETTERS:
                    found.setdefault(literal, set()).add(f"{name}.{attribute}")
    return found


def _texts(folder: Path) -> list[str]:
    lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [str(json.loads(line)["text"]).lower() for line in lines if line]


def _occurs(literal: str, texts: list[str]) -> bool:
    pattern = re.compile(r"(?<![a-z])" + re.escape(literal))
    return any(pattern.search(text) for text in texts)


@pytest.fixture
def dev_only(dev_dir: Path) -> dict[str, set[str]]:
    dev, labelled = _texts(dev_dir), _texts(LABELLED)
    return {
        literal: where
        for literal, where in pattern_literals().items()
        if _occurs(literal, dev) and not _occurs(literal, labelled)
    }


def test_the_walk_finds_the_literals_of_alternatives_and_sequences() -> None:
    pattern = re.compile(r"\b(?:took effect|kick(?:ed|s) in|from)\s+(?:on\s+)?$", re.I)
    assert literal_runs(pattern) == ["took effect", "kick", "ed", "s", " in", "from", "on"]
    assert "told" in pattern_literals()


def test_no_literal_is_in_the_development_texts_alone(dev_only: dict[str, set[str]]) -> None:
    suspect = {k: sorted(v) for k, v in dev_only.items() if k not in GENERAL_VOCABULARY}
    assert not suspect, (
        "pattern literals found in the development texts and in no other labelled article "
        f"(remove or generalise them, or justify them in GENERAL_VOCABULARY): {suspect}"
    )


def test_the_general_vocabulary_list_is_exact(dev_only: dict[str, set[str]]) -> None:
    stale = sorted(set(GENERAL_VOCABULARY) - set(dev_only))
    assert not stale, f"no longer dev-only (or no longer a literal); remove from the list: {stale}"
