"""Modality from syntax and dates: one sentence written for each cue (not article text)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradewar.news.evaluate import cross_validate, load_scorer
from tradewar.news.extract import Article, extract_events
from tradewar.news.learned import bundled_labelled
from tradewar.news.modality import ModalityCues, cues_for, date_relation, decide
from tradewar.news.modality_eval import modality_confusion
from tradewar.news.schema import MODALITIES
from tradewar.news.slots import DateSlots
from tradewar.news.triggers import Trigger


def modalities(text: str, published: str = "2025-06-09") -> list[tuple[str, str | None, str]]:
    """(action, actor, modality) of every event of a one-sentence article."""
    found = extract_events(Article(id="M", text=text, published=published))
    assert found, text
    return [(event.action, event.actor, event.modality) for event in found]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # tense and aspect: past perfect recalls an earlier act ...
        ("The United States had raised tariffs on Chinese goods to 104 percent.", None, "background"),
        # ... but not in reported speech, where the tense is shifted back
        ("China said on Thursday it had granted export licences for rare earths to US companies.",
         "2025-06-05", "actual"),
        ("China imposed a 15% tariff on US coal on Monday.", None, "actual"),
        # modal auxiliaries and reporting verbs
        ("China will impose a 10% tariff on US coal.", None, "future"),
        ("Beijing said on Monday it would lift its ban on exports of gallium to the United States.",
         None, "future"),
        # threats, conditions, attribution, expectation
        ("Trump threatened to impose a 100% tariff on Chinese goods.", None, "threatened"),
        ("The United States will cut tariffs on Chinese goods to 10% if China curbs fentanyl exports.",
         None, "conditional"),
        ("China will keep its export controls on rare earths unless the United States lifts its chip curbs.",
         None, "conditional"),
        ("China has reportedly suspended its export controls on rare earths to the United States.",
         None, "reported"),
        ("The United States is expected to raise tariffs on Chinese steel to 50%.", None, "expected"),
        # plans and schedules
        ("The Commerce Department plans to impose new export controls on chips to China.", None,
         "future"),
        ("The United States is set to impose a 25% tariff on Chinese steel.", None, "future"),
        ("The United States committed to, among other things, reduce the tariff on Chinese goods "
         "from 20 percent to 10 percent.", None, "future"),
        ("China has pledged to lift its export ban on gallium to the United States.", None, "future"),
        ("The White House is considering raising tariffs on Chinese electric vehicles to 100%.",
         None, "future"),
        # possibility and expectation
        ("China could impose export controls on graphite, analysts said.", None, "expected"),
        ("The US may lift export restrictions on chip design software to China.", None, "expected"),
        ("China imposed tariffs on US pork on Monday, more than analysts had expected.", None,
         "actual"),
        ("China's 15% tariff on US coal takes effect on March 10, the commission said.", "2025-03-04",
         "future"),
        # background: dates well before the dateline, recall adverbs and time phrases, acts
        # that a later act follows
        ("On April 2, the United States imposed a 34% tariff on Chinese goods.", "2025-05-20",
         "background"),
        ("On April 2, the United States imposed a 34% tariff on Chinese goods.", "2025-04-03",
         "actual"),
        ("China said on November 5 it would ease export controls on gallium to the United States.",
         "2025-11-10", "background"),
        ("China imposed export controls on rare earths last month.", None, "background"),
        ("Previously, Washington imposed restrictions on exports of advanced chips to China.", None,
         "background"),
        ("The move follows talks between US and Chinese officials in Geneva.", None, "background"),
    ],
)  # fmt: skip
def test_each_cue_gives_its_modality(text: str, published: str | None, expected: str) -> None:
    assert {m for _, _, m in modalities(text, published or "2025-06-09")} == {expected}


def test_an_act_after_which_another_came_is_background() -> None:
    found = modalities(
        "China announced tariffs on US goods after the United States imposed an additional 10% "
        "tariff on Chinese products.",
        "2025-02-04",
    )
    assert ("impose_tariff", "CHN", "actual") in found
    assert ("impose_tariff", "USA", "background") in found


def test_date_relation_against_the_dateline() -> None:
    dateline = date(2025, 6, 9)
    assert date_relation(None, dateline) == "none"
    assert date_relation("2025-06-09", None) == "none"
    assert date_relation("2025-06-09", dateline) == "same"
    assert date_relation("2025-06-07", dateline) == "recent"
    assert date_relation("2025-06-05", dateline) == "before"
    assert date_relation("2025-06-20", dateline) == "after"
    assert date_relation("2025-04", dateline) == "month_before"
    assert date_relation("2025-06", dateline) == "same_month"
    assert date_relation("2026", dateline) == "after"


def test_rules_order_and_defaults() -> None:
    assert decide(ModalityCues()) == "actual"
    assert decide(ModalityCues(condition=True, modal="will")) == "conditional"
    assert decide(ModalityCues(governors=frozenset({"threaten"}))) == "threatened"
    assert decide(ModalityCues(tense="past_perfect")) == "background"
    assert decide(ModalityCues(tense="past_perfect", said_past=True)) == "actual"
    assert decide(ModalityCues(tense="past", date_relation="before")) == "background"
    assert decide(ModalityCues(modal="will", date_relation="before")) == "future"
    assert decide(ModalityCues(modal="would", said_past=True)) == "future"
    assert decide(ModalityCues(modal="would", said_past=True, date_relation="before")) == (
        "background"
    )
    assert decide(ModalityCues(tense="imperative")) == "future"
    assert decide(ModalityCues(tense="past", effective_after=True)) == "actual"
    assert decide(ModalityCues(tense="present", effective_after=True)) == "future"
    assert decide(ModalityCues(recall_clause=True, date_relation="defaulted")) == "background"


def test_cues_become_features() -> None:
    features = ModalityCues(
        tense="modal", modal="will", governors=frozenset({"plan"}), planned=True
    ).features()
    assert features["tense=modal"] == 1.0 and features["modal=will"] == 1.0
    assert features["gov=plan"] == 1.0 and features["cue=planned"] == 1.0
    assert "cue=reported" not in features


def test_a_bare_base_form_verb_is_a_directive() -> None:
    """Commitment bullets of a fact sheet or joint statement ("Eliminate ...", "(i) amend
    ...") are imperatives: what a party is to do."""
    for text in ("Eliminate export controls on rare earth elements.", "Reduce the tariffs to 10%."):
        cues = cues_for(text, text, DateSlots(), None)
        assert (cues.tense, decide(cues)) == ("imperative", "future")
    item = "• Rare Earths & Critical Minerals: Eliminate export controls on rare earths."
    start = item.index("export")
    cues = cues_for(item, item, DateSlots(), None, Trigger("export", start, start + 15))
    assert (cues.tense, decide(cues)) == ("imperative", "future")  # the heading is no subject
    cues = cues_for("They agreed to help cut tariffs.", "They agreed to help cut tariffs.",
                    DateSlots(), None)  # fmt: skip
    assert cues.tense != "imperative"


def test_the_confusion_matrix_agrees_with_the_scorer(dev_dir: Path) -> None:
    labelled = bundled_labelled()[:12]
    scorer = load_scorer(dev_dir.parent / "score.py")
    confusion = modality_confusion(labelled, scorer, k=3)
    pooled = cross_validate(labelled, scorer, k=3, learned=False).pooled
    assert confusion.matched == pooled["core"]["tp"]
    assert round(confusion.accuracy, 4) == pooled["modality_accuracy"]
    rows = confusion.table().splitlines()
    assert len(rows) == 1 + len(MODALITIES) and rows[1].startswith("actual")
