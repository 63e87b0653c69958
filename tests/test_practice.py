"""Scenario practice in Chromium: every question type in the quiz (fixture questions of each
type and a case study), the timed mock exam (real data, with Playwright's fake clock instead
of a 130-minute wait), keyboard use, a 375 px screen, file:// and the printable question bank.
Expected answers, counts and scores are computed here from the YAML."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, flat, injection_files, read_yaml_dir, real_catalog
from test_fixture_site import article_of, build_fixture_site, fixture_project  # noqa: F401 (the fixture site, built once)

from macros import practice
from macros.question_rules import question_type
from tools.browser import serve

CATALOG = real_catalog()
WRITTEN = read_yaml_dir(ROOT / "data" / "questions")


@pytest.fixture(scope="module")
def fixture_url(fixture_project):  # noqa: F811
    site, _ = fixture_project
    with serve(site) as url:
        yield url


@pytest.fixture()
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def payload(page, element_id: str) -> dict:
    return json.loads(page.locator(f"#{element_id}").text_content())


def start_quiz(tab, url: str, question_type: str):
    tab.goto(url + "study/practice/")
    tab.select_option('[data-filter="type"]', question_type)
    tab.locator('[data-action="start"]').click()
    return tab.locator(".kb-quiz .kb-q")


def check(tab):
    tab.locator('[data-action="check"]').click()
    return tab.locator(".kb-quiz__feedback")


# --- the practice quiz: scenario questions only --------------------------------------------


def test_practice_offers_exactly_the_scenario_questions(tab, served_site):
    tab.goto(served_site + "study/practice/")
    data = payload(tab, "kb-practice-data")
    assert sorted(q["id"] for q in data["questions"]) == sorted(WRITTEN)
    assert int(tab.locator("#kb-practice").get_attribute("data-selected")) == len(WRITTEN)
    for q in data["questions"]:
        source = WRITTEN[q["id"]]
        assert q["type"] == question_type(source)
        if "options" in q:
            assert [o["text"] for o in q["options"]] == [o["text"] for o in source["options"]]
            assert [o["correct"] for o in q["options"]] == [o.get("correct") is True for o in source["options"]]
    generated_ids = {q["id"] for q in payload_of(tab, served_site + "study/drills/", "kb-drills-data")["questions"]}
    assert not generated_ids & set(WRITTEN)  # drills are kept apart


def payload_of(tab, url: str, element_id: str) -> dict:
    tab.goto(url)
    return payload(tab, element_id)


def test_multiple_choice_uses_radio_buttons_and_explains_every_option(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    question = start_quiz(tab, fixture_url, "multiple-choice")
    item = catalog.get(question.get_attribute("data-question"))
    assert question.locator("fieldset > legend").text_content() == flat(item.data["question"])
    radios = question.locator('input[type="radio"]')
    assert radios.count() == len(item.data["options"])
    for index in range(radios.count()):  # each control has its label
        control_id = radios.nth(index).get_attribute("id")
        assert question.locator(f'label[for="{control_id}"]').count() == 1
    wrong = next(i for i, o in enumerate(item.data["options"]) if not o.get("correct"))
    question.locator(f'input[data-option="{wrong}"]').check()
    feedback = check(tab)
    assert feedback.get_attribute("data-result") == "incorrect"
    assert feedback.get_attribute("aria-live") == "polite"
    assert flat(item.data["explanation"]) in flat(feedback.text_content())
    for option in item.data["options"]:
        assert option.get("why", "") in question.text_content()
    right = next(i for i, o in enumerate(item.data["options"]) if o.get("correct"))
    assert "Right answer, you did not choose it." in question.locator(f'.kb-q__option[data-option="{right}"]').text_content()


def test_case_study_scenario_is_shown_with_each_of_its_questions(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    tab.goto(fixture_url + "study/practice/")
    tab.select_option('[data-filter="type"]', "case")
    on_case = [q for q in catalog.of_kind("questions") if q.data.get("case")]
    assert int(tab.locator("#kb-practice").get_attribute("data-selected")) == len(on_case) >= 2
    tab.locator('[data-action="start"]').click()
    for _ in on_case:
        question = tab.locator(".kb-quiz .kb-q")
        item = catalog.get(question.get_attribute("data-question"))
        case = catalog.get(item.data["case"])
        section = question.locator('div.kb-q__case[role="group"]')
        assert section.locator("h3").text_content() == "Case study: " + case.data["title"]
        assert section.get_attribute("aria-labelledby") == section.locator("h3").get_attribute("id")
        assert practice.paragraphs(case.data["scenario"])[0] in section.text_content()
        answer_correctly(question, item)
        check(tab)
        tab.locator('[data-action="next"]').click()
    assert tab.locator(".kb-quiz__score").text_content() == f"You scored {len(on_case)} out of {len(on_case)}."


def answer_correctly(question, item):
    kind = question_type(item.data)
    if kind in ("multiple-choice", "multiple-response"):
        for index, option in enumerate(item.data["options"]):
            if option.get("correct"):
                question.locator(f'input[data-option="{index}"]').check()
    elif kind == "matching":
        for index, _ in enumerate(item.data["pairs"]):
            question.locator(f'select[data-prompt="{index}"]').select_option(str(index))
    else:
        for position in range(len(item.data["steps"])):
            current = [int(s) for s in question.locator(".kb-order__step").evaluate_all("els => els.map(e => e.dataset.step)")]
            at = current.index(position)
            for _ in range(at - position):
                question.locator(f'.kb-order__step[data-step="{position}"] [data-move="up"]').click()


def test_multiple_response_needs_the_exact_number_of_answers(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    question = start_quiz(tab, fixture_url, "multiple-response")
    item = catalog.get(question.get_attribute("data-question"))
    right = [i for i, o in enumerate(item.data["options"]) if o.get("correct")]
    assert question.locator('input[type="checkbox"]').count() == len(item.data["options"])
    assert question.locator(".kb-q__hint").text_content() == "Choose two."
    question.locator(f'input[data-option="{right[0]}"]').check()
    assert question.locator(".kb-q__status").text_content() == f"1 of {len(right)} chosen."
    feedback = check(tab)
    assert feedback.get_attribute("data-result") == "incomplete"  # one of two: not judged yet
    question.locator(f'input[data-option="{right[1]}"]').check()
    assert check(tab).get_attribute("data-result") == "correct"


def test_ordering_works_with_move_buttons_from_the_keyboard(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    question = start_quiz(tab, fixture_url, "ordering")
    item = catalog.get(question.get_attribute("data-question"))
    steps = item.data["steps"]
    shown = question.locator(".kb-order__text").all_text_contents()
    assert sorted(shown) == sorted(steps) and shown != steps  # shuffled, never already solved
    # Keyboard only: focus a step's "Move up" button and press Enter until the order is right.
    for position in range(len(steps)):
        while True:
            order = [int(s) for s in question.locator(".kb-order__step").evaluate_all("els => els.map(e => e.dataset.step)")]
            if order.index(position) == position:
                break
            question.locator(f'.kb-order__step[data-step="{position}"] [data-move="up"]').focus()
            tab.keyboard.press("Enter")
            moved = order.index(position)
            assert question.locator(".kb-q__status").text_content() == f"Moved “{steps[position]}” to position {moved} of {len(steps)}."
    assert question.locator(".kb-order__text").all_text_contents() == steps
    up = question.locator('.kb-order__step[data-step="0"] [data-move="up"]')
    assert up.is_disabled() and up.get_attribute("aria-label") == "Move up: " + steps[0]
    assert check(tab).get_attribute("data-result") == "correct"


def test_ordering_in_the_wrong_order_shows_the_right_one(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    question = start_quiz(tab, fixture_url, "ordering")
    item = catalog.get(question.get_attribute("data-question"))
    order = [int(s) for s in question.locator(".kb-order__step").evaluate_all("els => els.map(e => e.dataset.step)")]
    assert order != list(range(len(order)))
    assert check(tab).get_attribute("data-result") == "incorrect"
    assert question.locator(".kb-q__key-list li").all_text_contents() == item.data["steps"]


def test_matching_uses_one_labelled_select_per_prompt(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    tab.goto(fixture_url + "study/practice/")
    tab.select_option('[data-filter="type"]', "matching")
    tab.select_option('[data-filter="topic"]', "genai")
    tab.locator('[data-action="start"]').click()
    question = tab.locator(".kb-quiz .kb-q")
    item = catalog.get(question.get_attribute("data-question"))
    pairs = item.data["pairs"]
    for index, pair in enumerate(pairs):
        select = question.locator(f'select[data-prompt="{index}"]')
        assert question.locator(f'label[for="{select.get_attribute("id")}"]').text_content() == pair["prompt"]
        assert sorted(select.locator("option").all_text_contents()[1:]) == sorted(p["answer"] for p in pairs)
    # all but one right, the last two swapped
    for index in range(len(pairs) - 2):
        question.locator(f'select[data-prompt="{index}"]').select_option(str(index))
    question.locator(f'select[data-prompt="{len(pairs) - 2}"]').select_option(str(len(pairs) - 1))
    question.locator(f'select[data-prompt="{len(pairs) - 1}"]').select_option(str(len(pairs) - 2))
    assert check(tab).get_attribute("data-result") == "incorrect"
    last = question.locator(f'.kb-match__row[data-prompt="{len(pairs) - 1}"]').text_content()
    assert f"Wrong: the answer is {pairs[-1]['answer']}." in last


def start_full_quiz(tab, fixture_url, catalog) -> int:
    """Open the practice page, choose every question and start; the number of questions asked."""
    tab.goto(fixture_url + "study/practice/")
    tab.select_option('[data-filter="length"]', "all")
    tab.locator('[data-action="start"]').click()
    return len(catalog.of_kind("questions"))


def test_quiz_scores_are_kept_in_the_browser(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    total = start_full_quiz(tab, fixture_url, catalog)
    for _ in range(total):
        question = tab.locator(".kb-quiz .kb-q")
        answer_correctly(question, catalog.get(question.get_attribute("data-question")))
        assert check(tab).get_attribute("data-result") == "correct"
        tab.locator('[data-action="next"]').click()
    assert tab.locator(".kb-quiz__score").text_content() == f"You scored {total} out of {total}."
    assert tab.locator(".kb-quiz__missed").count() == 0  # nothing missed, nothing to review
    assert tab.locator(".kb-quiz__all-right").text_content() == "Every question right: nothing to review."
    tab.reload()
    history = tab.evaluate("JSON.parse(localStorage.getItem('kb-scenario-history-v1'))")
    assert history[0]["right"] == history[0]["total"] == total
    assert f"{total}/{total}" in tab.locator(".kb-quiz__history").text_content()


# --- the mock exam --------------------------------------------------------------------------


def mock_blueprints():
    return {exam["id"]: exam for exam in practice.mock_exams(CATALOG)}


def test_mock_exam_table_and_blueprints_follow_the_exam_files(page):
    article = page("study/mock-exam/")
    rows = article.select_one("table").select("tbody tr")
    exams = [e for e in CATALOG.of_kind("exams") if e.data["status"]["state"] != "retired"]
    assert len(rows) == len(exams) >= 1
    for row in rows:
        code, count, minutes, domains = (flat(td.get_text()) for td in row.select("td")[:4])
        exam = next(e for e in exams if e.data["code"] == code)
        if practice.missing_format(exam):  # never guessed: the row says what the file lacks
            assert count == minutes == "not verified yet" and domains.startswith(f"No {code} mock exam yet")
            assert "not verified from its exam guide" in domains
            assert all(missing in domains for missing in practice.missing_format(exam))
            continue
        secondary = {entry["field"] for entry in exam.data.get("secondary_facts", [])}
        marker = " (from a secondary source)"  # a value read only in a third-party copy says so here too
        assert count == f"{exam.data['questions']['total']}{marker if 'questions' in secondary else ''}"
        assert minutes == f"{exam.data['duration_minutes']} minutes{marker if 'duration_minutes' in secondary else ''}"
        for index, domain in enumerate(exam.data["domains"]):
            assert (f"{domain['number']}: {domain['weight']}%{marker} →" in domains) == (f"domains[{index}].weight" in secondary), (code, index)
    mla = next(e for e in exams if e.id == "mla-c01")
    assert (mla.data["questions"]["total"], mla.data["duration_minutes"]) == (65, 130)
    assert "720" in flat(article.get_text()) and "estimate" in flat(article.get_text())


def test_mla_c02_mock_exam_uses_its_format_and_marks_the_secondary_values(tab, served_site, page):
    """MLA-C02's file now gives its length, time and weights, read only in secondary sources: the
    mock exam is offered with that format, and its row says where the values come from."""
    exam = CATALOG.get("mla-c02")
    secondary = {entry["field"] for entry in exam.data.get("secondary_facts", [])}
    assert not practice.missing_format(exam) and {"questions", "duration_minutes"} <= secondary
    blueprint = mock_blueprints()["mla-c02"]
    assert (blueprint["count"], blueprint["minutes"]) == (exam.data["questions"]["total"], exam.data["duration_minutes"])
    row = next(tr for tr in page("study/mock-exam/").select("table tbody tr") if flat(tr.td.get_text()) == "MLA-C02")
    text = flat(row.get_text())
    assert f"{exam.data['questions']['total']} (from a secondary source)" in text and "No MLA-C02 mock exam yet" not in text
    tab.goto(served_site + "study/mock-exam/")
    assert tab.locator('[data-action="start-mla-c02"]').count() == 1
    assert tab.locator('[data-action="start-mla-c01"]').count() == 1


OMEGA_FORMAT = ("duration_minutes: 60\n", "questions: {total: 10, scored: 8, unscored: 2}\n",
                "scoring: {scale_min: 100, scale_max: 1000, passing: 700, model: Compensatory scoring for the fixture.}\n",
                "    weight: 60\n", "    weight: 40\n")
OMEGA_MISSING = "".join(f"  - field: {field}\n    reason: not-verified\n    note: The fixture guide's format page was not read.\n"
                        for field in ("duration_minutes", "questions", "scoring", "domains[0].weight", "domains[1].weight"))


@pytest.fixture(scope="module")
def unverified_site(tmp_path_factory):
    """The fixture site with omega-exam's format taken out and listed as not verified."""
    text = (ROOT / "tests" / "fixtures" / "data" / "exams" / "omega-exam.yaml").read_text(encoding="utf-8")
    for line in OMEGA_FORMAT:
        assert line in text  # each edit below must change the fixture
        text = text.replace(line, "", 1)
    text = text.replace("cost_usd: 100\n", "cost_usd: 100\nmissing_facts:\n" + OMEGA_MISSING, 1)
    site, catalog = build_fixture_site(tmp_path_factory.mktemp("unverified"), injection_files() | {"exams/omega-exam.yaml": text})
    assert "questions" not in catalog.get("omega-exam").data
    with serve(site) as url:
        yield url, site


def test_an_exam_file_with_a_format_gets_its_mock_exam(tab, fixture_url, fixture_project):  # noqa: F811
    site, catalog = fixture_project
    exam = catalog.get("omega-exam").data
    row = next(tr for tr in article_of(site, "study/mock-exam.md").select("table tbody tr") if flat(tr.td.get_text()) == exam["code"])
    assert [flat(td.get_text()) for td in row.select("td")[1:3]] == [str(exam["questions"]["total"]), f"{exam['duration_minutes']} minutes"]
    tab.goto(fixture_url + "study/mock-exam/")
    assert tab.locator('.kb-mock__exam[data-pending]').count() == 0
    start = tab.locator('[data-action="start-omega-exam"]')
    assert start.count() == 1
    assert f"{exam['questions']['total']} questions in {exam['duration_minutes']} minutes" in tab.locator('.kb-mock__exam[data-exam="omega-exam"]').text_content()


def test_the_same_exam_file_without_its_format_gets_the_not_verified_notice(tab, unverified_site):
    url, site = unverified_site
    row = next(tr for tr in article_of(site, "study/mock-exam.md").select("table tbody tr") if flat(tr.td.get_text()) == "OMG-C01")
    text = flat(row.get_text())
    assert text.startswith("OMG-C01 not verified yet not verified yet No OMG-C01 mock exam yet")
    for missing in ("the number of questions", "the time allowed", "the score scale and passing score", "the domain weights"):
        assert missing in text
    assert "10" not in text and "60 minutes" not in text  # the removed format is not guessed back
    tab.goto(url + "study/mock-exam/")
    assert tab.locator('[data-action="start-omega-exam"]').count() == 0
    notice = tab.locator('.kb-mock__exam[data-exam="omega-exam"]')
    assert notice.get_attribute("data-pending") == "true"
    assert "No OMG-C01 mock exam yet" in notice.text_content() and "not verified from its exam guide" in notice.text_content()


def test_planned_counts_follow_the_weights():
    assert practice.planned_counts(65, {1: 28, 2: 26, 3: 22, 4: 24}) == {1: 18, 2: 17, 3: 14, 4: 16}
    assert sum(practice.planned_counts(50, {1: 20, 2: 30, 3: 50}).values()) == 50
    assert practice.estimate({1: (3, 4), 2: (1, 4)}, {1: 60, 2: 40}, (100, 1000)) == round(100 + 900 * (0.6 * 0.75 + 0.4 * 0.25))


def test_mock_exam_draws_by_weight_times_out_and_reports_per_domain(tab, served_site):
    exam = mock_blueprints()["mla-c01"]
    tab.clock.install()
    tab.goto(served_site + "study/mock-exam/")
    tab.locator('[data-action="start-mla-c01"]').click()
    planned = practice.planned_counts(exam["count"], {d["number"]: d["weight"] for d in exam["domains"]})
    expected = sum(min(planned[d["number"]], d["held"]) for d in exam["domains"])
    stage = tab.locator(".kb-mock")
    assert int(stage.get_attribute("data-count")) == expected
    assert tab.locator(".kb-mock__timer").text_content() == "Time left: 2:10:00"
    assert tab.locator(".kb-mock__timer").get_attribute("role") == "timer"
    data = payload(tab, "kb-mock-data")
    by_id = {q["id"]: q for q in data["questions"]}
    # Answer the first question right, flag the second, then let the clock run out.
    first = by_id[tab.locator(".kb-mock .kb-q").get_attribute("data-question")]
    answer_record(tab.locator(".kb-mock .kb-q"), first)
    tab.locator('[data-action="next"]').click()
    tab.locator('[data-action="flag"]').check()
    tab.clock.run_for("01:00")
    h, m, sec = map(int, tab.locator(".kb-mock__timer").text_content().removeprefix("Time left: ").split(":"))
    assert 7700 <= h * 3600 + m * 60 + sec <= 7740  # 2:09:00 left, less the real seconds the test itself takes
    tab.clock.run_for("02:09:01")
    assert "Time is up" in tab.locator(".kb-mock__alert").text_content()
    estimate = int(stage.get_attribute("data-estimate"))
    domain = int(first["tasks"]["mla-c01"][0].split(".")[0])
    counts = {d["number"]: min(planned[d["number"]], d["held"]) for d in exam["domains"]}
    expected_estimate = practice.estimate({n: ((1 if n == domain else 0), c) for n, c in counts.items()},
                                          {d["number"]: d["weight"] for d in exam["domains"]}, tuple(exam["scale"]))
    assert estimate == expected_estimate
    row = tab.locator(f'.kb-mock__domains tr[data-domain="{domain}"]')
    assert f"1 of {counts[domain]}" in row.text_content()
    assert "not an AWS score" in tab.locator(".kb-mock__estimate").text_content()
    assert tab.locator(".kb-scale__pass").text_content() == str(exam["passing"])
    answers = tab.locator(".kb-mock__answer")
    assert answers.count() == expected
    assert answers.first.get_attribute("data-result") == "correct"
    assert "(flagged)" in answers.nth(1).locator("h4").text_content()
    assert flat(first["explanation"]) in flat(answers.first.text_content())
    history = tab.evaluate("JSON.parse(localStorage.getItem('kb-mock-history-v1'))")
    assert history[0]["estimate"] == estimate and history[0]["timedOut"] is True and history[0]["right"] == 1


def answer_record(question, record):
    if record["type"] in ("multiple-choice", "multiple-response"):
        for index, option in enumerate(record["options"]):
            if option["correct"]:
                question.locator(f'input[data-option="{index}"]').check()
    elif record["type"] == "matching":
        for index, _ in enumerate(record["pairs"]):
            question.locator(f'select[data-prompt="{index}"]').select_option(str(index))
    else:
        for position in range(len(record["steps"])):
            while True:
                order = [int(s) for s in question.locator(".kb-order__step").evaluate_all("els => els.map(e => e.dataset.step)")]
                if order.index(position) == position:
                    break
                question.locator(f'.kb-order__step[data-step="{position}"] [data-move="up"]').click()


def test_mock_exam_review_screen_lists_status_and_flags_before_submitting(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    tab.goto(fixture_url + "study/mock-exam/")
    tab.locator('[data-action="start-omega-exam"]').click()
    count = int(tab.locator(".kb-mock").get_attribute("data-count"))
    on_omega = [q for q in catalog.of_kind("questions") if q.data["exam_tasks"].get("omega-exam")]
    # The fixture bank is smaller than the exam and omega-exam lists every type: all are drawn.
    assert len(catalog.get("omega-exam").data["question_types"]) == 5
    assert count == len(on_omega) == len(practice.mock_pool(catalog, catalog.get("omega-exam")))
    data = payload(tab, "kb-mock-data")
    by_id = {q["id"]: q for q in data["questions"]}
    answer_record(tab.locator(".kb-mock .kb-q"), by_id[tab.locator(".kb-mock .kb-q").get_attribute("data-question")])
    tab.locator('[data-action="flag"]').check()
    tab.locator('[data-action="review"]').click()
    rows = tab.locator(".kb-mock__review tbody tr")
    assert rows.count() == count
    assert rows.first.get_attribute("data-status") == "Answered" and rows.first.get_attribute("data-flagged") == "yes"
    assert rows.nth(1).get_attribute("data-status") == "Not answered"  # whatever its type
    assert tab.locator(".kb-mock__summary").text_content() == f"1 of {count} answered, 1 flagged for review."
    tab.locator('[data-action="goto-flagged"]').click()
    assert tab.locator(".kb-mock__progress").text_content() == f"Question 1 of {count}"
    assert tab.locator('[data-action="flag"]').is_checked()
    tab.locator('[data-action="review"]').click()
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator('[data-action="submit"]').click()
    assert tab.locator(".kb-mock__score").text_content() == f"1 of {count} questions right."
    assert tab.locator(".kb-mock__answer").count() == count


# --- keyboard, small screens, file:// -------------------------------------------------------


def test_quiz_answers_by_keyboard_alone(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    question = start_quiz(tab, fixture_url, "multiple-choice")
    item = catalog.get(question.get_attribute("data-question"))
    first_radio = question.locator('input[type="radio"]').first
    first_radio.focus()
    tab.keyboard.press("Space")
    assert first_radio.is_checked()
    tab.keyboard.press("Enter")  # submits the form: "Check answer"
    feedback = tab.locator(".kb-quiz__feedback")
    chosen = int(first_radio.get_attribute("data-option"))
    assert feedback.get_attribute("data-result") == ("correct" if item.data["options"][chosen].get("correct") else "incorrect")
    assert tab.evaluate("document.activeElement.dataset.action") == "next"


@pytest.mark.parametrize("path", ["study/practice/", "study/mock-exam/", "study/question-bank/", "study/drills/"])
def test_practice_pages_fit_a_375px_screen(browser, served_site, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(served_site + path)
    start = tab.locator('[data-action="start"], [data-action="start-mla-c01"]').first
    if start.count():
        start.click()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_practice_and_mock_exam_run_from_file_urls(browser, site):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.goto((site / "study" / "practice" / "index.html").as_uri())
    tab.select_option('[data-filter="type"]', "multiple-choice")  # the draw is random; other types have no <input>
    tab.locator('[data-action="start"]').click()
    tab.locator(".kb-quiz .kb-q input").first.check()
    tab.locator('[data-action="check"]').click()
    assert tab.locator(".kb-quiz__feedback").get_attribute("data-result") in {"correct", "incorrect"}
    link = tab.locator(".kb-quiz__feedback a").first.get_attribute("href")
    assert (site / "study" / "practice" / link.split("#")[0] / "index.html").resolve().is_file(), link
    tab.goto((site / "study" / "mock-exam" / "index.html").as_uri())
    tab.locator('[data-action="start-mla-c01"]').click()
    assert re.fullmatch(r"Time left: 2:(10:00|09:5\d)", tab.locator(".kb-mock__timer").text_content())
    context.close()
    assert [url for url in requests if not url.startswith("file://") and "search_index" not in url] == []


# --- the printable question bank ------------------------------------------------------------


def test_question_bank_prints_every_question_in_its_domain_with_answers_at_the_end(page):
    article = page("study/question-bank/")
    exam, sections, _ = practice.bank(CATALOG)
    headings = [flat(h.get_text()).removesuffix("¶") for h in article.find_all("h2")]
    for domain, _ in sections:
        if domain["number"]:
            weight = f"{domain['weight']}% of " if "weight" in domain else ""  # MLA-C02's file gives none yet
            assert f"Domain {domain['number']}: {domain['name']} ({weight}{exam['code']})" in headings
    assert headings[-1] == "Answers and explanations"
    questions = article.select(".kb-bank__question")
    answers = article.select(".kb-bank__answer")
    assert len(questions) == len(answers) == len(WRITTEN)
    answers_heading = article.find("h2", id=lambda i: i and "answers" in i)
    for block in questions:  # every question comes before the answers
        assert answers_heading in block.find_all_next("h2")
    entries = [e for _, entries in sections for e in entries]
    for entry, block, answer in zip(entries, questions, answers, strict=True):
        assert flat(entry.item.data["question"]) in flat(block.get_text())
        assert flat(answer.get_text()).startswith(f"{entry.number}. {entry.key} — ")
        if entry.kind == "multiple-choice":
            right = next(o for o in entry.options if o.get("correct"))
            assert f"{right['letter']}. {flat(right['text'])}" in flat(block.get_text())


def test_question_bank_shows_each_question_type_and_case(fixture_project):  # noqa: F811
    site, catalog = fixture_project
    article = article_of(site, "study/question-bank.md")
    text = flat(article.get_text())
    for case in catalog.of_kind("cases"):
        assert article.find(id=case.id) is not None
    assert "Steps to put in order:" in text and "Answers to match:" in text
    ordering = catalog.get("gamma-ordering-steps")
    entries = {e.item.id: e for _, es in practice.bank(catalog)[1] for e in es}
    entry = entries["gamma-ordering-steps"]
    letters = dict((step, letter) for letter, step in entry.steps)
    assert entry.key == ", ".join(letters[s] for s in ordering.data["steps"])
    assert f"{entry.number}. {entry.key} — " in text
    matching = entries["iota-matching-pairs"]
    assert re.fullmatch(r"1–[A-C], 2–[A-C], 3–[A-C]", matching.key)
    assert entries["kappa-drift-and-privacy"].key.count(",") == 1  # two letters



def test_filters_mark_provisional_domains_as_on_the_exam_page(site):
    """Domains that stand in for parts of a guide not transcribed yet read "(provisional)" in the
    quiz's and the flashcards' domain filters; the others do not."""
    import json

    from bs4 import BeautifulSoup
    from conftest import data_of

    from macros.practice import domain_name

    exams = data_of("exams")
    # MLA-C02 is transcribed in full now, so no real domain is provisional: the rule itself is
    # checked on its own (a domain from a secondary source is not provisional), the pages from the data
    assert domain_name({"name": "Fixture domain", "source_status": "provisional"}) == "Fixture domain (provisional)"
    assert domain_name({"name": "Fixture domain", "source_status": "secondary"}) == "Fixture domain"
    for page, element in (("study/practice", "kb-practice-data"), ("study/flashcards", "kb-flashcards-data")):
        soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")
        shown = {exam["id"]: exam["domains"] for exam in json.loads(soup.find(id=element).string)["exams"]}
        for exam_id, data in exams.items():
            expected = [{"number": d["number"], "name": d["name"] + (" (provisional)" if d.get("source_status") == "provisional" else "")}
                        for d in data["domains"]]
            assert shown[exam_id] == expected, (page, exam_id)


# --- issue #15: the learner walkthrough's findings ------------------------------------------

LABELS_BEFORE = {"Answered", "Partly answered", "Not answered"}  # the mock exam's review screen
LABELS_MARKED = {"Correct", "Wrong", "Not answered"}  # the quiz's score screen, the mock's result


def answer_wrongly(question, item):
    """A complete answer that is wrong, for any type (an ordering is never shown solved)."""
    kind = question_type(item.data)
    if kind in ("multiple-choice", "multiple-response"):
        options = item.data["options"]
        needed = sum(1 for o in options if o.get("correct"))
        chosen = [i for i, o in enumerate(options) if not o.get("correct")][:needed]
        chosen += [i for i, o in enumerate(options) if o.get("correct")][: needed - len(chosen)]
        for index in chosen:
            question.locator(f'input[data-option="{index}"]').check()
    elif kind == "matching":
        size = len(item.data["pairs"])
        for index in range(size):
            question.locator(f'select[data-prompt="{index}"]').select_option(str((index + 1) % size))


def right_answer_text(item) -> list[str]:
    """What the review must give as the right answer, from the YAML: option texts (their letters
    depend on the shuffle), the steps in order, or every prompt with its answer."""
    kind = question_type(item.data)
    if kind in ("multiple-choice", "multiple-response"):
        return [flat(o["text"]) for o in item.data["options"] if o.get("correct")]
    if kind == "ordering":
        return ["; ".join(f"{i + 1}. {flat(step)}" for i, step in enumerate(item.data["steps"]))]
    return ["; ".join(f"{flat(p['prompt'])} → {flat(p['answer'])}" for p in item.data["pairs"])]


def test_quiz_score_screen_reviews_every_missed_and_skipped_question(tab, fixture_url, fixture_project):  # noqa: F811
    site, catalog = fixture_project
    total = start_full_quiz(tab, fixture_url, catalog)
    plan = []  # (question id, what was done) in the order asked: right, wrong, skipped, ...
    for index in range(total):
        question = tab.locator(".kb-quiz .kb-q")
        item = catalog.get(question.get_attribute("data-question"))
        action = ("Correct", "Wrong", "Not answered")[index % 3]
        plan.append((item.id, action))
        if action == "Not answered":
            tab.locator('[data-action="skip"]').click()
            continue
        (answer_correctly if action == "Correct" else answer_wrongly)(question, item)
        assert check(tab).get_attribute("data-result") == ("correct" if action == "Correct" else "incorrect")
        tab.locator('[data-action="next"]').click()
    right = sum(1 for _, action in plan if action == "Correct")
    assert tab.locator(".kb-quiz__score").text_content() == f"You scored {right} out of {total}."
    missed = [(number, qid, action) for number, (qid, action) in enumerate(plan, 1) if action != "Correct"]
    wrong = sum(1 for *_, action in missed if action == "Wrong")
    assert tab.locator(".kb-quiz__tally").text_content() == f"{right} correct, {wrong} wrong, {len(missed) - wrong} not answered."
    assert tab.locator("h3#kb-quiz-review").text_content() == "Questions to review"
    blocks = tab.locator(".kb-quiz__missed")
    assert blocks.count() == len(missed) >= 2  # the right answers are not listed
    for position, (number, qid, action) in enumerate(missed):
        block = blocks.nth(position)
        item = catalog.get(qid)
        assert block.get_attribute("data-question") == qid and block.get_attribute("data-status") == action
        assert block.locator("h4").text_content() == f"Question {number}: {action}"
        assert flat(block.locator("legend").text_content()) == flat(item.data["question"])
        yours = flat(block.locator('dd[data-answer="yours"]').text_content())
        shown_right = flat(block.locator('dd[data-answer="right"]').text_content())
        for text in right_answer_text(item):
            assert text in shown_right, (qid, shown_right)
        if action == "Not answered":
            assert yours == "None: not answered."
        else:
            assert yours and yours != shown_right and yours != "None: not answered."
        assert flat(item.data["explanation"]) in flat(block.locator(".kb-q__explanation").text_content())
        links = block.locator(".kb-q__explanation a")
        assert links.count() == len(item.data["links"]) >= 1
        for i in range(links.count()):  # each link leads to a page of the built site
            href = links.nth(i).get_attribute("href").split("#")[0]
            assert (site / "study" / "practice" / href / "index.html").resolve().is_file(), href
    assert {blocks.nth(i).get_attribute("data-status") for i in range(blocks.count())} <= LABELS_MARKED


def test_check_answer_is_disabled_once_used_until_the_next_question(tab, fixture_url, fixture_project):  # noqa: F811
    _, catalog = fixture_project
    tab.goto(fixture_url + "study/practice/")
    tab.select_option('[data-filter="length"]', "all")
    tab.locator('[data-action="start"]').click()
    question = tab.locator(".kb-quiz .kb-q")
    button = tab.locator('[data-action="check"]')
    assert button.is_enabled() and button.text_content() == "Check answer"
    answer_correctly(question, catalog.get(question.get_attribute("data-question")))
    button.click()
    assert button.is_disabled() and button.is_visible()
    assert button.text_content() == "Answer checked"
    # what a screen reader is told: a button named "Answer checked", unavailable
    assert tab.get_by_role("button", name="Answer checked", disabled=True).count() == 1
    assert "[disabled]" in tab.locator(".kb-quiz__form p").last.aria_snapshot()
    assert tab.locator('[data-action="skip"]').count() == 0  # nothing left to skip
    feedback = tab.locator(".kb-quiz__feedback").text_content()
    tab.locator(".kb-quiz__form").evaluate("form => form.requestSubmit()")  # Enter in the form: no second check
    assert tab.locator(".kb-quiz__feedback").text_content() == feedback
    tab.locator('[data-action="next"]').click()  # the next question gets a working button again
    assert tab.locator('[data-action="check"]').is_enabled()
    assert tab.locator('[data-action="check"]').text_content() == "Check answer"


def test_mock_exam_uses_one_set_of_labels_for_every_question_type(tab, fixture_url):
    tab.goto(fixture_url + "study/mock-exam/")
    tab.locator('[data-action="start-omega-exam"]').click()
    by_id = {q["id"]: q for q in payload(tab, "kb-mock-data")["questions"]}
    count = int(tab.locator(".kb-mock").get_attribute("data-count"))
    tab.locator('[data-action="review"]').click()  # nothing seen or answered yet: every type alike
    rows = tab.locator(".kb-mock__review tbody tr")
    assert [rows.nth(i).get_attribute("data-status") for i in range(count)] == ["Not answered"] * count
    # Now: the first question that is not multiple response answered right, every
    # multiple-response one half answered (the draw is random: any of them may come first),
    # every question visited; then the labels follow from the type and the answer.
    rows.first.locator("button").click()
    drawn, expected_before, expected_after = [], [], []
    for index in range(count):
        question = tab.locator(".kb-mock .kb-q")
        record = by_id[question.get_attribute("data-question")]
        drawn.append(record)
        if "Correct" not in expected_after and record["type"] != "multiple-response":
            answer_record(question, record)
            before, after = "Answered", "Correct"
        elif record["type"] == "multiple-response":
            question.locator(f'input[data-option="{next(i for i, o in enumerate(record["options"]) if o["correct"])}"]').check()
            before, after = "Partly answered", "Wrong"
        elif record["type"] == "ordering":  # seen: its (shuffled, never solved) order is its answer
            before, after = "Answered", "Wrong"
        else:
            before, after = "Not answered", "Not answered"
        expected_before.append(before)
        expected_after.append(after)
        if index < count - 1:
            tab.locator('[data-action="next"]').click()
    assert {r["type"] for r in drawn} == set(practice.TYPE_LABELS)  # every type is in the draw
    assert "Partly answered" in expected_before and "Correct" in expected_after
    tab.locator('[data-action="review"]').click()
    assert [rows.nth(i).get_attribute("data-status") for i in range(count)] == expected_before
    assert [flat(rows.nth(i).locator("td").nth(1).text_content()) for i in range(count)] == expected_before
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator('[data-action="submit"]').click()
    answers = tab.locator(".kb-mock__answer")
    assert [answers.nth(i).get_attribute("data-status") for i in range(count)] == expected_after
    assert [answers.nth(i).locator("h4").text_content() for i in range(count)] == [f"Question {i + 1}: {label}" for i, label in enumerate(expected_after)]
    assert set(expected_after) <= LABELS_MARKED and set(expected_before) <= LABELS_BEFORE
    for i in range(len(drawn)):  # the right answer is written out under every question
        assert flat(answers.nth(i).locator('dd[data-answer="right"]').text_content()) != ""
        if expected_after[i] == "Not answered":
            assert answers.nth(i).locator('dd[data-answer="yours"]').text_content() == "None: not answered."
    assert tab.locator(".kb-mock__score").text_content() == f"1 of {count} questions right."


# --- issue #15: the mock exam's tables ---------------------------------------------------

TABLE_STYLE = """el => { const s = getComputedStyle(el); return {fontSize: s.fontSize, fontWeight: s.fontWeight,
  color: s.color, background: s.backgroundColor, borderTop: s.borderTopWidth + ' ' + s.borderTopStyle + ' ' + s.borderTopColor} }"""


@pytest.mark.parametrize(("width", "scheme"), [(375, "light"), (375, "dark"), (1280, "light"), (1280, "dark")])
def test_mock_exam_result_table_is_styled_like_the_site_tables(browser, served_site, width, scheme):
    """The per-domain result (and the review and history tables) look like the Markdown tables
    of the page: Material's table font size, borders and colours in both palettes, and at 375 px
    the result fits the screen with nothing to scroll sideways."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.clock.install()
    tab.goto(served_site + "study/mock-exam/")
    static = tab.locator("article table:not([class])").first  # mock_exam_table, a Markdown table
    reference = {part: static.locator(part).first.evaluate(TABLE_STYLE) for part in ("th", "td")}
    reference["table"] = static.evaluate(TABLE_STYLE)
    assert reference["td"]["borderTop"].startswith("1px solid") and reference["table"]["fontSize"] != tab.locator("article p").first.evaluate(TABLE_STYLE)["fontSize"]

    def assert_styled(name, table):
        assert table.get_attribute("class") is None, name
        assert table.evaluate("t => t.parentElement.matches('.md-typeset__table') && t.parentElement.parentElement.matches('.md-typeset__scrollwrap')"), name
        shown = {part: table.locator(part).first.evaluate(TABLE_STYLE) for part in ("th", "td")}
        shown["table"] = table.evaluate(TABLE_STYLE)
        assert shown == reference, (name, shown, reference)

    tab.locator('[data-action="start-mla-c01"]').click()
    tab.locator('[data-action="review"]').click()
    assert_styled("review", tab.locator(".kb-mock__review table"))
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator('[data-action="submit"]').click()
    tables = {"domains": tab.locator(".kb-mock__domains table"), "history": tab.locator(".kb-mock__history table")}
    exam = mock_blueprints()["mla-c01"]
    assert tables["domains"].locator("tbody tr").count() == len(exam["domains"])
    for name, table in tables.items():
        assert_styled(name, table)
    domains = tab.locator(".kb-mock__domains")
    domains.scroll_into_view_if_needed()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    assert domains.evaluate("e => e.scrollWidth <= e.clientWidth")  # the table fits: no sideways scrolling
    box = tables["domains"].bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert float(reference["td"]["fontSize"].removesuffix("px")) >= 12
    context.close()


# --- issue #15 at 375 px: the Back-to-top pill and the search box's Clear tooltip --------


def test_the_search_clear_tooltip_does_not_stay_after_a_tap(browser, served_site):
    def visible_tooltips(tab):
        return tab.evaluate("""[...document.querySelectorAll('.md-search__options .md-tooltip')].filter(e => {
            const s = getComputedStyle(e), r = e.getBoundingClientRect();
            return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0 && r.width > 0 }).length""")

    phone = browser.new_context(viewport={"width": 375, "height": 700}, has_touch=True, is_mobile=True)
    tab = phone.new_page()
    tab.goto(served_site + "study/practice/")
    tab.locator("label.md-header__button[for=__search]").tap()
    tab.locator("input.md-search__input").fill("xgboost")
    clear = tab.locator("button.md-search__icon[type=reset]")
    clear.wait_for(state="visible")  # it fades in once there is a query (slow on a loaded machine)
    tab.wait_for_timeout(300)
    clear.tap()
    tab.wait_for_function("document.querySelector('input.md-search__input').value === ''", timeout=10000)
    tab.wait_for_timeout(600)  # past Material's tooltip delay and the button's fade
    assert visible_tooltips(tab) == 0
    phone.close()
    # A mouse still gets it while a query is typed and the pointer is on the button.
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = desktop.new_page()
    tab.goto(served_site + "study/practice/")
    tab.locator("input.md-search__input").click()
    tab.keyboard.type("xgboost")
    tab.locator("button.md-search__icon[type=reset]").hover()
    tab.wait_for_timeout(600)
    assert visible_tooltips(tab) == 1
    desktop.close()


@pytest.mark.parametrize(("path", "covered"), [("study/practice/", False), ("study/mock-exam/", False), ("algorithms/xgboost/", True)])
def test_back_to_top_never_covers_the_study_tools(browser, served_site, path, covered):
    """Scrolling back up shows Material's "Back to top" pill under the header; on the quiz and
    mock exam pages it is not shown, so it covers no control. Other pages keep it."""
    context = browser.new_context(viewport={"width": 375, "height": 700}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.clock.install()
    tab.goto(served_site + path)
    start = tab.locator('[data-action="start"], [data-action="start-mla-c01"]')
    if start.count():
        start.first.click()
    tab.mouse.wheel(0, 3000)
    tab.wait_for_timeout(300)
    tab.mouse.wheel(0, -300)  # scrolling up is what brings the pill
    tab.wait_for_timeout(300)
    assert tab.locator(".md-top").is_visible() is covered
    if not covered:  # every control in view can be hit where it is drawn
        hidden = tab.evaluate("""[...document.querySelectorAll('.kb-study button, .kb-study input, .kb-study select')].filter(b => {
            const r = b.getBoundingClientRect();
            if (r.bottom <= 0 || r.top >= innerHeight || r.width === 0) return false;
            const hit = document.elementFromPoint(r.left + r.width / 2, Math.max(r.top, 0) + Math.min(r.height, 4) / 2);
            return hit && hit.closest('.md-top') }).length""")
        assert hidden == 0
    context.close()


# --- the mock exam's pool: only the question types its exam file lists ----------------------

TYPE_NAMES = {"multiple choice": "multiple-choice", "multiple response": "multiple-response", "ordering": "ordering", "matching": "matching"}


def expected_pool(catalog, exam) -> list[str]:
    """The pool from the data alone: questions counting for a domain of the exam and, when it
    lists question_types, of a listed type (on a case study only if it lists case studies)."""
    listed = exam.data.get("question_types")
    ids = []
    for item in sorted(catalog.of_kind("questions"), key=lambda i: i.id):
        if not item.data["exam_tasks"].get(exam.id):
            continue
        if listed is not None and (TYPE_NAMES.get(question_type(item.data).replace("-", " ")) not in {TYPE_NAMES.get(n) for n in listed}
                                   or (item.data.get("case") and "case study" not in listed)):
            continue
        ids.append(item.id)
    return ids


def with_question_types(catalog, exam_id: str, types):
    import dataclasses

    exam = catalog.get(exam_id)
    data = {k: v for k, v in exam.data.items() if k != "question_types"} | ({"question_types": types} if types is not None else {})
    changed = dataclasses.replace(exam, data=data)
    return dataclasses.replace(catalog, items=catalog.items | {exam_id: changed}), changed


def test_mock_pool_follows_the_question_types_of_each_exam_file():
    for blueprint in practice.mock_exams(CATALOG):
        exam = CATALOG.get(blueprint["id"])
        assert blueprint["pool"] == expected_pool(CATALOG, exam) == [q.id for q in practice.mock_pool(CATALOG, exam)]
        held = {d["number"]: d["held"] for d in blueprint["domains"]}
        assert sum(held.values()) == len(blueprint["pool"])
    mla = CATALOG.get("mla-c01")  # it lists every type and case studies: nothing is left out
    on_mla = [q.id for q in practice.scenario_questions(CATALOG) if q.data["exam_tasks"].get("mla-c01")]
    assert {"multiple choice", "multiple response", "ordering", "matching", "case study"} <= set(mla.data["question_types"])
    assert mock_blueprints()["mla-c01"]["pool"] == on_mla


def test_mock_pool_leaves_out_the_types_an_exam_does_not_list():
    """MLA-C02 is about to list multiple choice and multiple response only: its mock exam must
    then draw no ordering, matching or case-study question (negative case), while an exam file
    without question_types draws every type."""
    catalog, exam = with_question_types(CATALOG, "mla-c02", ["multiple choice", "multiple response"])
    pool = practice.mock_pool(catalog, exam)
    on_exam = [q for q in practice.scenario_questions(catalog) if q.data["exam_tasks"].get("mla-c02")]
    left_out = [q for q in on_exam if question_type(q.data) in ("ordering", "matching") or q.data.get("case")]
    assert left_out and pool  # the bank has questions of both kinds for MLA-C02
    assert [q.id for q in pool] == expected_pool(catalog, exam) == [q.id for q in on_exam if q not in left_out]
    assert {question_type(q.data) for q in pool} <= {"multiple-choice", "multiple-response"}
    assert not any(q.data.get("case") for q in pool)
    catalog, exam = with_question_types(CATALOG, "mla-c02", ["multiple choice", "multiple response", "case study"])
    assert any(q.data.get("case") for q in practice.mock_pool(catalog, exam))
    catalog, exam = with_question_types(CATALOG, "mla-c02", None)  # not given: every type
    assert [q.id for q in practice.mock_pool(catalog, exam)] == [q.id for q in on_exam]
    assert practice.listed_types(exam) is None
    assert practice.listed_types(with_question_types(CATALOG, "mla-c02", ["Multiple-Choice", "true/false"])[1]) == ({"multiple-choice"}, False)


@pytest.fixture(scope="module")
def choice_only_site(tmp_path_factory):
    """The fixture site with omega-exam listing multiple choice only."""
    text = (ROOT / "tests" / "fixtures" / "data" / "exams" / "omega-exam.yaml").read_text(encoding="utf-8")
    listed = "question_types: [multiple choice, multiple response, ordering, matching, case study]\n"
    assert listed in text
    text = text.replace(listed, "question_types: [multiple choice]\n", 1)
    site, catalog = build_fixture_site(tmp_path_factory.mktemp("choice-only"), injection_files() | {"exams/omega-exam.yaml": text})
    with serve(site) as url:
        yield url, catalog


def test_mock_exam_draws_only_from_the_listed_types(tab, choice_only_site):
    url, catalog = choice_only_site
    exam = catalog.get("omega-exam")
    expected = expected_pool(catalog, exam)
    on_omega = [q.id for q in catalog.of_kind("questions") if q.data["exam_tasks"].get("omega-exam")]
    assert 0 < len(expected) < len(on_omega)
    tab.goto(url + "study/mock-exam/")
    tab.locator('[data-action="start-omega-exam"]').click()
    count = int(tab.locator(".kb-mock").get_attribute("data-count"))
    assert count == len(expected)
    drawn = []
    for index in range(count):
        drawn.append(tab.locator(".kb-mock .kb-q").get_attribute("data-question"))
        if index < count - 1:
            tab.locator('[data-action="next"]').click()
    assert sorted(drawn) == sorted(expected)
    assert all(question_type(catalog.get(q).data) == "multiple-choice" and not catalog.get(q).data.get("case") for q in drawn)
