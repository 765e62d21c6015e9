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
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
#: Viewports every page is checked at: a laptop and a phone.
VIEWPORTS = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
#: axe impacts that fail a page.
BLOCKING_IMPACTS = ("serious", "critical")

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


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:
    """A page at each viewport recording requests leaving the app, console errors and warnings."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    context.set_default_timeout(WAIT_MS)
    opened = context.new_page()
    opened.viewport_name = request.param
    opened.outside = []
    opened.console_problems = []
    opened.on(
        "request",
        lambda r: None if r.url.startswith(base_url) else opened.outside.append(r.url),
    )
    opened.on(
        "console",
        lambda m: (
            opened.console_problems.append(f"{m.type}: {m.text} ({m.location.get('url')})")
            if m.type in ("error", "warning")
            else None
        ),
    )
    opened.on("pageerror", lambda err: opened.console_problems.append(f"pageerror: {err}"))
    yield opened
    context.close()


def wait_for_all_charts(page: Any) -> None:
    """Wait until every chart of the page is drawn (or has failed, which the check reports)."""
    for chart_id in page.locator(".vega-chart").evaluate_all("nodes => nodes.map(n => n.id)"):
        page.wait_for_selector(f"#{chart_id}[data-rendered]", timeout=WAIT_MS)
        assert page.get_attribute(f"#{chart_id}", "data-rendered") == "1", chart_id


def squeezed_charts(page: Any) -> list[str]:
    """Charts drawn at their container's width whose x axis spans under half of it.

    A long title or label counts in a fitted chart's size, and on a phone it can squeeze
    the plot to a sliver while the SVG itself is as wide as the screen.
    """
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('.vega-chart')).flatMap(chart => {
                const spec = document.querySelector(`script[data-target="${chart.id}"]`);
                if (!spec || JSON.parse(spec.textContent).width !== 'container') return [];
                const axes = Array.from(chart.querySelectorAll('svg g.role-axis'))
                    .map(a => a.getBoundingClientRect().width);
                const widest = Math.max(0, ...axes);
                const box = chart.getBoundingClientRect().width;
                return widest < 0.5 * box ? [`${chart.id}: axis ${widest} of ${box} px`] : [];
            })"""
        )
    )


def axe_violations(page: Any) -> list[str]:
    """Serious and critical axe-core violations of the page, one line each."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, not served: CSP-proof
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in results
        if v.get("impact") in BLOCKING_IMPACTS
    ]


def check_page(page: Any, name: str, status: int | None = None) -> None:
    """Charts drawn, no sideways scroll, no console error or warning, nothing fetched from
    outside the app, no serious or critical accessibility violation; then a screenshot.

    ``status``: the error status the page itself answers with (the browser logs it).
    """
    wait_for_all_charts(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} at {page.viewport_name}: {overflow} px of sideways scroll"
    assert squeezed_charts(page) == [], f"{name} at {page.viewport_name}"
    own_status = f"Failed to load resource: the server responded with a status of {status}"
    problems = [p for p in page.console_problems if not (status and own_status in p)]
    assert problems == [], f"{name} at {page.viewport_name}: {problems}"
    assert page.outside == [], f"requests left the app: {page.outside}"
    violations = axe_violations(page)
    assert violations == [], f"{name} at {page.viewport_name}: {violations}"
    screenshot(page, f"page-{name}-{page.viewport_name}")


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
        # The capability pages: forms and sort links are plain HTML.
        page.goto(f"{base_url}/supply")
        page.select_option("select[name=scenario]", "rare-earths-ban")
        page.fill("input[name=draws]", "50")
        page.click("form.controls button[type=submit]")
        page.wait_for_url("**scenario=rare-earths-ban**")
        assert page.locator("#producer-table tbody tr").count() > 5
        page.goto(f"{base_url}/measures")
        page.select_option("select[name=kind]", "export_control")
        page.click("form.controls button[type=submit]")
        page.wait_for_url("**kind=export_control**")
        kinds = set(page.locator("#measure-list tbody td:nth-child(3)").all_text_contents())
        assert kinds == {"export control"}
        if ge_data_dir() is not None:
            page.goto(f"{base_url}/scenarios/geneva-truce")
            page.click("#country-table thead a.sort:has-text('Consumer prices')")
            page.wait_for_url("**sort=prices**")
            assert page.get_attribute("#country-table thead th:nth-child(4)", "aria-sort")
    finally:
        context.close()


#: Every page of the dashboard: name -> (URL, needs the GE data, its HTTP status if an error).
PAGES: dict[str, tuple[Any, ...]] = {
    "home": ("/", False),
    "timeline": ("/timeline?on=2025-05-20", False),
    "shipment": ("/shipment?importer=USA&exporter=CHN&hs=950300&on=2025-04-15", False),
    "shipment-error": ("/shipment?hs=95a", False, 422),
    "measures": ("/measures?kind=tariff", False),
    "measure": ("/measures/us-ieepa-fentanyl-20", False),
    "api": ("/api", False),
    "not-found": ("/no-such-page", False, 404),
    "supply": ("/supply?scenario=rare-earths-2025&draws=100", False),
    "news": ("/news", False),
    "review": ("/review", False),
    "scenarios": ("/scenarios?name=peak-escalation&name=geneva-truce", True),
    "scenario": ("/scenarios/geneva-truce?baseline=prewar&sort=prices&order=desc", True),
    "scenario-sectors": ("/scenarios/geneva-truce?model=sectors", True),
    "war-form": ("/war", True),
    "sweeps-form": ("/sweeps", True),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_on_every_screen(sized_page: Any, base_url: str, name: str) -> None:
    url, needs_data, *status = PAGES[name]
    if needs_data and ge_data_dir() is None:
        pytest.skip("needs the GE data: TRADEWAR_DATA_DIR has no ge/trade_cepii.csv")
    data = ge_data_dir()
    if "model=sectors" in url and (data is None or not (data / "ll2023" / "input").is_dir()):
        pytest.skip("needs the LL2023 data: TRADEWAR_DATA_DIR has no ll2023/input")
    response = sized_page.goto(base_url + url)
    assert response.status == (status[0] if status else 200)
    check_page(sized_page, name, *status)


def test_news_page_highlights_evidence(sized_page: Any, base_url: str) -> None:
    sized_page.goto(f"{base_url}/news")
    sized_page.fill(
        "textarea[name=text]",
        "WASHINGTON, May 12, 2025 (Reuters) - The United States will cut its additional tariff"
        " on Chinese goods to 30% from 145% for 90 days starting May 14, the White House said.",
    )
    sized_page.click("form[action='/news'] button[type=submit]")
    sized_page.wait_for_selector("#events-table")
    assert sized_page.locator("#article-text mark.evidence").count() >= 1
    assert "cut tariff" in sized_page.locator("#events-table").inner_text()
    check_page(sized_page, "news-events")


def test_long_runs_show_progress_then_results(sized_page: Any, base_url: str) -> None:
    """Talks and a sweep run in the background: a status box, then the result by itself."""
    if ge_data_dir() is None:
        pytest.skip("needs the GE data: TRADEWAR_DATA_DIR has no ge/trade_cepii.csv")
    for url, result in (
        ("/war?players=USA,CHN&base=prewar&mode=talks&run=1", "#deal-chart"),
        ("/sweeps?scenario=geneva-truce&param=epsilon&low=3&high=7&draws=10&seed=1&run=1",
         "#bands-chart"),
    ):  # fmt: skip
        sized_page.goto(base_url + url)
        sized_page.wait_for_selector(result, timeout=120_000)  # htmx polls, then reloads
        check_page(sized_page, url.split("?")[0].strip("/"))
