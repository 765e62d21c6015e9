"""The parser's attribute rules, looked up by word, tag and relation instead of matched.

``en_core_web_sm`` ends with an ``attribute_ruler``: 179 token patterns that map each
fine-grained tag to its part of speech and morphology ({"TAG": "VBD"} -> VERB) and fix a few
words ({"LOWER": "i", "DEP": "nsubj"} -> nominative).  spaCy runs them through its general
:class:`~spacy.matcher.Matcher`, which tries every pattern at every token; on the short
clauses the extractor parses that costs as much as the dependency parser itself.

Whether a pattern starts at a token depends only on the few attributes the patterns read
(the word in lower case, the tag, the dependency relation, whether it is a space), so
:class:`PatternIndex` tries the patterns once for each combination of those values and
remembers which start there; at a token it looks its combination up and checks only the
rest of the few patterns longer than one token.  It returns the very matches the Matcher
returns, in the order the ruler sorts them, and the ruler applies them as before
(:func:`index_attribute_ruler`), so every tag, part of speech, morphology and lemma is
unchanged (``tests/news/test_attribute_index.py`` compares the two).  Patterns of a kind the
index does not read (quantifiers, other attributes or operators) leave the ruler as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

# the token attributes a pattern may test, by the names the Matcher and Doc.to_array share
TEXT_ATTRIBUTES = {
    "ORTH": "orth_",
    "LOWER": "lower_",
    "NORM": "norm_",
    "TAG": "tag_",
    "DEP": "dep_",
}
FLAG_ATTRIBUTES = {"IS_SPACE": "is_space", "IS_PUNCT": "is_punct", "IS_ALPHA": "is_alpha"}
Predicate = Callable[[Any], bool]
Match = tuple[int, int, int, int]  # (rule number, rule key, first token, end token)


class UnsupportedPattern(ValueError):
    """A pattern the index does not read (the Matcher then stays in charge)."""


def _value_test(value: Any) -> Callable[[Any], bool]:
    """A test of an attribute's value: equality, ``IN``, ``NOT_IN`` or ``REGEX``."""
    if not isinstance(value, dict):
        return lambda found: bool(found == value)
    if len(value) != 1:
        raise UnsupportedPattern(f"several operators in {value!r}")
    operator, operand = next(iter(value.items()))
    if operator == "IN":
        members = frozenset(operand)
        return lambda found: found in members
    if operator == "NOT_IN":
        excluded = frozenset(operand)
        return lambda found: found not in excluded
    if operator == "REGEX":
        pattern = re.compile(operand)
        return lambda found: bool(pattern.search(found))
    raise UnsupportedPattern(f"operator {operator!r}")


def _check_attribute(name: str) -> str:
    """The name, when the index reads that attribute."""
    _token_attribute(name)
    return name


def _token_attribute(name: str) -> str:
    """The :class:`~spacy.tokens.Token` attribute behind a pattern's key (``TAG`` ->
    ``tag_``)."""
    upper = name.upper()
    if upper in TEXT_ATTRIBUTES:
        return TEXT_ATTRIBUTES[upper]
    if upper in FLAG_ATTRIBUTES:
        return FLAG_ATTRIBUTES[upper]
    raise UnsupportedPattern(f"attribute {name!r}")


def _token_test(spec: dict[str, Any]) -> Predicate:
    """A test of a token against one token of a pattern (every attribute must hold)."""
    tests = [(_token_attribute(name), _value_test(value)) for name, value in spec.items()]
    return lambda token: all(test(getattr(token, attribute)) for attribute, test in tests)


class Rule(NamedTuple):
    """One pattern of the ruler: its rule number, its Matcher key and a test per token."""

    number: int
    key: int
    tests: tuple[Predicate, ...]


MAX_COMBINATIONS = 200_000  # remembered attribute combinations (then forgotten, and refilled)
# attributes a rule is filed under when its first token names them (word first: fewer rules)
FILING_ATTRIBUTES = ("LOWER", "TAG")


def _filing_values(spec: dict[str, Any]) -> tuple[str, list[str]] | None:
    """The attribute a rule is filed under and the values its first token allows there (an
    equality or ``IN`` on the word or the tag); None when it names neither."""
    upper = {name.upper(): value for name, value in spec.items()}
    for name in FILING_ATTRIBUTES:
        value = upper.get(name)
        if isinstance(value, str):
            return TEXT_ATTRIBUTES[name], [value]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return TEXT_ATTRIBUTES[name], [str(member) for member in value["IN"]]
    return None


class PatternIndex:
    """The attribute ruler's patterns filed by the word or tag of their first token, and, for
    each combination of the attributes they read there, the patterns that start there."""

    def __init__(self, rules: Iterable[dict[str, Any]], key_of: Callable[[str], int]) -> None:
        """``rules`` as ``AttributeRuler.patterns`` gives them (in rule order); ``key_of``
        gives the Matcher key of a rule number (the hash of its string)."""
        self.filed: dict[tuple[str, str], list[Rule]] = {}
        self.unfiled: list[Rule] = []
        read: set[str] = set()
        for number, entry in enumerate(rules):
            key = key_of(str(number))
            for pattern in entry["patterns"]:
                if any("OP" in {name.upper() for name in spec} for spec in pattern):
                    raise UnsupportedPattern("quantifier (OP)")
                read.update(name.upper() for name in pattern[0])
                rule = Rule(number, key, tuple(_token_test(spec) for spec in pattern))
                filing = _filing_values(pattern[0])
                if filing is None:
                    self.unfiled.append(rule)
                    continue
                attribute, values = filing
                for value in values:
                    self.filed.setdefault((attribute, value), []).append(rule)
        # the attributes the first tokens read, by the names Doc.to_array takes
        self.attribute_names = [_check_attribute(name) for name in sorted(read)]
        self._starting: dict[tuple[int, ...], list[Rule]] = {}

    def starting_at(self, token: Any, combination: tuple[int, ...]) -> list[Rule]:
        """The rules whose first token matches this token, remembered by ``combination``,
        the values (string ids) of the attributes the rules read there."""
        starting = self._starting.get(combination)
        if starting is None:
            if len(self._starting) >= MAX_COMBINATIONS:
                self._starting.clear()
            candidates = [
                rule
                for attribute in (TEXT_ATTRIBUTES[name] for name in FILING_ATTRIBUTES)
                for rule in self.filed.get((attribute, getattr(token, attribute)), ())
            ]
            starting = [rule for rule in candidates + self.unfiled if rule.tests[0](token)]
            self._starting[combination] = starting
        return starting

    def matches(self, doc: Any) -> list[Match]:
        """The rules that match in a doc, as ``AttributeRuler.match`` returns them: sorted
        (rule number, key, start, end) tuples, each once.  The attributes are read as one
        array, so that a token becomes a spaCy ``Token`` only where a rule is tried anew or
        goes on past it."""
        found: set[Match] = set()
        rows = doc.to_array(self.attribute_names).tolist() if len(doc) else []
        for start, row in enumerate(rows):
            combination = tuple(row)
            starting = self._starting.get(combination)
            if starting is None:
                starting = self.starting_at(doc[start], combination)
            for rule in starting:
                end = start + len(rule.tests)
                if end <= len(doc) and all(
                    test(doc[start + k]) for k, test in enumerate(rule.tests[1:], start=1)
                ):
                    found.add((rule.number, rule.key, start, end))
        return sorted(found)


def index_attribute_ruler(nlp: Any) -> bool:
    """Let the pipeline's ``attribute_ruler`` find its matches through a
    :class:`PatternIndex` (it applies them itself, as before); False, with the ruler left
    as it is, when the pipeline has none or one of its patterns is of a kind the index
    does not read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        index = PatternIndex(ruler.patterns, ruler.vocab.strings.add)
    except UnsupportedPattern:
        return False
    setattr(ruler, "match", index.matches)  # noqa: B010 (the ruler's own method, replaced)
    return True
