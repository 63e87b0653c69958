"""The built site: every page, table and link agrees with the data it comes from.

Expected values are computed here from the YAML files, never copied from the output.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, flat, html_path, read_yaml_dir

TICK = "✓"
DOWNLOADS = {"aws-ml-kb.pdf", "aws-ml-kb-cheat-sheet.pdf", "aws-ml-kb-offline.zip", "aws-ml-kb-anki.txt"}


def table_after(article, heading_id: str):
    heading = article.find(id=heading_id)
    assert heading is not None, f"no heading #{heading_id}"
    return heading.find_next("table")


def table_rows(table) -> list[list[str]]:
    return [[flat(cell.get_text()) for cell in row.find_all(["td", "th"])] for row in table.find_all("tr")]


def name_of(algorithms: dict, item_id: str) -> str:
    return algorithms[item_id]["name"]


def by_name(algorithms: dict) -> list[str]:
    return sorted(algorithms, key=lambda item_id: algorithms[item_id]["name"].casefold())


def used_in_order(vocab_terms: list[dict], used: set[str]) -> list[str]:
    return [term["id"] for term in vocab_terms if term["id"] in used]


# --- algorithm pages ------------------------------------------------------------------------


def test_every_algorithm_has_a_page_titled_with_its_name(algorithms, page):
    for item_id, data in algorithms.items():
        assert flat(page(f"algorithms/{item_id}/").h1.get_text()) == data["name"]


def test_algorithm_pages_show_required_hyperparameters_and_content_types(algorithms, page):
    for item_id, data in algorithms.items():
        article = page(f"algorithms/{item_id}/")
        rows = table_rows(table_after(article, "hyperparameters"))
        required_shown = {row[0] for row in rows[1:] if row[1] == "yes"}
        assert required_shown == {h["name"] for h in data["hyperparameters"] if h["required"]}, item_id
        assert {row[0] for row in rows[1:]} == {h["name"] for h in data["hyperparameters"]}, item_id
        shown = article.find(id="training").find_next("strong", string="Content types:").parent
        assert [c.get_text() for c in shown.find_all("code")] == data["training"]["content_types"], item_id
        inference = {row.find("td").get_text(): row.find_all("td")[1] for row in table_after(article, "inference").find_all("tr")[1:]}
        requested = [c.get_text() for c in inference["Request content types"].find_all("code")]
        assert requested == data["inference"]["request_content_types"], item_id


def test_algorithm_pages_show_aliases_sources_and_verification_date(algorithms, page):
    for item_id, data in algorithms.items():
        article = page(f"algorithms/{item_id}/")
        text = flat(article.get_text())
        for alias in data["aliases"]:
            assert alias in text, (item_id, alias)
        links = {a["href"] for a in article.find(id="sources").find_next("ul").find_all("a")}
        assert links == {source["url"] for source in data["sources"]}, item_id
        assert f"last checked against these sources on {data['last_verified']}" in text


def test_tuning_metrics_match_data(algorithms, page):
    for item_id, data in algorithms.items():
        metrics = data["tuning"]["objective_metrics"]
        article = page(f"algorithms/{item_id}/")
        if not metrics:
            assert "AWS lists no objective metric" in article.get_text()
            continue
        rows = table_rows(table_after(article, "tuning"))[1:]
        assert [(row[0], row[1]) for row in rows] == [(m["name"], m["goal"]) for m in metrics], item_id


def references_in(data: dict) -> set[str]:
    """The ids a data file points at, read field by field (independently of the project's walker)."""
    found = set(data.get("related", [])) | {c["with"] for c in data.get("confusions", [])}
    found |= set(data.get("items", [])) | {o["item"] for o in data.get("options", []) if "item" in o}
    found |= {step["item"] for step in data.get("steps", [])}
    found |= {data[key] for key in ("parent",) if key in data}
    found |= {data["status"]["successor"]} if "successor" in data.get("status", {}) else set()
    found |= set(data.get("aws", []))  # techniques: the AWS items that offer them
    return found


def item_url(item_id: str, algorithms, services, comparisons, pipelines) -> str:
    if item_id in services:
        return f"services/{services[item_id]['category']}/{item_id}/"
    kind = "algorithms" if item_id in algorithms else "comparisons" if item_id in comparisons else "pipelines"
    return f"{kind}/{item_id}/"


def test_referenced_by_lists_exactly_the_items_that_point_here(algorithms, services, comparisons, pipelines, metrics, page):
    # Every kind whose data can point at an item, except the quiz questions (no page to link).
    shared = ["activations", "distributions", "techniques", "misconceptions"]
    everything = {**algorithms, **services, **comparisons, **pipelines, **metrics}
    for kind in shared:
        everything.update(read_yaml_dir(ROOT / "data" / kind))
    for item_id in {**algorithms, **services}:
        expected = {
            flat(data.get("name") or data.get("title") or data["claim"]) for other, data in everything.items()
            if other != item_id and item_id in references_in(data)
        }
        article = page(item_url(item_id, algorithms, services, comparisons, pipelines))
        heading = article.find(id="referenced-by")
        shown = {flat(a.get_text()) for a in heading.find_next_sibling("ul").find_all("a")} if expected else set()
        assert shown == expected, item_id
        if not expected:
            assert "No other item in the catalogue refers to" in heading.find_next_sibling("p").get_text()


def test_mentions_of_other_algorithms_link_to_their_pages(algorithms, page):
    for item_id, data in algorithms.items():
        article = page(f"algorithms/{item_id}/")
        hrefs = {a["href"] for a in article.find_all("a", href=True)}
        for other in set(data["related"]) | {c["with"] for c in data["confusions"]}:
            assert f"../{other}/" in hrefs, (item_id, other)


# --- derived tables ---------------------------------------------------------------------------


def test_overview_table_has_one_row_per_algorithm(algorithms, vocab, page):
    rows = table_rows(page("algorithms/").find("table"))
    labels = {t["id"]: t["label"] for t in vocab["algorithm-categories"]["terms"]}
    assert [row[0] for row in rows[1:]] == [name_of(algorithms, i) for i in by_name(algorithms)]
    for row, item_id in zip(rows[1:], by_name(algorithms), strict=True):
        assert row[1] == labels[algorithms[item_id]["category"]]
        assert row[6] == ("yes" if algorithms[item_id]["training"]["is_parallelizable"] else "no")


@pytest.mark.parametrize("direction, heading, field", [
    ("training", "training-content-types", lambda d: d["training"]["content_types"]),
    ("inference", "inference-request-content-types", lambda d: d["inference"]["request_content_types"]),
])
def test_content_type_matrix_cells_equal_the_data(algorithms, vocab, page, direction, heading, field):
    matrix = table_after(page("algorithms/content-types/"), heading)
    rows = table_rows(matrix)
    used = {ct for data in algorithms.values() for ct in field(data)}
    columns = used_in_order(vocab["content-types"]["terms"], used)
    labels = {term["id"]: term["label"] for term in vocab["content-types"]["terms"]}
    assert rows[0] == ["Algorithm", *[labels[ct] for ct in columns]]
    assert [row[0] for row in rows[1:]] == [name_of(algorithms, i) for i in by_name(algorithms)]
    for row, item_id in zip(rows[1:], by_name(algorithms), strict=True):
        expected = [TICK if ct in field(algorithms[item_id]) else "" for ct in columns]
        assert row[1:] == expected, (direction, item_id)


def test_each_content_type_section_lists_the_algorithms_that_read_it(algorithms, vocab, page):
    article = page("algorithms/content-types/")
    readers = {"Training:": lambda d: d["training"]["content_types"], "Inference requests:": lambda d: d["inference"]["request_content_types"]}
    used = {ct for data in algorithms.values() for read in readers.values() for ct in read(data)}
    headings = article.find(id="each-content-type").find_all_next("h3")
    assert [h.find("code").get_text() for h in headings] == used_in_order(vocab["content-types"]["terms"], used)
    for heading in headings:
        mime = heading.find("code").get_text()
        assert heading["id"] == mime.replace("/", "-").replace(".", "-")
        for item in heading.find_next("ul").find_all("li"):
            label = item.find("strong").get_text()
            expected = [name_of(algorithms, i) for i in by_name(algorithms) if mime in readers[label](algorithms[i])]
            assert [a.get_text() for a in item.find_all("a")] == expected, (mime, label)


def test_training_matrix_cells_equal_the_data(algorithms, vocab, page):
    rows = table_rows(page("algorithms/training/").find("table"))
    modes = [t["id"] for t in vocab["input-modes"]["terms"]]
    yes_no = {True: "yes", False: "no"}
    for row, item_id in zip(rows[1:], by_name(algorithms), strict=True):
        t = algorithms[item_id]["training"]
        present = {m["mode"] for m in t["input_modes"]}
        assert row[0] == name_of(algorithms, item_id)
        assert row[1] == ", ".join(p.upper() for p in t["processors"])
        if t["supports_multi_gpu"] is not None:
            multi_gpu = yes_no[t["supports_multi_gpu"]]
        else:
            multi_gpu = "not documented by AWS" if "gpu" in t["processors"] else "not applicable (no GPU training)"
        assert row[2:5] == [multi_gpu, yes_no[t["supports_multi_instance"]], yes_no[t["is_parallelizable"]]]
        assert row[5:5 + len(modes)] == [TICK if m in present else "" for m in modes], item_id
        assert row[-1] == yes_no[t["supports_incremental_training"]]


def test_required_hyperparameters_table_equals_the_data(algorithms, page):
    rows = table_rows(page("algorithms/hyperparameters/").find("table"))[1:]
    expected = [
        (name_of(algorithms, i), h["name"], "always" if h["required"] else f"when {h['required_when']}")
        for i in by_name(algorithms) for h in algorithms[i]["hyperparameters"]
        if h["required"] or h.get("required_when")
    ]
    assert [(r[0], r[1], r[2]) for r in rows] == expected


def test_problem_index_lists_each_algorithm_under_each_of_its_problem_types(algorithms, vocab, page):
    article = page("algorithms/choose/")
    for term in vocab["problem-types"]["terms"]:
        members = [name_of(algorithms, i) for i in by_name(algorithms) if term["id"] in algorithms[i]["problem_types"]]
        heading = article.find("h2", string=lambda s, label=term["label"]: s and s.strip() == label)
        if not members:
            assert heading is None, term["id"]
            continue
        assert heading is not None, term["id"]
        assert [row[0] for row in table_rows(heading.find_next("table"))[1:]] == members


# --- the whole site ------------------------------------------------------------------------


def _article_html(path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.find("<article")
    return text[start:text.find("</article>", start)] if start >= 0 else ""


def test_no_unrendered_macro_or_error_text(all_pages):
    for path in all_pages:
        article = _article_html(path)
        for marker in ("{{", "{%", "Macro Syntax Error", "Macro Rendering Error", "Undefined"):
            assert marker not in article, f"{path}: {marker!r}"


def test_every_internal_link_and_anchor_resolves(site, all_pages):
    ids_cache: dict = {}

    def ids_of(path):
        if path not in ids_cache:
            ids_cache[path] = {tag["id"] for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all(id=True)}
        return ids_cache[path]

    checked = 0
    for path in all_pages:
        soup = BeautifulSoup(_article_html(path), "lxml")
        base = "file://" + str(path)
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"]
            if urlparse(href).scheme in {"http", "https", "mailto"}:
                continue
            url, fragment = urldefrag(urljoin(base, href))
            target = unquote(urlparse(url).path)
            if target.startswith(str(site / "downloads") + "/") and target.rsplit("/", 1)[-1] in DOWNLOADS:
                continue  # made by `make publish`, checked in test_offline.py
            target_path = html_path(site, target[len(str(site)):]) if target.endswith("/") else type(path)(target)
            assert target_path.exists(), f"{path.relative_to(site)}: broken link {href}"
            if fragment:
                assert fragment in ids_of(target_path), f"{path.relative_to(site)}: missing anchor {href}"
            checked += 1
    assert checked > 100  # the algorithm pages alone link to each other many times


def test_every_table_row_has_as_many_cells_as_its_header(all_pages):
    for path in all_pages:
        for table in BeautifulSoup(_article_html(path), "lxml").find_all("table"):
            widths = {len(row.find_all(["td", "th"])) for row in table.find_all("tr")}
            assert len(widths) == 1, f"{path}: a value broke a table row {widths}"


def test_pages_load_nothing_from_other_hosts(all_pages):
    # Things a browser fetches: scripts, images, frames and linked resources. A canonical
    # link only names the page's public address; nothing is loaded from it.
    fetched_links = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
    for path in all_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        urls = [tag.get("src", "") for tag in soup.find_all(["script", "img", "iframe", "source"])]
        urls += [tag.get("href", "") for tag in soup.find_all("link") if fetched_links & set(tag.get("rel", []))]
        assert [url for url in urls if re.match(r"(https?:)?//", url)] == [], path


# --- services, comparisons, pipelines --------------------------------------------------------


def test_every_service_page_shows_its_key_facts_and_sources(services, page):
    for item_id, data in services.items():
        article = page(f"services/{data['category']}/{item_id}/")
        assert flat(article.h1.get_text()) == data["name"], item_id
        if data["key_facts"]:
            rows = table_rows(table_after(article, "key-facts-and-limits"))[1:]
            assert [(r[0], r[1]) for r in rows] == [(str(f["label"]), str(f["value"])) for f in data["key_facts"]], item_id
        links = {a["href"] for a in article.find(id="sources").find_next("ul").find_all("a")}
        assert links == {source["url"] for source in data["sources"]}, item_id


def test_status_badges_appear_exactly_where_status_is_not_active(services, page):
    for item_id, data in services.items():
        article = page(f"services/{data['category']}/{item_id}/")
        badges = article.select(".kb-badge")
        if data["status"]["state"] == "active":
            assert badges == [], item_id
        else:
            assert len(badges) == 1 and str(data["status"]["date"]) in badges[0].get_text(), item_id
    index = page("services/")
    for item_id, data in services.items():
        row = index.find("a", href=lambda h, i=item_id: h and h.rstrip("/").endswith(f"/{i}")).find_parent("tr")
        assert bool(row.select(".kb-badge")) == (data["status"]["state"] != "active"), item_id


def test_retired_services_page_lists_exactly_the_services_not_active(services, page):
    table = page("services/retired/").find("table")
    rows = table_rows(table)[1:] if table else []
    retired = [d for d in services.values() if d["status"]["state"] != "active"]
    expected = sorted(sorted(retired, key=lambda d: d["name"].casefold()), key=lambda d: str(d["status"]["date"]), reverse=True)
    assert [r[0] for r in rows] == [d["name"] for d in expected]


def test_category_pages_list_exactly_their_services(services, vocab, page):
    for term in vocab["service-categories"]["terms"]:
        members = sorted((d["name"] for d in services.values() if d["category"] == term["id"]), key=str.casefold)
        table = page(f"services/{term['id']}/").find("table")
        shown = [r[0] for r in table_rows(table)[1:]] if table else []
        assert shown == members, term["id"]


def _display(value, vocabulary_terms: dict | None) -> str:
    values = value if isinstance(value, list) else [value]
    if vocabulary_terms:
        values = [vocabulary_terms[v] for v in values]
    return ", ".join("yes" if v is True else "no" if v is False else str(v) for v in values)


def vocabulary_of(kind: str, path: str) -> str | None:
    """The x-vocab a schema declares for a dotted field path (read from the JSON Schema)."""
    schema = json.loads((ROOT / "data" / "schemas" / f"{kind}.schema.json").read_text())
    for part in path.split("."):
        schema = schema["properties"][part]
    return schema.get("x-vocab") or schema.get("items", {}).get("x-vocab")


def test_comparison_cells_equal_the_items_data(algorithms, services, comparisons, vocab, page):
    everything = {**algorithms, **services}
    for comparison_id, comparison in comparisons.items():
        article = page(f"comparisons/{comparison_id}/")
        rows = {r[0]: r[1:] for r in table_rows(article.find("table"))}
        columns = comparison.get("items") or [o["id"] for o in comparison["options"]]
        if comparison.get("layout") == "rows":  # transpose back: one table row per item
            header = table_rows(article.find("table"))[0][1:]
            body = table_rows(article.find("table"))[1:]
            rows = {label: [r[1 + i] for r in body] for i, label in enumerate(header)}
        for row in comparison["rows"]:
            if "values" in row:
                expected = [row["values"][c] for c in columns]
            elif "key_fact" in row:
                expected = [next(f["value"] for f in everything[c]["key_facts"] if f["name"] == row["key_fact"]) for c in columns]
            else:
                expected = []
                for c in columns:
                    value = everything[c]
                    for part in row["field"].split("."):
                        value = value.get(part) if isinstance(value, dict) else None
                    vocabulary = vocabulary_of("algorithm" if c in algorithms else "service", row["field"])
                    terms = {t["id"]: t["label"] for t in vocab[vocabulary]["terms"]} if vocabulary else None
                    expected.append("—" if value in (None, []) else _display(value, terms))
            assert rows[row["label"]] == expected, (comparison_id, row["label"])


def test_pipeline_boxes_link_to_each_step_in_order(algorithms, services, comparisons, pipelines, page):
    for pipeline_id, pipeline in pipelines.items():
        article = page(f"pipelines/{pipeline_id}/")
        boxes = article.select(".kb-pipeline li")
        assert len(boxes) == len(pipeline["steps"]), pipeline_id
        for box, step in zip(boxes, pipeline["steps"], strict=True):
            link = box.find("a")
            assert link["href"].rstrip("/").endswith(step["item"]), (pipeline_id, step["item"])
            assert step["does"] in flat(box.get_text())


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


# --- edit links, problem reports and dates ------------------------------------------------------


def _full_page(site, url: str) -> BeautifulSoup:
    return BeautifulSoup(html_path(site, url).read_text(encoding="utf-8"), "lxml")


def _git_date(path: str) -> str | None:
    import subprocess

    out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path], cwd=ROOT, capture_output=True, text=True, check=False)
    return out.stdout.strip() or None


def test_edit_links_lead_to_the_data_file_or_the_markdown(site, algorithms, services, metrics):
    repository = "https://github.com/aws-ml-kb/aws-ml-kb"  # extra.repository in mkdocs.yml
    assert f"repository: {repository}" in (ROOT / "mkdocs.yml").read_text()
    data_pages = {f"algorithms/{i}/": f"data/algorithms/{i}.yaml" for i in algorithms}
    data_pages |= {f"services/{d['category']}/{i}/": f"data/services/{i}.yaml" for i, d in services.items()}
    data_pages |= {f"metrics/{i}/": f"data/metrics/{i}.yaml" for i in metrics}
    for url, data_file in data_pages.items():
        edit = _full_page(site, url).select_one("a.kb-action-edit")["href"]
        assert edit == f"{repository}/edit/main/{data_file}", url
    for url, markdown in {"": "docs/index.md", "about/": "docs/about.md", "algorithms/choose/": "docs/algorithms/choose.md"}.items():
        assert _full_page(site, url).select_one("a.kb-action-edit")["href"] == f"{repository}/edit/main/{markdown}"


def test_every_page_can_report_a_problem_with_its_own_address(site, all_pages):
    for path in all_pages:
        if path.parent.name in {"search"} or path.name != "index.html" or "print_page" in path.parts:
            continue
        report = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one("a.kb-action-report")
        if report is None:  # 404 page
            assert path.parent == site and path.name == "404.html"
            continue
        url = path.parent.relative_to(site).as_posix()
        address = "https://aws-ml-kb.github.io/aws-ml-kb/" + (url + "/" if url != "." else "")
        assert "template=wrong-fact.yml" in report["href"]
        assert unquote(report["href"].split("page=")[1]) == address, path


def test_pages_show_last_change_and_data_pages_their_last_verification(site, algorithms, services):
    cases = {f"algorithms/{i}/": (f"docs/algorithms/{i}.md", f"data/algorithms/{i}.yaml", d) for i, d in algorithms.items()}
    cases |= {f"services/{d['category']}/{i}/": (f"docs/services/{d['category']}/{i}.md", f"data/services/{i}.yaml", d)
              for i, d in list(services.items())[:20]}
    cases["about/"] = ("docs/about.md", None, None)
    for url, (markdown, data_file, data) in cases.items():
        dates = _full_page(site, url).select_one(".kb-page-dates")
        expected = max(filter(None, [_git_date(markdown), _git_date(data_file) if data_file else None]), default=None)
        if expected:
            assert dates.select_one("time").get_text() == expected, url
        if data is not None:
            assert f"Facts last verified: {data['last_verified']}" in flat(dates.get_text()), url
        else:
            assert "Facts last verified" not in (dates.get_text() if dates else "")


def test_source_lists_and_referrers_stay_out_of_search(site, page):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    skipped = [d["location"] for d in index["docs"] if d["location"].endswith(("#sources", "#referenced-by"))]
    assert skipped == []
    assert page("algorithms/xgboost/").find(id="sources") is not None  # still on the page
    assert any(d["location"] == "algorithms/xgboost/" for d in index["docs"])
