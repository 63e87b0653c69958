"""Study tools (issue #8): the flashcards and practice pages and the algorithm chooser."""

from __future__ import annotations

import json

from markupsafe import Markup

from .. import filters, study
from .algorithms import ALGORITHMS
from .base import PageContext, asset_url, macro, relative_url, render_template
from .exams import ordered_exams


def _json_for_script(value) -> Markup:
    """JSON that can sit inside <script type="application/json">: every < is written \\u003c,
    so no '</script>' can close the tag early, and the line gives the print-site plugin's
    tag-matching regular expressions nothing to start on (they are quadratic on long lines)."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))


def _exams_payload(ctx: PageContext) -> list[dict]:
    return [
        {"id": exam.id, "code": exam.data["code"], "retired": exam.data["status"]["state"] == "retired",
         "retiredOn": exam.data["status"].get("date", ""),
         "domains": [{"number": d["number"], "name": d["name"]} for d in exam.data["domains"]]}
        for exam in ordered_exams(ctx)
    ]


def _study_record(ctx: PageContext, record) -> dict:
    data = record.as_dict()
    data["url"] = relative_url(ctx, record.page)
    data["formula"] = str(filters.math(record.formula, "block")) if record.formula else ""
    del data["page"]
    return data


def _study_app(ctx: PageContext, template: str, key: str, records: list) -> str:
    """A study page: the records (cards or questions) with the exams and the topics they use,
    as JSON for docs/assets/study/study.js."""
    topics = [{"id": t, "label": label} for t, label in study.TOPICS.items() if any(r.topic == t for r in records)]
    payload = {"exams": _exams_payload(ctx), "topics": topics, key: [_study_record(ctx, r) for r in records]}
    return render_template(template, ctx, count=len(records), payload=_json_for_script(payload),
                   script=asset_url(ctx, "assets/study/study.js"))


@macro
def flashcards_app(ctx: PageContext) -> str:
    """The flashcards page: every card generated from the data."""
    return _study_app(ctx, "flashcards_app", "cards", study.flashcards(ctx.catalog, ctx.exam_map))


@macro
def practice_app(ctx: PageContext) -> str:
    """The practice-questions page: generated and hand-written questions."""
    return _study_app(ctx, "practice_app", "questions", study.practice_questions(ctx.catalog, ctx.exam_map))


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
    return render_template("algorithm_chooser", ctx, filters=filters_, rows=rows, script=asset_url(ctx, "assets/study/study.js"),
                   url=lambda page: relative_url(ctx, page))


@macro
def flashcard_count(ctx: PageContext) -> str:
    return str(len(study.flashcards(ctx.catalog, ctx.exam_map)))
