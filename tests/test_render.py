"""Render functions and escaping, without a MkDocs build (fixture catalogue)."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, injection_files, make_data_dir

from macros import filters
from macros.render import MACROS, PageContext
from macros.validate import load_valid_catalog

EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc"]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    target = tmp_path_factory.mktemp("catalog")
    return load_valid_catalog(make_data_dir(target, injection_files()))


def html_of(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=EXTENSIONS), "lxml")


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


def test_content_type_matrix_columns_are_the_used_types_in_vocabulary_order(catalog):
    soup = html_of(MACROS["content_type_matrix"](PageContext(catalog, "algorithms/x.md")))
    header = [th.get_text() for th in soup.find_all("th")]
    vocabulary_order = list(catalog.vocabularies["content-types"].terms)
    used = {ct for item in catalog.of_kind("algorithms") for ct in item.data["training"]["content_types"]}
    labels = catalog.vocabularies["content-types"]
    assert header == ["Algorithm", *[labels.label(ct) for ct in vocabulary_order if ct in used]]


def test_content_type_matrix_rejects_an_unknown_direction(catalog):
    with pytest.raises(ValueError, match="direction must be one of"):
        MACROS["content_type_matrix"](PageContext(catalog, "x.md"), "outbound")


@pytest.mark.parametrize("value, expected", [("text/csv", "text-csv"), ("application/x-recordio-protobuf", "application-x-recordio-protobuf"), ("<b>X</b>", "b-x-b")])
def test_slug_makes_safe_anchor_ids(value, expected):
    assert filters.slug(value) == expected


def test_algorithm_facts_puts_required_hyperparameters_first(catalog):
    soup = html_of(MACROS["algorithm_facts"](PageContext(catalog, "algorithms/alpha-learner.md"), "alpha-learner"))
    table = soup.find(id="hyperparameters").find_next("table")
    names = [row.find("td").get_text() for row in table.find_all("tr")[1:]]
    assert names == ["alpha_size", "num_classes", "rate"]


def test_every_macro_has_its_template_and_every_template_its_macro():
    templates = {path.name.removesuffix(".md.j2") for path in (ROOT / "macros" / "templates").glob("[!_]*.md.j2")}
    # these return a single link, badge or formula; _exam_objectives is appended by __init__.py
    assert templates == set(MACROS) - {"ref", "download_link", "formula", "exam_name", "flashcard_count"}


def test_math_renders_latex_as_mathml_and_names_a_bad_formula():
    rendered = filters.math(r"\frac{TP}{TP + FP}")
    assert rendered.startswith("<math") and "<mfrac>" in rendered and "\n" not in rendered
    with pytest.raises(ValueError, match="unbalanced braces"):
        filters.math(r"\frac{a}{b")
    with pytest.raises(ValueError, match=r"unknown command \\fracc"):
        filters.math(r"\fracc{a}{b}")


@pytest.mark.parametrize("latex", [r"\text{<script>alert(1)</script>}", r"\text{<b>x</b>}", r"\text{a & b}"])
def test_math_refuses_markup_inside_a_formula(latex):
    with pytest.raises(ValueError, match="it contains markup"):
        filters.math(latex)


def test_math_is_safe_inside_a_table_cell():
    cell = filters.math(r"\text{MAE} = \frac{1}{n}\sum_{i=1}^{n}\left|y_i - \hat{y}_i\right|")
    soup = html_of(f"| formula | range |\n|---|---|\n| {cell} | 0 to infinity |\n")
    cells = soup.find_all("td")
    assert len(cells) == 2 and cells[1].get_text() == "0 to infinity"
    assert cells[0].find("math") is not None and "|" in cells[0].get_text()
