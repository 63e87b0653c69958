"""Light pages and a navigation that scales: DOM size of every built page, and every page
within three clicks of the home page, computed from the built HTML (lxml, no browser)."""

from __future__ import annotations

import statistics
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urldefrag, urlparse

import lxml.html
import pytest
from conftest import REPORT

# Budgets of issue 13. The print page holds the whole site and the cheat sheet all its tables,
# by design. LONG_PAGES are the pages whose own content (the <article>, without navigation) is
# already over the page budget: the glossary (357 entries with their tooltips) and the concept
# pages (tables and MathML formulas). They stay listed here until their content is split, so
# that no other page can grow past the budget unnoticed.
MEDIAN_BUDGET, PAGE_BUDGET, CHROME_BUDGET = 800, 1500, 500
# Pages that hold a whole kind by design: the print page, the cheat sheet, the printable
# question bank, the services index and the exam pages with every skill and its pages.
BY_DESIGN = {"print_page", "cheat-sheet", "study/question-bank", "services", "exams/mla-c01", "exams/mla-c02"}
LONG_PAGES = {"glossary", "concepts/modelling", "concepts/preparing-data", "concepts/data-and-statistics", "concepts/evaluation"}
MAX_CLICKS = 3


@cache
def document(path: Path):
    return lxml.html.parse(str(path)).getroot()


def elements(tree) -> int:
    return sum(1 for element in tree.iter() if isinstance(element.tag, str))


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Path]:
    """'algorithms/xgboost' -> its index.html, for every page a learner can open ('' is home)."""
    return {path.parent.relative_to(site).as_posix().removeprefix("."): path for path in sorted(site.rglob("index.html"))
            if "search" not in path.relative_to(site).parts[:1]}


@pytest.fixture(scope="module")
def sizes(pages) -> dict[str, tuple[int, int]]:
    """page -> (elements of the whole document, elements of the navigation and page chrome:
    everything but the <article> and the page's own table of contents)."""
    result = {}
    for name, path in pages.items():
        root = document(path)
        own = root.findall(".//article") + root.xpath("//nav[contains(concat(' ', @class, ' '), ' md-nav--secondary ')]")
        result[name] = (elements(root), elements(root) - sum(elements(tree) for tree in own))
    return result


def test_pages_are_light(sizes):
    median = statistics.median(total for total, _ in sizes.values())
    largest = max((total, name) for name, (total, _) in sizes.items() if name not in BY_DESIGN)
    REPORT.append(f"DOM elements per page: median {median:.0f} (target <= {MEDIAN_BUDGET}), largest {largest[0]} "
                  f"({largest[1]}; print page and cheat sheet excepted)")
    assert median <= MEDIAN_BUDGET
    over = {name for name, (total, _) in sizes.items() if total > PAGE_BUDGET} - BY_DESIGN
    assert over == LONG_PAGES


def test_navigation_and_page_chrome_do_not_grow_with_the_site(sizes):
    # Navigation pruned to the current section: what surrounds the content (header, sidebar,
    # footer) is bounded by one section's length, not by the number of pages.
    assert {name: chrome for name, (_, chrome) in sizes.items() if chrome > CHROME_BUDGET and name not in BY_DESIGN} == {}
    assert len(sizes) > 200


def test_long_pages_are_long_because_of_their_content(sizes):
    for name in LONG_PAGES:
        total, chrome = sizes[name]
        assert total - chrome > PAGE_BUDGET - CHROME_BUDGET, name


def links_of(page: str, path: Path, pages: dict[str, Path]) -> set[str]:
    """The pages that one click on `page` opens (any link: navigation, content, footer)."""
    base = PurePosixPath("/" + page + "/" if page else "/")
    found = set()
    for anchor in document(path).iter("a"):
        href = urldefrag(anchor.get("href") or "").url
        if not href or urlparse(href).scheme or href.startswith("//"):
            continue
        parts = []
        for part in (base / href).parts[1:] if not href.startswith("/") else PurePosixPath(href).parts[1:]:
            if part == "..":
                parts = parts[:-1]
            elif part not in {".", "index.html"}:
                parts.append(part)
        target = "/".join(parts)
        if target in pages:
            found.add(target)
    return found


def test_every_page_is_within_three_clicks_of_home(pages):
    clicks, frontier = {"": 0}, [""]
    for depth in range(1, MAX_CLICKS + 1):
        frontier = [t for page in frontier for t in links_of(page, pages[page], pages) if t not in clicks]
        for target in frontier:
            clicks.setdefault(target, depth)
        frontier = sorted(set(frontier))
    # The print page is the source of the PDF (linked from Downloads), not a page to browse.
    assert sorted(set(pages) - set(clicks) - {"print_page"}) == []
    assert len(clicks) > 200


def test_the_current_section_is_shown_open_on_every_page(pages):
    for name, path in pages.items():
        if name == "print_page":
            continue
        navigation = document(path).find(".//nav[@data-md-level='0']")
        active = [a for a in navigation.iter("a", "label") if "md-nav__link--active" in (a.get("class") or "")]
        assert active, f"{name}: no link marks the current page"
        # every enclosing section of the current page is open (its toggle checked)
        for item in active[0].iterancestors("li"):
            toggle = item.find("input")
            if toggle is not None and toggle.get("id") != "__toc" and "md-nav__toggle" in (toggle.get("class") or ""):
                assert toggle.get("checked") is not None, f"{name}: its section is collapsed"


def test_the_reachability_check_would_catch_an_unlinked_page(pages, tmp_path):
    lonely = tmp_path / "lonely" / "index.html"
    lonely.parent.mkdir()
    lonely.write_text("<html><body><a href='../'>home</a></body></html>")
    assert "lonely" not in links_of("", pages[""], {**pages, "lonely": lonely})
    assert links_of("lonely", lonely, pages) == {""}
