"""Page metadata set from the data before each page renders: search boost, edit link, the
"last changed" and "last verified" dates; and the sections kept out of search.

Called by macros/__init__.py's on_pre_page_macros / on_post_page_macros; generated pages get
the same as hand-written ones, since both are found by their path.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .catalog import Catalog, Item


def git_last_changed(root: Path) -> dict[str, str]:
    """Date of the last commit touching each file under docs/ and data/, from one git call.
    Empty outside a git checkout (fixture projects, a tarball): pages then show no date."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "docs", "data"],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for entry in log.split("\0")[1:]:
        date, *files = entry.strip().splitlines()
        for file in files:
            dates.setdefault(file, date)  # newest commit first
    return dates


def search_names(item: Item) -> list[str]:
    """The item's name, short name, aliases and former names, as the data spells them."""
    data = item.data
    names = [data.get("name"), data.get("short_name"), *data.get("aliases", []),
             *(former["name"] for former in data.get("former_names", []))]
    return list(dict.fromkeys(str(name) for name in names if name))


class PageMeta:
    """What one build knows about every page: the item behind it, the repository, git dates."""

    def __init__(self, catalog: Catalog, root: Path, repository: str):
        self.item_of_page: dict[str, Item] = {item.page: item for item in catalog.items.values() if item.has_own_page}
        self.repository = repository
        self.last_changed = git_last_changed(root)

    def apply(self, page) -> None:
        """Search boost (the kind's, unless the page's front matter sets one), search terms, edit link to the
        YAML file that holds the facts, and the dates."""
        item = self.item_of_page.get(page.file.src_uri)
        # A generated page has no file of its own (git may still know the deleted stub's date).
        sources = [] if page.file.generated_by else [f"docs/{page.file.src_uri}"]
        if item is not None:
            page.meta.setdefault("search", {}).setdefault("boost", item.settings.search_boost)
            page.meta["kb_last_verified"] = item.data["last_verified"]
            # The item's names and what a learner may call it: two boosted fields of its page
            # in the search index (overrides/hooks/kb_search.py reads these keys).
            page.meta["search_names"] = search_names(item)
            page.meta["search_terms"] = list(item.data.get("search_terms", []))
            page.meta["search_kind"] = item.kind  # "comparisons": "X vs Y" prefers these pages
            sources.append(item.file)
            if self.repository:  # facts are fixed in the data file, not in the page
                page.edit_url = f"{self.repository}/edit/main/{item.file}"
        dates = [self.last_changed[source] for source in sources if source in self.last_changed]
        if dates:
            page.meta["kb_last_changed"] = max(dates)


# Sections that list titles of other pages or documents: search skips them (Material's
# data-search-exclude), so a query finds the page about a thing, not every page citing it.
_UNSEARCHED_SECTION = re.compile(r"^(## (?:Sources|Referenced by))[ \t]*$", re.MULTILINE)


def exclude_from_search(markdown: str) -> str:
    return _UNSEARCHED_SECTION.sub(r"\1 {: data-search-exclude }", markdown)
