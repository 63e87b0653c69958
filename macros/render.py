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

from . import filters
from .catalog import Catalog, Item

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=StrictUndefined,
    finalize=filters.text,  # every {{ value }} is escaped unless a filter returned Markup
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # output is Markdown, not HTML: filters.text does the escaping
)
TEMPLATES.filters.update(text=filters.text, code=filters.code, codes=filters.codes, cells=filters.cells)

ALGORITHMS = "algorithms"
CHECK = Markup("✓")


@dataclass(frozen=True)
class PageContext:
    """The catalogue plus the page being rendered (its path relative to docs/)."""

    catalog: Catalog
    page: str

    def ref(self, item_id: str, label: str | None = None) -> Markup:
        """Link to an item's page, relative to the current page so MkDocs can check it."""
        item = self.catalog.get(item_id)
        target = posixpath.relpath(item.page, posixpath.dirname(self.page) or ".")
        return filters.link(label or item.name, target)

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
        multi_gpu=multi_gpu, **values
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


def referrers(catalog: Catalog, item_id: str) -> list[Item]:
    """Items whose data points at item_id (related or confusions), sorted by name."""
    found = []
    for item in catalog.items.values():
        targets = set(item.data.get("related", [])) | {c["with"] for c in item.data.get("confusions", [])}
        if item_id in targets and item.id != item_id:
            found.append(item)
    return sorted(found, key=lambda item: item.name.casefold())


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
    return _render("referenced_by", ctx, item=ctx.catalog.get(item_id), referrers=referrers(ctx.catalog, item_id))


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


def algorithms_by_content_type(ctx: PageContext, direction: str = "training") -> str:
    """One row per MIME type listing the algorithms that accept it (the learner's lookup view)."""
    values_of = _content_type_reader(direction)
    algorithms = ctx.catalog.of_kind(ALGORITHMS)
    rows = [
        (term, [item for item in algorithms if term in values_of(item.data)])
        for term in used_terms("content-types", ctx.catalog, values_of)
    ]
    return _render("algorithms_by_content_type", ctx, rows=rows)


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
