"""Learned decisions where the rules are weak: is a candidate event an act the text states?

The rules find candidate events generously (every tariff, control, talks or agreement
mention with an actor).  Many are mentions rather than acts: an aim, a topic, a recalled
truce, an averted level.  A logistic-regression classifier (scikit-learn) decides which
candidates to keep.  Its features are the rules' own decisions (action, modality, slots
filled) and the cue words of the evidence sentence; it is trained on labelled articles, the
labels coming from matching each candidate to the gold events of its article with the
shared scorer's rule (same action, compatible actor and target).

The model is trained on the articles bundled in ``data/labelled`` the first time it is
needed (a fraction of a second) and reused; :func:`train` builds one from any labelled
articles, which is what cross-validation does fold by fold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tradewar.news.schema import JOINT_ACTIONS, Event

WORD = re.compile(r"[a-z]+")
QUOTE = re.compile(r"[“”\"]")
KEEP_THRESHOLD = 0.3  # keep a candidate unless the model is fairly sure it is no act
RANDOM_STATE = 0


@dataclass(frozen=True)
class LabelledArticle:
    """An article record (``id``, ``text``, ``published``, ...) and its gold events."""

    record: dict[str, Any]
    gold: list[dict[str, Any]]


def bundled_labelled() -> list[LabelledArticle]:
    """The labelled articles shipped with the package (``data/labelled``)."""
    folder = resources.files("tradewar.news") / "data" / "labelled"
    records = _jsonl((folder / "articles.jsonl").read_text(encoding="utf-8"))
    gold = _jsonl((folder / "gold.jsonl").read_text(encoding="utf-8"))
    return pair_gold(records, gold)


def pair_gold(
    records: Sequence[dict[str, Any]], gold: Iterable[dict[str, Any]]
) -> list[LabelledArticle]:
    """Group gold events under their article records (articles without events keep [])."""
    by_article: dict[str, list[dict[str, Any]]] = {str(r["id"]): [] for r in records}
    for event in gold:
        by_article.setdefault(str(event["article_id"]), []).append(event)
    return [LabelledArticle(dict(r), by_article[str(r["id"])]) for r in records]


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def compatible(gold: dict[str, Any], event: Event) -> bool:
    """The scorer's candidate rule: same action; joint acts the same participants;
    otherwise the same actor and a target that agrees (or that the gold leaves open)."""
    if gold["action"] != event.action:
        return False
    if event.action in JOINT_ACTIONS:
        return _participants(gold["actor"], gold.get("target")) == _participants(
            event.actor, event.target
        )
    if gold["actor"] != event.actor:
        return False
    if gold.get("target") is None or gold.get("target") == event.target:
        return True
    return bool(gold.get("target_inferred")) and event.target is None


def _participants(actor: str | None, target: str | None) -> frozenset[str]:
    return frozenset(part for value in (actor, target) if value for part in value.split("+"))


def act_labels(events: Sequence[Event], gold: Sequence[dict[str, Any]]) -> list[bool]:
    """Which candidates are acts: each gold event claims at most one compatible candidate,
    the one whose evidence shares most words with it (greedy, in gold order)."""
    taken: set[int] = set()
    for g in gold:
        gold_words = set(WORD.findall(str(g.get("evidence", "")).lower()))
        best, best_overlap = None, -1
        for index, event in enumerate(events):
            if index in taken or not compatible(g, event):
                continue
            overlap = len(gold_words & set(WORD.findall(event.evidence.lower())))
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            taken.add(best)
    return [index in taken for index in range(len(events))]


def features(event: Event, siblings: int, position: float) -> dict[str, float]:
    """The features of one candidate: the rules' decisions and the evidence's cue words.

    ``siblings`` is the number of candidates sharing its evidence sentence, ``position``
    its sentence's place in the article (0 = first character, 1 = last).
    """
    words = WORD.findall(event.evidence.lower())
    found: dict[str, float] = {
        f"action={event.action}": 1.0,
        f"modality={event.modality}": 1.0,
        f"action_modality={event.action}|{event.modality}": 1.0,
        "has_rate": float(event.rate_to is not None or event.rate_change is not None),
        "has_event_date": float(event.event_date is not None),
        "has_effective_date": float(event.effective_date is not None),
        "has_products": float(bool(event.products)),
        "no_target": float(event.target is None and event.action not in JOINT_ACTIONS),
        "has_location": float(event.location is not None),
        "also_evidence": min(len(event.also_evidence), 3) / 3,
        "siblings": min(siblings, 6) / 6,
        "position": position,
        "quoted": float(bool(QUOTE.search(event.evidence))),
        "long_sentence": float(len(words) > 40),
        "no_final_stop": float(not event.evidence.rstrip().endswith((".", "”", '"', ";"))),
    }
    for word in set(words):
        found[f"w={word}"] = 1.0
    return found


def article_features(events: Sequence[Event], text_length: int) -> list[dict[str, float]]:
    """Features of every candidate of one article."""
    per_sentence: dict[tuple[int, int], int] = {}
    for event in events:
        per_sentence[event.evidence_span] = per_sentence.get(event.evidence_span, 0) + 1
    length = max(text_length, 1)
    return [
        features(event, per_sentence[event.evidence_span], event.evidence_span[0] / length)
        for event in events
    ]


class ActClassifier:
    """Logistic regression over :func:`features`; ``keep`` drops the candidates it judges
    to be mentions rather than acts (probability of an act below ``threshold``)."""

    def __init__(self, model: Any, vectorizer: Any, threshold: float = KEEP_THRESHOLD) -> None:
        self.model = model
        self.vectorizer = vectorizer
        self.threshold = threshold

    def act_probabilities(self, events: Sequence[Event], text_length: int) -> list[float]:
        """The probability that each candidate is an act."""
        if not events:
            return []
        matrix = self.vectorizer.transform(article_features(events, text_length))
        return [float(p) for p in self.model.predict_proba(matrix)[:, 1]]

    def keep(self, events: list[Event], text_length: int) -> list[Event]:
        """The candidates judged to be acts, in order."""
        probabilities = self.act_probabilities(events, text_length)
        return [e for e, p in zip(events, probabilities, strict=True) if p >= self.threshold]


def train(labelled: Sequence[LabelledArticle], threshold: float = KEEP_THRESHOLD) -> ActClassifier:
    """Fit the act classifier on labelled articles (candidates from the rules).

    Raises
    ------
    ValueError
        When the articles give candidates of only one class (nothing to learn from).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from tradewar.news.extract import Article, rule_events

    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for item in labelled:
        article = Article.from_record(item.record)
        events = rule_events(article)
        rows.extend(article_features(events, len(article.text)))
        labels.extend(act_labels(events, item.gold))
    if len(set(labels)) < 2:
        raise ValueError(
            f"labelled articles: {len(labels)} candidates of one class; expected acts and mentions"
        )
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=0.5, max_iter=2000, random_state=RANDOM_STATE)
    model.fit(matrix, labels)
    return ActClassifier(model, vectorizer, threshold)


@lru_cache(maxsize=1)
def default_classifier() -> ActClassifier:
    """The classifier trained on the bundled labelled articles (cached)."""
    return train(bundled_labelled())
