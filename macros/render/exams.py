"""Exams: names with their status, guides with the pages covering each task, the overview,
the crosswalk, and the "Exam objectives" section appended to every content page.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import filters
from ..catalog import Item
from .base import PageContext, macro, render_template

EXAMS = "exams"


@macro
def exam_name(ctx: PageContext, exam_id: str) -> Markup:
    """An exam's code, marked as retired wherever a retired exam is named."""
    exam = ctx.item_of_kind(exam_id, EXAMS)
    status = exam.data["status"]
    if status["state"] == "retired":
        return Markup('{} <span class="kb-exam-badge kb-exam-badge--retired">Retired {}</span>').format(
            filters.text(exam.data["code"]), filters.text(status["date"]))
    return filters.text(exam.data["code"])


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
    return render_template("exam_guide", ctx, item=exam, covering=covering, covered=covered, successor=successor,
                   exam_name=lambda exam_id: exam_name(ctx, exam_id), task_link=lambda e, n: task_link(ctx, e, n),
                   task_anchor=task_anchor)


@macro
def exams_overview(ctx: PageContext) -> str:
    """The exams side by side: status, format, scoring, cost, domains."""
    return render_template("exams_overview", ctx, exams=ordered_exams(ctx), exam_name=lambda exam_id: exam_name(ctx, exam_id))


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
