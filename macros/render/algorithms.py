"""Built-in algorithms: their page sections and the tables across all of them."""

from __future__ import annotations

from ..catalog import Catalog
from .base import PageContext, macro, render_template, ticks

ALGORITHMS = "algorithms"


def used_terms(vocabulary: str, catalog: Catalog, values_of) -> list[str]:
    """Terms of a vocabulary that at least one algorithm uses, in vocabulary order."""
    used = {term for item in catalog.of_kind(ALGORITHMS) for term in values_of(item.data)}
    return [term for term in catalog.vocabularies[vocabulary].terms if term in used]


def multi_gpu(training: dict) -> str:
    """Wording for supports_multi_gpu, whose null means two different things."""
    if training["supports_multi_gpu"] is not None:
        return "yes" if training["supports_multi_gpu"] else "no"
    return "not documented by AWS" if "gpu" in training["processors"] else "not applicable (no GPU training)"


@macro
def algorithm_at_a_glance(ctx: PageContext, item_id: str) -> str:
    return render_template("algorithm_at_a_glance", ctx, item=ctx.item_of_kind(item_id, ALGORITHMS))


@macro
def algorithm_facts(ctx: PageContext, item_id: str) -> str:
    item = ctx.item_of_kind(item_id, ALGORITHMS)
    hyperparameters = sorted(item.data["hyperparameters"], key=lambda h: not h["required"])
    return render_template("algorithm_facts", ctx, item=item, hyperparameters=hyperparameters, multi_gpu=multi_gpu)


@macro
def algorithm_overview_table(ctx: PageContext) -> str:
    return render_template("algorithm_overview_table", ctx, algorithms=ctx.catalog.of_kind(ALGORITHMS))


CONTENT_TYPE_READERS = {
    "training": lambda data: data["training"]["content_types"],
    "inference": lambda data: data["inference"]["request_content_types"],
}


def _content_type_reader(direction: str):
    if direction not in CONTENT_TYPE_READERS:
        raise ValueError(f"direction must be one of {sorted(CONTENT_TYPE_READERS)}, not {direction!r}")
    return CONTENT_TYPE_READERS[direction]


@macro
def content_type_matrix(ctx: PageContext, direction: str = "training") -> str:
    """Algorithms × MIME types. direction: 'training' or 'inference' (request types)."""
    values_of = _content_type_reader(direction)
    columns = used_terms("content-types", ctx.catalog, values_of)
    rows = [(item, ticks(columns, values_of(item.data))) for item in ctx.catalog.of_kind(ALGORITHMS)]
    labels = [ctx.label("content-types", column) for column in columns]
    return render_template("content_type_matrix", ctx, columns=columns, column_labels=labels, rows=rows)


@macro
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
    return render_template("content_type_index", ctx, sections=sections)


@macro
def training_matrix(ctx: PageContext) -> str:
    modes = list(ctx.catalog.vocabularies["input-modes"].terms)
    rows = [
        (item, ticks(modes, [m["mode"] for m in item.data["training"]["input_modes"]]))
        for item in ctx.catalog.of_kind(ALGORITHMS)
    ]
    return render_template("training_matrix", ctx, mode_labels=[ctx.label("input-modes", m) for m in modes], rows=rows,
                           multi_gpu=multi_gpu)


@macro
def required_hyperparameters_table(ctx: PageContext) -> str:
    rows = [
        (item, parameter)
        for item in ctx.catalog.of_kind(ALGORITHMS)
        for parameter in item.data["hyperparameters"]
        if parameter["required"] or parameter.get("required_when")
    ]
    return render_template("required_hyperparameters_table", ctx, rows=rows)


@macro
def problem_type_index(ctx: PageContext) -> str:
    algorithms = ctx.catalog.of_kind(ALGORITHMS)
    groups = [
        (problem, [item for item in algorithms if problem in item.data["problem_types"]])
        for problem in ctx.catalog.vocabularies["problem-types"].terms
    ]
    return render_template("problem_type_index", ctx, groups=[(p, items) for p, items in groups if items])
