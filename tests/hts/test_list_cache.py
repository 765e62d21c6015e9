"""The parsed tariff-line lists are cached on disk, and a stale or damaged cache is never used."""

from __future__ import annotations

import os
from pathlib import Path

from tradewar.hts.list_cache import CACHE_PREFIX, cached_line_lists
from tradewar.hts.lists import LineList, ScopeSpec, ScopeTable, read_line_lists


def _table() -> ScopeTable:
    spec = ScopeSpec.model_validate({
        "key": "one", "title": "one", "file": "lists.csv", "chapter99": "9903.88.01",
        "rate_pct": 25, "effect": "scope", "measures": [], "where": {"list": "1"},
    })  # fmt: skip
    return ScopeTable(scopes=[spec])


class CountingReader:
    """``read_line_lists``, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, table: ScopeTable, folder: Path) -> list[LineList]:
        self.calls += 1
        return read_line_lists(table, folder)


def _write_list(folder: Path, codes: list[str]) -> None:
    rows = "".join(f"{code},1,9903.88.01\n" for code in codes)
    (folder / "lists.csv").write_text("hts8,list,ch99_code\n" + rows)


def test_a_second_read_comes_from_the_cache(tmp_path: Path) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    _write_list(data, ["84021100", "850511007000"])
    reader = CountingReader()
    first = cached_line_lists(_table(), data, cache, reader)
    second = cached_line_lists(_table(), data, cache, reader)
    assert reader.calls == 1
    assert [(x.spec.key, x.codes, x.repaired) for x in second] == [
        (x.spec.key, x.codes, x.repaired) for x in first
    ]
    assert first[0].codes == ("84021100", "8505110070")


def test_a_changed_list_file_is_read_again(tmp_path: Path) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    _write_list(data, ["84021100"])
    reader = CountingReader()
    cached_line_lists(_table(), data, cache, reader)
    _write_list(data, ["84021100", "39011010"])
    stat = (data / "lists.csv").stat()
    os.utime(data / "lists.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = cached_line_lists(_table(), data, cache, reader)
    assert reader.calls == 2
    assert again[0].codes == ("84021100", "39011010")
    assert len(list(cache.glob(f"{CACHE_PREFIX}*.json"))) == 1  # the stale file is gone


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    _write_list(data, ["84021100"])
    reader = CountingReader()
    cached_line_lists(_table(), data, cache, reader)
    (cached,) = cache.glob(f"{CACHE_PREFIX}*.json")
    cached.write_text('{"lists": [{"key": "one"')
    assert cached_line_lists(_table(), data, cache, reader)[0].codes == ("84021100",)
    assert reader.calls == 2
    assert cached_line_lists(_table(), data, cache, reader)[0].codes == ("84021100",)
    assert reader.calls == 2


def test_an_unwritable_cache_folder_only_costs_a_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _write_list(data, ["84021100"])
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    reader = CountingReader()
    assert cached_line_lists(_table(), data, blocked, reader)[0].codes == ("84021100",)
    assert reader.calls == 1
