"""Skill-level exam coverage, computed from data/exams/*.yaml only.

Each skill (a numbered MLA-C02 skill, or an MLA-C01 Knowledge/Skills bullet) lists the page
sections that teach it (`taught_by`) and those that only mention it (`mentioned_in`), as item
ids or docs page paths, each optionally with #anchor. Its coverage state follows from that:
taught, mentioned or not yet. One fact, one owner: the exam file says which section teaches a
skill; the sections themselves only have to exist (a missing page or id fails validation here,
a missing anchor fails the strict build, because the exam page links to it).

The crosswalk to a predecessor exam is computed the same way, from each skill's
`predecessors` and `change`. Pure functions: nothing here touches MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import Catalog, Item, Problem

TAUGHT, MENTIONED, NOT_YET = "taught", "mentioned", "not yet"
STATES = (TAUGHT, MENTIONED, NOT_YET)


def tasks_of(exam: Item) -> Iterator[tuple[dict, dict]]:
    for domain in exam.data.get("domains", []):
        for task in domain.get("tasks", []):
            yield domain, task


def skills_of(exam: Item) -> Iterator[tuple[dict, dict, dict]]:
    for domain, task in tasks_of(exam):
        for skill in task.get("skills", []) or []:
            yield domain, task, skill


def state(skill: dict) -> str:
    """taught if a section teaches it, mentioned if one only names it, else not yet."""
    if skill.get("taught_by"):
        return TAUGHT
    return MENTIONED if skill.get("mentioned_in") else NOT_YET


def split_ref(ref: str) -> tuple[str, str]:
    """'concepts/x.md#a' -> ('concepts/x.md', 'a'); 'bedrock' -> ('bedrock', '')."""
    target, _, anchor = ref.partition("#")
    return target, anchor


def ref_page(catalog: Catalog, ref: str) -> str:
    """A taught_by/mentioned_in entry as a docs-relative page path with its #anchor."""
    target, anchor = split_ref(ref)
    page = target if target.endswith(".md") else catalog.get(target).page
    return f"{page}#{anchor}" if anchor and "#" not in page else page


INCOMPLETE = ("partial", "not-transcribed")  # skills_status values: the task's skill list is not whole


@dataclass
class Totals:
    """How many skills of a domain (or exam) are in each state, and how many of its tasks have
    a skill list that is not transcribed in full (then "not yet" is a lower bound, not a count)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    incomplete_tasks: int = 0

    def add(self, skill_state: str) -> None:
        self.counts[skill_state] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def complete(self) -> bool:
        return self.incomplete_tasks == 0


def totals(exam: Item) -> tuple[dict[int, Totals], Totals]:
    """Domain number -> its totals, and the exam's."""
    by_domain: dict[int, Totals] = {domain["number"]: Totals() for domain in exam.data.get("domains", [])}
    overall = Totals()
    for domain, _task, skill in skills_of(exam):
        by_domain[domain["number"]].add(state(skill))
        overall.add(state(skill))
    for domain, task in tasks_of(exam):
        if task.get("skills_status") in INCOMPLETE:
            by_domain[domain["number"]].incomplete_tasks += 1
            overall.incomplete_tasks += 1
    return by_domain, overall


def ref_problems(catalog: Catalog, docs_dir: Path, generated: set[str] | frozenset[str] = frozenset()) -> list[Problem]:
    """Every taught_by/mentioned_in entry names an item with a page or a docs page that exists
    (generated pages count); a skill names a section in one list only."""
    problems = []
    for exam in catalog.of_kind("exams"):
        for d_index, domain in enumerate(exam.data.get("domains", [])):
            for t_index, task in enumerate(domain.get("tasks", [])):
                for s_index, skill in enumerate(task.get("skills", []) or []):
                    where = f"domains[{d_index}].tasks[{t_index}].skills[{s_index}]"
                    for key in ("taught_by", "mentioned_in"):
                        for r_index, ref in enumerate(skill.get(key, []) or []):
                            problem = _ref_problem(catalog, docs_dir, generated, ref)
                            if problem:
                                problems.append(Problem(exam.file, f"{where}.{key}[{r_index}]", problem, ref, True))
                    both = set(skill.get("taught_by", []) or []) & set(skill.get("mentioned_in", []) or [])
                    for ref in sorted(both):
                        problems.append(Problem(exam.file, f"{where}.mentioned_in", "already in taught_by: a section either teaches a skill or mentions it", ref, True))
    return problems


def _ref_problem(catalog: Catalog, docs_dir: Path, generated, ref: str) -> str | None:
    target, anchor = split_ref(ref)
    if target.endswith(".md"):
        if not (docs_dir / target).is_file() and target not in generated:
            return f"no page docs/{target}"
        return None
    item = catalog.items.get(target)
    if item is None:
        return "no item has this id"
    if not item.has_own_page and anchor:
        return f"{item.kind} have no page of their own (this one is shown at {item.page}): leave out the #anchor"
    return None


# --- crosswalk ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrosswalkRow:
    skill: dict
    task: dict
    change: str
    predecessors: list[str]


def crosswalk(exam: Item, predecessor: Item) -> tuple[list[CrosswalkRow], list[tuple[dict, dict]], list[dict]]:
    """Rows for every skill of `exam` (new, changed, unchanged), the predecessor's skills no skill
    carries on (dropped) with their task, and the predecessor's tasks not compared yet: those
    whose successor tasks' skill lists are not complete, so a missing link there means
    'not transcribed', not 'dropped'."""
    rows = [CrosswalkRow(skill, task, skill.get("change", "new"), list(skill.get("predecessors", [])))
            for _domain, task, skill in skills_of(exam)]
    reached = {number for row in rows for number in row.predecessors}
    complete_successors: dict[str, bool] = {}
    for _domain, task in tasks_of(exam):
        for number in task.get("predecessors", []) or []:
            ok = task.get("skills_status") == "complete"
            complete_successors[number] = complete_successors.get(number, True) and ok
    dropped, not_compared = [], []
    for _domain, task in tasks_of(predecessor):
        if not complete_successors.get(task["number"], False) or task.get("skills_status") != "complete":
            not_compared.append(task)
            continue
        dropped += [(skill, task) for skill in task.get("skills", []) if skill["number"] not in reached]
    return rows, dropped, not_compared


def lookup_skill(exam: Item, number: str) -> dict[str, Any] | None:
    return next((skill for _d, _t, skill in skills_of(exam) if skill["number"] == number), None)
