"""The lemmatizer's word lists held as sets.

spaCy's rule-based English lemmatizer keeps, for each part of speech, the words a suffix
rule may produce (``lemma_index``: 57,528 nouns, 8,700 verbs, ...) as lists, and asks
``form in index`` for every form a rule makes of a word it has not seen: a scan of the whole
list, about half a millisecond for a noun.  Its results are cached per word, so the cost
falls on new words, which every new article brings.  :func:`index_lemma_tables` puts the
same words in sets; the lemmatizer only tests membership and emptiness, so every lemma is
unchanged (``tests/news/test_lemma_index.py`` compares them).
"""

from __future__ import annotations

from typing import Any


def index_lemma_tables(nlp: Any) -> bool:
    """Hold the pipeline's ``lemma_index`` word lists as sets; False when the pipeline has no
    rule-based lemmatizer with such lists (nothing is changed)."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return False
    table = lookups.get_table("lemma_index")
    lists = [key for key, words in table.items() if isinstance(words, list)]
    for key in lists:
        table[key] = frozenset(table[key])
    return bool(lists)
