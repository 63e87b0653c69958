"""Every built page is valid HTML according to the Nu Html Checker (vnu-jar, the W3C's
checker). `make test` installs the checker (npm) and Java (apt).

The print page is checked on its own and not yet held to zero: the print-site plugin writes a
`heading-number` attribute on every section, a <style> element at the end of the body, and page
keys that can equal a heading id of another page. Fixing those in overrides/hooks/print_site.py
is open work (issue #14); the test bounds the count so that it can only go down."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(target: Path) -> list[dict]:
    """Errors the checker reports for every HTML file under target (a file or a folder)."""
    if not VNU_JAR.is_file() or shutil.which("java") is None:
        pytest.fail("the Nu Html Checker is not installed: run `make checker` (npm ci, and Java with apt)")
    result = subprocess.run(
        ["java", "-Xss16m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(target)],
        capture_output=True, text=True, check=False,
    )
    return json.loads(result.stderr)["messages"]


@pytest.fixture(scope="module")
def site_errors(site) -> list[dict]:
    return check(site)


def test_the_checker_reports_invalid_html(tmp_path):
    """The gate can fail: the checker finds the kinds of errors the theme once had."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" id="a" autocomplete="off"><label for="a" tabindex="">x</label>'
        '<p id="d">1</p><p id="d">2</p></body></html>',
        encoding="utf-8",
    )
    messages = " ".join(message["message"] for message in check(page))
    assert "tabindex" in messages and "autocomplete" in messages and "Duplicate ID" in messages


PRINT_PAGE = "print_page/index.html"
# Errors on the print page when this test was written (all from the plugin's markup, see above).
PRINT_PAGE_ERRORS_AT_MOST = 370


def page_of(message: dict, site: Path) -> str:
    return Path(message["url"].removeprefix("file:")).relative_to(site).as_posix()


def test_every_built_page_is_valid_html(site, site_errors):
    site_errors = [message for message in site_errors if page_of(message, site) != PRINT_PAGE]
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100, "the checker should see the whole site"
    by_page = Counter(page_of(message, site) for message in site_errors)
    first = [f"{message['url'].split(str(site))[-1]}: {message['message']}" for message in site_errors[:15]]
    assert site_errors == [], f"{len(site_errors)} HTML errors on {len(by_page)} pages, e.g.:\n" + "\n".join(first)


def test_print_page_errors_come_only_from_the_print_plugin(site, site_errors):
    errors = [message["message"] for message in site_errors if page_of(message, site) == PRINT_PAGE]
    assert len(errors) <= PRINT_PAGE_ERRORS_AT_MOST
    known = ("heading-number", "Duplicate ID", "“style” element", "“for” attribute")
    assert [error for error in errors if not any(mark in error for mark in known)] == []
