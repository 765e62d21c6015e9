"""A fine-tuned encoder as the act decider: is a rule candidate an act or a mention?

The act filter of :mod:`tradewar.news.learned` reads hand-made parse features
(:mod:`tradewar.news.act_features`) and has a weak signal (ROC AUC about 0.66).  This module
tests the step those measurements point to: a neural encoder fine-tuned on the labelled
candidates, reading the words of the evidence sentence.

The encoder is the pretrained ``tok2vec`` of the pinned spaCy pipeline ``en_core_web_sm``
3.8.0 (:data:`tradewar.news.frames.MODEL`; MIT licence): hash embeddings of each token's
norm, prefix, suffix and shape, and a 4-layer convolutional (maxout window) encoder of width
96, trained by Explosion for tagging, parsing and named entities.  Its weights are copied
into a spaCy ``textcat`` (binary, exclusive labels ``ACT`` / ``NOT``) whose own model pools
the encoder's token vectors (mean and max) into a softmax layer; both the encoder and the
output layer are then trained on the candidates (thinc on the CPU, fixed seeds, a fixed
number of epochs; early stopping on an inner split of the training articles is an option,
which chose worse epochs).  The parser's own copy is never touched: a separate copy of the
pipeline is loaded for training.

Each candidate is read as one text (:func:`candidate_text`): the rules' action, actor and
target as tokens, then the evidence sentence with the trigger marked
(:func:`tradewar.news.act_features.trigger_offset`), optionally after the previous sentence.

:func:`cross_validate_encoder` (``python -m tradewar.news.encoder --labelled DIR``) measures
it with the 5 folds of ``tradewar news evaluate``: the ROC AUC of the candidates' scores, and
the shared scorer's pooled core and strict P/R/F1 of the rules alone, the rules with the
logistic act filter of :mod:`tradewar.news.learned`, with the encoder, and with the two
stacked (the encoder's probability as one more feature of the logistic regression, from
inner-fold predictions only).  Every threshold is chosen by an inner cross-validation on
the training folds (as :func:`tradewar.news.learned.choose_threshold`).

Over the 248 labelled articles the encoder ranked acts worse than the logistic filter and did
not beat the rules, alone or stacked (docs/news.md, "A fine-tuned encoder as the act
decider"), so the extractor does not use it; this module is the reproducible measurement.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tradewar.news.act_features import trigger_offset
from tradewar.news.learned import (
    THRESHOLD_GRID,
    Candidates,
    LabelledArticle,
    candidates_of,
)
from tradewar.news.schema import Event

ACT, NOT = "ACT", "NOT"
TRIGGER_MARK = "»"  # put before the trigger word (a token of its own)
SEED = 0
EPOCHS = 10  # passes over the training candidates (no early stopping by default: below)
PATIENCE = 3  # with a dev split: epochs without a better dev AUC before training stops
BATCH_SIZE = 16
DROPOUT = 0.2
LEARN_RATE = 0.001
# share of the training articles held out for early stopping: 0, since an inner split of a
# fifth of the articles chose worse epochs than a fixed count (docs/news.md)
DEV_SHARE = 0.0
INNER_FOLDS = 3
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n+")


@dataclass(frozen=True)
class TextOptions:
    """How a candidate becomes text: with the rules' tags, the trigger marked, and the
    article's previous sentence."""

    tags: bool = True
    mark_trigger: bool = True
    previous: bool = False
    window: int | None = None  # words kept each side of the trigger (None: the whole sentence)


def previous_sentence(text: str, start: int) -> str:
    """The sentence before the one starting at ``start`` ('' for the first)."""
    before = text[:start].rstrip()
    if not before:
        return ""
    parts = [part for part in SENTENCE_END.split(before) if part.strip()]
    return parts[-1].strip() if parts else ""


def candidate_text(event: Event, article_text: str, options: TextOptions = TextOptions()) -> str:
    """The text the encoder reads for one candidate: ``impose_tariff USA CHN :`` (the rules'
    action, actor and target), then the evidence with ``»`` before the trigger word."""
    evidence = event.evidence
    if options.mark_trigger:
        found = trigger_offset(event)
        if found is not None:
            offset = found[0]
            evidence = f"{evidence[:offset]}{TRIGGER_MARK} {evidence[offset:]}"
            if options.window is not None:
                evidence = _around_trigger(evidence, options.window)
    parts = []
    if options.tags:
        parts.append(f"{event.action} {event.actor or 'none'} {event.target or 'none'} :")
    if options.previous:
        before = previous_sentence(article_text, event.evidence_span[0])
        if before:
            parts.append(f"{before} |")
    parts.append(evidence)
    return " ".join(parts)


def _around_trigger(marked: str, window: int) -> str:
    """The words of a marked sentence within ``window`` words of the trigger mark."""
    words = marked.split()
    at = words.index(TRIGGER_MARK) if TRIGGER_MARK in words else 0
    return " ".join(words[max(0, at - window) : at + window + 2])


def texts_of(candidates: Candidates, options: TextOptions = TextOptions()) -> list[str]:
    """The encoder's texts of one article's candidates."""
    text = str(candidates.item.record.get("text", ""))
    return [candidate_text(event, text, options) for event in candidates.events]


# ---------------------------------------------------------------------------------------
# The model


@lru_cache(maxsize=1)
def _pretrained() -> tuple[Any, bytes]:
    """A private copy of the parser pipeline's vocabulary and tokenizer (no components) and
    the bytes of its pretrained tok2vec model."""
    import spacy

    from tradewar.news.frames import MODEL

    base = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    tok2vec: Any = base.get_pipe("tok2vec")
    weights = tok2vec.model.to_bytes()
    config = dict(base.config.interpolate()["components"]["tok2vec"]["model"])
    base.remove_pipe("tok2vec")
    return (base, config), weights


def _textcat_config(architecture: str, tok2vec: dict[str, Any]) -> dict[str, Any]:
    if architecture == "bow":
        return {
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 2**16,
            }
        }
    return {
        "model": {
            "@architectures": "spacy.TextCatReduce.v1",
            "exclusive_classes": True,
            "use_reduce_first": False,
            "use_reduce_last": False,
            "use_reduce_max": True,
            "use_reduce_mean": True,
            "tok2vec": tok2vec,
        }
    }


@dataclass
class EncoderModel:
    """A trained act encoder: a spaCy pipeline with one ``textcat`` component."""

    nlp: Any
    epochs: int = 0
    dev_auc: float | None = None
    seconds: float = 0.0

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """The probability that each text's candidate is an act."""
        textcat = self.nlp.get_pipe("textcat")
        docs = [self.nlp.make_doc(text) for text in texts]
        return [float(doc.cats[ACT]) for doc in textcat.pipe(docs, batch_size=64)]


ARCHITECTURES = ("encoder", "bow")


def new_model(architecture: str = "encoder") -> tuple[Any, bytes]:
    """A fresh pipeline (the parser's tokenizer and a textcat whose encoder has the
    pretrained tok2vec's architecture; "bow" is a bag of words and bigrams with no
    pretrained part) and the pretrained weights, which :func:`train_encoder` copies into the
    encoder after initialising the textcat (initialising would overwrite them).

    Raises
    ------
    ValueError
        For an architecture not in :data:`ARCHITECTURES`.
    """
    import copy

    if architecture not in ARCHITECTURES:
        raise ValueError(f"encoder: architecture '{architecture}'; expected one of {ARCHITECTURES}")

    (base, tok2vec_config), weights = _pretrained()
    nlp = copy.deepcopy(base)
    textcat = nlp.add_pipe("textcat", config=_textcat_config(architecture, tok2vec_config))
    textcat.add_label(ACT)
    textcat.add_label(NOT)
    return nlp, weights


def _examples(nlp: Any, texts: Sequence[str], labels: Sequence[bool]) -> list[Any]:
    from spacy.training import Example

    return [
        Example.from_dict(nlp.make_doc(text), {"cats": {ACT: float(y), NOT: float(not y)}})
        for text, y in zip(texts, labels, strict=True)
    ]


def train_encoder(
    texts: Sequence[str],
    labels: Sequence[bool],
    *,
    dev_texts: Sequence[str] = (),
    dev_labels: Sequence[bool] = (),
    architecture: str = "encoder",
    max_epochs: int = EPOCHS,
    seed: int = SEED,
    pretrained: bool = True,
) -> EncoderModel:
    """Fine-tune the encoder and its output layer on candidate texts and labels (is an act).

    With dev texts, training stops once ``PATIENCE`` epochs pass without a better ROC AUC on
    them and the best epoch's weights are kept; without, it runs ``max_epochs``.
    ``pretrained=False`` starts the encoder from random weights instead (an ablation).

    Raises
    ------
    ValueError
        When the labels hold one class only (nothing to learn from).
    """
    from thinc.api import fix_random_seed

    if len(set(labels)) < 2:
        raise ValueError(f"encoder: {len(labels)} candidates of one class; expected acts and not")
    started = time.process_time()
    fix_random_seed(seed)
    nlp, weights = new_model(architecture)
    examples = _examples(nlp, texts, labels)
    textcat = nlp.get_pipe("textcat")
    textcat.initialize(lambda: examples[:64], nlp=nlp)
    if architecture == "encoder" and pretrained:  # else random weights: what pretraining gives
        textcat.model.get_ref("tok2vec").from_bytes(weights)
    optimizer = nlp.create_optimizer()
    optimizer.learn_rate = LEARN_RATE
    order = random.Random(seed)
    best: tuple[float, int, bytes] | None = None
    stale = 0
    epochs = 0
    for epoch in range(max_epochs):
        shuffled = list(examples)
        order.shuffle(shuffled)
        for start in range(0, len(shuffled), BATCH_SIZE):
            nlp.update(shuffled[start : start + BATCH_SIZE], sgd=optimizer, drop=DROPOUT)
        epochs = epoch + 1
        if not dev_texts or len(set(dev_labels)) < 2:
            continue
        auc = roc_auc(dev_labels, EncoderModel(nlp).probabilities(dev_texts))
        if best is None or auc > best[0]:
            best, stale = (auc, epochs, textcat.model.to_bytes()), 0
        else:
            stale += 1
            if stale >= PATIENCE:
                break
    model = EncoderModel(nlp, epochs)
    if best is not None:
        textcat.model.from_bytes(best[2])
        model.epochs, model.dev_auc = best[1], best[0]
    model.seconds = time.process_time() - started
    return model


def roc_auc(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """The ROC AUC of scores against labels (0.5 when one class is missing)."""
    from sklearn.metrics import roc_auc_score

    if len(set(labels)) < 2:
        return 0.5
    return float(roc_auc_score(list(labels), list(scores)))


def fit_on_articles(
    articles: Sequence[Candidates],
    options: TextOptions,
    *,
    architecture: str = "encoder",
    dev_share: float = DEV_SHARE,
    seed: int = SEED,
) -> EncoderModel:
    """Train on candidate articles, a ``dev_share`` of them (by article, seeded) held out
    for early stopping (none when 0)."""
    indices = list(range(len(articles)))
    random.Random(seed).shuffle(indices)
    dev_count = 0
    if dev_share > 0 and len(articles) >= 5:
        dev_count = max(1, round(len(articles) * dev_share))
    dev = [articles[i] for i in indices[:dev_count]]
    train = [articles[i] for i in indices[dev_count:]]
    if len({y for c in train for y in c.labels}) < 2:  # too few articles to hold some out
        dev, train = [], list(articles)
    return train_encoder(
        [t for c in train for t in texts_of(c, options)],
        [y for c in train for y in c.labels],
        dev_texts=[t for c in dev for t in texts_of(c, options)],
        dev_labels=[y for c in dev for y in c.labels],
        architecture=architecture,
        seed=seed,
    )


# ---------------------------------------------------------------------------------------
# Cross-validation


@dataclass(frozen=True)
class Variant:
    """One way to read candidates: the text options and the textcat architecture."""

    name: str
    options: TextOptions
    architecture: str = "encoder"


VARIANTS = (
    Variant("encoder", TextOptions()),
    Variant("encoder+previous", TextOptions(previous=True)),
    Variant("bow", TextOptions(), "bow"),
)


@dataclass
class EncoderCV:
    """Out-of-fold act probabilities of every decider and the pooled end-to-end scores."""

    articles: int
    candidates: int
    acts: int
    auc: dict[str, float] = field(default_factory=dict)
    scores: dict[str, dict[str, Any]] = field(default_factory=dict)
    thresholds: dict[str, list[float]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    epochs: dict[str, list[int]] = field(default_factory=dict)
    folds: int = 5
    # the kind of every candidate that is no act (NEGATIVE_KINDS), in candidate order
    negative_kinds: dict[str, int] = field(default_factory=dict)
    # per decider, the ROC AUC of the acts against the candidates of one negative kind
    auc_by_kind: dict[str, dict[str, float]] = field(default_factory=dict)


Chances = list[list[float]]
Predict = Callable[[Sequence[Candidates], Sequence[Candidates]], Chances]


def _score(
    scorer: Any, articles: Sequence[Candidates], chances: Sequence[Sequence[float]], cut: float
) -> dict[str, Any]:
    from tradewar.news.learned import _score as pooled

    return pooled(scorer, articles, chances, cut)


def _best_threshold(
    scorer: Any, articles: Sequence[Candidates], chances: Sequence[Sequence[float]]
) -> float:
    """The threshold of THRESHOLD_GRID with the best core F1 (ties: the lowest, drop less)."""
    return max(
        THRESHOLD_GRID,
        key=lambda cut: (_score(scorer, articles, chances, cut)["core"]["f1"], -cut),
    )


def _out_of_fold(
    articles: Sequence[Candidates], predict: Predict, folds: int, seed: int
) -> Chances:
    """Each article's candidate probabilities from a model trained on the other folds."""
    from tradewar.news.evaluate import folds_by_article

    chances: Chances = [[] for _ in articles]
    for test in folds_by_article(len(articles), min(folds, len(articles)), seed):
        held = set(test)
        training = [c for i, c in enumerate(articles) if i not in held]
        for index, row in zip(test, predict(training, [articles[i] for i in test]), strict=True):
            chances[index] = row
    return chances


def _one_class(articles: Sequence[Candidates]) -> bool:
    return len({y for c in articles for y in c.labels}) < 2


def _keep_all(articles: Sequence[Candidates]) -> Chances:
    return [[1.0] * len(c.events) for c in articles]


def logistic_predict(training: Sequence[Candidates], test: Sequence[Candidates]) -> Chances:
    """The logistic act filter of :mod:`tradewar.news.learned` trained on ``training``."""
    from tradewar.news.learned import _probabilities

    return _probabilities(training, test)


def encoder_predict(variant: Variant, log: list[EncoderModel] | None = None) -> Predict:
    """A function that trains the variant's encoder on some articles (keeping everything
    when they hold one class) and gives its probabilities for others."""

    def predict(training: Sequence[Candidates], test: Sequence[Candidates]) -> Chances:
        if _one_class(training):
            return _keep_all(test)
        model = fit_on_articles(training, variant.options, architecture=variant.architecture)
        if log is not None:
            log.append(model)
        return [model.probabilities(texts_of(c, variant.options)) if c.events else [] for c in test]

    return predict


def stacked_rows(
    articles: Sequence[Candidates], chances: Sequence[Sequence[float]]
) -> list[list[dict[str, float]]]:
    """Each candidate's act features plus the encoder's probability (feature ``encoder``)."""
    return [
        [{**row, "encoder": chance} for row, chance in zip(c.rows, probs, strict=True)]
        for c, probs in zip(articles, chances, strict=True)
    ]


def _with_rows(
    articles: Sequence[Candidates], rows: Sequence[list[dict[str, float]]]
) -> list[Candidates]:
    return [Candidates(c.item, c.events, r, c.labels) for c, r in zip(articles, rows, strict=True)]


@dataclass
class _Decided:
    """One decider's out-of-fold probabilities, kept marks and thresholds."""

    scores: Chances
    kept: Chances
    cuts: list[float] = field(default_factory=list)
    seconds: float = 0.0
    log: list[EncoderModel] = field(default_factory=list)


def cross_validate_encoder(
    labelled: Sequence[LabelledArticle] | Sequence[Candidates],
    scorer: Any,
    *,
    variants: Sequence[Variant] = VARIANTS,
    stack: str | None = VARIANTS[0].name,
    k: int = 5,
    inner_folds: int = INNER_FOLDS,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> EncoderCV:
    """Rules alone, the logistic act filter, each encoder variant and the stack of the
    logistic filter with the variant named ``stack``, by ``k``-fold CV by article (the folds
    of ``tradewar news evaluate``).

    In each outer fold every decider is trained on the other folds only.  Its threshold is
    the best of THRESHOLD_GRID for the training folds' out-of-fold probabilities of an inner
    ``inner_folds``-fold CV.  The stack's logistic regression is trained on the act features
    plus the encoder's inner out-of-fold probabilities of the training articles (never an
    encoder that saw the article it scores) and applied to the test fold with the
    probabilities of the encoder trained on all the training folds; its threshold comes from
    an inner CV of that regression over the same inner probabilities.
    """
    from tradewar.news.evaluate import folds_by_article

    pool = [a if isinstance(a, Candidates) else None for a in labelled]
    if any(a is None for a in pool):
        pool = list(candidates_of(labelled))  # type: ignore[arg-type]
    articles: list[Candidates] = [a for a in pool if a is not None]
    result = EncoderCV(
        articles=len(articles),
        candidates=sum(len(c.events) for c in articles),
        acts=sum(sum(c.labels) for c in articles),
        folds=k,
    )
    result.scores["rules"] = _score(scorer, articles, _keep_all(articles), 0.5)
    names = ["logistic", *(v.name for v in variants)]
    stacked = f"logistic+{stack}" if stack is not None else None
    decided = {
        name: _Decided([[] for _ in articles], [[] for _ in articles])
        for name in [*names, *([stacked] if stacked else [])]
    }
    predictors: dict[str, Predict] = {"logistic": logistic_predict}
    for variant in variants:
        predictors[variant.name] = encoder_predict(variant, decided[variant.name].log)
    for test in folds_by_article(len(articles), k, seed):
        held = set(test)
        training = [c for i, c in enumerate(articles) if i not in held]
        testing = [articles[i] for i in test]
        for name in names:
            started = time.process_time()
            inner = _out_of_fold(training, predictors[name], inner_folds, seed)
            outer = predictors[name](training, testing)
            _record(decided[name], test, outer, _best_threshold(scorer, training, inner))
            spent = time.process_time() - started
            decided[name].seconds += spent
            if name == stack and stacked is not None:
                started = time.process_time()
                stack_training = _with_rows(training, stacked_rows(training, inner))
                stack_inner = _out_of_fold(stack_training, logistic_predict, inner_folds, seed)
                stack_outer = logistic_predict(
                    stack_training, _with_rows(testing, stacked_rows(testing, outer))
                )
                cut = _best_threshold(scorer, stack_training, stack_inner)
                _record(decided[stacked], test, stack_outer, cut)
                decided[stacked].seconds += time.process_time() - started + spent
        if progress is not None:
            progress(f"fold of {len(test)} articles done")
    labels = [y for c in articles for y in c.labels]
    kinds = [kind for c in articles for kind in negative_kinds(c)]
    result.negative_kinds = {kind: kinds.count(kind) for kind in NEGATIVE_KINDS}
    for name, found in decided.items():
        flat = [p for row in found.scores for p in row]
        result.auc[name] = roc_auc(labels, flat)
        result.auc_by_kind[name] = {
            kind: roc_auc(
                [y for y, k in zip(labels, kinds, strict=True) if y or k == kind],
                [p for p, y, k in zip(flat, labels, kinds, strict=True) if y or k == kind],
            )
            for kind in NEGATIVE_KINDS
        }
        result.scores[name] = _score(scorer, articles, found.kept, 0.5)
        result.thresholds[name] = found.cuts
        result.seconds[name] = found.seconds
        result.epochs[name] = [m.epochs for m in found.log]
        if progress is not None:
            progress(_line(name, result))
    return result


NEGATIVE_KINDS = ("restated", "near miss", "no act")


def negative_kinds(candidates: Candidates) -> list[str]:
    """What each candidate that is no act is ('' for an act): "restated" when a gold event
    of its article is compatible with it (action and parties) but another candidate claimed
    it; "near miss" when a gold event's evidence lies in its sentence (most of the gold
    evidence's words) with another action or other parties; else "no act" (a mention, or
    an event no annotator labelled)."""
    from tradewar.news.learned import WORD, compatible

    found = []
    for event, is_act in zip(candidates.events, candidates.labels, strict=True):
        if is_act:
            found.append("")
        elif any(compatible(g, event) for g in candidates.item.gold):
            found.append("restated")
        elif any(
            _inside(str(g.get("evidence", "")), event.evidence, WORD) for g in candidates.item.gold
        ):
            found.append("near miss")
        else:
            found.append("no act")
    return found


def _inside(gold_evidence: str, sentence: str, word: re.Pattern[str]) -> bool:
    gold_words = set(word.findall(gold_evidence.lower()))
    return bool(gold_words) and len(gold_words & set(word.findall(sentence.lower()))) >= 0.5 * len(
        gold_words
    )


def _record(found: _Decided, test: Sequence[int], outer: Chances, cut: float) -> None:
    found.cuts.append(cut)
    for index, row in zip(test, outer, strict=True):
        found.scores[index] = row
        found.kept[index] = [1.0 if p >= cut else 0.0 for p in row]


def _line(name: str, result: EncoderCV) -> str:
    s = result.scores[name]
    auc = f"AUC={result.auc[name]:.3f}" if name in result.auc else "         "
    c, t = s["core"], s["strict"]
    return (
        f"{name:26} {auc} core P={c['precision']:.3f} R={c['recall']:.3f} F1={c['f1']:.3f} "
        f"strict F1={t['f1']:.3f} (pred={c['pred']})"
    )


def report(result: EncoderCV) -> str:
    """The CV table: ROC AUC and pooled core/strict scores of every decider."""
    lines = [
        f"{result.articles} articles, {result.candidates} candidates ({result.acts} acts), "
        f"{result.folds}-fold CV by article; thresholds by inner CV on the training folds"
    ]
    for name in result.scores:
        extra = ""
        if name in result.thresholds:
            extra = f"  thresholds {result.thresholds[name]}, {result.seconds[name]:.0f} s CPU"
        lines.append(_line(name, result) + extra)
    counts = ", ".join(f"{kind} {n}" for kind, n in result.negative_kinds.items())
    lines.append(f"candidates that are no act: {counts}; ROC AUC of the acts against each kind:")
    for name, by_kind in result.auc_by_kind.items():
        aucs = "  ".join(f"{kind} {auc:.3f}" for kind, auc in by_kind.items())
        lines.append(f"{name:26} {aucs}")
    return "\n".join(lines)


def _to_stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m tradewar.news.encoder [--labelled DIR] [--scorer score.py]``: the
    encoder's cross-validation against the rules and the logistic act filter."""
    import argparse
    from pathlib import Path

    from tradewar.news.evaluate import all_labelled, load_scorer

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=Path("../shared/news/score.py"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--inner-folds", type=int, default=INNER_FOLDS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--variant",
        action="append",
        choices=[v.name for v in VARIANTS],
        help="the encoder variants to compare (repeat; default: all)",
    )
    parser.add_argument(
        "--stack",
        default=VARIANTS[0].name,
        help="the variant stacked with the logistic filter, or 'none'",
    )
    args = parser.parse_args(argv)
    chosen = [v for v in VARIANTS if not args.variant or v.name in args.variant]
    stack = None if args.stack == "none" else args.stack
    if stack is not None and stack not in {v.name for v in chosen}:
        parser.error(f"--stack: value '{stack}'; expected one of the chosen variants or 'none'")
    result = cross_validate_encoder(
        all_labelled(args.labelled),
        load_scorer(args.scorer),
        variants=chosen,
        stack=stack,
        k=args.folds,
        inner_folds=args.inner_folds,
        seed=args.seed,
        progress=_to_stderr,
    )
    sys.stdout.write(report(result) + "\n")


if __name__ == "__main__":
    main()
