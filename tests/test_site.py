"""The built site as a whole: links and anchors, tables, hosts, "Referenced by", edit links,
dates and search exclusions. Each family's pages are checked in its own module
(test_algorithms, test_services, test_comparisons, test_concepts, test_exams, test_study).

Expected values are computed here from the YAML files, never copied from the output.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from bs4 import BeautifulSoup
from conftest import ROOT, article_of, data_of, flat, html_path, page_url, soup_of

from macros.catalog import KINDS

DOWNLOADS = {"aws-ml-kb.pdf", "aws-ml-kb-cheat-sheet.pdf", "aws-ml-kb-offline.zip", "aws-ml-kb-anki.txt"}


# --- "Referenced by" on every item page ----------------------------------------------------


def references_in(data: dict) -> set[str]:
    """The ids a data file points at, read field by field (independently of the project's walker)."""
    found = set(data.get("related", [])) | {c["with"] for c in data.get("confusions", [])}
    found |= set(data.get("items", [])) | {o["item"] for o in data.get("options", []) if "item" in o}
    found |= {step["item"] for step in data.get("steps", [])}
    found |= {data[key] for key in ("parent",) if key in data}
    found |= {data["status"]["successor"]} if "successor" in data.get("status", {}) else set()
    found |= set(data.get("aws", []))  # techniques: the AWS items that offer them
    for scope in ("in_scope", "out_of_scope"):  # exams: the services the guide lists, where a card exists
        found |= {s["item"] for s in (data.get(scope) or {}).get("services", []) if "item" in s}
    return found


def test_referenced_by_lists_exactly_the_items_that_point_here(page):
    # Every kind whose items the kinds table shows in "Referenced by" (not the quiz questions).
    # A misconception's claim is false: its link says so (test_concepts checks the correction after it).
    everything = {
        item_id: ("Myth: " if kind == "misconceptions" else "") + flat(data[settings.title])
        for kind, settings in KINDS.items() if settings.referenced_by
        for item_id, data in data_of(kind).items()
    }
    data = {item_id: d for kind in KINDS for item_id, d in data_of(kind).items()}
    for kind in ("algorithms", "services"):  # the item pages that carry prose and the list
        for item_id, item in data_of(kind).items():
            expected = {name for other, name in everything.items() if other != item_id and item_id in references_in(data[other])}
            article = page(page_url(KINDS[kind].page_of(item_id, item)))
            heading = article.find(id="referenced-by")
            shown = {flat(a.get_text()) for a in heading.find_next_sibling("ul").find_all("a")} if expected else set()
            assert shown == expected, item_id
            if not expected:
                assert "No other item in the catalogue refers to" in heading.find_next_sibling("p").get_text()


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
            ids_cache[path] = {tag["id"] for tag in soup_of(path).find_all(id=True)}
        return ids_cache[path]

    checked = 0
    for path in all_pages:
        article = article_of(path)
        base = "file://" + str(path)
        for anchor in article.find_all("a", href=True) if article is not None else ():
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
        article = article_of(path)
        for table in article.find_all("table") if article is not None else ():
            widths = {len(row.find_all(["td", "th"])) for row in table.find_all("tr")}
            assert len(widths) == 1, f"{path}: a value broke a table row {widths}"


def test_pages_load_nothing_from_other_hosts(all_pages):
    # Things a browser fetches: scripts, images, frames and linked resources. A canonical
    # link only names the page's public address; nothing is loaded from it.
    fetched_links = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
    for path in all_pages:
        soup = soup_of(path)
        urls = [tag.get("src", "") for tag in soup.find_all(["script", "img", "iframe", "source"])]
        urls += [tag.get("href", "") for tag in soup.find_all("link") if fetched_links & set(tag.get("rel", []))]
        assert [url for url in urls if re.match(r"(https?:)?//", url)] == [], path


# --- edit links, problem reports and dates ------------------------------------------------------


def _full_page(site, url: str) -> BeautifulSoup:
    return soup_of(html_path(site, url))


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
        report = soup_of(path).select_one("a.kb-action-report")
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
    index = json.loads((site / "search" / "kb_index.json").read_text(encoding="utf-8"))  # the index search loads
    skipped = [d["location"] for d in index["docs"] if d["location"].endswith(("#sources", "#referenced-by"))]
    assert skipped == []
    assert page("algorithms/xgboost/").find(id="sources") is not None  # still on the page
    assert any(d["location"] == "algorithms/xgboost/" for d in index["docs"])


# --- search terms (issue #16) -----------------------------------------------------------------


def test_every_item_page_shows_its_search_terms(page):
    """The words in an item's search_terms are on its page, once, in the order of the data (so
    any engine that indexes the page text finds them); items without terms show no such line."""
    checked = 0
    for kind in KINDS.values():
        if not kind.has_own_page:
            continue
        for item_id, data in data_of(kind.folder).items():
            url = page_url(kind.page_of(item_id, data))
            lines = page(url).select(".kb-search-terms")
            terms = data.get("search_terms") or []
            if not terms:
                assert lines == [], url
                continue
            assert len(lines) == 1, url
            assert flat(lines[0].get_text()) == "Also searched as: " + ", ".join(terms), url
            checked += 1
    assert checked >= 250  # every service, algorithm, pipeline and metric, and most comparisons


def test_home_page_leads_to_the_practice_quiz_and_the_mock_exam(site, page):
    hrefs = {a["href"] for a in page("").find_all("a", href=True)}
    assert {"study/practice/", "study/mock-exam/"} <= hrefs
    # MLOps serves every exam that asks about it: the navigation does not tie it to one
    nav = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml").select_one("nav.md-nav--primary")
    labels = [flat(label.get_text()) for label in nav.select(".md-nav__link")]
    assert "MLOps" in labels and not [label for label in labels if label.startswith("MLOps (")]
