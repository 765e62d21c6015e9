"""The CLI's edges (issue 13): bad files, bad options and damaged ledgers give one clear
line and exit code 1 (2 for option errors), never a traceback; secrets stay hidden."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

runner = CliRunner(env={"COLUMNS": "200"})


def failure(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


def _one_line(output: str) -> None:
    assert len(output.strip().splitlines()) <= 2, output


def test_impossible_yaml_date_is_one_line(tmp_path: Path) -> None:
    file = tmp_path / "m.yaml"
    file.write_text("id: x\nkind: tariff\neffective_on: 2026-13-01\n", encoding="utf-8")
    output = failure("measures", "add", str(file))
    assert "not valid YAML" in output and "month" in output
    _one_line(output)


def test_binary_file_is_one_line(tmp_path: Path) -> None:
    file = tmp_path / "m.yaml"
    file.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    output = failure("measures", "add", str(file))
    assert "not a text file" in output
    _one_line(output)


def test_expected_revision_zero_is_refused_and_not_logged(tmp_path: Path) -> None:
    file = tmp_path / "m.yaml"
    file.write_text("id: cn-tariff-34\n", encoding="utf-8")
    output = failure(
        "measures",
        "correct",
        "cn-tariff-34",
        str(file),
        "--reason",
        "r",
        "--expected-revision",
        "0",
    )
    assert "expected-revision" in output
    assert '"rejected"' not in runner.invoke(app, ["db", "audit", "--json"]).output


def test_blank_reason_is_refused(tmp_path: Path) -> None:
    from tradewar.ledger.loader import bundled_measures_path, load_measure_file
    from tradewar.ledger.schema import measure_json

    measure = load_measure_file(bundled_measures_path()).measures[0]
    file = tmp_path / "m.json"
    file.write_text(
        json.dumps(measure_json(measure) | {"id": "cn-copy", "relations": []}), encoding="utf-8"
    )
    output = failure("measures", "add", str(file), "--reason", "   ")
    assert "needs a reason" in output


@pytest.mark.parametrize("name", ["x" * 300, "a\x00b"])
def test_bad_token_names_are_one_line(name: str) -> None:
    output = failure("tokens", "create", name)
    assert "token name" in output.lower()
    _one_line(output)


def test_token_with_expiry_is_listed_with_it() -> None:
    created = runner.invoke(app, ["tokens", "create", "bot", "--expires", "90d"])
    assert created.exit_code == 0, created.output
    assert "expires 20" in created.output
    listed = runner.invoke(app, ["tokens", "list", "--json"])
    assert '"expires_at": "20' in listed.output
    assert "not a duration" in failure("tokens", "create", "other", "--expires", "soon")


def test_empty_sqlite_ledger_is_not_silently_reseeded(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    ledger.write_bytes(b"")
    output = failure("measures", "list", env={"TRADEWAR_DATABASE_URL": f"sqlite:///{ledger}"})
    assert "empty (0 bytes)" in output
    assert ledger.stat().st_size == 0


def test_corrupt_sqlite_ledger_is_one_line(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    ledger.write_bytes(b"not a database at all " * 200)
    output = failure("db", "info", env={"TRADEWAR_DATABASE_URL": f"sqlite:///{ledger}"})
    assert "restore a backup" in output
    assert len(output.strip().splitlines()) <= 3, output


def test_database_password_is_never_printed() -> None:
    url = "postgresql+nodriver://ann:s3cret@127.0.0.1:9/ledger"
    output = failure("db", "info", env={"TRADEWAR_DATABASE_URL": url})
    assert "s3cret" not in output and "***" in output
