"""From HTS-10 tariff lines to the 16 LL2023 industries.

Two steps: HTS-10 → GTAP sector (the Budget Lab's ``hs10_gtap_crosswalk.csv`` under
``<data_dir>/hts/budgetlab/resources``; MIT) and GTAP sector → LL2023 industry (the
package's ``gtap_to_ll2023.csv``, written through ISIC Rev. 4; sources in
``data_files/gtap_to_ll2023.md`` and ``docs/models/ll2023.md``).

**Averaging rule.**  No public HS-10 trade weights are available to the project (the
tracker's Census import weights are not part of its copy), so an industry's rate is the
**simple average over its HTS-10 lines** of the line rates.  Every output that uses it
says so (:data:`AVERAGING_NOTE`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np

from tradewar.errors import DataUnavailable, InvalidData
from tradewar.types import FloatArray

CROSSWALK = Path("hts") / "budgetlab" / "resources" / "hs10_gtap_crosswalk.csv"
SERVICES_INDUSTRY = 16
AVERAGING_NOTE = (
    "Industry rates are simple (unweighted) averages of HTS-10 line rates (HTS-10 → GTAP by"
    " the Budget Lab crosswalk, GTAP → LL2023 industry by the package's concordance): no"
    " public HS-10 trade weights are available, so a line with little trade counts as much"
    " as a large one. Services (industry 16) carry no tariff."
)


def gtap_concordance() -> dict[str, int]:
    """GTAP code → LL2023 industry number (1–16), from the packaged CSV."""
    text = files("tradewar.model.sectors").joinpath("data_files/gtap_to_ll2023.csv").read_text()
    rows = list(csv.DictReader(text.splitlines()))
    mapping = {row["gtap_code"].upper(): int(row["ll2023_industry"]) for row in rows}
    if sorted(set(mapping.values())) != list(range(1, SERVICES_INDUSTRY + 1)):
        raise InvalidData("gtap_to_ll2023.csv: every industry 1–16 needs at least one sector.")
    return mapping


@dataclass(frozen=True)
class IndustryLines:
    """HTS-10 lines of each goods industry, and the lines left out (unknown GTAP code)."""

    lines: dict[int, tuple[str, ...]]  # industry number → HTS-10 codes
    unmapped: tuple[str, ...]

    def average(
        self, line_rate: Callable[[str], float], industries: int = SERVICES_INDUSTRY
    ) -> FloatArray:
        """Simple average of ``line_rate`` over each industry's lines (0 with no lines)."""
        rates = np.zeros(industries)
        for industry, codes in self.lines.items():
            if codes:
                rates[industry - 1] = float(np.mean([line_rate(code) for code in codes]))
        return rates


def load_industry_lines(data_dir: Path) -> IndustryLines:
    """Read the crosswalk and group its HTS-10 lines by LL2023 industry."""
    path = Path(data_dir) / CROSSWALK
    if not path.is_file():
        raise DataUnavailable(
            f"{path} is missing: the HTS-10 → GTAP crosswalk of the Budget Lab tariff-rate"
            " tracker (MIT) is needed to map tariff lines to industries."
        )
    concordance = gtap_concordance()
    lines: dict[int, list[str]] = {k: [] for k in range(1, SERVICES_INDUSTRY)}
    unmapped: list[str] = []
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            code, gtap = row["hs10"].strip(), row["gtap_code"].strip().upper()
            industry = concordance.get(gtap)
            if industry is None or industry == SERVICES_INDUSTRY:
                unmapped.append(code)
            else:
                lines[industry].append(code)
    return IndustryLines({k: tuple(v) for k, v in lines.items()}, tuple(unmapped))


def signature_classes(
    lines: IndustryLines, mentioned: Mapping[str, object]
) -> dict[tuple[str, ...], list[str]]:
    """Group lines by the HS codes named in the ledger that cover them (prefix match).

    Lines with the same signature get the same duty stack, so the ledger is asked once per
    class instead of once per line.
    """
    prefixes = sorted(mentioned)
    classes: dict[tuple[str, ...], list[str]] = {}
    for codes in lines.lines.values():
        for code in codes:
            key = tuple(p for p in prefixes if code.startswith(p) or p.startswith(code))
            classes.setdefault(key, []).append(code)
    return classes
