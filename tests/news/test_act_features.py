"""The act classifier's features (parse and rules, no words of the article), its
determinism, and the nested cross-validation that decides whether it is the default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradewar.news.act_features import act_features, article_act_features
from tradewar.news.learned import (
    KEEP_THRESHOLD,
    bundled_labelled,
    candidates_of,
    fit_act_model,
    main,
)
from tradewar.news.schema import Event

DOCS = Path(__file__).resolve().parents[2] / "docs" / "news.md"


def _event(text: str, action: str, actor: str = "USA", target: str | None = "CHN") -> Event:
    return Event(
        article_id="T",
        actor=actor,
        target=target,
        action=action,
        evidence=text,
        evidence_span=(0, len(text)),
    )


def _on(features: dict[str, float]) -> set[str]:
    return {name for name, value in features.items() if value}


def test_an_act_is_the_object_of_an_imposing_verb_with_a_country_subject() -> None:
    found = _on(act_features(_event("China raised its tariffs on US goods to 84%.", "raise_tariff",
                                    "CHN", "USA")))  # fmt: skip
    assert {"governor=verb:effect", "trigger_dep=dobj", "subject=country"} <= found
    assert not found & {"negated", "conditional", "modal_on_path", "no_final_stop"}


def test_an_aim_an_averted_measure_and_a_topic_name_their_governing_verb() -> None:
    aim = act_features(_event("The United States is seeking talks with China.", "hold_talks",
                              "CHN+USA", None))  # fmt: skip
    averted = act_features(_event("The deal averted a 100% tariff on Chinese goods.",
                                  "impose_tariff"))  # fmt: skip
    topic = act_features(_event("The officials discussed tariffs on Chinese steel.",
                                "impose_tariff"))  # fmt: skip
    assert aim["governor=verb:aim"] == 1.0
    assert averted["governor=verb:avert"] == 1.0
    assert topic["governor=verb:discuss"] == 1.0


def test_a_preposition_that_governs_the_trigger_is_named() -> None:
    found = _on(act_features(_event("Markets fell amid talks between the US and China.",
                                    "hold_talks", "CHN+USA", None)))  # fmt: skip
    assert "governor=prep:amid" in found and "prep_head=VERB" in found


def test_negation_modals_conditions_and_relative_clauses_are_seen() -> None:
    negated = _on(act_features(_event("China did not raise tariffs on US goods.",
                                      "raise_tariff", "CHN", "USA")))  # fmt: skip
    modal = _on(act_features(_event("China could impose export controls on gallium.",
                                    "impose_export_control", "CHN", "USA")))  # fmt: skip
    condition = _on(act_features(_event("If talks fail, the US will raise tariffs on China.",
                                        "raise_tariff")))  # fmt: skip
    recalled = _on(act_features(_event("China retaliated against tariffs that Trump imposed.",
                                       "impose_tariff")))  # fmt: skip
    assert "negated" in negated
    assert "modal_on_path" in modal
    assert "conditional" in condition
    assert "trigger_has_clause" in recalled and "governor=prep:against" in recalled


def test_a_pronoun_subject_is_told_from_a_named_one() -> None:
    found = _on(act_features(_event("It also imposed tariffs on US coal.", "impose_tariff",
                                    "CHN", "USA")))  # fmt: skip
    assert "subject=pronoun" in found


def test_a_headline_restated_in_the_body_is_marked_on_both() -> None:
    headline = "China Raises Tariffs On US Goods To 84%"
    body = "China raised its tariffs on US goods to 84% on Wednesday."
    first = _event(headline, "raise_tariff", "CHN", "USA")
    second = _event(body, "raise_tariff", "CHN", "USA")
    second.evidence_span = (len(headline) + 1, len(headline) + 1 + len(body))
    first.rate_to = second.rate_to = 84.0
    rows = article_act_features([first, second], len(headline) + 1 + len(body))
    assert {"title_case", "no_final_stop", "first_candidate_sentence"} <= _on(rows[0])
    assert not _on(rows[0]) & {"earlier_same_parties", "earlier_same_action"}
    assert {"earlier_same_parties", "earlier_same_rate"} <= _on(rows[1])
    assert not _on(rows[1]) & {"title_case", "no_final_stop"}


def test_no_feature_is_a_word_of_the_article() -> None:
    text = "Zanzibar imposed quintuple tariffs on Ruritanian marmalade."
    names = " ".join(act_features(_event(text, "impose_tariff")))
    assert not re.search(r"zanzibar|quintuple|ruritanian|marmalade", names, re.I)


def test_training_the_act_model_is_deterministic() -> None:
    articles = candidates_of(bundled_labelled()[:20])
    rows = [row for a in articles for row in a.rows]
    labels = [label for a in articles for label in a.labels]
    (first, _), (second, _) = fit_act_model(rows, labels), fit_act_model(rows, labels)
    assert (first.coef_ == second.coef_).all() and first.intercept_ == second.intercept_
    assert len(set(labels)) == 2


def test_the_cross_validation_gives_the_documented_numbers(
    dev_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scores docs/news.md quotes are what ``python -m tradewar.news.learned`` prints
    now (rerun it and paste its lines when the rules or the labels change)."""
    main(["--labelled", str(dev_dir), "--scorer", str(dev_dir.parent / "score.py")])
    lines = capsys.readouterr().out.splitlines()
    documented = DOCS.read_text(encoding="utf-8")
    scores = [line for line in lines if line.startswith("rules")]
    assert len(scores) == 4
    for line in scores + lines[:1]:
        assert line in documented, f"docs/news.md does not quote: {line}"
    assert lines[0].endswith(f"over all articles {KEEP_THRESHOLD}")  # the shipped threshold


def test_no_word_of_the_features_is_in_the_development_texts_alone(dev_dir: Path) -> None:
    """The closed classes of :mod:`tradewar.news.act_features` are general vocabulary: none
    occurs in a development text but in no other labelled article (as in test_literals)."""
    from tests.news.test_literals import LABELLED, _occurs, _texts
    from tradewar.news import act_features

    words = set(act_features.GOVERNING_PREPOSITIONS | act_features.MODALS | act_features.PRONOUNS)
    for lemmas in act_features.VERB_GROUPS.values():
        words |= lemmas
    dev, labelled = _texts(dev_dir), _texts(LABELLED)
    assert not {w for w in words if _occurs(w, dev) and not _occurs(w, labelled)}
