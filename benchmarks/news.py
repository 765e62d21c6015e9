"""Benchmark the news extractor on the development set (not a test).

Reads ``../shared/news/dev/articles.jsonl``, extracts events from every article several
times on one core (spaCy's pipelines and the gazetteers, of actors and of GeoNames places,
are loaded once, before timing; every round starts with ``pipeline.clear_caches()``, which
forgets the parses and each text's remembered dates, rates and periods),
prints articles per second of CPU time (the process's own time on its one core, which other
jobs on a shared machine do not inflate) and of wall time, then the same run's baseline
without the parser and the ratio, then scores the predictions with the shared scorer
(core/strict F1, slot accuracy, per-action recall).

Run: ``.venv/bin/python benchmarks/news.py [--rounds 5] [--dev ../shared/news/dev]``.
Target (issue 8): at least 20 articles per second on one core; core F1 >= 0.80 and
strict F1 >= 0.50.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from tradewar.news import actors, frames, mentions, triggers
from tradewar.news.extract import Article, extract_events, pipeline
from tradewar.news.gazetteer import country_code, place_country
from tradewar.news.pipeline import clear_caches

DEFAULT_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "news" / "dev"


def load_scorer(dev: Path) -> ModuleType:
    """The shared scorer (``score.py`` beside the dev folder)."""
    sys.path.insert(0, str(dev.parent))
    spec = importlib.util.spec_from_file_location("news_score", dev.parent / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {dev.parent / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed(
    articles: list[Article], rounds: int, *, parse: bool
) -> tuple[float, float, list[dict[str, object]]]:
    """Wall and CPU seconds of ``rounds`` extractions of every article (caches cleared each
    round); with ``parse=False`` the parser's two uses are switched off (the baseline)."""
    # the hooks the parser serves (trigger frames, actor subjects, references), switched off
    trigger_stage: Any = triggers
    actor_stage: Any = actors
    mention_stage: Any = mentions
    saved = (trigger_stage.frames_in, actor_stage.subject_of, mention_stage.may_refer)
    if not parse:
        trigger_stage.frames_in = lambda clause: []
        actor_stage.subject_of = lambda sentence, start: None
        mention_stage.may_refer = lambda sentence, start, family: False
    elapsed = cpu = 0.0
    predictions: list[dict[str, object]] = []
    try:
        for _ in range(rounds):
            clear_caches()  # every round parses and reads again, as new articles would
            started, started_cpu = time.perf_counter(), time.process_time()
            predictions = [e.to_json() for article in articles for e in extract_events(article)]
            elapsed += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
    finally:
        trigger_stage.frames_in, actor_stage.subject_of, mention_stage.may_refer = saved
    return elapsed, cpu, predictions


def main() -> int:
    """Time the extractor and score it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    records = [
        json.loads(line)
        for line in (args.dev / "articles.jsonl").read_text().splitlines()
        if line.strip()
    ]
    articles = [Article.from_record(record) for record in records]
    pipeline()
    frames.parser()  # the spaCy model, loaded once
    place_country("Geneva"), country_code("the UK")  # GeoNames and pycountry, loaded once
    extract_events(articles[0])  # warm caches (the parser, the gazetteers)
    elapsed, cpu, predictions = _timed(articles, args.rounds, parse=True)
    _, base_cpu, _ = _timed(articles, args.rounds, parse=False)
    count = len(articles) * args.rounds
    print(
        f"articles: {len(articles)} x {args.rounds} rounds on one core: "
        f"{count / cpu:.1f} articles/s of CPU time (target >= 20); "
        f"{count / elapsed:.1f} articles/s of wall time"
        f" ({elapsed:.2f} s; lower when other processes share the core)"
    )
    print(
        f"baseline, same run, without the parser (frames, syntax roles and references off): "
        f"{count / base_cpu:.1f} articles/s of CPU time; the parser costs "
        f"{cpu / base_cpu:.1f}x the CPU time of the rules alone"
    )
    scorer = load_scorer(args.dev)
    result = scorer.score(scorer.load(args.dev / "gold.jsonl"), predictions)
    for level in ("core", "strict"):
        r = result[level]
        print(
            f"{level:6} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} (tp={r['tp']} pred={r['pred']} gold={r['gold']})"  # noqa: E501
        )
    for slot, r in result["slot_accuracy"].items():
        print(f"  slot {slot:15} {r['acc']:.3f} ({r['correct']}/{r['scored']})")
    print(
        f"  evidence hit rate {result['evidence_hit_rate']:.3f}; modality accuracy {result['modality_accuracy']:.3f}"  # noqa: E501
    )
    for action, r in result["per_action"].items():
        print(
            f"  {action:22} recall={r['recall']:.2f} precision={r['precision']:.2f} (gold {r['gold']}, pred {r['pred']})"  # noqa: E501
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
