"""Quality gates in a real browser: accessibility (axe-core) in both palettes, no requests to
other hosts, no horizontal scrolling on a phone, keyboard access, and page weight (reported)."""

from __future__ import annotations

import gzip
import json
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


# --- the study tools mid-use: every question type answered and checked, the mock exam running

QUESTION_TYPES = ["multiple-choice", "multiple-response", "ordering", "matching", "case"]


def violations(axe, page) -> list[str]:
    """Every axe violation on the page, of any impact (the study tools allow none)."""
    settle(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in axe.run(page).response["violations"]]


def questions_of(page, element_id: str) -> dict:
    return {q["id"]: q for q in json.loads(page.locator(f"#{element_id}").text_content())["questions"]}


def answer(question, record: dict, right: bool) -> None:
    """Answer a question as its record says is right, or wrong on purpose."""
    if record["type"] in ("multiple-choice", "multiple-response"):
        chosen = [i for i, option in enumerate(record["options"]) if option["correct"] == right][: record["select"]]
        for index in chosen:
            question.locator(f'input[data-option="{index}"]').check()
    elif record["type"] == "matching":
        size = len(record["pairs"])
        for index in range(size):
            question.locator(f'select[data-prompt="{index}"]').select_option(str(index if right else (index + 1) % size))
    else:  # ordering: move each step up into place, then swap the first two if it must be wrong
        for position in range(len(record["steps"])):
            while [int(s) for s in question.locator(".kb-order__step").evaluate_all("els => els.map(e => e.dataset.step)")].index(position) != position:
                question.locator(f'.kb-order__step[data-step="{position}"] [data-move="up"]').click()
        if not right:
            question.locator('.kb-order__step[data-step="0"] [data-move="down"]').click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_practice_quiz_mid_answer_has_no_accessibility_violations(browser, served_site, axe, scheme):
    """Each question type (and a case study) unanswered-but-checked, answered right and answered
    wrong, with its feedback and explanations shown, in both palettes: no axe violation."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for kind in QUESTION_TYPES:
        page.goto(served_site + "study/practice/")
        page.select_option('[data-filter="type"]', kind)
        page.locator('[data-action="start"]').click()
        by_id = questions_of(page, "kb-practice-data")
        question = page.locator(".kb-quiz .kb-q")
        if by_id[question.get_attribute("data-question")]["type"] != "ordering":  # an ordering is always answered
            page.locator('[data-action="check"]').click()
            assert page.locator(".kb-quiz__feedback").get_attribute("data-result") == "incomplete"
            found[f"{kind}, checked unanswered"] = violations(axe, page)
        for right in (True, False):
            question = page.locator(".kb-quiz .kb-q")
            record = by_id[question.get_attribute("data-question")]
            assert record["type"] == kind or (kind == "case" and record["case"])
            answer(question, record, right)
            page.locator('[data-action="check"]').click()
            result = "correct" if right else "incorrect"
            assert page.locator(".kb-quiz__feedback").get_attribute("data-result") == result
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
            found[f"{kind}, {result}"] = violations(axe, page)
            page.locator('[data-action="next"]').click()
    context.close()
    assert {state: problems for state, problems in found.items() if problems} == {}
    assert len(found) >= 2 * len(QUESTION_TYPES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_mock_exam_running_reviewing_and_scored_has_no_accessibility_violations(browser, served_site, axe, scheme):
    """The MLA-C01 mock exam: the chooser, a question with the timer and a ticked flag, the
    review screen and the result screen with every answer reviewed, in both palettes."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.clock.install()  # the timer stands still while axe reads the page
    page.goto(served_site + "study/mock-exam/")
    found = {"chooser": violations(axe, page)}
    page.locator('[data-action="start-mla-c01"]').click()
    by_id = questions_of(page, "kb-mock-data")
    question = page.locator(".kb-mock .kb-q")
    answer(question, by_id[question.get_attribute("data-question")], True)
    page.locator('[data-action="next"]').click()
    page.locator('[data-action="flag"]').check()
    assert page.locator(".kb-mock__timer").is_visible()
    found["question, flagged"] = violations(axe, page)
    page.locator('[data-action="review"]').click()
    assert page.locator(".kb-mock__review tbody tr").first.get_attribute("data-status") == "Answered"
    found["review"] = violations(axe, page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator('[data-action="submit"]').click()
    assert page.locator(".kb-mock__answer[data-result=correct]").count() >= 1
    assert page.locator(".kb-mock__answer[data-result=incorrect]").count() >= 1
    found["result"] = violations(axe, page)
    context.close()
    assert {state: problems for state, problems in found.items() if problems} == {}


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
