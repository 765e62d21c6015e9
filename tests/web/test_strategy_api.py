"""War, talks and optimal retaliation over the API: jobs started with a POST (202 and a
Location), polled, cancelled; results equal to the strategy service's payloads, and as CSV
(``format=csv``) once finished, a 409 problem before."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.test_api import assert_problem
from tradewar.errors import InvalidInput
from tradewar.model.sectors.data import CITATION as SECTORS_CITATION
from tradewar.services.strategy import WarRequest, talks_payload, war_payload
from tradewar.strategy.nash import WarScope
from tradewar.tabular import cell
from tradewar.web import jobs
from tradewar.web.routes.strategy import (
    GE_CITATION,
    GE_LICENCE,
    SECTORAL_WAR_COLUMNS,
    TALKS_COLUMNS,
)

WAR = "/api/v1/strategy/war"
TALKS = "/api/v1/strategy/talks"
RETALIATION = "/api/v1/strategy/optimal-retaliation"


def _board(client: TestClient) -> jobs.JobBoard:
    app_state = client.app.state  # type: ignore[attr-defined]
    return jobs.board_of(app_state, app_state.web.settings)


def _strategy_jobs(client: TestClient) -> list[str]:
    return [key for key in _board(client)._jobs if key.startswith("strategy-")]


def _finished(client: TestClient, location: str, timeout_s: float = 240.0) -> dict[str, Any]:
    """Poll the job at ``location`` until it has ended; its last answer."""
    deadline = time.monotonic() + timeout_s
    while True:
        answer = client.get(location)
        assert answer.status_code == 200, answer.text
        job: dict[str, Any] = answer.json()
        if job["status"] != "running":
            return job
        assert time.monotonic() < deadline, f"the job did not end in {timeout_s:g} s: {job}"
        time.sleep(0.2)


def _jsonable(payload: dict[str, Any]) -> Any:
    return json.loads(json.dumps(payload, default=str))


# ---------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("url", "body", "field", "words"),
    [
        (WAR, {"players": ["USA", "XXQ"]}, "players", "'XXQ'"),
        (WAR, {"players": ["USA", "USA"]}, "players", "different players"),
        (WAR, {"players": ["USA"]}, "players", "at least 2"),
        (WAR, {"players": ["USA", "CHN"], "base": "../x.yaml"}, "base", "expected one of"),
        (WAR, {"players": ["USA", "CHN"], "scope": "total"}, "scope", "bilateral"),
        (WAR, {"players": ["USA", "CHN"], "model": "sectors", "scope": "uniform"}, "model",
         "one-sector model"),
        (TALKS, {"players": ["USA", "CHN", "JPN"]}, "players", "at most 2"),
        (TALKS, {"players": ["USA", "Atlantis"]}, "players", "'Atlantis'"),
    ],
)  # fmt: skip
def test_bad_input_is_a_problem_naming_the_field(
    client: TestClient, data_dir: Path, url: str, body: dict[str, Any], field: str, words: str
) -> None:
    before = _strategy_jobs(client)
    answer = client.post(url, json=body)
    assert_problem(answer, 422, field)
    assert words in answer.json()["detail"], answer.json()
    assert _strategy_jobs(client) == before  # nothing started


def test_unknown_job_is_a_404_problem(client: TestClient) -> None:
    for method in ("GET", "DELETE"):
        assert_problem(client.request(method, "/api/v1/jobs/strategy-war-0000"), 404, "id")


def test_the_pages_jobs_are_not_served_here(client: TestClient, tmp_path: Path) -> None:
    """The board also runs the /war and /sweeps pages' jobs, whose results have other shapes."""
    board = _board(client)
    job = board.start("war", _counting, {"go": str(tmp_path / "go")})
    try:
        assert_problem(client.get(f"/api/v1/jobs/{job.id}"), 404, "id")
        assert_problem(client.delete(f"/api/v1/jobs/{job.id}"), 404, "id")
        assert board.get(job.id).status == "running"  # type: ignore[union-attr]
    finally:
        board.cancel(job.id)


def test_a_busy_server_says_so(client: TestClient, data_dir: Path) -> None:
    state = client.app.state  # type: ignore[attr-defined]
    before = getattr(state, "jobs", None)
    state.jobs = jobs.JobBoard(state.web.settings, max_running=0)
    try:
        answer = client.post(WAR, json={"players": ["USA", "CHN"]})
    finally:
        state.jobs = before
    assert_problem(answer, 503)
    assert "at most 0" in answer.json()["detail"] and answer.headers["retry-after"] == "10"


# ---------------------------------------------------------------------- runs


def test_war_job_ends_with_the_service_result(client: TestClient, data_dir: Path) -> None:
    started = client.post(WAR, json={"players": ["usa", "China"], "base": "prewar"})
    assert started.status_code == 202, started.text
    location = started.headers["location"]
    assert location == f"/api/v1/jobs/{started.json()['id']}"
    assert started.json()["parameters"]["players"] == ["USA", "CHN"]
    job = _finished(client, location)
    assert job["status"] == "done" and job["error"] is None, job
    result = job["result"]
    steps = len(result["convergence"]["steps"])
    assert job["progress"] == {"done": steps, "total": steps}
    service = client.app.state.web.services.strategy  # type: ignore[attr-defined]
    war = service.war(WarRequest(("USA", "CHN"), "prewar", WarScope.bilateral))
    expected = _jsonable(war_payload(war, "prewar"))
    assert {k: v for k, v in result.items() if k in expected} == expected
    assert result["kind"] == "war" and result["model"] == "one-sector"
    assert result["data"] == {"citation": GE_CITATION, "licence": GE_LICENCE}
    # The same request joins the finished run rather than starting another.
    again = client.post(WAR, json={"players": ["USA", "CHN"]})
    assert again.status_code == 202 and again.json()["status"] == "done"
    assert again.headers["location"] == location


def test_talks_job_gives_threat_point_bargaining_set_and_deal(
    client: TestClient, data_dir: Path
) -> None:
    started = client.post(TALKS, json={"players": ["USA", "CHN"]})
    assert started.status_code == 202, started.text
    job = _finished(client, started.headers["location"])
    assert job["status"] == "done", job
    result = job["result"]
    service = client.app.state.web.services.strategy  # type: ignore[attr-defined]
    expected = _jsonable(talks_payload(service.talks(["USA", "CHN"], "prewar"), "prewar"))
    assert {k: v for k, v in result.items() if k in expected} == expected
    threat, deal = result["threat"], result["bargaining"]
    assert result["bargaining_set"], "the bargaining set is empty"
    for point in result["bargaining_set"]:
        assert point in result["frontier"]
        assert point["welfare_a_pct"] >= threat["welfare_a_pct"]
        assert point["welfare_b_pct"] >= threat["welfare_b_pct"]
    assert deal["welfare_a_pct"] > threat["welfare_a_pct"]
    assert deal["welfare_b_pct"] > threat["welfare_b_pct"]
    war_steps = job["progress"]["total"] - len(result["frontier"]) - 1
    assert war_steps > 0 and job["progress"]["done"] == job["progress"]["total"]


def test_a_talks_job_can_be_cancelled(client: TestClient, data_dir: Path) -> None:
    started = client.post(TALKS, json={"players": ["USA", "CHN"], "base": "busan-deal"})
    assert started.status_code == 202, started.text
    job_id = started.json()["id"]
    cancelled = client.delete(f"/api/v1/jobs/{job_id}")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["result"] is None
    assert client.get(f"/api/v1/jobs/{job_id}").json()["status"] == "cancelled"
    assert not _board(client).get(job_id).process.is_alive()  # type: ignore[union-attr]


def test_retaliation_job_starts_and_cancels(client: TestClient, data_dir: Path) -> None:
    started = client.post(RETALIATION)
    assert started.status_code == 202, started.text
    assert started.json()["kind"] == "retaliation" and started.json()["parameters"] == {}
    assert client.delete(started.headers["location"]).json()["status"] == "cancelled"


def _counting(settings: object, progress: Callable[[int, int], None], go: str) -> dict[str, int]:
    """A run that reports 3 of 7 steps, then waits for the file ``go``."""
    progress(3, 7)
    deadline = time.monotonic() + 60
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return {"steps": 7}


def test_a_running_job_shows_its_progress(client: TestClient, tmp_path: Path) -> None:
    board = _board(client)
    job = board.start("strategy-war", _counting, {"go": str(tmp_path / "go")})
    deadline = time.monotonic() + 60
    while job.progress != (3, 7):
        assert time.monotonic() < deadline and board.get(job.id).status == "running"  # type: ignore[union-attr]
        time.sleep(0.05)
    answer = client.get(f"/api/v1/jobs/{job.id}").json()
    assert answer["status"] == "running" and answer["progress"] == {"done": 3, "total": 7}
    assert answer["result"] is None and answer["elapsed_s"] > 0
    assert client.delete(f"/api/v1/jobs/{job.id}").json()["status"] == "cancelled"


def test_a_failed_job_answers_its_problem(client: TestClient, data_dir: Path) -> None:
    """Antarctica is an ISO3 code but no region of the sectoral data: the run fails and the
    job says why, naming the field, as the request would have."""
    if not (data_dir / "ll2023").is_dir():
        pytest.skip("needs the LL2023 data under TRADEWAR_DATA_DIR/ll2023")
    started = client.post(WAR, json={"players": ["USA", "ATA"], "model": "sectors"})
    assert started.status_code == 202, started.text
    job = _finished(client, started.headers["location"])
    assert job["status"] == "failed" and job["result"] is None
    problem = job["error"]
    assert problem["status"] == 422 and problem["field"] == "players"
    assert "'ATA'" in problem["detail"] and "expected one of" in problem["detail"]


def test_sectoral_war_job(client: TestClient, data_dir: Path) -> None:
    if not (data_dir / "ll2023").is_dir():
        pytest.skip("needs the LL2023 data under TRADEWAR_DATA_DIR/ll2023")
    started = client.post(WAR, json={"players": ["USA", "CHN"], "model": "sectors"})
    job = _finished(client, started.headers["location"])
    assert job["status"] == "done", job
    result = job["result"]
    assert result["kind"] == "sectoral-war" and result["players"] == ["USA", "CHN"]
    assert result["data"]["citation"] == SECTORS_CITATION and "MIT" in result["data"]["licence"]
    steps = len(result["convergence"]["steps"])  # one per best response, as the war's
    assert steps >= 4 and job["progress"] == {"done": steps, "total": steps}


# ---------------------------------------------------------------------- schema


def test_openapi_documents_the_strategy_operations(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (WAR, TALKS, RETALIATION):
        post = paths[path]["post"]
        assert "Location" in post["responses"]["202"]["headers"]
        assert post["responses"]["202"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/JobOut"
        }
        assert "application/problem+json" in post["responses"]["422"]["content"]
    assert set(paths["/api/v1/jobs/{id}"]) == {"get", "delete"}
    components = schema["components"]["schemas"]
    for name in ("WarResult", "TalksResult", "RetaliationResult", "SectoralWarResult"):
        assert "data" in components[name]["properties"]
    described = components["DealPoint"]["properties"]["tariff_a_on_b_pct"]["description"]
    assert "percent" in described


def test_without_the_data_nothing_starts_and_the_file_is_named(tmp_path: Path) -> None:
    from tests.web.conftest import make_settings
    from tradewar.web.app import create_app

    with TestClient(create_app(make_settings(tmp_path, None))) as bare:
        for url, body in ((WAR, {"players": ["USA", "CHN"]}), (RETALIATION, None)):
            answer = bare.post(url, json=body)
            assert_problem(answer, 503)
            assert "ge/country_labels.csv" in answer.json()["detail"], answer.json()
            assert str(tmp_path) not in answer.text  # the server's folders stay private
        assert not _strategy_jobs(bare)


# ---------------------------------------------------------------------- format=csv


def _csv_of(client: TestClient, job_id: str) -> list[dict[str, str]]:
    """A finished job's result as CSV rows, after checking the download's headers."""
    answer = client.get(f"/api/v1/jobs/{job_id}", params={"format": "csv"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"].startswith('attachment; filename="')
    assert answer.headers["link"] == (
        f'</api/v1/jobs/{job_id}>; rel="describedby"; type="application/json"'
    )
    return list(csv.DictReader(io.StringIO(answer.text)))


def _cell(value: Any) -> str:
    return str(cell(value))


def _wait_done(client: TestClient, job_id: str) -> dict[str, Any]:
    job = _finished(client, f"/api/v1/jobs/{job_id}", timeout_s=60)
    assert job["status"] == "done", job
    return job


def test_a_finished_war_as_csv_is_the_war_pages_table(client: TestClient, data_dir: Path) -> None:
    started = client.post(WAR, json={"players": ["USA", "CHN"]})  # joins the run above if done
    job = _finished(client, started.headers["location"])
    rows = _csv_of(client, job["id"])
    result = job["result"]
    assert list(rows[0]) == ["table", "player", "lever", "round", "value", "unit"]
    assert {r["table"] for r in rows} == {"nash_tariff", "nash_welfare", "best_response"}
    for row in rows:
        if row["table"] == "nash_tariff":
            assert row["value"] == _cell(result["nash_tariffs_pct"][row["player"]][row["lever"]])
        if row["table"] == "nash_welfare":
            assert row["value"] == _cell(result["welfare_pct"][row["player"]])
    moves = [r for r in rows if r["table"] == "best_response"]
    last = result["convergence"]["steps"][-1]
    assert moves[-1]["round"] == str(last["round"]) and moves[-1]["player"] == last["player"]
    assert moves[-1]["value"] == _cell(last["rates_pct"][moves[-1]["lever"]])
    # The CSV carries the rows alone; its Link names the job, whose JSON cites the data.
    assert client.get(f"/api/v1/jobs/{job['id']}").json()["result"]["data"] == {
        "citation": GE_CITATION, "licence": GE_LICENCE}  # fmt: skip


def test_the_talks_as_csv_are_their_points(client: TestClient, data_dir: Path) -> None:
    started = client.post(TALKS, json={"players": ["USA", "CHN"]})
    job = _finished(client, started.headers["location"])
    assert job["status"] == "done", job
    result = job["result"]
    rows = _csv_of(client, job["id"])
    assert list(rows[0]) == list(TALKS_COLUMNS)
    kinds = [r["point"] for r in rows]
    assert kinds[:2] == ["threat", "bargaining"]
    assert kinds.count("frontier") == len(result["frontier"])
    assert kinds.count("episode") == len(result["episodes"])
    frontier = [r for r in rows if r["point"] == "frontier"]
    for row, point in zip(frontier, result["frontier"], strict=True):
        assert (row["player_a"], row["player_b"]) == ("USA", "CHN")
        assert {k: row[k] for k in point} == {k: _cell(v) for k, v in point.items()}
        assert row["in_bargaining_set"] == str(point in result["bargaining_set"])
    assert sum(r["in_bargaining_set"] == "True" for r in frontier) == len(result["bargaining_set"])
    deal = rows[1]
    assert float(deal["welfare_a_pct"]) == result["bargaining"]["welfare_a_pct"]
    assert deal["in_bargaining_set"] == ""


RETALIATION_CASES = [
    {"case": "closed form, US at 10%", "us_tariff_pct": 10.0, "retaliation_pct": 30.5,
     "welfare_pct": {"USA": -0.5, "CHN": 0.25, "EU": 0.1, "non-US": 0.125}},
    {"case": "numerical, USTR schedule", "us_tariff_pct": None, "retaliation_pct": 28.0,
     "welfare_pct": {"USA": -0.75, "CHN": 0.5, "EU": 0.2, "non-US": 0.25}},
]  # fmt: skip


def _retaliation(
    settings: object, progress: Callable[[int, int], None], **params: Any
) -> dict[str, Any]:
    """A retaliation result of the API's shape, without the 20 s of solving."""
    progress(2, 2)
    return {"kind": "optimal-retaliation", "cases": RETALIATION_CASES, "notes": [],
            "data": {"citation": GE_CITATION, "licence": GE_LICENCE}}  # fmt: skip


def _sectoral_war(
    settings: object, progress: Callable[[int, int], None], **params: Any
) -> dict[str, Any]:
    """A sectoral war result of the API's shape, two industries, without solving."""
    return {
        "kind": "sectoral-war", "model": "sectors", "entry": "restricted",
        "players": ["USA", "CHN"],
        "nash_tariffs_pct": {"USA": {"USA on CHN": {"c1": 40.0, "c2": 55.5}},
                             "CHN": {"CHN on USA": {"c1": 35.0, "c2": 60.25}}},
        "import_weighted_mean_pct": {"USA": {"CHN": 47.0}, "CHN": {"USA": 49.5}},
        "welfare_pct": {"USA": -0.3, "CHN": -1.2},
        "table4_post_retaliation_pct": {"USA": 0.5, "CHN": 0.7},
        "groups": [], "convergence": {"rounds": 1, "steps": [
            {"round": 1, "player": "USA", "change_pct": 55.5, "welfare_pct": {"USA": 0.1}}]},
        "notes": [], "data": {"citation": SECTORS_CITATION, "licence": "MIT"},
    }  # fmt: skip


def test_retaliation_and_sectoral_war_as_csv(client: TestClient) -> None:
    board = _board(client)
    job = board.start("strategy-retaliation", _retaliation, {"fake": "csv-test"})
    _wait_done(client, job.id)
    rows = _csv_of(client, job.id)
    assert list(rows[0]) == ["case", "us_tariff_pct", "retaliation_pct", "welfare_USA_pct",
                             "welfare_CHN_pct", "welfare_EU_pct", "welfare_non-US_pct"]  # fmt: skip
    assert rows[1]["us_tariff_pct"] == "" and rows[1]["welfare_non-US_pct"] == "0.25"
    assert rows[0]["retaliation_pct"] == "30.5" and rows[0]["case"] == "closed form, US at 10%"
    job = board.start("strategy-war", _sectoral_war, {"players": ["USA", "CHN"], "fake": "csv"})
    _wait_done(client, job.id)
    rows = _csv_of(client, job.id)
    assert list(rows[0]) == list(SECTORAL_WAR_COLUMNS)
    tariff = next(r for r in rows if r["player"] == "CHN" and r["industry"] == "c2")
    assert (tariff["table"], tariff["lever"], tariff["value"]) == ("nash_tariff", "CHN on USA",
                                                                   "60.25")  # fmt: skip
    tables = {r["table"] for r in rows}
    assert tables == {"nash_tariff", "import_weighted_mean_tariff", "nash_welfare",
                      "table4_post_retaliation", "best_response_change"}  # fmt: skip


def _failing(
    settings: object, progress: Callable[[int, int], None], **params: Any
) -> dict[str, Any]:
    raise InvalidInput("got 'ATA'; expected a region of the table.", field="players")


def test_a_job_not_done_is_a_409_never_a_partial_file(client: TestClient, tmp_path: Path) -> None:
    board = _board(client)
    running = board.start("strategy-war", _counting, {"go": str(tmp_path / "go")})
    try:
        deadline = time.monotonic() + 60
        while running.progress != (3, 7):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        body = assert_problem(client.get(f"/api/v1/jobs/{running.id}?format=csv"), 409, "format")
        assert "still running (3 of 7 steps done)" in body["detail"], body
    finally:
        board.cancel(running.id)
    body = assert_problem(client.get(f"/api/v1/jobs/{running.id}?format=csv"), 409, "format")
    assert "was cancelled" in body["detail"]
    failed = board.start("strategy-war", _failing, {"fail": "csv"})
    job = _finished(client, f"/api/v1/jobs/{failed.id}", timeout_s=60)
    assert job["status"] == "failed"
    body = assert_problem(client.get(f"/api/v1/jobs/{failed.id}?format=csv"), 409, "format")
    assert "failed (players: got 'ATA'" in body["detail"], body
    bad = assert_problem(client.get(f"/api/v1/jobs/{failed.id}?format=xml"), 422, "format")
    assert "got 'xml'; expected 'json' or 'csv'" in bad["detail"]


def test_openapi_documents_the_jobs_csv_and_409(client: TestClient) -> None:
    get = client.get("/openapi.json").json()["paths"]["/api/v1/jobs/{id}"]["get"]
    assert set(get["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    assert "application/problem+json" in get["responses"]["409"]["content"]
