"""Scenario questions and case studies: every question type validates, and each kind of
mistake in them is reported with file, field and value."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, make_data_dir, real_catalog

from macros.question_rules import question_type
from macros.validate import DataError, load_valid_catalog

QUESTIONS = FIXTURES / "data" / "questions"


def fixture(name: str) -> str:
    return (QUESTIONS / f"{name}.yaml").read_text(encoding="utf-8")


def problems_for(tmp_path, files: dict[str, str]) -> str:
    with pytest.raises(DataError) as raised:
        load_valid_catalog(make_data_dir(tmp_path, files))
    return str(raised.value)


def test_fixtures_hold_every_question_type_and_a_case(tmp_path):
    catalog = load_valid_catalog(make_data_dir(tmp_path))
    types = {question_type(q.data) for q in catalog.of_kind("questions")}
    assert types == {"multiple-choice", "multiple-response", "ordering", "matching"}
    assert [c.id for c in catalog.of_kind("cases")] == ["kappa-case"]
    assert "type" not in catalog.get("kappa-batch-predictions").data  # absent type means multiple-choice


def test_real_questions_and_cases_are_valid():
    catalog = real_catalog()
    for question in catalog.of_kind("questions"):
        assert question.data.get("case") is None or catalog.get(question.data["case"]).kind == "cases"


def test_multiple_choice_needs_exactly_one_right_answer(tmp_path):
    broken = fixture("kappa-batch-predictions").replace("    why: It is billed", "    correct: true\n    why: It is billed")
    message = problems_for(tmp_path, {"questions/kappa-batch-predictions.yaml": broken})
    assert "kappa-batch-predictions.yaml: options: exactly one option must have correct: true" in message
    assert "(value: 2)" in message


def test_multiple_choice_needs_four_or_five_options(tmp_path):
    text = fixture("kappa-batch-predictions")
    broken = text[: text.index("  - text: A second copy")] + text[text.index("explanation:"):]
    message = problems_for(tmp_path, {"questions/kappa-batch-predictions.yaml": broken})
    assert "options: a multiple-choice question has 4 to 5 options (value: 3)" in message


def test_multiple_response_count_must_match_select_n(tmp_path):
    broken = fixture("kappa-drift-and-privacy").replace("(Select TWO.)", "(Select THREE.)")
    message = problems_for(tmp_path, {"questions/kappa-drift-and-privacy.yaml": broken})
    assert "kappa-drift-and-privacy.yaml: question: says (Select THREE.) but 2 options have correct: true" in message


def test_multiple_response_needs_two_or_more_right_answers(tmp_path):
    text = fixture("kappa-drift-and-privacy")
    broken = text.replace("    correct: true\n    why: Alarms", "    why: Alarms").replace("(Select TWO.)", "(Select ONE.)")
    message = problems_for(tmp_path, {"questions/kappa-drift-and-privacy.yaml": broken})
    assert "options: a multiple-response question has 2 or 3 options with correct: true (value: 1)" in message
    assert 'end it with "(Select TWO.)"' in message


def test_select_n_only_in_multiple_response(tmp_path):
    broken = fixture("kappa-batch-predictions").replace("lowest cost?", "lowest cost? (Select TWO.)")
    message = problems_for(tmp_path, {"questions/kappa-batch-predictions.yaml": broken})
    assert "question: \"(Select TWO.)\" belongs to a multiple-response question; this one is multiple-choice" in message


def test_ordering_has_steps_and_no_options(tmp_path):
    broken = fixture("gamma-ordering-steps").replace("explanation:", "options:\n  - text: A\n    correct: true\nexplanation:")
    message = problems_for(tmp_path, {"questions/gamma-ordering-steps.yaml": broken})
    assert "gamma-ordering-steps.yaml: options: an ordering question has no options" in message
    missing = problems_for(tmp_path / "2", {"questions/gamma-ordering-steps.yaml": fixture("gamma-ordering-steps").replace("type: ordering", "type: matching")})
    assert "gamma-ordering-steps.yaml: pairs: missing required field: a matching question is built from pairs" in missing


def test_matching_answers_must_differ(tmp_path):
    broken = fixture("iota-matching-pairs").replace("answer: Beta Forest", "answer: Alpha Learner")
    message = problems_for(tmp_path, {"questions/iota-matching-pairs.yaml": broken})
    assert "iota-matching-pairs.yaml: pairs[1].answer: every answer must be different (first at pairs[0]) (value: 'Alpha Learner')" in message


def test_case_must_name_a_case_study(tmp_path):
    unknown = problems_for(tmp_path, {"questions/kappa-batch-predictions.yaml": fixture("kappa-batch-predictions").replace("case: kappa-case", "case: kappa-cse")})
    assert "kappa-batch-predictions.yaml: case: unknown cross-reference: no data file has this id (value: 'kappa-cse')" in unknown
    other_kind = problems_for(tmp_path / "2", {"questions/kappa-batch-predictions.yaml": fixture("kappa-batch-predictions").replace("case: kappa-case", "case: alpha-learner")})
    assert "case: names a algorithms item, not a case study in data/cases/ (value: 'alpha-learner')" in other_kind


def test_unused_case_and_bad_case_fields(tmp_path):
    case = (FIXTURES / "data" / "cases" / "kappa-case.yaml").read_text()
    message = problems_for(tmp_path, {"cases/lonely-case.yaml": case, "cases/kappa-case.yaml": case.replace("title:", "name:")})
    assert "data/cases/lonely-case.yaml: no question names this case" in message
    assert "data/cases/kappa-case.yaml: title: missing required field" in message


def test_unknown_type_topic_and_option_why(tmp_path):
    text = fixture("kappa-batch-predictions")
    broken = ("type: true-false\n" + text).replace("topic: services", "topic: history").replace("    why: Once-a-day", "    why: x\n    hint: Once-a-day")
    message = problems_for(tmp_path, {"questions/kappa-batch-predictions.yaml": broken})
    assert "kappa-batch-predictions.yaml: type: value is not one of" in message
    assert "topic: value is not one of" in message and "'genai'" in message
    assert "options[0].hint: unknown field" in message


def test_skills_belong_to_a_listed_task(tmp_path):
    text = fixture("kappa-drift-and-privacy")
    assert 'skills:\n  omega-exam: ["1.1.1"]' in text  # the edit below must change the fixture
    broken = text.replace('skills:\n  omega-exam: ["1.1.1"]', 'skills:\n  omega-exam: ["2.1.1"]')
    message = problems_for(tmp_path, {"questions/kappa-drift-and-privacy.yaml": broken})
    assert "skills.omega-exam[0]: skill of task 2.1, which exam_tasks.omega-exam does not list (value: '2.1.1')" in message


def test_no_all_of_the_above(tmp_path):
    broken = fixture("kappa-batch-predictions").replace("A second copy of the model trained per store every hour", "All of the above")
    message = problems_for(tmp_path, {"questions/kappa-batch-predictions.yaml": broken})
    assert 'options[3].text: no "all/none of the above" options' in message


def test_a_question_links_items_not_other_questions(tmp_path):
    text = fixture("kappa-batch-predictions")
    links_line = next(line for line in text.splitlines() if line.startswith("links:"))
    broken = text.replace(links_line, "links: [kappa-drift-and-privacy]")
    message = problems_for(tmp_path, {"questions/kappa-batch-predictions.yaml": broken})
    assert "kappa-batch-predictions.yaml: links[0]: names another question; link the items that teach the answer" in message


def test_generative_ai_questions_map_no_mls_c01_task():
    """MLS-C01's guide (retired 2026-03-31) names foundation models and LLMs only as model
    choices (tasks 3.1 and 3.2) and has no Bedrock, RAG, guardrails or agents, which is what the
    site's generative-AI questions practise: they map to MLA-C01 and MLA-C02, not to MLS-C01."""
    catalog = real_catalog()
    genai = [q for q in catalog.of_kind("questions") if q.data["topic"] == "genai"]
    assert len(genai) >= 80
    assert [q.id for q in genai if q.data["exam_tasks"].get("mls-c01")] == []
    assert [q.id for q in genai if not (q.data["exam_tasks"].get("mla-c01") or q.data["exam_tasks"].get("mla-c02"))] == []
