"""Concept pages: metrics, distributions, activation functions, techniques and misconceptions render
from data with real mathematics, and no page shows raw LaTeX. Expected values come from the
YAML files read with PyYAML."""

from __future__ import annotations

import re

from conftest import ROOT, article_of, flat, read_yaml_dir, soup_of

DISTRIBUTIONS = read_yaml_dir(ROOT / "data" / "distributions")
ACTIVATIONS = read_yaml_dir(ROOT / "data" / "activations")
TECHNIQUES = read_yaml_dir(ROOT / "data" / "techniques")
MISCONCEPTIONS = read_yaml_dir(ROOT / "data" / "misconceptions")
# LaTeX commands, or inline $...$ maths (short, on one line, no space inside the dollars).
RAW_LATEX = re.compile(r"\\(?:frac|sum|sqrt|mathrm|text|cdot|left|right|mu|sigma|lambda|hat|bar)\b|\$[^$\s][^$\n]{0,60}[^$\s]\$")


def section_body(heading) -> list:
    """The elements after a heading, up to the next heading of level 2 or 3."""
    body = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h2", "h3"}:
            break
        body.append(sibling)
    return body


def test_the_issue_minimum_is_in_the_data():
    assert {"normal-distribution", "poisson-distribution", "binomial-distribution", "bernoulli-distribution"} <= set(DISTRIBUTIONS)
    assert {"sigmoid", "tanh", "relu", "softmax"} <= set(ACTIVATIONS)
    categories = {data["category"] for data in TECHNIQUES.values()}
    assert categories == {"missing-values", "imbalance"}
    assert {"smote", "mice", "locf", "nocb", "class-weights", "threshold-moving"} <= set(TECHNIQUES)
    assert len(MISCONCEPTIONS) >= 20
    for item_id, data in MISCONCEPTIONS.items():
        assert data["sources"] and data["correction"] != data["claim"], item_id


def test_each_distribution_has_a_section_with_its_formula_as_mathml(page):
    article = page("concepts/data-and-statistics/")
    for item_id, data in DISTRIBUTIONS.items():
        heading = article.find(id=item_id)
        assert heading is not None and flat(heading.get_text()) == flat(data["name"]), item_id
        formula = heading.find_next("div", class_="kb-formula")
        assert formula.find("math", attrs={"display": "block"}) is not None, item_id
        kind = heading.find_next("table").find("td", string="Type").find_next("td").get_text()
        assert kind.startswith(data["type"].capitalize()), item_id
        assert ("mass function (PMF)" in kind) == (data["type"] == "discrete"), item_id


def test_activation_table_has_one_row_per_function_with_formula_and_range(page):
    article = page("concepts/modelling/")
    table = article.find(id="activation-functions").find_next("table")  # where ref() to an activation lands
    rows = {flat(row.find("td").get_text()): row for row in table.find_all("tr")[1:]}
    assert sorted(rows) == sorted(flat(data["name"]) for data in ACTIVATIONS.values())
    for item_id, data in ACTIVATIONS.items():
        cells = rows[flat(data["name"])].find_all("td")
        assert cells[1].find("math") is not None and cells[2].find("math") is not None, item_id
        for column, field in ((3, "strengths"), (4, "problems"), (5, "use_when")):
            for value in data[field]:
                assert flat(value) in flat(cells[column].get_text()), (item_id, field)


def test_techniques_are_listed_in_their_category_table_and_explained(page):
    article = page("concepts/preparing-data/")
    for item_id, data in TECHNIQUES.items():
        section = article.find(id=item_id)
        assert section is not None and flat(section.get_text()) == flat(data["name"]), item_id
        assert flat(data["how"]) in flat(" ".join(e.get_text() for e in section_body(section))), item_id
        row_link = article.find("a", href=f"#{item_id}")
        assert row_link is not None and row_link.find_parent("tr") is not None, item_id
    # rows of one category sit in one table
    for category in ("missing-values", "imbalance"):
        ids = {i for i, d in TECHNIQUES.items() if d["category"] == category}
        tables = {article.find("a", href=f"#{i}").find_parent("table") for i in ids}
        assert len(tables) == 1, category


def test_each_misconception_shows_claim_correction_and_source(page):
    article = page("misconceptions/")
    for item_id, data in MISCONCEPTIONS.items():
        heading = article.find(id=item_id)
        assert heading is not None, item_id
        assert flat(data["claim"]) in flat(heading.get_text()), item_id
        body = section_body(heading)
        text = flat(" ".join(element.get_text() for element in body))
        assert flat(data["correction"]) in text, item_id
        hrefs = {a["href"] for element in body for a in element.find_all("a", href=True)}
        assert {source["url"] for source in data["sources"]} <= hrefs, item_id


def test_no_page_shows_raw_latex(all_pages):
    assert RAW_LATEX.search(r"a \frac{1}{2}") and RAW_LATEX.search("costs $x + y$ here")  # the check can fail
    assert not RAW_LATEX.search("JSONPath $[1:] and later a price of $5")
    for path in all_pages:
        article = article_of(path)  # shared: read the text outside code, remove nothing
        if article is None:
            continue
        text = " ".join(string for string in article.descendants if type(string) in article.interesting_string_types
                        and not any(parent.name in ("code", "pre") for parent in string.parents))
        found = RAW_LATEX.search(text)
        assert found is None, f"{path}: raw LaTeX {found.group(0)!r}"


def test_prose_formulas_are_mathml(page):
    for url in ("concepts/preparing-data/", "concepts/modelling/", "concepts/evaluation/", "concepts/data-and-statistics/"):
        assert page(url).select(".kb-formula math[display=block]"), url


# --- metrics ----------------------------------------------------------------------------------


def test_every_metric_page_shows_its_formula_as_rendered_math(metrics, page):
    assert metrics, "no metric data"
    for item_id, data in metrics.items():
        article = page(f"metrics/{item_id}/")
        formula = article.select_one(".kb-formula math[display=block]")
        assert formula is not None, item_id
        assert "\\" not in article.get_text(), item_id  # no LaTeX left as text
        assert len(article.select("table math")) == len(data["symbols"]), item_id


def test_metric_formulas_table_lists_every_metric_by_category(metrics, vocab, page):
    article = page("metrics/")
    for term in vocab["metric-categories"]["terms"]:
        members = sorted((d["name"] for d in metrics.values() if d["category"] == term["id"]), key=str.casefold)
        heading = article.find("h3", string=lambda s, label=term["label"]: s and s.strip() == f"{label} metrics")
        rows = heading.find_next("table").find_all("tr")[1:]
        assert [flat(r.find("td").get_text()) for r in rows] == members
        assert all(r.find("math") is not None for r in rows)


# --- misconceptions outside their own entry (issue #14, part 1) -----------------------------------


def myth_links(article, item_id: str) -> list:
    return [a for a in article.find_all("a", href=True) if a["href"].endswith(f"misconceptions/#{item_id}")]


def test_every_page_a_misconception_relates_to_marks_it_as_a_myth_with_its_correction(page):
    """The XGBoost page listed "The SageMaker built-in XGBoost algorithm trains only on CPU
    instances." among its referrers as a plain link. Every item a misconception points at (from
    the catalogue) lists it as "Myth: <claim>", followed by what is true instead."""
    from conftest import page_url

    from macros.validate import load_valid_catalog

    catalog = load_valid_catalog(ROOT / "data")
    checked = 0
    for item_id, data in MISCONCEPTIONS.items():
        actually = flat(data.get("fact") or data["correction"])
        for target in sorted(catalog.references(catalog.get(item_id)) - {item_id}):
            article = page(page_url(catalog.get(target).page).partition("#")[0])
            links = myth_links(article, item_id)
            assert links, f"{target} does not link the misconception {item_id}"
            for link in links:
                assert flat(link.get_text()) == f"Myth: {flat(data['claim'])}", (target, item_id)
                assert "kb-myth" in link.get("class", []), (target, item_id)
                assert flat(link.find_parent("li").get_text()) == f"Myth: {flat(data['claim'])} — actually: {actually}", (target, item_id)
                checked += 1
    assert checked >= len(MISCONCEPTIONS)  # every misconception relates to at least one item


def test_no_page_shows_a_claim_unmarked(site, all_pages):
    """Anywhere but its own entry, a claim is preceded by "Myth:" (links, lists, tables) or asked
    as "True or false?" (flashcards and drills); the negative case: plain item links carry no marker."""
    claims = {item_id: flat(data["claim"]) for item_id, data in MISCONCEPTIONS.items()}
    for path in all_pages:
        if path.parent.name in {"misconceptions", "print_page"}:
            continue  # the entries themselves; the print page repeats the pages checked here
        article = article_of(path)
        if article is None:
            continue
        text = flat(article.get_text())
        for item_id, claim in claims.items():
            for found in re.finditer(re.escape(claim), text):
                before = text[max(0, found.start() - 15):found.start()]
                assert before.endswith("Myth: ") or before.endswith("True or false? "), f"{path}: {item_id} shown as {before!r}{claim}"
    xgboost = article_of(site / "algorithms" / "xgboost" / "index.html")
    referrers = xgboost.find(id="referenced-by").find_next_sibling("ul").find_all("a")
    plain = [a for a in referrers if "misconceptions/" not in a["href"]]
    assert plain and all("Myth" not in a.get_text() and "kb-myth" not in a.get("class", []) for a in plain)
    assert len(referrers) - len(plain) == len([i for i, d in MISCONCEPTIONS.items() if "xgboost" in d.get("related", [])])


def test_a_misconception_heading_says_myth_so_search_results_do(site):
    import json

    docs = json.loads((site / "search" / "kb_index.json").read_text(encoding="utf-8"))["docs"]  # the index search loads
    titles = {doc["location"].partition("#")[2]: doc["title"] for doc in docs if doc["location"].startswith("misconceptions/#")}
    for item_id, data in MISCONCEPTIONS.items():
        assert titles[item_id] == f"Myth: “{flat(data['claim'])}”", item_id


def test_practice_questions_link_a_misconception_as_a_myth(site):
    """The quiz's "Learn more" links come from the payload: a misconception is named as a myth there too."""
    import json

    soup = soup_of(site / "study" / "practice" / "index.html")
    questions = json.loads(soup.find(id="kb-practice-data").string)["questions"]
    links = [link for q in questions for link in q["links"]]
    myths = [link for link in links if "misconceptions/#" in link["url"]]
    assert myths, "some practice question links a misconception"
    for link in myths:
        data = MISCONCEPTIONS[link["url"].rpartition("#")[2]]
        assert link["name"] == f"Myth: {data['claim']} — actually: {data.get('fact') or data['correction']}"
    assert all(not link["name"].startswith("Myth:") for link in links if "misconceptions/#" not in link["url"])
