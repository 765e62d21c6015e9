"""Products by name over HTTP: the search API, the code API, suggestions and the shipment page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.hts.conftest import hts_data_dir

pytestmark = pytest.mark.skipif(
    hts_data_dir() is None,
    reason="TRADEWAR_DATA_DIR does not hold hts/budgetlab (`make test` points it at ../shared/data)",
)


def test_products_search_api(client: TestClient) -> None:
    payload = client.get("/api/v1/products", params={"q": "rare-earth magnets"}).json()
    assert payload["lines"][0]["hs10"].startswith("850511")
    assert payload["searched_as"] == "permanent magnets of metal"
    assert "Budget Lab" in payload["citation"]
    response = client.get("/api/v1/products", params={"q": "of the"})
    assert response.status_code == 422 and response.json()["field"] == "q"


def test_product_code_api(client: TestClient) -> None:
    payload = client.get("/api/v1/products/9503").json()
    assert payload["line_count"] == 5 and "toys" in payload["name"]
    assert payload["lines"][0]["lists"][0]["chapter99"] == "9903.88.16"
    assert client.get("/api/v1/products/95a").status_code == 422
    assert client.get("/api/v1/products/0000").status_code == 422


def test_tariff_api_names_the_product_and_cites_each_heading(client: TestClient) -> None:
    params = {"importer": "USA", "exporter": "CHN", "hs": "84021100", "on": "2025-06-01"}
    payload = client.get("/api/v1/tariff", params=params).json()
    assert payload["total_additional_pct"] == 55.0
    assert [x["chapter99"] for x in payload["layers"]] == [
        "9903.01.20 + 9903.01.24",
        "9903.01.63",
        "9903.88.01",
    ]
    assert "Watertube boilers" in payload["product"]["name"]
    assert "MIT" in payload["product"]["citation"]


def test_suggestions_are_links_to_the_shipment_page(client: TestClient) -> None:
    fields = {"q": "laptops", "importer": "USA", "exporter": "CHN", "on": "2025-06-01"}
    full = client.get("/products/suggest", params=fields).text
    assert (
        'href="/shipment?importer=USA&amp;exporter=CHN&amp;on=2025-06-01&amp;hs=8471300100"' in full
    )
    html = client.get("/products/suggest", params={"q": "laptops", "on": "2025-06-01"}).text
    assert 'href="/shipment?on=2025-06-01&amp;hs=8471300100"' in html
    assert "No HTS-10 line" in client.get("/products/suggest", params={"q": "unicorn"}).text
    assert client.get("/products/suggest").text.strip() == ""
    bare = client.get("/products/suggest", params={"q": "toys"}).text
    assert 'href="/shipment?hs=9503000011"' in bare  # empty fields are left out of the link


def test_the_shipment_page_searches_without_javascript_and_names_the_product(
    client: TestClient,
) -> None:
    html = client.get("/shipment", params={"q": "toys", "on": "2025-06-01"}).text
    assert 'name="q"' in html and 'hx-get="/products/suggest"' in html
    assert "hs=9503000011" in html
    params = {"importer": "USA", "exporter": "CHN", "hs": "850760", "on": "2026-03-01"}
    page = client.get("/shipment", params=params).text
    assert 'id="product-name"' in page and "Lithium-ion" in page
    assert 'id="lines-table"' in page and "2 of 2" in page and "9903.91.06" in page
    assert "Budget Lab" in page
