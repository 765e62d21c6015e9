"""Backups taken while others write restore exactly; bad files are refused in one line.

The load test runs 12 writer threads (adds and corrections, each in its own transaction)
against a ledger while backups are taken; every backup must be one consistent instant of
the ledger (no orphan sources or targets, every record with its audit entry) and restore
into SQLite and PostgreSQL with the hash it printed.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.databases import fresh_database
from tradewar.cli.app import app
from tradewar.errors import InvalidInput, LedgerError
from tradewar.ledger import backup as backup_module
from tradewar.ledger.backup import backup, dangling_references, read_backup, restore
from tradewar.ledger.schema import Measure
from tradewar.ledger.store import LedgerStore, make_engine

WRITERS = 12
WRITE_SECONDS = 3.0


def _variant(template: dict[str, Any], measure_id: str, title: str) -> Measure:
    return Measure.model_validate(template | {"id": measure_id, "title": title})


def _writer(store: LedgerStore, template: dict[str, Any], k: int, stop: threading.Event) -> int:
    """Add a measure, then correct it again and again until ``stop``; return the writes."""
    own = f"load-{k}"
    store.add([_variant(template, own, "v1")], recorded_by=f"w{k}", reason="load test")
    writes = 1
    while not stop.is_set():
        if writes % 3 == 0:
            extra = f"load-{k}-{writes}"
            store.add([_variant(template, extra, "new")], recorded_by=f"w{k}", reason="add")
        else:
            store.correct(
                _variant(template, own, f"v{writes}"), recorded_by=f"w{k}", reason="correct"
            )
        writes += 1
    return writes


def _audited(document: dict[str, Any]) -> bool:
    """Every measure record has the audit entry written in its transaction."""
    tables = document["tables"]
    entries = {
        (e["measure_id"], e["revision"])
        for e in tables["audit_log"]
        if e["action"] in ("load", "add", "correct")
    }
    return all((r["measure_id"], r["revision"]) in entries for r in tables["measure_records"])


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_backups_under_load_are_consistent_and_restore(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        store = LedgerStore.open(url)
        template = store.get("cn-tariff-34").model_dump(mode="json", exclude_none=True)
        stop = threading.Event()
        counts: list[int] = []
        threads = [
            threading.Thread(
                target=lambda k=k: counts.append(_writer(store, template, k, stop)), daemon=True
            )
            for k in range(WRITERS)
        ]
        for thread in threads:
            thread.start()
        files: list[tuple[Path, str]] = []
        deadline = time.monotonic() + WRITE_SECONDS
        while time.monotonic() < deadline or len(files) < 2:
            path = tmp_path / f"under-load-{len(files)}.json.gz"
            files.append((path, backup(store.engine, path)["content_sha256"]))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        assert len(counts) == WRITERS and sum(counts) > WRITERS, counts
        for path, _digest in files:
            document = read_backup(path)
            assert not dangling_references(document["tables"])
            assert _audited(document), f"{path.name}: a record without its audit entry"
        path, digest = files[-1]
        for target_backend in ("sqlite", "postgresql"):
            with fresh_database(target_backend, tmp_path) as target_url:
                target = LedgerStore(make_engine(target_url))
                target.migrate()
                assert restore(target.engine, path)["content_sha256"] == digest
                target.engine.dispose()
        store.engine.dispose()


def test_failed_backup_keeps_the_previous_one(
    store: LedgerStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "backups" / "ledger.json.gz"
    first = backup(store.engine, path)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tradewar.ledger.backup.os.fsync", full_disk)
    with pytest.raises(LedgerError, match=r"No space left on device.*previous backup"):
        backup(store.engine, path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    assert read_backup(path)["content_sha256"] == first["content_sha256"]


def _write_gz(path: Path, document: Any) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(document, handle)


@pytest.fixture
def good_document(store: LedgerStore, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "good.json.gz"
    backup(store.engine, path)
    document: dict[str, Any] = read_backup(path)
    return document


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: {k: v for k, v in d.items() if k != "content_sha256"}, "no content_sha256"),
        (lambda d: {k: v for k, v in d.items() if k != "tables"}, "no tables"),
        (lambda d: {k: v for k, v in d.items() if k != "schema_heads"}, "no schema_heads"),
        (lambda d: d | {"tables": {"measure_records": "x"}}, "not a list of row objects"),
        (lambda d: d | {"tables": {"nope": []}}, "unknown table 'nope'"),
        (lambda d: [d], "a JSON object expected"),
        (lambda d: d | {"format_version": 99}, "expected 'tradewar-ledger-backup' v1"),
    ],
)
def test_backup_of_the_wrong_shape_is_refused_in_one_line(
    good_document: dict[str, Any], tmp_path: Path, damage: Any, message: str
) -> None:
    path = tmp_path / "bad.json.gz"
    _write_gz(path, damage(good_document))
    with pytest.raises(InvalidInput, match=message) as caught:
        read_backup(path)
    assert "\n" not in str(caught.value)


def test_orphan_rows_are_refused_before_restoring(
    good_document: dict[str, Any], tmp_path: Path
) -> None:
    """A backup with a source whose record is missing (what READ COMMITTED produced)."""
    tables = good_document["tables"]
    tables["measure_records"] = tables["measure_records"][1:]
    good_document["content_sha256"] = backup_module.content_hash(tables)
    path = tmp_path / "orphans.json.gz"
    _write_gz(path, good_document)
    with pytest.raises(InvalidInput, match=r"inconsistent backup .* dangling reference"):
        read_backup(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a tradewar backup"),
        (b"plain text, not gzip", "not a tradewar backup"),
        ("truncated", "truncated"),
        # mtime=0: the same bytes (and test id) in every process, as pytest-xdist requires
        (gzip.compress(b"\xff\xfe not utf-8", mtime=0), "not a tradewar backup"),
    ],
)
def test_cli_restore_of_a_bad_file_prints_one_line(
    store: LedgerStore, tmp_path: Path, content: bytes | str, message: str
) -> None:
    path = tmp_path / "bad.json.gz"
    if content == "truncated":
        backup(store.engine, path)
        content = path.read_bytes()[: path.stat().st_size // 2]
    assert isinstance(content, bytes)
    path.write_bytes(content)
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    result = CliRunner().invoke(
        app, ["db", "restore", str(path)], env={"TRADEWAR_DATABASE_URL": url}
    )
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert result.output.strip().count("\n") <= 1, result.output  # one line (wrapped at most)
