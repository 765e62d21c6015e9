"""The dashboard pages as HTML (TestClient): content, permalinks, errors, no CDN."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

WEB = Path(str(files("tradewar.web")))
VENDORED = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "htmx.min.js",
            "countries-110m.json")  # fmt: skip


def test_home_opens_the_timeline(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/timeline"


def test_timeline_page(client: TestClient) -> None:
    html = client.get("/timeline", params={"on": "2025-04-15"}).text
    assert "as of 2025-04-15" in html
    assert 'class="vega-spec"' in html and '"step-after"' in html
    assert 'value="2025-04-15"' in html  # the control shows the state of the URL
    assert re.search(r'href="/measures/us-ieepa-fentanyl-20"', html)
    assert "/api/v1/timeline?" in html and "format=csv" in html


def test_shipment_page(client: TestClient) -> None:
    params = {"importer": "USA", "exporter": "CHN", "hs": "950300", "on": "2025-04-15"}
    html = client.get("/shipment", params=params).text
    assert "145.0% additional" in html
    assert 'href="/api/v1/tariff?' in html


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/timeline?on=1800-01-01", 422, "out of range"),
        ("/timeline?a=Atlantis", 422, "Unknown country"),
        ("/shipment?hs=95a", 422, "Malformed HS code"),
        ("/shipment?importer=XXX", 422, "Unknown country"),
        ("/scenarios?name=nope", 422, "unknown scenario"),
        ("/scenarios?name=prewar&variable=jobs", 422, "is not a result"),
        ("/measures/no-such-measure", 404, "No measure"),
        ("/measures?kind=embargo", 422, "unknown kind"),
    ],
)
def test_pages_explain_bad_input(client: TestClient, url: str, status: int, message: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'class="error"' in response.text and message in response.text
    assert "Traceback" not in response.text


def test_user_input_is_escaped(client: TestClient) -> None:
    html = client.get("/timeline", params={"a": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_scenarios_page(client: TestClient, data_dir: Path) -> None:
    params = {"name": ["peak-escalation", "geneva-truce"], "country": "JPN"}
    html = client.get("/scenarios", params=params).text
    assert 'id="comparison-table"' in html and "(JPN)" in html
    assert html.index("(USA)") < html.index("(CHN)") < html.index("(EU)") < html.index("(JPN)")
    for fmt in ("csv", "xlsx", "json"):
        assert f"format={fmt}" in html
    assert '"geoshape"' in html and '"/static/vendor/countries-110m.json"' in html  # the map
    assert "Running the model" in html  # the loading indicator


def test_scenarios_page_without_data_says_so(tmp_path: Path) -> None:
    from tests.web.conftest import make_settings
    from tradewar.web.app import create_app

    with TestClient(create_app(make_settings(tmp_path, None))) as test_client:
        response = test_client.get("/scenarios")
    assert response.status_code == 503
    assert 'class="error"' in response.text and "tradewar data import" in response.text


def test_measure_page(client: TestClient) -> None:
    html = client.get("/measures/us-ieepa-fentanyl-20").text
    assert 'id="history-table"' in html and "Relations" in html
    assert 'href="/api/v1/measures/us-ieepa-fentanyl-20"' in html
    listing = client.get("/measures").text
    assert listing.count('href="/measures/') > 50


def test_api_page_lists_every_operation(client: TestClient) -> None:
    html = client.get("/api").text
    schema = client.get("/openapi.json").json()
    for path in schema["paths"]:
        assert f"<code>{path}</code>" in html
    assert "Authorization: Bearer" in html


def test_nothing_loads_from_another_host() -> None:
    """Templates reference only /static/...; the vendored files are there and recorded."""
    for template in (WEB / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", text):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (template.name, tag)
    readme = (WEB / "static" / "vendor" / "README.md").read_text(encoding="utf-8")
    for name in VENDORED:
        assert (WEB / "static" / "vendor" / name).is_file()
        assert f"`{name}`" in readme
    for name in VENDORED[:4]:
        assert "cdn." not in (WEB / "static" / "vendor" / name).read_text(encoding="utf-8")[:200]


def test_static_files_are_served(client: TestClient) -> None:
    for path in ("/static/app.js", "/static/app.css", "/static/vendor/htmx.min.js"):
        assert client.get(path).status_code == 200


def test_vendored_map_is_the_charts_map() -> None:
    charts_map = Path(str(files("tradewar.charts"))) / "data" / "countries-110m.json"
    served = WEB / "static" / "vendor" / "countries-110m.json"
    assert served.read_bytes() == charts_map.read_bytes()
