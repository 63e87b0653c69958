"""MkDocs hook: linear-time link and anchor rewriting for the print-site plugin.

mkdocs-print-site-plugin 2.9 joins every page into /print_page/ and makes each page's anchors
unique by prefixing them with the page's key (`xgboost` -> `algorithms-xgboost-xgboost`). Two of
its functions cost time that grows faster than the content:

- `update_anchor_ids` searches `<tag .*? id="..." .*?>` from every `<`, and `.*?` runs to the
  end of the line, so a long line of HTML (a table, inline JSON) is scanned once per tag on it:
  quadratic. It then replaces each match with `str.replace` over the whole page (quadratic in
  the number of ids). It also rewrites the id's text wherever it occurs inside the tag (with
  `id="d"`, every "d" of the tag) and misses the id of a heading, list item or footnote that
  follows another tag on the same line.
- `fix_href_links` rewrites each link with a `str.replace` over the whole page (quadratic in
  the number of links).

This hook replaces both with one pass of `re.sub` each. The link rewriting is the plugin's own
per-link logic, unchanged. The anchors get what the plugin means to do: the `id` attribute of
every h1-h6, sup and li start tag is prefixed with the page key (the tags whose anchors the
plugin rewrites; links to them are rewritten to `#<page key>-<anchor>` by `fix_href_links`).
tests/test_print_site.py checks both against the plugin's originals and on the built print page.

Three more repairs make the print page valid HTML (Nu Html Checker, tests/test_html_valid.py)
with every `#` link landing on exactly one element:

- The page key and the anchor are joined by "--" (the plugin joins them by "-"), because a page
  key can equal a prefixed heading: the page services/streaming/ has the key
  `services-streaming`, which is also the plugin's id for the heading `streaming` of the page
  services/. URL paths never contain "--", so "<key>--<anchor>" cannot meet a page key.
- Glossary terms (`<dt id>`) are prefixed too: the term `mlops` of the glossary equalled the
  page key of mlops/.
- The plugin writes `heading-number="2.6.1"` on each section (not an HTML attribute:
  `data-heading-number` here, read by tools/pdf.py) and its heading-numbering CSS as a <style>
  element at the end of the body (moved into the head: overrides/base.html prints
  `page.kb_print_styles` in the extrahead block).
"""

from __future__ import annotations

import html
import os
import re

from mkdocs_print_site_plugin import renderer, urls

ANCHOR_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li", "dt")
SEPARATOR = "--"  # between the page key and the page's own anchor (the plugin uses "-")
# A start tag of one of ANCHOR_TAGS: its name, then its attributes up to the closing ">"
# ([^>]* cannot run past the tag, so each character of the page is looked at a bounded number
# of times). Attribute values holding ">" do not occur in generated HTML (it is escaped).
START_TAG = re.compile(r"<(h[1-6]|sup|li|dt)(\s[^>]*)>", re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r'(?<![\w:-])(id=")([^"]*)(")', re.IGNORECASE)
# The plugin's own link pattern; "(.*?)\"" ends at the first quote, so it is linear.
HREF = re.compile(r"<a\s+([^>]*?\s+)?href=\"(.*?)\"", flags=re.IGNORECASE)


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """id="x" -> id="<page_key>--x" on every h1-h6, sup, li and dt start tag, in one pass."""

    def prefix_id(tag: re.Match) -> str:
        if tag.group(1).lower() not in ANCHOR_TAGS:
            return tag.group()
        attributes = ID_ATTRIBUTE.sub(lambda m: f"{m.group(1)}{page_key}{SEPARATOR}{m.group(2)}{m.group(3)}", tag.group(2), count=1)
        return f"<{tag.group(1)}{attributes}>"

    return START_TAG.sub(prefix_id, page_html)


def rewritten_href(url: str, page_key: str, page_url: str, directory_urls: bool) -> str | None:
    """Where a link of the page points on the print page (None: leave it alone).
    The branches are the plugin's `fix_href_links`; only the separator differs (SEPARATOR)."""
    url = html.unescape(url)
    if urls.is_external(url):
        return None
    if urls.is_attachment(url):
        url = urls.get_url_from_root(url, page_url)
        if directory_urls:
            url = os.path.join("..", url)
        return url.replace(os.sep, "/") if os.sep != "/" else url
    if url.startswith("#"):
        return "#" + page_key + SEPARATOR + url[1:]
    url_paths = urls.get_url_from_root(url, page_url).split("#")
    assert len(url_paths) <= 2
    url = "#" + urls.get_page_key(url_paths[0])
    if len(url_paths) == 2:
        url += SEPARATOR + url_paths[1]
    return url


def fix_href_links(page_html: str, page_key: str, page_url: str, directory_urls: bool = False) -> str:
    """The plugin's link rewriting as a single re.sub over the page."""

    def replace(m: re.Match) -> str:
        url = rewritten_href(m.group(2), page_key, page_url, directory_urls)
        if url is None:
            return m.group()
        other_html = m.group(1)
        return f'<a href="{url}"' if other_html is None else f'<a {other_html.rstrip()} href="{url}"'

    return HREF.sub(replace, page_html)


SECTION_HEADING_NUMBER = re.compile(r"(<section\b[^>]*?\s)heading-number=")


def valid_print_html(content: str) -> tuple[str, str]:
    """The combined page with `data-heading-number` for the plugin's `heading-number`, and
    without the <style> element it appends last; returns (content, that element's CSS)."""
    content = SECTION_HEADING_NUMBER.sub(r"\1data-heading-number=", content)
    body = content.rstrip()
    start = body.rfind("<style>")
    if start < 0 or not body.endswith("</style>") or "</style>" in body[start:-len("</style>")]:
        return content, ""
    return body[:start], body[start + len("<style>"):-len("</style>")]


def write_combined(self):
    """The plugin's Renderer.write_combined, then valid_print_html; the CSS goes to the head."""
    content, toc = ORIGINALS["write_combined"](self)
    content, self.print_page.kb_print_styles = valid_print_html(content)
    return content, toc


# The plugin's own functions. MkDocs imports a hook afresh for each configuration it loads
# (make serve reloads it), so a function this module installed before points at the original.
ORIGINALS = {
    name: getattr(function, "kb_original", function)
    for name, function in (("update_anchor_ids", urls.update_anchor_ids), ("fix_href_links", urls.fix_href_links),
                           ("write_combined", renderer.Renderer.write_combined))
}
update_anchor_ids.kb_original = ORIGINALS["update_anchor_ids"]
fix_href_links.kb_original = ORIGINALS["fix_href_links"]
write_combined.kb_original = ORIGINALS["write_combined"]


def on_startup(command, dirty):  # MkDocs hook signature
    # fix_internal_links looks both names up in the module at call time, so this takes effect
    # for every page the plugin renders.
    urls.update_anchor_ids = update_anchor_ids
    urls.fix_href_links = fix_href_links
    renderer.Renderer.write_combined = write_combined
