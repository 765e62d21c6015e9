"""The ledger side's typed service boundary (issue 14 item 1): the interfaces parse, the
services take typed values and name the parameter at fault (``err.field``), and each
interface names that field its own way: the CLI by its option (``--from``), the API by its
query parameter (``from``), a dashboard page by its form's label (``Date``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import make_settings
from tradewar.cli.app import app
from tradewar.config import Settings
from tradewar.errors import InvalidInput, TradewarError, UnknownCode
from tradewar.ledger.schema import Measure, MeasureKind
from tradewar.services.charts import ChartService
from tradewar.services.hts import HtsService
from tradewar.services.ledger import LedgerService, MeasureFilter
from tradewar.web.app import create_app

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

runner = CliRunner()
DAY = date(2025, 4, 15)

NEW_MEASURE: dict[str, Any] = {
    "id": "us-boundary-test",
    "kind": "tariff",
    "title": "Boundary test",
    "imposing": "USA",
    "targets": ["CHN"],
    "effective_on": "2025-06-01",
    "scope": {"all_goods": True},
    "tariff": {"program": "us-test", "lines": [{"rate_pct": 5}]},
    "sources": [{"url": "https://example.org/n", "publisher": "Example"}],
}


@pytest.fixture
def ledger() -> LedgerService:
    return LedgerService(Settings())  # the test's private ledger (tests/conftest.py)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("web-boundary")
    with TestClient(create_app(make_settings(folder, None))) as client:
        yield client


def cli_error(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


def page_error(html: str) -> str:
    found = re.search(r'class="error"[^>]*><strong>[^<]*</strong>(.*?)</p>', html, re.S)
    assert found, html[:2000]
    return unescape(found.group(1)).strip()


# ---------------------------------------------------------------------- services


SERVICE_REFUSALS: list[tuple[str, Callable[[Settings], object], type[TradewarError], str]] = [
    (
        "a country name",
        lambda s: LedgerService(s).tariff("China", "USA", None, DAY),
        UnknownCode,
        "importer",
    ),
    (
        "a lower-case code",
        lambda s: LedgerService(s).state(DAY, "USA", "chn"),
        UnknownCode,
        "b",
    ),
    (
        "the same country twice",
        lambda s: LedgerService(s).tariff("USA", "USA", None, DAY),
        InvalidInput,
        "exporter",
    ),
    (
        "a date as text",
        lambda s: LedgerService(s).tariff("USA", "CHN", None, "2025-04-15"),  # type: ignore[arg-type]
        InvalidInput,
        "on",
    ),
    (
        "a datetime for a date",
        lambda s: LedgerService(s).state(datetime(2025, 4, 15, tzinfo=UTC), "USA", "CHN"),
        InvalidInput,
        "on",
    ),
    (
        "an HS code with dots",
        lambda s: LedgerService(s).tariff("USA", "CHN", "9503.00", DAY),
        InvalidInput,
        "hs",
    ),
    (
        "an end before the start",
        lambda s: LedgerService(s).timeline("USA", "CHN", None, date(2025, 7, 1), DAY),
        InvalidInput,
        "end",
    ),
    (
        "a diff's window out of order",
        lambda s: LedgerService(s).diff(date(2025, 7, 1), DAY),
        InvalidInput,
        "end",
    ),
    (
        "a pair with a name",
        lambda s: LedgerService(s).diff(DAY, date(2025, 7, 1), ("USA", "China")),
        UnknownCode,
        "between",
    ),
    (
        "a kind as text",
        lambda s: LedgerService(s).list_measures(MeasureFilter(kind="tariff")),  # type: ignore[arg-type]
        InvalidInput,
        "kind",
    ),
    (
        "an imposing name",
        lambda s: LedgerService(s).list_measures(MeasureFilter(imposing="United States")),
        UnknownCode,
        "imposing",
    ),
    (
        "a chart of one country",
        lambda s: ChartService(s).timeline_spec("USA", "USA"),
        InvalidInput,
        "b",
    ),
    ("a code with dots", lambda s: HtsService(s).show("9503.00"), InvalidInput, "code"),
]


@pytest.mark.parametrize(
    ("what", "call", "kind", "field"), SERVICE_REFUSALS, ids=[r[0] for r in SERVICE_REFUSALS]
)
def test_a_service_refuses_an_untyped_value_naming_its_parameter(
    what: str,
    call: Callable[[Settings], object],
    kind: type[TradewarError],
    field: str,
) -> None:
    with pytest.raises(kind) as refused:
        call(Settings())
    assert refused.value.field == field, what
    assert "--" not in str(refused.value)  # no CLI option in a service's words
    assert not re.match(rf"{field}\b", refused.value.reason)  # the interface names it


def test_a_name_gets_its_code_suggested(ledger: LedgerService) -> None:
    with pytest.raises(UnknownCode, match="Did you mean 'CHN'"):
        ledger.tariff("USA", "China", None, DAY)


def test_typed_values_give_the_answer(ledger: LedgerService) -> None:
    stack = ledger.tariff("USA", "CHN", "950300", date(2025, 5, 20))
    assert stack.on == date(2025, 5, 20) and stack.total_additional_pct == pytest.approx(30.0)
    kinds = {m.kind for m in ledger.list_measures(MeasureFilter(kind=MeasureKind.agreement))}
    assert kinds == {MeasureKind.agreement}


# ---------------------------------------------------------------------- interfaces


def test_a_malformed_date_is_named_by_each_interface(web: TestClient) -> None:
    cli = cli_error("timeline", "--importer", "USA", "--exporter", "CHN", "--from", "2025-13-01")
    assert "error: --from: '2025-13-01' is not a date" in cli
    api = web.get("/api/v1/timeline", params={"from": "2025-13-01"})
    assert api.status_code == 422
    assert api.json()["field"] == "from"
    assert api.json()["detail"].startswith("from: '2025-13-01' is not a date")
    page = web.get("/timeline", params={"from": "2025-13-01"})
    assert page.status_code == 422
    assert page_error(page.text).startswith("from: '2025-13-01' is not a date")


def test_dates_out_of_order_name_the_end_by_each_interface(web: TestClient) -> None:
    window = ("--from", "2025-07-01", "--to", "2025-01-01")
    cli = cli_error("timeline", "--importer", "USA", "--exporter", "CHN", *window)
    assert "error: --to: 2025-01-01 is before the start of the window (2025-07-01)" in cli
    api = web.get("/api/v1/timeline", params={"from": "2025-07-01", "to": "2025-01-01"})
    assert api.status_code == 422, api.text
    body = api.json()
    assert body["field"] == "to"
    assert (
        body["detail"].startswith("to: 2025-01-01 is before the start")
        and "--" not in body["detail"]
    )
    diff = web.get("/api/v1/diff", params={"from": "2025-07-01", "to": "2025-01-01"})
    assert diff.status_code == 422 and diff.json()["field"] == "to"
    listed = web.get("/api/v1/measures", params={"from": "2025-07-01", "to": "2025-01-01"})
    assert listed.status_code == 422 and listed.json()["field"] == "to"
    assert listed.json()["detail"].startswith("to: 2025-01-01 is before 2025-07-01")
    assert "error: --between: 2025-01-01 is before 2025-07-01" in cli_error(
        "measures", "list", "--between", "2025-07-01", "2025-01-01"
    )
    page = web.get("/timeline", params={"from": "2025-07-01", "to": "2025-01-01"})
    assert page_error(page.text).startswith("to: 2025-01-01 is before the start")


def test_a_shipment_date_is_named_by_option_parameter_and_label(web: TestClient) -> None:
    query = {"importer": "USA", "exporter": "CHN", "on": "15/04/2025"}
    cli = cli_error("tariff", "--importer", "USA", "--exporter", "CHN", "--on", "15/04/2025")
    assert "error: --on: '15/04/2025' is not a date" in cli
    api = web.get("/api/v1/tariff", params=query)
    assert api.status_code == 422 and api.json()["field"] == "on"
    assert api.json()["detail"].startswith("on: '15/04/2025' is not a date")
    page = web.get("/shipment", params=query)
    assert page.status_code == 422
    assert page_error(page.text).startswith("Date: '15/04/2025' is not a date")


def test_the_same_country_twice_is_named_where_it_was_typed(web: TestClient) -> None:
    cli = cli_error("tariff", "--importer", "USA", "--exporter", "USA", "--on", "2025-04-15")
    assert "error: --exporter: both countries are USA" in cli
    query = {"importer": "USA", "exporter": "United States", "on": "2025-04-15"}
    api = web.get("/api/v1/tariff", params=query)
    assert api.status_code == 422 and api.json()["field"] == "exporter"
    page = web.get("/shipment", params=query)
    assert page_error(page.text).startswith("Exporter: both countries are USA")
    # --between A B is the service's pair (a, b; diff's between): named as typed.
    assert "error: --between: both countries are USA" in cli_error(
        "state", "--between", "USA", "usa", "--on", "2025-04-15"
    )
    assert "error: --between: both countries are CHN" in cli_error(
        "diff", "--from", "2025-01-01", "--to", "2025-06-01", "--between", "CHN", "China"
    )
    diff = web.get("/api/v1/diff", params={"from": "2025-01-01", "to": "2025-06-01",
                                           "a": "CHN", "b": "China"})  # fmt: skip
    assert diff.status_code == 422 and diff.json()["field"] == "b"
    assert diff.json()["detail"].startswith("b: both countries are CHN")


def test_a_kind_and_a_country_are_named_by_option_and_label(web: TestClient) -> None:
    assert "error: --kind: unknown kind 'embargo'" in cli_error(
        "measures", "list", "--kind", "embargo"
    )
    assert "error: --imposing: Unknown country 'Atlantis'" in cli_error(
        "measures", "list", "--imposing", "Atlantis"
    )
    page = web.get("/measures", params={"imposing": "Atlantis"})
    assert page_error(page.text).startswith("Imposing country: Unknown country 'Atlantis'")


def test_a_chart_names_its_options() -> None:
    assert "error: --to: 2025-01-01 is before the start" in cli_error(
        "chart", "timeline", "-o", "x.json", "--from", "2025-07-01", "--to", "2025-01-01"
    )
    assert "error: --b: both countries are USA" in cli_error(
        "chart", "timeline", "-o", "x.json", "--a", "USA", "--b", "United States"
    )


# ---------------------------------------------------------------------- nothing stored changes


def _snapshot(ledger: LedgerService) -> tuple[list[str], int, list[Any]]:
    ids = sorted(ledger.store.measure_ids())
    return ids, len(ledger.store.audit_log()), ledger.history("us-s301-list1-2018")


def test_a_refused_write_changes_nothing(ledger: LedgerService) -> None:
    before = _snapshot(ledger)
    measure = Measure.model_validate(NEW_MEASURE)
    with pytest.raises(InvalidInput) as who:
        ledger.add([measure], recorded_by="x" * 500, reason="test")
    assert who.value.field == "recorded_by"
    with pytest.raises(TradewarError) as why:
        ledger.add([measure], recorded_by="tester", reason="   ")
    assert why.value.field == "reason"
    with pytest.raises(TradewarError) as other:
        ledger.correct("us-s301-list1-2018", measure, recorded_by="tester", reason="x")
    assert other.value.field == "measure"
    with pytest.raises(TradewarError) as unknown:
        ledger.correct("no-such-measure", measure.model_copy(update={"id": "no-such-measure"}),
                       recorded_by="tester", reason="x")  # fmt: skip
    assert unknown.value.field == "measure_id"
    assert _snapshot(ledger) == before


def test_a_refused_cli_write_names_its_option_and_changes_nothing(tmp_path: Path) -> None:
    ledger = LedgerService(Settings())
    before = _snapshot(ledger)
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(NEW_MEASURE))
    refused = cli_error("measures", "add", str(path), "--by", "x" * 500, "--reason", "test")
    assert "error: --by: Who records the change must be a name" in refused
    assert "error: --reason:" in cli_error("measures", "add", str(path), "--reason", " ")
    wrong = cli_error("measures", "correct", "us-s301-list1-2018", str(path), "--reason", "x")
    assert "error: FILE:" in wrong and "expected 'us-s301-list1-2018'" in wrong
    assert _snapshot(LedgerService(Settings())) == before
