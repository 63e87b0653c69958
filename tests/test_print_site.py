"""The print page's anchors and links (overrides/hooks/print_site.py replaces two of print-site's functions)."""

from __future__ import annotations

import collections
import sys

import lxml.html
from conftest import ROOT
from mkdocs_print_site_plugin import urls

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import print_site as hook

PAGE = (
    '<h1 id="xgboost">XGBoost<a class="headerlink" href="#xgboost">¶</a></h1>\n'
    '<p>See <a href="../k-means/">K-Means</a>, <a href="../../services/sagemaker/neo/#limits">Neo</a>, '
    '<a class="x" href="#sources">sources</a>, <a href="https://docs.aws.amazon.com/">AWS</a>, '
    '<a href="../../downloads/aws-ml-kb.pdf">PDF</a> and a note<sup id="fnref:1"><a href="#fn:1">1</a></sup>.</p>\n'
    '<h2 id="sources">Sources</h2>\n'
    '<div class="footnote"><ol>\n<li id="fn:1"><p>Note.</p></li>\n</ol></div>\n'
)


def test_links_are_rewritten_exactly_as_the_plugin_does():
    for directory_urls in (True, False):
        args = (PAGE, "algorithms-xgboost", "algorithms/xgboost/", directory_urls)
        assert hook.fix_href_links(*args) == hook.ORIGINALS["fix_href_links"](*args)


def test_anchors_are_prefixed_as_the_plugin_does_where_each_tag_starts_its_line():
    page = PAGE.replace("a note<sup", "a note\n<sup")  # the plugin sees one tag per line only
    assert hook.update_anchor_ids(page, "algorithms-xgboost") == hook.ORIGINALS["update_anchor_ids"](page, "algorithms-xgboost")
    assert hook.update_anchor_ids(page, "k").count('id="k-') == 4  # h1, sup, h2, li


def test_footnote_reference_inside_a_paragraph_is_prefixed():
    assert '<sup id="algorithms-xgboost-fnref:1">' in hook.update_anchor_ids(PAGE, "algorithms-xgboost")
    assert '<sup id="fnref:1">' in hook.ORIGINALS["update_anchor_ids"](PAGE, "algorithms-xgboost")  # missed by the plugin


def test_anchor_after_another_tag_on_the_same_line_is_prefixed_too():
    # The plugin's pattern starts at the first "<" of the line and misses this heading.
    line = '<p>intro</p><h2 id="limits">Limits</h2><div id="kb-data">x</div>'
    assert hook.update_anchor_ids(line, "s") == '<p>intro</p><h2 id="s-limits">Limits</h2><div id="kb-data">x</div>'
    assert hook.ORIGINALS["update_anchor_ids"](line, "s") == line


def test_a_short_id_changes_only_the_id():
    # The plugin replaces the id's text everywhere in the tag: id="d" also hit the "d" of "data-x".
    assert hook.update_anchor_ids('<h2 data-x="d" id="d">D</h2>', "glossary") == '<h2 data-x="d" id="glossary-d">D</h2>'
    assert hook.update_anchor_ids('<h2 data-id="a" id="b">', "k") == '<h2 data-id="a" id="k-b">'


def test_other_tags_and_attributes_are_left_alone():
    html = '<hr id="x"><header id="y"><li class="a">no id</li><h7 id="z">'
    assert hook.update_anchor_ids(html, "k") == html


def test_the_hook_is_what_the_plugin_calls_during_a_build():
    hook.on_startup(command="build", dirty=False)
    assert urls.update_anchor_ids is hook.update_anchor_ids
    assert urls.fix_href_links is hook.fix_href_links
    assert "overrides/hooks/print_site.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_link_on_the_print_page_lands_on_an_anchor(site):
    document = lxml.html.parse(str(site / "print_page" / "index.html")).getroot()
    ids = collections.Counter(element.get("id") for element in document.iter() if isinstance(element.tag, str) and element.get("id"))
    targets = [a.get("href")[1:] for a in document.iter("a") if (a.get("href") or "").startswith("#") and a.get("href") != "#"]
    assert len(targets) > 1000  # the contents link every page; cross-references add the rest
    assert sorted({t for t in targets if t not in ids}) == []
    headings = collections.Counter(e.get("id") for e in document.iter("h1", "h2", "h3", "h4", "h5", "h6") if e.get("id"))
    assert [i for i, n in headings.items() if n > 1] == []  # page keys make heading anchors unique
    assert "algorithms-xgboost" in ids and "algorithms-xgboost-sources" in ids
