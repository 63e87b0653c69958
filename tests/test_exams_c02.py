"""MLA-C02: its data (beta, skills, facts not yet verified), its exam page, and the validator's
rules for numbered skills, provisional parts and missing facts.

Expected values come from data/exams/mla-c02.yaml, read here with PyYAML."""

from __future__ import annotations

import pytest
from conftest import ROOT, fixture_yaml, flat, make_data_dir, read_yaml_dir

from macros.validate import DataError, load_valid_catalog

EXAMS = read_yaml_dir(ROOT / "data" / "exams")
C02 = EXAMS["mla-c02"]
GAP_TEXT = {"not-verified": "not verified yet", "not-published": "not published in the exam guide"}


def tasks_of(exam: dict) -> list[dict]:
    return [task for domain in exam["domains"] for task in domain["tasks"]]


def section_of(article, anchor: str) -> list:
    """The elements between a heading and the next heading of the same or a higher level."""
    heading = article.find(id=anchor)
    level = heading.name
    stops = {"h2"} if level == "h2" else {"h2", "h3"}
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name in stops:
            break
        elements.append(sibling)
    return elements


# --- the data ---------------------------------------------------------------------------------


def test_mla_c02_is_the_beta_english_exam_with_domain_2_transcribed():
    assert C02["code"] == "MLA-C02"
    assert C02["status"]["beta"] == {"code": "ME1-C02", "started": "2026-09-29"}
    assert C02["status"]["general_availability"]["verified"] is False  # only an earlier record gives it
    domain_2 = C02["domains"][1]
    assert domain_2["name"] == "ML Model and Foundation Model (FM) Development"
    assert domain_2.get("source_status", "transcribed") == "transcribed"
    assert [s["number"] for s in domain_2["tasks"][0]["skills"]] == [f"2.1.{n}" for n in range(1, 9)]
    for task in tasks_of(C02):
        assert task["skills_status"] in {"complete", "partial", "not-transcribed"}


def test_every_fact_mla_c02_leaves_out_is_listed_with_a_reason():
    listed = {gap["field"] for gap in C02["missing_facts"]}
    for field in ["duration_minutes", "questions", "question_types", "scoring", "cost_usd"]:
        assert (field in C02) != (field in listed), field
    for index, domain in enumerate(C02["domains"]):
        assert ("weight" in domain) != (f"domains[{index}].weight" in listed), index


def test_every_item_and_page_names_mla_c02():
    """The validator requires it; check the files directly too, so a regression is obvious."""
    missing = []
    for path in sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "  mla-c01: [" in text and "  mla-c02: [" not in text:
            missing.append(path.relative_to(ROOT).as_posix())
    assert missing == []


# --- the exam page ----------------------------------------------------------------------------


def test_exam_page_lists_every_skill_of_every_task(page):
    article = page("exams/mla-c02/")
    for task in tasks_of(C02):
        section = section_of(article, f"task-{task['number'].replace('.', '-')}")
        items = [li.get_text() for element in section if element.name == "ul"
                 for li in element.find_all("li") if li.find("strong")]
        expected = [f"{skill['number']} {flat(skill['summary'])}" for skill in task.get("skills", [])]
        assert [flat(item) for item in items] == expected, task["number"]
        text = flat(" ".join(element.get_text() for element in section))
        if task["skills_status"] == "partial":
            assert "Skill list incomplete" in text, task["number"]
        if task["skills_status"] == "not-transcribed":
            assert "have not been transcribed yet" in text, task["number"]


def test_exam_page_marks_provisional_domains_and_unverified_facts(page):
    article = page("exams/mla-c02/")
    for domain in C02["domains"]:
        notes = [e for e in section_of(article, f"domain-{domain['number']}") if e.name == "div"]
        provisional = any("Provisional domain" in note.get_text() for note in notes)
        assert provisional == (domain.get("source_status") == "provisional"), domain["number"]
    facts = {row.find("td").get_text(strip=True): flat(row.find_all("td")[1].get_text())
             for row in article.find("table").find_all("tr") if row.find("td")}
    gaps = {gap["field"]: gap for gap in C02["missing_facts"]}
    for label, field in [("Duration", "duration_minutes"), ("Questions", "questions"), ("Fee", "cost_usd"),
                         ("Question types", "question_types"), ("Scoring", "scoring")]:
        if field in gaps:
            assert facts[label].startswith(GAP_TEXT[gaps[field]["reason"]].capitalize()), label
            assert flat(gaps[field]["note"]) in facts[label], label
    assert "Beta ME1-C02" in facts["Exam"]


def test_exam_objectives_of_every_page_name_mla_c02(page):
    article = page("algorithms/xgboost/")
    rows = article.find(id="exam-objectives").find_next("table").find_all("tr")[1:]
    assert [row.find("td").get_text(" ", strip=True).split()[0] for row in rows] == ["MLA-C01", "MLA-C02", "MLS-C01"]


# --- the validator ----------------------------------------------------------------------------


def problems_for(tmp_path, exam_text: str) -> str:
    with pytest.raises(DataError) as raised:
        load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": exam_text}))
    return str(raised.value)


OMEGA = fixture_yaml("omega-exam", "exams")
TASK_11 = '''      - number: "1.1"
        statement: Store fixture data
        summary: A fixture task that fixture pages cover.
'''


def with_skills(skills: str, status: str = "complete") -> str:
    """The omega fixture with skills on task 1.1 and skills_status on every task."""
    assert TASK_11 in OMEGA
    text = OMEGA.replace(TASK_11, TASK_11 + f"        skills_status: {status}\n        skills:\n{skills}")
    return text.replace("        summary: A fixture task that no page covers, to see the flag.\n",
                        "        summary: A fixture task that no page covers, to see the flag.\n        skills_status: not-transcribed\n") \
               .replace("        summary: A fixture task covered by a prose page.\n",
                        "        summary: A fixture task covered by a prose page.\n        skills_status: not-transcribed\n")


SKILL = "          - number: {number}\n            summary: A fixture skill summarised in own words.\n"


def test_valid_skills_pass(tmp_path):
    load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": with_skills(SKILL.format(number="1.1.1") + SKILL.format(number="1.1.2"))}))


def test_duplicate_skill_number_fails(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.1") + SKILL.format(number="1.1.1")))
    assert "data/exams/omega-exam.yaml: domains[0].tasks[0].skills[1].number: duplicate skill number (value: '1.1.1')" in message


def test_skill_number_of_another_task_fails(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.2.1")))
    assert "domains[0].tasks[0].skills[0].number: skill number must start with its task number 1.1 (value: '1.2.1')" in message


def test_complete_skill_list_with_a_gap_fails(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.1") + SKILL.format(number="1.1.3")))
    assert "skills[1].number: skills_status is complete, but skill 1.1.2 is not listed (value: '1.1.3')" in message


def test_skills_out_of_order_fail(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.2") + SKILL.format(number="1.1.1"), "partial"))
    assert "skills[1].number: skills must be listed in the guide's order, each number once (value: '1.1.1')" in message


def test_partial_skill_list_needs_a_note(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.1"), "partial"))
    assert "data/exams/omega-exam.yaml: domains[0].tasks[0].skills_note: missing required field" in message


def test_skill_status_missing_on_a_task_of_an_exam_with_skills_fails(tmp_path):
    text = with_skills(SKILL.format(number="1.1.1")).replace(
        "        summary: A fixture task covered by a prose page.\n        skills_status: not-transcribed\n",
        "        summary: A fixture task covered by a prose page.\n")
    message = problems_for(tmp_path, text)
    assert "domains[1].tasks[0].skills_status: this exam numbers its skills: say complete, partial or not-transcribed for every task" in message


def test_a_missing_fact_must_be_listed(tmp_path):
    message = problems_for(tmp_path, OMEGA.replace("cost_usd: 100\n", ""))
    assert "data/exams/omega-exam.yaml: cost_usd: required: give the value, or list it in missing_facts" in message


def test_a_listed_fact_must_really_be_missing(tmp_path):
    text = OMEGA.replace("cost_usd: 100\n", "cost_usd: 100\nmissing_facts:\n  - field: cost_usd\n    reason: not-published\n    note: The fixture guide gives no fee.\n")
    message = problems_for(tmp_path, text)
    assert "missing_facts[0].field: the fact is given, so it is not missing: remove this entry or the value (value: 'cost_usd')" in message


def test_a_missing_weight_listed_with_a_reason_passes(tmp_path):
    text = OMEGA.replace("    weight: 60\n", "", 1).replace("cost_usd: 100\n", "cost_usd: 100\nmissing_facts:\n  - field: domains[0].weight\n    reason: not-verified\n    note: The fixture guide page could not be read.\n")
    load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": text}))


def test_a_provisional_domain_cannot_hold_a_transcribed_task(tmp_path):
    text = OMEGA.replace("    name: Omega data\n", "    name: Omega data\n    source_status: provisional\n    provisional_note: The fixture domain page has not been transcribed yet.\n")
    message = problems_for(tmp_path, text)
    assert "domains[0].tasks[0].source_status: a task of a provisional domain is provisional too (value: 'transcribed')" in message
