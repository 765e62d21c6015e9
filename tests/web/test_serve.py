"""``tradewar serve`` (what ``make run`` starts): it prints the URL and answers on it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

STARTUP_S = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_serve_starts_prints_the_url_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = os.environ | {"TRADEWAR_DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.sqlite'}"}
    command = [str(Path(sys.executable).with_name("tradewar")), "serve", "--port", str(port)]
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + STARTUP_S
            while True:
                try:
                    page = _get_json(f"{base}/api/v1/measures?limit=1")
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"tradewar serve did not answer: {log.read_text()}")
                    time.sleep(0.2)
            assert page["total"] > 50 and len(page["items"]) == 1
            with urllib.request.urlopen(f"{base}/", timeout=10) as response:
                assert response.url.endswith("/timeline") and b"<h1>" in response.read()
        finally:
            server.terminate()
            server.wait(timeout=20)
    printed = log.read_text()
    assert f"http://127.0.0.1:{port}/" in printed
    assert f"http://127.0.0.1:{port}/api/v1" in printed


def test_serve_hides_the_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: started.update(kwargs))
    monkeypatch.setenv(
        "TRADEWAR_DATABASE_URL", "postgresql+psycopg://analyst:s3cret-pw@db.example.org/tradewar"
    )
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "s3cret-pw" not in result.output
    assert "analyst:***@db.example.org" in result.output
    assert "http://127.0.0.1:8123/" in result.output  # a wildcard host prints a usable URL
    assert started == {"host": "0.0.0.0", "port": 8123, "log_level": "info"}
