"""Render functions of the algorithms family, tested without a build on the injection fixtures."""

from __future__ import annotations

import pytest
from conftest import html_of

from macros.render import MACROS, PageContext


@pytest.fixture(scope="module")
def catalog(injected_catalog):
    return injected_catalog


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


def test_algorithm_facts_puts_required_hyperparameters_first(catalog):
    soup = html_of(MACROS["algorithm_facts"](PageContext(catalog, "algorithms/alpha-learner.md"), "alpha-learner"))
    table = soup.find(id="hyperparameters").find_next("table")
    names = [row.find("td").get_text() for row in table.find_all("tr")[1:]]
    assert names == ["alpha_size", "num_classes", "rate"]
