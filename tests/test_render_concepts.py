"""Render functions of the concepts (formulas as MathML) family, tested without a build on the injection fixtures."""

from __future__ import annotations

import pytest
from conftest import html_of

from macros import filters


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
