"""What the bundled record covers, so that no answer is a silent 0.

The ledger records the US–China measures in both directions, plus the US measures that
apply to every trading partner (the April 2025 reciprocal baseline, the Section 122
surcharge, Section 232 by product).  It does **not** record the measures that set a
partner-specific US rate for other countries, nor any measure of a third country.
:func:`coverage_gaps` names, for one pair, product and date, everything the record
leaves out that could change the answer; an empty list means the pair is covered.

Each gap is sourced (the facts are in the policy timeline and the Yale Budget Lab
tracker's policy-timing notes, ``../shared/data/hts/budgetlab/docs/policy_timing.md``):

* EO 14193/14194 (fentanyl and border duties on Canada and Mexico, from Feb 2025);
* EO 14326 (country-specific reciprocal rates from 7 Aug 2025, FR Doc 2025-15010) and
  the partner arrangements that cap US rates (EU from 7 Aug 2025, Japan 12 Sep 2025,
  Korea 15 Nov 2025, Switzerland and Liechtenstein 1 Jan 2026);
* the Section 122 exemption of USMCA-qualifying goods of Canada and Mexico;
* the Section 301 forced-labour duties on the other 58 investigated economies
  (from 24 Jul 2026; only China and Hong Kong are recorded);
* the 2018 Section 232 steel and aluminium duties in force before 12 Mar 2025.

The rules describe the bundled record: measures a user adds for another pair do not
change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

RECORDED_IMPORTERS = ("USA", "CHN")
FULLY_RECORDED_PAIRS = frozenset({("USA", "CHN"), ("CHN", "USA")})
EU27 = frozenset(
    [
        "AUT",
        "BEL",
        "BGR",
        "HRV",
        "CYP",
        "CZE",
        "DNK",
        "EST",
        "FIN",
        "FRA",
        "DEU",
        "GRC",
        "HUN",
        "IRL",
        "ITA",
        "LVA",
        "LTU",
        "LUX",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "ESP",
        "SWE",
    ]
)
ANY = "*"


@dataclass(frozen=True)
class Gap:
    """Something the record leaves out for some partners, dates and (optionally) products.

    ``exporters`` lists ISO3 codes; ``"*"`` stands for every partner other than China
    (China is included only when named as well);
    ``hs_prefixes`` limits the gap to products under those HS codes (empty: all products;
    a headline query, with no HS code, is affected only by all-product gaps).  Dates are
    half-open ``[start, end)``; ``None`` means open-ended.
    """

    importer: str
    exporters: tuple[str, ...]
    start: date | None
    end: date | None
    missing: str
    hs_prefixes: tuple[str, ...] = ()

    def applies(self, importer: str, exporter: str, hs: str | None, on: date) -> bool:
        """Whether this gap concerns the query."""
        if importer != self.importer:
            return False
        if ANY in self.exporters:
            china_left_out = exporter == "CHN" and "CHN" not in self.exporters
            if exporter == importer or china_left_out:
                return False
        elif exporter not in self.exporters:
            return False
        if self.start is not None and on < self.start:
            return False
        if self.end is not None and on >= self.end:
            return False
        if self.hs_prefixes:
            return hs is not None and hs.startswith(self.hs_prefixes)
        return True


IEEPA_END = date(2026, 2, 24)

GAPS: tuple[Gap, ...] = (
    Gap(
        "USA",
        ("CAN", "MEX"),
        date(2025, 2, 4),
        IEEPA_END,
        "the IEEPA fentanyl and border duties on Canada and Mexico (EOs 14193 and 14194) "
        "and their USMCA exemptions are not recorded",
    ),
    Gap(
        "USA",
        (ANY,),
        date(2025, 8, 7),
        IEEPA_END,
        "the country-specific reciprocal rates of EO 14326 (from 7 Aug 2025, FR Doc "
        "2025-15010) are not recorded; the partner may pay its own rate instead of the "
        "10% baseline",
    ),
    Gap(
        "USA",
        tuple(sorted(EU27)),
        date(2025, 8, 7),
        None,
        "the EU–US framework (15% all-in caps on the reciprocal rate and on Section 232 "
        "autos and other products, from 7 Aug 2025) is not recorded",
    ),
    Gap(
        "USA",
        ("JPN",),
        date(2025, 9, 12),
        None,
        "the US–Japan arrangement (15% all-in caps, from 12 Sep 2025) is not recorded",
    ),
    Gap(
        "USA",
        ("KOR",),
        date(2025, 11, 15),
        None,
        "the US–Korea arrangement (15% all-in caps, from 15 Nov 2025) is not recorded",
    ),
    Gap(
        "USA",
        ("CHE", "LIE"),
        date(2026, 1, 1),
        None,
        "the US arrangement with Switzerland and Liechtenstein (15% all-in caps, from "
        "1 Jan 2026) is not recorded",
    ),
    Gap(
        "USA",
        ("CAN", "MEX"),
        date(2026, 2, 24),
        date(2026, 7, 24),
        "the Section 122 exemption of USMCA-qualifying goods of Canada and Mexico is not "
        "recorded by product",
    ),
    Gap(
        "USA",
        (ANY,),
        date(2026, 7, 24),
        None,
        "the Section 301 forced-labour duties on the other investigated economies (60 in "
        "all; 10% or 12.5%, some net of MFN, from 24 Jul 2026) are recorded for China and "
        "Hong Kong only; whether and at what rate they apply to this partner is not recorded",
    ),
    Gap(
        "USA",
        (ANY, "CHN"),
        None,
        date(2025, 3, 12),
        "the 2018 Section 232 duties on steel (25%) and aluminium (10%) in force before "
        "12 Mar 2025 (Proclamations 9704 and 9705) are not recorded",
        hs_prefixes=("72", "73", "76"),
    ),
)


def coverage_gaps(importer: str, exporter: str, hs: str | None, on: date) -> list[str]:
    """What the record leaves out for this query (empty: the query is covered).

    ``importer`` and ``exporter`` are ISO3 codes, ``hs`` a normalised HS code or ``None``
    for the all-goods headline.
    """
    if importer not in RECORDED_IMPORTERS:
        return [
            f"the ledger records measures imposed by the United States and China only; "
            f"{importer}'s measures on goods from {exporter} are not recorded"
        ]
    if importer == "CHN" and exporter != "USA":
        return [
            f"the ledger records China's measures on US goods only; China's measures on "
            f"goods from {exporter} are not recorded"
        ]
    found = [gap.missing for gap in GAPS if gap.applies(importer, exporter, hs, on)]
    return list(dict.fromkeys(found))


def pair_note(importer: str, exporter: str) -> str | None:
    """A standing caveat for a covered pair (``None`` when there is none)."""
    if (importer, exporter) == ("CHN", "USA"):
        return (
            "China's 2018–2019 retaliatory tariffs on US goods are not recorded; the "
            "ledger starts China's side in February 2025."
        )
    if importer == "USA" and (importer, exporter) not in FULLY_RECORDED_PAIRS:
        return (
            "For partners other than China the ledger records only the US measures that "
            "apply to every partner (reciprocal baseline, Section 122, Section 232)."
        )
    return None


__all__ = ["GAPS", "Gap", "coverage_gaps", "pair_note"]
