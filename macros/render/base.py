"""Shared by every render module: the template environment, the page context, the macro
registry and the links between pages.

Nothing here touches MkDocs objects, so every function is unit-tested without a build. A
function decorated with @macro is a macro pages may call, under its own name; it renders the
template of the same name in macros/templates/ (macros/__init__.py binds each to the page).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import filters
from ..catalog import Catalog, Item
from ..exam_map import ExamMap

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent.parent / "templates"),
    undefined=StrictUndefined,
    finalize=filters.text,  # every {{ value }} is escaped unless a filter returned Markup
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # output is Markdown, not HTML: filters.text does the escaping
)
TEMPLATES.filters.update(text=filters.text, code=filters.code, codes=filters.codes, cells=filters.cells, slug=filters.slug, math=filters.math)

CHECK = Markup("✓")


MACROS: dict[str, Callable] = {}  # macro name -> render function, filled by @macro as the modules load


def macro(function: Callable) -> Callable:
    """Register a render function as the macro of the same name (first argument: PageContext)."""
    if function.__name__ in MACROS:
        raise ValueError(f"two macros named {function.__name__!r}")
    MACROS[function.__name__] = function
    return function


@dataclass(frozen=True)
class PageContext:
    """The catalogue plus the page being rendered (its path relative to docs/)."""

    catalog: Catalog
    page: str
    page_url: str = ""  # the page's URL relative to the site root, for links to non-page files
    exam_map: ExamMap | None = None  # which page covers which exam task (exam pages need it)
    directory_urls: bool = True  # False in the offline copy: pages are <name>.html

    def ref(self, item_id: str, label: str | None = None) -> Markup:
        """Link to an item's page, relative to the current page so MkDocs can check it.

        A misconception's name is a false claim, so without a label of the page's own it is
        never shown bare: the link reads "Myth: <claim>" and the correction follows it."""
        item = self.catalog.get(item_id)
        if item.kind == "misconceptions" and label is None:
            claim = self.page_link(item.page, myth_label(item))
            return Markup(render_template("_myth_link", self, claim=claim, actually=myth_correction(item)).strip())
        return self.page_link(item.page, label or item.name)

    def page_link(self, page: str, label: str) -> Markup:
        """Link to any page by its path under docs/ (MkDocs checks that it exists)."""
        return filters.link(label, _relative(page, posixpath.dirname(self.page) or "."))

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


@functools.cache
def _relative(page: str, folder: str) -> str:
    """posixpath.relpath of two docs-relative paths (pure: both are relative), remembered: pages
    link to the same few hundred pages thousands of times per build."""
    return posixpath.relpath(page, folder)


MYTH_MARKER = "Myth:"  # what every mention of a misconception outside its own entry starts with


def myth_label(item: Item) -> str:
    """A misconception's claim, marked as false: 'Myth: <claim>'."""
    return f"{MYTH_MARKER} {item.data['claim']}"


def myth_correction(item: Item) -> str:
    """What is true instead: the one-sentence fact where the item has one, else its correction."""
    return item.data.get("fact") or item.data["correction"]


def render_template(template: str, ctx: PageContext, **values) -> str:
    return TEMPLATES.get_template(f"{template}.md.j2").render(
        ctx=ctx, ref=ctx.ref, label=ctx.label, labels=ctx.labels, link=filters.link, check=CHECK,
        page_link=ctx.page_link, short_name=ctx.short_name, **values
    )


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
    field_schema = catalog.field_schema(item, path) or {}
    vocabulary = field_schema.get("x-vocab") or field_schema.get("items", {}).get("x-vocab")
    values = value if isinstance(value, list) else [value]
    if vocabulary:
        values = [catalog.vocabularies[vocabulary].label(v) for v in values]
    return ", ".join("yes" if v is True else "no" if v is False else str(v) for v in values)


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


def asset_url(ctx: PageContext, path: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(ctx.page_url) or ".")


@macro
def ref(ctx: PageContext, item_id: str, label: str | None = None) -> str:
    return ctx.ref(item_id, label)


@macro
def referenced_by(ctx: PageContext, item_id: str) -> str:
    return render_template("referenced_by", ctx, item=ctx.catalog.get(item_id), referrers=ctx.catalog.referrers(item_id))


@macro
def download_link(ctx: PageContext, file_name: str, label: str) -> Markup:
    """A link to a file that make pdf / make offline put in site/downloads/ (not a docs page,
    so MkDocs cannot check it; tests/test_offline.py checks the files exist after make pdf)."""
    target = posixpath.relpath("downloads/" + file_name, posixpath.dirname(ctx.page_url) or ".")
    return Markup('<a href="{}">{}</a>').format(target, label)
