"""The scenario page on the sectoral model (``/scenarios/NAME?model=sectors``): the model
picker, the LL2023 outcomes by group and industry, their downloads, and errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.gedata import ge_data_dir
from tests.web.conftest import make_settings
from tradewar.cli.app import app as cli_app
from tradewar.config import Settings
from tradewar.model.sectors.industries import AVERAGING_NOTE
from tradewar.web.app import create_app

SCENARIO = "geneva-truce"
PAGE = f"/scenarios/{SCENARIO}"
GROUPS = ["USA", "CHN", "EU", "RoW", "world"]

Fetch = Callable[[str], httpx.Response]


def _data_dir() -> Path:
    """TRADEWAR_DATA_DIR when it holds both the GE and the LL2023 data; skips otherwise."""
    root = ge_data_dir()
    if root is None or not (root / "ll2023" / "input").is_dir():
        pytest.skip("needs TRADEWAR_DATA_DIR with ge/ and ll2023/ (the shared data).")
    return root


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A private SQLite ledger (the CLI reads the same one) and the shared data."""
    return make_settings(tmp_path_factory.mktemp("sector-page"), _data_dir())


@pytest.fixture(scope="module")
def get(settings: Settings) -> Iterator[Fetch]:
    """GET a URL once per module (each sectoral page solves the model, ~3 s)."""
    with TestClient(create_app(settings)) as client:

        @cache
        def fetch(url: str) -> httpx.Response:
            return client.get(url)

        yield fetch


def test_page_on_the_sectoral_model(get: Fetch) -> None:
    response = get(f"{PAGE}?model=sectors")
    assert response.status_code == 200
    html = response.text
    assert '<option value="sectors" selected>' in html  # the picker shows the URL's model
    for table in ("groups", "output", "exports", "imports", "tariffs"):
        assert f'id="sectoral-{table}-table"' in html
    assert 'id="country-table"' not in html  # not the one-sector page
    groups_table = html[html.index('id="sectoral-groups-table"') :]
    groups_table = groups_table[: groups_table.index("</table>")]
    for group in GROUPS:
        assert f"({group})" in groups_table
    assert "United States <small>(USA)</small>" in groups_table
    assert "Electronics &amp; electrical equipment" in html
    assert AVERAGING_NOTE.split(" (")[0] in html  # the averaging rule, flagged
    assert "MIT" in html and "WIOD" in html and "Lashkaripour" in html  # citation, licence
    assert 'class="vega-spec"' in html and '"yOffset"' in html  # the bar chart


def test_one_sector_page_offers_the_picker(get: Fetch) -> None:
    for url in (PAGE, f"{PAGE}?model=one-sector"):
        response = get(url)
        assert response.status_code == 200
        assert '<option value="one-sector" selected>' in response.text
        assert 'id="country-table"' in response.text
        assert 'id="sectoral-groups-table"' not in response.text


def test_permalinks_keep_the_model(get: Fetch) -> None:
    html = get(f"{PAGE}?model=sectors").text
    assert f'action="{PAGE}"' in html and 'name="model"' in html  # a plain GET form
    for query in ("model=sectors&amp;format=csv", "model=sectors&amp;format=json",
                  "model=sectors&amp;format=svg&amp;chart=industries"):  # fmt: skip
        assert f"{PAGE}?{query}" in html


def test_csv_download(get: Fetch) -> None:
    response = get(f"{PAGE}?model=sectors&format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["group", "variable", "industry", "value_pct"]
    assert len(rows) == len(GROUPS) * (2 + 3 * 16)
    assert [r["group"] for r in rows[:: 2 + 3 * 16]] == GROUPS
    usa_welfare = next(r for r in rows if r["group"] == "USA" and r["variable"] == "welfare_pct")
    assert usa_welfare["industry"] == ""
    json_rows = get(f"{PAGE}?model=sectors&format=json").json()["rows"]
    assert float(usa_welfare["value_pct"]) == pytest.approx(json_rows[0]["value_pct"])


def test_csv_is_the_cli_csv(get: Fetch, settings: Settings) -> None:
    env = {"TRADEWAR_DATABASE_URL": settings.database_url,
           "TRADEWAR_DATA_DIR": str(settings.data_dir)}  # fmt: skip
    result = CliRunner().invoke(
        cli_app, ["scenario", "run", SCENARIO, "--model", "sectors", "--csv"], env=env
    )
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == get(f"{PAGE}?model=sectors&format=csv").content


def test_json_download_carries_citation_and_notes(get: Fetch) -> None:
    payload = get(f"{PAGE}?model=sectors&format=json").json()
    assert payload["model"] == "sectors" and payload["scenario"] == SCENARIO
    assert "WIOD" in payload["data"] and "MIT" in payload["licence"]
    assert payload["notes"][0] == AVERAGING_NOTE
    assert set(payload["additional_tariffs_pct"]) == {"USA on CHN", "CHN on USA"}
    assert {row["group"] for row in payload["rows"]} == set(GROUPS)


def test_chart_download(get: Fetch) -> None:
    response = get(f"{PAGE}?model=sectors&format=svg&chart=industries")
    assert response.status_code == 200 and response.text.lstrip().startswith("<svg")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("model=three-sector", "model"),
        ("model=sectors&format=svg&chart=map", "chart"),
        ("model=sectors&format=xml", "format"),
    ],
)
def test_bad_values_are_named(get: Fetch, query: str, field: str) -> None:
    response = get(f"{PAGE}?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert 'class="error"' in response.text and f"{field}: " in response.text
    assert "Traceback" not in response.text


def test_without_the_ll2023_data_the_page_says_what_is_missing(tmp_path: Path) -> None:
    source = _data_dir()
    partial = tmp_path / "data"
    partial.mkdir()
    for folder in ("ge", "hts"):  # everything but ll2023/ (links, not copies)
        (partial / folder).symlink_to(source / folder, target_is_directory=True)
    with TestClient(create_app(make_settings(tmp_path, partial))) as client:
        response = client.get(f"{PAGE}?model=sectors")
    assert response.status_code == 503
    assert 'class="error"' in response.text and "ll2023" in response.text
    assert '<option value="sectors" selected>' in response.text  # the form is still there
