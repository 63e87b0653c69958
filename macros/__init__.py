"""mkdocs-macros entry point (module_name: macros): wiring only.

The catalogue is loaded and validated once per build, when MkDocs reads its configuration;
any data problem stops the build with the full list. Each macro is a render.py function
bound to the catalogue and to the page being rendered. Logic lives in catalog.py,
validate.py and render.py, which know nothing about MkDocs.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import catalog, exam_map, filters, practice, question_rules, render, study, validate

# Every macro a page may call: the render.py function of the same name. Add new ones here.
MACROS = [
    "ref",
    "referenced_by",
    "algorithm_at_a_glance",
    "algorithm_facts",
    "algorithm_overview_table",
    "content_type_matrix",
    "content_type_index",
    "training_matrix",
    "required_hyperparameters_table",
    "problem_type_index",
    "service_at_a_glance",
    "service_facts",
    "service_category_index",
    "services_index",
    "retired_services_table",
    "service_limits_table",
    "download_link",
    "comparison_table",
    "comparison_tables",
    "comparisons_index",
    "pipeline_diagram",
    "pipelines_index",
    "metric_card",
    "metric_formulas_table",
    "formula",
    "distributions_table",
    "activation_functions_table",
    "techniques_table",
    "misconceptions_list",
    "glossary_list",
    "exam_name",
    "exam_guide",
    "exams_overview",
    "exam_crosswalk",
    "flashcards_app",
    "practice_app",
    "drills_app",
    "mock_exam_app",
    "mock_exam_table",
    "question_bank",
    "scenario_count",
    "algorithm_chooser",
    "flashcard_count",
]

# Search ranks the page *about* an item above pages that merely mention it: Material's
# per-page boost, set here from the data instead of in each page's front matter. Values
# chosen with the relevance suite (tests/search/queries.yaml): comparisons name their items
# in every row, so a higher boost would let them outrank the items' own pages. Exam pages
# list the title of every page that covers a task, so they rank low.
SEARCH_BOOST = {"algorithms": 3, "services": 3, "comparisons": 1.5, "pipelines": 1, "metrics": 3, "exams": 0.3}

_builds = 0
_item_of_page: dict = {}  # docs-relative page path -> catalogue item, for the current build
_last_changed: dict[str, str] = {}  # project-relative file -> ISO date of its last commit
_project = {"root": Path("."), "repository": ""}
_state: dict = {"catalog": None, "exam_map": None}  # the current build's catalogue and exam map


def git_last_changed(root: Path) -> dict[str, str]:
    """Date of the last commit touching each file under docs/ and data/, from one git call.
    Empty outside a git checkout (fixture projects, a tarball): pages then show no date."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "docs", "data"],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for entry in log.split("\0")[1:]:
        date, *files = entry.strip().splitlines()
        for file in files:
            dates.setdefault(file, date)  # newest commit first
    return dates


def glossary_page_problems(loaded: catalog.Catalog, docs_dir: Path) -> list[catalog.Problem]:
    """Glossary entries that point at a page must point at one that exists (anchors are
    checked by MkDocs itself when the glossary page links to them)."""
    file = loaded.glossary_file[0] if loaded.glossary_file else ""
    return [
        catalog.Problem(file, f"terms[{index}].see", f"no page docs/{entry['see'].split('#')[0]}", entry["see"], True)
        for index, entry in enumerate(loaded.glossary)
        if entry["see"].split("#")[0].endswith(".md") and not (docs_dir / entry["see"].split("#")[0]).is_file()
    ]


def data_dir(config_file: str) -> Path:
    """data/ beside mkdocs.yml; KB_DATA_DIR overrides it (used by tests with fixture data)."""
    return Path(os.environ.get("KB_DATA_DIR") or Path(config_file).parent / "data")


def _reload_code() -> None:
    """`mkdocs serve` rebuilds in one process, where Python keeps the first import of each
    module; reloading them (dependencies first) lets edits to macros/*.py show on the next
    rebuild, as edits to templates and data already do."""
    for module in (filters, catalog, question_rules, validate, exam_map, study, practice, render):
        importlib.reload(module)


def define_env(env) -> None:
    global _builds
    if _builds:
        _reload_code()
    _builds += 1
    docs_dir = Path(env.conf["docs_dir"])
    try:
        loaded = validate.load_valid_catalog(data_dir(env.conf["config_file_path"]))
        pages, problems = exam_map.build_exam_map(docs_dir, loaded)
        problems += glossary_page_problems(loaded, docs_dir)
        if problems:
            raise validate.DataError(problems)
    except validate.DataError as error:
        raise PluginError(str(error)) from None  # MkDocs prints it without a traceback
    env.variables["catalog"] = loaded
    _state.update(catalog=loaded, exam_map=pages)
    # Abbreviations from the glossary become <abbr> tooltips on every page: Python-Markdown's
    # abbr extension takes them as its glossary, so no page has to repeat a definition.
    abbreviations = {entry["term"]: entry["expansion"] for entry in loaded.glossary if entry.get("expansion")}
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = abbreviations
    _item_of_page.clear()
    _item_of_page.update({item.page: item for item in loaded.items.values() if item.has_own_page})
    _project["root"] = Path(env.conf["config_file_path"]).parent
    _project["repository"] = env.conf["extra"].get("repository", "")
    _last_changed.clear()
    _last_changed.update(git_last_changed(_project["root"]))

    def bind(function):
        def macro(*args, **kwargs):
            context = render.PageContext(loaded, env.page.file.src_uri, env.page.url, pages, env.conf["use_directory_urls"])
            return function(context, *args, **kwargs)

        macro.__name__ = function.__name__
        macro.__doc__ = function.__doc__
        return macro

    for name in MACROS:
        env.macro(bind(getattr(render, name)), name)


def on_pre_page_macros(env) -> None:
    """Called by mkdocs-macros before each page: search boost, edit link and dates."""
    page = env.page
    item = _item_of_page.get(page.file.src_uri)
    sources = [f"docs/{page.file.src_uri}"]
    if item is not None:
        page.meta.setdefault("search", {}).setdefault("boost", SEARCH_BOOST[item.kind])
        page.meta["kb_last_verified"] = item.data["last_verified"]
        sources.append(item.file)
        if _project["repository"]:  # facts are fixed in the data file, not in the page stub
            page.edit_url = f"{_project['repository']}/edit/main/{item.file}"
    dates = [_last_changed[source] for source in sources if source in _last_changed]
    if dates:
        page.meta["kb_last_changed"] = max(dates)


# Sections that list titles of other pages or documents: search skips them (Material's
# data-search-exclude), so a query finds the page about a thing, not every page citing it.
_UNSEARCHED_SECTION = re.compile(r"^(## (?:Sources|Referenced by))[ \t]*$", re.MULTILINE)


def on_post_page_macros(env) -> None:
    """Called by mkdocs-macros after rendering each page: keep source lists out of search and
    append the exam objectives the page covers."""
    env.markdown = _UNSEARCHED_SECTION.sub(r"\1 {: data-search-exclude }", env.markdown)
    pages = _state["exam_map"]
    mapped = pages.pages.get(env.page.file.src_uri) if pages else None
    if mapped is None or mapped.navigation:
        return
    context = render.PageContext(_state["catalog"], env.page.file.src_uri, env.page.url, pages, env.conf["use_directory_urls"])
    env.markdown += render.exam_objectives(context, mapped.tasks)
