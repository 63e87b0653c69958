"""Which page covers which exam task: read once per build, before any page is rendered.

Item pages take their mapping from the item's `exam_tasks` field; prose pages declare it in
their front matter. Pages that teach no exam task (home, indexes, the glossary) say
`navigation_page: true` instead. Exam pages need the whole map before the pages that cover
their tasks are rendered, so it is built from the files, not collected during the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .catalog import Catalog, Item, Problem
from .validate import exam_task_problems

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
HOW_TO_DECLARE = (
    "declare the exam tasks the page covers in its front matter (exam_tasks: {mla-c01: ['1.2'], "
    "mls-c01: []}), or navigation_page: true if it teaches no exam task"
)


@dataclass(frozen=True)
class MappedPage:
    path: str  # relative to docs/
    title: str
    tasks: dict[str, list[str]] = field(default_factory=dict)  # exam id -> task numbers; {} for navigation pages
    navigation: bool = False


@dataclass
class ExamMap:
    pages: dict[str, MappedPage] = field(default_factory=dict)  # docs-relative path -> page

    def covering(self, exam_id: str, number: str) -> list[MappedPage]:
        """Pages that cover one task, sorted by title."""
        found = [page for page in self.pages.values() if number in page.tasks.get(exam_id, [])]
        return sorted(found, key=lambda page: page.title.casefold())


def front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    meta = yaml.safe_load(match.group(1))
    return meta if isinstance(meta, dict) else {}


def build_exam_map(docs_dir: Path, catalog: Catalog, generated: dict[str, Item] | None = None) -> tuple[ExamMap, list[Problem]]:
    """Every Markdown page under docs_dir with its tasks, and every problem in the declarations;
    generated item pages (path -> item, see pages.py) take their tasks from the item."""
    items = {item.page: item for item in catalog.items.values() if item.has_own_page}
    exam_map, problems = ExamMap(), []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        shown = f"docs/{relative}"
        text = path.read_text(encoding="utf-8")
        try:
            meta = front_matter(text)
        except yaml.YAMLError as error:
            problems.append(Problem(shown, "front matter", f"YAML syntax error: {error}"))
            continue
        item = items.get(relative)
        heading = HEADING.search(FRONT_MATTER.sub("", text, count=1))
        title = meta.get("title") or (item.name if item else heading.group(1) if heading else relative)
        declared = meta.get("exam_tasks")
        if item is not None and "exam_tasks" in item.data:
            if declared is not None:
                problems.append(Problem(shown, "exam_tasks", f"declared twice: this page's tasks come from {item.file}; remove them here"))
            exam_map.pages[relative] = MappedPage(relative, title, item.data["exam_tasks"])
        elif meta.get("navigation_page") is True:
            if declared is not None:
                problems.append(Problem(shown, "exam_tasks", "a navigation page covers no exam task: remove exam_tasks or navigation_page"))
            exam_map.pages[relative] = MappedPage(relative, title, {}, navigation=True)
        elif declared is None:
            problems.append(Problem(shown, "front matter", f"no exam mapping: {HOW_TO_DECLARE}"))
        else:
            found = exam_task_problems(catalog, shown, declared)
            problems += found
            if not found:
                exam_map.pages[relative] = MappedPage(relative, title, declared)
    for relative, item in sorted((generated or {}).items()):
        tasks = item.data.get("exam_tasks")
        exam_map.pages[relative] = MappedPage(relative, item.name, tasks or {}, navigation=tasks is None)
    return exam_map, problems


def uncovered_tasks(exam_map: ExamMap, catalog: Catalog) -> dict[str, list[str]]:
    """exam id -> numbers of the tasks no page covers."""
    return {
        exam_id: [number for number in tasks if not exam_map.covering(exam_id, number)]
        for exam_id, tasks in catalog.exam_tasks().items()
    }
