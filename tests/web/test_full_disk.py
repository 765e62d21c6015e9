"""A full disk: writes are refused with 503, nothing acknowledged is lost, the old backup
stays intact (issue 13).

The ledger and its backup live on a small tmpfs that the test fills to the last byte. It
needs root to mount the tmpfs (CI runs as root); elsewhere it is skipped, saying why.
"""

from __future__ import annotations

import copy
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import auth, make_settings
from tradewar.errors import LedgerError
from tradewar.ledger.backup import backup, read_backup
from tradewar.web.app import create_app

SIZE = "3m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB tmpfs mounted at a fresh folder (skipped loudly without root)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("the full-disk test mounts a tmpfs and needs root (CI runs as root)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); needs CAP_SYS_ADMIN")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    """Write a file until the disk is full; return it (delete it to free the space)."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        for size in (65536, 512, 1):  # big blocks, then the last bytes
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as err:
                assert err.errno == errno.ENOSPC
    return filler


def _new_measure(template: dict[str, Any], k: int) -> dict[str, Any]:
    measure = copy.deepcopy(template) | {"id": f"disk-{k}", "relations": []}
    measure["title"] = f"measure {k} " + "x" * 2000  # large rows: the file must grow
    return measure


def test_full_disk_refuses_writes_and_keeps_everything(small_disk: Path) -> None:
    settings = make_settings(small_disk, None)
    backup_file = small_disk / "ledger.json.gz"
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        store = client.app.state.web.ledger.store  # type: ignore[attr-defined]
        headers = auth(store.create_token("disk-tester"))
        template = client.get("/api/v1/measures/cn-tariff-34").json()["measure"]
        first = backup(store.engine, backup_file)
        saved = backup_file.read_bytes()

        filler = _fill(small_disk)
        answers = []
        for k in range(40):
            body = {"measure": _new_measure(template, k), "reason": "disk test"}
            answers.append(client.post("/api/v1/measures", json=body, headers=headers))
        statuses = [a.status_code for a in answers]
        assert set(statuses) <= {201, 503}, [a.text for a in answers if a.status_code >= 500]
        assert 503 in statuses, statuses
        refused = next(a for a in answers if a.status_code == 503).json()
        assert refused["type"].endswith("/ledger-unavailable")

        with pytest.raises(LedgerError, match="previous backup there is unchanged"):
            backup(store.engine, backup_file)
        assert backup_file.read_bytes() == saved
        assert read_backup(backup_file)["content_sha256"] == first["content_sha256"]

        filler.unlink()
        acknowledged = [f"disk-{k}" for k, status in enumerate(statuses) if status == 201]
        listed = client.get("/api/v1/measures", params={"limit": 500}).json()
        ids = {item["id"] for item in listed["items"]}
        assert set(acknowledged) <= ids
        assert listed["total"] == first["rows"]["measure_records"] + len(acknowledged)
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        body = {"measure": _new_measure(template, 99), "reason": "space again"}
        assert client.post("/api/v1/measures", json=body, headers=headers).status_code == 201
        store.engine.dispose()
