"""Every built page is valid HTML according to the Nu Html Checker (vnu-jar, the W3C's
checker), the print page included. `make test` installs the checker (npm) and Java (apt).

The print page was the last to pass: the print-site plugin writes a `heading-number` attribute
on every section, a <style> element at the end of the body, and page keys that can equal a
heading id of another page; overrides/hooks/print_site.py repairs each (tests/test_print_site.py
checks the repairs one by one)."""

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
    """The gate can fail: the checker finds the kinds of errors the theme and the print plugin once had."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" id="a" autocomplete="off"><label for="a" tabindex="">x</label>'
        '<p id="d">1</p><p id="d">2</p><section heading-number="1"><p>x</p><style>p {}</style></section></body></html>',
        encoding="utf-8",
    )
    messages = " ".join(message["message"] for message in check(page))
    assert "tabindex" in messages and "autocomplete" in messages and "Duplicate ID" in messages
    assert "heading-number" in messages and "“style”" in messages  # what the print-site plugin wrote


PRINT_PAGE = "print_page/index.html"


def page_of(message: dict, site: Path) -> str:
    return Path(message["url"].removeprefix("file:")).relative_to(site).as_posix()


def test_every_built_page_is_valid_html(site, site_errors):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100, "the checker should see the whole site"
    assert (site / PRINT_PAGE).is_file(), "the print page must be built and checked too"
    by_page = Counter(page_of(message, site) for message in site_errors)
    first = [f"{message['url'].split(str(site))[-1]}: {message['message']}" for message in site_errors[:15]]
    assert site_errors == [], f"{len(site_errors)} HTML errors on {len(by_page)} pages, e.g.:\n" + "\n".join(first)
