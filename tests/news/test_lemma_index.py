"""The lemmatizer's word lists held as sets give the lemmas the lists gave, rule for rule."""

from __future__ import annotations

from typing import Any

from tradewar.news.clean import clean_text
from tradewar.news.frames import parser
from tradewar.news.learned import bundled_labelled
from tradewar.news.lemma_index import index_lemma_tables
from tradewar.news.sentences import sentences

# inflected forms the suffix rules must find in the word lists, and some they must not
WORDS = (
    "The ministries imposed sweeping restrictions on exporters; tariffs were halved, duties "
    "hiked and curbs eased, while the agencies' rulings stayed stricter than the analyses."
)


def _lemma_forms(lemmatizer: Any, docs: list[Any]) -> list[list[str]]:
    """Every token's lemma candidates from the rules, with the lemmatizer's cache emptied."""
    lemmatizer.cache.clear()
    return [lemmatizer.rule_lemmatize(token) for doc in docs for token in doc]


def test_sets_give_the_lemmas_the_lists_gave() -> None:
    nlp = parser()
    lemmatizer = nlp.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    assert table and all(isinstance(words, frozenset) for words in table.values())
    texts = [WORDS]
    for item in bundled_labelled()[:8]:
        texts.extend(s.text for s in sentences(clean_text(str(item.record["text"])).text))
    docs = list(nlp.pipe(texts, disable=["lemmatizer"]))
    with_sets = _lemma_forms(lemmatizer, docs)
    as_sets = dict(table.items())
    try:
        for key, words in as_sets.items():
            table[key] = sorted(words)  # the lists spaCy ships (the order does not matter)
        with_lists = _lemma_forms(lemmatizer, docs)
        assert index_lemma_tables(nlp)
    finally:
        lemmatizer.cache.clear()
        for key, words in as_sets.items():
            table[key] = words
    assert len(with_sets) > 1000
    assert with_sets == with_lists
    assert ["ministry"] in with_sets and ["halve"] in with_sets


def test_a_pipeline_without_word_lists_is_left_as_it_is() -> None:
    class Blank:
        pipe_names: tuple[str, ...] = ()

    assert not index_lemma_tables(Blank())
