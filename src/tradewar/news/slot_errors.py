"""Slot errors of the extractor, fold by fold: the error analysis behind the strict score.

For every cross-validation fold (the folds of :mod:`tradewar.news.evaluate`), each article
is extracted with the rules and its predictions are matched to gold by the shared scorer's
own assignment (``score.assign``).  Every matched event with a wrong slot (products,
rate, effective date, event date, duration) is listed with the gold and predicted values
of the wrong slots and the evidence sentence, so errors can be sorted into categories.

Run: ``python -m tradewar.news.slot_errors [--labelled ../shared/news/dev]
[--scorer ../shared/news/score.py] [--slot effective_date]``.
"""

from __future__ import annotations

import argparse
import collections
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from tradewar.news.evaluate import (
    DEFAULT_FOLDS,
    DEFAULT_SEED,
    all_labelled,
    folds_by_article,
    load_scorer,
)
from tradewar.news.extract import Article, extract_events
from tradewar.news.learned import LabelledArticle

SLOT_FIELDS = {
    "products": ("product_groups", "products"),
    "rate": ("rate_from", "rate_to", "rate_change", "rate_alt"),
    "effective_date": ("effective_date",),
    "event_date": ("event_date", "date_text"),
    "duration": ("duration",),
}


@dataclass(frozen=True)
class SlotError:
    """One matched event with wrong slots: its fold, gold and predicted records."""

    fold: int
    gold: dict[str, Any]
    predicted: dict[str, Any]
    wrong: tuple[str, ...]

    def lines(self) -> list[str]:
        """The error as readable lines: id, action, wrong slots gold vs predicted, evidence."""
        head = (
            f"[fold {self.fold}] {self.gold['event_id']} {self.gold['action']} "
            f"{self.gold.get('actor')}->{self.gold.get('target')} "
            f"({self.gold.get('modality')}) wrong: {', '.join(self.wrong)}"
        )
        out = [head]
        for slot in self.wrong:
            for name in SLOT_FIELDS[slot]:
                gold_value, predicted_value = self.gold.get(name), self.predicted.get(name)
                if gold_value is not None or predicted_value is not None:
                    out.append(f"    {name:15} gold={gold_value!r}  pred={predicted_value!r}")
        out.append(f"    gold evidence: {self.gold.get('evidence', '')[:300]}")
        if self.predicted.get("evidence") != self.gold.get("evidence"):
            out.append(f"    pred evidence: {str(self.predicted.get('evidence', ''))[:300]}")
        return out


def slot_errors(
    labelled: Sequence[LabelledArticle],
    scorer: ModuleType,
    *,
    k: int = DEFAULT_FOLDS,
    seed: int = DEFAULT_SEED,
) -> Iterator[SlotError]:
    """Every matched event with a wrong slot, fold by fold (rules only)."""
    for fold, indices in enumerate(folds_by_article(len(labelled), k, seed), start=1):
        for index in indices:
            item = labelled[index]
            predicted = [e.to_json() for e in extract_events(Article.from_record(item.record))]
            for gold_index, predicted_index in scorer.assign(item.gold, predicted):
                gold, guess = item.gold[gold_index], predicted[predicted_index]
                wrong = tuple(s for s, ok in scorer.slot_results(gold, guess).items() if not ok)
                if wrong:
                    yield SlotError(fold, gold, guess, wrong)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the slot errors and a count per slot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=Path("../shared/news/score.py"))
    parser.add_argument("--slot", choices=sorted(SLOT_FIELDS), help="only errors of this slot")
    args = parser.parse_args(argv)
    counts: collections.Counter[str] = collections.Counter()
    for error in slot_errors(all_labelled(args.labelled), load_scorer(args.scorer)):
        counts.update(error.wrong)
        if args.slot is None or args.slot in error.wrong:
            sys.stdout.write("\n".join(error.lines()) + "\n")
    sys.stdout.write(f"wrong slots: {dict(counts.most_common())}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
