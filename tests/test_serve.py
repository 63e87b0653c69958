"""`make serve`, as the README shows it: the preview answers at the root of its address, shows
an edit to a data file on every page that uses it, reports a broken edit and recovers.

The edits are made in a copy of the project, never in this checkout."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess

import pytest
from conftest import ROOT, mkdocs_config

from tools.browser import fetch, wait_for_text, wait_until

EDITED = "data/algorithms/xgboost.yaml"
SUMMARY = "Gradient-boosted decision trees for classification"
# pages that show the summary: its own page and the "which algorithm" page (a shared page)
PAGES = ("algorithms/xgboost/", "algorithms/choose/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    try:
        return wait_until(condition, seconds)
    except TimeoutError:
        pytest.fail(f"gave up after {seconds:.0f} s waiting for {what}")


def wait_for_page(url: str, text: str, seconds: float, what: str) -> str:
    try:
        return wait_for_text(url, text, seconds)
    except TimeoutError:
        pytest.fail(f"gave up after {seconds:.0f} s waiting for {what}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`make serve` running in a copy of the project: (project, base URL, log file, process)."""
    project = tmp_path_factory.mktemp("serve") / "project"
    shutil.copytree(ROOT, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "dist", "__pycache__", ".pytest_cache"))
    (project / ".venv").symlink_to(ROOT / ".venv")
    address = f"127.0.0.1:{free_port()}"
    log = project.parent / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(["make", "serve", f"ADDR={address}"], cwd=project, stdout=output,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield project, f"http://{address}/", log, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def edit(project, old: str, new: str) -> None:
    path = project / EDITED
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_make_serve_answers_at_the_root_and_watches_data_and_macros(preview):
    _, url, _, _ = preview
    page = wait_for(lambda: fetch(url + "algorithms/xgboost/"), 240, "the first build")
    assert SUMMARY in page
    assert {"data", "macros"} <= set(mkdocs_config()["watch"])


def test_an_edited_value_shows_on_every_page_that_uses_it(preview):
    project, url, log, _ = preview
    wait_for(lambda: fetch(url + "algorithms/xgboost/"), 240, "the first build")
    edit(project, SUMMARY, SUMMARY + " quokka")
    for page in PAGES:
        wait_for_page(url + page, "quokka", 120, f"the edit on {page}")
    # only what changed was converted again (overrides/hooks/serve_cache.py)
    reports = re.findall(r"serve cache: Markdown converted for (\d+) pages, reused for (\d+)", log.read_text())
    converted, reused = map(int, reports[-1])
    assert 0 < converted < reused


def test_a_broken_edit_is_reported_and_the_server_recovers_when_it_is_fixed(preview):
    project, url, log, server = preview
    wait_for(lambda: fetch(url + "algorithms/xgboost/"), 240, "the first build")
    edit(project, "category: tabular", "category: tabulr")
    message = f"{EDITED}: category"
    wait_for(lambda: message in log.read_text(), 120, "the validation message")
    text = log.read_text()
    assert "tabulr" in text[text.index(message):]  # file, field and value
    assert server.poll() is None  # still running
    edit(project, "category: tabulr", "category: tabular")
    edit(project, SUMMARY, SUMMARY + " wombat")
    wait_for_page(url + "algorithms/xgboost/", "wombat", 120, "the fixed file to be served")
    assert server.poll() is None
