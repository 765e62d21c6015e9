"""The extended act features (content, parties, neighbours, roles, context vectors) and the
comparison of act models by nested cross-validation (``python -m tradewar.news.act_ranker``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.news.test_act_features import _event
from tradewar.news.act_features import (
    CONTEXT_WIDTH,
    context_vector,
    extended_act_features,
    role_features,
    structural_features,
)
from tradewar.news.act_ranker import MODELS, compare, ranker_data, report
from tradewar.news.evaluate import load_scorer
from tradewar.news.learned import LabelledArticle, bundled_labelled

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "news" / "score.py"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "news.md"


def test_a_recalled_act_without_content_is_bare_and_one_with_a_rate_is_not() -> None:
    text = "These controls were first imposed to curb China's progress."
    bare = _event(text, "impose_export_control", target=None)
    bare.modality = "background"
    rated = _event("The US imposed a 25% tariff on Chinese steel.", "impose_tariff")
    rated.modality, rated.rate_to = "background", 25.0
    first, second = structural_features([bare, rated])
    assert first["bare"] == first["bare_background"] == 1.0
    assert second["bare"] == second["bare_background"] == second["background_no_rate"] == 0.0
    assert second["content_count"] > 0


def test_neighbours_tell_a_second_reading_and_a_restatement() -> None:
    text = "The US and China imposed tariffs on each other's goods."
    one, mirror = _event(text, "impose_tariff"), _event(text, "impose_tariff", "CHN", "USA")
    later = _event("The US imposed the tariffs on Friday.", "impose_tariff")
    later.evidence_span = (len(text) + 1, len(text) + 38)
    rows = structural_features([one, mirror, later])
    assert rows[0]["sentence_same_action"] == rows[1]["sentence_same_action"] == 1.0
    assert rows[0]["later_same_parties"] == 1.0 and rows[1]["later_same_parties"] == 0.0
    assert rows[2]["sentence_same_action"] == 0.0 and rows[2]["rank"] == 1.0


def test_a_rate_that_is_a_growth_figure_is_marked() -> None:
    growth = _event("Oxford Economics cut its forecast to 4.2% amid new tariffs.", "impose_tariff")
    growth.rate_to = 4.2
    (row,) = structural_features([growth])
    assert row["rate_fraction"] == row["rate_low"] == 1.0 and row["rate_high"] == 0.0
    assert row["actor_named"] == 0.0  # no party is named in the sentence


def test_the_parse_gives_the_actor_its_role_or_another_party() -> None:
    text = "China raised its tariffs on US goods to 84%."
    right = role_features(_event(text, "raise_tariff", "CHN", "USA"))
    swapped = role_features(_event(text, "raise_tariff", "USA", "CHN"))
    assert right["actor_in_subject"] == 1.0 and right["other_in_subject"] == 0.0
    assert swapped["actor_in_subject"] == 0.0 and swapped["other_in_subject"] == 1.0
    possessed = role_features(_event("US tariffs on Chinese goods rose to 145%.", "raise_tariff"))
    assert possessed["actor_modifies_trigger"] == 1.0


def test_context_vectors_are_the_sentence_mean_and_the_trigger_token() -> None:
    event = _event("China imposed export controls on gallium.", "impose_export_control", "CHN")
    vector = context_vector(event)
    assert len(vector) == 2 * CONTEXT_WIDTH
    assert any(vector[:CONTEXT_WIDTH]) and vector[:CONTEXT_WIDTH] != vector[CONTEXT_WIDTH:]
    assert vector == context_vector(event)


def test_features_use_no_gold() -> None:
    """The same articles with their gold events removed give the same feature rows."""
    articles = bundled_labelled()[:6]
    blind = [LabelledArticle(item.record, []) for item in articles]
    seen, unseen = ranker_data(articles), ranker_data(blind)
    assert seen.extended == unseen.extended and seen.context == unseen.context
    assert any(label for c in seen.articles for label in c.labels)
    assert not any(label for c in unseen.articles for label in c.labels)


def test_extended_rows_keep_the_shipped_features() -> None:
    events = [_event("China raised its tariffs on US goods to 84%.", "raise_tariff", "CHN", "USA")]
    (row,) = extended_act_features(events, 200, "2025-04-09")
    assert row["action=raise_tariff"] == 1.0 and row["actor_in_subject"] == 1.0
    assert row["no_published"] == 0.0


@pytest.mark.skipif(not SCORER.is_file(), reason=f"SKIPPED LOUDLY: no shared scorer at {SCORER}")
def test_the_comparison_scores_every_model_on_the_same_folds() -> None:
    scorer = load_scorer(SCORER)
    comparison = compare(bundled_labelled()[:16], scorer, ["lr", "lr-ext", "hgb-ext"], k=2)
    assert [r.model for r in comparison.results] == ["lr", "lr-ext", "hgb-ext"]
    rules_pred = comparison.rules["core"]["pred"]
    assert rules_pred == comparison.candidates
    for result in comparison.results:
        assert 0.0 <= result.auc <= 1.0
        assert result.learned["core"]["pred"] == rules_pred - result.removed
        assert 0 <= result.removed_acts <= result.removed
        assert len(result.thresholds) == 2
    again = compare(bundled_labelled()[:16], scorer, ["lr-ext"], k=2).results[0]
    assert again == comparison.results[1]  # deterministic
    lines = report(comparison).splitlines()
    assert lines[0].startswith("16 articles") and lines[1].startswith("rules")
    assert [line.split()[0] for line in lines[2:]] == ["lr", "lr-ext", "hgb-ext"]


def test_an_unknown_model_is_named() -> None:
    with pytest.raises(ValueError, match="'svm'"):
        compare([], None, ["lr", "svm"])


def test_every_model_is_in_the_docs() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    assert "python -m tradewar.news.act_ranker --labelled ../shared/news/dev" in documented
    for name in MODELS:
        assert f"`{name}`" in documented
