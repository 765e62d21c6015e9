"""The joint same-act decision (``python -m tradewar.news.joint``): pair labels from the gold
alignment, pair features, clustering and merging, and the nested cross-validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tradewar.news.evaluate import folds_by_article, load_scorer
from tradewar.news.joint import (
    MODELS,
    JointArticle,
    Layout,
    NoConflict,
    candidate_facts,
    ceiling,
    clusters,
    cross_validate_joint,
    development_check,
    event_key,
    fill_from,
    fit_pair_model,
    joint_article,
    joint_articles,
    key_groups,
    merge_clusters,
    pair_features,
    pair_labels,
    report,
    same_key_pairs,
    training_pairs,
)
from tradewar.news.learned import LabelledArticle, bundled_labelled
from tradewar.news.schema import Event

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "news" / "score.py"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "news.md"


def _event(text: str, start: int = 0, action: str = "impose_tariff", **slots: Any) -> Event:
    fields: dict[str, Any] = {"actor": "USA", "target": "CHN"} | slots
    return Event(
        article_id="T",
        action=action,
        evidence=text,
        evidence_span=(start, start + len(text)),
        **fields,
    )


def _gold(evidence: str, **slots: Any) -> dict[str, Any]:
    fields = {"actor": "USA", "target": "CHN", "action": "impose_tariff"} | slots
    return {"article_id": "T", "event_id": "T-G", "evidence": evidence, **fields}


HEADLINE = "US imposes 25% tariff on Chinese steel"
BODY = "The United States imposed a 25% tariff on steel from China on Monday."
OTHER = "It also imposed a 10% tariff on Chinese aluminium in March."


def test_talks_and_deals_are_keyed_by_their_participants_in_any_order() -> None:
    one = _event("x", action="hold_talks", actor="USA", target="CHN")
    other = _event("y", action="hold_talks", actor="CHN+USA", target=None)
    assert event_key(one) == event_key(other)
    assert event_key(_event("z")) != event_key(_event("z", actor="CHN", target="USA"))


def test_a_restatement_is_one_act_and_two_matched_mentions_are_two() -> None:
    events = [_event(HEADLINE, rate_to=25.0), _event(BODY, 40, rate_to=25.0)]
    assert pair_labels(events, [_gold(BODY, rate_to=25.0)]) == {(0, 1): True}
    two = [_gold(BODY, rate_to=25.0), _gold(HEADLINE, rate_to=25.0)]
    assert pair_labels(events, two) == {(0, 1): False}
    assert pair_labels(events, []) == {(0, 1): None}  # neither matched: left out
    assert pair_labels([events[0], _event(OTHER, 90, actor="CHN")], []) == {}  # other keys


def test_an_unmatched_mention_is_one_act_with_the_partner_whose_gold_it_agrees_with() -> None:
    events = [
        _event(BODY, rate_to=25.0, product_groups=["steel"]),
        _event(OTHER, 80, rate_to=10.0, product_groups=["aluminium"]),
        _event(HEADLINE, 160, rate_to=25.0),
    ]
    gold = [
        _gold(BODY, rate_to=25.0, product_groups=["steel"]),
        _gold(OTHER, rate_to=10.0, product_groups=["aluminium"]),
    ]
    assert pair_labels(events, gold) == {(0, 1): False, (0, 2): True, (1, 2): None}


def test_slot_relations_conflicts_and_nested_dates() -> None:
    layout = Layout.of_text(HEADLINE + "\n" + BODY + " " + OTHER)
    first = _event(HEADLINE, rate_to=25.0, event_date="2025")
    second = _event(BODY, len(HEADLINE) + 1, rate_to=25.0, event_date="2025-03-03")
    third = _event(OTHER, len(HEADLINE) + len(BODY) + 2, rate_to=10.0)
    events = [first, second, third]
    facts = candidate_facts(events, layout)
    agree = pair_features(events, 0, 1, layout, facts)
    assert agree["rate_to=same"] == agree["event_date=nested"] == agree["no_conflict"] == 1.0
    assert agree["event_date_grain=d/y"] == 1.0 and agree["same_paragraph"] == 0.0
    assert agree["first_headline_like"] == 1.0 and agree["second_headline_like"] == 0.0
    clash = pair_features(events, 1, 2, layout, facts)
    assert clash["rate_to=differ"] == 1.0 and clash["no_conflict"] == 0.0
    assert clash["same_paragraph"] == 1.0 and clash["sentences_apart=1"] == 1.0
    assert pair_features(events, 2, 1, layout, facts) == clash  # the earlier is the first


def test_nested_goods_are_no_conflict_but_do_not_agree() -> None:
    layout = Layout.of_text(BODY + " " + OTHER)
    wide = _event(BODY, product_groups=["rare_earths", "magnets"], action="impose_export_control")
    narrow = _event(OTHER, len(BODY) + 1, product_groups=["rare_earths"],
                    action="impose_export_control")  # fmt: skip
    row = pair_features([wide, narrow], 0, 1, layout, candidate_facts([wide, narrow], layout))
    assert row["products=nested"] == row["no_conflict"] == 1.0
    assert row["agreeing_goods_no_conflict"] == 0.0


def test_features_use_no_gold() -> None:
    item = next(i for i in bundled_labelled()[:40] if len(joint_article(i).pairs) >= 2)
    with_gold = joint_article(item)
    without = joint_article(LabelledArticle(item.record, []), with_gold.events)
    assert without.rows == with_gold.rows and without.pairs == with_gold.pairs
    assert all(label is None for label in without.labels)


def test_a_group_is_one_act_unless_a_pair_of_it_holds_two() -> None:
    events = [_event("a"), _event("b", 2), _event("c", 4), _event("d", 6, actor="CHN")]
    events.append(_event("e", 8, actor="CHN"))
    rows = [{"no_conflict": 1.0}, {"no_conflict": 0.0}, {"no_conflict": 0.0}, {"x": 1.0}]
    article = JointArticle(
        LabelledArticle({"id": "T"}, []),
        events,
        [(0, 1), (0, 2), (1, 2), (3, 4)],
        rows,
        [True, False, None, None],
    )
    three, two = key_groups(article)
    assert three.pairs == (0, 1, 2) and three.label is False  # (0, 2) are two gold acts
    assert three.row["no_conflict"] == pytest.approx(1 / 3)
    assert three.row["group_size=3"] == 1.0
    assert two.pairs == (3,) and two.label is True  # nothing matched: merging loses nothing
    assert two.row == {"x": 1.0, "group_size=2": 1.0}


def test_complete_linkage_joins_groups_only_when_every_pair_is_likely() -> None:
    chances = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.2}
    assert clusters(4, chances, 0.5) == [[0, 1], [2], [3]]
    assert clusters(4, chances, 0.1) == [[0, 1, 2], [3]]
    assert clusters(3, {(0, 1): 0.9, (1, 2): 0.9}, 0.5) == [[0, 1], [2]]  # (0, 2) unscored
    assert clusters(2, {(0, 1): 0.9}, 1.01) == [[0], [1]]  # above 1: never merge


def test_a_cluster_keeps_its_most_informative_member_and_fills_its_open_slots() -> None:
    bare = _event(HEADLINE, event_date="2025")
    full = _event(BODY, 40, rate_to=25.0, product_groups=["steel"], products=["steel"])
    other = _event(OTHER, 120, actor="CHN")
    merged = merge_clusters([bare, full, other], {(0, 1): 0.9}, 0.5)
    assert [e.evidence for e in merged] == [BODY, OTHER]  # in the place of the kept one
    assert merged[0].event_date == "2025" and merged[0].also_evidence == [HEADLINE]
    assert full.event_date is None  # the inputs are not changed
    finer = fill_from(bare, _event(BODY, 40, event_date="2025-03-03"))
    assert finer.event_date == "2025-03-03"


def test_the_baseline_reads_its_feature_and_a_fitted_model_ranks_by_it() -> None:
    rows = [{"no_conflict": 1.0, "rate_to=same": 1.0}, {"no_conflict": 0.0, "rate_to=differ": 1.0}]
    baseline = fit_pair_model(rows * 5, [True, False] * 5, MODELS["agree"])
    assert isinstance(baseline.model, NoConflict)
    assert baseline.chances(rows) == [1.0, 0.0]
    learned = fit_pair_model(rows * 5, [True, False] * 5, MODELS["lr"])
    first, second = learned.chances(rows)
    assert first > 0.5 > second
    with pytest.raises(ValueError, match="one class"):
        fit_pair_model(rows, [True, True])


def test_an_unknown_model_is_named() -> None:
    with pytest.raises(ValueError, match="'svm'"):
        cross_validate_joint([], None, "svm")


@pytest.mark.skipif(not SCORER.is_file(), reason=f"SKIPPED LOUDLY: no shared scorer at {SCORER}")
def test_the_cross_validation_reports_what_it_measured() -> None:
    scorer = load_scorer(SCORER)
    articles = joint_articles(bundled_labelled()[:24])
    assert sum(label is not None for a in articles for label in a.labels) >= 4
    result = cross_validate_joint(articles, scorer, "lr", k=2)
    rules_pred = sum(len(a.events) for a in articles)
    assert result.rules["core"]["pred"] == rules_pred
    assert result.joint["core"]["pred"] == rules_pred - result.removed
    assert len(result.folds) == 2 and 0.0 <= result.auc <= 1.0
    assert result.same + result.distinct == len(training_pairs(articles)[1])
    pooled = []  # the folds again, by hand: each fold's model and threshold on its articles
    for fold, test in zip(result.folds, folds_by_article(len(articles), 2, 0), strict=True):
        training = [a for i, a in enumerate(articles) if i not in set(test)]
        decider = fit_pair_model(*training_pairs(training), MODELS["lr"])
        merged = []
        for i in test:
            chances = dict(zip(articles[i].pairs, decider.chances(articles[i].rows), strict=True))
            merged += [e.to_json() for e in merge_clusters(articles[i].events, chances,
                                                           fold.threshold)]  # fmt: skip
        gold = [g for i in test for g in articles[i].item.gold]
        assert scorer.score(gold, merged)["core"]["f1"] == fold.joint_core
        pooled += merged
    gold = [g for a in articles for g in a.item.gold]
    assert scorer.score(gold, pooled)["core"] == result.joint["core"]
    assert cross_validate_joint(articles, scorer, "lr", k=2) == result  # deterministic
    lines = report([result]).splitlines()
    assert lines[0].startswith("24 articles") and lines[1].startswith("rules")
    assert lines[2].startswith("lr ") and len(lines) == 3 + 2
    best = ceiling(articles, scorer)  # perfect pair decisions lose no match
    assert best["core"]["tp"] == result.rules["core"]["tp"]
    assert best["core"]["pred"] <= rules_pred
    check = development_check(articles[:20], articles[20:], scorer, "agree")
    assert check.articles == 4 and check.joint["core"]["pred"] <= check.rules["core"]["pred"]


def test_same_key_pairs_are_every_two_candidates_of_one_key() -> None:
    events = [_event("a"), _event("b", 2), _event("c", 4, actor="CHN"), _event("d", 6)]
    assert same_key_pairs(events) == [(0, 1), (0, 3), (1, 3)]


def test_the_command_and_every_model_are_in_the_docs() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    assert "python -m tradewar.news.joint --labelled ../shared/news/dev" in documented
    for name in MODELS:
        assert f"`{name}`" in documented


def test_the_shipped_decision_merges_agreeing_restatements_of_one_act() -> None:
    from tradewar.news.joint import merge_restatements

    headline = _event(HEADLINE, rate_to=25.0)
    body = _event(BODY, 40, rate_to=25.0, event_date="2025-03-03")
    other_rate = _event(OTHER, 120, rate_to=10.0)
    merged = merge_restatements([headline, body, other_rate])
    assert [e.rate_to for e in merged] == [25.0, 10.0]  # the 25% told twice is one act
    assert merged[0].event_date == "2025-03-03"  # its open date filled from the body
    assert HEADLINE in {merged[0].evidence, *merged[0].also_evidence}


def test_the_shipped_decision_keeps_nested_goods_and_summaries_of_several_measures_apart() -> None:
    from tradewar.news.joint import merge_restatements

    control = "impose_export_control"
    wide = _event(BODY, product_groups=["rare_earths", "magnets"], action=control)
    narrow = _event(OTHER, 80, product_groups=["rare_earths"], action=control)
    assert len(merge_restatements([wide, narrow])) == 2  # the guide's distinct controls
    summary = (
        "On 3 May, Japan's ministry issued two notices, announcing a series of export controls."
    )
    part = "Exporters abroad must obtain a licence for dual-use items, the notice said."
    events = [_event(summary, action=control), _event(part, 90, action=control)]
    assert len(merge_restatements(events)) == 2  # a summary of several acts restates none
