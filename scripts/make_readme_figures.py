"""Regenerate the README's figures under docs/img/ from the bundled ledger.

Usage::

    .venv/bin/python scripts/make_readme_figures.py [--out docs/img]

The ledger is read from a throw-away SQLite file seeded from the bundled measures, so the
figure depends only on the repository, not on a local database.  Scenario figures can be
added to FIGURES once they are wanted (they need TRADEWAR_DATA_DIR).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradewar.config import Settings
from tradewar.services.charts import ChartService

ROOT = Path(__file__).resolve().parents[1]

#: file name -> how to build its spec.
FIGURES: dict[str, Callable[[ChartService], dict[str, Any]]] = {
    "timeline.png": lambda charts: charts.timeline_spec("USA", "CHN", "2025-01-01", "2026-12-31"),
}


def main(argv: list[str] | None = None) -> int:
    """Write every figure of FIGURES to ``--out``; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tradewar-figures-") as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/ledger.sqlite")
        charts = ChartService(settings)
        for name, build in FIGURES.items():
            path = charts.render(build(charts), args.out / name)
            sys.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
