"""Products by name: the FTS5 index, the synonym table and what each common name finds."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tradewar.config import Settings
from tradewar.errors import DataUnavailable, InvalidData, InvalidInput
from tradewar.hts import search
from tradewar.hts.search import SYNONYMS, ensure_index, rewrite
from tradewar.services.hts import HtsService

CROSSWALK = """hs10,hs6_code,gtap_code,description
9503000011,950300,OMF,"Tricycles, scooters; dolls; other toys; puzzles of all kinds"
8471300100,847130,ELE,"Automatic data-processing machines : Portable automatic data-processing machines, weighing not more than 10?kg"
8471410110,847141,ELE,"Automatic data-processing machines : Other automatic data-processing machines"
1201900010,120190,OSD,"Soya beans, whether or not broken : Other"
"""


@pytest.fixture
def small_index(tmp_path: Path) -> Path:
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk.write_text(CROSSWALK)
    return ensure_index(crosswalk, tmp_path / "cache")


def test_the_index_is_sqlite_fts5_and_ranks_by_bm25(small_index: Path) -> None:
    with sqlite3.connect(small_index) as db:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'lines_fts'").fetchone()[0]
    assert "fts5" in sql and "porter" in sql
    assert [h.line.hs10 for h in search.search(small_index, "toy")] == ["9503000011"]
    hits = search.search(small_index, "automatic data processing machines")
    assert hits[0].line.hs10 in {"8471410110", "8471300100"}
    assert [h.line.hs10 for h in search.search(small_index, "laptop")] == ["8471300100"]
    assert "10 kg" in search.search(small_index, "laptop")[0].line.description  # '?' cleaned


def test_no_line_holding_every_word_falls_back_to_any_word(small_index: Path) -> None:
    hits = search.search(small_index, "soya unicorn")
    assert [h.line.hs10 for h in hits] == ["1201900010"]
    assert search.search(small_index, "unicorn") == []


def test_a_code_lists_the_lines_under_it(small_index: Path) -> None:
    assert [h.line.hs10 for h in search.search(small_index, "8471.30")] == ["8471300100"]
    assert [x.hs10 for x in search.lines_under(small_index, "84")] == ["8471300100", "8471410110"]


def test_bad_queries_are_refused(small_index: Path) -> None:
    with pytest.raises(InvalidInput, match="Empty product search"):
        search.search(small_index, "  ")
    with pytest.raises(InvalidInput, match="no searchable words"):
        search.search(small_index, "of the")
    with pytest.raises(InvalidInput, match="limit: 0 lines") as refused:
        search.search(small_index, "toys", 0)
    assert refused.value.field == "limit"
    with pytest.raises(InvalidInput, match="Malformed HS code"):
        search.search(small_index, "847")


def test_the_index_is_built_once_and_rebuilt_when_the_crosswalk_changes(tmp_path: Path) -> None:
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk.write_text(CROSSWALK)
    path = ensure_index(crosswalk, tmp_path / "cache")
    built = path.stat().st_mtime_ns
    assert ensure_index(crosswalk, tmp_path / "cache").stat().st_mtime_ns == built
    crosswalk.write_text(CROSSWALK + '9503000013,950300,OMF,"Other toys"\n')
    os.utime(crosswalk, (1, 1))  # a different mtime and size: a new signature
    assert search.line_count(ensure_index(crosswalk, tmp_path / "cache")) == 5


def test_an_unwritable_cache_folder_is_named(tmp_path: Path) -> None:
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk.write_text(CROSSWALK)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(DataUnavailable, match="TRADEWAR_CACHE_DIR"):
        ensure_index(crosswalk, blocker)


def test_a_malformed_crosswalk_is_named(tmp_path: Path) -> None:
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk.write_text("code,description\n1,x\n")
    with pytest.raises(InvalidData, match="header"):
        ensure_index(crosswalk, tmp_path)
    crosswalk.write_text("hs10,hs6_code,gtap_code,description\n95030000,950300,OMF,toys\n")
    with pytest.raises(InvalidData, match="line 2"):
        ensure_index(crosswalk, tmp_path)
    assert not (tmp_path / search.INDEX_FILE).exists()  # nothing half-built is left


def test_synonyms_rewrite_whole_words_only() -> None:
    assert rewrite("Li-ion batteries") == ("lithium ion accumulators", ["li-ion batteries"])
    assert rewrite("chipboard") == ("chipboard", [])


@pytest.fixture(scope="module")
def service(hts_settings: Settings) -> HtsService:
    return HtsService(hts_settings)


MUST_FIND = [
    ("toys", "950300"),
    ("laptops", "847130"),
    ("soybeans", "1201"),
    ("lithium-ion batteries", "850760"),
    ("rare-earth magnets", "850511"),
]


@pytest.mark.parametrize(("query", "expected"), MUST_FIND)
def test_common_names_find_the_right_lines(service: HtsService, query: str, expected: str) -> None:
    hits = service.search(query, 5)
    assert hits and all(hit.line.hs10.startswith(expected) for hit in hits[:2]), [
        (h.line.hs10, h.line.short) for h in hits
    ]


ENTRIES = [(name, synonym.expect) for synonym in SYNONYMS for name in synonym.names]


@pytest.mark.parametrize(("name", "expected"), ENTRIES)
def test_every_synonym_finds_its_line_first(service: HtsService, name: str, expected: str) -> None:
    assert service.search(name, 1)[0].line.hs10.startswith(expected)


def test_show_lists_each_line_with_the_lists_that_name_it(service: HtsService) -> None:
    report = service.show("9503")
    assert report.code == "9503" and len(report.lines) == 5
    assert "toys" in report.name
    assert {m.key for line in report.lines for m in line.lists} == {"s301-list-4b"}
    magnets = service.show("850511")
    keys = {m.key for m in magnets.lines[0].lists}
    assert {"s301-review-2026-25", "ieepa-annex-2"} <= keys
    with pytest.raises(InvalidInput, match="no HTS-10 line starts with it"):
        service.show("0000")
