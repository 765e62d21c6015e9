"""Issue 12 across the interfaces: coverage, unverified layers and warnings in the CLI, the
API and the dashboard; official texts in ``measures list``; the rough edges."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import make_settings
from tradewar.cli.app import app
from tradewar.codes.rates import parse_us_tariffs
from tradewar.errors import InvalidInput
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.store import LedgerStore
from tradewar.scenarios.from_ledger import build_rates
from tradewar.scenarios.spec import Scenario
from tradewar.web.app import create_app

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

runner = CliRunner()

# The three uncovered pairs, on a date each the record does not cover.
UNCOVERED = [
    ("USA", "DEU", "870380", "2025-09-01"),
    ("USA", "VNM", "950300", "2025-09-01"),
    ("CAN", "USA", None, "2025-06-01"),
]


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("web-record")
    with TestClient(create_app(make_settings(folder, None))) as client:
        yield client


def _tariff_args(
    importer: str, exporter: str, hs: str | None, on: str, as_json: bool = True
) -> list[str]:
    args = ["tariff", "--importer", importer, "--exporter", exporter, "--on", on]
    return args + (["--hs", hs] if hs else []) + (["--json"] if as_json else [])


def _query(importer: str, exporter: str, hs: str | None, on: str) -> dict[str, str]:
    return {"importer": importer, "exporter": exporter, "on": on} | ({"hs": hs} if hs else {})


# --------------------------------------------------------------------------- coverage


@pytest.mark.parametrize(("importer", "exporter", "hs", "on"), UNCOVERED)
def test_no_interface_prints_zero_for_an_uncovered_pair(
    web: TestClient, importer: str, exporter: str, hs: str | None, on: str
) -> None:
    cli = json.loads(run(*_tariff_args(importer, exporter, hs, on)))
    assert cli["covered"] is False and cli["total_additional_pct"] is None
    assert cli["coverage_notes"] and cli["notes"][0].startswith("Not covered:")
    text = run(*_tariff_args(importer, exporter, hs, on, as_json=False))
    assert "not covered" in text.lower() and "0%" not in text.split("total")[-1][:40]

    api = web.get("/api/v1/tariff", params=_query(importer, exporter, hs, on))
    assert api.status_code == 200
    body = api.json()
    assert body["covered"] is False and body["total_additional_pct"] is None
    assert body["coverage_notes"] == cli["coverage_notes"]

    page = web.get("/shipment", params=_query(importer, exporter, hs or "", on))
    assert page.status_code == 200
    assert 'id="not-covered"' in page.text and "not known (not covered)" in page.text
    assert re.search(r"(?<![\d.])0(\.0)?%? additional", page.text) is None


def test_universal_measures_answer_for_vietnam(web: TestClient) -> None:
    cli = json.loads(run(*_tariff_args("USA", "VNM", None, "2025-06-01")))
    assert cli["covered"] is True and cli["total_additional_pct"] == 10
    assert [x["measure_id"] for x in cli["layers"]] == ["us-ieepa-reciprocal-baseline-2025"]
    api = web.get("/api/v1/tariff", params=_query("USA", "VNM", None, "2026-03-01")).json()
    assert api["total_additional_pct"] == 10
    assert [x["measure_id"] for x in api["layers"]] == ["us-s122-surcharge-2026"]


def test_dashboard_timeline_of_an_uncovered_pair_says_so(web: TestClient) -> None:
    page = web.get("/timeline", params={"a": "CAN", "b": "DEU", "on": "2025-06-01"})
    assert "does not cover" in page.text or "not covered" in page.text


@pytest.mark.parametrize(
    ("exporter", "on"),
    [("VNM", "2025-06-01"), ("VNM", "2025-09-01"), ("DEU", "2026-03-01"), ("CHN", "2025-05-20")],
)
def test_scenario_builder_agrees_with_the_tariff_command(exporter: str, on: str) -> None:
    measures = list(load_measure_file(bundled_measures_path()).measures)
    scenario = Scenario.model_validate({"name": "probe", "title": "probe", "on": on})
    build = build_rates(
        scenario, measures, ("USA", "CHN", exporter) if exporter != "CHN" else ("USA", "CHN")
    )
    stack = json.loads(run(*_tariff_args("USA", exporter, None, on)))
    pair = next((p for p in build.pairs if (p.importer, p.exporter) == ("USA", exporter)), None)
    recorded = sum(layer["rate_pct"] for layer in stack["layers"])
    assert pair is not None and pair.headline_pct == recorded
    if stack["covered"]:
        assert pair.basis == "ledger" and recorded == stack["total_additional_pct"]
    else:
        # not covered: the same recorded layers, marked as an assumption that says why
        assert pair.basis == "assumption: recorded layers only"
        assert any("not covered by the ledger" in note for note in pair.notes)
        assert stack["total_additional_pct"] is None


# --------------------------------------------------------------------------- unverified, dates


def test_a_date_past_the_record_warns_everywhere(web: TestClient) -> None:
    result = runner.invoke(app, _tariff_args("CHN", "USA", None, "2026-12-01"))
    assert result.exit_code == 0
    cli = json.loads(result.stdout)
    assert cli["warnings"] and "last verified fact" in cli["warnings"][0]
    assert "last verified fact" in result.stderr
    assert cli["total_additional_pct"] is None
    assert (cli["total_if_unverified_continued_pct"], cli["total_if_unverified_ended_pct"]) == (
        10,
        34,
    )
    state = runner.invoke(app, ["state", "--on", "2026-12-01", "--between", "USA", "CHN", "--json"])
    assert "last verified fact" in state.stderr
    rows = {r["measure_id"]: r for r in json.loads(state.stdout)}
    assert rows["cn-tariff-suspension-2025-11"]["status"].startswith("unverified after 2026-11-10")
    api = web.get("/api/v1/tariff", params=_query("CHN", "USA", None, "2026-12-01")).json()
    assert api["warnings"] and api["notes"][0] == api["warnings"][0]
    assert api["unverified_layers"][0]["measure_id"] == "cn-tariff-34"
    api_state = web.get("/api/v1/state", params={"on": "2026-12-01"}).json()
    assert api_state["warnings"] and api_state["notes"]
    api_timeline = web.get("/api/v1/timeline").json()
    assert api_timeline["warnings"]
    page = web.get("/shipment", params=_query("CHN", "USA", "", "2026-12-01"))
    assert 'id="stack-warning"' in page.text and "if the unverified measures continued" in page.text
    timeline = web.get("/timeline", params={"on": "2026-12-01"})
    assert "last verified fact" in timeline.text and "if they ended" in timeline.text


def test_no_warning_inside_the_record(web: TestClient) -> None:
    cli = json.loads(run(*_tariff_args("USA", "CHN", None, "2025-05-20")))
    assert cli["warnings"] == [] and cli["total_additional_pct"] == 30
    assert web.get("/api/v1/state", params={"on": "2025-05-20"}).json()["warnings"] == []


def test_brief_covers_2026() -> None:
    report = json.loads(run("brief", "--on", "2026-03-01", "--json"))
    changed = {c["measure_id"] for c in report["changes_2026"]}
    assert {"us-s122-surcharge-2026", "us-scotus-ieepa-2026"} <= changed
    assert report["verified_through"] == "2026-08-06" and report["warnings"] == []
    late = json.loads(run("brief", "--on", "2026-12-01", "--json"))
    assert late["warnings"]
    assert "cn-tariff-suspension-2025-11" in {u["measure"] for u in late["unverified"]}
    text = run("brief", "--on", "2026-12-01")
    assert "What changed in 2026" in text and "Unverified" in text


# --------------------------------------------------------------------------- official texts


def test_measures_list_json_exposes_official_text() -> None:
    rows = json.loads(run("measures", "list", "--json"))
    assert len(rows) >= 110
    for row in rows:
        text = row["official_text"]
        assert set(text) == {"document", "url", "why_none"}
        assert text["document"] or text["why_none"], row["id"]
    eo = next(r for r in rows if r["id"] == "us-ieepa-reciprocal-baseline-2025")
    assert eo["official_text"]["url"] == "https://www.federalregister.gov/d/2025-06063"
    assert eo["sources"][0]["tier"] == "official"


def test_api_measure_list_exposes_official_text(web: TestClient) -> None:
    items = web.get("/api/v1/measures", params={"limit": 500}).json()["items"]
    assert all(set(item["official_text"]) == {"document", "url", "why_none"} for item in items)


# --------------------------------------------------------------------------- rough edges


def test_export_feeds_back_into_correct(tmp_path: Path) -> None:
    exported = run("measures", "export", "us-ieepa-fentanyl-20")
    data = yaml.safe_load(exported)
    assert data["id"] == "us-ieepa-fentanyl-20"
    data["notes"] = "checked against the Federal Register text"
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "as-exported.yaml").write_text(exported, encoding="utf-8")
    assert "recorded revision 2" in run(
        "measures", "correct", "us-ieepa-fentanyl-20", str(path), "--reason", "note added"
    )
    shown = json.loads(run("measures", "show", "us-ieepa-fentanyl-20", "--json"))
    assert shown["notes"] == "checked against the Federal Register text"
    # the export, unedited, is accepted too
    assert "recorded revision 3" in run(
        "measures",
        "correct",
        "us-ieepa-fentanyl-20",
        str(tmp_path / "as-exported.yaml"),
        "--reason",
        "back to the exported text",
    )


def test_a_revoked_token_name_can_be_reused(tmp_path: Path) -> None:
    store = LedgerStore.open(f"sqlite:///{tmp_path / 'l.sqlite'}", seed=False)
    first = store.create_token("newsroom-bot")
    store.revoke_token("newsroom-bot")
    second = store.create_token("newsroom-bot")
    assert store.token_owner(second) == "newsroom-bot" and store.token_owner(first) is None
    assert [t["name"] for t in store.tokens()] == ["newsroom-bot", "newsroom-bot"]
    with pytest.raises(Exception, match="active token"):
        store.create_token("newsroom-bot")


def test_as_known_on_before_the_first_import_says_why() -> None:
    result = runner.invoke(app, ["measures", "list", "--as-known-on", "2020-01-01", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    said = " ".join(result.stderr.split())
    assert "No measures were recorded yet" in said and "the first were recorded on" in said


def test_us_tariff_rates_are_percent_or_decimal_never_a_silent_5400() -> None:
    assert parse_us_tariffs(["CHN=54%"]) == {"CHN": pytest.approx(0.54)}
    assert parse_us_tariffs(["CHN=0.54"]) == {"CHN": pytest.approx(0.54)}
    assert parse_us_tariffs(["CHN=125%"]) == {"CHN": pytest.approx(1.25)}
    with pytest.raises(InvalidInput, match="did you mean 54%"):
        parse_us_tariffs(["CHN=54"])
    with pytest.raises(InvalidInput, match="did you mean 1%"):
        parse_us_tariffs(["CHN=1"])
    result = runner.invoke(app, ["simulate", "--us-tariff", "CHN=54"])
    assert result.exit_code != 0 and "did you mean 54%?" in result.output


def test_record_dates_are_the_header_dates() -> None:
    bundle = load_measure_file(bundled_measures_path())
    assert bundle.verified_through == date(2026, 8, 6)


def test_api_measure_list_explains_empty_answers_and_late_windows(web: TestClient) -> None:
    early = web.get("/api/v1/measures", params={"as_known_on": "2020-01-01"}).json()
    assert early["total"] == 0 and "No measures were recorded yet" in early["warnings"][0]
    late = web.get("/api/v1/measures", params={"from": "2026-09-01", "to": "2026-12-01"}).json()
    assert late["warnings"] and "last verified fact" in late["notes"][0]
    inside = web.get("/api/v1/measures", params={"from": "2025-04-01", "to": "2025-06-30"}).json()
    assert inside["warnings"] == []
