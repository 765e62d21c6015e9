"""Cross-validated scores of the extractor over every labelled article, split by article.

The labelled articles are the package's own (``data/labelled``) and, when given, the shared
development set.  Articles are shuffled with a fixed seed and cut into ``k`` folds; for each
fold the learned act classifier (:mod:`tradewar.news.learned`) is trained on the other
folds' articles only, and the fold's articles are extracted with it.  The predictions of all
folds are then scored together by the shared scorer (``../shared/news/score.py``: core and
strict P/R/F1, per action, per slot), and each fold is scored on its own for the spread.
With ``learned=False`` the rules alone are scored (no training, same folds).

A *held-out check* (:func:`held_out_check`) scores named articles instead: the learned
models are trained on every other labelled article, never on the ones scored, so articles
labelled after the rules were written measure how the extractor does on unseen text.
"""

from __future__ import annotations

import importlib.util
import json
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from tradewar.news.errors import InvalidArticle
from tradewar.news.extract import Article, extract_events
from tradewar.news.learned import LabelledArticle, bundled_labelled, pair_gold, train

DEFAULT_FOLDS = 5
DEFAULT_SEED = 0


@dataclass
class CrossValidation:
    """Pooled scores (the scorer's result dict) and each fold's core and strict F1."""

    pooled: dict[str, Any]
    fold_core_f1: list[float] = field(default_factory=list)
    fold_strict_f1: list[float] = field(default_factory=list)
    articles: int = 0
    folds: int = DEFAULT_FOLDS
    learned: bool = True

    def summary(self) -> dict[str, Any]:
        """The scores as plain JSON: pooled core/strict, per action, per slot, fold spread."""
        return {
            "articles": self.articles,
            "folds": self.folds,
            "learned": self.learned,
            "core": self.pooled["core"],
            "strict": self.pooled["strict"],
            "per_action": self.pooled["per_action"],
            "slot_accuracy": self.pooled["slot_accuracy"],
            "modality_accuracy": self.pooled["modality_accuracy"],
            "fold_core_f1": self.fold_core_f1,
            "fold_strict_f1": self.fold_strict_f1,
            "fold_core_f1_sd": _sd(self.fold_core_f1),
            "fold_strict_f1_sd": _sd(self.fold_strict_f1),
        }


#: One article id or a range of them: ``L53`` or ``L53-L70`` (same prefix at both ends).
ID_RANGE = re.compile(r"^(?P<prefix>[A-Za-z]*)(?P<first>\d+)(?:-(?P=prefix)(?P<last>\d+))?$")


def article_ids(spec: str, field_name: str = "held_out") -> list[str]:
    """Article ids from a comma list of ids and ranges, in order.

    >>> article_ids("L53-L56,A07")
    ['L53', 'L54', 'L55', 'L56', 'A07']
    >>> article_ids("L56-L53")
    Traceback (most recent call last):
    ...
    tradewar.news.errors.InvalidArticle: held_out: range 'L56-L53' runs backwards; ...
    """
    ids: list[str] = []
    for part in (piece.strip() for piece in spec.split(",")):
        match = ID_RANGE.match(part)
        if not match:
            raise InvalidArticle(
                f"{part!r} is no article id or range; expected e.g. L53, L53-L70 or L53-L70,L80",
                field=field_name,
            )
        prefix, first = match["prefix"], match["first"]
        last = match["last"] or first
        if int(last) < int(first):
            raise InvalidArticle(
                f"range {part!r} runs backwards; expected first <= last, e.g. L53-L70",
                field=field_name,
            )
        width = len(first)
        ids.extend(f"{prefix}{n:0{width}d}" for n in range(int(first), int(last) + 1))
    return list(dict.fromkeys(ids))


def predict_unseen(
    test: Sequence[LabelledArticle],
    training: Sequence[LabelledArticle],
    *,
    learned: bool,
) -> list[dict[str, Any]]:
    """The events extracted from the ``test`` articles (JSON records), the learned models
    trained on ``training`` alone when ``learned``, else the rules only."""
    classifier = train(training) if learned else False
    return [
        event.to_json()
        for item in test
        for event in extract_events(Article.from_record(item.record), classifier=classifier)
    ]


def held_out_check(
    labelled: Sequence[LabelledArticle],
    ids: Sequence[str],
    scorer: ModuleType,
    *,
    learned: bool = True,
) -> dict[str, Any]:
    """Scores of the articles ``ids`` with models trained on every other labelled article.

    Raises
    ------
    InvalidArticle
        When an id is not among the labelled articles, or when no article would be left to
        train on.
    """
    known = {str(item.record["id"]) for item in labelled}
    unknown = [i for i in ids if i not in known]
    if unknown:
        named = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if unknown[5:] else "")
        raise InvalidArticle(
            f"no labelled article {named}; expected ids of the labelled set "
            f"({len(known)} articles)",
            field="held_out",
        )
    chosen = set(ids)
    test = [item for item in labelled if str(item.record["id"]) in chosen]
    training = [item for item in labelled if str(item.record["id"]) not in chosen]
    if learned and not training:
        raise InvalidArticle("every labelled article is held out; none is left to train on",
                             field="held_out")  # fmt: skip
    predictions = predict_unseen(test, training, learned=learned)
    pooled = scorer.score([g for item in test for g in item.gold], predictions)
    return {
        "articles": len(test),
        "held_out": list(ids),
        "trained_on": len(training) if learned else 0,
        "learned": learned,
        "core": pooled["core"],
        "strict": pooled["strict"],
        "per_action": pooled["per_action"],
        "slot_accuracy": pooled["slot_accuracy"],
        "modality_accuracy": pooled["modality_accuracy"],
    }


def _sd(values: Sequence[float]) -> float:
    return round(statistics.stdev(values), 4) if len(values) > 1 else 0.0


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer module (``score.py``; its ``products.py`` beside it)."""
    if not path.is_file():
        raise InvalidArticle(
            f"scorer: path '{path}' does not exist; expected the shared news scorer score.py"
        )
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("news_score", path)
        if spec is None or spec.loader is None:
            raise InvalidArticle(f"scorer: '{path}' is not a Python module")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


def load_labelled_dir(folder: Path) -> list[LabelledArticle]:
    """Labelled articles from a folder holding ``articles.jsonl`` and ``gold.jsonl``."""
    records, gold = (_read_jsonl(folder / name) for name in ("articles.jsonl", "gold.jsonl"))
    return pair_gold(records, gold)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InvalidArticle(f"labelled set: file '{path}' does not exist")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def all_labelled(extra_dirs: Sequence[Path] = ()) -> list[LabelledArticle]:
    """The bundled labelled articles plus those of ``extra_dirs`` (article ids unique)."""
    found = bundled_labelled()
    for folder in extra_dirs:
        found.extend(load_labelled_dir(folder))
    ids = [str(item.record["id"]) for item in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidArticle(f"labelled set: article ids {duplicates} occur twice; expected unique")
    return found


def folds_by_article(
    count: int, k: int = DEFAULT_FOLDS, seed: int = DEFAULT_SEED
) -> list[list[int]]:
    """Article indices cut into ``k`` shuffled folds (scikit-learn's KFold, fixed seed)."""
    from sklearn.model_selection import KFold

    if not 2 <= k <= count:
        raise InvalidArticle(f"folds: value {k}; expected 2 to {count} (the article count)")
    splitter = KFold(n_splits=k, shuffle=True, random_state=seed)
    return [sorted(int(i) for i in test) for _, test in splitter.split(range(count))]


def cross_validate(
    labelled: Sequence[LabelledArticle],
    scorer: ModuleType,
    *,
    k: int = DEFAULT_FOLDS,
    seed: int = DEFAULT_SEED,
    learned: bool = True,
) -> CrossValidation:
    """Score the extractor by ``k``-fold cross-validation split by article."""
    folds = folds_by_article(len(labelled), k, seed)
    pooled_predictions: list[dict[str, Any]] = []
    result = CrossValidation(pooled={}, articles=len(labelled), folds=k, learned=learned)
    for test_indices in folds:
        test = [labelled[i] for i in test_indices]
        training = [item for i, item in enumerate(labelled) if i not in set(test_indices)]
        predictions = predict_unseen(test, training, learned=learned)
        fold = scorer.score([g for item in test for g in item.gold], predictions)
        result.fold_core_f1.append(fold["core"]["f1"])
        result.fold_strict_f1.append(fold["strict"]["f1"])
        pooled_predictions.extend(predictions)
    result.pooled = scorer.score([g for item in labelled for g in item.gold], pooled_predictions)
    return result
