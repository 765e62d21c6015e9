"""A cache of the parsed tariff-line lists, so that one CLI query need not parse them all.

Reading the Budget Lab lists (CSV and YAML files of about 200,000 rows) takes about 1.5 s; a
``tradewar tariff --hs ...`` query needs them all to decide a line, so every such command paid
that before answering.  The parsed codes are kept in ``<cache_dir>`` as one JSON file named by a
fingerprint of what they were parsed from: the tradewar version, the scope table and each list
file's path, size and modification time.  Any change to these gives another name, so a stale
cache is never read; an unreadable or damaged cache file is ignored and written again.  JSON
rather than pickle: the cache holds data only, and loading it can run no code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from tradewar import __version__
from tradewar.hts.lists import LineList, ScopeTable

log = logging.getLogger(__name__)

CACHE_PREFIX = "hts-line-lists-"


def fingerprint(table: ScopeTable, folder: Path) -> str:
    """A digest of the version, the scope table and each list file's path, size and mtime."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(table.model_dump_json().encode())
    for spec in table.scopes:
        path = Path(folder) / spec.file
        stat = path.stat() if path.is_file() else None
        stamp = (
            f"{path.resolve()}|{stat.st_size if stat else -1}|{stat.st_mtime_ns if stat else -1}"
        )
        digest.update(stamp.encode())
    return digest.hexdigest()[:24]


def cached_line_lists(
    table: ScopeTable,
    folder: Path,
    cache_dir: Path,
    read: Callable[[ScopeTable, Path], list[LineList]],
) -> list[LineList]:
    """The lists of ``table`` under ``folder``: from the cache when it is current, else
    ``read`` and stored (best effort: an unwritable cache folder only costs the next read)."""
    path = Path(cache_dir) / f"{CACHE_PREFIX}{fingerprint(table, folder)}.json"
    cached = _load(path, table)
    if cached is not None:
        return cached
    lists = read(table, folder)
    _store(path, lists)
    return lists


def _load(path: Path, table: ScopeTable) -> list[LineList] | None:
    try:
        payload = json.loads(path.read_text("utf-8"))
        by_key = {entry["key"]: entry for entry in payload["lists"]}
        return [
            LineList(spec, tuple(by_key[spec.key]["codes"]), tuple(by_key[spec.key]["repaired"]))
            for spec in table.scopes
        ]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("ignoring the damaged tariff-line cache %s: %s", path, err)
        return None


def _store(path: Path, lists: list[LineList]) -> None:
    payload = {
        "lists": [
            {"key": item.spec.key, "codes": list(item.codes), "repaired": list(item.repaired)}
            for item in lists
        ]
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{CACHE_PREFIX}*.json"):
            stale.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(payload, out, separators=(",", ":"))
        Path(temporary).replace(path)
    except OSError as err:
        log.warning("could not write the tariff-line cache %s: %s", path, err)
