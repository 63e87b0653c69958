"""`make pdf`: print the whole site and the cheat sheet to PDF with headless Chromium.

    python tools/pdf.py SITE_DIR OUT_DIR

SITE_DIR is a built site (with /print_page/ from the print-site plugin and /cheat-sheet/);
OUT_DIR receives aws-ml-kb.pdf and aws-ml-kb-cheat-sheet.pdf. Pages are served on 127.0.0.1
and printed in the light palette with a bookmark outline, tagged structure and page numbers.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from browser import launch, serve
from playwright.sync_api import sync_playwright

FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
    'AWS ML Knowledge Base · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)
# The print page lists every page with an h1; the PDF outline is built from heading levels.
# Shift each page's headings by its depth in the navigation (print-site records it as
# data-heading-number="2.6.1", renamed from its heading-number by overrides/hooks/print_site.py),
# so the bookmarks nest like the navigation. The table of contents is not a chapter: its title
# stops being a heading (the cover has none).
NEST_HEADINGS = """
() => {
  const retag = (el, tag) => {
    const copy = document.createElement(tag)
    for (const attr of el.attributes) copy.setAttribute(attr.name, attr.value)
    copy.append(...el.childNodes)
    el.replaceWith(copy)
  }
  for (const el of document.querySelectorAll(".print-page-toc-title"))
    retag(el, "p")
  for (const section of document.querySelectorAll("section.print-page[data-heading-number]")) {
    const shift = section.getAttribute("data-heading-number").split(".").length - 1
    if (!shift) continue
    for (const heading of section.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      if (heading.closest("section.print-page") !== section) continue
      const level = Math.min(6, Number(heading.tagName[1]) + shift)
      retag(heading, "h" + level)
    }
  }
}
"""
# Content tabs show one block at a time on screen; on paper every block is printed, each
# after its own label.
UNFOLD_TABS = """
() => {
  for (const set of document.querySelectorAll(".tabbed-set")) {
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")]
    const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")]
    blocks.forEach((block, index) => {
      const title = document.createElement("p")
      title.className = "kb-tab-label"
      title.textContent = labels[index] ? labels[index].textContent.trim() : ""
      block.before(title)
      block.style.display = "block"
    })
    set.querySelector(":scope > .tabbed-labels")?.remove()
  }
}
"""
PARSE_TIMEOUT_MS = 600_000
DOCUMENTS = {
    # output file: (page path, landscape)
    "aws-ml-kb.pdf": ("print_page/", False),
    "aws-ml-kb-cheat-sheet.pdf": ("cheat-sheet/", True),
}


def without_tooltips(route) -> None:
    """Serve a printed page with Material's tooltips feature off: paper has no hover, and
    setting up a tooltip for each of the print page's ~10,000 abbreviations kept Chromium busy
    for a third of the time it took to load the page."""
    response = route.fetch()
    body = response.text().replace('"content.tooltips", ', "").replace(', "content.tooltips"', "")
    route.fulfill(response=response, body=body)


def print_pdf(page, url: str, target: Path, landscape: bool) -> None:
    # The print page is one 4 MB document: on a busy machine Chromium needs well over
    # Playwright's default 30 s to parse it, so wait up to PARSE_TIMEOUT_MS.
    page.goto(url, wait_until="networkidle", timeout=PARSE_TIMEOUT_MS)
    # Anything rendered in the browser (formulas, diagrams) must be finished before printing.
    page.wait_for_function("document.readyState === 'complete'", timeout=PARSE_TIMEOUT_MS)
    page.evaluate("document.fonts.ready")
    page.evaluate(UNFOLD_TABS)
    if "print_page" in url:
        page.evaluate(NEST_HEADINGS)
    page.pdf(
        path=str(target), format="A4", landscape=landscape, print_background=True,
        outline=True, tagged=True, display_header_footer=True,
        header_template="<span></span>", footer_template=FOOTER,
        margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
    )


def print_documents(browser, site_dir: Path, out_dir: Path) -> None:
    """Print every document of DOCUMENTS with an already launched Chromium."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with serve(site_dir) as base:
        context = browser.new_context(color_scheme="light")
        printed = tuple(base + path for path, _ in DOCUMENTS.values())
        context.route(lambda url: url.startswith(printed), without_tooltips)
        page = context.new_page()
        page.emulate_media(media="print", color_scheme="light")
        for name, (path, landscape) in DOCUMENTS.items():
            start = time.perf_counter()
            print_pdf(page, base + path, out_dir / name, landscape)
            size = (out_dir / name).stat().st_size / 1024
            print(f"{out_dir / name}: {size:.0f} KiB in {time.perf_counter() - start:.1f} s")
        context.close()


def main(site_dir: Path, out_dir: Path) -> None:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        print_documents(browser, site_dir, out_dir)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
