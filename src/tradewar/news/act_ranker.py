"""Can another model tell acts from mentions better than the shipped act filter?

The act filter of :mod:`tradewar.news.learned` is a logistic regression over the parse
features of :func:`tradewar.news.act_features.article_act_features`; in cross-validation it
does not beat the rules alone.  This module compares it, by the same nested protocol, with
models that might: the same regression over the extended features
(:func:`~tradewar.news.act_features.extended_act_features`: content the labelling guide asks
for, the parties named, the candidate's neighbours, the roles the parse gives its actor),
gradient boosting and a random forest over those (non-linear: a bare recalled act, a second
reading of one clause), and the regression with the parser's frozen context vectors
(:func:`~tradewar.news.act_features.context_vector`, reduced to a few principal components
fitted on the training folds).

Protocol (that of :func:`tradewar.news.learned.cross_validate_act_filter`): 5 folds by
article (:func:`tradewar.news.evaluate.folds_by_article`); in each outer fold the model is
trained on the other folds, and the threshold (of :data:`tradewar.news.learned.
THRESHOLD_GRID`) is the one with the best core F1 in an inner 4-fold cross-validation on
those folds only.  Reported per model: the ROC AUC of the out-of-fold act probabilities, and
the shared scorer's pooled core and strict scores with the filter, against the rules alone.

``python -m tradewar.news.act_ranker --labelled ../shared/news/dev`` prints the comparison
(docs/news.md, "Learned decisions", gives the numbers and what they mean).  Every model has
a fixed seed and the features use no gold, so a rerun prints the same lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tradewar.news.act_features import CONTEXT_WIDTH, context_vector, extended_act_features
from tradewar.news.learned import (
    ACT_C,
    INNER_FOLDS,
    RANDOM_STATE,
    THRESHOLD_GRID,
    Candidates,
    LabelledArticle,
    candidates_of,
)

EXTENDED_C = 0.1  # inverse L2 strength of the regression over the extended features
CONTEXT_COMPONENTS = 10  # principal components kept of the 192 context numbers
CONTEXT_WEIGHT = 0.5  # their scale beside the 0-1 indicator features
BOOSTING = {
    "max_iter": 150,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 10,
    "l2_regularization": 1.0,
}
FOREST = {"n_estimators": 300, "min_samples_leaf": 3, "max_features": "sqrt"}


@dataclass(frozen=True)
class RankerModel:
    """A model to compare: which features it reads and how its estimator is made
    (``make(indicator_count)``: the columns after the indicator features are the context
    vectors, when ``context`` is set)."""

    name: str
    extended: bool
    context: bool
    make: Callable[[int], Any]
    description: str


def _regression(c: float) -> Callable[[int], Any]:
    def make(_: int) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=c, max_iter=3000, random_state=RANDOM_STATE)

    return make


def _boosting(_: int) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=RANDOM_STATE, **BOOSTING)


def _forest(_: int) -> Any:
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(random_state=RANDOM_STATE, n_jobs=1, **FOREST)


def _regression_with_context(indicators: int) -> Any:
    """The regression over the indicators and the first principal components of the
    standardised context vectors (scaler and components fitted on the training rows)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    columns = list(range(indicators, indicators + 2 * CONTEXT_WIDTH))
    reduce = make_pipeline(
        StandardScaler(), PCA(CONTEXT_COMPONENTS, random_state=RANDOM_STATE), StandardScaler()
    )
    mix = ColumnTransformer(
        [("context", reduce, columns)],
        remainder="passthrough",
        transformer_weights={"context": CONTEXT_WEIGHT},
    )
    model = LogisticRegression(C=EXTENDED_C, max_iter=3000, random_state=RANDOM_STATE)
    return make_pipeline(mix, model)


MODELS: dict[str, RankerModel] = {
    model.name: model
    for model in (
        RankerModel("lr", False, False, _regression(ACT_C), "shipped filter: LR, parse features"),
        RankerModel("lr-ext", True, False, _regression(EXTENDED_C), "LR, extended features"),
        RankerModel("hgb-ext", True, False, _boosting, "gradient boosting, extended"),
        RankerModel("rf-ext", True, False, _forest, "random forest, extended"),
        RankerModel(
            "lr-ext-context", True, True, _regression_with_context, "LR, extended + spaCy tensor"
        ),
    )
}


@dataclass
class RankerData:
    """The candidates of the labelled articles with both feature sets and context vectors."""

    articles: list[Candidates]
    extended: list[list[dict[str, float]]]
    context: list[list[list[float]]]

    def rows(self, index: int, model: RankerModel) -> list[dict[str, float]]:
        return self.extended[index] if model.extended else self.articles[index].rows


def ranker_data(labelled: Sequence[LabelledArticle]) -> RankerData:
    """Candidates, features and act labels of every labelled article (no gold in features)."""
    from tradewar.news.extract import Article

    articles = candidates_of(labelled)
    extended, context = [], []
    for candidates in articles:
        article = Article.from_record(candidates.item.record)
        published = candidates.item.record.get("published")
        extended.append(
            extended_act_features(candidates.events, len(article.text), published or None)
        )
        context.append([context_vector(event) for event in candidates.events])
    return RankerData(articles, extended, context)


@dataclass
class RankerResult:
    """One model's nested cross-validation: AUC of its out-of-fold probabilities, pooled
    scores with the filter, the thresholds chosen, and the candidates it dropped."""

    model: str
    auc: float
    learned: dict[str, Any]
    thresholds: list[float]
    removed: int
    removed_acts: int


@dataclass
class Comparison:
    """The rules alone and each model's :class:`RankerResult`, over the same folds."""

    articles: int
    candidates: int
    acts: int
    folds: int
    seed: int
    rules: dict[str, Any]
    results: list[RankerResult] = field(default_factory=list)


def _probabilities(
    data: RankerData, model: RankerModel, training: Sequence[int], test: Sequence[int]
) -> dict[int, list[float]]:
    """Act probabilities of the test articles' candidates from a model fitted on the
    training articles' (everything kept when training holds one class only)."""
    from sklearn.feature_extraction import DictVectorizer

    labels = [label for i in training for label in data.articles[i].labels]
    if len(set(labels)) < 2:
        return {i: [1.0] * len(data.articles[i].events) for i in test}
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    vectorizer = DictVectorizer(sparse=False)
    vectorizer.fit([row for i in training for row in data.rows(i, model)])
    estimator = model.make(len(vectorizer.feature_names_))
    found: dict[int, list[float]] = {}
    with threadpool_limits(limits=1):  # one core: boosting's threads only contend on a shared one
        estimator.fit(_matrix(data, model, vectorizer, training), labels)
        for i in test:
            if not data.articles[i].events:
                found[i] = []
                continue
            chances = estimator.predict_proba(_matrix(data, model, vectorizer, [i]))[:, 1]
            found[i] = [float(p) for p in chances]
    return found


def _matrix(data: RankerData, model: RankerModel, vectorizer: Any, indices: Sequence[int]) -> Any:
    rows = [row for i in indices for row in data.rows(i, model)]
    matrix = vectorizer.transform(rows)
    if model.context:
        vectors = np.array([v for i in indices for v in data.context[i]], dtype=float)
        matrix = np.hstack([matrix, vectors.reshape(len(rows), -1)])
    return matrix


def _score(
    scorer: Any, data: RankerData, indices: Sequence[int], keep: dict[int, list[bool]]
) -> dict[str, Any]:
    """The shared scorer's pooled result over some articles, keeping the candidates marked."""
    gold = [g for i in indices for g in data.articles[i].item.gold]
    predicted = [
        event.to_json()
        for i in indices
        for event, kept in zip(data.articles[i].events, keep[i], strict=True)
        if kept
    ]
    result: dict[str, Any] = scorer.score(gold, predicted)
    return result


def _threshold(
    data: RankerData, model: RankerModel, scorer: Any, indices: Sequence[int], seed: int
) -> float:
    """The threshold of THRESHOLD_GRID with the best core F1 over ``indices`` by an inner
    cross-validation by article (ties to the lowest, as in :mod:`tradewar.news.learned`)."""
    from tradewar.news.evaluate import folds_by_article

    chances: dict[int, list[float]] = {}
    for inner in folds_by_article(len(indices), min(INNER_FOLDS, len(indices)), seed):
        test = [indices[j] for j in inner]
        training = [i for i in indices if i not in set(test)]
        chances.update(_probabilities(data, model, training, test))

    def core_f1(cut: float) -> tuple[float, float]:
        keep = {i: [p >= cut for p in chances[i]] for i in indices}
        return _score(scorer, data, indices, keep)["core"]["f1"], -cut

    return max(THRESHOLD_GRID, key=core_f1)


def cross_validate_model(
    data: RankerData, model: RankerModel, scorer: Any, *, k: int = 5, seed: int = 0
) -> RankerResult:
    """One model by the nested protocol of the module docstring."""
    from sklearn.metrics import roc_auc_score

    from tradewar.news.evaluate import folds_by_article

    everyone = range(len(data.articles))
    chances: dict[int, list[float]] = {}
    keep: dict[int, list[bool]] = {}
    thresholds = []
    for test in folds_by_article(len(data.articles), k, seed):
        training = [i for i in everyone if i not in set(test)]
        cut = _threshold(data, model, scorer, training, seed)
        thresholds.append(cut)
        for i, row in _probabilities(data, model, training, test).items():
            chances[i] = row
            keep[i] = [p >= cut for p in row]
    labels = [label for i in everyone for label in data.articles[i].labels]
    scores = [p for i in everyone for p in chances[i]]
    dropped = [
        label
        for i in everyone
        for label, kept in zip(data.articles[i].labels, keep[i], strict=True)
        if not kept
    ]
    return RankerResult(
        model=model.name,
        auc=float(roc_auc_score(labels, scores)) if len(set(labels)) == 2 else float("nan"),
        learned=_score(scorer, data, list(everyone), keep),
        thresholds=thresholds,
        removed=len(dropped),
        removed_acts=sum(dropped),
    )


def compare(
    labelled: Sequence[LabelledArticle],
    scorer: Any,
    models: Sequence[str] = tuple(MODELS),
    *,
    k: int = 5,
    seed: int = 0,
) -> Comparison:
    """The rules alone against each named model of :data:`MODELS`, on the same folds.

    Raises
    ------
    ValueError
        For a model name not in :data:`MODELS`.
    """
    unknown = [name for name in models if name not in MODELS]
    if unknown:
        raise ValueError(f"models: {unknown} unknown; expected some of {sorted(MODELS)}")
    data = ranker_data(labelled)
    everyone = range(len(data.articles))
    all_kept = {i: [True] * len(data.articles[i].events) for i in everyone}
    labels = [label for c in data.articles for label in c.labels]
    comparison = Comparison(
        articles=len(data.articles),
        candidates=len(labels),
        acts=sum(labels),
        folds=k,
        seed=seed,
        rules=_score(scorer, data, list(everyone), all_kept),
    )
    for name in models:
        comparison.results.append(cross_validate_model(data, MODELS[name], scorer, k=k, seed=seed))
    return comparison


def report(comparison: Comparison) -> str:
    """The comparison as the lines docs/news.md quotes."""
    c = comparison
    lines = [
        f"{c.articles} articles, {c.candidates} candidates ({c.acts} acts), {c.folds}-fold CV "
        f"by article (seed {c.seed}); thresholds by inner CV",
        f"{'rules':15} {'':9} {score_levels(c.rules)}",
    ]
    for result in c.results:
        lines.append(
            f"{result.model:15} AUC={result.auc:.3f} {score_levels(result.learned, c.rules)} "
            f"dropped {result.removed} ({result.removed_acts} acts) "
            f"thresholds {result.thresholds}"
        )
    return "\n".join(lines)


def score_levels(scores: dict[str, Any], rules: dict[str, Any] | None = None) -> str:
    """Core and strict P/R/F1 on one line, with each F1's change from ``rules`` if given."""
    parts = []
    for level in ("core", "strict"):
        s = scores[level]
        text = f"{level} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
        if rules is not None:
            text += f" ({s['f1'] - rules[level]['f1']:+.3f})"
        parts.append(text)
    return "  ".join(parts)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m tradewar.news.act_ranker [--labelled DIR] [--models lr,hgb-ext]``: each
    act model's nested cross-validation against the rules alone."""
    import argparse
    from pathlib import Path

    from tradewar.news.evaluate import all_labelled, load_scorer

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=Path("../shared/news/score.py"))
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated names")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    models = [name.strip() for name in args.models.split(",") if name.strip()]
    comparison = compare(
        all_labelled(args.labelled), load_scorer(args.scorer), models, k=args.folds, seed=args.seed
    )
    sys.stdout.write(report(comparison) + "\n")


if __name__ == "__main__":
    main()
