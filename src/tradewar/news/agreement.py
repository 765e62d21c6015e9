"""How far two annotators agree on the same articles, and where the extractor stands.

A sample of the labelled articles was labelled a second time, by annotators who read the
labelling guide (``docs/news-labelling.md``) and worked examples from other articles but
never saw the first labels, the extractor's rules or its output (``data/labelled/second``,
whose README gives the protocol).  Scoring the second annotation against the first with the
shared scorer gives the *agreement* between two careful readers of the guide: core and
strict F1, per action and per slot.  No extractor can be expected to agree with one
annotator more than another annotator does; the agreement is the ceiling its scores are
read against.

The study is a fixed record: the first annotation as it stood when the second was made
(``first.jsonl``; the development set's three articles come from the shared set, which is
never changed), the second annotation (``gold.jsonl``), and the adjudicators' verdict on every
disagreement (``adjudication.jsonl``).  Where a verdict found the first annotation wrong, the
labelled set itself was corrected afterwards; scoring against the corrected labels is reported
as "adjudicated", never mixed into the agreement.

The same sample's rule extractions are scored against each annotation too, so the figures
come from the same articles.  Core F1 is symmetric (precision and recall swap when the two
sides swap); strict F1 is not, since only the slots the side taken as gold fills are
checked.  Both directions are reported.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from types import ModuleType
from typing import Any

from tradewar.news.errors import InvalidArticle
from tradewar.news.extract import Article, extract_events
from tradewar.news.learned import LabelledArticle

#: The comparisons :func:`agreement` returns, by key, with the words every report uses.
COMPARISONS: dict[str, str] = {
    "second_vs_first": "second annotator, against the first",
    "first_vs_second": "first annotator, against the second",
    "rules_vs_first": "rules, against the first annotator",
    "rules_vs_second": "rules, against the second annotator",
    "rules_vs_adjudicated": "rules, against the adjudicated labels",
}


def table_row(label: str, scores: dict[str, Any]) -> str:
    """One Markdown row: core precision, recall and F1, and strict F1 (3 decimals)."""
    core, strict = scores["core"], scores["strict"]
    return (
        f"| {label} | {core['precision']:.3f} | {core['recall']:.3f} | {core['f1']:.3f} "
        f"| {strict['f1']:.3f} |"
    )


@dataclass(frozen=True)
class SecondAnnotation:
    """The articles labelled a second time and the second annotators' events (gold schema).

    ``first_events`` is the first annotation of the sampled articles as it stood when the
    second was made, for every article not in ``first_from_labelled`` (those take their
    first labels from the labelled set passed to :func:`agreement`: the development set's,
    which never change).  ``verdicts`` are the adjudicators' records, one per disagreement.
    """

    article_ids: tuple[str, ...]
    events: tuple[dict[str, Any], ...]
    first_events: tuple[dict[str, Any], ...] = ()
    first_from_labelled: tuple[str, ...] | None = None  # None: all from the labelled set
    verdicts: tuple[dict[str, Any], ...] = ()


def bundled_second_annotation() -> SecondAnnotation:
    """The agreement study shipped with the package (``data/labelled/second``)."""
    folder = resources.files("tradewar.news") / "data" / "labelled" / "second"
    sample = json.loads((folder / "sample.json").read_text(encoding="utf-8"))

    def lines(name: str) -> tuple[dict[str, Any], ...]:
        text = (folder / name).read_text(encoding="utf-8")
        return tuple(json.loads(line) for line in text.splitlines() if line.strip())

    return SecondAnnotation(
        article_ids=tuple(sample["articles"]),
        events=lines("gold.jsonl"),
        first_events=lines("first.jsonl"),
        first_from_labelled=tuple(sample["first_from_development_set"]),
        verdicts=lines("adjudication.jsonl"),
    )


def agreement(
    labelled: Sequence[LabelledArticle], second: SecondAnnotation, scorer: ModuleType
) -> dict[str, Any]:
    """The second annotation against the first, and the rules' events against both, over the
    doubly labelled articles (the shared scorer's result for each, condensed).

    Raises
    ------
    InvalidArticle
        When a doubly labelled article is not among ``labelled`` (the development set's
        articles need ``--labelled ../shared/news/dev``), or a second event names an article
        outside the sample.
    """
    by_id = {str(item.record["id"]): item for item in labelled}
    missing = [i for i in second.article_ids if i not in by_id]
    if missing:
        raise InvalidArticle(
            f"second annotation: articles {', '.join(missing)} are not among the labelled "
            "articles; expected them all (pass --labelled ../shared/news/dev for the "
            "development set's)",
            field="labelled",
        )
    strays = sorted({str(e["article_id"]) for e in second.events} - set(second.article_ids))
    if strays:
        raise InvalidArticle(
            f"second annotation: events of articles {', '.join(strays)} outside the sample "
            f"{list(second.article_ids)}",
            field="article_id",
        )
    sample = [by_id[i] for i in second.article_ids]
    first = _first_annotation(sample, second)
    adjudicated = [g for item in sample for g in item.gold]
    extracted = [
        event.to_json()
        for item in sample
        for event in extract_events(Article.from_record(item.record))
    ]
    second_events = list(second.events)
    consensus, either = _consensus_and_either(first, second_events, scorer)
    return {
        "articles": len(sample),
        "article_ids": list(second.article_ids),
        "first_events": len(first),
        "second_events": len(second_events),
        "second_vs_first": _condensed(scorer.score(first, second_events)),
        "first_vs_second": _condensed(scorer.score(second_events, first)),
        "rules_vs_first": _condensed(scorer.score(first, extracted)),
        "rules_vs_second": _condensed(scorer.score(second_events, extracted)),
        "rules_vs_adjudicated": _condensed(scorer.score(adjudicated, extracted)),
        "adjudicated_events": len(adjudicated),
        "adjudication": _verdict_counts(second.verdicts),
        "consensus_events": len(consensus),
        "rules_recall_of_consensus": scorer.score(consensus, extracted)["core"]["recall"],
        "rules_precision_against_either": scorer.score(either, extracted)["core"]["precision"],
    }


def _consensus_and_either(
    first: list[dict[str, Any]], second: list[dict[str, Any]], scorer: ModuleType
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The first annotator's events the second also labelled (matched one to one by the
    scorer's rule, article by article), and the events either labelled (the first's, plus
    the second's that match none of them)."""
    consensus: list[dict[str, Any]] = []
    either = list(first)
    for article_id in dict.fromkeys(str(e["article_id"]) for e in first + second):
        ours = [e for e in first if str(e["article_id"]) == article_id]
        theirs = [e for e in second if str(e["article_id"]) == article_id]
        pairs = scorer.assign(ours, theirs)
        consensus.extend(ours[i] for i, _ in pairs)
        matched = {j for _, j in pairs}
        either.extend(e for j, e in enumerate(theirs) if j not in matched)
    return consensus, either


def _first_annotation(
    sample: Sequence[LabelledArticle], second: SecondAnnotation
) -> list[dict[str, Any]]:
    """The first annotation of the sampled articles, as it stood when the second was made."""
    if second.first_from_labelled is None:
        return [g for item in sample for g in item.gold]
    from_labelled = set(second.first_from_labelled)
    found: list[dict[str, Any]] = []
    for item in sample:
        article_id = str(item.record["id"])
        if article_id in from_labelled:
            found.extend(item.gold)
        else:
            found.extend(e for e in second.first_events if str(e["article_id"]) == article_id)
    return found


def _verdict_counts(verdicts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """How the adjudicators decided the disagreements: by verdict, by category, and how
    many the guide did not settle."""
    by_category: dict[str, dict[str, int]] = {}
    for record in verdicts:
        row = by_category.setdefault(str(record["category"]), {})
        row[str(record["verdict"])] = row.get(str(record["verdict"]), 0) + 1
    return {
        "disagreements": len(verdicts),
        "by_verdict": dict(Counter(str(r["verdict"]) for r in verdicts).most_common()),
        "by_category": dict(sorted(by_category.items(), key=lambda kv: -sum(kv[1].values()))),
        "guide_gaps": sum(bool(r["guide_gap"]) for r in verdicts),
    }


def _condensed(result: dict[str, Any]) -> dict[str, Any]:
    """Core, strict, per-action F1 and slot accuracy of one scorer result."""
    return {
        "core": result["core"],
        "strict": result["strict"],
        "per_action_f1": {a: r["f1"] for a, r in sorted(result["per_action"].items())},
        "slot_accuracy": {s: r["acc"] for s, r in result["slot_accuracy"].items()},
        "modality_accuracy": result["modality_accuracy"],
    }
