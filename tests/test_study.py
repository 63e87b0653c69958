"""Study tools (flashcards, practice quizzes, algorithm chooser, Anki export), checked in
Chromium against counts and answers computed here from the YAML files."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, flat, mkdocs_config, read_yaml_dir

from macros.catalog import KINDS

ALGORITHMS = read_yaml_dir(ROOT / "data" / "algorithms")
SERVICES = read_yaml_dir(ROOT / "data" / "services")
METRICS = read_yaml_dir(ROOT / "data" / "metrics")
GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
OTHER_KINDS = [kind for kind, k in KINDS.items() if k.study_topic in {"misconceptions", "concepts"}]  # one card each


def expected_card_count() -> int:
    """Six facets per algorithm; per service its purpose, its status if not active and each key
    fact holding a number; formula and meaning per metric; one per glossary entry and per
    misconception, activation function, distribution and technique."""
    services = sum(
        1 + (data["status"]["state"] != "active") + sum(any(c.isdigit() for c in str(f["value"])) for f in data["key_facts"])
        for data in SERVICES.values()
    )
    others = sum(len(read_yaml_dir(ROOT / "data" / kind)) for kind in OTHER_KINDS)
    return 6 * len(ALGORITHMS) + services + 2 * len(METRICS) + len(GLOSSARY) + others


def test_there_are_at_least_300_cards():
    assert expected_card_count() >= 300


# --- Anki export ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def anki_deck(tmp_path_factory) -> list[list[str]]:
    target = tmp_path_factory.mktemp("anki") / "deck.txt"
    subprocess.run([sys.executable, "tools/anki.py", str(target)], cwd=ROOT, check=True)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#separator:tab" and "#deck:AWS ML Knowledge Base" in lines
    return [line.split("\t") for line in lines if not line.startswith("#")]


def test_anki_deck_holds_every_card_once(anki_deck):
    assert len(anki_deck) == expected_card_count()
    assert all(len(row) == 4 for row in anki_deck)
    guids = [row[3] for row in anki_deck]
    assert len(set(guids)) == len(guids)
    fronts = {row[0] for row in anki_deck}
    for data in ALGORITHMS.values():
        assert f"{data['name']}: which content types does training accept?" in fronts
    for entry in GLOSSARY:
        if entry.get("expansion"):
            assert f"What does {entry['term']} stand for?" in fronts, entry["id"]


def test_anki_cards_link_to_the_site_and_carry_topic_and_exam_tags(anki_deck):
    site = mkdocs_config()["site_url"]
    for _front, back, tags, guid in anki_deck:
        assert f'<a href="{site}' in back, guid
        assert tags.split()[0].startswith("topic::"), guid
    xgboost = next(row for row in anki_deck if row[3] == "xgboost--training-content-types")
    for content_type in ALGORITHMS["xgboost"]["training"]["content_types"]:
        assert content_type in xgboost[1]
    for exam, numbers in ALGORITHMS["xgboost"]["exam_tasks"].items():
        for number in numbers:
            assert f"{exam}::{number}" in xgboost[2].split()
    f1 = next(row for row in anki_deck if row[3] == "f1-score--formula")
    assert "\\[" in f1[1] and "\\frac" in f1[1]  # Anki's MathJax renders it


# --- flashcards in the browser -------------------------------------------------------------


@pytest.fixture()
def tab(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def payload(page, element_id: str) -> dict:
    return json.loads(page.locator(f"#{element_id}").text_content())


def test_flashcards_page_offers_every_card(tab, served_site):
    tab.goto(served_site + "study/flashcards/")
    root = tab.locator("#kb-flashcards")
    assert int(root.get_attribute("data-count")) == expected_card_count()
    assert len(payload(tab, "kb-flashcards-data")["cards"]) == expected_card_count()
    assert int(root.get_attribute("data-selected")) == expected_card_count()
    assert f"({expected_card_count()} in all)" in tab.locator(".kb-study__stats").text_content()


def test_flipping_and_marking_persist_across_a_reload(tab, served_site):
    tab.goto(served_site + "study/flashcards/")
    card = tab.locator(".kb-card")
    first = card.get_attribute("data-card")
    assert tab.locator(".kb-card__back").is_hidden()
    tab.keyboard.press("Space")
    assert tab.locator(".kb-card__back").is_visible()
    tab.keyboard.press("k")  # knew it: new card -> box 1
    second = card.get_attribute("data-card")
    assert second != first
    tab.locator('[data-action="flip"]').click()
    tab.locator('[data-action="missed"]').click()  # didn't know: -> box 1, seen again later
    stored = tab.evaluate("JSON.parse(localStorage.getItem('kb-flashcards-v1'))")
    assert stored[first]["box"] == 1 and stored[second]["box"] == 1
    tab.reload()
    assert tab.evaluate("JSON.parse(localStorage.getItem('kb-flashcards-v1'))") == stored
    assert "Box 1: 2" in tab.locator(".kb-study__boxes").text_content()
    assert tab.locator(".kb-card").get_attribute("data-card") not in {first, second}  # answered cards go to the back
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator('[data-action="reset"]').click()
    assert tab.evaluate("JSON.parse(localStorage.getItem('kb-flashcards-v1'))") == {}
    assert "Box 1: 0" in tab.locator(".kb-study__boxes").text_content()


def test_flashcard_filters_select_by_topic_and_exam_domain(tab, served_site):
    tab.goto(served_site + "study/flashcards/")
    cards = payload(tab, "kb-flashcards-data")["cards"]
    root = tab.locator("#kb-flashcards")
    tab.select_option('[data-filter="topic"]', "glossary")
    assert int(root.get_attribute("data-selected")) == len(GLOSSARY)
    tab.select_option('[data-filter="topic"]', "")
    tab.select_option('[data-filter="exam"]', "mla-c01")
    tab.select_option('[data-filter="domain"]', "3")
    expected = sum(1 for c in cards if any(t.startswith("3.") for t in c["tasks"].get("mla-c01", [])))
    assert 0 < expected < len(cards)
    assert int(root.get_attribute("data-selected")) == expected


# --- drills: generated recall questions ----------------------------------------------------


def test_wrong_and_right_answers_get_the_right_feedback_and_scores_persist(tab, served_site):
    tab.goto(served_site + "study/drills/")
    questions = {q["id"]: q for q in payload(tab, "kb-drills-data")["questions"]}
    assert all(q["source"] == "generated" for q in questions.values())
    tab.locator('[data-action="start"]').click()
    asked = 0
    while True:
        question = questions[tab.locator(".kb-quiz").get_attribute("data-question")]
        choice = question["answer"] if asked % 2 else (question["answer"] + 1) % len(question["options"])
        tab.locator(f'.kb-quiz__option[data-option="{choice}"]').click()
        feedback = tab.locator(".kb-quiz__feedback")
        assert feedback.get_attribute("data-result") == ("correct" if asked % 2 else "incorrect")
        if not asked % 2:
            assert question["options"][question["answer"]] in feedback.text_content()
        assert question["explanation"] in feedback.text_content()
        asked += 1
        button = tab.locator('[data-action="next"]')
        if button.text_content() == "See your score":
            button.click()
            break
        button.click()
    right = asked // 2
    assert f"You scored {right} out of {asked}." == tab.locator(".kb-quiz__score").text_content()
    tab.reload()
    history = tab.evaluate("JSON.parse(localStorage.getItem('kb-quiz-history-v1'))")
    assert history[0]["right"] == right and history[0]["total"] == asked
    assert f"{right}/{asked}" in tab.locator(".kb-quiz__history").text_content()


def test_every_drill_has_one_valid_answer_and_an_explanation(tab, served_site):
    tab.goto(served_site + "study/drills/")
    questions = payload(tab, "kb-drills-data")["questions"]
    assert len(questions) >= 150
    for question in questions:
        assert 0 <= question["answer"] < len(question["options"]), question["id"]
        assert len(set(question["options"])) == len(question["options"]), question["id"]
        assert question["explanation"], question["id"]


def test_a_drill_across_topics_mixes_them(tab, served_site):
    tab.goto(served_site + "study/drills/")
    questions = {q["id"]: q for q in payload(tab, "kb-drills-data")["questions"]}
    topics = {q["topic"] for q in questions.values()}
    tab.locator('[data-action="start"]').click()
    seen = []
    for _ in range(len(topics)):
        seen.append(questions[tab.locator(".kb-quiz").get_attribute("data-question")]["topic"])
        tab.locator('.kb-quiz__option[data-option="0"]').click()
        tab.locator('[data-action="next"]').click()
    assert set(seen) == topics  # the first questions take one of each topic in turn


def test_drill_filter_counts_questions_of_one_domain(tab, served_site):
    tab.goto(served_site + "study/drills/")
    questions = payload(tab, "kb-drills-data")["questions"]
    tab.select_option('[data-filter="exam"]', "mls-c01")
    tab.select_option('[data-filter="domain"]', "3")
    expected = sum(1 for q in questions if any(t.startswith("3.") for t in q["tasks"].get("mls-c01", [])))
    assert int(tab.locator("#kb-drills").get_attribute("data-selected")) == expected > 0


def test_card_formulas_render_as_mathml_not_latex(tab, served_site):
    tab.goto(served_site + "study/flashcards/")
    cards = payload(tab, "kb-flashcards-data")["cards"]
    with_math = [c for c in cards if c.get("backHtml")]
    assert len(with_math) >= 13
    for card in with_math:
        assert "<math" in card["backHtml"] and "\\(" not in card["backHtml"], card["id"]
    tab.select_option('[data-filter="topic"]', "concepts")
    for _ in range(40):  # concept cards until one with an inline formula is shown
        current = tab.locator(".kb-card").get_attribute("data-card")
        tab.locator('[data-action="flip"]').click()
        if any(c["id"] == current for c in with_math):
            back = tab.locator(".kb-card__back")
            assert back.locator("math").count() >= 1 and "\\" not in back.text_content()
            return
        tab.locator('[data-action="knew"]').click()
    pytest.fail("no concept card with a formula came up")


# --- algorithm chooser ---------------------------------------------------------------------

CHOOSER_VALUES = {
    "problem": lambda d: d["problem_types"],
    "learning": lambda d: d["learning_types"],
    "content": lambda d: d["training"]["content_types"],
    "processor": lambda d: d["training"]["processors"],
    "pipe": lambda d: ["yes" if any(m["mode"] == "pipe" for m in d["training"]["input_modes"]) else "no"],
    "parallel": lambda d: ["yes" if d["training"]["is_parallelizable"] else "no"],
}
COMBINATIONS = [
    {"problem": "regression"},
    {"content": "text/csv", "processor": "gpu"},
    {"learning": "unsupervised", "pipe": "yes"},
    {"problem": "binary-classification", "content": "application/x-recordio-protobuf", "parallel": "yes"},
    {"content": "image/jpeg"},
    {"problem": "anomaly-detection", "processor": "gpu"},
]


@pytest.mark.parametrize("filters", COMBINATIONS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_chooser_shows_exactly_the_matching_algorithms(tab, served_site, filters):
    tab.goto(served_site + "algorithms/chooser/")
    for key, value in filters.items():
        tab.select_option(f'[data-filter="{key}"]', value)
    expected = sorted(data["name"] for data in ALGORITHMS.values()
                      if all(value in CHOOSER_VALUES[key](data) for key, value in filters.items()))
    shown = sorted(tab.locator("#kb-chooser tbody tr:visible td:first-child").all_text_contents())
    assert shown == expected
    assert tab.locator(".kb-chooser__count").text_content() == f"{len(expected)} of {len(ALGORITHMS)} algorithms match"


def test_chooser_clear_restores_every_row(tab, served_site):
    tab.goto(served_site + "algorithms/chooser/")
    tab.select_option('[data-filter="problem"]', "regression")
    tab.locator('#kb-chooser button[type="reset"]').click()
    tab.wait_for_function(f"document.querySelector('#kb-chooser').dataset.shown === '{len(ALGORITHMS)}'")


def test_chooser_without_javascript_shows_the_whole_table(page):
    article = page("algorithms/chooser/")
    assert article.select_one("form.kb-chooser__filters").has_attr("hidden")
    rows = article.select("table.kb-chooser__table tbody tr")
    assert sorted(flat(row.find("td").get_text()) for row in rows) == sorted(d["name"] for d in ALGORITHMS.values())
    # each filter offers exactly the values some algorithm has
    for key, values_of in CHOOSER_VALUES.items():
        offered = {o["value"] for o in article.select(f'select[data-filter="{key}"] option') if o["value"]}
        assert offered == set(itertools.chain.from_iterable(values_of(d) for d in ALGORITHMS.values())), key


STUDY_PAGES = {"study/flashcards/": "study.js", "study/drills/": "study.js", "algorithms/chooser/": "study.js",
               "study/practice/": "practice.js", "study/mock-exam/": "practice.js"}
SHARED = ("readJSON", "load", "save", "shuffle")


@pytest.mark.parametrize(("path", "tool"), STUDY_PAGES.items())
def test_study_pages_load_the_shared_helpers_before_their_tool(page, path, tool):
    sources = [script["src"].rsplit("/", 1)[-1] for script in page(path).select("script[src]")]
    assert sources == ["common.js", tool]


def test_storage_and_shuffle_helpers_are_written_once():
    folder = ROOT / "docs" / "assets" / "study"
    common = (folder / "common.js").read_text(encoding="utf-8")
    for name in SHARED:
        assert f"function {name}(" in common
        for tool in ("study.js", "practice.js"):
            assert f"function {name}(" not in (folder / tool).read_text(encoding="utf-8"), f"{tool} defines {name} again"
    assert "window.localStorage" not in (folder / "study.js").read_text(encoding="utf-8") + (folder / "practice.js").read_text(encoding="utf-8")
