"""Study tools (issues #8, #15): flashcards, drills, the scenario practice quiz, mock exams,
the printable question bank and the algorithm chooser."""

from __future__ import annotations

import html
import json

from markupsafe import Markup

from .. import filters, practice, study
from .algorithms import ALGORITHMS
from .base import PageContext, asset_url, macro, myth_correction, myth_label, relative_url, render_template
from .exams import ordered_exams

COMMON_SCRIPT = "assets/study/common.js"  # readJSON, localStorage, shuffle: loaded before study.js or practice.js


def _json_for_script(value) -> Markup:
    """JSON that can sit inside <script type="application/json">: every < is written \\u003c,
    so no '</script>' can close the tag early, and the line gives the print-site plugin's
    tag-matching regular expressions nothing to start on (they are quadratic on long lines)."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))


def _exams_payload(ctx: PageContext) -> list[dict]:
    return [
        {"id": exam.id, "code": exam.data["code"], "retired": exam.data["status"]["state"] == "retired",
         "retiredOn": exam.data["status"].get("date", ""),
         "domains": [{"number": d["number"], "name": practice.domain_name(d)} for d in exam.data["domains"]]}
        for exam in ordered_exams(ctx)
    ]


def _with_math(text: str) -> str:
    """Card text as HTML: escaped, with each \\( LaTeX \\) rendered as inline MathML."""
    parts = study.INLINE_MATH.split(text)  # text, latex, text, latex, ...
    return "".join(str(filters.math(part, "inline")) if index % 2 else html.escape(part, quote=False) for index, part in enumerate(parts))


def _study_record(ctx: PageContext, record) -> dict:
    data = record.as_dict()
    data["url"] = relative_url(ctx, record.page)
    data["formula"] = str(filters.math(record.formula, "block")) if record.formula else ""
    back = data.get("back", "")
    if study.INLINE_MATH.search(back):  # the page shows the HTML, with MathML for the formulas
        data["backHtml"] = _with_math(back)
    del data["page"]
    return data


def _study_app(ctx: PageContext, template: str, key: str, records: list) -> str:
    """A study page: the records (cards or questions) with the exams and the topics they use,
    as JSON for docs/assets/study/study.js."""
    topics = [{"id": t, "label": label} for t, label in study.TOPICS.items() if any(r.topic == t for r in records)]
    payload = {"exams": _exams_payload(ctx), "topics": topics, key: [_study_record(ctx, r) for r in records]}
    return render_template(template, ctx, count=len(records), payload=_json_for_script(payload),
                   script=asset_url(ctx, "assets/study/study.js"), common_script=asset_url(ctx, COMMON_SCRIPT))


@macro
def flashcards_app(ctx: PageContext) -> str:
    """The flashcards page: every card generated from the data."""
    return _study_app(ctx, "flashcards_app", "cards", study.flashcards(ctx.catalog, ctx.exam_map))


@macro
def drills_app(ctx: PageContext) -> str:
    """The drills page: recall questions generated from the data, by topic."""
    return _study_app(ctx, "drills_app", "questions", study.generated_questions(ctx.catalog, ctx.exam_map))


# --- scenario practice: quiz, mock exams, printable bank (macros/practice.py builds the records)


def _scenario_payload(ctx: PageContext) -> dict:
    def link_of(item_id: str) -> tuple[str, str]:
        item = ctx.catalog.get(item_id)
        if item.kind == "misconceptions":  # a false claim: marked, with what is true instead
            return relative_url(ctx, item.page), f"{myth_label(item)} — actually: {myth_correction(item)}"
        return relative_url(ctx, item.page), item.name

    questions = [practice.record(item, link_of) for item in practice.scenario_questions(ctx.catalog)]
    cases = {case.id: practice.case_record(case) for case in ctx.catalog.of_kind("cases")}
    return {"questions": questions, "cases": cases,
            "types": [{"id": t, "label": label} for t, label in practice.TYPE_LABELS.items() if any(q["type"] == t for q in questions)],
            "topics": [{"id": t, "label": label} for t, label in study.TOPICS.items() if any(q["topic"] == t for q in questions)]}


@macro
def practice_app(ctx: PageContext) -> str:
    """The practice quiz: the hand-written scenario questions only, every question type."""
    payload = _scenario_payload(ctx) | {"exams": _exams_payload(ctx)}
    return render_template("practice_app", ctx, count=len(payload["questions"]), payload=_json_for_script(payload),
                           script=asset_url(ctx, "assets/study/practice.js"), common_script=asset_url(ctx, COMMON_SCRIPT))


@macro
def mock_exam_app(ctx: PageContext) -> str:
    """Timed mock exams, one per exam still offered, drawn from the scenario questions."""
    payload = _scenario_payload(ctx) | {"exams": practice.mock_exams(ctx.catalog), "pending": practice.mock_exams(ctx.catalog, pending=True)}
    return render_template("mock_exam_app", ctx, count=len(payload["questions"]), payload=_json_for_script(payload),
                           script=asset_url(ctx, "assets/study/practice.js"), common_script=asset_url(ctx, COMMON_SCRIPT))


@macro
def mock_exam_table(ctx: PageContext) -> str:
    """Each mock exam's format and how many bank questions each domain holds for it."""
    rows = []
    for exam in practice.mock_exams(ctx.catalog):
        counts = practice.planned_counts(exam["count"], {d["number"]: d["weight"] for d in exam["domains"]})
        rows.append((exam, [(d, counts[d["number"]]) for d in exam["domains"]]))
    secondary = {exam.id: {entry["field"] for entry in exam.data.get("secondary_facts", [])} for exam in ctx.catalog.of_kind("exams")}
    return render_template("mock_exam_table", ctx, rows=rows, pending=practice.mock_exams(ctx.catalog, pending=True),
                           secondary=secondary)


@macro
def question_bank(ctx: PageContext) -> str:
    """Every scenario question as printable text, by exam domain, answers at the end."""
    exam, sections, cases = practice.bank(ctx.catalog)
    case_entries = {case.id: [e for _, entries in sections for e in entries if e.case and e.case.id == case.id] for case in cases}
    return render_template("question_bank", ctx, exam=exam, sections=sections, cases=cases, case_entries=case_entries,
                           paragraphs=practice.paragraphs, type_labels=practice.TYPE_LABELS)


@macro
def scenario_count(ctx: PageContext) -> str:
    return str(len(ctx.catalog.of_kind("questions")))


CHOOSER_FILTERS = [  # (filter id, label, vocabulary or None, values of an algorithm)
    ("problem", "Problem type", "problem-types", lambda d: d["problem_types"]),
    ("learning", "Learning", "learning-types", lambda d: d["learning_types"]),
    ("content", "Training content type", "content-types", lambda d: d["training"]["content_types"]),
    ("processor", "Training on", "processors", lambda d: d["training"]["processors"]),
    ("pipe", "Pipe mode", None, lambda d: ["yes" if any(m["mode"] == "pipe" for m in d["training"]["input_modes"]) else "no"]),
    ("parallel", "Parallelizable (multi-instance)", None, lambda d: ["yes" if d["training"]["is_parallelizable"] else "no"]),
]


@macro
def algorithm_chooser(ctx: PageContext) -> str:
    """Every algorithm in a table whose rows carry their filter values; the script narrows it.
    Without JavaScript the whole table shows and the filters stay hidden."""
    algorithms = ctx.catalog.of_kind(ALGORITHMS)
    filters_ = []
    for key, label, vocabulary, values_of in CHOOSER_FILTERS:
        used = {value for item in algorithms for value in values_of(item.data)}
        if vocabulary:
            options = [(term, ctx.label(vocabulary, term)) for term in ctx.catalog.vocabularies[vocabulary].terms if term in used]
        else:
            options = [(value, value.capitalize()) for value in ("yes", "no") if value in used]
        filters_.append((key, label, options))
    rows = [(item, {key: " ".join(values_of(item.data)) for key, _, _, values_of in CHOOSER_FILTERS}) for item in algorithms]
    return render_template("algorithm_chooser", ctx, filters=filters_, rows=rows, script=asset_url(ctx, "assets/study/study.js"), common_script=asset_url(ctx, COMMON_SCRIPT),
                   url=lambda page: relative_url(ctx, page))


@macro
def flashcard_count(ctx: PageContext) -> str:
    return str(len(study.flashcards(ctx.catalog, ctx.exam_map)))
