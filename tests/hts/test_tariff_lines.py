"""The decided stack on US tariff lines from China, with the bundled ledger and the real lists.

Lines chosen from the Budget Lab lists (each on one list only, not Annex II- or
Section 122-exempt): list 1 84021100 (watertube boilers), list 2 39011010 (polyethylene),
list 3 02032920 (frozen pork), list 4A 01012100 (pure-bred horses), list 4B 03047510
(frozen fish fillets; 4B was never in force).  2025-06-01: fentanyl 20% (9903.01.20 +
9903.01.24) and reciprocal 34% less 24 suspended points (9903.01.63).  2026-03-01: the
IEEPA duties ended on 24 February 2026; Section 122's 10% (9903.03.01) applies.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradewar.config import Settings
from tradewar.ledger.loader import bundled_measures_path, load_measures
from tradewar.ledger.schema import Measure
from tradewar.services.hts import HtsService
from tradewar.services.ledger import LedgerService

JUNE_2025, MARCH_2026 = date(2025, 6, 1), date(2026, 3, 1)
FENTANYL = ("us-ieepa-fentanyl-20", 20.0, "9903.01.20 + 9903.01.24")
RECIPROCAL = ("us-ieepa-reciprocal-34", 10.0, "9903.01.63")
S122 = ("us-s122-surcharge-2026", 10.0, "9903.03.01")

CASES = [
    ("84021100", JUNE_2025, [FENTANYL, RECIPROCAL, ("us-s301-list1-2018", 25.0, "9903.88.01")]),
    ("84021100", MARCH_2026, [S122, ("us-s301-list1-2018", 25.0, "9903.88.01")]),
    ("39011010", JUNE_2025, [FENTANYL, RECIPROCAL, ("us-s301-list2-2018", 25.0, "9903.88.02")]),
    ("39011010", MARCH_2026, [S122, ("us-s301-list2-2018", 25.0, "9903.88.02")]),
    ("02032920", JUNE_2025, [FENTANYL, RECIPROCAL, ("us-s301-list3-2018", 25.0, "9903.88.03")]),
    ("02032920", MARCH_2026, [S122, ("us-s301-list3-2018", 25.0, "9903.88.03")]),
    ("01012100", JUNE_2025, [FENTANYL, RECIPROCAL, ("us-s301-list4a-2019", 7.5, "9903.88.15")]),
    ("01012100", MARCH_2026, [S122, ("us-s301-list4a-2019", 7.5, "9903.88.15")]),
    ("03047510", JUNE_2025, [FENTANYL, RECIPROCAL]),
    ("03047510", MARCH_2026, [S122]),
]


def _layers(stack: Any) -> list[tuple[str, float, str | None]]:
    return [(x.measure_id, x.rate_pct, x.chapter99) for x in stack.layers]


@pytest.mark.parametrize(("hs", "on", "expected"), CASES)
def test_each_list_line_gets_its_decided_stack_with_headings(
    hts_settings: Settings, hs: str, on: date, expected: list[tuple[str, float, str]]
) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", hs, on)
    assert _layers(stack) == expected
    assert stack.total_additional_pct == sum(rate for _, rate, _ in expected)
    assert not [u for u in stack.uncertain if u.program.startswith("us-s301") and
                u.measure_id.startswith("us-s301-list")]  # fmt: skip
    assert stack.product is not None and "Budget Lab" in stack.product["citation"]
    assert stack.product["name"]


def test_list_4b_is_named_but_never_counted(hts_settings: Settings) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "03047510", JUNE_2025)
    assert any("list 4B" in note and "9903.88.16" in note for note in stack.notes)


def test_an_annex_ii_line_owes_no_reciprocal_duty(hts_settings: Settings) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "0206100000", JUNE_2025)
    assert _layers(stack) == [FENTANYL, ("us-s301-list3-2018", 25.0, "9903.88.03")]
    assert any("Annex II" in note and "9903.01.32" in note for note in stack.notes)
    # the same heading's neighbour outside Annex II still owes it
    other = LedgerService(hts_settings).tariff("USA", "CHN", "02032920", JUNE_2025)
    assert RECIPROCAL in _layers(other)


def test_the_peak_of_april_2025_on_a_list_3_line(hts_settings: Settings) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "02032920", date(2025, 4, 15))
    assert stack.total_additional_pct == 20 + 125 + 25


def test_a_whole_line_exclusion_lifts_section_301_while_extended(hts_settings: Settings) -> None:
    service = LedgerService(hts_settings)
    excluded = service.tariff("USA", "CHN", "8607211000", MARCH_2026)
    s301 = [x for x in excluded.layers if x.program == "us-s301"]
    assert [(x.rate_pct, x.suspended_by) for x in s301] == [
        (0.0, ("us-s301-exclusions-extension",))
    ]
    described = service.tariff("USA", "CHN", "8413919085", MARCH_2026).product
    assert described is not None and described["possible_exclusions"]


def test_at_hs6_each_layer_says_how_many_lines_it_covers(hts_settings: Settings) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "850760", MARCH_2026)
    assert stack.product is not None
    by_line = stack.product["by_line"]
    assert by_line["lines"] == 2
    covers = {x["measure_id"]: (x["covers"], x["lines"], x["chapter99"]) for x in by_line["layers"]}
    assert covers["us-s301-4yr-review-2026"] == (2, ["8507600010", "8507600020"], ["9903.91.06"])
    # Both lines are also on the Section 232 auto-parts list (25% from 3 May 2025), which
    # stacks on Section 301; Section 232 goods are exempt from the Section 122 surcharge.
    assert covers["us-s232-auto-parts-2025"][:2] == (2, ["8507600010", "8507600020"])
    assert by_line["total_min_pct"] == by_line["total_max_pct"] == 50.0


def test_a_section_232_product_through_its_list(hts_settings: Settings) -> None:
    """Copper wire, with a Section 232 copper act as the other branch records it."""
    copper = Measure.model_validate({
        "id": "us-s232-copper-2025", "kind": "tariff", "title": "Section 232 copper",
        "imposing": "USA", "targets": ["ALL"], "effective_on": "2025-08-01",
        "scope": {"hs_complete": False}, "legal_basis": "Section 232; Proclamation of 30 July 2025",
        "tariff": {"program": "us-s232-copper", "lines": [{"rate_pct": 50}]},
        "sources": [{"url": "https://www.federalregister.gov/d/2025-14893",
                     "publisher": "Federal Register"}],
    })  # fmt: skip
    lines = HtsService(hts_settings)
    measures = lines.attach([*load_measures(bundled_measures_path()), copper])
    from tradewar.ledger.engine import tariff_stack

    wire = tariff_stack(measures, "USA", "CHN", "74081130", date(2026, 3, 1))
    assert ("us-s232-copper-2025", 50.0, "9903.78.01") in _layers(wire)
    pipe = tariff_stack(measures, "USA", "VNM", "95030000", date(2026, 3, 1))
    assert "us-s232-copper-2025" not in [x.measure_id for x in pipe.layers + pipe.uncertain]


def test_section_232_through_the_ledger_after_merge(hts_settings: Settings) -> None:
    """Runs once the issue-12rec branch adds us-s232-copper-2025 (see 12-hts-notes.md)."""
    ids = {m.id for m in load_measures(bundled_measures_path())}
    if "us-s232-copper-2025" not in ids:
        pytest.skip("needs issue-12rec measure us-s232-copper-2025 (Section 232 copper)")
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "74081130", MARCH_2026)
    assert [x.chapter99 for x in stack.layers if x.measure_id == "us-s232-copper-2025"] == [
        "9903.78.01"
    ]


def test_without_the_files_the_answer_says_the_lists_are_not_loaded(
    hts_settings: Settings, tmp_path: Any
) -> None:
    bare = hts_settings.model_copy(update={"data_dir": tmp_path})
    stack = LedgerService(bare).tariff("USA", "CHN", "84021100", JUNE_2025)
    assert stack.product is None
    assert any("Tariff-line lists not loaded" in note for note in stack.notes)


def test_the_timeline_of_a_line_counts_its_section_301_list(hts_settings: Settings) -> None:
    points, _ = LedgerService(hts_settings).timeline(
        "USA", "CHN", "84021100", date(2025, 1, 1), date(2026, 3, 1)
    )
    by_day = {p.on.isoformat(): p.total_additional_pct for p in points}
    assert by_day["2025-01-01"] == 25.0  # list 1 alone before 2025's acts
    assert by_day["2025-04-10"] == 20 + 125 + 25
    assert by_day["2026-02-24"] == 10 + 25  # Section 122 replaces the IEEPA layers


def test_a_code_whose_lines_all_owe_the_same_is_decided(hts_settings: Settings) -> None:
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "850760", MARCH_2026)
    assert ("us-s301-4yr-review-2026", 25.0, "9903.91.06") in _layers(stack)
    assert not stack.uncertain and stack.hs == "850760"
    assert any("Decided from the 2 HTS-10 lines" in note for note in stack.notes)
    # a heading whose lines differ stays undecided at its own level, decided line by line
    mixed = LedgerService(hts_settings).tariff("USA", "CHN", "8505", MARCH_2026)
    assert mixed.product is not None and not mixed.product["by_line"]["uniform"]


def test_a_list_line_after_the_last_verified_fact(hts_settings: Settings) -> None:
    """December 2026: Section 122 has expired; list 1 still applies, decided by its line.

    After the merge with issue-12rec the stack also carries a warning that the date is past
    the last verified fact (``warnings``); that branch's tests check its wording.
    """
    stack = LedgerService(hts_settings).tariff("USA", "CHN", "84021100", date(2026, 12, 1))
    layers = _layers(stack)
    assert ("us-s301-list1-2018", 25.0, "9903.88.01") in layers
    assert not [m for m, _, _ in layers if m.startswith(("us-s122", "us-ieepa"))]
    if hasattr(stack, "warnings"):
        assert stack.warnings


def test_china_on_us_soybeans_is_named_but_not_split_into_us_lines(hts_settings: Settings) -> None:
    stack = LedgerService(hts_settings).tariff("CHN", "USA", "120190", date(2025, 5, 20))
    assert stack.product is not None and stack.product["name"].startswith("Soya beans")
    assert "by_line" not in stack.product and "not recorded" in stack.product["note"]
