"""Sentences and clauses of a cleaned article, with the actors each names.

spaCy's blank English pipeline (a tokenizer that keeps "U.S." and table marks apart, and a
sentencizer) cuts the paragraphs, bullets and table rows of the cleaned text into sentences;
a :class:`spacy.matcher.PhraseMatcher` over the gazetteer (countries, demonyms, capitals,
officials, agencies) marks the actor mentions of each; :func:`clauses` cuts a sentence at
";", ", while", ", and" and coordinated verbs.  Headlines (one short line without closing
punctuation) give no sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id

from tradewar.news.gazetteer import actor_entries
from tradewar.news.genre import is_title_line, opens_metadata_line
from tradewar.news.grammar import (
    ABBREVIATIONS,
    BLOCK_BREAK,
    CASE_SENSITIVE,
    CLAUSE_BREAK,
    WRAPPED_LINE_END,
)


@dataclass(frozen=True)
class Article:
    """An article record: ``id``, ``text`` and, when known, ``url``, ``outlet``, ``published``."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    html: bool = False

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        """Build an article from a JSONL record of the development-set schema."""
        return cls(
            id=str(record["id"]),
            text=str(record.get("text") or ""),
            url=record.get("url"),
            outlet=record.get("outlet"),
            published=record.get("published"),
        )


@dataclass(frozen=True)
class Mention:
    """An actor phrase in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    code: str
    kind: str
    text: str


@dataclass
class Sentence:
    """A sentence with its offsets in the cleaned text and its actor mentions."""

    text: str
    start: int
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class ArticleContext:
    """What earlier sentences of an article set for later ones: the current actor (a header
    "Chinese Commitments:" or a sentence subject) and a lead-in's effective date for its
    list items."""

    actor: str | None = None
    list_effective: str | None = None
    lead_text: str = ""  # the last prose sentence (its effective date dates a list below)
    person: str | None = None  # the country of the last official named ("he", "she")
    president: str | None = None  # the country of the last president named ("the president")
    ministry: str | None = None  # the country of the last ministry named ("the ministry")
    issuer: str | None = None  # the country issuing an official text ("I imposed", "is amended")


# an initialism's period also ends a sentence when a capitalised function word follows
# ("... taken by China and the U.S. On April 2, ..."); a name goes on ("the U.S. Commerce ...")
INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")
SENTENCE_OPENERS = frozenset(
    {"On", "The", "In", "But", "And", "It", "He", "She", "They", "This", "That", "These",
     "Those", "A", "An", "As", "After", "Before", "When", "While", "However", "Its", "His",
     "Their", "We", "I"}
)  # fmt: skip


OPENER_IDS = frozenset(get_string_id(word) for word in SENTENCE_OPENERS)


@Language.component("abbreviation_sentence_end")
def _abbreviation_sentence_end(doc: Any) -> Any:
    """Start a sentence after an initialism followed by a sentence-opening function word.
    The words are read as string ids, so that only openers become spaCy tokens."""
    words = doc.to_array("ORTH").tolist()
    for i in range(1, len(words)):
        if words[i] in OPENER_IDS and INITIALISM.match(doc[i - 1].text):
            doc[i].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def pipeline() -> tuple[Language, PhraseMatcher, dict[str, tuple[str, str]]]:
    """spaCy's blank English pipeline with a sentencizer and the actor PhraseMatcher."""
    nlp = spacy.blank("en")
    table_marks = [r"\|", "•", "·"]  # table cells and bullets glued to words ("|China")
    prefixes = list(nlp.Defaults.prefixes or []) + table_marks
    suffixes = list(nlp.Defaults.suffixes or []) + table_marks
    tokenizer: Any = nlp.tokenizer
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    infixes = [
        *list(nlp.Defaults.infixes or []),
        r"(?<=[.\w])[–—](?=\w)",  # "U.S.–China"
        r"(?<=\b[A-Z]\.[A-Z])\.(?=[A-Z][a-z])",  # "into the U.S.President Donald Trump": the
        # initialism's period, glued to the next sentence in pasted text, ends the sentence
    ]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for abbreviation in ABBREVIATIONS:  # "Announcement No. 18", "Commerce Dept. said"
        for form in {abbreviation, abbreviation.lower(), abbreviation.capitalize()}:
            tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_sentence_end")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels: dict[str, tuple[str, str]] = {}
    for index, entry in enumerate(actor_entries()):
        key = f"A{index}"
        labels[key] = (entry.code, entry.kind)
        matcher.add(key, _phrase_docs(nlp, entry.phrase))
    return nlp, matcher, labels


def _phrase_docs(nlp: Language, phrase: str) -> list[Any]:
    """The phrase tokenized as written, in capitals and in title case: the tokenizer keeps
    "U.S." whole but splits "u.s." into "u.s" + ".", so one casing alone would miss it."""
    docs: dict[tuple[str, ...], Any] = {}
    for form in (phrase, phrase.upper(), phrase.title()):
        doc = nlp.make_doc(form)
        docs.setdefault(tuple(token.lower_ for token in doc), doc)
    return list(docs.values())


def split_blocks(text: str) -> Iterator[tuple[int, str]]:
    """Paragraphs, bullets and table rows of the cleaned text, with their offsets."""
    position = 0
    for match in BLOCK_BREAK.finditer(text):
        if (
            match.group() == "\n"
            and (
                WRAPPED_LINE_END.search(text[position : match.start()])
                or (
                    _wrapped_before_capital(text, match.start())
                    and not is_title_line(text, match.start())
                )
            )
            and not opens_metadata_line(text, match.end())
        ):
            continue  # a hard-wrapped sentence goes on after "of\nthe United States"
        yield position, text[position : match.start()]
        position = match.end()
    yield position, text[position:]


WRAP_MIN_CHARS = 50  # a wrapped line is long; a title or a table cell is short or capitalised
SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")


def _wrapped_before_capital(text: str, newline: int) -> bool:
    """Whether a line break before a capital only wraps a long line ("... titled “One\nYear
    Suspension of ..."): the line is long, ends without punctuation and is not a title."""
    line = text[text.rfind("\n", 0, newline) + 1 : newline]
    if (
        len(line) < WRAP_MIN_CHARS
        or SENTENCE_END.search(line)
        or not text[newline + 1 : newline + 2].isalpha()
    ):
        return False
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    capitalised = sum(1 for w in words if w[0].isupper())
    return bool(words) and capitalised / len(words) < 0.5


def sentences(text: str) -> list[Sentence]:
    """Sentences of the cleaned text with their actor mentions."""
    nlp, matcher, labels = pipeline()
    blocks = [(start, block) for start, block in split_blocks(text) if block.strip()]
    out: list[Sentence] = []
    for (block_start, block), doc in zip(blocks, nlp.pipe(b for _, b in blocks), strict=True):
        spans = _mention_spans(doc, matcher, labels)
        if is_headline(block):  # the doc's text, which spaCy would join token by token
            continue
        for sent in doc.sents:
            sent_text = block[sent.start_char : sent.end_char]  # sent.text, sliced
            stripped = sent_text.strip()
            if len(stripped) < 12 and not stripped.startswith("(") and not LEAD_IN.match(stripped):
                continue  # (a short lead-in, "China will:", heads the list below it)
            if (
                stripped.startswith("(")
                and out
                and len(stripped) < 80
                and out[-1].start + len(out[-1].text) >= block_start
            ):
                _extend(
                    out[-1],
                    text,
                    block_start
                    + sent.start_char
                    + len(sent_text)
                    - len(sent_text.lstrip())
                    + len(stripped),
                )
                continue
            lead = len(sent_text) - len(sent_text.lstrip())
            start = sent.start_char + lead
            titles = document_titles(stripped)
            mentions = [
                Mention(m.start - start, m.end - start, m.code, m.kind, m.text)
                for m in spans
                if start <= m.start
                and m.end <= start + len(stripped)
                and not any(a <= m.start - start < b for a, b in titles)
            ]
            out.append(Sentence(stripped, block_start + start, mentions))
    return out


LEAD_IN = re.compile(r"^[\w.’' -]+:$")
# a document's title written without quotes after its kind: "The order Modifying Duties
# Addressing the Synthetic Opioid Supply Chain in the People's Republic of China reduces ...";
# the parties it names are the document's subject, not the actors of the sentence
TITLE_WORD = r"(?-i:[A-Z][\w'’.-]*)"
TITLE_SMALL = r"(?:of|the|and|for|to|in|on|with|between|a|an|by|from|at)"
UNQUOTED_TITLE = re.compile(
    r"\b(?:orders?|proclamations?|rules?|notices?|memorand(?:um|a))\s+(?:(?:titled|entitled)\s+)?"
    rf"(?P<title>{TITLE_WORD}(?:\s+(?:{TITLE_WORD}|{TITLE_SMALL}))*\s+{TITLE_WORD})",
    re.I,
)
TITLE_MIN_WORDS = 4


def document_titles(sentence: str) -> list[tuple[int, int]]:
    """Spans of the unquoted document titles of a sentence (four words or more)."""
    return [
        match.span("title")
        for match in UNQUOTED_TITLE.finditer(sentence)
        if len(match.group("title").split()) >= TITLE_MIN_WORDS
    ]


HEADLINE_END = re.compile(r"[.!?:;\"”’)]\s*$")


def is_headline(block: str) -> bool:
    """A block that is one short line without closing punctuation (a title or teaser)."""
    stripped = block.strip()
    return (
        "\n" not in stripped and not HEADLINE_END.search(stripped) and len(stripped.split()) <= 20
    )


def _extend(sentence: Sentence, text: str, new_end: int) -> None:
    sentence.text = text[sentence.start : new_end]


def _mention_spans(
    doc: Any, matcher: PhraseMatcher, labels: dict[str, tuple[str, str]]
) -> list[Mention]:
    found: list[Mention] = []
    matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    last_end = -1
    for match_id, start, end in matches:
        if start < last_end:
            continue
        span = doc[start:end]
        cased = CASE_SENSITIVE.get(span.text.lower())
        if cased is not None and span.text not in {cased, cased.upper()}:
            continue
        if _part_of_a_continent(doc, start, span.text):
            continue
        code, kind = labels[doc.vocab.strings[match_id]]
        found.append(Mention(span.start_char, span.end_char, code, kind, span.text))
        last_end = end
    return found


# "America" after one of these names a continent or region, not the United States:
# "stopping the shipment of certain designated chemicals to North America"
CONTINENT_PREFIXES = frozenset({"north", "south", "latin", "central"})


def _part_of_a_continent(doc: Any, start: int, text: str) -> bool:
    return (
        text.lower() in {"america", "american", "americans"}
        and start > 0
        and doc[start - 1].lower_ in CONTINENT_PREFIXES
    )


def clauses(sentence: str) -> list[tuple[int, str]]:
    """Clauses of a sentence with their offsets in it."""
    out: list[tuple[int, str]] = []
    position = 0
    for match in CLAUSE_BREAK.finditer(sentence):
        out.append((position, sentence[position : match.start()]))
        position = match.end()
    out.append((position, sentence[position:]))
    return [(start, text) for start, text in out if text.strip()]
