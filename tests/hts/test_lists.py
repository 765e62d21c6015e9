"""Line lists as measure scopes: reading the files and attaching them (synthetic data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradewar.errors import DataUnavailable, InvalidData
from tradewar.hts.exclusions import Exclusion
from tradewar.hts.lists import (
    LineList,
    ScopeSpec,
    ScopeTable,
    attach_exclusions,
    attach_scopes,
    load_scope_table,
    memberships,
    possible_exclusions,
    read_line_list,
)
from tradewar.ledger.engine import tariff_stack
from tradewar.ledger.schema import Measure

SOURCE = {"url": "https://www.federalregister.gov/d/2018-13248", "publisher": "Federal Register"}


def _tariff(measure_id: str, lines: list[dict[str, object]], **extra: object) -> Measure:
    return Measure.model_validate({
        "id": measure_id, "kind": "tariff", "title": measure_id, "imposing": "USA",
        "targets": ["CHN"], "effective_on": "2018-07-06", "sources": [SOURCE],
        "tariff": {"program": extra.pop("program", "us-s301"), "lines": lines}, **extra,
    })  # fmt: skip


def _spec(key: str, effect: str, measures: list[str], **extra: object) -> ScopeSpec:
    return ScopeSpec.model_validate({
        "key": key, "title": key, "file": "x.csv", "chapter99": extra.pop("chapter99", "9903.88.01"),
        "rate_pct": extra.pop("rate_pct", 25), "effect": effect, "measures": measures, **extra,
    })  # fmt: skip


def test_a_scope_list_decides_coverage_at_the_tariff_line() -> None:
    measure = _tariff("list1", [{"rate_pct": 25}], scope={"hs_complete": False})
    listed = LineList(_spec("list-1", "scope", ["list1"]), ("84021100", "8483509040"))
    before = tariff_stack([measure], "USA", "CHN", "84021100", date(2025, 6, 1))
    assert before.uncertain and not before.layers  # "may also apply" without the list
    [attached] = attach_scopes([measure], [listed])
    on_list = tariff_stack([attached], "USA", "CHN", "84021100", date(2025, 6, 1))
    assert [(x.rate_pct, x.chapter99) for x in on_list.layers] == [(25.0, "9903.88.01")]
    off_list = tariff_stack([attached], "USA", "CHN", "95030000", date(2025, 6, 1))
    assert not off_list.layers and not off_list.uncertain  # decided: not covered
    hs6 = tariff_stack([attached], "USA", "CHN", "848350", date(2025, 6, 1))
    assert hs6.uncertain[0].reason.startswith("covers only some national lines")


def test_line_lists_replace_the_groups_a_record_named_only_in_words() -> None:
    measure = _tariff("review", [
        {"rate_pct": 100, "products": {"hs": ["870380"], "hs_complete": False}, "label": "EVs"},
        {"rate_pct": 25, "products": {"description": "batteries", "hs_complete": False}},
    ], scope={"hs_complete": False})  # fmt: skip
    lists = [LineList(_spec("b25", "line", ["review"], chapter99="9903.91.01"), ("85076000",)),
             LineList(_spec("b100", "line", ["review"], rate_pct=100, chapter99="9903.91.03"),
                      ("87038000",))]  # fmt: skip
    [attached] = attach_scopes([measure], lists)
    day = date(2025, 6, 1)
    battery = tariff_stack([attached], "USA", "CHN", "8507600010", day)
    assert [(x.rate_pct, x.chapter99) for x in battery.layers] == [(25.0, "9903.91.01")]
    assert tariff_stack([attached], "USA", "CHN", "87038000", day).layers[0].rate_pct == 100.0
    toy = tariff_stack([attached], "USA", "CHN", "95030000", day)
    assert not toy.layers and not toy.uncertain


def test_an_exemption_list_takes_lines_out_of_an_all_goods_measure() -> None:
    measure = _tariff("recip", [{"rate_pct": 34}], program="recip",
                      scope={"all_goods": True, "exclude_complete": False})  # fmt: skip
    annex = LineList(_spec("annex-2", "exclude", ["recip"], chapter99="9903.01.32",
                           rate_pct=None), ("8505110070",))  # fmt: skip
    [attached] = attach_scopes([measure], [annex])
    day = date(2025, 6, 1)
    assert tariff_stack([attached], "USA", "CHN", "8505110070", day).layers == ()
    other = tariff_stack([attached], "USA", "CHN", "8505110010", day)
    assert [x.rate_pct for x in other.layers] == [34.0] and not other.layers[0].caveats
    eight = tariff_stack([attached], "USA", "CHN", "85051100", day)
    assert eight.uncertain and not eight.layers  # some of its statistical lines are exempt


def test_lists_for_measures_not_in_the_ledger_change_nothing() -> None:
    measure = _tariff("list1", [{"rate_pct": 25}], scope={"hs_complete": False})
    other = LineList(_spec("s232", "scope", ["us-s232-copper-2025"]), ("74081130",))
    assert attach_scopes([measure], [other]) == [measure]


def test_heading_of_an_all_goods_measure() -> None:
    table = load_scope_table(
        "scopes: []\nheadings:\n  - {measure: fent, chapter99: ['9903.01.20', '9903.01.24'],"
        " rate_pct: 20}\n"
    )
    measure = _tariff("fent", [{"rate_pct": 20}], program="fent", scope={"all_goods": True})
    [attached] = attach_scopes([measure], [], table.headings)
    layer = tariff_stack([attached], "USA", "CHN", None, date(2025, 6, 1)).layers[0]
    assert layer.chapter99 == "9903.01.20 + 9903.01.24"


def test_reading_a_list_filters_rows_and_repairs_a_doubled_suffix(tmp_path: Path) -> None:
    (tmp_path / "lists.csv").write_text(
        "# a comment line\nhts8,list,ch99_code\n84021100,1,9903.88.01\n39011010,2,9903.88.02\n"
        "850511007000,1,9903.88.01\n"
    )
    spec = _spec("one", "scope", [], where={"list": "1"}, file="lists.csv")
    found = read_line_list(spec, tmp_path)
    assert found.codes == ("84021100", "8505110070")
    assert found.repaired == ("850511007000",)
    assert found.covers("8402110000") and not found.covers("39011010")
    assert [m.key for m in memberships("8402110000", [found])] == ["one"]


def test_bad_list_files_are_named(tmp_path: Path) -> None:
    spec = _spec("one", "scope", [], file="lists.csv")
    with pytest.raises(DataUnavailable, match=r"lists\.csv"):
        read_line_list(spec, tmp_path)
    (tmp_path / "lists.csv").write_text("code,list\n84021100,1\n")
    with pytest.raises(InvalidData, match="no column 'hts8'"):
        read_line_list(spec, tmp_path)
    (tmp_path / "lists.csv").write_text("hts8,list\n8402.1,1\n")
    with pytest.raises(InvalidData, match="Malformed HS code"):
        read_line_list(spec, tmp_path)
    with pytest.raises(InvalidData, match=r"scopes\.yaml"):
        load_scope_table("scopes:\n  - {key: x}\n")


def test_whole_line_exclusions_lift_the_list_duty_described_ones_are_only_reported() -> None:
    measure = _tariff("list1", [{"rate_pct": 25}], scope={"hs_complete": False})
    listed = LineList(_spec("list-1", "scope", ["list1"]), ("84835090", "84139190"))
    suspension = Measure.model_validate({
        "id": "excl", "kind": "suspension", "title": "exclusions", "imposing": "USA",
        "targets": ["CHN"], "effective_on": "2025-08-29", "ended_on": "2026-11-10",
        "sources": [SOURCE], "suspends": [{"measure": "list1",
                                           "products": {"description": "178", "hs_complete": False}}],
    })  # fmt: skip
    table = ScopeTable(
        scopes=[listed.spec],
        exclusions={
            "measure": "excl",
            "chapter99": ["9903.88.69"],
        },
    )
    items = [Exclusion(("9903.88.01",), 1, ("8483509040",), True, "8483.50.9040"),
             Exclusion(("9903.88.01",), 4, ("8413919085",), False, "Pump casings")]  # fmt: skip
    measures = attach_exclusions(attach_scopes([measure, suspension], [listed]), table, items)
    day = date(2026, 3, 1)
    whole = tariff_stack(measures, "USA", "CHN", "8483509040", day).layers[0]
    assert (whole.rate_pct, whole.suspended_by) == (0.0, ("excl",))
    described = tariff_stack(measures, "USA", "CHN", "8413919085", day).layers[0]
    assert described.rate_pct == 25.0
    assert [e.number for e in possible_exclusions("8413919085", items)] == [4]
    assert (
        tariff_stack(measures, "USA", "CHN", "8483509040", date(2025, 6, 1)).layers[0].rate_pct
        == 25
    )
