"""Regenerate the README's figures under docs/img/ from the bundled ledger and the data.

Usage::

    .venv/bin/python scripts/make_readme_figures.py [--out docs/img] [--only NAME ...]

The ledger is a throw-away SQLite file seeded from the bundled measures, so the figures
depend only on the repository and the data directory, not on a local database.

* ``timeline.png``: the US–China tariff timeline (``tradewar chart timeline``);
* ``scenarios-compare.png``: the chronological bundled scenarios compared
  (``tradewar chart compare``; needs the GE data under ``TRADEWAR_DATA_DIR``);
* ``dashboard-timeline.png``, ``dashboard-scenarios.png``, ``dashboard-scenarios-map.png``,
  ``dashboard-talks.png``, ``dashboard-supply.png``: the dashboard in Debian's chromium
  (``scripts/install-browser.sh``), driven by Playwright at a laptop's 1366 × 900;
  ``dashboard-scenario-phone.png`` at a phone's 390 × 844 (the model pages need the GE data).

A figure whose prerequisites are missing is skipped with a message saying what is missing;
the exit status is 1 if any figure asked for could not be made.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from tradewar.config import Settings
from tradewar.services.charts import ChartService
from tradewar.web.app import serve_in_background

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
VIEWPORT = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WAIT_MS = 180_000  # talks run in the background; the page loads the result by itself

#: The scenarios of the comparison figure, in the order of events.
COMPARED = ("liberation-day", "peak-escalation", "geneva-truce", "busan-deal", "truce-collapse")

#: Chart figures: file name -> (needs the GE data, how to build its spec).
CHARTS: dict[str, tuple[bool, Callable[[ChartService], dict[str, Any]]]] = {
    "timeline.png": (
        False,
        lambda charts: charts.timeline_spec("USA", "CHN", date(2025, 1, 1), date(2026, 12, 31)),
    ),
    "scenarios-compare.png": (
        True,
        lambda charts: charts.compare_spec(COMPARED, variables=("welfare", "real_wage", "prices")),
    ),
}

#: Dashboard screenshots: file name -> (URL path, chart ids to wait for, element or None).
DASHBOARD: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "dashboard-timeline.png": ("/timeline?on=2025-05-20", ("timeline-chart",), None),
    "dashboard-scenarios.png": (
        "/scenarios?name=peak-escalation&name=geneva-truce&name=busan-deal",
        ("welfare-map", "compare-chart"),
        None,
    ),
    "dashboard-scenarios-map.png": (
        "/scenarios?name=peak-escalation&name=geneva-truce&name=busan-deal&map=geneva-truce",
        ("welfare-map",),
        "section[aria-labelledby=map]",
    ),
    "dashboard-talks.png": (
        "/war?players=USA&players=CHN&base=prewar&mode=talks&scope=bilateral&run=1",
        ("deal-chart",),
        "section[aria-labelledby=deal]",
    ),
    "dashboard-supply.png": (
        "/supply?scenario=rare-earths-2025&draws=500",
        ("supply-chart",),
        None,
    ),
    "dashboard-scenario-phone.png": (
        "/scenarios/geneva-truce?baseline=peak-escalation",
        ("scenario-map",),
        None,
    ),
}
#: Screenshots taken at a phone's 390 × 844 (the others at a laptop's 1366 × 900).
PHONE_SHOTS = {"dashboard-scenario-phone.png"}


def _has_ge_data(settings: Settings) -> bool:
    return (settings.data_dir / "ge" / "trade_cepii.csv").is_file()


def _say(message: str) -> None:
    sys.stdout.write(message + "\n")


def make_charts(settings: Settings, out: Path, wanted: set[str]) -> list[str]:
    """Render the chart figures in ``wanted``; return the names that could not be made."""
    charts = ChartService(settings)
    missing = []
    for name, (needs_data, build) in CHARTS.items():
        if name not in wanted:
            continue
        if needs_data and not _has_ge_data(settings):
            _say(f"skipped {name}: no GE data under TRADEWAR_DATA_DIR={settings.data_dir}")
            missing.append(name)
            continue
        path = charts.render(build(charts), out / name)
        _say(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return missing


def make_screenshots(settings: Settings, out: Path, wanted: set[str]) -> list[str]:
    """Take the dashboard screenshots in ``wanted``; return the names that could not be made."""
    names = [name for name in DASHBOARD if name in wanted]
    reason = None
    if not CHROMIUM.is_file():
        reason = f"{CHROMIUM} is missing (run 'bash scripts/install-browser.sh' as root)"
    elif not _has_ge_data(settings):
        reason = f"no GE data under TRADEWAR_DATA_DIR={settings.data_dir}"
    if not names or reason:
        for name in names:
            _say(f"skipped {name}: {reason}")
        return names
    from playwright.sync_api import sync_playwright

    with serve_in_background(settings) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        for name in names:
            path, charts, element = DASHBOARD[name]
            page = browser.new_page(viewport=PHONE if name in PHONE_SHOTS else VIEWPORT)
            page.set_default_timeout(WAIT_MS)
            page.goto(base + path)
            for chart_id in charts:
                page.wait_for_selector(f"#{chart_id}[data-rendered='1']")
            target = out / name
            if element is None:
                page.screenshot(path=str(target))
            else:
                page.locator(element).screenshot(path=str(target))
            _say(f"wrote {target} ({target.stat().st_size:,} bytes)")
            page.close()
        browser.close()
    return []


def main(argv: list[str] | None = None) -> int:
    """Write the figures to ``--out``; return the exit code."""
    every = [*CHARTS, *DASHBOARD]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--only", nargs="+", choices=every, default=every, metavar="NAME",
                        help=f"figures to make (default all: {', '.join(every)})")  # fmt: skip
    args = parser.parse_args(argv)
    wanted = set(args.only)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tradewar-figures-") as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/ledger.sqlite")
        missing = make_charts(settings, args.out, wanted)
        missing += make_screenshots(settings, args.out, wanted)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
