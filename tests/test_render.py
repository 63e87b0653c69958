"""Render functions and escaping, without a MkDocs build (fixture catalogue)."""

from __future__ import annotations

import pytest
from conftest import ROOT, html_of

from macros import filters
from macros.render import MACROS, PageContext


@pytest.fixture(scope="module")
def catalog(injected_catalog):
    return injected_catalog


# --- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "<script>alert(1)</script>", "a | b", "line one\nline two", "**bold** _em_ `code`",
    "[link](https://example.com)", "# heading", "> quote", "- item", "1. item", "{{ macro }}",
    "$x^2$", "~~strike~~", "&amp; entity", "<img src=x onerror=alert(1)>",
])
def test_text_renders_any_value_literally_in_a_table_cell(value):
    table = f"| a | b |\n|---|---|\n| {filters.text(value)} | end |\n"
    soup = html_of(table)
    cells = soup.find_all("td")
    assert len(cells) == 2, "the value broke the table row"
    assert cells[0].get_text() == " ".join(value.split())
    assert cells[0].find() is None, "the value produced markup"


@pytest.mark.parametrize("value", ["# heading", "> quote", "- item", "1. item", "<div>x</div>"])
def test_text_renders_literally_at_the_start_of_a_paragraph(value):
    soup = html_of(f"{filters.text(value)}\n")
    assert soup.find("p").get_text() == value
    assert soup.find(["h1", "blockquote", "ul", "ol", "div"]) is None


def test_code_keeps_names_and_mime_types_literal():
    soup = html_of(f"| {filters.code('num_round')} | {filters.code('a|b*c*<x>')} |\n|---|---|\n")
    codes = [c.get_text() for c in soup.find_all("code")]
    assert codes == ["num_round", "a|b*c*<x>"]
    assert soup.find("em") is None


def test_booleans_and_none_read_as_words():
    assert (str(filters.text(True)), str(filters.text(False)), str(filters.text(None))) == ("yes", "no", "")


def test_link_rejects_targets_that_could_break_out():
    for target in ["a b.md", "x.md)<script>", 'x.md"', "javascript:alert(1) (x)"]:
        with pytest.raises(ValueError, match="unsafe link target"):
            filters.link("label", target)


# --- cross-references -------------------------------------------------------------------------


@pytest.mark.parametrize("page, expected", [
    ("index.md", "(algorithms/beta-forest.md)"),
    ("algorithms/alpha-learner.md", "(beta-forest.md)"),
    ("algorithms/deep/page.md", "(../beta-forest.md)"),
    ("about.md", "(algorithms/beta-forest.md)"),
])
def test_ref_links_relative_to_the_current_page(catalog, page, expected):
    link = MACROS["ref"](PageContext(catalog, page), "beta-forest")
    assert link == f"[Beta Forest]{expected}"


def test_ref_accepts_a_label(catalog):
    assert MACROS["ref"](PageContext(catalog, "index.md"), "beta-forest", "the forest") == "[the forest](algorithms/beta-forest.md)"


def test_ref_to_a_misconception_marks_the_claim_as_a_myth_and_gives_the_correction(catalog):
    # phi-misconception has no one-sentence fact, so its correction follows the link.
    soup = html_of("- " + MACROS["ref"](PageContext(catalog, "algorithms/alpha-learner.md"), "phi-misconception"))
    link = soup.find("a")
    assert link["href"] == "../misconceptions.md#phi-misconception" and link["class"] == ["kb-myth"]
    assert link.get_text() == "Myth: Alpha Learner needs no data."
    assert soup.find("li").get_text() == "Myth: Alpha Learner needs no data. — actually: Every fixture learner needs fixture data."
    # a label of the page's own names the link in running text: no marker, no correction
    assert MACROS["ref"](PageContext(catalog, "index.md"), "phi-misconception", "the myth") == "[the myth](misconceptions.md#phi-misconception)"
    # any other item keeps its bare name
    assert "Myth" not in MACROS["ref"](PageContext(catalog, "index.md"), "alpha-learner")


def test_a_myth_link_escapes_its_claim_and_correction(catalog):
    soup = html_of("- " + MACROS["ref"](PageContext(catalog, "index.md"), "chi-injection"))
    assert soup.find("script") is None and soup.find("b") is None and soup.find("strong") is None
    assert soup.find("a").get_text() == "Myth: <script>alert(31)</script> | claim **bold**"
    assert len(soup.find_all("a")) == 1  # the correction's Markdown link stays text
    assert "Correct <b>x</b> | y [a link](https://example.com)" in soup.find("li").get_text()


def test_ref_to_an_unknown_id_fails_with_the_id(catalog):
    with pytest.raises(KeyError, match="unknown item id 'delta'"):
        MACROS["ref"](PageContext(catalog, "index.md"), "delta")


def test_referrers_follow_every_cross_reference_field(catalog):
    # related/confusions (rho, gamma, nu, chi, phi, delta), comparison items (eta), pipeline steps
    # (theta); by kind, then name
    assert [item.id for item in catalog.referrers("alpha-learner")] == [
        "rho-activation", "gamma-injection", "eta-algorithms", "nu-metric", "chi-injection", "phi-misconception",
        "theta-pipeline", "delta-stream"]
    # status.successor and confusions of services count too, and the AWS items offering a technique
    assert {item.id for item in catalog.referrers("delta-stream")} == {
        "epsilon-legacy", "iota-injection", "kappa-injection", "zeta-comparison", "mu-rows", "lambda-options",
        "theta-pipeline", "tau-technique"}
    assert catalog.referrers("gamma-injection") == []


# --- derived tables ---------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [("text/csv", "text-csv"), ("application/x-recordio-protobuf", "application-x-recordio-protobuf"), ("<b>X</b>", "b-x-b")])
def test_slug_makes_safe_anchor_ids(value, expected):
    assert filters.slug(value) == expected


def test_every_macro_has_its_template_and_every_template_its_macro():
    templates = {path.name.removesuffix(".md.j2") for path in (ROOT / "macros" / "templates").glob("[!_]*.md.j2")}
    # these return a single link, badge, formula, count or value; _exam_objectives is appended by __init__.py
    assert templates == set(MACROS) - {"ref", "download_link", "formula", "exam_name", "exam_fact", "flashcard_count", "scenario_count"}


# --- search terms (issue #16) ------------------------------------------------------------------


@pytest.mark.parametrize("macro_name, item_id, page", [
    ("service_at_a_glance", "delta-stream", "services/streaming/delta-stream.md"),
    ("comparison_table", "zeta-comparison", "comparisons/zeta-comparison.md"),
])
def test_search_terms_are_shown_on_the_item_page(catalog, macro_name, item_id, page):
    terms = catalog.items[item_id].data["search_terms"]
    soup = html_of(MACROS[macro_name](PageContext(catalog, page), item_id))
    shown = soup.select(".kb-search-terms")
    assert len(shown) == 1
    assert shown[0].get_text(" ", strip=True) == "Also searched as: " + ", ".join(terms)


def test_an_item_without_search_terms_shows_no_line(catalog):
    assert "search_terms" not in catalog.items["epsilon-legacy"].data
    soup = html_of(MACROS["service_at_a_glance"](PageContext(catalog, "services/x/epsilon-legacy.md"), "epsilon-legacy"))
    assert soup.select(".kb-search-terms") == []
    assert "Also searched as" not in soup.get_text()


def test_search_terms_render_literally(catalog):
    terms = catalog.items["iota-injection"].data["search_terms"]
    assert "<b>bold</b>" in terms
    soup = html_of(MACROS["service_at_a_glance"](PageContext(catalog, "services/x/iota-injection.md"), "iota-injection"))
    line = soup.select_one(".kb-search-terms")
    assert line.find("b") is None and line.find("em", string="em") is None
    assert line.get_text(" ", strip=True) == "Also searched as: " + ", ".join(terms)


def test_search_terms_are_hidden_in_print():
    css = (ROOT / "docs" / "stylesheets" / "print.css").read_text()
    assert ".md-typeset .kb-search-terms { display: none; }" in css.split("@media print {", 1)[1].split("\n}", 1)[0]
