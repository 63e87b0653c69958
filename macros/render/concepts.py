"""ML concepts: metrics, formulas in prose, distributions, activation functions, data
preparation techniques, misconceptions and the glossary.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import filters
from .base import PageContext, macro, render_template

METRICS = "metrics"


@macro
def metric_card(ctx: PageContext, item_id: str) -> str:
    return render_template("metric_card", ctx, item=ctx.item_of_kind(item_id, METRICS))


@macro
def metric_formulas_table(ctx: PageContext) -> str:
    """Every metric with its formula, grouped by category (metrics page and cheat sheet)."""
    metrics = ctx.catalog.of_kind(METRICS)
    groups = [
        (category, [m for m in metrics if m.data["category"] == category])
        for category in ctx.catalog.vocabularies["metric-categories"].terms
    ]
    return render_template("metric_formulas_table", ctx, groups=[(c, items) for c, items in groups if items])


@macro
def formula(ctx: PageContext, caller=None) -> Markup:
    """A display formula written in a prose page, rendered to MathML at build time:

        {% call formula() %}z = \\frac{x - \\mu}{\\sigma}{% endcall %}

    A call block, because the LaTeX stays exactly as typed there (in a quoted argument Jinja
    would read \\f or \\n as escape characters)."""
    if caller is None:
        raise ValueError("formula is a call block: {% call formula() %}LaTeX{% endcall %}")
    return Markup('\n\n<div class="kb-formula">{}</div>\n\n').format(filters.math(caller().strip(), "block"))


@macro
def distributions_table(ctx: PageContext) -> str:
    """Every distribution: a summary table, then a section each (anchored by id) with its formula."""
    items = sorted(ctx.catalog.of_kind("distributions"), key=lambda item: (item.data["type"], item.name.casefold()))
    return render_template("distributions_table", ctx, items=items)


@macro
def activation_functions_table(ctx: PageContext) -> str:
    """One row per activation function, each with its sources (links to an activation land on
    the table's section: see the activations line of kinds.KINDS)."""
    return render_template("activation_functions_table", ctx, items=ctx.catalog.of_kind("activations"))


@macro
def techniques_table(ctx: PageContext, category: str) -> str:
    """The techniques of one category ('missing-values' or 'imbalance'): table, then how each works."""
    if category not in ctx.catalog.vocabularies["technique-categories"].terms:
        raise ValueError(f"unknown technique category {category!r}; see data/vocab/technique-categories.yaml")
    items = [item for item in ctx.catalog.of_kind("techniques") if item.data["category"] == category]
    return render_template("techniques_table", ctx, items=items)


@macro
def misconceptions_list(ctx: PageContext) -> str:
    """Every misconception, grouped by topic in vocabulary order."""
    items = ctx.catalog.of_kind("misconceptions")
    groups = [
        (topic, [item for item in items if item.data["topic"] == topic])
        for topic in ctx.catalog.vocabularies["misconception-topics"].terms
    ]
    return render_template("misconceptions_list", ctx, groups=[(t, group) for t, group in groups if group])


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


@macro
def glossary_list(ctx: PageContext) -> str:
    """The whole glossary, one section per initial letter."""
    groups: dict[str, list[dict]] = {}
    for entry in ctx.catalog.glossary:
        initial = entry["term"][0].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(entry)
    return render_template("glossary_list", ctx, groups=groups, see=lambda entry: glossary_link(ctx, entry["see"]))
