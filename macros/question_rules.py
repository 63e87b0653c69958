"""Rules for scenario questions (data/questions/) and case studies (data/cases/) that JSON
Schema cannot express: what each question type needs, how many answers are right, and that a
question's case and skills exist. Each problem names file, field and value."""

from __future__ import annotations

import re
from typing import Any

from .catalog import Catalog, Item, Problem

QUESTION_TYPES = ("multiple-choice", "multiple-response", "ordering", "matching")
DEFAULT_TYPE = "multiple-choice"
# "(Select TWO.)" at the end of a multiple-response question: the number of right answers.
SELECT_PATTERN = re.compile(r"\(Select (TWO|THREE|FOUR)\.\)")
SELECT_NUMBERS = {"TWO": 2, "THREE": 3, "FOUR": 4}
NUMBER_WORDS = {number: word for word, number in SELECT_NUMBERS.items()}
OPTION_COUNTS = {"multiple-choice": (4, 5), "multiple-response": (5, 7)}
RIGHT_COUNTS = {"multiple-choice": (1, 1), "multiple-response": (2, 3)}
# Field each type is built from; the others must be absent.
BODY = {"multiple-choice": "options", "multiple-response": "options", "ordering": "steps", "matching": "pairs"}
GIVEAWAYS = re.compile(r"\b(all|none|both|neither) of the (above|options|answers)\b", re.IGNORECASE)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def question_type(data: dict[str, Any]) -> str:
    """The question's type; multiple-choice when the file does not say."""
    return data.get("type") or DEFAULT_TYPE


def question_problems(catalog: Catalog, item: Item) -> list[Problem]:
    data, file = item.data, item.file
    kind = question_type(data)
    if kind not in QUESTION_TYPES:
        return []  # the schema reports the unknown type
    problems: list[Problem] = []
    body = BODY[kind]
    if body not in data:
        problems.append(Problem(file, body, f"missing required field: {_a(kind)} question is built from {body}"))
    for other in sorted(set(BODY.values()) - {body}):
        if other in data:
            problems.append(Problem(file, other, f"{_a(kind)} question has no {other} (it is built from {body}); remove it or change type", data.get("type", DEFAULT_TYPE), True))
    question = data.get("question") if isinstance(data.get("question"), str) else ""
    selects = SELECT_PATTERN.findall(question)
    if body == "options" and isinstance(data.get("options"), list):
        options = [o for o in data["options"] if isinstance(o, dict)]
        low, high = OPTION_COUNTS[kind]
        if not low <= len(options) <= high:
            problems.append(Problem(file, "options", f"{_a(kind)} question has {low} to {high} options", len(options), True))
        right = sum(1 for o in options if o.get("correct") is True)
        low, high = RIGHT_COUNTS[kind]
        if kind == "multiple-choice" and right != 1:
            problems.append(Problem(file, "options", "exactly one option must have correct: true (several right answers: use type: multiple-response)", right, True))
        if kind == "multiple-response":
            if not low <= right <= high:
                problems.append(Problem(file, "options", f"a multiple-response question has {low} or {high} options with correct: true", right, True))
            if len(selects) != 1:
                problems.append(Problem(file, "question", 'a multiple-response question says how many to choose, once: end it with "(Select TWO.)" or "(Select THREE.)"', question[-60:], True))
            elif SELECT_NUMBERS[selects[0]] != right:
                problems.append(Problem(file, "question", f"says (Select {selects[0]}.) but {right} options have correct: true; write (Select {NUMBER_WORDS.get(right, right)}.)", selects[0], True))
        texts = [o.get("text") for o in options]
        for index, text in enumerate(texts):
            if text in texts[:index]:
                problems.append(Problem(file, f"options[{index}].text", "duplicate option", text, True))
            if isinstance(text, str) and GIVEAWAYS.search(text):
                problems.append(Problem(file, f"options[{index}].text", 'no "all/none of the above" options: every option is an answer of its own', text, True))
    if kind != "multiple-response" and selects:
        problems.append(Problem(file, "question", f'"(Select {selects[0]}.)" belongs to a multiple-response question; this one is {kind}', selects[0], True))
    if kind == "matching" and isinstance(data.get("pairs"), list):
        pairs = [p for p in data["pairs"] if isinstance(p, dict)]
        for side in ("prompt", "answer"):
            values = [p.get(side) for p in pairs]
            for index, value in enumerate(values):
                if value in values[:index]:
                    problems.append(Problem(file, f"pairs[{index}].{side}", f"every {side} must be different (first at pairs[{values.index(value)}])", value, True))
    case = data.get("case")
    if isinstance(case, str) and case in catalog.items and catalog.items[case].kind != "cases":
        problems.append(Problem(file, "case", f"names a {catalog.items[case].kind} item, not a case study in data/cases/", case, True))
    # Links point a learner at the pages that teach the answer; another question has no page.
    for index, target in enumerate(data.get("links") or []):
        if isinstance(target, str) and target in catalog.items and catalog.items[target].kind == "questions":
            problems.append(Problem(file, f"links[{index}]", "names another question; link the items that teach the answer", target, True))
    problems += _skill_problems(catalog, item)
    return problems


def _skill_problems(catalog: Catalog, item: Item) -> list[Problem]:
    skills, tasks = item.data.get("skills"), item.data.get("exam_tasks")
    if not isinstance(skills, dict) or not isinstance(tasks, dict):
        return []
    problems = []
    exams = {exam.id: exam for exam in catalog.of_kind("exams")}
    for exam_id, numbers in skills.items():
        if exam_id not in exams:
            problems.append(Problem(item.file, f"skills.{exam_id}", f"unknown exam; exams in data/exams/: {', '.join(sorted(exams))}", exam_id, True))
            continue
        known = _skills_of(exams[exam_id])
        for index, number in enumerate(numbers if isinstance(numbers, list) else []):
            if not isinstance(number, str):
                continue
            task = ".".join(number.split(".")[:2])
            if task not in (tasks.get(exam_id) or []):
                problems.append(Problem(item.file, f"skills.{exam_id}[{index}]", f"skill of task {task}, which exam_tasks.{exam_id} does not list", number, True))
            elif known and number not in known:
                problems.append(Problem(item.file, f"skills.{exam_id}[{index}]", f"no such skill in {exam_id}", number, True))
    return problems


def _skills_of(exam: Item) -> set[str]:
    """Skill numbers an exam file lists under its tasks (empty when it lists none)."""
    found = set()
    for domain in exam.data.get("domains", []) or []:
        for task in (domain.get("tasks", []) if isinstance(domain, dict) else []) or []:
            for skill in (task.get("skills", []) if isinstance(task, dict) else []) or []:
                number = skill.get("number") if isinstance(skill, dict) else skill
                if isinstance(number, str):
                    found.add(number)
    return found


def case_questions(catalog: Catalog) -> dict[str, list[Item]]:
    """case id -> the questions answered from it, in id order."""
    found: dict[str, list[Item]] = {}
    for item in sorted(catalog.of_kind("questions"), key=lambda q: q.id):
        if isinstance(item.data.get("case"), str):
            found.setdefault(item.data["case"], []).append(item)
    return found


def case_problems(catalog: Catalog) -> list[Problem]:
    """A case study is only worth its page when questions use it."""
    used = case_questions(catalog)
    return [
        Problem(case.file, "", "no question names this case (add case: <id> to its questions, or remove it)", case.id, True)
        for case in catalog.of_kind("cases") if case.id not in used
    ]


def mode_problems(item: Item) -> list[Problem]:
    """An algorithm that is both supervised and unsupervised says which mode is which, so the
    drills ask "does it need labels?" per mode (BlazingText: Word2Vec vs text classification)."""
    types = item.data.get("learning_types")
    modes = item.data.get("modes")
    if not isinstance(types, list):
        return []
    if len(types) > 1 and not modes:
        return [Problem(item.file, "modes", "missing required field: an algorithm with several learning_types lists its modes, each with its learning_type", types, True)]
    if not isinstance(modes, list):
        return []
    problems = []
    given = [m.get("learning_type") for m in modes if isinstance(m, dict)]
    for index, learning_type in enumerate(given):
        if learning_type not in types:
            problems.append(Problem(item.file, f"modes[{index}].learning_type", f"not one of the algorithm's learning_types ({', '.join(map(str, types))})", learning_type, True))
    for missing in [t for t in types if t not in given]:
        problems.append(Problem(item.file, "modes", f"no mode has learning_type {missing!r}, which learning_types lists"))
    return problems
