"""Output contracts of the ledger commands (JSON fields, CSV headers, errors)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tradewar.cli.app import app

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def fail(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    return result.output


def test_tariff_json_contract() -> None:
    payload = json.loads(
        run(
            "tariff",
            "--importer",
            "USA",
            "--exporter",
            "CHN",
            "--hs",
            "950300",
            "--on",
            "2025-04-15",
            "--json",
        )
    )
    assert payload["importer"] == "USA" and payload["exporter"] == "CHN"
    assert payload["hs"] == "950300" and payload["date"] == "2025-04-15"
    assert payload["total_additional_pct"] == 145
    for layer in payload["layers"]:
        assert {"measure_id", "rate_pct", "legal_basis", "source_url"} <= set(layer)
    assert sum(layer["rate_pct"] for layer in payload["layers"]) == payload["total_additional_pct"]


def test_tariff_accepts_names_and_dotted_codes() -> None:
    payload = json.loads(
        run(
            "tariff",
            "--importer",
            "China",
            "--exporter",
            "United States",
            "--hs",
            "1201.90",
            "--on",
            "2025-05-20",
            "--json",
        )
    )
    assert (payload["importer"], payload["hs"], payload["total_additional_pct"]) == (
        "CHN",
        "120190",
        20,
    )


def test_tariff_table_names_the_total() -> None:
    out = run(
        "tariff", "--importer", "USA", "--exporter", "CHN", "--hs", "847130", "--on", "2025-04-15"
    )
    assert "total" in out and "20%" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--importer", "Atlantis", "--exporter", "CHN", "--on", "2025-04-15"],
            "Unknown country 'Atlantis'",
        ),
        (
            ["--importer", "USA", "--exporter", "CHN", "--hs", "87.3", "--on", "2025-04-15"],
            "Malformed HS code '87.3'",
        ),
        (
            ["--importer", "USA", "--exporter", "CHN", "--on", "15/04/2025"],
            "--on: '15/04/2025' is not a date",
        ),
        (["--importer", "USA", "--exporter", "CHN", "--on", "1800-01-01"], "out of range"),
        (
            ["--importer", "USA", "--exporter", "USA", "--on", "2025-04-15"],
            "two different countries",
        ),
    ],
)
def test_tariff_bad_input_is_one_clean_line(args: list[str], message: str) -> None:
    out = fail("tariff", *args)
    assert message in out


def test_measures_list_json_has_sources_for_every_measure() -> None:
    rows = json.loads(run("measures", "list", "--json"))
    assert len(rows) >= 78
    assert all(row["sources"] and row["source_urls"] for row in rows)


def test_measures_list_filters() -> None:
    rows = json.loads(
        run(
            "measures",
            "list",
            "--imposing",
            "CHN",
            "--target",
            "USA",
            "--kind",
            "tariff",
            "--between",
            "2025-04-01",
            "2025-06-30",
            "--json",
        )
    )
    assert {r["id"] for r in rows} == {
        "cn-tariff-34",
        "cn-tariff-84",
        "cn-tariff-125",
        "cn-tariff-feb-2025",
        "cn-tariff-mar-2025",
    }
    out = fail("measures", "list", "--kind", "embargo")
    assert "--kind: unknown kind 'embargo'" in out


def test_measures_list_csv_header() -> None:
    reader = csv.DictReader(io.StringIO(run("measures", "list", "--kind", "agreement", "--csv")))
    rows = list(reader)
    assert reader.fieldnames is not None and "source_urls" in reader.fieldnames
    assert {r["id"] for r in rows} == {
        "truce-geneva-2025",
        "deal-london-framework-2025",
        "deal-busan-2025",
        "deal-beijing-2026",
        "us-ustr-board-of-trade-rfc-2026",
    }


def test_measures_show_with_sources_and_relations() -> None:
    payload = json.loads(run("measures", "show", "us-ieepa-reciprocal-34", "--json"))
    assert payload["sources"][0]["url"].startswith("https://")
    related = {(r["direction"], r["relation"], r["measure"]) for r in payload["related"]}
    assert ("from", "suspended by", "us-eo14298-geneva-implementation") in related
    assert ("from", "replaced by", "us-ieepa-reciprocal-84") in related
    # one relation, one voice: never both "suspends" and "suspended by" from the same measure
    assert all(relation != "suspends" for d, relation, _ in related if d == "from")
    out = run("measures", "show", "cn-ree-ann18-2025")
    assert "samarium" in out and "Sources" in out
    assert "No measure 'nope'" in fail("measures", "show", "nope")


def test_state_json_both_directions() -> None:
    rows = json.loads(run("state", "--on", "2025-05-20", "--between", "USA", "CHN", "--json"))
    directions = {r["direction"] for r in rows}
    assert {"USA->CHN", "CHN->USA", "both"} <= directions
    applied = {r["measure_id"]: r["applied_rate_pct"] for r in rows}
    assert applied["us-ieepa-reciprocal-34"] == 10 and applied["cn-tariff-34"] == 10


def test_diff_json_and_csv() -> None:
    payload = json.loads(
        run(
            "diff",
            "--from",
            "2025-05-01",
            "--to",
            "2025-05-20",
            "--between",
            "USA",
            "CHN",
            "--json",
        )
    )
    assert payload["headline_before_pct"] == {"USA<-CHN": 145, "CHN<-USA": 125}
    assert payload["headline_after_pct"] == {"USA<-CHN": 30, "CHN<-USA": 10}
    header = run("diff", "--from", "2025-05-01", "--to", "2025-05-20", "--csv").splitlines()[0]
    assert header.startswith("on,change,measure_id")
    refused = fail("diff", "--from", "2025-06-01", "--to", "2025-05-01")
    assert "--to: 2025-05-01 is before the start" in refused


def test_timeline_csv_is_the_chart_data() -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run("timeline", "--importer", "USA", "--exporter", "CHN", "--csv"))
        )
    )
    assert [(r["on"], float(r["total_additional_pct"])) for r in rows][:7] == [
        ("2025-01-01", 0),
        ("2025-02-04", 10),
        ("2025-03-04", 20),
        ("2025-04-05", 30),
        ("2025-04-09", 104),
        ("2025-04-10", 145),
        ("2025-05-14", 30),
    ]
    payload = json.loads(run("timeline", "--importer", "CHN", "--exporter", "USA", "--json"))
    known = [p["total_additional_pct"] for p in payload["points"]]
    assert max(v for v in known if v is not None) == 125
    assert known[-1] is None and payload["points"][-1]["unverified_ids"] == ["cn-tariff-34"]
    assert payload["warnings"]  # the window runs past the last verified fact
    assert any(e["measure_id"] == "deal-busan-2025" for e in payload["events"])


def test_brief_reports_today_and_2025() -> None:
    out = run("brief", "--on", "2025-06-01")
    assert "30%" in out and "10%" in out and "What changed in 2025" in out and "https://" in out
    payload = json.loads(run("brief", "--on", "2025-06-01", "--json"))
    assert [s["total_additional_pct"] for s in payload["headline"]] == [30, 10]


def test_add_and_correct_round_trip(tmp_path: Path) -> None:
    entry = {
        "id": "us-test-tariff",
        "kind": "tariff",
        "title": "Test",
        "imposing": "USA",
        "targets": ["CHN"],
        "effective_on": "2025-06-01",
        "scope": {"all_goods": True},
        "tariff": {"program": "us-test", "lines": [{"rate_pct": 5}]},
        "sources": [{"url": "https://example.org/n", "publisher": "Example"}],
    }
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(entry))
    assert "recorded 1 measure" in run(
        "measures", "add", str(path), "--by", "tester", "--reason", "test"
    )
    assert "already recorded" in fail("measures", "add", str(path))
    payload = json.loads(
        run("tariff", "--importer", "USA", "--exporter", "CHN", "--on", "2025-06-02", "--json")
    )
    assert payload["total_additional_pct"] == 35
    entry["tariff"]["lines"][0]["rate_pct"] = 7  # type: ignore[index]
    path.write_text(yaml.safe_dump(entry))
    assert "reason" in fail("measures", "correct", "us-test-tariff", str(path))
    run("measures", "correct", "us-test-tariff", str(path), "--reason", "rate was 7%")
    history = json.loads(run("measures", "history", "us-test-tariff", "--json"))
    assert [h["measure"]["tariff"]["lines"][0]["rate_pct"] for h in history] == [5, 7]
    assert "expected 'other-id'" in fail(
        "measures", "correct", "other-id", str(path), "--reason", "x"
    )


def test_bad_file_is_rejected_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        yaml.safe_dump(
            [
                {
                    "id": "ok-one",
                    "kind": "talks",
                    "title": "t",
                    "imposing": "USA",
                    "targets": ["CHN"],
                    "talks": {"location": "x"},
                    "sources": [{"url": "https://e.org", "publisher": "E"}],
                },
                {
                    "id": "bad-two",
                    "kind": "talks",
                    "title": "t",
                    "imposing": "USA",
                    "targets": ["CHN"],
                    "talks": {},
                    "sources": [{"url": "ftp://e.org", "publisher": "E"}],
                },
            ]
        )
    )
    out = fail("measures", "add", str(path))
    assert "bad-two" in out and "sources[0].url" in out
    assert "No measure 'ok-one'" in fail("measures", "show", "ok-one")


def test_as_known_on_before_any_record_is_empty() -> None:
    rows = json.loads(run("measures", "list", "--as-known-on", "2020-01-01", "--json"))
    assert rows == []


def test_tokens_cli() -> None:
    result = runner.invoke(app, ["tokens", "create", "analyst"])
    assert result.exit_code == 0
    token = result.stdout.strip().splitlines()[-1]
    assert token.startswith("tw_")
    listed = json.loads(run("tokens", "list", "--json"))
    assert [t["name"] for t in listed] == ["analyst"] and token not in json.dumps(listed)
    assert "revoked" in run("tokens", "revoke", "analyst")
    assert "No active token" in fail("tokens", "revoke", "analyst")


def test_db_backup_restore_and_audit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup_file = tmp_path / "ledger.json.gz"
    assert "wrote" in run("db", "backup", str(backup_file))
    info = json.loads(run("db", "info", "--json"))
    assert info["rows"]["measure_records"] >= 82 and "database_url" in info
    monkeypatch.setenv("TRADEWAR_DATABASE_URL", f"sqlite:///{tmp_path / 'restored.sqlite'}")
    assert "matches the backup" in run("db", "restore", str(backup_file))
    assert "needs an empty ledger" in fail("db", "restore", str(backup_file))
    assert json.loads(run("db", "info", "--json"))["rows"] == info["rows"]
    entries = json.loads(run("db", "audit", "--measure", "cn-tariff-34", "--json"))
    assert [e["action"] for e in entries] == ["load"]


def test_correct_with_a_stale_revision_is_refused(tmp_path: Path) -> None:
    shown = json.loads(run("measures", "show", "cn-tariff-84", "--json"))
    shown.pop("related"), shown.pop("source_urls")
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(shown))
    run(
        "measures",
        "correct",
        "cn-tariff-84",
        str(path),
        "--reason",
        "a",
        "--expected-revision",
        "1",
    )
    out = fail(
        "measures",
        "correct",
        "cn-tariff-84",
        str(path),
        "--reason",
        "b",
        "--expected-revision",
        "1",
    )
    assert "someone changed it meanwhile" in out
