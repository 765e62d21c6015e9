"""Cross-validated modality accuracy and confusion matrix, rules or learned.

The events of every labelled article are extracted fold by fold, with the same folds as
``tradewar news evaluate`` (:func:`tradewar.news.evaluate.folds_by_article`); with
``learned`` the modality model is trained on the other folds only.  Each predicted event
is paired with a gold event by the shared scorer's assignment, and the gold and predicted
modality of every pair is counted.

Run: ``python -m tradewar.news.modality_eval [--labelled ../shared/news/dev] [--learned]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tradewar.news.evaluate import (
    DEFAULT_FOLDS,
    DEFAULT_SEED,
    all_labelled,
    folds_by_article,
    load_scorer,
)
from tradewar.news.extract import Article, extract_events
from tradewar.news.learned import LabelledArticle, train
from tradewar.news.schema import MODALITIES

DEFAULT_SCORER = Path("../shared/news/score.py")  # as for tradewar news evaluate


@dataclass(frozen=True)
class ModalityConfusion:
    """Counts of (gold modality, predicted modality) over the matched events."""

    counts: Counter[tuple[str, str]]

    @property
    def matched(self) -> int:
        """Events matched to a gold event (the scorer's core true positives)."""
        return sum(self.counts.values())

    @property
    def accuracy(self) -> float:
        """The share of matched events whose modality is the gold one."""
        right = sum(n for (gold, predicted), n in self.counts.items() if gold == predicted)
        return right / self.matched if self.matched else 0.0

    def table(self) -> str:
        """The matrix as text: a row per gold modality, a column per predicted one."""
        width = max(len(m) for m in MODALITIES) + 1
        lines = ["gold \\ predicted".ljust(width) + "".join(m[:6].rjust(7) for m in MODALITIES)]
        for gold in MODALITIES:
            cells = "".join(str(self.counts[(gold, p)]).rjust(7) for p in MODALITIES)
            lines.append(gold.ljust(width) + cells)
        return "\n".join(lines)


def modality_confusion(
    labelled: Sequence[LabelledArticle],
    scorer: ModuleType,
    *,
    learned: bool = False,
    k: int = DEFAULT_FOLDS,
    seed: int = DEFAULT_SEED,
) -> ModalityConfusion:
    """The modality confusion matrix of ``k``-fold cross-validation by article."""
    counts: Counter[tuple[str, str]] = Counter()
    for test_indices in folds_by_article(len(labelled), k, seed):
        held_out = set(test_indices)
        training = [item for i, item in enumerate(labelled) if i not in held_out]
        classifier = train(training) if learned else False
        for index in test_indices:
            item = labelled[index]
            article = Article.from_record(item.record)
            predicted = [e.to_json() for e in extract_events(article, classifier=classifier)]
            for gold_index, predicted_index in scorer.assign(item.gold, predicted):
                gold = str(item.gold[gold_index].get("modality", "actual"))
                counts[(gold, str(predicted[predicted_index]["modality"]))] += 1
    return ModalityConfusion(counts)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the cross-validated modality accuracy and confusion matrix."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--learned", action="store_true")
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    labelled = all_labelled(args.labelled)
    confusion = modality_confusion(
        labelled, load_scorer(args.scorer), learned=args.learned, k=args.folds, seed=args.seed
    )
    kind = "learned" if args.learned else "rules"
    sys.stdout.write(
        f"{len(labelled)} articles, {args.folds}-fold cross-validation by article ({kind}): "
        f"modality accuracy {confusion.accuracy:.3f} over {confusion.matched} matched events\n"
    )
    sys.stdout.write(confusion.table() + "\n")


if __name__ == "__main__":
    main()
