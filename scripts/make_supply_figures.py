"""Regenerate the supply chokepoint figures of the README (WIOD 2011) under docs/img/.

Usage::

    TRADEWAR_DATA_DIR=../shared/data .venv/bin/python scripts/make_supply_figures.py \
        [--out docs/img]

Two reports, the same as the README's commands:

* China's basic metals and fabricated metal (c12) stop exporting for 8 weeks
  (``tradewar supply chokepoints --supplier CHN --industry c12 --weeks 8``):
  ``supply-chokepoints-chn-c12.png`` (industries over time) and
  ``supply-chokepoints-chn-c12-regions.png`` (losses by region);
* US-led chip controls: electrical and optical equipment (c14) from the USA, Taiwan, Korea
  and Japan to China stop for 8 weeks, with no substitute
  (``... --supplier USA --supplier TWN --supplier KOR --supplier JPN --industry c14
  --to CHN --weeks 8 --substitution none --critical-for c13 --critical-for c14
  --critical-for c15``): ``supply-chokepoints-chips.png`` and
  ``supply-chokepoints-chips-regions.png``.

It prints the top rows of each report (the README's tables) and exits 1 when WIOD 2011 is
missing from the data directory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tradewar.config import Settings
from tradewar.errors import DataUnavailable
from tradewar.services.supply_sectors import ChokepointRun, SectorService
from tradewar.supply.charts import render
from tradewar.supply.chokepoint_charts import industries_spec, regions_spec

ROOT = Path(__file__).resolve().parents[1]
REPORTS = {
    "supply-chokepoints-chn-c12": {"suppliers": ["CHN"], "industry": "c12"},
    "supply-chokepoints-chips": {
        "suppliers": ["USA", "TWN", "KOR", "JPN"],
        "industry": "c14",
        "destinations": ["CHN"],
        "substitution": "none",
        "critical_for": ["c13", "c14", "c15"],
    },
}


def _say(message: str) -> None:
    sys.stdout.write(message + "\n")


def _print(name: str, run: ChokepointRun, top: int = 8) -> None:
    _say(f"\n{name}: {run.table}")
    for row in run.industries[:top]:
        _say(
            f"  {row.region} {row.sector} {row.role:8s} lost {row.lost_usd_million:10,.0f}"
            f" ({row.lost_share:.2%}), min weekly {row.min_output_share:.1%} in week"
            f" {row.week_of_min}"
        )
    for row in run.regions[:5]:
        _say(
            f"  region {row.region}: buyers {row.lost_excluding_suppliers_usd_million:,.0f},"
            f" all {row.lost_usd_million:,.0f} ({row.lost_share:.3%})"
        )


def main() -> int:
    """Run both reports and write their charts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    service = SectorService(Settings())
    for name, options in REPORTS.items():
        try:
            run = service.chokepoints(weeks=8, **options)  # type: ignore[arg-type]
        except DataUnavailable as err:
            sys.stderr.write(f"skipped {name}: {err}\n")
            return 1
        payload = run.to_dict()
        render(industries_spec(payload), args.out / f"{name}.png")
        render(regions_spec(payload), args.out / f"{name}-regions.png")
        _print(name, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
