"""Learned decisions where the rules are weak: is a candidate an act, and in what modality?

The rules find candidate events generously (every tariff, control, talks or agreement
mention with an actor).  Many are mentions rather than acts: an aim, a topic, a recalled
truce, an averted level.  Two logistic-regression classifiers (scikit-learn, fixed seed)
decide: one whether to keep a candidate, from the rules' decisions (action, modality, slots
filled) and the cue words of the evidence sentence; one its modality, from the syntactic and
date cues of :mod:`tradewar.news.modality` and the rules' modality (no words of the
article).  They are trained on labelled articles, the labels coming from matching each
candidate to the gold events of its article with the shared scorer's rule (same action,
compatible actor and target).  Cross-validated over the 68 labelled articles (docs/news.md),
the act classifier did not beat the rules, so its threshold only drops candidates it is at
least 90% sure are no act; the modality classifier reaches 0.739 against the rules' 0.748,
so it too stays opt-in.

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

from tradewar.news.modality import cues_of
from tradewar.news.schema import JOINT_ACTIONS, Event

WORD = re.compile(r"[a-z]+")
QUOTE = re.compile(r"[“”\"]")
KEEP_THRESHOLD = 0.1  # drop a candidate only when the model is quite sure it is no act
MODALITY_CONFIDENCE = 0.6
MODALITY_C = 0.5  # inverse L2 strength of the modality model (few labelled acts)
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


def gold_matches(events: Sequence[Event], gold: Sequence[dict[str, Any]]) -> list[int | None]:
    """For each candidate, the index of the gold event it matches, or None: each gold event
    claims at most one compatible candidate, the one whose evidence shares most words with
    it (greedy, in gold order)."""
    matched: list[int | None] = [None] * len(events)
    for gold_index, g in enumerate(gold):
        gold_words = set(WORD.findall(str(g.get("evidence", "")).lower()))
        best, best_overlap = None, -1
        for index, event in enumerate(events):
            if matched[index] is not None or not compatible(g, event):
                continue
            overlap = len(gold_words & set(WORD.findall(event.evidence.lower())))
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            matched[best] = gold_index
    return matched


def act_labels(events: Sequence[Event], gold: Sequence[dict[str, Any]]) -> list[bool]:
    """Which candidates are acts (match a gold event, see :func:`gold_matches`)."""
    return [index is not None for index in gold_matches(events, gold)]


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


def modality_features(event: Event) -> dict[str, float]:
    """The features of one event for the modality model: the rules' modality and action,
    and the syntactic and date cues its modality was decided from
    (:class:`~tradewar.news.modality.ModalityCues`); no words of the article."""
    found = {
        f"rules={event.modality}": 1.0,
        f"action={event.action}": 1.0,
        "has_event_date": float(event.event_date is not None),
        "has_effective_date": float(event.effective_date is not None),
    }
    cues = cues_of(event)
    if cues is not None:
        found.update(cues.features())
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
    """Two logistic regressions over :func:`features`: whether a candidate is an act
    (``keep`` drops those below ``threshold``), and its modality (``relabel`` replaces the
    rules' modality where the model is confident)."""

    def __init__(
        self,
        model: Any,
        vectorizer: Any,
        threshold: float = KEEP_THRESHOLD,
        modality_model: Any = None,
        modality_vectorizer: Any = None,
    ) -> None:
        self.model = model
        self.vectorizer = vectorizer
        self.threshold = threshold
        self.modality_model = modality_model
        self.modality_vectorizer = modality_vectorizer

    def act_probabilities(self, events: Sequence[Event], text_length: int) -> list[float]:
        """The probability that each candidate is an act."""
        if not events:
            return []
        matrix = self.vectorizer.transform(article_features(events, text_length))
        return [float(p) for p in self.model.predict_proba(matrix)[:, 1]]

    def keep(self, events: list[Event], text_length: int) -> list[Event]:
        """The candidates judged to be acts, in order, with their modality relabelled."""
        probabilities = self.act_probabilities(events, text_length)
        kept = [e for e, p in zip(events, probabilities, strict=True) if p >= self.threshold]
        self.relabel(kept, text_length)
        return kept

    def relabel(self, events: list[Event], text_length: int) -> None:
        """Set each event's modality to the model's when it is at least MODALITY_CONFIDENCE
        sure (the rules' cue words stay a feature, so they decide where data is thin)."""
        if self.modality_model is None or self.modality_vectorizer is None or not events:
            return
        matrix = self.modality_vectorizer.transform([modality_features(e) for e in events])
        classes = list(self.modality_model.classes_)
        for event, row in zip(events, self.modality_model.predict_proba(matrix), strict=True):
            best = int(row.argmax())
            if row[best] >= MODALITY_CONFIDENCE:
                event.modality = str(classes[best])


def train(labelled: Sequence[LabelledArticle], threshold: float = KEEP_THRESHOLD) -> ActClassifier:
    """Fit the act and modality classifiers on labelled articles (candidates from the rules).

    Raises
    ------
    ValueError
        When the articles give candidates of only one class (nothing to learn from).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from tradewar.news.extract import Article, rule_events

    rows: list[dict[str, float]] = []
    modality_rows: list[dict[str, float]] = []
    labels: list[bool] = []
    modalities: list[str | None] = []
    for item in labelled:
        article = Article.from_record(item.record)
        events = rule_events(article)
        rows.extend(article_features(events, len(article.text)))
        modality_rows.extend(modality_features(event) for event in events)
        matches = gold_matches(events, item.gold)
        labels.extend(index is not None for index in matches)
        modalities.extend(
            None if index is None else str(item.gold[index].get("modality", "actual"))
            for index in matches
        )
    if len(set(labels)) < 2:
        raise ValueError(
            f"labelled articles: {len(labels)} candidates of one class; expected acts and mentions"
        )
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=0.5, max_iter=2000, random_state=RANDOM_STATE)
    model.fit(matrix, labels)
    acts = [i for i, m in enumerate(modalities) if m is not None]
    modality_model = modality_vectorizer = None
    if len({modalities[i] for i in acts}) >= 2:
        modality_vectorizer = DictVectorizer()
        modality_matrix = modality_vectorizer.fit_transform([modality_rows[i] for i in acts])
        modality_model = LogisticRegression(C=MODALITY_C, max_iter=2000, random_state=RANDOM_STATE)
        modality_model.fit(modality_matrix, [modalities[i] for i in acts])
    return ActClassifier(model, vectorizer, threshold, modality_model, modality_vectorizer)


@lru_cache(maxsize=1)
def default_classifier() -> ActClassifier:
    """The classifier trained on the bundled labelled articles (cached)."""
    return train(bundled_labelled())
