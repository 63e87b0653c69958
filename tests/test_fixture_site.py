"""A tiny project built from fixture data: every page type renders, values from data are
inert text, tables keep their shape, status badges appear exactly where they should."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES as ROOT_FIXTURES
from conftest import build_project, injection_files, make_data_dir, mkdocs_config, page_url

from macros.catalog import KINDS
from macros.validate import load_valid_catalog

NAVIGATION = "---\nnavigation_page: true\n---\n\n"
INDEX_PAGES = {
    "index.md": NAVIGATION + "# Fixture home\n",
    "algorithms/index.md": NAVIGATION + "# Algorithms\n\n{{ algorithm_overview_table() }}\n",
    "algorithms/content-types.md": NAVIGATION + (
        "# Content types\n\n{{ content_type_matrix('training') }}\n\n"
        "{{ content_type_matrix('inference') }}\n\n## Each content type\n\n{{ content_type_index() }}\n"
    ),
    "algorithms/training.md": NAVIGATION + "# Training\n\n{{ training_matrix() }}\n",
    "algorithms/hyperparameters.md": NAVIGATION + "# Required\n\n{{ required_hyperparameters_table() }}\n",
    "algorithms/choose.md": NAVIGATION + "# Choose\n\n{{ problem_type_index() }}\n",
    "services/index.md": NAVIGATION + "# Services\n\n{{ services_index() }}\n\n## Retired\n\n{{ retired_services_table() }}\n",
    "comparisons/index.md": NAVIGATION + "# Comparisons\n\n{{ comparisons_index() }}\n",
    "pipelines/index.md": NAVIGATION + "# Pipelines\n\n{{ pipelines_index() }}\n",
    "metrics/index.md": NAVIGATION + "# Metrics\n\n{{ metric_formulas_table() }}\n",
    "glossary.md": NAVIGATION + "# Glossary\n\n{{ glossary_list() }}\n",
    "exams/omega-exam.md": NAVIGATION + "# Omega\n\n{{ exam_guide('omega-exam') }}\n",
    "exams/psi-exam.md": NAVIGATION + "# Psi\n\n{{ exam_guide('psi-exam') }}\n",
    "exams/index.md": NAVIGATION + "# Exams\n\n{{ exams_overview() }}\n",
    "exams/crosswalk.md": NAVIGATION + "# Crosswalk\n\n{{ exam_crosswalk() }}\n",
    "study/flashcards.md": NAVIGATION + "# Cards\n\n{{ flashcards_app() }}\n",
    "study/practice.md": NAVIGATION + "# Practice\n\n{{ practice_app() }}\n",
    "study/drills.md": NAVIGATION + "# Drills\n\n{{ drills_app() }}\n",
    "study/mock-exam.md": NAVIGATION + "# Mock exam\n\n{{ mock_exam_table() }}\n\n{{ mock_exam_app() }}\n",
    "study/question-bank.md": NAVIGATION + "# Question bank\n\n{{ question_bank() }}\n",
    "algorithms/chooser.md": NAVIGATION + "# Chooser\n\n{{ algorithm_chooser() }}\n",
}
# The only scripts a page may hold: the study tools' data (JSON, not run) and their code.
STUDY_SCRIPTS = {"kb-flashcards-data", "kb-practice-data", "kb-drills-data", "kb-mock-data"}
# Prose pages: they declare their exam tasks in front matter and hold the shared-page kinds.
PROSE = "---\nexam_tasks:\n  omega-exam: [\"2.1\"]\n  psi-exam: []\n---\n\n"
PROSE_PAGES = {
    "concepts/modelling.md": PROSE + "# Modelling\n\n## Activation functions\n\n{{ activation_functions_table() }}\n",
    "concepts/data-and-statistics.md": PROSE + "# Data\n\n## Distributions\n\n{{ distributions_table() }}\n",
    "concepts/preparing-data.md": PROSE + (
        "# Preparing\n\n## Missing\n\n{{ techniques_table('missing-values') }}\n\n"
        "## Imbalance\n\n{{ techniques_table('imbalance') }}\n"
    ),
    "misconceptions.md": PROSE + "# Misconceptions\n\n{{ misconceptions_list() }}\n",
    "concepts/fixture.md": PROSE + (
        "# Fixture prose\n\nALF is trained for PSI-C01 and OMG-C01. `ALF` in code stays plain.\n\n"
        "{% call formula() %}z = \\frac{x - \\mu}{\\sigma}{% endcall %}\n"
    ),
}


def build_fixture_site(project, data_files: dict[str, str]):
    """The fixture site from the given data files (injection fixtures and any replacements):
    (site directory, catalogue)."""
    catalog = load_valid_catalog(make_data_dir(project / "check", data_files))
    pages = {**INDEX_PAGES, **PROSE_PAGES}
    nav = sorted(pages) + [f"nav:{kind}" for kind, settings in KINDS.items() if settings.nav]
    for category in catalog.vocabularies["service-categories"].terms:  # every group of nav:services
        pages[f"services/{category}/index.md"] = NAVIGATION + f"# {category}\n\n{{{{ service_category_index('{category}') }}}}\n"
    return build_project(project, data_files, pages, nav), catalog


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory):
    """Fixture data of every kind, with no item page written: each is generated."""
    return build_fixture_site(tmp_path_factory.mktemp("project"), injection_files())


def article_of(site, page_path: str):
    html = site / page_path.removesuffix(".md").removesuffix("index") / "index.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").find("article")


def articles(site):
    for path in sorted(site.rglob("index.html")):
        if "search" not in path.parts:
            yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find("article")


def test_no_markup_from_data_becomes_html(fixture_project):
    site, _ = fixture_project
    for path, article in articles(site):
        for tag in ("iframe", "img", "b", "i"):  # the templates never write these
            assert article.find_all(tag) == [], f"{path}: <{tag}> from data"
        for script in article.find_all("script"):
            if script.get("type") == "application/json":
                assert script.get("id") in STUDY_SCRIPTS, f"{path}: unexpected data script"
                json.loads(script.string)  # a value holding </script> did not end it early
            else:
                assert script.get("src", "").endswith(("assets/study/common.js", "assets/study/study.js", "assets/study/practice.js")) and not script.string, f"{path}: <script> from data"
        # The templates' own emphasis holds fixed words; the data's **bold** / _emphasis_ must not.
        assert not [t for t in article.find_all(["em", "strong"]) if t.get_text() in {"bold", "emphasis"}], path
        assert not article.find("a", href=lambda h: h and h.startswith("javascript:")), path
        assert not article.find("a", href="https://example.com"), path
        assert not article.find("blockquote"), path


def test_injected_text_is_shown_literally(fixture_project):
    site, catalog = fixture_project
    expected = {
        "gamma-injection": ["<script>alert(4)</script> | format", "<b>x</b> | y", "{{ not_a_macro }}", "$x$ math",
                            "**bold**", "[a link](https://example.com)", "# not a heading", "1. numbered start"],
        "iota-injection": ["Note <script>alert(14)</script> | pipe", "1 | 2 <script>alert(15)</script>", "# 5 MB",
                           "Old <b>Iota</b> | name", "> choose <script>alert(16)</script>", "<b>in</b> | put"],
        "kappa-injection": ["<script>alert(19)</script> | cell", "Rule <script>alert(20)</script> | one"],
        "xi-injection": ["Meaning | <script>alert(24)</script>", "0 | 1", "# heading?"],
    }
    for item_id, literals in expected.items():
        text = article_of(site, catalog.get(item_id).page).get_text(" ", strip=True)
        for literal in literals:
            assert literal in text, (item_id, literal)


def test_tables_keep_their_shape(fixture_project):
    site, _ = fixture_project
    for path, article in articles(site):
        for table in article.find_all("table"):
            widths = {len(row.find_all(["td", "th"])) for row in table.find_all("tr")}
            assert len(widths) == 1, f"{path}: rows of different widths {widths}"


def test_status_badges_appear_exactly_for_services_that_are_not_active(fixture_project):
    site, catalog = fixture_project
    for item in catalog.of_kind("services"):
        badges = article_of(site, item.page).select(".kb-badge")
        if item.data["status"]["state"] == "active":
            assert badges == [], item.id
        else:
            assert len(badges) == 1 and item.data["status"]["date"] in badges[0].get_text(), item.id
    listed = article_of(site, "services/index.md")
    for item in catalog.of_kind("services"):
        row = listed.find("a", string=item.name).find_parent("tr")
        assert bool(row.select(".kb-badge")) == (item.data["status"]["state"] != "active"), item.id


def test_comparison_cells_come_from_the_items(fixture_project):
    site, catalog = fixture_project
    rows = {tr.find("td").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")[1:]]
            for tr in article_of(site, "comparisons/zeta-comparison.md").find("table").find_all("tr")[1:]}
    delta, epsilon = catalog.get("delta-stream").data, catalog.get("epsilon-legacy").data
    assert rows["Retention"] == [delta["key_facts"][0]["value"], epsilon["key_facts"][0]["value"]]
    assert rows["Status"] == ["Active", "Discontinued"]
    assert rows["Management"] == ["Managed", "Serverless"]
    assert rows["Latency"] == ["Fast", "Slow"]


def test_pipeline_boxes_link_to_their_items_in_order(fixture_project):
    site, catalog = fixture_project
    article = article_of(site, "pipelines/theta-pipeline.md")
    links = [a.get_text() for a in article.select(".kb-pipeline li a")]
    assert links == [catalog.get(step["item"]).name for step in catalog.get("theta-pipeline").data["steps"]]


def test_referenced_by_includes_comparisons_and_pipelines(fixture_project):
    site, _ = fixture_project
    heading = article_of(site, "services/streaming/delta-stream.md").find(id="referenced-by")
    names = {a.get_text() for a in heading.find_next("ul").find_all("a")}
    assert {"Delta vs Epsilon", "Fixture pipeline", "Epsilon Legacy Service"} <= names


def test_option_comparison_links_options_to_their_items(fixture_project):
    site, _ = fixture_project
    table = article_of(site, "comparisons/lambda-options.md").find("table")
    headers = table.find("tr").find_all("th")[1:]
    assert [h.get_text(strip=True) for h in headers] == ["Option one", "Option two"]
    assert headers[0].find("a") is not None and headers[1].find("a") is None
    first_row = [td.get_text(strip=True) for td in table.find_all("tr")[1].find_all("td")]
    assert first_row == ["Who manages keys", "AWS", "You"]


def test_row_layout_puts_one_item_per_row(fixture_project):
    site, catalog = fixture_project
    table = article_of(site, "comparisons/mu-rows.md").find("table")
    assert [th.get_text(strip=True) for th in table.find("tr").find_all("th")] == ["", "Input", "Output", "Status"]
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]]
    epsilon = catalog.get("epsilon-legacy").data
    assert rows[0] == ["Delta Stream", "—", "—", "Active"]
    assert rows[1][1:] == [epsilon["input"], epsilon["output"], "Discontinued"]


def test_formulas_become_mathml_and_stay_inert(fixture_project):
    site, _ = fixture_project
    nu = article_of(site, "metrics/nu-metric.md")
    block = nu.select_one(".kb-formula math")
    assert block is not None and block.get("display") == "block"
    assert block.find("mfrac") is not None and block.find("msqrt") is not None
    assert "\\frac" not in nu.get_text()
    xi = article_of(site, "metrics/xi-injection.md")
    assert xi.find("script") is None and xi.find("b") is None
    assert xi.select_one(".kb-formula math mo").get_text() in {"=", "<"}


def test_study_data_carries_injected_text_as_inert_strings(fixture_project):
    site, catalog = fixture_project
    cards = json.loads(article_of(site, "study/flashcards.md").find("script", id="kb-flashcards-data").string)["cards"]
    claim = catalog.get("chi-injection").data["claim"]
    assert any(card["front"].endswith(claim) for card in cards)
    questions = json.loads(article_of(site, "study/drills.md").find("script", id="kb-drills-data").string)["questions"]
    assert any(claim in q["prompt"] or catalog.get("chi-injection").data["correction"] in q["prompt"] for q in questions)
    scenario = json.loads(article_of(site, "study/practice.md").find("script", id="kb-practice-data").string)
    injected = next(q for q in scenario["questions"] if q["id"] == "omicron-injection")
    assert injected["pairs"][0]["prompt"] == catalog.get("omicron-injection").data["pairs"][0]["prompt"]
    assert scenario["cases"]["pi-injection"]["title"] == catalog.get("pi-injection").data["title"]


def test_fixture_exam_pages_flag_the_uncovered_task_and_show_the_crosswalk(fixture_project):
    site, _ = fixture_project
    omega = article_of(site, "exams/omega-exam.md")
    uncovered = omega.find(id="task-1-2")
    assert "Not covered yet" in uncovered.find_next("div").get_text()
    covered = omega.find(id="task-2-1").find_next("ul")
    assert "Fixture prose" in covered.get_text()
    crosswalk = article_of(site, "exams/crosswalk.md").find("table").find_all("tr")[1:]
    assert [row.find_all("td")[1].get_text(" ", strip=True) for row in crosswalk] == ["1.1 Store fixture data", "no equivalent"]


def test_fixture_abbreviations_get_tooltips_outside_code_and_formulas(fixture_project):
    site, _ = fixture_project
    prose = article_of(site, "concepts/fixture.md")
    titles = {abbr.get_text(): abbr["title"] for abbr in prose.find_all("abbr")}
    assert titles["ALF"] == "Alpha Learner Fixture"
    assert titles["PSI-C01"] == "Psi fixture exam (retired 2026-03-31)"
    assert prose.find("code").find("abbr") is None
    assert prose.select_one(".kb-formula math") is not None and prose.select_one(".kb-formula abbr") is None
    injected = article_of(site, "glossary.md")
    assert injected.find("script") is None
    assert "Zeta <script>alert(35)</script> | expansion" in injected.get_text(" ", strip=True)


# --- one item of every kind, each page generated: found on its page, in the nav, index and search


def _soup(site, url: str) -> BeautifulSoup:
    path, _, _ = url.partition("#")
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_every_kind_has_a_fixture_item():
    fixtures = {path.parent.name for path in (ROOT_FIXTURES / "data").glob("*/*.yaml")}
    assert fixtures == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_item_is_on_its_page_in_the_nav_its_index_and_search(fixture_project, kind):
    site, catalog = fixture_project
    settings = KINDS[kind]
    search = {doc["location"]: doc for doc in json.loads((site / "search" / "kb_index.json").read_text())["docs"]}
    repository = mkdocs_config()["extra"]["repository"]
    items = catalog.of_kind(kind)
    assert items, f"no fixture item of kind {kind}"
    for item in items:
        url = page_url(item.page)
        soup = _soup(site, url)
        article = soup.find("article")
        for permalink in article.select("a.headerlink"):
            permalink.decompose()
        active = [a.get_text(" ", strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link--active")]
        index = _soup(site, page_url(settings.index)).find("article")
        if kind == "questions":  # in the quiz data of the practice page, which is not searchable text
            questions = json.loads(article.find("script", id="kb-practice-data").string)["questions"]
            assert item.id in {q["id"] for q in questions}, item.id
            assert page_url(settings.index) in search and active, item.id
            continue
        if settings.has_own_page:
            generated = settings.page_template is not None  # the fixture writes no item page of these kinds
            assert not generated or flat_text(str(article.h1)) == " ".join(item.name.split()), item.id
            assert (item.nav_label if settings.nav else soup.title.get_text().split(" - ")[0]) in active, (item.id, active)
            assert index.find("a", href=lambda h, url=url: h and h.rstrip("/").endswith(url.rstrip("/").split("/")[-1])), item.id
            assert not generated or flat_text(search[url]["title"]) == " ".join(item.name.split()), item.id
            assert search[url].get("boost") == settings.search_boost, item.id
            assert soup.find("a", href=f"{repository}/edit/main/{item.file}"), f"{item.id}: no edit link to its YAML file"
            assert f"Facts last verified: {item.data['last_verified']}" in soup.select_one(".kb-page-dates").get_text(), item.id
            if "exam_tasks" in item.data:
                assert article.find(id="exam-objectives"), f"{item.id}: no Exam objectives section"
        else:
            anchor = url.partition("#")[2]
            assert article.find(id=anchor) is not None, (item.id, anchor)
            assert active, f"{item.id}: its page {settings.index} is not in the navigation"
            assert " ".join(item.name.split()) in flat_text(search[url]["title"] + " " + search[url]["text"]), item.id
            assert " ".join(item.name.split()) in " ".join(index.get_text().split()), item.id


def flat_text(text: str) -> str:
    """Text without tags, white space folded (the search index holds HTML)."""
    return " ".join(BeautifulSoup(text, "html.parser").get_text().split())
