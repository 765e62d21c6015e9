"""The capability pages (war and talks, supply, sweeps, news review, one scenario) via TestClient.

Each page is a permalink whose ``format`` parameter also answers its data (CSV, JSON) and
its chart (SVG, PNG); bad input is named in the page's own words, with the form kept.
"""

from __future__ import annotations

import csv
import doctest
import io
import re
import time
from collections.abc import Callable
from html import unescape as html_unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tradewar.web import jobs, news_pages, pagekit, scenario_pages, supply_pages

HTML = {"accept": "text/html"}
ARTICLE = (
    "WASHINGTON, May 12, 2025 (Reuters) - The United States will cut its additional tariff on"
    " Chinese goods to 30% from 145% for 90 days starting May 14, the White House said."
)


def error_of(html: str) -> str:
    found = re.search(r'class="error"[^>]*><strong>[^<]*</strong>(.*?)</p>', html, re.S)
    return html_unescape(found.group(1)).strip() if found else ""


def wait_for_result(client: TestClient, url: str, timeout_s: float = 120.0) -> str:
    """Poll a background run's permalink until it answers 200 (not 202, still running)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        response = client.get(url)
        if response.status_code != 202:
            assert response.status_code == 200, error_of(response.text)
            return str(response.text)
        assert "Running the model" in response.text and "Cancel the run" in response.text
        time.sleep(0.5)
    raise AssertionError(f"{url} still running after {timeout_s} s")


@pytest.mark.parametrize("module", [pagekit, news_pages, scenario_pages, supply_pages])
def test_examples_in_docstrings(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# ---------------------------------------------------------------------- any screen


def test_unknown_page_is_an_html_404_for_browsers_and_a_problem_for_the_api(
    client: TestClient,
) -> None:
    page = client.get("/no-such-page", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no page at /no-such-page" in page.text and 'href="/war"' in page.text
    api = client.get("/api/v1/no-such-thing", headers=HTML)
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/")


def test_malformed_query_is_an_html_page_naming_the_parameter(client: TestClient) -> None:
    page = client.get("/supply", params={"draws": "many"}, headers=HTML)
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "draws" in error_of(page.text)


def test_errors_name_web_parameters_not_cli_options(client: TestClient) -> None:
    page = client.get("/timeline", params={"to": "2025-13-01"})
    assert page.status_code == 422
    message = error_of(page.text)
    assert message.startswith("to: ") and "--to" not in message
    assert 'name="to" value="2025-13-01"' in page.text  # the page (its form) is kept
    kind = error_of(client.get("/measures", params={"kind": "embargo"}).text)
    assert kind.startswith("Kind: ") and "--" not in kind  # named by its label


def test_pages_open_on_today() -> None:
    from tradewar.web.pagekit import today

    assert today().year >= 2026


def test_timeline_opens_on_today(client: TestClient) -> None:
    from tradewar.web.pagekit import today

    html = client.get("/timeline").text
    assert f'value="{today().isoformat()}"' in html


def test_kind_and_country_filters_are_drop_downs(client: TestClient) -> None:
    html = client.get("/measures", params={"kind": "export_control"}).text
    assert '<select name="kind">' in html and '<select name="imposing">' in html
    assert '<option value="export_control" selected>' in html
    assert '<option value="CHN"' in html


def test_page_specs_name_the_vendored_vega_lite(client: TestClient) -> None:
    html = client.get("/timeline", params={"on": "2025-05-20"}).text
    assert "vega-lite/v6.json" in html and "vega-lite/v5.json" not in html
    assert '"width": "container"' in html


# ---------------------------------------------------------------------- war and talks


def test_war_page_form_and_bad_players(client: TestClient, data_dir: Path) -> None:
    form = client.get("/war").text
    assert '<select name="base">' in form and '<select name="mode">' in form
    page = client.get("/war", params={"players": "USA", "run": "1"})
    assert page.status_code == 422
    message = error_of(page.text)
    assert message.startswith("Players: ") and "at least two" in message
    assert client.get("/war", params={"players": "USA,CHN", "base": "../x.yaml"}).status_code == 422


def test_war_runs_in_the_background_and_offers_its_tables(
    client: TestClient, data_dir: Path
) -> None:
    url = "/war?players=USA&players=CHN&base=prewar&mode=war&run=1"
    html = wait_for_result(client, url)
    assert 'id="nash-table"' in html and 'id="best-response-table"' in html
    table = client.get(url + "&format=csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert {r["table"] for r in rows} >= {"nash_tariff", "nash_welfare", "best_response"}
    nash = {r["player"]: float(r["value"]) for r in rows if r["table"] == "nash_tariff"}
    assert set(nash) == {"USA", "CHN"} and all(rate > 0 for rate in nash.values())
    assert client.get(url + "&format=json").json()["war"]["players"] == ["USA", "CHN"]
    no_chart = client.get(url + "&format=svg&chart=deal")
    assert no_chart.status_code == 422 and "mode=talks" in error_of(no_chart.text)


def test_talks_can_be_cancelled(client: TestClient, data_dir: Path) -> None:
    url = "/war?players=USA,CHN&base=busan-deal&mode=talks&run=1"
    running = client.get(url)
    assert running.status_code == 202
    job_id = re.search(r'/war/jobs/([\w-]+)/cancel"', running.text).group(1)  # type: ignore[union-attr]
    status = client.get(f"/war/jobs/{job_id}")
    assert status.status_code == 200 and 'hx-trigger="every 1s"' in status.text
    cancelled = client.post(f"/war/jobs/{job_id}/cancel", follow_redirects=False)
    assert cancelled.status_code == 303 and "cancelled=1" in cancelled.headers["location"]
    assert "run=1" not in cancelled.headers["location"]
    assert "was cancelled" in client.get(cancelled.headers["location"]).text
    board = client.app.state.jobs  # type: ignore[attr-defined]
    job = board.get(job_id)
    assert job.status == "cancelled" and not job.process.is_alive()


def test_talks_deal_chart(client: TestClient, data_dir: Path) -> None:
    url = "/war?players=USA,CHN&base=prewar&mode=talks&run=1"
    html = wait_for_result(client, url)
    assert 'id="deal-chart"' in html and "Threat point (Nash war)" in html
    for episode in ("geneva-truce", "busan-deal"):
        assert episode in html
    svg = client.get(url + "&format=svg&chart=deal")
    assert svg.headers["content-type"].startswith("image/svg") and "<svg" in svg.text
    png = client.get(url + "&format=png&chart=deal")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    # The run counted its steps: best responses, 11 frontier points and the deal.
    params = {"players": ["USA", "CHN"], "base": "prewar", "mode": "talks", "scope": "bilateral"}
    job = client.app.state.jobs.get(jobs.job_key("war", params))  # type: ignore[attr-defined]
    steps = len(job.result["war"]["convergence"]["steps"]) + len(job.result["frontier"]) + 1
    assert job.progress == (steps, steps)


def _counting(settings: object, progress: Callable[[int, int], None], go: str) -> dict[str, int]:
    """A run that reports 3 of 7 steps, then waits for the file ``go`` before finishing."""
    progress(3, 7)
    deadline = time.monotonic() + 60
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    progress(7, 7)
    return {"steps": 7}


def test_a_running_job_shows_its_steps(client: TestClient, tmp_path: Path) -> None:
    board = jobs.board_of(client.app.state, client.app.state.web.settings)  # type: ignore[attr-defined]
    job = board.start("counting", _counting, {"go": str(tmp_path / "go")})
    deadline = time.monotonic() + 60
    while job.progress != (3, 7):
        assert time.monotonic() < deadline and board.get(job.id).status == "running"  # type: ignore[union-attr]
        time.sleep(0.05)
    status = client.get(f"/war/jobs/{job.id}")
    assert status.status_code == 200 and "3 of 7 steps" in status.text
    assert '<progress max="7" value="3"' in status.text
    (tmp_path / "go").touch()
    while board.get(job.id).status == "running":  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert job.status == "done" and job.progress == (7, 7)


def test_a_busy_server_says_so(client: TestClient, data_dir: Path) -> None:
    state = client.app.state  # type: ignore[attr-defined]
    before = getattr(state, "jobs", None)
    state.jobs = jobs.JobBoard(state.web.settings, max_running=0)
    try:
        page = client.get("/war", params={"players": "USA,CHN", "mode": "war", "run": "1"})
    finally:
        state.jobs = before
    assert page.status_code == 503 and "model runs are going on already" in error_of(page.text)


# ---------------------------------------------------------------------- supply chains


def test_supply_page_shows_calendar_dates(client: TestClient) -> None:
    html = client.get("/supply", params={"scenario": "rare-earths-2025", "draws": 50}).text
    assert 'id="producer-table"' in html and 'id="exposure-table"' in html
    assert re.search(r"<td>2025-\d\d-\d\d</td>", html)  # stop and shortfall dates
    assert "week 6" not in html.lower()
    assert '<select name="scenario">' in html and "rare-earths-ban" in html


def test_supply_downloads(client: TestClient) -> None:
    params = {"scenario": "rare-earths-ban", "draws": 20}
    rows = list(
        csv.DictReader(io.StringIO(client.get("/supply", params=params | {"format": "csv"}).text))
    )
    assert rows and "stop_date" in rows[0]
    stopped = [r for r in rows if r["stop_date"]]
    assert stopped and all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["stop_date"]) for r in stopped)
    exposure = client.get("/supply", params=params | {"format": "csv", "table": "exposure"})
    assert exposure.text.startswith("country,buyer,input")
    svg = client.get("/supply", params=params | {"format": "svg", "chart": "output"})
    assert "<svg" in svg.text


def test_supply_unknown_scenario(client: TestClient) -> None:
    page = client.get("/supply", params={"scenario": "tin-2030"})
    assert page.status_code == 422
    assert error_of(page.text).startswith("Scenario: unknown supply scenario")


# ---------------------------------------------------------------------- sweeps


def test_sweep_bands_beside_central_values(client: TestClient, data_dir: Path) -> None:
    url = "/sweeps?scenario=geneva-truce&param=epsilon&low=3&high=7&draws=6&seed=3&run=1"
    html = wait_for_result(client, url)
    assert 'id="bands-table"' in html and 'id="bands-chart"' in html
    rows = list(csv.DictReader(io.StringIO(client.get(url + "&format=csv").text)))
    usa = next(r for r in rows if r["iso3"] == "USA" and r["variable"] == "welfare")
    assert float(usa["q05"]) <= float(usa["q50"]) <= float(usa["q95"])
    assert usa["value"] and usa["draws"] == "6"


def test_sweep_bad_range_is_named(client: TestClient, data_dir: Path) -> None:
    page = client.get("/sweeps", params={"param": "epsilon", "low": 8, "high": 2, "run": 1})
    assert page.status_code == 422 and "8 > 2" in error_of(page.text)


# ---------------------------------------------------------------------- one scenario


def test_scenario_page_rates_trade_and_all_countries(client: TestClient, data_dir: Path) -> None:
    html = client.get("/scenarios/peak-escalation").text
    assert 'id="rates-table"' in html and 'id="trade-table"' in html
    assert "145.0" in html  # the headline rate beside the model's
    assert html.count('<tr><th scope="row">') >= 190  # every country
    assert 'aria-sort="ascending"' in html


def test_scenario_deltas_against_a_baseline(client: TestClient, data_dir: Path) -> None:
    def table(params: dict[str, str]) -> dict[str, dict[str, str]]:
        text = client.get("/scenarios/busan-deal", params=params | {"format": "csv"}).text
        return {r["iso3"]: r for r in csv.DictReader(io.StringIO(text))}

    alone, base = table({}), table({"baseline": "peak-escalation"})
    peak = {r["iso3"]: r for r in csv.DictReader(io.StringIO(
        client.get("/scenarios/peak-escalation", params={"format": "csv"}).text))}  # fmt: skip
    for code in ("USA", "CHN", "JPN"):
        expected = float(alone[code]["welfare"]) - float(peak[code]["welfare"])
        assert float(base[code]["welfare"]) == pytest.approx(expected, abs=1e-9)


def test_scenario_sorting_and_colours(client: TestClient, data_dir: Path) -> None:
    text = client.get("/scenarios/peak-escalation",
                      params={"sort": "prices", "order": "desc", "format": "csv"}).text  # fmt: skip
    prices = [float(r["prices"]) for r in csv.DictReader(io.StringIO(text)) if r["prices"]]
    assert prices == sorted(prices, reverse=True)
    html = client.get("/scenarios/peak-escalation").text
    assert 'class="num good"' in html and 'class="num bad"' in html


def test_scenario_page_reads_bundled_scenarios_only(client: TestClient) -> None:
    page = client.get("/scenarios/not-a-scenario")
    assert page.status_code == 404 and "the scenarios are" in error_of(page.text)


# ---------------------------------------------------------------------- news review


def test_news_page_highlights_evidence(client: TestClient) -> None:
    html = client.post("/news", data={"text": ARTICLE}).text
    assert 'id="events-table"' in html
    assert '<mark class="evidence"' in html and "cut tariff" in html


def test_news_page_refuses_an_empty_article(client: TestClient) -> None:
    page = client.post("/news", data={"text": "  "})
    assert page.status_code == 422 and error_of(page.text).startswith("Article text: ")


def test_review_needs_a_signed_in_token(fresh_client: TestClient, token: str) -> None:
    refused = fresh_client.post("/news", data={"text": ARTICLE, "propose": "1"})
    assert refused.status_code == 401 and error_of(refused.text).startswith("token: ")
    bad = fresh_client.post("/sign-in", data={"token": "nope", "back": "/review"})
    assert bad.status_code == 401
    signed = fresh_client.post("/sign-in", data={"token": token}, follow_redirects=False)
    assert signed.status_code == 303
    assert "httponly" in signed.headers["set-cookie"].lower()
    assert "samesite=strict" in signed.headers["set-cookie"].lower()


def test_propose_then_reject_with_audit(fresh_client: TestClient, token: str) -> None:
    fresh_client.cookies.set(news_pages.TOKEN_COOKIE, token)
    sent = fresh_client.post("/news", data={"text": ARTICLE, "url": "https://example.org/a",
                                            "propose": "1"})  # fmt: skip
    assert sent.status_code == 200 and "in the queue" in sent.text
    queue = fresh_client.get("/review").text
    assert "Signed in as <strong>api-tester</strong>" in queue
    proposal_id = re.search(r'action="/review/([^/"]+)/reject"', queue).group(1)  # type: ignore[union-attr]
    done = fresh_client.post(f"/review/{proposal_id}/reject", data={"note": "duplicate"})
    assert done.status_code == 200 and f"{proposal_id} rejected" in done.text
    rejected = fresh_client.get("/review", params={"status": "rejected", "format": "json"}).json()
    assert [r["proposal_id"] for r in rejected["rows"]] == [proposal_id]
    again = fresh_client.post(f"/review/{proposal_id}/accept", data={"note": ""})
    assert again.status_code == 409
    assert 'id="audit-table"' in fresh_client.get("/review").text


# ---------------------------------------------------------------------- the job board


def _double(settings: object, progress: object, value: int) -> dict[str, int]:
    return {"value": 2 * value}


def _fail(settings: object, progress: object) -> dict[str, int]:
    from tradewar.errors import InvalidInput

    raise InvalidInput("value: 3 is odd; expected an even number.")


def test_job_board_joins_finishes_and_reports_errors(tmp_path: Path) -> None:
    from tradewar.config import Settings

    board = jobs.JobBoard(Settings(database_url="sqlite://", data_dir=tmp_path))
    first = board.start("double", _double, {"value": 21})
    assert board.start("double", _double, {"value": 21}) is first  # the same run, joined
    failed = board.start("fail", _fail, {})
    deadline = time.monotonic() + 60
    while {board.get(first.id).status, board.get(failed.id).status} & {"running"}:  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert first.status == "done" and first.result == {"value": 42}
    assert failed.status == "failed" and "3 is odd" in str(failed.error)
