"""The kinds of data: one line each, read by everything that treats kinds differently.

A kind is a folder of YAML files under data/ (one item per file, the file name is the id).
Its line in KINDS says, in this order:

- schema: file stem in data/schemas/ (`algorithm` -> data/schemas/algorithm.schema.json)
- title: the field holding the item's display name (a required field of the schema)
- page: where the item lives, relative to docs/. An own page is a path pattern with {id} and
  any top-level field in braces (`services/{category}/{id}.md`); a section of a shared page
  is `page.md#anchor`, where the anchor is `{id}` or one fixed id for the whole kind (rows of
  one table: the print-site plugin keeps ids only on headings, list items and <sup>)
- index: the page that lists every item of the kind (its landing page, or the shared page)
- page_template: for own pages, the file in macros/templates/pages/ a page is generated from
  when docs/ has no Markdown file at that path (a real file wins and adds prose); None for
  shared pages and for kinds whose pages are always written by hand
- nav: how `- nav:<kind>` in mkdocs.yml is expanded: "flat" (one entry per item, by label),
  "grouped" (a section per term of group_by's vocabulary, its index page first) or None
  (the kind's pages are listed by hand, or it has no pages of its own)
- nav_label: field shown in the navigation when present (falls back to the title)
- group_by: (field, vocabulary) for nav "grouped", else None
- search_boost: Material's search boost for the item's own page (None: no own page). The
  page *about* a thing should outrank pages that merely mention it; values chosen with the
  relevance suite (tests/search/queries.yaml): comparisons name their items in every row, so
  a higher boost would let them outrank the items' own pages; exam pages list the title of
  every page that covers a task, so they rank low
- referenced_by: whether the kind's items are listed in "Referenced by" on the pages they
  point at (questions live in the quiz script, not at an address that could be linked)
- study_topic: the flashcard/practice topic its cards carry (a key of study.TOPICS), or None

Adding a kind: its schema, one line here, one render module with its template (and a page
template if it has pages of its own), and its fixture in tests/fixtures/data/. A line that
lacks a setting, or has a wrong one, fails validation naming the kind and the setting.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, fields
from typing import Any

KINDS: dict[str, dict[str, Any]] = {
    "algorithms": dict(schema="algorithm", title="name", page="algorithms/{id}.md", index="algorithms/index.md", page_template="algorithms.md",
                       nav="flat", nav_label="name", group_by=None, search_boost=3, referenced_by=True,
                       study_topic="algorithms"),
    "services": dict(schema="service", title="name", page="services/{category}/{id}.md", index="services/index.md", page_template="services.md",
                     nav="grouped", nav_label="short_name", group_by=("category", "service-categories"), search_boost=3,
                     referenced_by=True, study_topic="services"),
    "comparisons": dict(schema="comparison", title="title", page="comparisons/{id}.md", index="comparisons/index.md", page_template="comparisons.md",
                        nav="flat", nav_label="title", group_by=None, search_boost=1, referenced_by=True, study_topic=None),
    "pipelines": dict(schema="pipeline", title="title", page="pipelines/{id}.md", index="pipelines/index.md", page_template="pipelines.md",
                      nav="flat", nav_label="title", group_by=None, search_boost=1, referenced_by=True, study_topic=None),
    "metrics": dict(schema="metric", title="name", page="metrics/{id}.md", index="metrics/index.md", page_template="metrics.md",
                    nav="flat", nav_label="name", group_by=None, search_boost=3, referenced_by=True, study_topic="metrics"),
    "exams": dict(schema="exam", title="name", page="exams/{id}.md", index="exams/index.md", page_template=None,
                  nav=None, nav_label="name", group_by=None, search_boost=0.3, referenced_by=True, study_topic=None),
    "activations": dict(schema="activation", title="name", page="concepts/modelling.md#activation-functions", index="concepts/modelling.md",
                        page_template=None, nav=None, nav_label="name", group_by=None, search_boost=None,
                        referenced_by=True, study_topic="concepts"),
    "distributions": dict(schema="distribution", title="name", page="concepts/data-and-statistics.md#{id}", index="concepts/data-and-statistics.md",
                          page_template=None, nav=None, nav_label="name", group_by=None, search_boost=None,
                          referenced_by=True, study_topic="concepts"),
    "techniques": dict(schema="technique", title="name", page="concepts/preparing-data.md#{id}", index="concepts/preparing-data.md", page_template=None,
                       nav=None, nav_label="name", group_by=None, search_boost=None, referenced_by=True,
                       study_topic="concepts"),
    "misconceptions": dict(schema="misconception", title="claim", page="misconceptions.md#{id}", index="misconceptions.md", page_template=None,
                           nav=None, nav_label="claim", group_by=None, search_boost=None, referenced_by=True,
                           study_topic="misconceptions"),
    "questions": dict(schema="question", title="question", page="study/practice.md#{id}", index="study/practice.md", page_template=None,
                      nav=None, nav_label="question", group_by=None, search_boost=None, referenced_by=False,
                      study_topic=None),
    # Case studies: scenarios several questions share, printed in the question bank.
    "cases": dict(schema="case", title="title", page="study/question-bank.md#{id}", index="study/question-bank.md", page_template=None,
                  nav=None, nav_label="title", group_by=None, search_boost=None, referenced_by=False,
                  study_topic=None),
}

NAV_STYLES = {"flat", "grouped", None}
FILE = "macros/kinds.py"


@dataclass(frozen=True)
class Kind:
    folder: str
    schema: str
    title: str
    page: str
    index: str
    page_template: str | None
    nav: str | None
    nav_label: str
    group_by: tuple[str, str] | None
    search_boost: float | None
    referenced_by: bool
    study_topic: str | None

    @property
    def has_own_page(self) -> bool:
        return "#" not in self.page

    def page_of(self, item_id: str, data: dict[str, Any]) -> str:
        """The item's page (shared pages with their #anchor), relative to docs/."""
        values = {name: data.get(name, "") for _, name, _, _ in string.Formatter().parse(self.page) if name}
        return self.page.format(**{**values, "id": item_id})

    def group_index(self, group: str) -> str:
        """The index page of one navigation group: services/<category>/index.md."""
        return self.page.split("{id}")[0].format(**{self.group_by[0]: group}) + "index.md"


SETTINGS = [f.name for f in fields(Kind) if f.name != "folder"]


def kind_problems(table: dict[str, dict[str, Any]], schemas: dict[str, dict], topics: dict[str, str],
                  template_names: set[str]) -> list[tuple[str, str, Any, bool]]:
    """Every missing, unknown or wrong setting in the kinds table, as (field, rule, value,
    has_value) for catalog.Problem. schemas: stem -> schema; topics: study topic ids;
    template_names: files in macros/templates/pages/."""
    found = []
    for kind, row in table.items():
        where = f"KINDS[{kind!r}]"
        for setting in SETTINGS:
            if setting not in row:
                found.append((f"{where}.{setting}", f"kind {kind!r} lacks the setting {setting!r}", None, False))
        for setting in sorted(set(row) - set(SETTINGS)):
            found.append((f"{where}.{setting}", f"unknown setting for kind {kind!r}; settings: {', '.join(SETTINGS)}", setting, True))
        if any(setting not in row for setting in SETTINGS):
            continue
        schema = schemas.get(row["schema"])
        if schema is None:
            found.append((f"{where}.schema", f"kind {kind!r}: no data/schemas/{row['schema']}.schema.json", row["schema"], True))
        elif row["title"] not in schema.get("required", []):
            found.append((f"{where}.title", f"kind {kind!r}: the title field must be a required property of its schema", row["title"], True))
        if not re.fullmatch(r"[a-z0-9/_-]+\.md", str(row["index"])):
            found.append((f"{where}.index", f"kind {kind!r}: the docs-relative path of the page listing its items", row["index"], True))
        own = "#" not in row["page"]
        if own and "{id}" not in row["page"]:
            found.append((f"{where}.page", f"kind {kind!r}: an own page is a pattern with {{id}}", row["page"], True))
        if not own and not re.fullmatch(r"[^#{}]+\.md#(\{id\}|[a-z0-9-]+)", row["page"]):
            found.append((f"{where}.page", f"kind {kind!r}: a shared page is 'page.md#{{id}}' or 'page.md#anchor'", row["page"], True))
        if row["page_template"] is not None and (not own or row["page_template"] not in template_names):
            found.append((f"{where}.page_template", f"kind {kind!r}: no own pages or no file macros/templates/pages/{row['page_template']}", row["page_template"], True))
        if row["nav"] not in NAV_STYLES or (row["nav"] and not own):
            found.append((f"{where}.nav", f"kind {kind!r}: one of 'flat', 'grouped' or None (only kinds with own pages)", row["nav"], True))
        if (row["nav"] == "grouped") != (row["group_by"] is not None):
            found.append((f"{where}.group_by", f"kind {kind!r}: (field, vocabulary) exactly when nav is 'grouped'", row["group_by"], True))
        if own != (row["search_boost"] is not None) or not isinstance(row["search_boost"], (int, float, type(None))):
            found.append((f"{where}.search_boost", f"kind {kind!r}: a number exactly when the kind has own pages", row["search_boost"], True))
        if not isinstance(row["referenced_by"], bool):
            found.append((f"{where}.referenced_by", f"kind {kind!r}: true or false", row["referenced_by"], True))
        if row["study_topic"] is not None and row["study_topic"] not in topics:
            found.append((f"{where}.study_topic", f"kind {kind!r}: a topic of macros/study.py TOPICS ({', '.join(topics)}) or None", row["study_topic"], True))
    return found


def build(table: dict[str, dict[str, Any]]) -> dict[str, Kind]:
    """Kind objects for the rows that have every setting (kind_problems reports the others)."""
    return {
        kind: Kind(kind, **{setting: row[setting] for setting in SETTINGS})
        for kind, row in table.items() if all(setting in row for setting in SETTINGS)
    }


BY_FOLDER: dict[str, Kind] = build(KINDS)
