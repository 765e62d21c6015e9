"""One act told twice: a learned, article-level decision over the event layer.

The rules' event layer (:mod:`tradewar.news.merging`) merges the mentions of one act whose
slots agree.  Many false candidates that remain restate an act that another candidate of
the same article already gives: the same action by the same parties, told in the headline
and the body, in a recap or a quote.  No decision about one candidate can see that, so
this module decides about *pairs*: for every two candidates of an article with the same
key (action, actor and target; for talks and agreements, the set of participants), a
classifier gives the chance that they are one act.  Candidates are then clustered (complete
linkage: two groups join only when every pair across them is above the threshold), and each
cluster becomes one event: its most informative member (the most slots filled; ties to the
first in the text), with the slots it leaves open filled from the others in text order.

Labels come from the gold alignment of :func:`tradewar.news.learned.gold_matches` (each
gold event claims one compatible candidate):

* *distinct*: both candidates matched, to different gold events;
* *same act*: one matched, the other not (it is then compatible with the gold event the
  first matched: it restates it).  When an unmatched candidate has several matched partners
  it is labelled with the one whose gold event its slots agree with best, and left out with
  the others (or with all, when two agree equally);
* both unmatched: left out of training (neither tells how many acts the group holds).

Features (:func:`pair_features`) compare the two candidates slot by slot (rates, goods,
dates and their granularity, length, place, legal basis, modality), where they stand
(sentences and characters apart, the same paragraph, headline or lead), how they were found
(trigger family and lemma, word overlap of the evidence), which is more specific, and the
article (how many candidates share the key, how many there are, its length).  No words of
the article are features.

:func:`cross_validate_joint` (``python -m tradewar.news.joint --labelled DIR``) measures the
decision by the protocol of :func:`tradewar.news.learned.cross_validate_act_filter`: 5 folds
by article (seed 0), each fold's model trained on the other folds, its threshold the one
with the best core F1 in an inner 4-fold cross-validation on those folds only.  Beside the
learned models (:data:`MODELS`) it scores two deciders without learning (merge when no slot
conflicts; and when the goods agree too), the ceiling of perfect pair decisions, and the
development set with each decider trained on the bundled articles.

Over the 301 labelled articles no learned pair model reaches the margin for ``--learned``
(+0.005 core, no fall of strict or of the development set): their ROC AUC is 0.61-0.70, and
the decider without learning (``agree-goods``) does better than they do.  That decider, with
a guard for sentences that sum up several measures, is shipped as a rule
(:func:`merge_restatements`, called by :func:`tradewar.news.pipeline.rule_events`); it
moved the unseen held-out sets 15-17 by +0.008 core (docs/news.md, "Is a restated act one
act?").  The learned models stay a measurement.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tradewar.news.act_ranker import score_levels
from tradewar.news.learned import RANDOM_STATE, LabelledArticle, gold_matches
from tradewar.news.merging import one_easing_period, plan_beside_pause
from tradewar.news.schema import JOINT_ACTIONS, Event

#: Thresholds on the same-act chance tried by the inner cross-validation; above 1, never merge.
MERGE_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
INNER_FOLDS = 4
JOINT_C = 0.3  # inverse L2 strength of the pair regression (a few hundred labelled pairs)
SLOTS_C = 1.0  # the same for the regression over the slot relations only (fewer features)
BOOSTING = {
    "max_iter": 150,
    "learning_rate": 0.05,
    "max_leaf_nodes": 8,
    "min_samples_leaf": 8,
    "l2_regularization": 1.0,
}
WORD = re.compile(r"[a-z]+")
RATE_SLOTS = ("rate_to", "rate_from", "rate_change")
DATE_SLOTS = ("event_date", "effective_date", "end_date")
OTHER_SLOTS = ("duration", "location", "legal_basis")
#: the slots a cluster's kept event takes from its other members when it leaves them open
FILLED_SLOTS = (*RATE_SLOTS, *DATE_SLOTS, "duration", "duration_text", "unit", "location",
                "legal_basis")  # fmt: skip
#: the slots counted to find a cluster's most informative member
CONTENT_SLOTS = (*RATE_SLOTS, "event_date", "effective_date", "duration", "location")
#: how two candidates' goods may relate and still be one act for ``agree-goods``
AGREEING_GOODS = frozenset({"none", "one", "same", "vague"})


def event_key(event: Event) -> tuple[str, Any, Any]:
    """What two mentions of one act share: the action and its parties (for talks and
    agreements the set of participants, order ignored)."""
    if event.action in JOINT_ACTIONS:
        parts = frozenset(
            part for value in (event.actor, event.target) if value for part in value.split("+")
        )
        return (event.action, parts, None)
    return (event.action, event.actor, event.target)


# ---------------------------------------------------------------------------------------
# Where each candidate stands in its article


@dataclass(frozen=True)
class Layout:
    """Where an article's sentences and paragraphs start (offsets into the cleaned text,
    which evidence spans point into) and how long the text is (characters)."""

    sentence_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...]
    length: int

    @classmethod
    def of_text(cls, text: str) -> Layout:
        """The layout of a cleaned text: its sentences (the extractor's) and its lines."""
        from tradewar.news.sentences import sentences

        starts = tuple(sorted({s.start for s in sentences(text)}))
        paragraphs = (0, *(m.end() for m in re.finditer(r"\n\s*", text)))
        return cls(starts or (0,), tuple(sorted(set(paragraphs))), len(text))

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(_position(self.sentence_starts, offset), 0)

    def paragraph_of(self, offset: int) -> int:
        """The index of the paragraph (line block) holding a character offset."""
        return max(_position(self.paragraph_starts, offset), 0)


def _position(starts: Sequence[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1


def layout_of(article: Any) -> Layout:
    """The layout of an :class:`~tradewar.news.sentences.Article`'s cleaned text."""
    from tradewar.news.clean import clean_html, clean_text

    cleaned = clean_html(article.text) if article.html else clean_text(article.text)
    return Layout.of_text(cleaned.text)


# ---------------------------------------------------------------------------------------
# Pair labels from the gold alignment


def same_key_pairs(events: Sequence[Event]) -> list[tuple[int, int]]:
    """Every two candidates (indices, first < second) with the same key."""
    keys = [event_key(e) for e in events]
    return [
        (i, j) for i in range(len(events)) for j in range(i + 1, len(events)) if keys[i] == keys[j]
    ]


def pair_labels(
    events: Sequence[Event], gold: Sequence[dict[str, Any]]
) -> dict[tuple[int, int], bool | None]:
    """For each same-key pair: True (one act), False (two gold acts) or None (left out),
    from :func:`~tradewar.news.learned.gold_matches` (module docstring)."""
    matches = gold_matches(events, gold)
    pairs = same_key_pairs(events)
    labels: dict[tuple[int, int], bool | None] = {}
    partner = _restated_partners(events, gold, matches, pairs)
    for i, j in pairs:
        if matches[i] is not None and matches[j] is not None:
            labels[(i, j)] = False
        elif matches[i] is None and matches[j] is None:
            labels[(i, j)] = None
        else:
            unmatched, matched = (i, j) if matches[i] is None else (j, i)
            labels[(i, j)] = True if partner.get(unmatched) == matched else None
    return labels


def _restated_partners(
    events: Sequence[Event],
    gold: Sequence[dict[str, Any]],
    matches: Sequence[int | None],
    pairs: Sequence[tuple[int, int]],
) -> dict[int, int]:
    """For each unmatched candidate, the matched same-key candidate it restates: the one
    whose gold event agrees with it on most slots (none when two agree equally)."""
    partners: dict[int, list[int]] = {}
    for i, j in pairs:
        for a, b in ((i, j), (j, i)):
            if matches[a] is None and matches[b] is not None:
                partners.setdefault(a, []).append(b)
    chosen: dict[int, int] = {}
    for unmatched, candidates in partners.items():
        agreement = {
            b: _slot_agreement(gold[int(matches[b])], events[unmatched])  # type: ignore[arg-type]
            for b in candidates
        }
        best = max(agreement.values())
        winners = [b for b, value in agreement.items() if value == best]
        if len(winners) == 1:
            chosen[unmatched] = winners[0]
    return chosen


def _slot_agreement(gold: dict[str, Any], event: Event) -> float:
    """How many of a gold event's filled slots a candidate gives the same (rates, dates by
    the gold's precision, length, product groups), plus the share of evidence words."""
    score = 0.0
    for name in (*RATE_SLOTS, "duration"):
        if gold.get(name) is not None and gold.get(name) == getattr(event, name):
            score += 1
    for name in ("event_date", "effective_date"):
        value, mine = gold.get(name), getattr(event, name)
        if value is not None and mine is not None and str(mine)[: len(value)] == value:
            score += 1
    groups = set(gold.get("product_groups") or [])
    if groups and groups & set(event.product_groups):
        score += 1
    words = set(WORD.findall(str(gold.get("evidence", "")).lower()))
    if words:
        score += len(words & set(WORD.findall(event.evidence.lower()))) / len(words)
    return score


# ---------------------------------------------------------------------------------------
# Pair features


def _relation(x: Any, y: Any) -> str:
    if x is None and y is None:
        return "none"
    if x is None or y is None:
        return "one"
    return "same" if x == y else "differ"


def _date_relation(x: str | None, y: str | None) -> str:
    """none, one, same, nested (one date holds the other: a year its months, a month its
    days) or differ."""
    if x is None or y is None:
        return _relation(x, y)
    if x == y:
        return "same"
    return "nested" if x.startswith(y) or y.startswith(x) else "differ"


def _grain(value: str | None) -> str:
    return {None: "-", 4: "y", 7: "m"}.get(None if value is None else len(value), "d")


def _groups_relation(a: Event, b: Event) -> tuple[str, float]:
    """How the two candidates' product groups relate, and their Jaccard share."""
    x, y = set(a.product_groups), set(b.product_groups)
    if not x and not y:
        return "none", 0.0
    if not x or not y:
        return "one", 0.0
    share = len(x & y) / len(x | y)
    if x == y:
        return ("vague" if x <= {"all_goods"} else "same"), share
    if x <= y or y <= x:
        return "nested", share
    return ("overlap" if x & y else "disjoint"), share


def _trigger(event: Event) -> tuple[str, str]:
    """The family and lemma of the trigger that gave the candidate ('-' when none)."""
    from tradewar.news.act_features import trigger_offset
    from tradewar.news.frames import parse

    found = trigger_offset(event)
    if found is None:
        return "-", "-"
    offset, family = found
    token = next((t for t in parse(event.evidence) if t.idx <= offset < t.idx + len(t)), None)
    return family, "-" if token is None else str(token.lemma_).lower()


def _content(event: Event) -> int:
    return sum(getattr(event, name) is not None for name in CONTENT_SLOTS) + bool(
        event.product_groups
    )


def _bucket(value: int, edges: Sequence[int]) -> str:
    """The first edge a count does not exceed, as a label ('8+' beyond the last)."""
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def _headline_like(text: str) -> bool:
    stripped = text.strip()
    return not stripped.endswith((".", "”", '"', ";", ":", "’", "'"))


@dataclass(frozen=True)
class CandidateFacts:
    """What the pair features read of one candidate beyond its slots."""

    sentence: int
    paragraph: int
    family: str
    lemma: str


def candidate_facts(events: Sequence[Event], layout: Layout) -> list[CandidateFacts]:
    """The sentence, paragraph and trigger of each candidate."""
    found = []
    for event in events:
        start = event.evidence_span[0]
        family, lemma = _trigger(event)
        found.append(
            CandidateFacts(layout.sentence_of(start), layout.paragraph_of(start), family, lemma)
        )
    return found


def pair_features(
    events: Sequence[Event],
    i: int,
    j: int,
    layout: Layout,
    facts: Sequence[CandidateFacts],
) -> dict[str, float]:
    """The features of the pair (i, j) of one article's candidates (names with 0-1 values
    for a ``DictVectorizer``; module docstring).  ``i`` and ``j`` may come in any order:
    the earlier in the text is read as the first."""
    a, b = sorted((events[i], events[j]), key=lambda e: e.evidence_span)
    fa, fb = (facts[i], facts[j]) if events[i] is a else (facts[j], facts[i])
    found: dict[str, float] = {f"action={a.action}": 1.0}
    found.update(_slot_features(a, b))
    found.update(_place_features(a, b, fa, fb, layout))
    found.update(_wording_features(a, b, fa, fb))
    found.update(_context_features(a, events, layout))
    return found


def _slot_features(a: Event, b: Event) -> dict[str, float]:
    found: dict[str, float] = {}
    relations = []
    for name in (*RATE_SLOTS, *OTHER_SLOTS):
        relation = _relation(getattr(a, name), getattr(b, name))
        relations.append(relation)
        found[f"{name}={relation}"] = 1.0
    for name in DATE_SLOTS:
        x, y = getattr(a, name), getattr(b, name)
        relation = _date_relation(x, y)
        relations.append(relation)
        found[f"{name}={relation}"] = 1.0
        if name != "end_date":
            found[f"{name}_grain={'/'.join(sorted((_grain(x), _grain(y))))}"] = 1.0
    groups, share = _groups_relation(a, b)
    relations.append(groups)
    found[f"products={groups}"] = 1.0
    found["products_share"] = share
    found["conflicts"] = min(relations.count("differ"), 3) / 3
    found["agreements"] = min(relations.count("same"), 3) / 3
    no_conflict = "differ" not in relations and groups != "disjoint"
    found["no_conflict"] = float(no_conflict)
    # no conflict and the same goods (or one side's open or vague): export controls on
    # nested goods (an entity list and a wider rule) are distinct acts by the guide
    found["agreeing_goods_no_conflict"] = float(no_conflict and groups in AGREEING_GOODS)
    same_modality = a.modality == b.modality
    found["same_modality"] = float(same_modality)
    found[f"modalities={'/'.join(sorted((a.modality, b.modality)))}"] = 1.0
    found["one_background"] = float((a.modality == "background") != (b.modality == "background"))
    content_a, content_b = _content(a), _content(b)
    found["content_first"] = content_a / len(CONTENT_SLOTS)
    found["content_second"] = content_b / len(CONTENT_SLOTS)
    found["first_more_specific"] = float(content_a > content_b)
    found["second_more_specific"] = float(content_b > content_a)
    found["one_bare"] = float(min(content_a, content_b) == 0)
    found["merged_mentions"] = min(len(a.also_evidence) + len(b.also_evidence), 4) / 4
    return found


def _place_features(
    a: Event, b: Event, fa: CandidateFacts, fb: CandidateFacts, layout: Layout
) -> dict[str, float]:
    sentences_apart = abs(fb.sentence - fa.sentence)
    characters_apart = abs(b.evidence_span[0] - a.evidence_span[0])
    return {
        "same_sentence": float(a.evidence_span == b.evidence_span),
        f"sentences_apart={_bucket(sentences_apart, (0, 1, 3, 7))}": 1.0,
        "sentences_apart_log": min(math.log1p(sentences_apart) / math.log(50), 1.0),
        "characters_apart_share": characters_apart / max(layout.length, 1),
        "same_paragraph": float(fa.paragraph == fb.paragraph),
        "first_in_opening": float(fa.paragraph == 0 or fa.sentence == 0),
        "second_in_opening": float(fb.paragraph == 0 or fb.sentence == 0),
        "first_in_lead": float(fa.sentence <= 2),
        "second_in_lead": float(fb.sentence <= 2),
        "first_headline_like": float(_headline_like(a.evidence)),
        "second_headline_like": float(_headline_like(b.evidence)),
        "first_quoted": float(bool(re.search(r"[“”\"]", a.evidence))),
        "second_quoted": float(bool(re.search(r"[“”\"]", b.evidence))),
    }


def _wording_features(
    a: Event, b: Event, fa: CandidateFacts, fb: CandidateFacts
) -> dict[str, float]:
    words_a, words_b = (set(WORD.findall(e.evidence.lower())) for e in (a, b))
    union = words_a | words_b
    smaller = min(len(words_a), len(words_b)) or 1
    return {
        "same_family": float(fa.family == fb.family),
        "same_lemma": float(fa.lemma == fb.lemma and fa.lemma != "-"),
        f"families={'/'.join(sorted((fa.family, fb.family)))}": 1.0,
        "word_share": len(words_a & words_b) / len(union) if union else 0.0,
        "word_containment": len(words_a & words_b) / smaller,
    }


def _context_features(a: Event, events: Sequence[Event], layout: Layout) -> dict[str, float]:
    key = event_key(a)
    same_key = sum(event_key(e) == key for e in events)
    return {
        f"same_key={_bucket(same_key, (2, 3))}": 1.0,
        "candidates": min(len(events), 30) / 30,
        "article_length": min(layout.length, 20000) / 20000,
    }


# ---------------------------------------------------------------------------------------
# Articles, pairs and the pair model


@dataclass
class JointArticle:
    """One article's rule candidates, their layout and facts, and its same-key pairs with
    features and (for labelled articles) labels."""

    item: LabelledArticle
    events: list[Event]
    pairs: list[tuple[int, int]]
    rows: list[dict[str, float]]
    labels: list[bool | None]


def joint_article(item: LabelledArticle, events: list[Event] | None = None) -> JointArticle:
    """The pairs of one labelled article (``events``: its rule candidates, extracted when
    not given)."""
    from tradewar.news.extract import Article, rule_events

    article = Article.from_record(item.record)
    if events is None:
        events = rule_events(article)
    pairs = same_key_pairs(events)
    if not pairs:
        return JointArticle(item, events, [], [], [])
    layout = layout_of(article)
    facts = candidate_facts(events, layout)
    labels = pair_labels(events, item.gold)
    rows = [pair_features(events, i, j, layout, facts) for i, j in pairs]
    return JointArticle(item, events, pairs, rows, [labels[p] for p in pairs])


def joint_articles(labelled: Sequence[LabelledArticle]) -> list[JointArticle]:
    """:func:`joint_article` of every labelled article."""
    return [joint_article(item) for item in labelled]


#: The pair features of the ``lr-slots`` model: how the two candidates' slots relate, where
#: they stand and how alike their wording is (no action, grains, article or modality pair).
SLOT_RELATIONS = (
    "rate_to=", "event_date=", "effective_date=", "products=", "duration=", "location=",
    "products_share", "conflicts", "agreements", "no_conflict", "same_modality",
    "one_background", "content_", "first_more_specific", "second_more_specific", "one_bare",
    "merged_mentions", "sentences_apart_log", "same_paragraph", "first_in_opening",
    "second_in_opening", "word_share", "same_family", "same_lemma",
)  # fmt: skip


@dataclass(frozen=True)
class PairModel:
    """A model to compare: its name, how its estimator is made, which pair features it
    reads (name prefixes; empty: all), and whether it decides for pairs or for whole groups
    of candidates with one key (their pairs then share the group's chance)."""

    name: str
    make: Callable[[], Any]
    description: str
    features: tuple[str, ...] = ()
    grouped: bool = False  # decides for a whole same-key group at once (group_rows)

    def select(self, row: dict[str, float]) -> dict[str, float]:
        """The features of a pair this model reads."""
        if not self.features:
            return row
        return {name: value for name, value in row.items() if name.startswith(self.features)}


def _regression(c: float) -> Callable[[], Any]:
    def make() -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=c, max_iter=3000, random_state=RANDOM_STATE)

    return make


def _boosting() -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=RANDOM_STATE, **BOOSTING)


class NoConflict:
    """The baselines without learning: two candidates are one act (chance 1) when none of
    their slots differ and their goods are not disjoint (``agree``), and also agree
    (``agree-goods``).  It reads one column, the feature its model selects."""

    classes_ = (False, True)

    def fit(self, matrix: Any, labels: Sequence[bool]) -> NoConflict:
        """Nothing to learn."""
        return self

    def predict_proba(self, matrix: Any) -> Any:
        """Columns: the chance of two acts, of one act (the feature itself)."""
        import numpy as np

        chance = np.asarray(matrix, dtype=float)[:, 0]
        return np.column_stack([1.0 - chance, chance])


MODELS: dict[str, PairModel] = {
    model.name: model
    for model in (
        PairModel("agree", NoConflict, "no learning: one act when no slot conflicts",
                  ("no_conflict",)),
        PairModel("agree-goods", NoConflict, "no learning: one act when no slot conflicts "
                  "and the goods agree", ("agreeing_goods_no_conflict",)),
        PairModel("lr", _regression(JOINT_C), "logistic regression (C = 0.3), every feature"),
        PairModel("lr-slots", _regression(SLOTS_C), "logistic regression (C = 1), the slot, "
                  "place and wording relations only", SLOT_RELATIONS),
        PairModel("hgb", _boosting, "gradient boosting, every feature"),
        PairModel("group", _regression(JOINT_C), "logistic regression (C = 0.3): is a whole "
                  "same-key group one act, from its pairs' mean features", grouped=True),
    )
}  # fmt: skip


@dataclass
class SameActClassifier:
    """A fitted pair model, its vectorizer and the features it reads: the chance that two
    candidates are one act."""

    model: Any
    vectorizer: Any
    pair_model: PairModel
    threshold: float = 0.5

    def chances(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """The same-act chance of each pair's features."""
        if not rows:
            return []
        matrix = self.vectorizer.transform([self.pair_model.select(row) for row in rows])
        return [float(p) for p in self.model.predict_proba(matrix)[:, 1]]


def fit_pair_model(
    rows: Sequence[dict[str, float]], labels: Sequence[bool], model: PairModel | None = None
) -> SameActClassifier:
    """Fit a pair model (default: ``lr``) on labelled pairs.

    Raises
    ------
    ValueError
        When the pairs are of one class only (nothing to learn from).
    """
    from sklearn.feature_extraction import DictVectorizer
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    if len(set(labels)) < 2:
        raise ValueError(f"pairs: {len(labels)} labelled pairs of one class; expected both")
    pair_model = model or MODELS["lr"]
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform([pair_model.select(row) for row in rows])
    estimator = pair_model.make()
    with threadpool_limits(limits=1):  # one core: the machine is shared
        estimator.fit(matrix, list(labels))
    return SameActClassifier(estimator, vectorizer, pair_model)


def training_pairs(articles: Sequence[JointArticle]) -> tuple[list[dict[str, float]], list[bool]]:
    """The labelled pairs of some articles (pairs left out of training dropped)."""
    rows, labels = [], []
    for article in articles:
        for row, label in zip(article.rows, article.labels, strict=True):
            if label is not None:
                rows.append(row)
                labels.append(label)
    return rows, labels


# ---------------------------------------------------------------------------------------
# Clusters and the merged events


def clusters(
    count: int, chances: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Candidates grouped by complete linkage: pairs are taken from the most to the least
    likely to be one act, and two groups join only when every pair across them has a chance
    of at least ``threshold`` (a pair never scored, of other keys, blocks the join)."""
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    ordered = sorted(chances.items(), key=lambda item: (-item[1], item[0]))
    for (i, j), chance in ordered:
        if chance < threshold:
            break
        left, right = group_of[i], group_of[j]
        if left == right:
            continue
        if all(
            chances.get((min(x, y), max(x, y)), -1.0) >= threshold
            for x in members[left]
            for y in members[right]
        ):
            for x in members[right]:
                group_of[x] = left
            members[left].extend(members.pop(right))
    return sorted(sorted(group) for group in members.values())


def merge_clusters(
    events: list[Event], chances: dict[tuple[int, int], float], threshold: float
) -> list[Event]:
    """One event per cluster (:func:`clusters`): the kept member, with the open slots filled
    from the others, at the place in the list of the kept member."""
    kept: dict[int, Event] = {}
    for group in clusters(len(events), chances, threshold):
        keeper = max(group, key=lambda i: (_content(events[i]), -i))
        merged = events[keeper]
        for other in group:
            if other != keeper:
                merged = fill_from(merged, events[other])
        kept[keeper] = merged
    return [kept[i] for i in sorted(kept)]


def agreeing_restatement(first: Event, second: Event) -> bool:
    """Whether two same-key candidates restate one act by the rule without learning
    (``agree-goods``): no slot of theirs differs, and their goods are the same, or one
    side's are open or vague.  Export controls on nested goods (an entity list and a wider
    rule) stay apart, as the guide keeps them, and so do the pause of a planned tariff and a
    pause of tariffs in force."""
    if _umbrella(first) or _umbrella(second):
        return False
    if plan_beside_pause(first, second):
        return False
    if first.modality != second.modality and "threatened" in {first.modality, second.modality}:
        return False  # a threatened 100% tariff is not the tariffs imposed in April
    if one_easing_period(first, second):
        return True
    a, b = sorted((first, second), key=lambda e: e.evidence_span)
    return bool(_slot_features(a, b)["agreeing_goods_no_conflict"])


# a sentence announcing several measures at once ("issued two announcements, announcing a
# series of export control measures"): it sums up distinct acts, so it restates none of them
SEVERAL_MEASURES = re.compile(
    r"\b(?:a\s+(?:series|package|raft|slew|set|number)\s+of|several|multiple|"
    r"(?:two|three|four|five|six)\s+(?:new\s+)?(?:announcements|measures|orders|rules|"
    r"decrees|notices))\b",
    re.IGNORECASE,
)


def _umbrella(event: Event) -> bool:
    """Whether a candidate's sentence tells several measures at once."""
    return bool(SEVERAL_MEASURES.search(event.evidence))


def merge_restatements(events: list[Event]) -> list[Event]:
    """The shipped joint decision: candidates of one key that :func:`agreeing_restatement`
    pairs all with one another (complete linkage) become one event, the most informative
    one with its open slots filled from the others (:func:`merge_clusters`)."""
    pairs = same_key_pairs(events)
    if not pairs:
        return events
    chances = {(i, j): float(agreeing_restatement(events[i], events[j])) for i, j in pairs}
    return merge_clusters(events, chances, 1.0)


# acts whose target a mention may leave open while another names it: "China expands rare
# earths export controls" and "The new restrictions will take effect on 8 November" (on
# the US) tell one control
OPEN_TARGET_ACTIONS = frozenset(
    {"impose_export_control", "ease_export_control", "grant_licence", "impose_tariff",
     "raise_tariff", "cut_tariff", "suspend_tariff"}
)  # fmt: skip
# ... unless the open mention is global: "a global 10 percent tariff", "applies to all
# trading partners" is another act than the tariff on China
GLOBAL_SCOPE = re.compile(
    r"\b(?:global|globally|universal|baseline|worldwide|all\s+countries|trading\s+partners)\b",
    re.I,
)


def merge_open_targets(events: list[Event]) -> list[Event]:
    """A mention with no target merged into a mention of the same act by the same actor that
    names one (the first such that :func:`agreeing_restatement` pairs with it), its slots
    filling the named one's open slots."""
    merged = list(events)
    open_mentions = [
        e
        for e in events
        if e.target is None
        and e.action in OPEN_TARGET_ACTIONS
        and not (e.action.endswith("tariff") and GLOBAL_SCOPE.search(e.evidence))
    ]
    for event in open_mentions:
        twin = next(
            (
                i
                for i, other in enumerate(merged)
                if other is not event
                and other.target is not None
                and (other.action, other.actor) == (event.action, event.actor)
                and agreeing_restatement(other, event)
            ),
            None,
        )
        if twin is not None:
            merged[twin] = fill_from(merged[twin], event)
            merged = [e for e in merged if e is not event]
    return merged


def fill_from(into: Event, other: Event) -> Event:
    """A copy of ``into`` with the slots it leaves open taken from ``other`` (a year or
    month refined by a finer date within it), and ``other``'s sentences as also-evidence."""
    merged = into.model_copy(deep=True)
    for name in ("event_date", "effective_date"):
        mine, theirs = getattr(merged, name), getattr(other, name)
        finer = mine is not None and theirs is not None and len(mine) < len(theirs)
        if finer and theirs.startswith(mine):
            setattr(merged, name, theirs)
    for name in FILLED_SLOTS:
        if getattr(merged, name) is None and getattr(other, name) is not None:
            setattr(merged, name, getattr(other, name))
    if not merged.products and other.products:
        merged.products, merged.product_groups = list(other.products), list(other.product_groups)
    for text in (other.evidence, *other.also_evidence):
        if text != merged.evidence and text not in merged.also_evidence:
            merged.also_evidence.append(text)
    return merged


# ---------------------------------------------------------------------------------------
# Nested cross-validation


@dataclass
class FoldScores:
    """One outer fold: its threshold and the core and strict F1 of the rules and the joint
    decision over its articles."""

    threshold: float
    rules_core: float
    rules_strict: float
    joint_core: float
    joint_strict: float


@dataclass
class JointCV:
    """The nested cross-validation of one pair model against the rules alone."""

    model: str
    articles: int
    pairs: int
    same: int
    distinct: int
    auc: float
    rules: dict[str, Any]
    joint: dict[str, Any]
    folds: list[FoldScores] = field(default_factory=list)
    removed: int = 0
    seed: int = 0


@dataclass(frozen=True)
class KeyGroup:
    """The candidates of one article with one key, seen through their pairs: which pairs
    (indices into the article's pairs), their mean features, and whether the group is one
    act (no pair of it holds two gold acts), two or more (False), or unknown (None)."""

    pairs: tuple[int, ...]
    row: dict[str, float]
    label: bool | None


def key_groups(article: JointArticle) -> list[KeyGroup]:
    """The same-key groups of an article (every candidate of a key is paired with every
    other, so a group is the pairs that share their first member's key)."""
    keys = [event_key(article.events[i]) for i, _ in article.pairs]
    found = []
    for key in dict.fromkeys(keys):
        members = tuple(n for n, k in enumerate(keys) if k == key)
        names = {name for n in members for name in article.rows[n]}
        row = {
            name: sum(article.rows[n].get(name, 0.0) for n in members) / len(members)
            for name in names
        }
        size = len({i for n in members for i in article.pairs[n]})
        row[f"group_size={_bucket(size, (2, 3))}"] = 1.0
        labels = [article.labels[n] for n in members]
        label = False if False in labels else (True if labels else None)
        found.append(KeyGroup(members, row, label))
    return found


def _chances(
    articles: Sequence[JointArticle], training: Sequence[int], test: Sequence[int], model: PairModel
) -> dict[int, list[float]]:
    """Same-act chances of the test articles' pairs from a model fitted on the training
    articles' labelled pairs, or groups (never merge when those hold one class only)."""
    if model.grouped:
        groups = [g for i in training for g in key_groups(articles[i])]
        rows, labels = [g.row for g in groups], [bool(g.label) for g in groups]
    else:
        rows, labels = training_pairs([articles[i] for i in training])
    if len(set(labels)) < 2:
        return {i: [0.0] * len(articles[i].pairs) for i in test}
    classifier = fit_pair_model(rows, labels, model)
    if not model.grouped:
        return {i: classifier.chances(articles[i].rows) for i in test}
    found = {}
    for i in test:
        chances = [0.0] * len(articles[i].pairs)
        for group in key_groups(articles[i]):
            (chance,) = classifier.chances([group.row])
            for n in group.pairs:
                chances[n] = chance
        found[i] = chances
    return found


def _predictions(
    articles: Sequence[JointArticle],
    indices: Sequence[int],
    chances: dict[int, list[float]] | None,
    threshold: float,
) -> list[dict[str, Any]]:
    """The events of some articles as JSON, merged by the chances (rules alone: None)."""
    found: list[dict[str, Any]] = []
    for i in indices:
        article = articles[i]
        events = article.events
        if chances is not None and article.pairs:
            scored = dict(zip(article.pairs, chances[i], strict=True))
            events = merge_clusters(events, scored, threshold)
        found.extend(event.to_json() for event in events)
    return found


def _score(
    scorer: Any,
    articles: Sequence[JointArticle],
    indices: Sequence[int],
    chances: dict[int, list[float]] | None,
    threshold: float,
) -> dict[str, Any]:
    gold = [g for i in indices for g in articles[i].item.gold]
    result: dict[str, Any] = scorer.score(gold, _predictions(articles, indices, chances, threshold))
    return result


def choose_merge_threshold(
    articles: Sequence[JointArticle],
    indices: Sequence[int],
    scorer: Any,
    model: PairModel,
    *,
    seed: int = 0,
    folds: int = INNER_FOLDS,
) -> float:
    """The threshold of :data:`MERGE_GRID` with the best core F1 over ``indices`` by an inner
    cross-validation by article (ties go to the highest: merge less)."""
    from tradewar.news.evaluate import folds_by_article

    chances: dict[int, list[float]] = {}
    for inner in folds_by_article(len(indices), min(folds, len(indices)), seed):
        test = [indices[j] for j in inner]
        held = set(test)
        chances.update(_chances(articles, [i for i in indices if i not in held], test, model))

    def quality(cut: float) -> tuple[float, float]:
        return _score(scorer, articles, indices, chances, cut)["core"]["f1"], cut

    return max(MERGE_GRID, key=quality)


def cross_validate_joint(
    articles: Sequence[JointArticle],
    scorer: Any,
    model: str = "lr",
    *,
    k: int = 5,
    seed: int = 0,
) -> JointCV:
    """The rules alone against the rules and the joint decision by ``model`` (a name of
    :data:`MODELS`), ``k``-fold CV by article with the folds of ``tradewar news evaluate``
    (module docstring).

    Raises
    ------
    ValueError
        For a model name not in :data:`MODELS`.
    """
    from sklearn.metrics import roc_auc_score

    from tradewar.news.evaluate import folds_by_article

    if model not in MODELS:
        raise ValueError(f"model: {model!r} unknown; expected one of {sorted(MODELS)}")
    pair_model = MODELS[model]
    everyone = list(range(len(articles)))
    chances: dict[int, list[float]] = {}
    thresholds: dict[int, float] = {}
    folds = []
    for test in folds_by_article(len(articles), k, seed):
        held = set(test)
        training = [i for i in everyone if i not in held]
        cut = choose_merge_threshold(articles, training, scorer, pair_model, seed=seed)
        fold_chances = _chances(articles, training, test, pair_model)
        chances.update(fold_chances)
        thresholds.update({i: cut for i in test})
        rules = _score(scorer, articles, test, None, cut)
        joint = _score(scorer, articles, test, fold_chances, cut)
        folds.append(
            FoldScores(
                cut,
                rules["core"]["f1"],
                rules["strict"]["f1"],
                joint["core"]["f1"],
                joint["strict"]["f1"],
            )
        )
    merged = [
        event.to_json()
        for i in everyone
        for event in merge_clusters(
            articles[i].events,
            dict(zip(articles[i].pairs, chances[i], strict=True)),
            thresholds[i],
        )
    ]
    gold = [g for a in articles for g in a.item.gold]
    scored = [
        (label, p)
        for i in everyone
        for label, p in zip(articles[i].labels, chances[i], strict=True)
        if label is not None
    ]
    labels = [label for label, _ in scored]
    rules_pred = sum(len(a.events) for a in articles)
    return JointCV(
        model=model,
        articles=len(articles),
        pairs=sum(len(a.pairs) for a in articles),
        same=sum(labels),
        distinct=len(labels) - sum(labels),
        auc=(
            float(roc_auc_score(labels, [p for _, p in scored]))
            if len(set(labels)) == 2
            else float("nan")
        ),
        rules=scorer.score(gold, [e.to_json() for a in articles for e in a.events]),
        joint=scorer.score(gold, merged),
        folds=folds,
        removed=rules_pred - len(merged),
        seed=seed,
    )


def ceiling(articles: Sequence[JointArticle], scorer: Any) -> dict[str, Any]:
    """The scores of perfect pair decisions: every pair merged unless both candidates match
    gold events (two acts), with this module's clustering and filling; the shared scorer's
    result dict over all ``articles``."""
    chances = {
        i: [0.0 if label is False else 1.0 for label in article.labels]
        for i, article in enumerate(articles)
    }
    return _score(scorer, articles, list(range(len(articles))), chances, 0.5)


def train_joint(
    articles: Sequence[JointArticle], scorer: Any, model: str = "agree", *, seed: int = 0
) -> SameActClassifier:
    """A same-act decider fitted on every pair of ``articles``, its threshold chosen by the
    inner cross-validation over them (:func:`choose_merge_threshold`).

    Raises
    ------
    ValueError
        For a model name not in :data:`MODELS`, or pairs of one class only.
    """
    if model not in MODELS:
        raise ValueError(f"model: {model!r} unknown; expected one of {sorted(MODELS)}")
    everyone = list(range(len(articles)))
    threshold = choose_merge_threshold(articles, everyone, scorer, MODELS[model], seed=seed)
    decider = fit_pair_model(*training_pairs(articles), MODELS[model])
    decider.threshold = threshold
    return decider


@dataclass
class DevelopmentCheck:
    """The development set scored by the rules alone and with the joint decision trained on
    the other labelled articles (the shared scorer's result dicts)."""

    model: str
    articles: int
    threshold: float
    rules: dict[str, Any]
    joint: dict[str, Any]


def development_check(
    training: Sequence[JointArticle],
    development: Sequence[JointArticle],
    scorer: Any,
    model: str = "agree",
    *,
    seed: int = 0,
) -> DevelopmentCheck:
    """The rules against the rules and the joint decision on the ``development`` articles,
    the decision trained (model and threshold) on the ``training`` articles only."""
    decider = train_joint(training, scorer, model, seed=seed)
    gold = [g for a in development for g in a.item.gold]
    merged: list[dict[str, Any]] = []
    for article in development:
        chances = dict(zip(article.pairs, decider.chances(article.rows), strict=True))
        merged.extend(
            e.to_json() for e in merge_clusters(article.events, chances, decider.threshold)
        )
    return DevelopmentCheck(
        model=model,
        articles=len(development),
        threshold=decider.threshold,
        rules=scorer.score(gold, [e.to_json() for a in development for e in a.events]),
        joint=scorer.score(gold, merged),
    )


def report(results: Sequence[JointCV]) -> str:
    """The comparison as docs/news.md quotes it."""
    if not results:
        return ""
    first = results[0]
    lines = [
        f"{first.articles} articles, {first.pairs} same-key pairs ({first.same} one act, "
        f"{first.distinct} two acts, the rest left out), {len(first.folds)}-fold CV by article "
        f"(seed {first.seed}); thresholds by inner CV",
        f"{'rules':11} {'':9} {score_levels(first.rules)}",
    ]
    for result in results:
        lines.append(
            f"{result.model:11} AUC={result.auc:.3f} {score_levels(result.joint, result.rules)} "
            f"merged away {result.removed}; thresholds {[f.threshold for f in result.folds]}"
        )
        for number, fold in enumerate(result.folds, start=1):
            lines.append(
                f"  fold {number}: rules core {fold.rules_core:.3f} strict {fold.rules_strict:.3f}"
                f"  joint core {fold.joint_core:.3f} strict {fold.joint_strict:.3f}"
            )
    return "\n".join(lines)


def development_report(checks: Sequence[DevelopmentCheck]) -> str:
    """The development checks, one line each after the rules' line."""
    if not checks:
        return ""
    first = checks[0]
    lines = [
        f"development set, {first.articles} articles (trained on the other labelled articles)",
        f"{'rules':11} {score_levels(first.rules)}",
    ]
    for check in checks:
        lines.append(
            f"{check.model:11} {score_levels(check.joint, check.rules)} threshold {check.threshold}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m tradewar.news.joint [--labelled DIR] [--models agree,lr] [--seeds 0,1,2]``:
    the joint decision's nested cross-validation against the rules alone over every labelled
    article, per fold seed, and the check on the ``--labelled`` articles (the development
    set) with the decision trained on the bundled ones."""
    import argparse
    from pathlib import Path

    from tradewar.news.evaluate import load_labelled_dir, load_scorer
    from tradewar.news.learned import bundled_labelled

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--labelled", type=Path, action="append", default=[])
    parser.add_argument("--scorer", type=Path, default=Path("../shared/news/score.py"))
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated names")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", default="0", help="comma-separated fold seeds")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    names = [name.strip() for name in args.models.split(",") if name.strip()]
    unknown = [name for name in names if name not in MODELS]
    if unknown:
        parser.error(f"--models: {unknown} unknown; expected some of {sorted(MODELS)}")
    bundled = joint_articles(bundled_labelled())
    extra = joint_articles([i for d in args.labelled for i in load_labelled_dir(d)])
    articles = [*bundled, *extra]
    ids = [str(a.item.record["id"]) for a in articles]
    if len(set(ids)) != len(ids):
        parser.error("--labelled: an article id occurs twice; expected unique ids")
    best = ceiling(articles, scorer)
    sys.stdout.write(f"{'perfect pairs':21} {score_levels(best)} (pred={best['core']['pred']})\n")
    for seed in (int(part) for part in args.seeds.split(",")):
        results = [
            cross_validate_joint(articles, scorer, name, k=args.folds, seed=seed) for name in names
        ]
        sys.stdout.write(report(results) + "\n")
    if extra:
        checks = [development_check(bundled, extra, scorer, name) for name in names]
        sys.stdout.write(development_report(checks) + "\n")


if __name__ == "__main__":
    main()
