"""How far an act decider could take the rules' candidates, and what more labels buy.

Two measurements over the labelled articles, both on the rules' candidates
(:func:`tradewar.news.learned.candidates_of`) and the shared scorer:

* :func:`perfect_decider_table`: the core scores the rules would reach if one kind of false
  candidate were decided perfectly, and nothing else changed.  The kinds are those of
  :func:`tradewar.news.encoder.negative_kinds` ("restated", "near miss", "no act"), plus the
  near misses that could become true events: a false candidate in the sentence of a gold
  event that no candidate matched, which the right action and sides would turn into that
  event (:func:`correctable_near_misses`).  The table says which decisions a score target
  needs, before any model is trained.
* :func:`learning_curve`: the out-of-fold ROC AUC of the logistic act filter when each
  training fold keeps only a share of its articles, a few random draws each, the test folds
  unchanged.  How fast the AUC grows with labels says how many labels a better filter of the
  same features would need.

``python -m tradewar.news.decider_limits --labelled DIR`` prints both (about a minute, most
of it the parser).  The figures are in docs/news.md, "What a perfect decider would give".
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tradewar.news.encoder import NEGATIVE_KINDS, _inside, negative_kinds, roc_auc
from tradewar.news.learned import WORD, Candidates, _probabilities, _score, gold_matches

SHARES = (0.1, 0.2, 0.4, 0.6, 0.8, 1.0)  # of each training fold's articles
DRAWS = 3  # random draws of the kept articles for each share below 1


@dataclass(frozen=True)
class NearMiss:
    """A false candidate in the sentence of a gold event that no candidate matched."""

    article_id: str
    found: tuple[str, str | None, str | None]  # the candidate's action, actor, target
    gold: tuple[str, str | None, str | None]  # the unmatched gold event's

    @property
    def confusion(self) -> str:
        """``impose_tariff->raise_tariff`` (the found action, then the gold one), ``+sides``
        when the actor differs too; ``sides`` when only the actor or target does."""
        if self.found[0] == self.gold[0]:
            return "sides"
        sides = "+sides" if self.found[1] != self.gold[1] else ""
        return f"{self.found[0]}->{self.gold[0]}{sides}"


def correctable_near_misses(articles: Sequence[Candidates]) -> list[NearMiss]:
    """Each false candidate whose sentence holds most words of an unmatched gold event's
    evidence, paired with the first such event not yet paired (each gold event corrects one
    candidate at most, so the corrections never count one event twice)."""
    found = []
    for candidates in articles:
        gold = candidates.item.gold
        matched = gold_matches(candidates.events, gold)
        unmatched = [g for i, g in enumerate(gold) if i not in set(matched)]
        for event, gold_index in zip(candidates.events, matched, strict=True):
            if gold_index is not None:
                continue
            for g in unmatched:
                if _inside(str(g.get("evidence", "")), event.evidence, WORD):
                    found.append(
                        NearMiss(
                            str(candidates.item.record.get("id", "")),
                            (event.action, event.actor, event.target),
                            (str(g["action"]), g.get("actor"), g.get("target")),
                        )
                    )
                    unmatched.remove(g)
                    break
    return found


@dataclass(frozen=True)
class CeilingRow:
    """The core scores with one set of decisions made perfectly."""

    perfect_on: str
    true_events: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_events / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_events / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def perfect_decider_table(articles: Sequence[Candidates], scorer: Any) -> list[CeilingRow]:
    """The rules' core scores, then with each kind of false candidate removed (and the
    correctable near misses corrected) perfectly, alone and in the combinations a target
    needs.  Removals are scored by the shared scorer; a correction adds one true event to the
    rules' count, since the corrected candidate has its unmatched gold event's action and
    sides."""
    kinds = [negative_kinds(c) for c in articles]

    def removing(*dropped: str) -> tuple[int, int, int]:
        kept = [[0.0 if k in dropped else 1.0 for k in row] for row in kinds]
        core = _score(scorer, articles, kept, 0.5)["core"]
        return int(core["tp"]), int(core["pred"]), int(core["gold"])

    corrected = len(correctable_near_misses(articles))
    rows = [CeilingRow("nothing (the rules)", *removing())]
    for kind in NEGATIVE_KINDS:
        rows.append(CeilingRow(f"every '{kind}' candidate removed", *removing(kind)))
    tp, pred, gold = removing()
    rows.append(
        CeilingRow(f"the {corrected} correctable near misses corrected", tp + corrected, pred, gold)
    )
    both = removing("no act", "restated")
    rows.append(CeilingRow("every 'no act' and 'restated' removed", *both))
    tp, pred, gold = removing("no act")
    rows.append(
        CeilingRow(
            "every 'no act' removed and the near misses corrected", tp + corrected, pred, gold
        )
    )
    rows.append(CeilingRow("every false candidate removed", *removing(*NEGATIVE_KINDS)))
    return rows


def learning_curve(
    articles: Sequence[Candidates],
    *,
    shares: Sequence[float] = SHARES,
    draws: int = DRAWS,
    k: int = 5,
    seed: int = 0,
) -> dict[float, list[float]]:
    """The logistic act filter's pooled out-of-fold ROC AUC for each share of the training
    articles kept (``draws`` seeded draws each; one for the whole).

    Raises
    ------
    ValueError
        For a share outside (0, 1].
    """
    from tradewar.news.evaluate import folds_by_article

    for share in shares:
        if not 0 < share <= 1:
            raise ValueError(f"learning curve: share {share}; expected a fraction in (0, 1]")
    folds = folds_by_article(len(articles), min(k, len(articles)), seed)
    curve: dict[float, list[float]] = {}
    for share in shares:
        curve[share] = []
        for draw in range(draws if share < 1 else 1):
            chances: list[float] = []
            labels: list[bool] = []
            for test in folds:
                held = set(test)
                training = [c for i, c in enumerate(articles) if i not in held]
                random.Random(seed + draw).shuffle(training)
                training = training[: max(1, round(len(training) * share))]
                testing = [articles[i] for i in test]
                chances += [p for row in _probabilities(training, testing) for p in row]
                labels += [y for c in testing for y in c.labels]
            curve[share].append(roc_auc(labels, chances))
    return curve


def report(
    table: Sequence[CeilingRow],
    near_misses: Sequence[NearMiss],
    curve: dict[float, list[float]],
    training_articles: int,
) -> str:
    """The three results as plain-text tables."""
    lines = ["perfect on                                                 core P  core R  core F1"]
    for row in table:
        lines.append(
            f"{row.perfect_on:58} {row.precision:.3f}   {row.recall:.3f}   {row.f1:.4f}"
            f"   ({row.true_events} true of {row.predicted}; {row.gold} gold)"
        )
    confusions = Counter(miss.confusion for miss in near_misses).most_common(8)
    lines.append(
        f"correctable near misses: {len(near_misses)}; commonest: "
        + ", ".join(f"{name} {count}" for name, count in confusions)
    )
    lines.append("logistic act filter, out-of-fold ROC AUC by share of the training articles:")
    for share, aucs in curve.items():
        lines.append(
            f"  {share:.1f} (about {round(training_articles * share)} articles): "
            + " ".join(f"{auc:.3f}" for auc in aucs)
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m tradewar.news.decider_limits [--labelled DIR]``: a perfect decider's
    scores and the act filter's learning curve over the labelled articles."""
    import argparse
    from pathlib import Path

    from tradewar.news.evaluate import all_labelled, load_scorer
    from tradewar.news.learned import candidates_of

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=Path("../shared/news/score.py"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--draws", type=int, default=DRAWS)
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error(f"--folds: value {args.folds}; expected 2 or more")
    if args.draws < 1:
        parser.error(f"--draws: value {args.draws}; expected 1 or more")
    articles = candidates_of(all_labelled(args.labelled))
    table = perfect_decider_table(articles, load_scorer(args.scorer))
    curve = learning_curve(articles, draws=args.draws, k=args.folds)
    training = round(len(articles) * (args.folds - 1) / args.folds)
    sys.stdout.write(report(table, correctable_near_misses(articles), curve, training) + "\n")


if __name__ == "__main__":
    main()
