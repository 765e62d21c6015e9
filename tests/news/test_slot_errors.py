"""The slot-error listing behind the strict score (``python -m tradewar.news.slot_errors``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradewar.news.evaluate import load_scorer
from tradewar.news.learned import LabelledArticle
from tradewar.news.slot_errors import main, slot_errors

TEXT = "On Monday, Japan imposed a 25% tariff on steel imports from Canada."


def article(gold_rate: float) -> LabelledArticle:
    gold = {
        "article_id": "X1", "event_id": "X1-E1", "action": "impose_tariff", "actor": "JPN",
        "target": "CAN", "rate_to": gold_rate, "evidence": TEXT, "modality": "actual",
    }  # fmt: skip
    return LabelledArticle({"id": "X1", "text": TEXT, "published": "2025-07-16"}, [gold])


def test_a_wrong_slot_is_listed_with_gold_and_predicted_values(dev_dir: Path) -> None:
    scorer = load_scorer(dev_dir.parent / "score.py")
    errors = list(slot_errors([article(30.0), article(25.0)], scorer, k=2))
    assert [e.wrong for e in errors] == [("rate",)]
    lines = "\n".join(errors[0].lines())
    assert "rate_to" in lines and "gold=30.0" in lines and "pred=25.0" in lines
    assert errors[0].fold in {1, 2}


def test_the_listing_runs_from_the_command_line(
    dev_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scorer = dev_dir.parent / "score.py"
    assert main(["--scorer", str(scorer), "--slot", "duration"]) == 0
    assert "wrong slots:" in capsys.readouterr().out
