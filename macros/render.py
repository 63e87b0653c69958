"""Pure render functions: catalogue data in, Markdown out.

Nothing here touches MkDocs objects, so every function is unit-tested without a build. Each
public function renders the template of the same name in macros/templates/.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import filters, study
from .catalog import Catalog, Item
from .exam_map import ExamMap
from .validate import schema_at

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=StrictUndefined,
    finalize=filters.text,  # every {{ value }} is escaped unless a filter returned Markup
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # output is Markdown, not HTML: filters.text does the escaping
)
TEMPLATES.filters.update(text=filters.text, code=filters.code, codes=filters.codes, cells=filters.cells, slug=filters.slug, math=filters.math)

ALGORITHMS = "algorithms"
SERVICES = "services"
COMPARISONS = "comparisons"
PIPELINES = "pipelines"
METRICS = "metrics"
EXAMS = "exams"
CHECK = Markup("✓")


@dataclass(frozen=True)
class PageContext:
    """The catalogue plus the page being rendered (its path relative to docs/)."""

    catalog: Catalog
    page: str
    page_url: str = ""  # the page's URL relative to the site root, for links to non-page files
    exam_map: ExamMap | None = None  # which page covers which exam task (exam pages need it)
    directory_urls: bool = True  # False in the offline copy: pages are <name>.html

    def ref(self, item_id: str, label: str | None = None) -> Markup:
        """Link to an item's page, relative to the current page so MkDocs can check it."""
        item = self.catalog.get(item_id)
        return self.page_link(item.page, label or item.name)

    def page_link(self, page: str, label: str) -> Markup:
        """Link to any page by its path under docs/ (MkDocs checks that it exists)."""
        return filters.link(label, posixpath.relpath(page, posixpath.dirname(self.page) or "."))

    def short_name(self, item_id: str) -> str:
        item = self.catalog.get(item_id)
        return item.data.get("short_name") or item.name

    def label(self, vocabulary: str, term_id: str) -> str:
        return self.catalog.vocabularies[vocabulary].label(term_id)

    def labels(self, vocabulary: str, term_ids: list[str]) -> str:
        return ", ".join(self.label(vocabulary, term_id) for term_id in term_ids)

    def item_of_kind(self, item_id: str, kind: str) -> Item:
        item = self.catalog.get(item_id)
        if item.kind != kind:
            raise ValueError(f"{item_id!r} is a {item.kind[:-1]}, not one of {kind}")
        return item


def _render(template: str, ctx: PageContext, **values) -> str:
    return TEMPLATES.get_template(f"{template}.md.j2").render(
        ctx=ctx, ref=ctx.ref, label=ctx.label, labels=ctx.labels, link=filters.link, check=CHECK,
        page_link=ctx.page_link, short_name=ctx.short_name, multi_gpu=multi_gpu, **values
    )


def used_terms(vocabulary: str, catalog: Catalog, values_of) -> list[str]:
    """Terms of a vocabulary that at least one algorithm uses, in vocabulary order."""
    used = {term for item in catalog.of_kind(ALGORITHMS) for term in values_of(item.data)}
    return [term for term in catalog.vocabularies[vocabulary].terms if term in used]


def multi_gpu(training: dict) -> str:
    """Wording for supports_multi_gpu, whose null means two different things."""
    if training["supports_multi_gpu"] is not None:
        return "yes" if training["supports_multi_gpu"] else "no"
    return "not documented by AWS" if "gpu" in training["processors"] else "not applicable (no GPU training)"


def ticks(columns: list[str], present) -> list[Markup | str]:
    """One matrix row: a tick under each column whose term is present, else an empty cell."""
    present = set(present)
    return [CHECK if column in present else "" for column in columns]


def field_text(catalog: Catalog, item: Item, path: str) -> str:
    """A field of an item's data as display text: vocabulary ids become labels, lists are joined."""
    value = item.data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None or value == []:
        return "—"
    field_schema = schema_at(catalog.schema_of(item), path) or {}
    vocabulary = field_schema.get("x-vocab") or field_schema.get("items", {}).get("x-vocab")
    values = value if isinstance(value, list) else [value]
    if vocabulary:
        values = [catalog.vocabularies[vocabulary].label(v) for v in values]
    return ", ".join("yes" if v is True else "no" if v is False else str(v) for v in values)


# --- one function per macro -------------------------------------------------------------


def ref(ctx: PageContext, item_id: str, label: str | None = None) -> str:
    return ctx.ref(item_id, label)


def algorithm_at_a_glance(ctx: PageContext, item_id: str) -> str:
    return _render("algorithm_at_a_glance", ctx, item=ctx.item_of_kind(item_id, ALGORITHMS))


def algorithm_facts(ctx: PageContext, item_id: str) -> str:
    item = ctx.item_of_kind(item_id, ALGORITHMS)
    hyperparameters = sorted(item.data["hyperparameters"], key=lambda h: not h["required"])
    return _render("algorithm_facts", ctx, item=item, hyperparameters=hyperparameters)


def referenced_by(ctx: PageContext, item_id: str) -> str:
    return _render("referenced_by", ctx, item=ctx.catalog.get(item_id), referrers=ctx.catalog.referrers(item_id))


def algorithm_overview_table(ctx: PageContext) -> str:
    return _render("algorithm_overview_table", ctx, algorithms=ctx.catalog.of_kind(ALGORITHMS))


CONTENT_TYPE_READERS = {
    "training": lambda data: data["training"]["content_types"],
    "inference": lambda data: data["inference"]["request_content_types"],
}


def _content_type_reader(direction: str):
    if direction not in CONTENT_TYPE_READERS:
        raise ValueError(f"direction must be one of {sorted(CONTENT_TYPE_READERS)}, not {direction!r}")
    return CONTENT_TYPE_READERS[direction]


def content_type_matrix(ctx: PageContext, direction: str = "training") -> str:
    """Algorithms × MIME types. direction: 'training' or 'inference' (request types)."""
    values_of = _content_type_reader(direction)
    columns = used_terms("content-types", ctx.catalog, values_of)
    rows = [(item, ticks(columns, values_of(item.data))) for item in ctx.catalog.of_kind(ALGORITHMS)]
    labels = [ctx.label("content-types", column) for column in columns]
    return _render("content_type_matrix", ctx, columns=columns, column_labels=labels, rows=rows)


def content_type_index(ctx: PageContext) -> str:
    """A section per MIME type: what it is and which algorithms read it, for training and in
    requests. One heading each, so search and links can land on the exact type."""
    algorithms = ctx.catalog.of_kind(ALGORITHMS)
    used = {ct for reader in CONTENT_TYPE_READERS.values() for item in algorithms for ct in reader(item.data)}
    sections = [
        (term_id, term, {
            direction: [item for item in algorithms if term_id in reader(item.data)]
            for direction, reader in CONTENT_TYPE_READERS.items()
        })
        for term_id, term in ctx.catalog.vocabularies["content-types"].terms.items() if term_id in used
    ]
    return _render("content_type_index", ctx, sections=sections)


def training_matrix(ctx: PageContext) -> str:
    modes = list(ctx.catalog.vocabularies["input-modes"].terms)
    rows = [
        (item, ticks(modes, [m["mode"] for m in item.data["training"]["input_modes"]]))
        for item in ctx.catalog.of_kind(ALGORITHMS)
    ]
    return _render("training_matrix", ctx, mode_labels=[ctx.label("input-modes", m) for m in modes], rows=rows)


def required_hyperparameters_table(ctx: PageContext) -> str:
    rows = [
        (item, parameter)
        for item in ctx.catalog.of_kind(ALGORITHMS)
        for parameter in item.data["hyperparameters"]
        if parameter["required"] or parameter.get("required_when")
    ]
    return _render("required_hyperparameters_table", ctx, rows=rows)


def problem_type_index(ctx: PageContext) -> str:
    algorithms = ctx.catalog.of_kind(ALGORITHMS)
    groups = [
        (problem, [item for item in algorithms if problem in item.data["problem_types"]])
        for problem in ctx.catalog.vocabularies["problem-types"].terms
    ]
    return _render("problem_type_index", ctx, groups=[(p, items) for p, items in groups if items])


# --- services -----------------------------------------------------------------------------


def status_badge(item: Item) -> Markup:
    """An inline badge for anything not active ("Discontinued 2024-01-31"); empty when active."""
    status = item.data.get("status", {"state": "active"})
    if status["state"] == "active":
        return Markup("")
    words = filters.text(f"{status['state'].replace('-', ' ').capitalize()} {status.get('date', '')}".strip())
    return Markup(f'<span class="kb-badge kb-badge--{status["state"]}">{words}</span>')


def service_at_a_glance(ctx: PageContext, item_id: str) -> str:
    return _render("service_at_a_glance", ctx, item=ctx.item_of_kind(item_id, SERVICES), badge=status_badge)


def service_facts(ctx: PageContext, item_id: str) -> str:
    return _render("service_facts", ctx, item=ctx.item_of_kind(item_id, SERVICES))


def service_category_index(ctx: PageContext, category: str) -> str:
    if category not in ctx.catalog.vocabularies["service-categories"].terms:
        raise ValueError(f"unknown service category {category!r}")
    items = [item for item in ctx.catalog.of_kind(SERVICES) if item.data["category"] == category]
    return _render("service_category_index", ctx, items=items, badge=status_badge)


def services_index(ctx: PageContext) -> str:
    """Every category with its services, for the services landing page."""
    services = ctx.catalog.of_kind(SERVICES)
    groups = [
        (category, [item for item in services if item.data["category"] == category])
        for category in ctx.catalog.vocabularies["service-categories"].terms
    ]
    return _render("services_index", ctx, groups=[(c, items) for c, items in groups if items], badge=status_badge)


def service_limits_table(ctx: PageContext) -> str:
    """Every key fact that is a number or limit (its value has a digit), by service category."""
    rows = [
        (item, fact)
        for category in ctx.catalog.vocabularies["service-categories"].terms
        for item in ctx.catalog.of_kind(SERVICES) if item.data["category"] == category
        for fact in item.data["key_facts"] if any(char.isdigit() for char in fact["value"])
    ]
    return _render("service_limits_table", ctx, rows=rows)


def download_link(ctx: PageContext, file_name: str, label: str) -> Markup:
    """A link to a file that make pdf / make offline put in site/downloads/ (not a docs page,
    so MkDocs cannot check it; tests/test_offline.py checks the files exist after make pdf)."""
    target = posixpath.relpath("downloads/" + file_name, posixpath.dirname(ctx.page_url) or ".")
    return Markup('<a href="{}">{}</a>').format(target, label)


def retired_services_table(ctx: PageContext) -> str:
    """Every service whose status is not active: what happened, when, and what replaces it."""
    items = [item for item in ctx.catalog.of_kind(SERVICES) if item.data["status"]["state"] != "active"]
    items.sort(key=lambda item: item.data["status"]["date"], reverse=True)  # newest first; ties by name
    return _render("retired_services_table", ctx, items=items)


# --- comparisons and pipelines ------------------------------------------------------------


def comparison_cells(catalog: Catalog, comparison: Item) -> list[tuple[str, list[str]]]:
    """(row label, one cell per compared item or option) for every row.

    Cells of field and key_fact rows are drawn from the items' own data; values rows are
    written in the comparison.
    """
    column_ids = comparison.data.get("items") or [option["id"] for option in comparison.data["options"]]
    rows = []
    for row in comparison.data["rows"]:
        if "field" in row:
            cells = [field_text(catalog, catalog.get(i), row["field"]) for i in column_ids]
        elif "key_fact" in row:
            cells = [next(f["value"] for f in catalog.get(i).data["key_facts"] if f["name"] == row["key_fact"]) for i in column_ids]
        else:
            cells = [row["values"][i] for i in column_ids]
        rows.append((row["label"], cells))
    return rows


def comparison_headers(ctx: PageContext, comparison: Item) -> list[Markup]:
    """Column headings: linked item names with their status badge, or option labels linked to their item."""
    if "items" in comparison.data:
        return [
            Markup(f"{ctx.ref(i, ctx.short_name(i))} {status_badge(ctx.catalog.get(i))}".strip())
            for i in comparison.data["items"]
        ]
    return [
        ctx.ref(option["item"], option["label"]) if option.get("item") else filters.text(option["label"])
        for option in comparison.data["options"]
    ]


def _comparison_grid(ctx: PageContext, comparison: Item) -> tuple[list, list]:
    """(column headings, rows) of a comparison, transposed for layout: rows."""
    headers = comparison_headers(ctx, comparison)
    rows = comparison_cells(ctx.catalog, comparison)
    if comparison.data.get("layout") == "rows":  # one row per compared item
        labels = [label for label, _ in rows]
        return labels, [(header, [cells[index] for _, cells in rows]) for index, header in enumerate(headers)]
    return headers, rows


def comparison_table(ctx: PageContext, item_id: str) -> str:
    comparison = ctx.item_of_kind(item_id, COMPARISONS)
    headers, rows = _comparison_grid(ctx, comparison)
    return _render("comparison_table", ctx, item=comparison, headers=headers, rows=rows)


def comparison_tables(ctx: PageContext, item_ids: list[str]) -> str:
    """Several comparisons in a row (for the cheat sheet): title, table and rules of thumb."""
    comparisons = [ctx.item_of_kind(item_id, COMPARISONS) for item_id in item_ids]
    return _render("comparison_tables", ctx, grids=[(c, *_comparison_grid(ctx, c)) for c in comparisons])


def comparisons_index(ctx: PageContext) -> str:
    def compared(comparison: Item) -> Markup:
        return Markup(", ").join(comparison_headers(ctx, comparison))

    return _render("comparisons_index", ctx, items=ctx.catalog.of_kind(COMPARISONS), compared=compared)


def pipeline_diagram(ctx: PageContext, item_id: str) -> str:
    pipeline = ctx.item_of_kind(item_id, PIPELINES)
    steps = [(ctx.catalog.get(step["item"]), step["does"]) for step in pipeline.data["steps"]]
    return _render("pipeline_diagram", ctx, item=pipeline, steps=steps)


def pipelines_index(ctx: PageContext) -> str:
    return _render("pipelines_index", ctx, items=ctx.catalog.of_kind(PIPELINES))


# --- metrics ------------------------------------------------------------------------------


def metric_card(ctx: PageContext, item_id: str) -> str:
    return _render("metric_card", ctx, item=ctx.item_of_kind(item_id, METRICS))


def metric_formulas_table(ctx: PageContext) -> str:
    """Every metric with its formula, grouped by category (metrics page and cheat sheet)."""
    metrics = ctx.catalog.of_kind(METRICS)
    groups = [
        (category, [m for m in metrics if m.data["category"] == category])
        for category in ctx.catalog.vocabularies["metric-categories"].terms
    ]
    return _render("metric_formulas_table", ctx, groups=[(c, items) for c, items in groups if items])


# --- formulas in prose --------------------------------------------------------------------


def formula(ctx: PageContext, caller=None) -> Markup:
    """A display formula written in a prose page, rendered to MathML at build time:

        {% call formula() %}z = \\frac{x - \\mu}{\\sigma}{% endcall %}

    A call block, because the LaTeX stays exactly as typed there (in a quoted argument Jinja
    would read \\f or \\n as escape characters)."""
    if caller is None:
        raise ValueError("formula is a call block: {% call formula() %}LaTeX{% endcall %}")
    return Markup('\n\n<div class="kb-formula">{}</div>\n\n').format(filters.math(caller().strip(), "block"))


# --- data-driven concept tables -----------------------------------------------------------


def distributions_table(ctx: PageContext) -> str:
    """Every distribution: a summary table, then a section each (anchored by id) with its formula."""
    items = sorted(ctx.catalog.of_kind("distributions"), key=lambda item: (item.data["type"], item.name.casefold()))
    return _render("distributions_table", ctx, items=items)


def activation_functions_table(ctx: PageContext) -> str:
    """One row per activation function, each with its sources (links to an activation land on
    the table's section: see catalog.SHARED_ANCHORS)."""
    return _render("activation_functions_table", ctx, items=ctx.catalog.of_kind("activations"))


def techniques_table(ctx: PageContext, category: str) -> str:
    """The techniques of one category ('missing-values' or 'imbalance'): table, then how each works."""
    if category not in ctx.catalog.vocabularies["technique-categories"].terms:
        raise ValueError(f"unknown technique category {category!r}; see data/vocab/technique-categories.yaml")
    items = [item for item in ctx.catalog.of_kind("techniques") if item.data["category"] == category]
    return _render("techniques_table", ctx, items=items)


def misconceptions_list(ctx: PageContext) -> str:
    """Every misconception, grouped by topic in vocabulary order."""
    items = ctx.catalog.of_kind("misconceptions")
    groups = [
        (topic, [item for item in items if item.data["topic"] == topic])
        for topic in ctx.catalog.vocabularies["misconception-topics"].terms
    ]
    return _render("misconceptions_list", ctx, groups=[(t, group) for t, group in groups if group])


def glossary_link(ctx: PageContext, see: str) -> Markup:
    """Where a glossary entry is explained: an item's page, or a page path with optional anchor."""
    if see.split("#")[0].endswith(".md"):
        target = see
        label = "page" if "#" not in see else "section"
        return ctx.page_link(target, _page_title(ctx, target.split("#")[0]) or label)
    return ctx.ref(see)


def _page_title(ctx: PageContext, page: str) -> str:
    mapped = ctx.exam_map.pages.get(page) if ctx.exam_map else None
    return mapped.title if mapped else ""


def glossary_list(ctx: PageContext) -> str:
    """The whole glossary, one section per initial letter."""
    groups: dict[str, list[dict]] = {}
    for entry in ctx.catalog.glossary:
        initial = entry["term"][0].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(entry)
    return _render("glossary_list", ctx, groups=groups, see=lambda entry: glossary_link(ctx, entry["see"]))


# --- exams --------------------------------------------------------------------------------


def exam_name(ctx: PageContext, exam_id: str) -> Markup:
    """An exam's code, marked as retired wherever a retired exam is named."""
    exam = ctx.item_of_kind(exam_id, EXAMS)
    status = exam.data["status"]
    if status["state"] == "retired":
        return Markup('{} <span class="kb-exam-badge kb-exam-badge--retired">Retired {}</span>').format(
            filters.text(exam.data["code"]), filters.text(status["date"]))
    if status.get("beta") and not (status.get("general_availability") or {}).get("date"):
        return Markup('{} <span class="kb-exam-badge kb-exam-badge--beta">Beta {}</span>').format(
            filters.text(exam.data["code"]), filters.text(status["beta"]["code"]))
    return filters.text(exam.data["code"])


def missing_facts(exam: Item) -> dict[str, dict]:
    """field -> its missing_facts entry: the format facts and weights an exam file leaves out."""
    return {gap["field"]: gap for gap in exam.data.get("missing_facts", [])}


def missing_fact_text(gap: dict) -> str:
    """How a left-out fact reads on the page."""
    return ("not published in the exam guide" if gap["reason"] == "not-published" else "not verified yet")


def task_anchor(number: str) -> str:
    return "task-" + number.replace(".", "-")


def task_link(ctx: PageContext, exam_id: str, number: str, with_statement: bool = True) -> Markup:
    exam = ctx.item_of_kind(exam_id, EXAMS)
    statement = next(
        task["statement"] for domain in exam.data["domains"] for task in domain["tasks"] if task["number"] == number
    )
    label = f"{number} {statement}" if with_statement else f"Task {number}"
    return ctx.page_link(f"{exam.page}#{task_anchor(number)}", label)


def _exams(ctx: PageContext) -> list[Item]:
    """Active exams first, then retired ones; by code within each."""
    return sorted(ctx.catalog.of_kind(EXAMS), key=lambda e: (e.data["status"]["state"] != "active", e.data["code"]))


def exam_objectives(ctx: PageContext, tasks: dict[str, list[str]]) -> str:
    """The section appended to every content page: which tasks of each exam it covers."""
    rows = [
        (exam, [task_link(ctx, exam.id, number) for number in sorted(tasks.get(exam.id, []))])
        for exam in _exams(ctx)
    ]
    return _render("_exam_objectives", ctx, rows=rows, exam_name=lambda exam: exam_name(ctx, exam.id))


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
    return _render("exam_guide", ctx, item=exam, covering=covering, covered=covered, successor=successor,
                   exam_name=lambda exam_id: exam_name(ctx, exam_id), task_link=lambda e, n: task_link(ctx, e, n),
                   task_anchor=task_anchor, gaps=missing_facts(exam), gap_text=missing_fact_text)


def exams_overview(ctx: PageContext) -> str:
    """The exams side by side: status, format, scoring, cost, domains."""
    return _render("exams_overview", ctx, exams=_exams(ctx), exam_name=lambda exam_id: exam_name(ctx, exam_id),
                   gaps={exam.id: missing_facts(exam) for exam in _exams(ctx)}, gap_text=missing_fact_text)


def exam_crosswalk(ctx: PageContext) -> str:
    """Each retired exam's tasks mapped to its successor's, then successor tasks with no predecessor."""
    walks = []
    for exam in _exams(ctx):
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
    return _render("exam_crosswalk", ctx, walks=walks, task_link=lambda e, n: task_link(ctx, e, n),
                   exam_name=lambda exam_id: exam_name(ctx, exam_id))


# --- study tools (issue #8) ----------------------------------------------------------------


def site_url(page: str, directory_urls: bool = True) -> str:
    """A docs-relative source path (optionally #anchor) as the built page's URL path:
    'algorithms/xgboost.md' -> 'algorithms/xgboost/' ('algorithms/xgboost.html' in the offline
    copy, which turns directory URLs off), 'index.md' -> '' ('index.html')."""
    path, _, anchor = page.partition("#")
    stem = path.removesuffix(".md")
    if not directory_urls:
        url = stem + ".html"
    else:
        url = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return url + (f"#{anchor}" if anchor else "")


def relative_url(ctx: PageContext, page: str) -> str:
    """URL of a docs page relative to the page being rendered (so it works from file:// too)."""
    path, _, anchor = site_url(page, ctx.directory_urls).partition("#")
    relative = posixpath.relpath(path or ".", posixpath.dirname(ctx.page_url) or ".")
    if ctx.directory_urls or relative == ".":
        relative = relative.rstrip("/") + "/"
    return relative + (f"#{anchor}" if anchor else "")


def _asset(ctx: PageContext, path: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(ctx.page_url) or ".")


def _json_for_script(value) -> Markup:
    """JSON that can sit inside <script type="application/json">: every < is written \\u003c,
    so no '</script>' can close the tag early, and the line gives the print-site plugin's
    tag-matching regular expressions nothing to start on (they are quadratic on long lines)."""
    import json

    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))


def _exams_payload(ctx: PageContext) -> list[dict]:
    return [
        {"id": exam.id, "code": exam.data["code"], "retired": exam.data["status"]["state"] == "retired",
         "retiredOn": exam.data["status"].get("date", ""),
         "domains": [{"number": d["number"], "name": d["name"]} for d in exam.data["domains"]]}
        for exam in _exams(ctx)
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
    return _render(template, ctx, count=len(records), payload=_json_for_script(payload),
                   script=_asset(ctx, "assets/study/study.js"))


def flashcards_app(ctx: PageContext) -> str:
    """The flashcards page: every card generated from the data."""
    return _study_app(ctx, "flashcards_app", "cards", study.flashcards(ctx.catalog, ctx.exam_map))


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
    return _render("algorithm_chooser", ctx, filters=filters_, rows=rows, script=_asset(ctx, "assets/study/study.js"),
                   url=lambda page: relative_url(ctx, page))


def flashcard_count(ctx: PageContext) -> str:
    return str(len(study.flashcards(ctx.catalog, ctx.exam_map)))
