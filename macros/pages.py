"""Pages and navigation derived from the catalogue, at build time (through macros/hooks.py).

- Every item of a kind with own pages gets one at kind.page_of(...): a real Markdown file in
  docs/ wins (it adds prose and calls the macros itself); otherwise the page is generated
  from the kind's page template in macros/templates/pages/, a Markdown page whose macro calls
  mkdocs-macros then renders like any other page's.
- A nav entry `- nav:<kind>` in mkdocs.yml is replaced by the kind's pages: one entry per
  item, sorted by the label the navigation shows, or for a grouped kind one section per
  vocabulary term (the group's index page first, then its items). mkdocs.yml holds only the
  hand-written structure.

Pure functions of the catalogue; the MkDocs objects are handled by the hook module.
"""

from __future__ import annotations

import html
import re
import string
from pathlib import Path
from typing import Any

from .catalog import KINDS, PAGE_TEMPLATES, Catalog, Item
from .kinds import Kind

NAV_PLACEHOLDER = re.compile(r"^nav:(?P<kind>[a-z][a-z0-9-]*)$")


# In a heading, these would start HTML, Markdown formatting or (braces) a macro call. An
# underscore inside a word (RANDOM_CUT_FOREST) is not emphasis and stays as written.
_HEADING_SPECIAL = re.compile(r"[&<>\\`*\[\]{}|$~^!]|(?<!\w)_|_(?!\w)")


def heading_text(name: str) -> str:
    """A name as inert heading text: special characters become numeric character references."""
    return _HEADING_SPECIAL.sub(lambda match: f"&#{ord(match.group(0))};", " ".join(name.split()))


def page_source(item: Item) -> str:
    """The Markdown of an item's generated page: its kind's page template with $id and $name
    (the name made inert; ids are kebab-case)."""
    template = string.Template((PAGE_TEMPLATES / item.settings.page_template).read_text(encoding="utf-8"))
    return template.substitute(id=item.id, name=heading_text(item.name))


def generated_pages(catalog: Catalog, docs_dir: Path) -> dict[str, Item]:
    """docs-relative path -> item, for every item page that docs/ does not hold as a file."""
    return {
        item.page: item
        for item in catalog.items.values()
        if item.has_own_page and item.settings.page_template and not (docs_dir / item.page).is_file()
    }


def _entry(item: Item) -> dict[str, str]:
    return {nav_title(item.nav_label): item.page}


def nav_title(label: str) -> str:
    """A label as a navigation title: MkDocs and Material write titles into the HTML as they
    are, so a label from data is escaped (`<`, `>`, `&`)."""
    return html.escape(label, quote=False)


def nav_block(catalog: Catalog, kind: str) -> list[Any]:
    """The navigation entries that `- nav:<kind>` stands for."""
    settings = _navigable_kind(kind)
    by_label = sorted(catalog.of_kind(kind), key=lambda item: item.nav_label.casefold())
    if settings.nav == "flat":
        return [_entry(item) for item in by_label]
    field, vocabulary = settings.group_by
    return [
        {nav_title(term["label"]): [settings.group_index(group), *[_entry(item) for item in by_label if item.data[field] == group]]}
        for group, term in catalog.vocabularies[vocabulary].terms.items()
    ]


def _navigable_kind(kind: str) -> Kind:
    settings = KINDS.get(kind)
    if settings is None or settings.nav is None:
        navigable = sorted(name for name, k in KINDS.items() if k.nav)
        raise ValueError(f"mkdocs.yml nav: 'nav:{kind}' names no kind with generated navigation; use one of "
                         + ", ".join(f"nav:{name}" for name in navigable))
    return settings


def expand_nav(nav: Any, catalog: Catalog) -> Any:
    """The nav with every `nav:<kind>` entry replaced by that kind's entries (spliced in place)."""
    if not isinstance(nav, list):
        return nav
    expanded: list[Any] = []
    for entry in nav:
        match = NAV_PLACEHOLDER.match(entry) if isinstance(entry, str) else None
        if match:
            expanded += nav_block(catalog, match["kind"])
        elif isinstance(entry, dict):
            expanded.append({title: expand_nav(value, catalog) for title, value in entry.items()})
        else:
            expanded.append(entry)
    return expanded
