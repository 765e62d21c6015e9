"""The learned modality model: cue features, determinism."""

from __future__ import annotations

from tradewar.news.extract import Article, rule_events
from tradewar.news.learned import bundled_labelled, modality_features, train


def test_modality_features_are_the_rules_answer_and_its_cues() -> None:
    article = Article(
        id="M", text="China will impose a 10% tariff on US coal.", published="2025-06-09"
    )
    (event,) = rule_events(article)
    features = modality_features(event)
    assert features["rules=future"] == 1.0 and features["modal=will"] == 1.0
    assert not any(name.startswith("w=") for name in features)  # no words of the article


def test_training_is_deterministic() -> None:
    labelled = bundled_labelled()[:20]
    first, second = train(labelled), train(labelled)
    assert first.modality_model is not None and second.modality_model is not None
    assert (first.modality_model.coef_ == second.modality_model.coef_).all()
