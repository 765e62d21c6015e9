"""The development-set scores that issue 8 asks for (core F1 >= 0.80, strict F1 >= 0.50)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from typer.testing import CliRunner

from tradewar.cli.app import app


def _scorer(dev_dir: Path) -> ModuleType:
    path = dev_dir.parent / "score.py"
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("news_score", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


def test_cli_extract_scores_above_the_targets(dev_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "P.jsonl"
    result = CliRunner().invoke(
        app, ["news", "extract", "--articles", str(dev_dir / "articles.jsonl"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    predictions = [json.loads(line) for line in out.read_text().splitlines()]
    assert {p["article_id"] for p in predictions} <= {
        json.loads(x)["id"] for x in (dev_dir / "articles.jsonl").read_text().splitlines()
    }
    scorer = _scorer(dev_dir)
    result_scores = scorer.score(scorer.load(dev_dir / "gold.jsonl"), predictions)
    assert result_scores["core"]["f1"] >= 0.80, result_scores["core"]
    assert result_scores["strict"]["f1"] >= 0.50, result_scores["strict"]
