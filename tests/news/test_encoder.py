"""The fine-tuned encoder act decider (tradewar.news.encoder): its texts, its training and
its cross-validation, on a handful of sentences and articles (fast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.news.candidate_events import candidate
from tradewar.news.encoder import (
    TRIGGER_MARK,
    EncoderModel,
    TextOptions,
    Variant,
    candidate_text,
    cross_validate_encoder,
    main,
    negative_kinds,
    new_model,
    previous_sentence,
    report,
    train_encoder,
)
from tradewar.news.evaluate import load_scorer
from tradewar.news.learned import (
    Candidates,
    LabelledArticle,
    act_labels,
    bundled_labelled,
    candidates_of,
)

ARTICLE = (
    "Markets fell on Monday. The United States imposed tariffs of 25% on Chinese steel, "
    "the White House said."
)

ACTS = [
    "impose_tariff USA CHN : The United States imposed » tariffs of 25% on Chinese steel.",
    "impose_tariff USA CHN : Washington slapped » tariffs of 10% on Chinese chips on Monday.",
    "impose_tariff CHN USA : Beijing imposed » tariffs of 15% on American soybeans.",
    "impose_tariff USA CHN : The administration imposed new » tariffs on Chinese cars.",
]
MENTIONS = [
    "impose_tariff USA CHN : Analysts wondered whether » tariffs might come one day, maybe.",
    "impose_tariff USA CHN : Talks could touch on » tariffs, people familiar with it said.",
    "impose_tariff CHN USA : Shares rose on hopes that » tariffs would be avoided.",
    "impose_tariff USA CHN : Investors fear » tariffs could hurt growth, economists said.",
]


def test_a_candidate_is_read_with_its_tags_and_its_trigger_marked() -> None:
    evidence = ARTICLE[ARTICLE.index("The United") :]
    event = candidate(evidence, ARTICLE.index("The United"))
    text = candidate_text(event, ARTICLE)
    assert text.startswith("impose_tariff USA CHN : The United States")
    assert f"{TRIGGER_MARK} " in text and text.index(TRIGGER_MARK) < text.index("25%")
    with_previous = candidate_text(event, ARTICLE, TextOptions(previous=True))
    assert "Markets fell on Monday. |" in with_previous
    plain = candidate_text(event, ARTICLE, TextOptions(tags=False, mark_trigger=False))
    assert plain == evidence


def test_the_previous_sentence_is_the_one_before_the_evidence() -> None:
    assert previous_sentence(ARTICLE, ARTICLE.index("The United")) == "Markets fell on Monday."
    assert previous_sentence(ARTICLE, 0) == ""


def test_a_trained_encoder_ranks_a_clear_act_above_a_topic_mention() -> None:
    labels = [True] * len(ACTS) + [False] * len(MENTIONS)
    model = train_encoder(ACTS + MENTIONS, labels, max_epochs=12)
    act, mention = model.probabilities(
        [
            "impose_tariff USA CHN : The United States imposed » tariffs of 20% on Chinese toys.",
            "impose_tariff USA CHN : Traders wondered whether » tariffs might be avoided.",
        ]
    )
    assert act > mention
    assert 0.0 <= mention <= 1.0 and 0.0 <= act <= 1.0


def test_training_is_deterministic_with_the_seed() -> None:
    labels = [True] * len(ACTS) + [False] * len(MENTIONS)
    texts = ACTS + MENTIONS
    first = train_encoder(texts, labels, max_epochs=2).probabilities(texts)
    second = train_encoder(texts, labels, max_epochs=2).probabilities(texts)
    assert first == second


def test_one_class_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="one class"):
        train_encoder(ACTS, [True] * len(ACTS))


def test_the_cross_validation_runs_on_a_few_articles(dev_dir: Path) -> None:
    articles = candidates_of(bundled_labelled()[:8])
    result = cross_validate_encoder(
        articles,
        load_scorer(dev_dir.parent / "score.py"),
        variants=(Variant("bow", TextOptions(), "bow"),),
        stack=None,
        k=2,
        inner_folds=2,
    )
    assert set(result.scores) == {"rules", "logistic", "bow"}
    assert result.candidates == sum(len(a.events) for a in articles)
    assert all(0.0 <= result.auc[name] <= 1.0 for name in ("logistic", "bow"))
    assert len(result.thresholds["bow"]) == 2
    table = report(result)
    assert table.splitlines()[0].startswith("8 articles")
    assert "rules" in table and "bow" in table


def _mixed_articles(count: int) -> list[Candidates]:
    """``count`` bundled articles, half of them with candidates that are no acts."""
    found = candidates_of(bundled_labelled()[:30])
    mixed = [a for a in found if not all(a.labels)][: count // 2]
    return mixed + [a for a in found if all(a.labels)][: count - len(mixed)]


def test_the_stack_uses_the_encoder_as_one_more_feature(dev_dir: Path) -> None:
    articles = _mixed_articles(8)
    bow = Variant("bow", TextOptions(window=10), "bow")  # the stack of any variant: the fastest
    result = cross_validate_encoder(
        articles,
        load_scorer(dev_dir.parent / "score.py"),
        variants=(bow,),
        stack="bow",
        k=2,
        inner_folds=2,
    )
    assert set(result.scores) == {"rules", "logistic", "bow", "logistic+bow"}
    # two outer folds, each an inner CV of two models and one on all its training folds
    # (none where the training articles hold acts only)
    assert 2 <= len(result.epochs["bow"]) <= 6
    rules, stacked = result.scores["rules"]["core"], result.scores["logistic+bow"]["core"]
    assert stacked["pred"] <= rules["pred"] and stacked["gold"] == rules["gold"]
    assert sum(result.negative_kinds.values()) == result.candidates - result.acts


def test_a_stack_of_a_variant_not_compared_is_refused() -> None:
    with pytest.raises(SystemExit):
        main(["--variant", "bow", "--stack", "encoder"])


def test_candidates_that_are_no_act_are_sorted_by_kind() -> None:
    act = "The United States imposed tariffs of 25% on Chinese steel on Monday."
    again = "Washington's new tariffs on China took effect."
    other = "China imposed tariffs of 10% on American coal in reply on Tuesday."
    mention = "Analysts said tariffs could hurt growth."
    gold = [
        {"action": "impose_tariff", "actor": "USA", "target": "CHN", "evidence": act},
        {"action": "impose_tariff", "actor": "CHN", "target": "USA", "evidence": other},
    ]
    events = [
        candidate(act, 0),
        candidate(again, 80),
        candidate(other, 130, action="raise_tariff"),
        candidate(mention, 200, actor="JPN"),
    ]
    item = LabelledArticle({"id": "T1", "text": " "}, gold)
    candidates = Candidates(item, events, [{} for _ in events], act_labels(events, gold))
    assert negative_kinds(candidates) == ["", "restated", "near miss", "no act"]


def test_the_encoder_starts_from_the_pretrained_weights() -> None:
    labels = [True] * len(ACTS) + [False] * len(MENTIONS)
    untrained = train_encoder(ACTS + MENTIONS, labels, max_epochs=0)
    trained = train_encoder(ACTS + MENTIONS, labels, max_epochs=1)
    pretrained = new_model()[1]

    def encoder_bytes(model: EncoderModel) -> bytes:
        return bytes(model.nlp.get_pipe("textcat").model.get_ref("tok2vec").to_bytes())

    assert encoder_bytes(untrained) == pretrained
    random_start = train_encoder(ACTS + MENTIONS, labels, max_epochs=0, pretrained=False)
    assert encoder_bytes(random_start) != pretrained
    assert encoder_bytes(trained) != pretrained  # fine-tuned, not frozen


def test_an_unknown_architecture_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="architecture 'lstm'"):
        new_model("lstm")
