"""The supply API (``/api/v1/supply``): the same numbers as the services (and so the CLI's
``--json``), calendar dates beside the weeks, licences and citations, and bad input as a
problem naming the parameter, its value and what was expected.

The product-network cases run on the bundled chains; the sector cases need WIOD 2011 under
``TRADEWAR_DATA_DIR`` and skip loudly without it.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.supply.conftest import missing_wiod
from tradewar.services.supply import SupplyService
from tradewar.tabular import cell
from tradewar.web.routes.supply import ExposureRowOut, IndustryLossOut, ProducerOut

RUN = "/api/v1/supply/scenarios/rare-earths-2025/run"


def service(client: TestClient) -> SupplyService:
    return client.app.state.web.supply  # type: ignore[attr-defined, no-any-return]


def problem(response: Any, status: int, field: str) -> str:
    """The problem's detail, after checking its shape, status and field."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["field"] == field, body
    assert body["detail"].startswith(f"{field}: "), body
    return str(body["detail"])


@pytest.fixture
def needs_wiod() -> None:
    reason = missing_wiod()
    if reason:
        pytest.skip(f"SKIPPED LOUDLY: {reason}")


def test_the_scenarios_are_listed(client: TestClient) -> None:
    listed = {s["name"]: s for s in client.get("/api/v1/supply/scenarios").json()}
    assert set(listed) == {"rare-earths-2025", "rare-earths-ban", "us-controls-2025"}
    assert listed["rare-earths-2025"]["start"] == "2025-04-04"
    assert listed["rare-earths-2025"]["chain"] == "rare_earths"


def test_a_run_equals_the_service_run_with_dates(client: TestClient) -> None:
    answer = client.get(RUN, params={"draws": 40, "seed": 7, "product": "car"}).json()
    expected = service(client).run("rare-earths-2025", draws=40, seed=7)
    cars = [n for n in expected.nodes if n.product == "car"]
    assert [(n["product"], n["country"]) for n in answer["nodes"]] == [
        (n.product, n.country) for n in cars
    ]
    for got, want in zip(answer["nodes"], cars, strict=True):
        assert got["stop_week"] == want.stop_week
        assert got["lost_weeks_of_output"] == pytest.approx(want.lost_weeks_of_output, abs=1e-12)
        assert got["stop_week_p10_p50_p90"] == want.stop_week_p10_p50_p90
    usa = next(n for n in answer["nodes"] if n["country"] == "USA")
    assert usa["stop_week"] is not None  # US car lines stop in the calibrated 2025 run
    assert usa["stop_date"] == (date(2025, 4, 4) + timedelta(weeks=usa["stop_week"])).isoformat()
    assert set(answer["series"]) == {f"car@{n.country}" for n in cars}
    assert len(answer["series"]["car@USA"]["central"]) == answer["weeks"] == 52
    assert all(c["product"] == "car" for c in answer["reported_vs_model"])
    assert answer["sources"] and answer["licence"].startswith("MIT")
    assert "rare_earths.yaml" in answer["citation"]


def test_a_run_without_series_and_from_the_ledger(client: TestClient) -> None:
    answer = client.get(RUN, params={"draws": 5, "weeks": 10, "series": "false",
                                     "from_ledger": "true"}).json()  # fmt: skip
    assert answer["series"] is None and answer["availability"] is None
    assert answer["weeks"] == 10 and answer["policy_source"] == "ledger"
    assert {r["measure_id"] for r in answer["restrictions"]} >= {"cn-ree-ann18-2025"}


def test_a_mistyped_product_gets_the_cli_suggestion(client: TestClient) -> None:
    detail = problem(client.get(RUN, params={"product": "magnet", "draws": 5}), 422, "product")
    assert "did you mean" in detail and "ndfeb_magnet" in detail


@pytest.mark.parametrize(
    ("params", "field", "said"),
    [
        ({"draws": 0}, "draws", "got 0; expected a number of draws from 1 to 2000"),
        ({"draws": 5000}, "draws", "got 5000"),
        ({"weeks": 0}, "weeks", "got 0; expected a horizon in weeks from 1 to 156"),
        ({"seed": -1}, "seed", "got -1"),
    ],
)
def test_bad_run_input_names_field_value_and_range(
    client: TestClient, params: dict[str, int], field: str, said: str
) -> None:
    assert said in problem(client.get(RUN, params=params), 422, field)


def test_an_unknown_scenario_is_a_404_naming_the_known_ones(client: TestClient) -> None:
    detail = problem(client.get("/api/v1/supply/scenarios/tin-2030/run"), 404, "scenario")
    assert "'tin-2030'" in detail and "rare-earths-2025" in detail


def test_exposure_equals_the_service(client: TestClient) -> None:
    answer = client.get("/api/v1/supply/exposure", params={"country": "United States"}).json()
    expected = service(client).exposure("USA", "rare_earths")
    assert answer["country"] == "USA"
    assert [r["exposure"] for r in answer["rows"]] == [r.exposure for r in expected]
    assert answer["rows"][0]["buyer"] == expected[0].buyer


@pytest.mark.parametrize(
    ("params", "field", "said"),
    [
        ({"chain": "../../etc/passwd"}, "chain", "expected one of rare_earths, us_controls"),
        ({"country": "BRA"}, "country", "'BRA' has no producers"),
        ({"country": "BRA", "format": "csv"}, "country", "'BRA' has no producers"),
        ({"country": "Atlantis"}, "country", "Atlantis"),
    ],
)
def test_bad_exposure_input(
    client: TestClient, params: dict[str, str], field: str, said: str
) -> None:
    assert said in problem(client.get("/api/v1/supply/exposure", params=params), 422, field)


@pytest.mark.usefixtures("needs_wiod")
def test_chokepoints_equal_the_service_with_the_wiod_citation(client: TestClient) -> None:
    params = {"supplier": "CHN", "industry": "c12", "weeks": 4, "top": 5}
    answer = client.get("/api/v1/supply/chokepoints", params=params).json()
    sectors = client.app.state.web.services.supply_sectors  # type: ignore[attr-defined]
    expected = sectors.chokepoints(["CHN"], "c12", weeks=4).to_dict(top=5)
    assert answer["industries"] == expected["industries"]
    assert answer["regions"] == expected["regions"]
    assert answer["horizon_weeks"] == 8 and answer["year"] == 2011
    assert "Timmer" in answer["citation"] and "WIOD" in answer["licence"]


@pytest.mark.usefixtures("needs_wiod")
@pytest.mark.parametrize(
    ("params", "field", "said"),
    [
        ({"supplier": "XXX"}, "supplier", "'XXX' is not in the table"),
        ({"to": "Narnia"}, "to", "'Narnia' is not in the table"),
        ({"industry": "c99"}, "industry", "got 'c99'"),
        ({"share": 1.5}, "share", "got 1.5; expected a share in (0, 1]"),
        ({"horizon": 0}, "horizon", "got 0; expected a number of weeks from 1 to 156"),
        ({"inventory_days": 0}, "inventory_days", "got 0"),
        ({"critical_for": "c13"}, "critical_for", "applies only with substitution 'none'"),
    ],
)
def test_bad_chokepoint_input(
    client: TestClient, params: dict[str, Any], field: str, said: str
) -> None:
    query = {"supplier": "CHN", "industry": "c12", "weeks": 2} | params
    assert said in problem(client.get("/api/v1/supply/chokepoints", params=query), 422, field)


@pytest.mark.usefixtures("needs_wiod")
def test_the_table_and_the_sectors_run(client: TestClient) -> None:
    table = client.get("/api/v1/supply/table", params={"region": "chn", "industry": "C12"})
    assert table.status_code == 200, table.text
    body = table.json()
    assert (body["region"], body["sector"], body["output"]) == ("CHN", "c12", 1947412.0)
    assert body["output_multiplier"] == pytest.approx(3.26, abs=0.005)
    assert "Timmer" in body["citation"]
    sectors = client.get(
        "/api/v1/supply/scenarios/rare-earths-2025/sectors", params={"days": 60, "top": 3}
    ).json()
    expected = service(client).sectors("rare-earths-2025", days=60, top=3)
    assert sectors["worst"] == expected.worst
    assert sectors["year"] == 2011 and sectors["licence"]
    problem(client.get("/api/v1/supply/table", params={"region": "CHN", "industry": "c99"}),
            422, "industry")  # fmt: skip


# ---------------------------------------------------------------------- format=csv


def csv_answer(client: TestClient, url: str, params: dict[str, Any]) -> list[dict[str, str]]:
    """The CSV rows of ``url`` with ``format=csv``, after checking the download's headers:
    media type, attachment file name, and the Link to the same query as JSON."""
    response = client.get(url, params=params | {"format": "csv"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith('.csv"')
    link = response.headers["link"]
    assert link.endswith('>; rel="describedby"; type="application/json"'), link
    assert link.startswith(f"<{url}?") and "format=json" in link
    return list(csv.DictReader(io.StringIO(response.text)))


def described_by(client: TestClient, url: str, params: dict[str, Any]) -> dict[str, Any]:
    """The JSON the CSV download's Link header names (its citation and licence)."""
    response = client.get(url, params=params | {"format": "csv"})
    target = response.headers["link"].split(">")[0].lstrip("<")
    answer = client.get(target)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    return answer.json()  # type: ignore[no-any-return]


def as_cell(value: Any) -> str:
    """A JSON value as the CSV writes it (``;``-joined lists, empty for null)."""
    return str(cell(value))


def assert_rows_equal(rows: list[dict[str, str]], records: list[dict[str, Any]]) -> None:
    """Each CSV row holds its JSON record's values, column by column, in the same order."""
    assert len(rows) == len(records) > 0
    for row, record in zip(rows, records, strict=True):
        assert list(row) == list(record)
        assert row == {key: as_cell(value) for key, value in record.items()}


def test_a_run_as_csv_is_the_json_producers_with_the_chain_citation(client: TestClient) -> None:
    params = {"draws": 20, "seed": 3, "product": "car"}
    rows = csv_answer(client, RUN, params)
    answer = client.get(RUN, params=params).json()
    assert list(rows[0]) == list(ProducerOut.model_fields)
    assert_rows_equal(rows, answer["nodes"])
    usa = next(row for row in rows if row["country"] == "USA")
    assert usa["stop_date"] and usa["stop_week_p10_p50_p90"].count(";") == 2
    described = described_by(client, RUN, params)
    assert "rare_earths.yaml" in described["citation"] and described["licence"].startswith("MIT")
    reported = csv_answer(client, RUN, params | {"table": "reported_vs_model"})
    assert_rows_equal(reported, answer["reported_vs_model"])


@pytest.mark.parametrize(("table", "first", "separator"),
                         [("series", "product", "@"), ("availability", "input", "->")])  # fmt: skip
def test_the_weekly_paths_as_csv_one_row_per_path_and_week(
    client: TestClient, table: str, first: str, separator: str
) -> None:
    params = {"draws": 20, "seed": 3, "weeks": 12}
    rows = csv_answer(client, RUN, params | {"table": table})
    paths = client.get(RUN, params=params).json()[table]
    assert list(rows[0]) == [first, "country", "week", "date", "central", "p10", "p50", "p90"]
    assert len(rows) == 12 * len(paths)
    row = rows[len(rows) // 2]
    band = paths[f"{row[first]}{separator}{row['country']}"]
    week = int(row["week"])
    assert row["date"] == (date(2025, 4, 4) + timedelta(weeks=week)).isoformat()
    for quantile in ("central", "p10", "p50", "p90"):
        assert float(row[quantile]) == band[quantile][week]


def test_weekly_paths_left_out_cannot_be_a_csv(client: TestClient) -> None:
    params = {"format": "csv", "table": "series", "series": "false", "draws": 5}
    assert "table=series" in problem(client.get(RUN, params=params), 422, "series")


def test_exposure_as_csv_equals_the_json_rows(client: TestClient) -> None:
    params = {"country": "USA", "chain": "rare_earths"}
    rows = csv_answer(client, "/api/v1/supply/exposure", params)
    answer = client.get("/api/v1/supply/exposure", params=params).json()
    assert list(rows[0]) == list(ExposureRowOut.model_fields)
    assert_rows_equal(rows, answer["rows"])
    described = described_by(client, "/api/v1/supply/exposure", params)
    assert described["citation"] == answer["citation"] and described["sources"]


@pytest.mark.parametrize(
    ("url", "params", "field", "said"),
    [
        ("/api/v1/supply/exposure", {"format": "pdf"}, "format", "got 'pdf'; expected 'json' or 'csv'"),
        (RUN, {"format": "xlsx"}, "format", "got 'xlsx'; expected 'json' or 'csv'"),
        (RUN, {"format": "csv", "table": "weeks"}, "table", "got 'weeks'; expected 'nodes'"),
        ("/api/v1/supply/chokepoints", {"supplier": "CHN", "industry": "c12", "table": "x"},
         "table", "expected 'industries' or 'regions'"),
    ],
)  # fmt: skip
def test_a_bad_format_or_table_names_field_and_value(
    client: TestClient, url: str, params: dict[str, str], field: str, said: str
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["field"] == field and said in body["detail"], body


@pytest.mark.usefixtures("needs_wiod")
def test_chokepoints_as_csv_equal_the_json_with_the_wiod_citation(client: TestClient) -> None:
    url, params = "/api/v1/supply/chokepoints", {"supplier": "CHN", "industry": "c12", "weeks": 4,
                                                 "top": 5}  # fmt: skip
    answer = client.get(url, params=params).json()
    industries = csv_answer(client, url, params)
    assert list(industries[0]) == list(IndustryLossOut.model_fields)
    assert_rows_equal(industries, answer["industries"])
    first = industries[0]["weekly_output_share"].split(";")
    assert [float(v) for v in first] == answer["industries"][0]["weekly_output_share"]
    assert_rows_equal(csv_answer(client, url, params | {"table": "regions"}), answer["regions"])
    described = described_by(client, url, params)
    assert "Timmer" in described["citation"] and "WIOD" in described["licence"]


@pytest.mark.usefixtures("needs_wiod")
def test_the_table_and_the_sectors_run_as_csv(client: TestClient) -> None:
    url, params = "/api/v1/supply/table", {"region": "CHN", "industry": "c12", "top": 4}
    answer = client.get(url, params=params).json()
    assert_rows_equal(csv_answer(client, url, params), answer["inputs"])
    assert_rows_equal(csv_answer(client, url, params | {"table": "buyers"}), answer["buyers"])
    demand = csv_answer(client, url, params | {"table": "final_demand"})
    assert {row["category"]: float(row["usd_million"]) for row in demand} == answer["final_demand"]
    assert "Timmer" in described_by(client, url, params)["citation"]
    url, params = "/api/v1/supply/scenarios/rare-earths-2025/sectors", {"days": 60, "top": 3}
    answer = client.get(url, params=params).json()
    assert_rows_equal(csv_answer(client, url, params), answer["worst"])
    assert_rows_equal(csv_answer(client, url, params | {"table": "mapped"}), answer["mapped"])
    assert described_by(client, url, params)["licence"] == answer["licence"]


def test_openapi_documents_the_csv_answers(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/supply/scenarios/{scenario}/run", "/supply/scenarios/{scenario}/sectors",
                 "/supply/exposure", "/supply/chokepoints", "/supply/table"):  # fmt: skip
        operation = paths[f"/api/v1{path}"]["get"]
        assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
        assert "format" in {parameter["name"] for parameter in operation["parameters"]}
