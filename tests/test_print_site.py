"""The print page's anchors and links (overrides/hooks/print_site.py replaces two of print-site's functions)."""

from __future__ import annotations

import collections
import sys

import lxml.html
from conftest import ROOT
from mkdocs_print_site_plugin import renderer, urls

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


def as_the_plugin_joins(html: str) -> str:
    """The hook's output with the plugin's "-" between page key and anchor (the only change)."""
    return html.replace(hook.SEPARATOR, "-")


def test_links_are_rewritten_as_the_plugin_does_but_joined_by_two_hyphens():
    for directory_urls in (True, False):
        args = (PAGE, "algorithms-xgboost", "algorithms/xgboost/", directory_urls)
        rewritten = hook.fix_href_links(*args)
        assert as_the_plugin_joins(rewritten) == hook.ORIGINALS["fix_href_links"](*args)
        assert 'href="#algorithms-xgboost--sources"' in rewritten and 'href="#services-sagemaker-neo--limits"' in rewritten
        assert 'href="#algorithms-k-means"' in rewritten  # a whole page: its key alone


def test_anchors_are_prefixed_as_the_plugin_does_where_each_tag_starts_its_line():
    page = PAGE.replace("a note<sup", "a note\n<sup")  # the plugin sees one tag per line only
    prefixed = hook.update_anchor_ids(page, "algorithms-xgboost")
    assert as_the_plugin_joins(prefixed) == hook.ORIGINALS["update_anchor_ids"](page, "algorithms-xgboost")
    assert hook.update_anchor_ids(page, "k").count('id="k--') == 4  # h1, sup, h2, li


def test_a_page_key_never_equals_a_prefixed_anchor():
    # services/streaming/ has the key services-streaming; with "-" the heading #streaming of
    # services/ got the same id, and links to either page landed on the first of the two.
    heading = hook.update_anchor_ids('<h2 id="streaming">Streaming</h2>', "services")
    assert heading == '<h2 id="services--streaming">Streaming</h2>'
    assert hook.ORIGINALS["update_anchor_ids"]('<h2 id="streaming">Streaming</h2>', "services") == '<h2 id="services-streaming">Streaming</h2>'
    assert hook.rewritten_href("../../services/#streaming", "algorithms-xgboost", "algorithms/xgboost/", True) == "#services--streaming"
    assert hook.rewritten_href("../../services/streaming/", "algorithms-xgboost", "algorithms/xgboost/", True) == "#services-streaming"


def test_glossary_terms_are_prefixed():
    # The glossary's term #mlops equalled the page key of mlops/.
    assert hook.update_anchor_ids('<dt id="mlops"><strong>MLOps</strong></dt>', "glossary") == '<dt id="glossary--mlops"><strong>MLOps</strong></dt>'


def test_footnote_reference_inside_a_paragraph_is_prefixed():
    assert '<sup id="algorithms-xgboost--fnref:1">' in hook.update_anchor_ids(PAGE, "algorithms-xgboost")
    assert '<sup id="fnref:1">' in hook.ORIGINALS["update_anchor_ids"](PAGE, "algorithms-xgboost")  # missed by the plugin


def test_anchor_after_another_tag_on_the_same_line_is_prefixed_too():
    # The plugin's pattern starts at the first "<" of the line and misses this heading.
    line = '<p>intro</p><h2 id="limits">Limits</h2><div id="kb-data">x</div>'
    assert hook.update_anchor_ids(line, "s") == '<p>intro</p><h2 id="s--limits">Limits</h2><div id="kb-data">x</div>'
    assert hook.ORIGINALS["update_anchor_ids"](line, "s") == line


def test_a_short_id_changes_only_the_id():
    # The plugin replaces the id's text everywhere in the tag: id="d" also hit the "d" of "data-x".
    assert hook.update_anchor_ids('<h2 data-x="d" id="d">D</h2>', "glossary") == '<h2 data-x="d" id="glossary--d">D</h2>'
    assert hook.update_anchor_ids('<h2 data-id="a" id="b">', "k") == '<h2 data-id="a" id="k--b">'


def test_other_tags_and_attributes_are_left_alone():
    html = '<hr id="x"><header id="y"><li class="a">no id</li><h7 id="z"><div id="kb-data">'
    assert hook.update_anchor_ids(html, "k") == html


def test_the_combined_page_gets_a_data_attribute_and_loses_its_trailing_style():
    combined = ('<div id="print-site-page"><section class=\'print-page md-section\' id=\'section-2\' heading-number=\'2\'><h1>E</h1>'
                '<section class="print-page" id="exams" heading-number="2.1"><h1 id="exams--e">E</h1><p>heading-number="x"</p>'
                '<style>.inline {}</style></section></section></div><style>#exams > h1:before { content: \'2.1 \' }</style>')
    content, styles = hook.valid_print_html(combined)
    assert "data-heading-number='2'" in content and 'data-heading-number="2.1"' in content
    assert " heading-number=" not in content.replace('<p>heading-number="x"</p>', "")  # page text is left alone
    assert '<p>heading-number="x"</p>' in content
    assert styles == "#exams > h1:before { content: '2.1 ' }"
    assert content.endswith("</section></section></div>") and "<style>.inline {}</style>" in content
    assert hook.valid_print_html("<div>no style</div>") == ("<div>no style</div>", "")


def test_the_hook_is_what_the_plugin_calls_during_a_build():
    hook.on_startup(command="build", dirty=False)
    assert urls.update_anchor_ids is hook.update_anchor_ids
    assert urls.fix_href_links is hook.fix_href_links
    assert renderer.Renderer.write_combined is hook.write_combined
    assert hook.ORIGINALS["write_combined"] is not hook.write_combined  # loading the hook twice keeps the plugin's
    assert "overrides/hooks/print_site.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_link_on_the_print_page_lands_on_an_anchor(site):
    document = lxml.html.parse(str(site / "print_page" / "index.html")).getroot()
    ids = collections.Counter(element.get("id") for element in document.iter() if isinstance(element.tag, str) and element.get("id"))
    targets = [a.get("href")[1:] for a in document.iter("a") if (a.get("href") or "").startswith("#") and a.get("href") != "#"]
    assert len(targets) > 1000  # the contents link every page; cross-references add the rest
    assert sorted({t for t in targets if t not in ids}) == []
    headings = collections.Counter(e.get("id") for e in document.iter("h1", "h2", "h3", "h4", "h5", "h6") if e.get("id"))
    assert [i for i, n in headings.items() if n > 1] == []  # page keys make heading anchors unique
    assert "algorithms-xgboost" in ids and "algorithms-xgboost--sources" in ids


def test_every_link_on_the_print_page_lands_on_exactly_one_element_of_the_right_page(site):
    """#<key> is the page's section; #<key>--<anchor> an element inside that section."""
    document = lxml.html.parse(str(site / "print_page" / "index.html")).getroot()
    by_id = collections.defaultdict(list)
    for element in document.iter():
        if isinstance(element.tag, str) and element.get("id"):
            by_id[element.get("id")].append(element)
    sections = {section.get("id") for section in document.iter("section") if "print-page" in (section.get("class") or "").split()}
    assert "services-streaming" in sections and "services" in sections and "glossary" in sections
    wrong = []
    links = [a.get("href")[1:] for a in document.iter("a") if (a.get("href") or "").startswith("#") and a.get("href") != "#"]
    for target in links:
        found = by_id.get(target, [])
        if len(found) != 1:
            wrong.append(f"#{target}: {len(found)} elements")
            continue
        key, separator, _ = target.partition(hook.SEPARATOR)
        if separator:
            home = next((e for e in found[0].iterancestors("section") if "print-page" in (e.get("class") or "").split() and e.get("id") in sections), None)
            if home is None or home.get("id") != key:
                wrong.append(f"#{target}: inside {home.get('id') if home is not None else 'no page'}")
        elif target in sections:
            assert found[0].tag == "section", target
    assert wrong == []
    # the glossary's term #mlops and the section of the page mlops/ are two ids now
    assert [e.tag for e in by_id["mlops"]] == ["section"] and [e.tag for e in by_id["glossary--mlops"]] == ["dt"]
