"""Chapter 99 rates: the parser, and every heading the project uses against the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradewar.hts.chapter99 import HeadingRow, parse_chapter99, read_chapter99
from tradewar.hts.lists import (
    CHAPTER99_TEXT,
    HeadingSpec,
    ScopeSpec,
    budgetlab_folder,
    bundled_scope_table,
)
from tradewar.ledger.loader import bundled_measures_path, load_measures
from tradewar.ledger.schema import Measure

PAGE = """\
                   Harmonized Tariff Schedule of the United States Revision 6 (2026)
 Heading/ Stat.                 Article Description                      Rates of Duty
9903.91.01 1/ Effective with respect to entries on or after September 27,                                   The duty
                      2024, articles of China (b) of U.S. note 31.... 1/                                     provided in the
                                                                                                             applicable
9903.91.02 1/ Effective with respect to entries on or after September 27,                                    subheading +
                      2024, articles of China (c) of U.S. note 31.... 1/                                     25%
9903.91.03 1/ Articles of China (d) containing 60% copper ............ 1/                                    The duty
                                                                                                             provided in the
                                                                                                             applicable
                                                                                                             subheading
                                                                                                            The duty
                                                                                                             provided in the
                                                                                                             subheading + 100%
"""


def test_rate_cells_pair_with_their_rows_in_order_even_when_they_drift() -> None:
    rows = parse_chapter99(PAGE)
    assert rows["9903.91.01"].rate_pct == 25.0  # its cell ends on the next row's lines
    assert rows["9903.91.02"].rate_pct is None  # "the applicable subheading": no addition
    assert rows["9903.91.03"].rate_pct == 100.0  # the description's "60%" is not a rate
    assert {row.method for row in rows.values()} == {"column"}


def test_a_page_whose_cells_do_not_pair_falls_back_to_each_rows_own_words() -> None:
    text = "9903.01.24 1/ Articles of China ... 1/      The duty provided in the applicable\n"
    text += "                                            subheading + 10%  The duty + 10%\n"
    text += "9903.01.25 1/ Articles of any country ... 1/\n"
    rows = parse_chapter99(text)
    assert rows["9903.01.24"] == HeadingRow(
        "9903.01.24", 10.0, False, "row", rows["9903.01.24"].text
    )
    assert rows["9903.01.25"].rate_pct is None


@pytest.fixture(scope="module")
def chapter99(hts_data: Path) -> dict[str, HeadingRow]:
    return read_chapter99(budgetlab_folder(hts_data) / CHAPTER99_TEXT)


def test_the_text_yields_hundreds_of_headings(chapter99: dict[str, HeadingRow]) -> None:
    assert len(chapter99) > 400
    assert chapter99["9903.88.16"].suspended  # list 4B: "[Compiler's note: provision suspended.]"
    assert not chapter99["9903.88.15"].suspended


SPECS = [spec for spec in bundled_scope_table().scopes if spec.text_check]


@pytest.mark.parametrize("spec", SPECS, ids=[spec.key for spec in SPECS])
def test_every_list_heading_has_the_rate_the_text_gives(
    spec: ScopeSpec, chapter99: dict[str, HeadingRow]
) -> None:
    heading, rate = spec.chapter99, spec.rate_pct
    assert heading in chapter99, f"{heading} is not a heading row of the Chapter 99 text"
    assert chapter99[heading].rate_pct == rate, chapter99[heading].text[:300]


HEADINGS = [spec for spec in bundled_scope_table().headings if spec.text_check]


@pytest.mark.parametrize("spec", HEADINGS, ids=[spec.measure for spec in HEADINGS])
def test_every_measure_heading_adds_up_to_the_rate_the_text_gives(
    spec: HeadingSpec, chapter99: dict[str, HeadingRow]
) -> None:
    rates = [chapter99[h].rate_pct for h in spec.chapter99]
    assert None not in rates
    assert sum(r for r in rates if r is not None) == spec.rate_pct


def test_every_unchecked_heading_says_why() -> None:
    table = bundled_scope_table()
    whys = [s.why for s in table.scopes if not s.text_check]
    whys += [h.why for h in table.headings if not h.text_check]
    assert whys, "the table marks some headings as not in the 2026 rev 6 text"
    assert all(whys)


def _bundled() -> dict[str, Measure]:
    return {m.id: m for m in load_measures(bundled_measures_path())}


def test_the_measure_headings_carry_the_ledgers_own_rates() -> None:
    measures = _bundled()
    checked = 0
    for spec in bundled_scope_table().headings:
        measure = measures.get(spec.measure)
        if measure is None or measure.tariff is None:
            continue  # added on another branch (see /work/coord/12-hts-notes.md)
        assert [line.rate_pct for line in measure.tariff.lines] == [spec.rate_pct], spec.measure
        checked += 1
    assert checked >= 6


def test_the_list_measures_carry_the_lists_rates() -> None:
    measures = _bundled()
    for spec in bundled_scope_table().scopes:
        for measure_id in spec.measures:
            measure = measures.get(measure_id)
            if spec.effect != "scope" or measure is None or measure.tariff is None:
                continue
            rates = {line.rate_pct for line in measure.tariff.lines}
            assert spec.rate_pct in rates, (spec.key, measure_id, rates)
