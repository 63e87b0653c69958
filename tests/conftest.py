"""Shared fixtures: the real site is built once per session; fixture projects on demand."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def run_build(config: Path, site_dir: Path, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)],
        check=False, capture_output=True, text=True, env=env, cwd=config.parent,
    )


# The two builds of the real site that tests need, the strict site and the offline copy, are
# started in the background as soon as collection shows that a selected test needs them: they
# run side by side, and alongside the tests that need no site. Each is built exactly as
# before (a separate `mkdocs build --strict` process, cold); only the waiting overlaps.
_EARLY: dict[str, tuple[subprocess.Popen, Path, Path]] = {}  # name -> (process, output, log)


def _start_early(config, name: str, command: list[str], env_extra: dict[str, str], output: Path) -> None:
    folder = config._tmp_path_factory.mktemp(f"early-{name}")
    log = folder / "build.log"
    with log.open("w") as stream:
        process = subprocess.Popen([*command, str(folder / output)], cwd=ROOT, stdout=stream, stderr=subprocess.STDOUT,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env_extra})
    _EARLY[name] = (process, folder / output, log)


def _finish_early(name: str) -> tuple[int, Path, str] | None:
    """(exit status, output path, log) of a background build, once it has ended; None if none was started."""
    if name not in _EARLY:
        return None
    process, output, log = _EARLY[name]
    process.wait()
    return process.returncode, output, log.read_text(encoding="utf-8")


def pytest_collection_finish(session):
    needs = set().union(*(getattr(item, "fixturenames", ()) for item in session.items))
    if "site" in needs:
        _start_early(session.config, "site", [*MKDOCS, "build", "--strict", "--site-dir"], {"KB_DATA_DIR": ""}, Path("site"))
    if "offline_copy" in needs:
        _start_early(session.config, "offline", [sys.executable, str(ROOT / "tools" / "offline.py")], {},
                     Path("aws-ml-kb-offline.zip"))


def pytest_sessionfinish(session):
    for process, _, _ in _EARLY.values():  # a run stopped early (-x, Ctrl-C) leaves no build behind
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built strictly from this checkout (started in the background at collection)."""
    early = _finish_early("site")
    if early is not None:
        status, site_dir, log = early
        assert status == 0, f"strict build failed:\n{log}"
        return site_dir
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(ROOT / "mkdocs.yml", site_dir, {"KB_DATA_DIR": ""})
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site_dir


def offline_zip(folder: Path) -> Path:
    """`make offline`'s zip (tools/offline.py): the one started at collection, or built now into folder."""
    early = _finish_early("offline")
    if early is not None:
        status, zip_path, log = early
        assert status == 0, f"offline build failed:\n{log}"
        return zip_path
    sys.path.insert(0, str(ROOT / "tools"))
    import offline as offline_tool

    offline_tool.main(folder / "aws-ml-kb-offline.zip")
    return folder / "aws-ml-kb-offline.zip"


def flat(text: str) -> str:
    """White space folded, for comparing page text with data. Take the text with a plain
    get_text(): a separator or strip=True would add or drop spaces around an <abbr>."""
    return " ".join(text.split())


def table_after(article, heading_id: str):
    heading = article.find(id=heading_id)
    assert heading is not None, f"no heading #{heading_id}"
    return heading.find_next("table")


def table_rows(table) -> list[list[str]]:
    return [[flat(cell.get_text()) for cell in row.find_all(["td", "th"])] for row in table.find_all("tr")]


def html_path(site_dir: Path, page_url: str) -> Path:
    """'algorithms/xgboost/' -> site/algorithms/xgboost/index.html."""
    return site_dir / page_url.strip("/") / "index.html" if page_url.strip("/") else site_dir / "index.html"


@cache
def soup_of(path: Path) -> BeautifulSoup:
    """A built page, whole, parsed once per session and shared: read it, never change it (a
    test that removes elements works on a copy.copy()). The tests that look at every page used to
    parse all of them again each (about 35 MB of HTML, the print page alone 7 MB); bs4 parsing
    was most of `make test-fast`."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def article_of(path: Path):
    """The <article> of a built page (None when it has none), from the shared parse."""
    return soup_of(path).find("article")


@pytest.fixture(scope="session")
def served_site(site):
    """The built site over HTTP on 127.0.0.1, as a learner's browser would load it."""
    from tools.browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (make test installs Chromium when missing)."""
    from playwright.sync_api import sync_playwright

    from tools.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def pytest_collection_modifyitems(items):
    """Mark tests by what they need, from the fixtures they use (directly or through other
    fixtures): `browser` for Chromium, `pdf` for the printed PDFs. `make test-fast` deselects
    both (`-m "not browser and not pdf"`); `make test` runs everything."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if needs & {"pdfs"}:
            item.add_marker(pytest.mark.pdf)
        if needs & {"browser", "served_site"}:
            item.add_marker(pytest.mark.browser)


REPORT: list[str] = []  # lines that tests want shown after the run (relevance figures, latency)


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("measured (search relevance, latency, page weight)")
        for line in REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def page(site):
    """page('algorithms/xgboost/') -> the <article> of that page (navigation left out)."""

    articles: dict[Path, object] = {}

    def article(page_url: str):
        path = html_path(site, page_url)
        assert path.exists(), f"no page built at {page_url}"
        if path not in articles:
            shared = article_of(path)
            assert shared is not None, f"{page_url} has no <article>"
            found = copy.copy(shared)  # bs4 copies the whole subtree: the shared parse stays intact
            for permalink in found.select("a.headerlink"):  # the ¶ sign after each heading
                permalink.decompose()
            articles[path] = found
        return articles[path]

    return article


@pytest.fixture(scope="session")
def all_pages(site) -> list[Path]:
    return sorted(site.rglob("*.html"))


def mkdocs_config() -> dict:
    """mkdocs.yml as the tests see it (`!ENV` values at their defaults)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from mkdocs_config import load_mkdocs_config

    return load_mkdocs_config(ROOT / "mkdocs.yml")


def data_of(kind: str) -> dict[str, dict]:
    """id -> parsed YAML of every item of one kind in the real data/ (read with PyYAML)."""
    return read_yaml_dir(ROOT / "data" / kind)


def page_url(page: str) -> str:
    """The built URL of a docs-relative page (an Item.page, #anchor kept):
    'algorithms/xgboost.md' -> 'algorithms/xgboost/', 'misconceptions.md#x' -> 'misconceptions/#x'."""
    from macros.render import site_url

    return site_url(page)


def build_project(project: Path, data_files: dict[str, str] | None = None, pages: dict[str, str] | None = None,
                  nav: list | None = None) -> Path:
    """A throw-away project in `project`: fixture data plus data_files (see make_data_dir), the
    Markdown pages given (path under docs/ -> text), the real configuration with `nav`
    (default: the pages, sorted); built strictly. Returns the site directory."""
    make_data_dir(project, data_files)
    os.symlink(ROOT / "macros", project / "macros")
    os.symlink(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")  # cover template, vendored shim
    for path, text in (pages or {}).items():
        (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / path).write_text(text, encoding="utf-8")
    config = mkdocs_config()
    config["nav"] = nav if nav is not None else sorted(pages or {})
    config.pop("extra_css", None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = run_build(project / "mkdocs.yml", project / "site", {"KB_DATA_DIR": ""})
    assert result.returncode == 0, result.stderr
    return project / "site"


def read_yaml_dir(folder: Path) -> dict[str, dict]:
    """id -> parsed YAML, read directly with PyYAML so tests do not trust the project's loader.

    Each folder is parsed once per session while its files are unchanged (the key holds every
    file's size and modification time), and every caller gets its own copy to change freely:
    a helper that looks an id up per row no longer re-reads the whole folder each time."""
    paths = tuple(path for path in sorted(folder.glob("*.yaml")) if not path.name.startswith("_"))
    stamp = tuple((path.name, path.stat().st_mtime_ns, path.stat().st_size) for path in paths)
    return copy.deepcopy(_read_yaml_files(paths, stamp))


@cache
def _read_yaml_files(paths: tuple[Path, ...], stamp: tuple) -> dict[str, dict]:
    return {path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) for path in paths}


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML's safe loader, in C where built


@pytest.fixture(scope="session")
def algorithms() -> dict[str, dict]:
    return data_of("algorithms")


@pytest.fixture(scope="session")
def services() -> dict[str, dict]:
    return data_of("services")


@pytest.fixture(scope="session")
def comparisons() -> dict[str, dict]:
    return data_of("comparisons")


@pytest.fixture(scope="session")
def pipelines() -> dict[str, dict]:
    return data_of("pipelines")


@pytest.fixture(scope="session")
def metrics() -> dict[str, dict]:
    return data_of("metrics")


@pytest.fixture(scope="session")
def vocab() -> dict[str, dict]:
    return data_of("vocab")


def make_data_dir(target: Path, extra_files: dict[str, str] | None = None) -> Path:
    """A data/ folder: the real schemas and vocabularies plus the fixture items.

    extra_files maps paths inside data/ ("algorithms/x.yaml") to YAML text; they are added
    or replace fixtures.
    """
    data = target / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    shutil.copytree(ROOT / "data" / "vocab", data / "vocab")
    for entry in sorted((FIXTURES / "data").iterdir()):
        if entry.is_dir():
            shutil.copytree(entry, data / entry.name)
        else:  # glossary.yaml
            shutil.copy(entry, data / entry.name)
    for name, text in (extra_files or {}).items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    return data


def injection_files() -> dict[str, str]:
    """The fixtures whose every free-text value carries HTML, pipes or Markdown."""
    folder = FIXTURES / "injection"
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.yaml"))}


def fixture_yaml(name: str = "alpha-learner", kind: str = "algorithms") -> str:
    return (FIXTURES / "data" / kind / f"{name}.yaml").read_text(encoding="utf-8")


# Render-function tests: Markdown as Python-Markdown turns it into HTML, and a catalogue of the
# injection fixtures (values that try to break out of tables, links and formulas).
RENDER_EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc"]


def html_of(markdown_text: str) -> BeautifulSoup:
    import markdown

    return BeautifulSoup(markdown.markdown(markdown_text, extensions=RENDER_EXTENSIONS), "lxml")


@cache
def real_catalog():
    """load_valid_catalog(data/) of this checkout, loaded and validated once per session (it
    raises DataError, uncached, while the data has problems). Tests read it, never change it;
    each module loading it again cost a full validation (about 5 s, 30 s under load)."""
    from macros.validate import load_valid_catalog

    return load_valid_catalog(ROOT / "data")


@pytest.fixture(scope="session")
def injected_catalog(tmp_path_factory):
    from macros.validate import load_valid_catalog

    return load_valid_catalog(make_data_dir(tmp_path_factory.mktemp("catalog"), injection_files()))
