"""Who acts, from the dependency parse: the subject of the verb that governs a trigger.

The surface rules of :mod:`tradewar.news.extract` take the nearest actor mention before a
trigger, which fails when two parties are named ("China has retaliated against President
Trump's trade actions by raising tariffs": China acts, not Trump).  Syntax decides such
cases: from the trigger word, climb to the verb that governs it; its subject acts, or, in
the passive, the ``by`` agent; a verb with no subject of its own (``by raising``,
``to impose``, a participle) takes the subject of the verb it depends on; a possessive
subject ("Trump's order") gives its possessor; a pronoun subject ("it", "they") is
resolved by the caller to the article's previous actor.

Only sentences where the surface rules are unsure (two parties named before the trigger)
are parsed, so extraction stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tradewar.news.frames import parse

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
INHERITS_SUBJECT = frozenset({"xcomp", "advcl", "pcomp", "conj", "acl", "relcl", "ccomp"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
MAX_CLIMB = 8
# verbs whose subject undergoes a measure rather than taking it
EXPERIENCER_VERBS = frozenset({"face"})


@dataclass(frozen=True)
class Subject:
    """The acting phrase's span in the sentence, the offset of its head word, and whether
    it is a pronoun."""

    start: int
    end: int
    head: int
    pronoun: bool = False


def subject_of(sentence: str, trigger_start: int) -> Subject | None:
    """The subject that acts in the trigger's clause (offsets in ``sentence``), or None."""
    return _subject_cached(sentence, trigger_start)


def clear_cache() -> None:
    """Forget the remembered subjects (benchmarks time fresh reads)."""
    _subject_cached.cache_clear()


@lru_cache(maxsize=4096)
def _subject_cached(sentence: str, trigger_start: int) -> Subject | None:
    doc = parse(sentence)
    token = next((t for t in doc if t.idx <= trigger_start < t.idx + len(t.text) + 1), None)
    if token is None:
        return None
    verb = _governing_verb(token)
    if verb is not None and verb.lemma_.lower() in EXPERIENCER_VERBS:
        return None  # "China faced new US tariffs": the subject undergoes the act
    for _ in range(MAX_CLIMB):
        if verb is None:
            return None
        subject = _own_subject(verb)
        if subject is not None and not (verb.dep_ == "relcl" and _relative(subject, verb)):
            return subject
        controller = _object_controller(verb)
        if controller is not None:
            return controller
        owner = _noun_owner(verb.head) if verb.head.pos_ in {"NOUN", "PROPN"} else None
        if owner is not None:  # "China's move ... to hike its tariffs": the mover acts
            return owner
        if verb.dep_ in {"acl", "relcl"}:  # "Trump's order imposing ...", "tariffs that ..."
            return _noun_actor(verb.head)
        if verb.dep_ not in INHERITS_SUBJECT or verb.head is verb:
            return None
        verb = _modal_conjunct(verb) or _governing_verb(verb.head)
    return None


def _modal_conjunct(verb: Any) -> Any | None:
    """For a bare infinitive parsed as conjoined to a finite verb ("The fact sheet outlined
    that China would suspend ..., broaden access ... and ease export restrictions", with
    "broaden" read as a past tense conjoined to "outlined"), the bare verb after a modal that
    it is really conjoined to ("would suspend"), which gives the subject; else None."""
    if verb.dep_ != "conj" or verb.tag_ != "VB" or verb.head.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    doc = verb.doc
    for token in reversed(doc[: verb.i]):
        if token.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children):
            return token
    return None


def _object_controller(verb: Any) -> Subject | None:
    """Object control: in "prompting Trump to threaten tariffs", "forced Beijing to lift ...",
    the object of the governing verb is the one who acts in the infinitive."""
    if verb.dep_ != "xcomp" or verb.head is verb:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return _span(obj) if obj is not None else None


def _governing_verb(token: Any) -> Any | None:
    """The token itself when it is a verb, else the nearest verb among its heads."""
    for _ in range(MAX_CLIMB):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _own_subject(verb: Any) -> Subject | None:
    for child in verb.children:
        if child.dep_ == "agent":  # passive: "were imposed by Beijing"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                return _span(pobj)
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.dep_ != "nsubjpass":
            if child.lower_ in PRONOUNS:
                return Subject(child.idx, child.idx + len(child.text), child.idx, pronoun=True)
            owner = next((c for c in child.children if c.dep_ == "poss"), None)
            return _span(owner if owner is not None else child)
    return None


RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})


def _relative(subject: Subject, verb: Any) -> bool:
    doc = verb.doc
    return any(t.idx == subject.head and t.lower_ in RELATIVE_PRONOUNS for t in doc)


def _noun_owner(noun: Any) -> Subject | None:
    """The possessor of a noun ("China's" in "China's move"), or None."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return _span(owner) if owner is not None and owner.lower_ not in PRONOUNS else None


def _noun_actor(noun: Any) -> Subject:
    """The actor a noun phrase implies: its possessor ("Trump's order"), else itself."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return (
        _span(owner)
        if owner is not None
        else Subject(noun.idx, noun.idx + len(noun.text), noun.idx)
    )


def _span(token: Any) -> Subject:
    tokens = list(token.subtree) if token.dep_ != "poss" else [token]
    left = min(t.idx for t in tokens)
    right = max(t.idx + len(t.text) for t in tokens)
    return Subject(left, right, token.idx)
