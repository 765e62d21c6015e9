"""Learned decisions where the rules are weak: is a candidate an act, and in what modality?

The rules find candidate events generously (every tariff, control, talks or agreement
mention with an actor).  Some are mentions rather than acts: an aim, a topic, a recalled
truce, an averted level, a headline restating the body.  Two logistic-regression classifiers
(scikit-learn, fixed seed) decide: one whether to keep a candidate, from the parse around its
trigger, the shape of its sentence, restatements and the rules' decisions
(:mod:`tradewar.news.act_features`; no words of the article); one its modality, from the
syntactic and date cues of :mod:`tradewar.news.modality` and the rules' modality.  They are
trained on labelled articles, the labels coming from matching each candidate to the gold
events of its article with the shared scorer's rule (same action, compatible actor and
target; one candidate per gold event).

:func:`cross_validate_act_filter` (``python -m tradewar.news.learned --labelled DIR``)
compares the rules alone with the rules and the act filter by 5-fold cross-validation by
article, the threshold of each fold chosen by an inner cross-validation on the other folds.
Over the 86 labelled articles the filter did not beat the rules by a clear margin
(docs/news.md), so it stays opt-in (``news extract --learned``).

The model is trained on the articles bundled in ``data/labelled`` the first time it is
needed (a few seconds) and reused; :func:`train` builds one from any labelled articles,
which is what cross-validation does fold by fold, so a change of the rules or of the labels
needs no other step than rerunning the command above.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tradewar.news.act_features import article_act_features
from tradewar.news.modality import cues_of
from tradewar.news.schema import JOINT_ACTIONS, Event

WORD = re.compile(r"[a-z]+")
# keep a candidate the model gives at least this chance of being an act: the threshold that
# choose_threshold picks over all labelled articles (python -m tradewar.news.learned)
KEEP_THRESHOLD = 0.4
ACT_C = 0.3  # inverse L2 strength of the act model (about 350 candidates, 70 of them no act)
MODALITY_CONFIDENCE = 0.9  # at 0.8 it fell 5 events behind the rules over 1,069 (docs/news.md)
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
    """Features of every candidate of one article for the act model: the parse around its
    trigger, the sentence's shape, restatements and the rules' decisions
    (:func:`tradewar.news.act_features.article_act_features`; no words of the article)."""
    return article_act_features(events, text_length)


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
    model, vectorizer = fit_act_model(rows, labels)
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


def fit_act_model(rows: Sequence[dict[str, float]], labels: Sequence[bool]) -> tuple[Any, Any]:
    """The act model (an L2 logistic regression, fixed seed) and its feature vectorizer."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(list(rows))
    model = LogisticRegression(C=ACT_C, max_iter=2000, random_state=RANDOM_STATE)
    model.fit(matrix, list(labels))
    return model, vectorizer


# ---------------------------------------------------------------------------------------
# Cross-validation of the act filter (rules alone against rules + classifier)

THRESHOLD_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
INNER_FOLDS = 4


@dataclass
class Candidates:
    """One labelled article's rule candidates, their act features and labels."""

    item: LabelledArticle
    events: list[Event]
    rows: list[dict[str, float]]
    labels: list[bool]


@dataclass
class ActFilterCV:
    """Pooled scores (the shared scorer's result dicts) of the rules alone and of the rules
    with the act filter, and the threshold each outer fold chose by inner CV."""

    rules: dict[str, Any]
    learned: dict[str, Any]
    thresholds: list[float]
    articles: int
    threshold_all: float  # the threshold chosen over all the articles (the shipped one)
    folds: int = 5


def candidates_of(labelled: Sequence[LabelledArticle]) -> list[Candidates]:
    """The rules' candidates of every labelled article with features and act labels."""
    from tradewar.news.extract import Article, rule_events

    found = []
    for item in labelled:
        article = Article.from_record(item.record)
        events = rule_events(article)
        rows = article_features(events, len(article.text))
        found.append(Candidates(item, events, rows, act_labels(events, item.gold)))
    return found


def _probabilities(training: Sequence[Candidates], test: Sequence[Candidates]) -> list[list[float]]:
    labels = [label for c in training for label in c.labels]
    if len(set(labels)) < 2:  # nothing to learn: keep everything
        return [[1.0] * len(c.events) for c in test]
    model, vectorizer = fit_act_model([r for c in training for r in c.rows], labels)
    return [
        [float(p) for p in model.predict_proba(vectorizer.transform(c.rows))[:, 1]]
        if c.rows
        else []
        for c in test
    ]


def _score(
    scorer: Any, articles: Sequence[Candidates], chances: Sequence[Sequence[float]], cut: float
) -> dict[str, Any]:
    gold = [g for c in articles for g in c.item.gold]
    predicted = [
        event.to_json()
        for c, row in zip(articles, chances, strict=True)
        for event, chance in zip(c.events, row, strict=True)
        if chance >= cut
    ]
    result: dict[str, Any] = scorer.score(gold, predicted)
    return result


def choose_threshold(
    articles: Sequence[Candidates], scorer: Any, *, seed: int = 0, folds: int = INNER_FOLDS
) -> float:
    """The threshold of :data:`THRESHOLD_GRID` with the best core F1 over ``articles`` by an
    inner cross-validation by article (ties go to the lowest: drop less)."""
    from tradewar.news.evaluate import folds_by_article

    chances: list[list[float]] = [[] for _ in articles]
    for test in folds_by_article(len(articles), min(folds, len(articles)), seed):
        training = [c for i, c in enumerate(articles) if i not in set(test)]
        for index, row in zip(
            test, _probabilities(training, [articles[i] for i in test]), strict=True
        ):
            chances[index] = row
    return max(
        THRESHOLD_GRID, key=lambda cut: (_score(scorer, articles, chances, cut)["core"]["f1"], -cut)
    )


def cross_validate_act_filter(
    labelled: Sequence[LabelledArticle], scorer: Any, *, k: int = 5, seed: int = 0
) -> ActFilterCV:
    """Rules alone against rules + act filter, ``k``-fold CV by article with the folds of
    ``tradewar news evaluate``: each outer fold's model and threshold (nested CV,
    :func:`choose_threshold`) come from the other folds' articles only."""
    from tradewar.news.evaluate import folds_by_article

    articles = candidates_of(labelled)
    kept: list[list[float]] = [[] for _ in articles]
    thresholds = []
    for test in folds_by_article(len(articles), k, seed):
        training = [c for i, c in enumerate(articles) if i not in set(test)]
        cut = choose_threshold(training, scorer, seed=seed)
        thresholds.append(cut)
        for index, row in zip(
            test, _probabilities(training, [articles[i] for i in test]), strict=True
        ):
            kept[index] = [1.0 if chance >= cut else 0.0 for chance in row]
    everything = [[1.0] * len(c.events) for c in articles]
    return ActFilterCV(
        rules=_score(scorer, articles, everything, 0.5),
        learned=_score(scorer, articles, kept, 0.5),
        thresholds=thresholds,
        articles=len(articles),
        threshold_all=choose_threshold(articles, scorer, seed=seed),
        folds=k,
    )


def _report(result: ActFilterCV) -> str:
    lines = [
        f"{result.articles} articles, {result.folds}-fold CV by article; thresholds by inner CV "
        f"{result.thresholds}, over all articles {result.threshold_all}"
    ]
    for name, scores in (("rules", result.rules), ("rules+classifier", result.learned)):
        for level in ("core", "strict"):
            s = scores[level]
            lines.append(
                f"{name:17} {level:6} P={s['precision']:.3f} R={s['recall']:.3f} "
                f"F1={s['f1']:.3f} (tp={s['tp']} pred={s['pred']} gold={s['gold']})"
            )
    lines.append("action                 rules P/R/F1        rules+classifier P/R/F1")
    for action in sorted(result.rules["per_action"]):
        a, b = result.rules["per_action"][action], result.learned["per_action"].get(action, {})
        lines.append(f"{action:22} {_prf(a):<20}{_prf(b)}")
    return "\n".join(lines)


def _prf(scores: dict[str, Any]) -> str:
    keys = ("precision", "recall", "f1")
    return " ".join(f"{float(scores.get(k, 0.0)):.2f}" for k in keys)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m tradewar.news.learned [--labelled DIR] [--scorer score.py]``: the act
    filter's nested cross-validation against the rules alone."""
    import argparse
    from pathlib import Path

    from tradewar.news.evaluate import all_labelled, load_scorer

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=Path("../shared/news/score.py"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = cross_validate_act_filter(
        all_labelled(args.labelled), load_scorer(args.scorer), k=args.folds, seed=args.seed
    )
    sys.stdout.write(_report(result) + "\n")


if __name__ == "__main__":
    main()
