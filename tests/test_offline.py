"""Offline study: the PDF of the whole site, the cheat sheet, and the offline zip.

Built once per session from the real site (tools/pdf.py, tools/offline.py), then read back:
PDFs with pypdf, the offline copy in Chromium from file:// with every request recorded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, flat, html_path, mkdocs_config, offline_zip
from pypdf import PdfReader

from tools.browser import SearchBox

sys.path.insert(0, str(ROOT / "tools"))
import pdf as pdf_tool


@pytest.fixture(scope="session")
def pdf_files(site, browser, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    pdf_tool.print_documents(browser, site, out)
    return {name: out / name for name in pdf_tool.DOCUMENTS}


@pytest.fixture(scope="session")
def pdfs(pdf_files):
    return {name: PdfReader(path) for name, path in pdf_files.items()}


def pdf_text(path: Path) -> str:
    """A PDF's text with white space folded: poppler's pdftotext when installed (make test
    installs poppler-utils with Chromium; about a second for the 600-page site), otherwise
    pypdf (minutes)."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True).stdout.decode("utf-8")
    else:
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.split())


@pytest.fixture(scope="session")
def site_pdf(pdfs):
    return pdfs["aws-ml-kb.pdf"]


@pytest.fixture(scope="session")
def pdf_texts(pdfs, pdf_files) -> dict[str, str]:
    """Each PDF's text with white space folded, extracted once per session."""
    return {name: pdf_text(path) for name, path in pdf_files.items()}


@pytest.fixture(scope="session")
def site_pdf_text(pdf_texts) -> str:
    return pdf_texts["aws-ml-kb.pdf"]


def nav_top_level() -> list:
    return mkdocs_config()["nav"]


def test_page_count_is_in_a_sane_range(site_pdf, all_pages):
    pages = len(all_pages)  # every built HTML page, print page included
    assert pages <= len(site_pdf.pages) <= 6 * pages


def test_outline_top_level_follows_the_navigation(site_pdf, site):
    expected = []
    for entry in nav_top_level():
        title, value = next(iter(entry.items()))
        if isinstance(value, list):
            expected.append(title)  # a section: its nav title
        else:  # a page: its own title
            html = html_path(site, value.removesuffix(".md").removesuffix("index")).read_text()
            h1 = BeautifulSoup(html, "lxml").find("h1")
            for permalink in h1.find_all("a", class_="headerlink"):
                permalink.decompose()
            expected.append(flat(h1.get_text()))  # via get_text: titles may hold <abbr>
    top = [entry.title for entry in site_pdf.outline if not isinstance(entry, list)]
    assert top == expected
    # and it nests: the algorithm pages sit below the "Built-in algorithms" section
    section = site_pdf.outline.index(next(e for e in site_pdf.outline if not isinstance(e, list) and e.title == "Built-in algorithms"))
    assert isinstance(site_pdf.outline[section + 1], list)


def test_pdf_contains_every_algorithm_and_service_name(site_pdf_text, algorithms, services):
    missing = [d["name"] for d in {**algorithms, **services}.values() if " ".join(d["name"].split()) not in site_pdf_text]
    assert missing == []


def test_pdf_has_internal_links_and_page_numbers(site_pdf, site_pdf_text):
    internal = 0
    for page in site_pdf.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            action = link.get("/A")
            if link.get("/Subtype") == "/Link" and ("/Dest" in link or (action and action.get("/S") == "/GoTo")):
                internal += 1
    assert internal > 500  # the contents alone link every page; cross-references add the rest
    assert f"page 2 of {len(site_pdf.pages)}" in site_pdf_text


def test_pdf_has_no_raw_math_or_macro_text(pdf_texts):
    for name, text in pdf_texts.items():
        assert "{{" not in text and "{%" not in text, name
        assert not re.search(r"\$[^$]{0,80}\\[a-zA-Z]+[^$]{0,80}\$", text), name  # $\frac...$ left as text
        assert "\\(" not in text and "\\[" not in text, name


def test_cheat_sheet_is_landscape_and_holds_the_data_tables(pdfs, pdf_texts, algorithms):
    box = pdfs["aws-ml-kb-cheat-sheet.pdf"].pages[0].mediabox
    assert box.width > box.height
    text = pdf_texts["aws-ml-kb-cheat-sheet.pdf"]
    for heading in ["Built-in algorithms", "Training content types", "Required hyperparameters", "Service limits", "Key comparisons"]:
        assert heading in text
    assert all(" ".join(d["name"].split()) in text for d in algorithms.values())


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(offline_zip(folder)) as archive:  # built in the background from collection on
        archive.extractall(folder)
    return folder / "aws-ml-kb"


def test_offline_copy_searches_from_file_urls_with_no_network(offline_copy, browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))

    class ContextAsBrowser:  # SearchBox opens its page through .new_page()
        new_page = context.new_page

    box = SearchBox(ContextAsBrowser, (offline_copy / "index.html").as_uri())
    results, _ = box.query("xgboost")
    context.close()
    assert results and results[0].endswith("/algorithms/xgboost.html")
    assert requests and [url for url in requests if not url.startswith("file://")] == []


def test_offline_copy_runs_the_study_tools_from_file_urls(offline_copy, browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.goto((offline_copy / "study" / "flashcards.html").as_uri())
    tab.locator('[data-action="flip"]').click()
    link = tab.locator(".kb-card__back a").get_attribute("href")
    assert (offline_copy / "study" / link.split("#")[0]).resolve().is_file(), link
    tab.locator('[data-action="knew"]').click()
    tab.reload()  # progress survives in file:// localStorage
    assert tab.evaluate("Object.keys(JSON.parse(localStorage.getItem('kb-flashcards-v1'))).length") == 1
    tab.goto((offline_copy / "algorithms" / "chooser.html").as_uri())
    tab.select_option('[data-filter="problem"]', "regression")
    href = tab.locator("#kb-chooser tbody tr:visible a").first.get_attribute("href")
    assert (offline_copy / "algorithms" / href).is_file(), href
    tab.goto((offline_copy / "study" / "drills.html").as_uri())
    tab.locator('[data-action="start"]').click()
    tab.locator(".kb-quiz__option").first.click()
    assert tab.locator(".kb-quiz__feedback").get_attribute("data-result") in {"correct", "incorrect"}
    tab.goto((offline_copy / "study" / "practice.html").as_uri())
    tab.select_option('[data-filter="type"]', "multiple-choice")  # the draw is random; other types have no <input>
    tab.locator('[data-action="start"]').click()
    tab.locator(".kb-quiz .kb-q input").first.check()
    tab.locator('[data-action="check"]').click()
    assert tab.locator(".kb-quiz__feedback").get_attribute("data-result") in {"correct", "incorrect"}
    link = tab.locator(".kb-quiz__feedback a").first.get_attribute("href")
    assert (offline_copy / "study" / link.split("#")[0]).resolve().is_file(), link
    tab.goto((offline_copy / "study" / "mock-exam.html").as_uri())
    tab.locator('[data-action="start-mla-c01"]').click()
    assert tab.locator(".kb-mock__timer").text_content().startswith("Time left: 2:")
    context.close()
    assert [url for url in requests if not url.startswith("file://")] == []


def test_offline_copy_ships_the_worker_shim_instead_of_a_cdn(offline_copy):
    index = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/vendor/iframe-worker/shim.js"' in index
    assert "unpkg.com" not in index
    assert (offline_copy / "search" / "search_index.js").exists()


def test_downloads_are_linked_from_home_page_and_footer(site, page):
    home_links = {a["href"] for a in page("").find_all("a", href=True)}
    assert "downloads/" in home_links
    downloads_page = {a["href"] for a in page("downloads/").find_all("a", href=True)}
    footer = (site / "algorithms" / "xgboost" / "index.html").read_text(encoding="utf-8")
    assert "aws-ml-kb-anki.txt" in downloads_page
    for name in ("aws-ml-kb.pdf", "aws-ml-kb-cheat-sheet.pdf", "aws-ml-kb-offline.zip"):
        assert name in downloads_page
        assert f'href="../../downloads/{name}"' in footer


def test_every_content_tab_is_printed_with_its_label(site_pdf_text):
    # docs/algorithms/content-types.md has one tab per API; on screen only one shows at a time.
    for label, code in [("SageMaker Python SDK", 'content_type="text/csv"'), ("CreateTrainingJob API (boto3)", '"ContentType": "text/csv"')]:
        assert label in site_pdf_text and code in site_pdf_text


def test_the_raw_math_check_would_catch_latex_left_as_text():
    assert re.search(r"\$[^$]{0,80}\\[a-zA-Z]+[^$]{0,80}\$", r"the F1 score is $\frac{2PR}{P+R}$ here")
    assert not re.search(r"\$[^$]{0,80}\\[a-zA-Z]+[^$]{0,80}\$", "Athena costs $5 per TB and $0.10 per GB")
