"""Scenario practice built from data/questions/ and data/cases/: the records the practice
quiz and the mock exams run on (docs/assets/study/practice.js), the mock exams' blueprints,
and the printable question bank.

Pure functions: catalogue in, plain records out. Only hand-written scenario questions are
used here; the generated recall questions are drills (study.generated_questions).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .catalog import Catalog, Item
from .question_rules import SELECT_NUMBERS, SELECT_PATTERN, question_type

TYPE_LABELS = {
    "multiple-choice": "Multiple choice",
    "multiple-response": "Multiple response",
    "ordering": "Ordering",
    "matching": "Matching",
}


def _seeded(values: list, seed: str) -> list:
    """A stable shuffle: the same order on every build (the printed bank must not change)."""
    return [v for _, v in sorted(enumerate(values), key=lambda p: hashlib.sha256(f"{seed}:{p[0]}".encode()).hexdigest())]


def scenario_questions(catalog: Catalog) -> list[Item]:
    """Every scenario question, in id order."""
    return sorted(catalog.of_kind("questions"), key=lambda item: item.id)


def domain_of(item: Item, exam_id: str) -> int | None:
    """The exam domain a question counts for: the domain of its first task for that exam."""
    tasks = item.data["exam_tasks"].get(exam_id) or []
    return int(tasks[0].split(".")[0]) if tasks else None


def select_count(item: Item) -> int:
    """How many options to choose: 1, or the N of a multiple-response "(Select N.)"."""
    found = SELECT_PATTERN.findall(item.data["question"])
    return SELECT_NUMBERS[found[0]] if question_type(item.data) == "multiple-response" and found else 1


def record(item: Item, link_of) -> dict:
    """One question as the browser gets it. link_of(item id) -> (url, name)."""
    d = item.data
    kind = question_type(d)
    result = {
        "id": item.id, "type": kind, "case": d.get("case", ""), "prompt": d["question"],
        "explanation": d["explanation"], "topic": d["topic"],
        "tasks": {exam: list(numbers) for exam, numbers in d["exam_tasks"].items()},
        "links": [dict(zip(("url", "name"), link_of(target), strict=True)) for target in d["links"]],
    }
    if kind in ("multiple-choice", "multiple-response"):
        result["options"] = [{"text": o["text"], "correct": o.get("correct") is True, "why": o.get("why", "")} for o in d["options"]]
        result["select"] = select_count(item)
    elif kind == "ordering":
        result["steps"] = list(d["steps"])  # the correct order; the quiz shuffles
    else:
        result["pairs"] = [{"prompt": p["prompt"], "answer": p["answer"]} for p in d["pairs"]]
    return result


def case_record(item: Item) -> dict:
    return {"id": item.id, "title": item.data["title"], "paragraphs": paragraphs(item.data["scenario"])}


def paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


FORMAT_FIELDS = {"duration_minutes": "the time allowed", "questions": "the number of questions",
                 "scoring": "the score scale and passing score"}


def missing_format(exam: Item) -> list[str]:
    """What a mock exam needs that the exam file does not give (yet): length, time, scale,
    domain weights. Never guessed: without them there is no mock exam for that exam."""
    d = exam.data
    missing = [FORMAT_FIELDS[name] for name in FORMAT_FIELDS if name not in d]
    if any("weight" not in domain for domain in d["domains"]):
        missing.append("the domain weights")
    return missing


def domain_name(domain: dict) -> str:
    """A domain's name as the quiz filters and mock exams show it: a provisional domain (one that
    stands in for a part of the guide not transcribed yet) says so, as on the exam page."""
    return domain["name"] + (" (provisional)" if domain.get("source_status") == "provisional" else "")


# The exam files name question types as the exam guides do ("multiple choice"); "case study"
# is the format of several questions on one scenario (a question's `case`), of any type.
CASE_STUDY = "case study"


def listed_types(exam: Item) -> tuple[set[str], bool] | None:
    """The question types the exam file lists, as question type ids, and whether it lists case
    studies; None when the file gives no question_types (then every type is drawn). A listed
    type the bank has no questions of (or does not know) adds nothing."""
    named = exam.data.get("question_types")
    if named is None:
        return None
    words = {" ".join(str(name).lower().replace("-", " ").split()) for name in named}
    return {kind for kind in TYPE_LABELS if kind.replace("-", " ") in words}, CASE_STUDY in words


def mock_pool(catalog: Catalog, exam: Item) -> list[Item]:
    """The scenario questions a mock exam of `exam` draws from: those counting for one of its
    domains and, when the exam file lists its question_types, only of those types (questions on
    a case study only when it lists case studies)."""
    listed = listed_types(exam)
    pool = []
    for item in scenario_questions(catalog):
        if domain_of(item, exam.id) is None:
            continue
        if listed is not None:
            types, cases = listed
            if question_type(item.data) not in types or (item.data.get("case") and not cases):
                continue
        pool.append(item)
    return pool


def mock_exams(catalog: Catalog, pending: bool = False) -> list[dict]:
    """A blueprint per exam still offered whose file gives its format: question count,
    minutes, scale, domain weights, the questions it draws from (`pool`, ids: mock_pool) and how
    many of them each domain holds. pending=True: the offered exams whose file lacks part of it,
    with what is missing."""
    exams = []
    for exam in sorted(catalog.of_kind("exams"), key=lambda e: e.data["code"]):
        d = exam.data
        if d["status"]["state"] == "retired" or bool(missing_format(exam)) != pending:
            continue
        if pending:
            exams.append({"id": exam.id, "code": d["code"], "name": exam.name, "missing": missing_format(exam)})
            continue
        pool = mock_pool(catalog, exam)
        held = {domain["number"]: sum(1 for q in pool if domain_of(q, exam.id) == domain["number"]) for domain in d["domains"]}
        exams.append({
            "id": exam.id, "code": d["code"], "name": exam.name, "minutes": d["duration_minutes"],
            "count": d["questions"]["total"], "scored": d["questions"]["scored"],
            "scale": [d["scoring"]["scale_min"], d["scoring"]["scale_max"]], "passing": d["scoring"]["passing"],
            "domains": [{"number": dm["number"], "name": domain_name(dm), "weight": dm["weight"], "held": held[dm["number"]]} for dm in d["domains"]],
            "pool": [q.id for q in pool],
        })
    return exams


def planned_counts(count: int, weights: dict[int, int]) -> dict[int, int]:
    """Questions per domain for an exam of `count` questions: count x weight / 100, rounded by
    largest remainder so the parts add up to count. practice.js does the same."""
    exact = {number: count * weight / 100 for number, weight in weights.items()}
    counts = {number: int(value) for number, value in exact.items()}
    by_remainder = sorted(exact, key=lambda number: (-(exact[number] - counts[number]), number))
    for number in by_remainder[: count - sum(counts.values())]:
        counts[number] += 1
    return counts


def estimate(right_by_domain: dict[int, tuple[int, int]], weights: dict[int, int], scale: tuple[int, int]) -> int:
    """The practice estimate: the share right in each domain, weighted by the domain's weight
    (domains with no question drawn are left out), mapped linearly onto the exam's scale."""
    used = {n: w for n, w in weights.items() if right_by_domain.get(n, (0, 0))[1]}
    if not used:
        return scale[0]
    share = sum(w * right_by_domain[n][0] / right_by_domain[n][1] for n, w in used.items()) / sum(used.values())
    return round(scale[0] + (scale[1] - scale[0]) * share)


@dataclass
class BankEntry:
    number: int
    item: Item
    kind: str
    case: Item | None
    options: list[dict] = field(default_factory=list)  # shown order, with letter
    steps: list[tuple[str, str]] = field(default_factory=list)  # (letter, step) shown order
    prompts: list[str] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)  # (letter, answer) shown order
    key: str = ""  # the answer, e.g. "B", "A, D", "C, A, B", "1–B, 2–C, 3–A"


LETTERS = "ABCDEFGHIJ"


def bank(catalog: Catalog) -> tuple[dict, list[tuple[dict, list[BankEntry]]], list[Item]]:
    """The printable bank: (the exam whose domains group it, [(domain, entries)], cases).
    Grouped by the domains of the newest exam still offered (by code); options, steps and answers in a
    fixed shuffled order, letters assigned."""
    offered = [e for e in catalog.of_kind("exams") if e.data["status"]["state"] != "retired"]
    exam = max(offered, key=lambda e: e.data["code"])  # the newest edition: MLA-C02 after MLA-C01
    sections = []
    number = 0
    questions = scenario_questions(catalog)
    for domain in exam.data["domains"]:
        entries = []
        in_domain = [q for q in questions if domain_of(q, exam.id) == domain["number"]]
        in_domain.sort(key=lambda q: (q.data.get("case", ""), q.id))
        for item in in_domain:
            number += 1
            entries.append(_bank_entry(catalog, number, item))
        sections.append((domain, entries))
    others = [q for q in questions if domain_of(q, exam.id) is None]
    if others:
        entries = []
        for item in others:
            number += 1
            entries.append(_bank_entry(catalog, number, item))
        sections.append(({"number": 0, "name": f"Not part of {exam.data['code']}"}, entries))
    return exam.data | {"id": exam.id}, sections, sorted(catalog.of_kind("cases"), key=lambda c: c.id)


def _bank_entry(catalog: Catalog, number: int, item: Item) -> BankEntry:
    d = item.data
    kind = question_type(d)
    entry = BankEntry(number, item, kind, catalog.get(d["case"]) if d.get("case") else None)
    if kind in ("multiple-choice", "multiple-response"):
        shown = _seeded(list(d["options"]), item.id)
        entry.options = [{"letter": LETTERS[i], **o} for i, o in enumerate(shown)]
        entry.key = ", ".join(o["letter"] for o in entry.options if o.get("correct"))
    elif kind == "ordering":
        shown = _seeded(list(d["steps"]), item.id)
        entry.steps = [(LETTERS[i], step) for i, step in enumerate(shown)]
        letter_of = {step: letter for letter, step in entry.steps}
        entry.key = ", ".join(letter_of[step] for step in d["steps"])
    else:
        entry.prompts = [p["prompt"] for p in d["pairs"]]
        shown = _seeded([p["answer"] for p in d["pairs"]], item.id)
        entry.answers = [(LETTERS[i], answer) for i, answer in enumerate(shown)]
        letter_of = {answer: letter for letter, answer in entry.answers}
        entry.key = ", ".join(f"{i + 1}–{letter_of[p['answer']]}" for i, p in enumerate(d["pairs"]))
    return entry
