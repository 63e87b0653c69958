"""A tiny project built from fixture data: values from data are inert, tables stay intact."""

from __future__ import annotations

import os

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, make_data_dir, run_build

PAGES = {
    "index.md": "# Fixture home\n\n{{ algorithm_overview_table() }}\n",
    "algorithms/content-types.md": (
        "# Content types\n\n{{ content_type_matrix('training') }}\n\n{{ algorithms_by_content_type('training') }}\n\n"
        "{{ content_type_matrix('inference') }}\n\n{{ algorithms_by_content_type('inference') }}\n"
    ),
    "algorithms/training.md": "# Training\n\n{{ training_matrix() }}\n",
    "algorithms/hyperparameters.md": "# Required\n\n{{ required_hyperparameters_table() }}\n",
    "algorithms/choose.md": "# Choose\n\n{{ problem_type_index() }}\n",
}
ALGORITHMS = ["alpha-learner", "beta-forest", "gamma-injection"]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    make_data_dir(project, {"gamma-injection.yaml": (FIXTURES / "injection" / "gamma-injection.yaml").read_text()})
    os.symlink(ROOT / "macros", project / "macros")
    pages = dict(PAGES)
    for item_id in ALGORITHMS:
        pages[f"algorithms/{item_id}.md"] = (
            f"# Page\n\n{{{{ algorithm_at_a_glance('{item_id}') }}}}\n\n"
            f"{{{{ algorithm_facts('{item_id}') }}}}\n\n{{{{ referenced_by('{item_id}') }}}}\n"
        )
    for path, text in pages.items():
        (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / path).write_text(text)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["nav"] = list(pages)
    config.pop("extra_css", None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    site = project / "site"
    result = run_build(project / "mkdocs.yml", site, {"KB_DATA_DIR": ""})
    assert result.returncode == 0, result.stderr
    return site


def articles(site):
    for path in sorted(site.rglob("index.html")):
        if "search" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        yield path, BeautifulSoup(text[text.find("<article"):text.find("</article>")], "lxml")


def test_no_markup_from_data_becomes_html(fixture_site):
    for path, article in articles(fixture_site):
        for tag in ("script", "iframe", "img", "b", "i", "em", "strong"):
            offenders = [t for t in article.find_all(tag) if "alert" in t.get_text() or t.get("src") or tag in {"b", "i"}]
            # The templates' own <strong> labels hold fixed words, never data values.
            offenders = [t for t in offenders if not (tag == "strong" and t.get_text() in {"Content types:", "Data format:", "Typical use cases"})]
            assert offenders == [], f"{path}: <{tag}> from data: {offenders[:1]}"
        assert not article.find("a", href=lambda h: h and h.startswith("javascript:")), path


def test_injected_text_is_shown_literally(fixture_site):
    text = (fixture_site / "algorithms" / "gamma-injection" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(text, "lxml").find("article").get_text(" ", strip=True)
    for literal in ("<script>alert(4)</script> | format", "<b>x</b> | y", "{{ not_a_macro }}", "$x$ math",
                    "**bold**", "[a link](https://example.com)", "# not a heading", "1. numbered start"):
        assert literal in article, literal


def test_tables_keep_their_shape(fixture_site):
    for path, article in articles(fixture_site):
        for table in article.find_all("table"):
            widths = {len(row.find_all(["td", "th"])) for row in table.find_all("tr")}
            assert len(widths) == 1, f"{path}: rows of different widths {widths}"


def test_headings_and_links_are_not_created_from_data(fixture_site):
    article = BeautifulSoup((fixture_site / "algorithms" / "gamma-injection" / "index.html").read_text(), "lxml").find("article")
    headings = [h.get_text(strip=True) for h in article.find_all(["h1", "h2", "h3"])]
    assert not any("not a heading" in h for h in headings)
    assert not article.find("a", href="https://example.com")
    assert not article.find("blockquote")
