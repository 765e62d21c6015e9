"""Many writers, crashes, the audit log and backups, on SQLite and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tradewar.errors import EditConflict, InvalidInput
from tradewar.ledger.backup import backup, content_hash, dump_rows, restore
from tradewar.ledger.schema import Measure
from tradewar.ledger.store import LedgerStore, make_engine


def _edited(measure: Measure, title: str) -> Measure:
    data = measure.model_dump(mode="json", exclude_none=True)
    data["title"] = title
    return Measure.model_validate(data)


def test_stale_write_is_refused_and_audited(store: LedgerStore) -> None:
    measure = store.get("cn-tariff-34")
    seen = store.current_revision("cn-tariff-34")
    store.correct(_edited(measure, "first"), recorded_by="ann", reason="r1", expected_revision=seen)
    with pytest.raises(EditConflict, match="revision 2, not 1"):
        store.correct(
            _edited(measure, "second"), recorded_by="bob", reason="r2", expected_revision=seen
        )
    assert store.get("cn-tariff-34").title == "first"
    entries = store.audit_log("cn-tariff-34")
    assert [(e["action"], e["who"]) for e in entries] == [
        ("load", "tradewar"),
        ("correct", "ann"),
        ("rejected", "bob"),
    ]
    correction = entries[1]
    assert correction["before"]["title"] != "first" and correction["after"]["title"] == "first"


def test_audit_log_is_append_only(store: LedgerStore) -> None:
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET who = 'mallory'"))
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
    assert len(store.audit_log()) == len(store.measures())


def test_backup_restores_exactly(sqlite_url: str, tmp_path: Path) -> None:
    store = LedgerStore.open(sqlite_url)
    measure = store.get("us-ieepa-fentanyl-10")
    store.correct(_edited(measure, "corrected"), recorded_by="ann", reason="test")
    store.create_token("bot")
    summary = backup(store.engine, tmp_path / "ledger.json.gz")
    assert summary["rows"]["measure_records"] == len(store.measures()) + 1
    target = LedgerStore(make_engine(sqlite_url.replace("ledger-", "restored-")))
    target.migrate()
    restored = restore(target.engine, tmp_path / "ledger.json.gz")
    assert restored["content_sha256"] == summary["content_sha256"]
    assert target.get("us-ieepa-fentanyl-10").title == "corrected"
    assert [r.revision for r in target.history("us-ieepa-fentanyl-10")] == [1, 2]
    with pytest.raises(InvalidInput, match="needs an empty ledger"):
        restore(target.engine, tmp_path / "ledger.json.gz")


def test_backup_round_trip_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    from tests.databases import fresh_database

    source = LedgerStore.open(postgres_url)
    source.create_token("bot")
    summary = backup(source.engine, tmp_path / "pg.json.gz")
    with fresh_database("postgresql", tmp_path) as other:
        target = LedgerStore(make_engine(other))
        target.migrate()
        assert (
            restore(target.engine, tmp_path / "pg.json.gz")["content_sha256"]
            == summary["content_sha256"]
        )
        target.add(  # sequences moved past the restored rows: new writes still work
            [_edited(source.get("cn-tariff-34"), "x").model_copy(update={"id": "cn-new"})],
            recorded_by="t",
            reason="t",
        )
        target.engine.dispose()


def test_cli_backup_of_sqlite_restores_into_postgresql(
    sqlite_url: str, postgres_url: str, tmp_path: Path
) -> None:
    """``tradewar db backup`` on SQLite, ``db restore`` into PostgreSQL: the same content hash."""
    from typer.testing import CliRunner

    from tradewar.cli.app import app

    runner = CliRunner(env={"COLUMNS": "200"})
    source = LedgerStore.open(sqlite_url)
    source.correct(
        _edited(source.get("cn-tariff-34"), "corrected"), recorded_by="ann", reason="test"
    )
    source.create_token("bot")
    file = tmp_path / "ledger.json.gz"
    written = runner.invoke(
        app, ["db", "backup", str(file)], env={"TRADEWAR_DATABASE_URL": sqlite_url}
    )
    assert written.exit_code == 0, written.output
    digest = backup(source.engine, tmp_path / "again.json.gz")["content_sha256"]
    assert f"sha256 {digest}" in written.output
    restored = runner.invoke(
        app, ["db", "restore", str(file)], env={"TRADEWAR_DATABASE_URL": postgres_url}
    )
    assert restored.exit_code == 0, restored.output
    assert f"sha256 {digest} matches the backup" in restored.output
    target = LedgerStore.open(postgres_url)
    assert backup(target.engine, tmp_path / "pg.json.gz")["content_sha256"] == digest
    assert [r.revision for r in target.history("cn-tariff-34")] == [1, 2]
    assert target.token_owner("not-a-token") is None and target.tokens()[0]["name"] == "bot"
    again = runner.invoke(
        app, ["db", "restore", str(file)], env={"TRADEWAR_DATABASE_URL": postgres_url}
    )
    assert again.exit_code == 1 and "needs an empty ledger" in again.output
    assert "Traceback" not in again.output
    target.engine.dispose()
    source.engine.dispose()


def test_stale_api_write_is_409_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    """Through the API on PostgreSQL: a correction based on an old revision gets 409."""
    from fastapi.testclient import TestClient

    from tradewar.config import Settings
    from tradewar.web.app import create_app

    (tmp_path / "no-data").mkdir()
    settings = Settings(database_url=postgres_url, data_dir=tmp_path / "no-data")
    with TestClient(create_app(settings)) as client:
        token = client.app.state.web.ledger.store.create_token("pg-tester")  # type: ignore[attr-defined]
        headers = {"Authorization": f"Bearer {token}"}
        document = client.get("/api/v1/measures/cn-tariff-34").json()["measure"]
        body = {"measure": document | {"notes": "first"}, "reason": "r1", "expected_revision": 1}
        first = client.put("/api/v1/measures/cn-tariff-34", json=body, headers=headers)
        assert first.status_code == 200, first.text
        late = body | {"measure": document | {"notes": "late"}, "reason": "r2"}
        stale = client.put("/api/v1/measures/cn-tariff-34", json=late, headers=headers)
        assert stale.status_code == 409, stale.text
        assert stale.headers["content-type"].startswith("application/problem+json")
        assert "revision 2, not 1" in stale.json()["detail"]
        shown = client.get("/api/v1/measures/cn-tariff-34").json()
        assert shown["measure"]["notes"] == "first"
        assert [r["revision"] for r in shown["history"]] == [1, 2]
    store = LedgerStore.open(postgres_url)
    entries = store.audit_log("cn-tariff-34")
    assert [e["action"] for e in entries] == ["load", "correct", "rejected"]
    assert entries[1]["reason"] == "r1" and entries[2]["reason"].startswith("r2 [refused:")
    store.engine.dispose()


def test_damaged_backup_is_refused(store: LedgerStore, tmp_path: Path) -> None:
    import gzip
    import json

    path = tmp_path / "b.json.gz"
    backup(store.engine, path)
    with gzip.open(path, "rt") as handle:
        document = json.load(handle)
    document["tables"]["ledger_meta"][0]["value"] = "tampered"
    with gzip.open(path, "wt") as handle:
        json.dump(document, handle)
    with pytest.raises(InvalidInput, match="content hash mismatch"):
        restore(store.engine, path)


def test_content_hash_is_canonical() -> None:
    a = {"t": [{"x": 1, "y": "é"}]}
    b = {"t": [{"y": "é", "x": 1}]}
    assert content_hash(a) == content_hash(b) != content_hash({"t": [{"x": 2, "y": "é"}]})


# ------------------------------------------------------------------ a crash mid-import

CRASHING_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import tradewar.ledger.store as store_module
    from tradewar.ledger.schema import Measure
    from tradewar.ledger.store import LedgerStore

    url, ready = sys.argv[1], Path(sys.argv[2])
    store = LedgerStore.open(url, seed=False)
    template = store.get("cn-tariff-34").model_dump(mode="json", exclude_none=True)
    batch = [Measure.model_validate({**template, "id": f"bulk-{i}"}) for i in range(600)]
    real_audit, calls = store_module._audit, {"n": 0}

    def slow_audit(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 300:  # halfway through the import, inside its transaction
            ready.write_text("halfway")
            time.sleep(60)
        return real_audit(*args, **kwargs)

    store_module._audit = slow_audit
    store.add(batch, recorded_by="importer", reason="bulk import")
    """
)


def test_kill_9_midway_leaves_all_or_nothing(
    store: LedgerStore, seeded_url: str, tmp_path: Path
) -> None:
    before = len(store.measures())
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", CRASHING_IMPORT, seeded_url, str(ready)])
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert child.poll() is None, "the import process ended before reaching its midpoint"
        assert time.monotonic() < deadline, "the import never reached its midpoint"
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    reopened = LedgerStore.open(seeded_url)
    assert len(reopened.measures()) == before
    assert not [m for m in reopened.measures() if m.id.startswith("bulk-")]
    assert not [e for e in reopened.audit_log() if e["reason"] == "bulk import"]
    reopened.engine.dispose()


# ------------------------------------------------------------------ many writers


def _writer(url: str, worker: int, edits: int, ids: list[str], seed: int) -> dict[str, Any]:
    """Edit random measures with optimistic locking; report what was accepted or refused."""
    store = LedgerStore(make_engine(url))
    rng = random.Random(seed)
    accepted: list[tuple[str, int, str]] = []
    rejected: list[tuple[str, str]] = []
    for edit in range(edits):
        measure_id = rng.choice(ids)
        revision = store.current_revision(measure_id)
        measure = store.get(measure_id)
        title = f"w{worker}-e{edit}"
        if rng.random() < 0.3:
            time.sleep(0.001)  # widen the window between read and write
        try:
            saved = store.correct(
                _edited(measure, title),
                recorded_by=f"worker-{worker}",
                reason=title,
                expected_revision=revision,
            )
            accepted.append((measure_id, saved.revision, title))
        except EditConflict:
            rejected.append((measure_id, title))
    store.engine.dispose()
    return {"accepted": accepted, "rejected": rejected}


def _run_writers(url: str, writers: int, edits: int, ids: list[str]) -> list[dict[str, Any]]:
    """Run ``writers`` separate processes, each with its own engine and connections.

    They fork from a fresh server process that imported tradewar once (``forkserver``), not
    from the test process (which holds engines and threads), and without each paying the
    imports again as ``spawn`` would (about a second each).
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with context.Pool(writers) as pool:
        return pool.starmap(_writer, [(url, k, edits, ids, 1000 + k) for k in range(writers)])


def _check_every_edit_accounted_for(
    store: LedgerStore, results: list[dict[str, Any]], ids: list[str]
) -> None:
    accepted = [a for r in results for a in r["accepted"]]
    rejected = [x for r in results for x in r["rejected"]]
    assert accepted and rejected, "the test should produce both accepted and refused edits"
    for measure_id in ids:
        history = store.history(measure_id)
        titles = [h.measure.title for h in history[1:]]
        mine = sorted((rev, title) for mid, rev, title in accepted if mid == measure_id)
        assert [h.revision for h in history] == list(range(1, len(history) + 1))
        assert sorted(zip([h.revision for h in history[1:]], titles, strict=True)) == mine
    all_titles = {h.measure.title for m in ids for h in store.history(m)}
    assert not {title for _, title in rejected} & all_titles, "a refused edit was written"
    log = store.audit_log()
    assert sum(1 for e in log if e["action"] == "correct") == len(accepted)
    assert sum(1 for e in log if e["action"] == "rejected") == len(rejected)
    assert {e["reason"] for e in log if e["action"] == "correct"} == {t for _, _, t in accepted}


@pytest.mark.slow
def test_eight_writers_on_postgresql(postgres_url: str) -> None:
    store = LedgerStore.open(postgres_url)
    ids = ["cn-tariff-34", "us-ieepa-fentanyl-20", "cn-ree-ann18-2025", "deal-busan-2025"]
    # 8 processes x 100 edits on 4 measures: most edits race (about 60% are refused), so
    # every accounting rule below is exercised hundreds of times; 500 edits each took a
    # minute of the suite and checked the same rules.
    results = _run_writers(postgres_url, writers=8, edits=100, ids=ids)
    assert sum(len(r["accepted"]) + len(r["rejected"]) for r in results) == 800
    _check_every_edit_accounted_for(store, results, ids)
    store.engine.dispose()


def test_four_writers_on_sqlite(sqlite_url: str) -> None:
    store = LedgerStore.open(sqlite_url)
    ids = ["cn-tariff-34", "us-ieepa-fentanyl-20"]
    results = _run_writers(sqlite_url, writers=4, edits=60, ids=ids)
    _check_every_edit_accounted_for(store, results, ids)


def test_dump_rows_orders_by_key(store: LedgerStore) -> None:
    with store.engine.connect() as connection:
        rows = dump_rows(connection)["measure_records"]
    keys = [r["record_id"] for r in rows]
    assert keys == sorted(keys)
