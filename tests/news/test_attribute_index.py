"""The attribute rules found by lookup give spaCy's Matcher's matches, token for token."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tradewar.news.attribute_index import PatternIndex, UnsupportedPattern, index_attribute_ruler
from tradewar.news.clean import clean_text
from tradewar.news.frames import parser
from tradewar.news.learned import bundled_labelled
from tradewar.news.sentences import clauses, sentences

# the ruler's word rules: contractions, pronoun cases, "but" as an adverb, "there is",
# auxiliaries, "do/have" as main verbs, "that" as a pronoun, spaces
RULE_SENTENCES = [
    "I ain't gonna stop, y'all, and you gotta know it: let's go, c'mon!",
    "It gets worse and it got worse; they told me, and I told you about it.",
    "There is no deal, but there were talks.  Double spaces\n\nand a blank line.",
    "He did it, they have tariffs, and that was all but certain.",
    "That is what the ministry did after it had imposed the controls that Beijing announced.",
]


def _texts(articles: int = 12) -> list[str]:
    """Sentences and clauses of bundled labelled articles, and the ruler's word rules."""
    texts = list(RULE_SENTENCES)
    for item in bundled_labelled()[:articles]:
        for sentence in sentences(clean_text(str(item.record["text"])).text):
            texts.append(sentence.text)
            texts.extend(clause for _, clause in clauses(sentence.text))
    return texts


def test_the_index_finds_the_matchers_matches() -> None:
    nlp = parser()
    ruler = nlp.get_pipe("attribute_ruler")
    index = PatternIndex(ruler.patterns, ruler.vocab.strings.add)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(_texts()))
    assert sum(len(doc) for doc in docs) > 2000
    for doc in docs:
        assert index.matches(doc) == type(ruler).match(ruler, doc), doc.text
    assert index.matches(docs[0]) == index.matches(docs[0])  # remembered combinations too


def test_the_parser_uses_the_index_and_gives_the_same_attributes() -> None:
    nlp = parser()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(getattr(ruler.match, "__self__", None), PatternIndex)
    texts = _texts(articles=3)
    indexed = [_attributes(doc) for doc in nlp.pipe(texts)]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(texts))
    matched = [_attributes(nlp.get_pipe("lemmatizer")(_ruled(ruler, doc))) for doc in docs]
    assert indexed == matched


def _ruled(ruler: Any, doc: Any) -> Any:
    """A doc through the ruler with spaCy's own Matcher."""
    ruler.set_annotations(doc, type(ruler).match(ruler, doc))
    return doc


def _attributes(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.dep_, t.lemma_) for t in doc]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "tariff", "OP": "+"}],
        [{"SHAPE": "Xxxx"}],
        [{"TAG": {">=": "NN"}}],
    ],
)
def test_patterns_the_index_cannot_read_leave_the_matcher_in_charge(
    pattern: list[dict[str, Any]],
) -> None:
    with pytest.raises(UnsupportedPattern):
        PatternIndex([{"patterns": [pattern], "attrs": {}, "index": 0}], hash)

    ruler = SimpleNamespace(
        patterns=[{"patterns": [pattern], "attrs": {}, "index": 0}],
        vocab=parser().vocab,
        match=lambda doc: [],
    )
    pipeline = SimpleNamespace(pipe_names=["attribute_ruler"], get_pipe=lambda name: ruler)
    assert not index_attribute_ruler(pipeline)
    assert not isinstance(getattr(ruler.match, "__self__", None), PatternIndex)
