"""AWS services: their page sections, the category and landing indexes, limits and retirements."""

from __future__ import annotations

from markupsafe import Markup

from .. import filters
from ..catalog import Item
from .base import PageContext, macro, render_template

SERVICES = "services"


def status_badge(item: Item) -> Markup:
    """An inline badge for anything not active ("Discontinued 2024-01-31"); empty when active."""
    status = item.data.get("status", {"state": "active"})
    if status["state"] == "active":
        return Markup("")
    words = filters.text(f"{status['state'].replace('-', ' ').capitalize()} {status.get('date', '')}".strip())
    return Markup(f'<span class="kb-badge kb-badge--{status["state"]}">{words}</span>')


@macro
def service_at_a_glance(ctx: PageContext, item_id: str) -> str:
    return render_template("service_at_a_glance", ctx, item=ctx.item_of_kind(item_id, SERVICES), badge=status_badge)


@macro
def service_facts(ctx: PageContext, item_id: str) -> str:
    return render_template("service_facts", ctx, item=ctx.item_of_kind(item_id, SERVICES))


@macro
def service_category_index(ctx: PageContext, category: str) -> str:
    if category not in ctx.catalog.vocabularies["service-categories"].terms:
        raise ValueError(f"unknown service category {category!r}")
    items = [item for item in ctx.catalog.of_kind(SERVICES) if item.data["category"] == category]
    return render_template("service_category_index", ctx, items=items, badge=status_badge)


@macro
def services_index(ctx: PageContext) -> str:
    """Every category with its services, for the services landing page."""
    services = ctx.catalog.of_kind(SERVICES)
    groups = [
        (category, [item for item in services if item.data["category"] == category])
        for category in ctx.catalog.vocabularies["service-categories"].terms
    ]
    return render_template("services_index", ctx, groups=[(c, items) for c, items in groups if items], badge=status_badge)


@macro
def service_limits_table(ctx: PageContext) -> str:
    """Every key fact that is a number or limit (its value has a digit), by service category."""
    rows = [
        (item, fact)
        for category in ctx.catalog.vocabularies["service-categories"].terms
        for item in ctx.catalog.of_kind(SERVICES) if item.data["category"] == category
        for fact in item.data["key_facts"] if any(char.isdigit() for char in fact["value"])
    ]
    return render_template("service_limits_table", ctx, rows=rows)


@macro
def retired_services_table(ctx: PageContext) -> str:
    """Every service whose status is not active: what happened, when, and what replaces it."""
    items = [item for item in ctx.catalog.of_kind(SERVICES) if item.data["status"]["state"] != "active"]
    items.sort(key=lambda item: item.data["status"]["date"], reverse=True)  # newest first; ties by name
    return render_template("retired_services_table", ctx, items=items)
