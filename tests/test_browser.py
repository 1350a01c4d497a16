"""The web UI in headless Chromium (Debian's /usr/bin/chromium via Playwright).

Loads the map, clicks a marker, opens the event and article pages, brushes the timeline,
checks the escaping and the phone width, and saves screenshots under test-output/.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from api_fixtures import XSS, build

CHROMIUM = os.environ.get("WARLEDGER_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUT = Path(__file__).resolve().parents[1] / "test-output" / "browser"

pytestmark = pytest.mark.browser
if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import uvicorn

    from warledger.serve import create_app
    from warledger.store import Store

    store = Store(str(tmp_path_factory.mktemp("browser") / "b.sqlite"))
    data = build(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", data
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.errors, pg.dialogs, pg.external = [], [], []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:")) else pg.external.append(r.url))
    yield pg
    assert pg.errors == [], pg.errors  # no JS error on any page
    assert pg.dialogs == [], pg.dialogs  # no injected script ran
    assert pg.external == [], pg.external  # no network beyond the app
    ctx.close()


def test_map_marker_opens_the_event_page(site, page):
    base, _ = site
    page.goto(base + "/")
    assert page.locator("#map-svg .marker").count() == 3
    page.screenshot(path=str(OUT / "map.png"), full_page=True)
    marker = page.locator('#map-svg .marker[data-id="l_khan"]')
    marker.click()
    popup = page.locator("#popup")
    assert popup.is_visible()
    assert page.locator("#popup-title").inner_text() == "Khan Sheikhoun"
    assert page.locator("#popup-killed").inner_text() == "12 (3–12)"
    page.locator("#map").screenshot(path=str(OUT / "map-popup.png"))
    page.locator("#popup-link").click()
    page.wait_for_url("**/events/l_khan")
    assert page.locator(".claim").count() == 2
    assert page.locator("#killed-range").inner_text() == "3 / 12 / 12"
    page.screenshot(path=str(OUT / "event.png"), full_page=True)
    page.locator(".claim a", has_text="Gas attack kills 12").click()
    page.wait_for_url("**/articles/*")
    marks = page.locator("#article-body mark")
    assert marks.count() >= 7
    kinds = set(marks.evaluate_all("els => els.map(e => e.className)"))
    assert {"k-casualty", "k-number", "k-place", "k-date", "k-weapon", "k-claimant"} <= kinds
    page.locator("#article-body mark.k-date").hover()
    tip = page.locator("#article-body mark.k-date").evaluate("e => getComputedStyle(e, '::after').content")
    assert "2017-04-04" in tip  # hover shows the parsed value
    page.screenshot(path=str(OUT / "article.png"), full_page=True)
    page.locator("#raw-link").click()
    assert page.locator("body").inner_text().startswith("RAW Gas attack kills 12")


def test_zoom_and_colour_by_credibility(site, page):
    base, _ = site
    page.goto(base + "/")
    before = page.locator("#map-svg").get_attribute("viewBox")
    page.locator("#zoom-in").click()
    after = page.locator("#map-svg").get_attribute("viewBox")
    assert float(after.split()[2]) < float(before.split()[2])
    page.select_option("#colour-by", "credibility")
    assert page.locator('#map-svg .marker[data-id="l_aleppo"]').get_attribute("fill") == \
        page.locator('#map-svg .marker[data-id="l_aleppo"]').get_attribute("data-ccred")
    assert page.locator("#legend-cred").is_visible() and not page.locator("#legend-type").is_visible()
    assert "colour=credibility" in page.url


def test_brushing_the_timeline_filters_map_and_table(site, page):
    base, _ = site
    page.goto(base + "/")
    box = page.locator("#timeline-svg").bounding_box()
    y = box["y"] + box["height"] / 2
    # the data runs 2013-06 … 2018-02: the last third of the chart holds only 2017 and 2018
    page.mouse.move(box["x"] + box["width"] * 0.70, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 30, y, steps=5)  # past the end: clamps to the last bar
    page.mouse.up()
    visible = page.locator("#events-table tbody tr:visible")
    assert visible.count() == 2
    assert page.locator("#map-svg .marker.off").count() == 1
    assert page.locator('#map-svg .marker[data-id="l_aleppo"]').get_attribute("class").split() == ["marker", "off"]
    assert "date_from=" in page.url
    label = page.locator("#brush-label").inner_text()
    assert label.startswith("201") and "–" in label
    page.locator("#timeline").screenshot(path=str(OUT / "timeline.png"))
    page.locator("#brush-clear").click()
    assert page.locator("#events-table tbody tr:visible").count() == 3


def test_table_sorts_and_filters(site, page):
    base, _ = site
    page.goto(base + "/")
    page.locator('#events-table th[data-key="killed"]').click()
    page.locator('#events-table th[data-key="killed"]').click()  # descending
    assert page.locator("#events-table tbody tr").first.get_attribute("data-id") == "l_khan"
    page.fill("#table-filter", "aleppo")
    assert page.locator("#events-table tbody tr:visible").count() == 1


def test_hostile_text_renders_as_text(site, page):
    base, data = site
    evil = data["articles"][3]
    page.goto(f"{base}/articles/{evil.id}")
    assert page.locator("#article-title").inner_text() == XSS
    assert "<img src=x onerror=alert(2)>" in page.locator("#article-body").inner_text()
    assert page.locator("#article-body img").count() == 0
    page.goto(base + "/events/l_evil")
    assert XSS in page.locator("main").inner_text()
    page.goto(base + "/")
    assert page.locator("#events-table").inner_text().count(XSS) == 1


@pytest.mark.parametrize("path", ["/", "/events/l_khan", "/articles"])
def test_phone_width_has_no_sideways_scroll(site, browser, path):
    base, data = site
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(base + path)
    width = pg.evaluate("document.documentElement.scrollWidth")
    name = "phone-" + (path.strip("/").replace("/", "-") or "ledger") + ".png"
    pg.screenshot(path=str(OUT / name), full_page=True)
    ctx.close()
    assert width <= 390, f"{path} is {width}px wide on a 390px screen"
