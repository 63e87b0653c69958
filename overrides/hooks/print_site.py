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
"""

from __future__ import annotations

import html
import os
import re

from mkdocs_print_site_plugin import urls

ANCHOR_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li")
# A start tag of one of ANCHOR_TAGS: its name, then its attributes up to the closing ">"
# ([^>]* cannot run past the tag, so each character of the page is looked at a bounded number
# of times). Attribute values holding ">" do not occur in generated HTML (it is escaped).
START_TAG = re.compile(r"<(h[1-6]|sup|li)(\s[^>]*)>", re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r'(?<![\w:-])(id=")([^"]*)(")', re.IGNORECASE)
# The plugin's own link pattern; "(.*?)\"" ends at the first quote, so it is linear.
HREF = re.compile(r"<a\s+([^>]*?\s+)?href=\"(.*?)\"", flags=re.IGNORECASE)


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """id="x" -> id="<page_key>-x" on every h1-h6, sup and li start tag, in one pass."""

    def prefix_id(tag: re.Match) -> str:
        if tag.group(1).lower() not in ANCHOR_TAGS:
            return tag.group()
        attributes = ID_ATTRIBUTE.sub(lambda m: f"{m.group(1)}{page_key}-{m.group(2)}{m.group(3)}", tag.group(2), count=1)
        return f"<{tag.group(1)}{attributes}>"

    return START_TAG.sub(prefix_id, page_html)


def rewritten_href(url: str, page_key: str, page_url: str, directory_urls: bool) -> str | None:
    """Where a link of the page points on the print page (None: leave it alone).
    The branches are the plugin's `fix_href_links`, unchanged."""
    url = html.unescape(url)
    if urls.is_external(url):
        return None
    if urls.is_attachment(url):
        url = urls.get_url_from_root(url, page_url)
        if directory_urls:
            url = os.path.join("..", url)
        return url.replace(os.sep, "/") if os.sep != "/" else url
    if url.startswith("#"):
        return "#" + page_key + "-" + url[1:]
    url_paths = urls.get_url_from_root(url, page_url).split("#")
    assert len(url_paths) <= 2
    url = "#" + urls.get_page_key(url_paths[0])
    if len(url_paths) == 2:
        url += "-" + url_paths[1]
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


ORIGINALS = {"update_anchor_ids": urls.update_anchor_ids, "fix_href_links": urls.fix_href_links}


def on_startup(command, dirty):  # MkDocs hook signature
    # fix_internal_links looks both names up in the module at call time, so this takes effect
    # for every page the plugin renders.
    urls.update_anchor_ids = update_anchor_ids
    urls.fix_href_links = fix_href_links
