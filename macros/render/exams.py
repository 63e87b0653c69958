"""Exams: names with their status, guides with the pages covering each task, the overview,
the crosswalk, and the "Exam objectives" section appended to every content page.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import exam_coverage, filters
from ..catalog import Item
from .base import PageContext, macro, render_template

EXAMS = "exams"


@macro
def exam_name(ctx: PageContext, exam_id: str) -> Markup:
    """An exam's code, marked as retired (or in beta) wherever such an exam is named."""
    exam = ctx.item_of_kind(exam_id, EXAMS)
    status = exam.data["status"]
    if status["state"] == "retired":
        return Markup('{} <span class="kb-exam-badge kb-exam-badge--retired">Retired {}</span>').format(
            filters.text(exam.data["code"]), filters.text(status["date"]))
    if status.get("beta") and not (status.get("general_availability") or {}).get("date"):
        return Markup('{} <span class="kb-exam-badge kb-exam-badge--beta">Beta {}</span>').format(
            filters.text(exam.data["code"]), filters.text(status["beta"]["code"]))
    return filters.text(exam.data["code"])


@macro
def exam_fact(ctx: PageContext, exam_id: str, path: str) -> Markup:
    """One value of an exam's file, by dotted path ('status.beta.code'), for prose that names it
    (the home page's "Which exam?" box): the date or code then changes in the data alone."""
    value = ctx.item_of_kind(exam_id, EXAMS).data
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            raise ValueError(f"exam_fact: data/exams/{exam_id}.yaml has no {path!r} (missing at {key!r})")
        value = value[key]
    if isinstance(value, dict | list):
        raise ValueError(f"exam_fact: {path!r} of data/exams/{exam_id}.yaml is not a single value")
    return filters.text(str(value))


def missing_facts(exam: Item) -> dict[str, dict]:
    """field -> its missing_facts entry: the format facts and weights an exam file leaves out."""
    return {gap["field"]: gap for gap in exam.data.get("missing_facts", [])}


def secondary_facts(exam: Item) -> dict[str, dict]:
    """field -> its secondary_facts entry: the format facts and weights given from secondary
    sources only (third-party copies of the guide), which the pages mark as such."""
    return {entry["field"]: entry for entry in exam.data.get("secondary_facts", [])}


def missing_fact_text(gap: dict) -> str:
    """How a left-out fact reads on the page."""
    return "not published in the exam guide" if gap["reason"] == "not-published" else "not verified yet"


def task_anchor(number: str) -> str:
    return "task-" + number.replace(".", "-")


def task_link(ctx: PageContext, exam_id: str, number: str, with_statement: bool = True) -> Markup:
    exam = ctx.item_of_kind(exam_id, EXAMS)
    statement = next(
        task["statement"] for domain in exam.data["domains"] for task in domain["tasks"] if task["number"] == number
    )
    label = f"{number} {statement}" if with_statement else f"Task {number}"
    return ctx.page_link(f"{exam.page}#{task_anchor(number)}", label)


def ordered_exams(ctx: PageContext) -> list[Item]:
    """Active exams first, then retired ones; by code within each."""
    return sorted(ctx.catalog.of_kind(EXAMS), key=lambda e: (e.data["status"]["state"] != "active", e.data["code"]))


def exam_objectives(ctx: PageContext, tasks: dict[str, list[str]]) -> str:
    """The section appended to every content page: which tasks of each exam it covers."""
    rows = [
        (exam, [task_link(ctx, exam.id, number) for number in sorted(tasks.get(exam.id, []))])
        for exam in ordered_exams(ctx)
    ]
    return render_template("_exam_objectives", ctx, rows=rows, exam_name=lambda exam: exam_name(ctx, exam.id))


@macro
def exam_guide(ctx: PageContext, exam_id: str) -> str:
    """An exam's facts, domains and tasks, each task with the pages that cover it."""
    exam = ctx.item_of_kind(exam_id, EXAMS)
    if ctx.exam_map is None:
        raise ValueError("exam_guide needs the exam map (it is built with the site)")
    covering = {
        task["number"]: ctx.exam_map.covering(exam.id, task["number"])
        for domain in exam.data["domains"] for task in domain["tasks"]
    }
    successor = exam.data["status"].get("successor")
    covered = [number for number, pages in covering.items() if pages]
    by_domain, overall = exam_coverage.totals(exam)
    return render_template("exam_guide", ctx, item=exam, covering=covering, covered=covered, successor=successor,
                   skills=skill_coverage(ctx, exam), by_domain=by_domain, overall=overall,
                   exam_name=lambda exam_id: exam_name(ctx, exam_id), task_link=lambda e, n: task_link(ctx, e, n),
                   task_anchor=task_anchor, gaps=missing_facts(exam), gap_text=missing_fact_text,
                   secondary=secondary_facts(exam))


@macro
def exams_overview(ctx: PageContext) -> str:
    """The exams side by side: status, format, scoring, cost, domains."""
    return render_template("exams_overview", ctx, exams=ordered_exams(ctx), exam_name=lambda exam_id: exam_name(ctx, exam_id),
                           gaps={exam.id: missing_facts(exam) for exam in ordered_exams(ctx)}, gap_text=missing_fact_text,
                           secondary={exam.id: secondary_facts(exam) for exam in ordered_exams(ctx)})


@macro
def exam_crosswalk(ctx: PageContext) -> str:
    """Each retired exam's tasks mapped to its successor's, then successor tasks with no predecessor."""
    walks = []
    for exam in ordered_exams(ctx):
        successor = exam.data["status"].get("successor")
        if not successor:
            continue
        rows = [
            (task, [task_link(ctx, successor, number) for number in task.get("maps_to", [])])
            for domain in exam.data["domains"] for task in domain["tasks"]
        ]
        reached = {number for task, _ in rows for number in task.get("maps_to", [])}
        new_tasks = [
            task_link(ctx, successor, task["number"])
            for domain in ctx.catalog.get(successor).data["domains"] for task in domain["tasks"]
            if task["number"] not in reached
        ]
        walks.append((exam, ctx.catalog.get(successor), rows, new_tasks))
    return render_template("exam_crosswalk", ctx, walks=walks, task_link=lambda e, n: task_link(ctx, e, n),
                   exam_name=lambda exam_id: exam_name(ctx, exam_id))


# --- skill coverage, skill crosswalk and in-scope lists (issues #17 and #14) ---------------------


def _ref_link(ctx: PageContext, ref: str) -> Markup:
    """A taught_by/mentioned_in entry as a link: the item's name or the page's title, and the
    section it points at."""
    target, anchor = exam_coverage.split_ref(ref)
    if target.endswith(".md"):
        mapped = ctx.exam_map.pages.get(target) if ctx.exam_map else None
        label = mapped.title if mapped else target
    else:
        label = ctx.catalog.get(target).name
    if anchor:
        label = f"{label} › {anchor.replace('-', ' ').replace('_', ' ')}"
    return ctx.page_link(exam_coverage.ref_page(ctx.catalog, ref), label)


def skill_coverage(ctx: PageContext, exam: Item) -> dict[str, list[tuple[dict, str, list[Markup], list[Markup]]]]:
    """Task number -> its skills, each with its coverage state and the links to the sections."""
    rows: dict[str, list] = {}
    for _domain, task in exam_coverage.tasks_of(exam):
        rows[task["number"]] = [
            (skill, exam_coverage.state(skill),
             [_ref_link(ctx, ref) for ref in skill.get("taught_by", [])],
             [_ref_link(ctx, ref) for ref in skill.get("mentioned_in", [])])
            for skill in task.get("skills", []) or []
        ]
    return rows


@macro
def exam_skill_crosswalk(ctx: PageContext, exam_id: str) -> str:
    """An exam against its predecessor: each task's predecessors, each skill as new, changed or
    unchanged with the skills it carries on, and the predecessor's skills nothing carries on."""
    exam = ctx.item_of_kind(exam_id, EXAMS)
    predecessor = ctx.item_of_kind(exam.data["predecessor"], EXAMS)
    rows, dropped, not_compared = exam_coverage.crosswalk(exam, predecessor)
    counts = {change: sum(1 for row in rows if row.change == change) for change in ("new", "changed", "unchanged")}
    tasks = [(task, [task_link(ctx, predecessor.id, number) for number in task.get("predecessors", [])])
             for _domain, task in exam_coverage.tasks_of(exam)]
    return render_template("exam_skill_crosswalk", ctx, exam=exam, predecessor=predecessor, rows=rows, tasks=tasks,
                           dropped=dropped, not_compared=not_compared, counts=counts,
                           task_link=lambda e, n: task_link(ctx, e, n), exam_name=lambda e: exam_name(ctx, e),
                           skill_of=lambda number: exam_coverage.lookup_skill(predecessor, number))


@macro
def exam_scope(ctx: PageContext, exam_id: str) -> str:
    """The services and features an exam's guide declares in and out of scope, with their cards."""
    exam = ctx.item_of_kind(exam_id, EXAMS)
    return render_template("exam_scope", ctx, exam=exam, exam_name=lambda e: exam_name(ctx, e),
                           lists=[("In scope", "in-scope", exam.data.get("in_scope")),
                                  ("Out of scope", "out-of-scope", exam.data.get("out_of_scope"))])
