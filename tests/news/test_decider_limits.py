"""What a perfect act decider would give, and the act filter's learning curve
(tradewar.news.decider_limits), on hand-made candidates and a few bundled articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.news.candidate_events import candidate
from tradewar.news.decider_limits import (
    CeilingRow,
    correctable_near_misses,
    learning_curve,
    main,
    perfect_decider_table,
    report,
)
from tradewar.news.evaluate import load_scorer
from tradewar.news.learned import (
    Candidates,
    LabelledArticle,
    act_labels,
    bundled_labelled,
    candidates_of,
)

ACT = "The United States imposed tariffs of 25% on Chinese steel on Monday."
AGAIN = "Washington's new tariffs on China took effect."
OTHER = "China imposed tariffs of 10% on American coal in reply on Tuesday."
MENTION = "Analysts said tariffs could hurt growth."


def _gold(action: str, actor: str, target: str, evidence: str, number: int) -> dict[str, object]:
    return {
        "event_id": f"T1-E{number}",
        "article_id": "T1",
        "action": action,
        "actor": actor,
        "target": target,
        "evidence": evidence,
    }


def _article() -> Candidates:
    """One true act, a restatement of it, a near miss (raise for China's impose) and a
    mention by a third party."""
    gold = [
        _gold("impose_tariff", "USA", "CHN", ACT, 1),
        _gold("impose_tariff", "CHN", "USA", OTHER, 2),
    ]
    events = [
        candidate(ACT, 0),
        candidate(AGAIN, 80),
        candidate(OTHER, 130, action="raise_tariff", actor="CHN", target="USA"),
        candidate(MENTION, 200, actor="JPN"),
    ]
    item = LabelledArticle({"id": "T1", "text": " "}, gold)
    return Candidates(item, events, [{} for _ in events], act_labels(events, gold))


def test_a_near_miss_is_correctable_only_beside_an_unmatched_goldcandidate() -> None:
    misses = correctable_near_misses([_article()])
    assert len(misses) == 1
    assert misses[0].found == ("raise_tariff", "CHN", "USA")
    assert misses[0].gold == ("impose_tariff", "CHN", "USA")
    assert misses[0].confusion == "raise_tariff->impose_tariff"


def test_two_candidates_beside_one_unmatched_gold_event_correct_it_once() -> None:
    article = _article()
    twice = candidate(OTHER, 130, action="cut_tariff", actor="CHN", target="USA")
    article.events.append(twice)
    article.labels.append(False)
    article.rows.append({})
    assert len(correctable_near_misses([article])) == 1


def test_sides_alone_are_named_as_such() -> None:
    article = _article()
    article.events[2] = candidate(OTHER, 130, actor="USA", target="CHN")
    misses = correctable_near_misses([article])
    assert [m.confusion for m in misses] == ["sides"]


def test_a_perfect_decider_reaches_the_counts_it_should(dev_dir: Path) -> None:
    table = perfect_decider_table([_article()], load_scorer(dev_dir.parent / "score.py"))
    by_name = {row.perfect_on: row for row in table}
    rules = by_name["nothing (the rules)"]
    assert (rules.true_events, rules.predicted, rules.gold) == (1, 4, 2)
    assert by_name["every 'restated' candidate removed"].predicted == 3
    assert by_name["every 'near miss' candidate removed"].predicted == 3
    assert by_name["every 'no act' candidate removed"].predicted == 3
    corrected = by_name["the 1 correctable near misses corrected"]
    assert (corrected.true_events, corrected.predicted) == (2, 4)
    perfect = by_name["every false candidate removed"]
    assert (perfect.true_events, perfect.predicted) == (1, 1)
    assert perfect.precision == 1.0 and perfect.recall == 0.5
    assert perfect.f1 == pytest.approx(2 / 3)


def test_a_ceiling_row_with_nothing_predicted_scores_zero() -> None:
    row = CeilingRow("nothing", 0, 0, 5)
    assert (row.precision, row.recall, row.f1) == (0.0, 0.0, 0.0)


def test_the_learning_curve_gives_one_auc_per_draw() -> None:
    articles = candidates_of(bundled_labelled()[:20])
    curve = learning_curve(articles, shares=(0.5, 1.0), draws=2, k=2)
    assert list(curve) == [0.5, 1.0]
    assert len(curve[0.5]) == 2 and len(curve[1.0]) == 1
    assert all(0.0 <= auc <= 1.0 for aucs in curve.values() for auc in aucs)
    text = report([CeilingRow("nothing (the rules)", 1, 2, 2)], [], curve, 10)
    assert "0.5 (about 5 articles)" in text
    assert "nothing (the rules)" in text


def test_a_share_outside_the_unit_interval_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"share 1\.5"):
        learning_curve([], shares=(1.5,))


def test_the_command_refuses_a_single_fold() -> None:
    with pytest.raises(SystemExit):
        main(["--folds", "1"])
