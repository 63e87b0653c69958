"""Quality gates in a real browser: accessibility (axe-core) in both palettes, no requests to
other hosts, no horizontal scrolling on a phone, keyboard access, and page weight (reported)."""

from __future__ import annotations

import gzip
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPORT

# One page of each type. The discontinued service shows a status badge; the content-types
# page has the widest tables; "search" opens the search results.
PAGE_TYPES = {
    "home": "",
    "algorithm": "algorithms/xgboost/",
    "service": "services/streaming/kinesis-data-streams/",
    "retired service": "services/ai-services/deeplens/",
    "services index": "services/",
    "comparison": "comparisons/kinesis-family/",
    "pipeline": "pipelines/voice-assistant/",
    "metric": "metrics/f1-score/",
    "matrix": "algorithms/content-types/",
    "concept": "concepts/preparing-data/",
    "glossary": "glossary/",
    "exam": "exams/mls-c01/",
    "misconceptions": "misconceptions/",
    "flashcards": "study/flashcards/",
    "quiz": "study/practice/",
    "mock exam": "study/mock-exam/",
    "question bank": "study/question-bank/",
    "drills": "study/drills/",
    "chooser": "algorithms/chooser/",
}
SERIOUS = {"serious", "critical"}


def open_search(page, query: str = "xgboost") -> None:
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=60000)  # the index loads on first use


def settle(page) -> None:
    """Let axe see final colours, not a frame of a fade-in (Material animates search results)."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.wait_for_timeout(300)


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, served_site, axe, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for name, path in [*PAGE_TYPES.items(), ("search results", "")]:
        page.goto(served_site + path)
        if name == "search results":
            open_search(page)
        settle(page)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
        violations = axe.run(page).response["violations"]
        serious = [f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in violations if v["impact"] in SERIOUS]
        if serious:
            found[name] = serious
    context.close()
    assert found == {}


def test_pages_request_nothing_from_other_hosts(browser, served_site):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for name, path in [*PAGE_TYPES.items(), ("search results", "")]:
        page.goto(served_site + path, wait_until="networkidle")
        if name == "search results":
            open_search(page)
    context.close()
    site_host = urlparse(served_site).netloc
    assert requests, "no requests recorded"
    assert [url for url in requests if urlparse(url).netloc != site_host and not url.startswith("data:")] == []


def test_no_page_scrolls_sideways_on_a_phone(browser, served_site):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(served_site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: page is {overflow}px wider than a 375px screen"
    # The wide matrix scrolls inside its own container instead.
    page.goto(served_site + PAGE_TYPES["matrix"])
    inner = page.evaluate("""() => {
        const wrap = document.querySelector('.md-typeset__scrollwrap')
        return wrap.scrollWidth > wrap.clientWidth && getComputedStyle(wrap).overflowX !== 'visible'
    }""")
    context.close()
    assert inner


def test_keyboard_reaches_main_content_and_search(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + PAGE_TYPES["algorithm"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#xgboost"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#xgboost"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.close()


def test_palette_toggle_switches_between_light_and_dark(browser, served_site):
    page = browser.new_context(color_scheme="light").new_page()
    page.goto(served_site)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.click("form[data-md-component=palette] label:visible")
    assert page.evaluate(scheme) == "slate"
    page.close()


def test_page_weight_is_reported(browser, served_site):
    """Bytes of a first visit (gzip level 6 per response, as a server would send them)."""
    for name in ("home", "algorithm"):
        context = browser.new_context()
        sizes: list[int] = []
        context.on("response", lambda response, sizes=sizes: sizes.append(len(gzip.compress(response.body(), 6))))
        page = context.new_page()
        page.goto(served_site + PAGE_TYPES[name], wait_until="networkidle")
        context.close()
        total = sum(sizes)
        REPORT.append(f"first load of the {name} page: {len(sizes)} requests, {total / 1024:.0f} KiB compressed (target < 500 KB)")
        assert total > 0
