"""Comparisons (tables drawn from the compared items' data) and solution pipelines."""

from __future__ import annotations

from markupsafe import Markup

from .. import filters
from ..catalog import Catalog, Item
from .base import PageContext, field_text, macro, render_template
from .services import status_badge

COMPARISONS = "comparisons"
PIPELINES = "pipelines"


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


@macro
def comparison_table(ctx: PageContext, item_id: str) -> str:
    comparison = ctx.item_of_kind(item_id, COMPARISONS)
    headers, rows = _comparison_grid(ctx, comparison)
    return render_template("comparison_table", ctx, item=comparison, headers=headers, rows=rows)


@macro
def comparison_tables(ctx: PageContext, item_ids: list[str]) -> str:
    """Several comparisons in a row (for the cheat sheet): title, table and rules of thumb."""
    comparisons = [ctx.item_of_kind(item_id, COMPARISONS) for item_id in item_ids]
    return render_template("comparison_tables", ctx, grids=[(c, *_comparison_grid(ctx, c)) for c in comparisons])


@macro
def comparisons_index(ctx: PageContext) -> str:
    def compared(comparison: Item) -> Markup:
        return Markup(", ").join(comparison_headers(ctx, comparison))

    return render_template("comparisons_index", ctx, items=ctx.catalog.of_kind(COMPARISONS), compared=compared)


@macro
def pipeline_diagram(ctx: PageContext, item_id: str) -> str:
    pipeline = ctx.item_of_kind(item_id, PIPELINES)
    steps = [(ctx.catalog.get(step["item"]), step["does"]) for step in pipeline.data["steps"]]
    return render_template("pipeline_diagram", ctx, item=pipeline, steps=steps)


@macro
def pipelines_index(ctx: PageContext) -> str:
    return render_template("pipelines_index", ctx, items=ctx.catalog.of_kind(PIPELINES))
