"""The dashboard in a real browser: Debian's chromium driven by Playwright.

``make test`` installs chromium first (``scripts/install-browser.sh``). Without it these
tests skip with a loud message. The app runs with uvicorn in a background thread on a free
port; screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gedata import ge_data_dir
from tests.web.conftest import make_settings
from tradewar.web.app import serve_in_background

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WAIT_MS = 20_000

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is missing: pip install -e '.[dev]'"
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(),
    reason=(
        "!!! BROWSER TESTS SKIPPED: /usr/bin/chromium is missing. Run "
        "'bash scripts/install-browser.sh' as root (make test does) to install Debian's "
        "chromium. !!!"
    ),
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a background thread."""
    settings = make_settings(tmp_path_factory.mktemp("browser-ledger"), ge_data_dir())
    with serve_in_background(settings, start_timeout_s=30) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A laptop-sized page that records every request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(WAIT_MS)
    opened = context.new_page()
    opened.outside = []
    opened.console_errors = []
    opened.on(
        "request",
        lambda request: (
            None if request.url.startswith(base_url) else opened.outside.append(request.url)
        ),
    )
    opened.on(
        "console",
        lambda message: (
            opened.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    yield opened
    context.close()


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-viewport.png"))  # README size
    return path


def wait_for_chart(page: Any, chart_id: str, min_marks: int = 1) -> int:
    """Wait until vega-embed has drawn ``chart_id``; return its number of SVG marks."""
    page.wait_for_selector(f"#{chart_id}[data-rendered]", timeout=WAIT_MS)
    assert page.get_attribute(f"#{chart_id}", "data-rendered") == "1"
    marks = int(page.locator(f"#{chart_id} svg .mark-line path, #{chart_id} svg .marks path, "
                             f"#{chart_id} svg .mark-rect path, #{chart_id} svg .mark-shape path").count())  # fmt: skip
    assert marks >= min_marks, f"{chart_id}: {marks} marks drawn"
    return marks


def test_timeline_page_chart_date_control_and_measures(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/timeline?on=2025-05-20")
    wait_for_chart(page, "timeline-chart")
    axis_titles = page.locator("#timeline-chart svg .role-axis-title text").all_text_contents()
    assert any("%" in title for title in axis_titles), axis_titles
    drawn = " ".join(page.locator("#timeline-chart svg text").all_text_contents())
    for label in ("145%", "125%", "Geneva truce", "Busan deal", "after the record date"):
        assert label in drawn, f"{label!r} not drawn on the timeline"
    rows = page.locator("#in-force-table tbody tr")
    assert rows.count() > 3
    assert page.locator("#in-force-table a[href^='/measures/']").count() > 3
    assert page.locator("#in-force-table a[href^='http']").count() > 3
    screenshot(page, "dashboard-timeline")

    # The "as of" control: the page updates in place and the URL is a permalink.
    before = page.locator("#in-force-table").inner_text()
    page.fill("input[name=on]", "2025-04-15")
    page.locator("input[name=on]").dispatch_event("change")
    page.wait_for_url("**/timeline?*on=2025-04-15*", timeout=WAIT_MS)
    page.wait_for_selector("h1:has-text('as of 2025-04-15')")
    wait_for_chart(page, "timeline-chart")
    assert page.locator("#in-force-table").inner_text() != before
    assert "125" in page.locator("ul.headline").inner_text()  # the April peak, China on US
    page.reload()
    assert page.input_value("input[name=on]") == "2025-04-15"
    assert page.outside == [], f"requests left the app: {page.outside}"
    assert page.console_errors == [], page.console_errors


def test_shipment_page(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/shipment")
    page.fill("input[name=hs]", "950300")
    page.fill("input[name=on]", "2025-04-15")
    page.click("form.controls button[type=submit]")
    page.wait_for_url("**/shipment?*hs=950300*", timeout=WAIT_MS)
    page.wait_for_selector("h2#stack:has-text('2025-04-15')")
    assert "145.0%" in page.locator("h2#stack").inner_text()
    assert page.locator("#stack-table tbody a[href^='http']").count() >= 2
    page.fill("input[name=hs]", "95a")
    page.click("form.controls button[type=submit]")
    page.wait_for_selector("p.error")
    assert "Malformed HS code" in page.locator("p.error").inner_text()
    screenshot(page, "dashboard-shipment-error")
    assert page.outside == []


def test_product_search_suggests_lines_while_typing(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/shipment?on=2025-06-01")
    page.type("input[name=q]", "laptops", delay=20)
    link = page.wait_for_selector("#suggestions a:has-text('8471300100')", timeout=WAIT_MS)
    assert "/shipment" in page.url and "q=" not in page.url  # filled in place by htmx
    link.click()
    page.wait_for_url("**/shipment?*hs=8471300100*", timeout=WAIT_MS)
    assert "Portable automatic data-processing" in page.locator("#product-name").inner_text()
    assert page.outside == [] and page.console_errors == []


def test_scenarios_page_picker_table_and_map(page: Any, base_url: str) -> None:
    if ge_data_dir() is None:
        pytest.skip("needs the GE data: TRADEWAR_DATA_DIR has no ge/trade_cepii.csv")
    page.goto(f"{base_url}/scenarios?name=peak-escalation&name=geneva-truce")
    wait_for_chart(page, "welfare-map", min_marks=100)  # one shape per country
    headers = page.locator("#comparison-table thead th").all_text_contents()
    assert headers[2:] == ["peak-escalation", "geneva-truce"]
    pinned = page.locator("#comparison-table tbody th small").all_text_contents()
    assert pinned[:5] == ["(USA)", "(CHN)", "(EU)", "(RoW)", "(world)"]

    # The picker: add a scenario; the model runs (loading indicator), the URL keeps it.
    page.check("input[name=name][value=busan-deal]")
    page.click("form.scenario-picker button[type=submit]")
    page.wait_for_url("**/scenarios?*name=busan-deal*", timeout=WAIT_MS)
    page.wait_for_selector("#comparison-table thead th:has-text('busan-deal')")
    wait_for_chart(page, "welfare-map", min_marks=100)
    wait_for_chart(page, "compare-chart")
    downloads = page.locator("p.downloads a").evaluate_all("links => links.map(a => a.href)")
    assert any("format=xlsx" in href and "busan-deal" in href for href in downloads)
    csv_text = page.request.get(next(h for h in downloads if "format=csv" in h)).text()
    assert csv_text.startswith("scenario,iso3,is_group,variable,value,unit")
    manifest = page.request.get(next(h for h in downloads if "format=manifest" in h)).json()
    assert "busan-deal" in manifest["parameters"]["scenarios"] and manifest["assumptions"]
    screenshot(page, "dashboard-scenarios")
    assert page.outside == []
    assert page.console_errors == [], page.console_errors


def test_measure_page_history_and_relations(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/measures/us-ieepa-fentanyl-20")
    assert page.locator("#history-table tbody tr").count() >= 1
    links = page.locator("section[aria-labelledby=relations] a[href^='/measures/']")
    assert links.count() >= 1
    links.first.click()
    page.wait_for_selector("#history-table")
    assert "/measures/" in page.url
    screenshot(page, "dashboard-measure")


def test_pages_read_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/timeline?on=2025-05-20")
        assert page.locator("#in-force-table tbody tr").count() > 3
        page.goto(f"{base_url}/shipment?importer=USA&exporter=CHN&hs=950300&on=2025-05-20")
        assert "30.0%" in page.locator("h2#stack").inner_text()
        # Plain form submission (no htmx) keeps the state in the URL.
        page.fill("input[name=on]", "2025-04-15")
        page.click("form.controls button[type=submit]")
        page.wait_for_url("**on=2025-04-15**")
        assert "145.0%" in page.locator("h2#stack").inner_text()
    finally:
        context.close()
