"""mkdocs-macros entry point (module_name: macros): wiring only.

The catalogue is loaded and validated once per build, when MkDocs reads its configuration;
any data problem stops the build with the full list. Each macro is a function of the render
package (registered there with @macro) bound to the catalogue and to the page being
rendered. Pages and navigation derived from the data are added by hooks.py (pages.py);
page metadata by page_meta.py. Nothing else here knows about MkDocs.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import (
    catalog,
    exam_coverage,
    exam_map,
    filters,
    kinds,
    page_meta,
    pages,
    practice,
    question_rules,
    render,
    search_terms,
    study,
    validate,
)

_builds = 0
_state: dict = {"config_file": None, "catalog": None, "exam_map": None, "meta": None}  # the current build's


def data_dir(config_file: str) -> Path:
    """data/ beside mkdocs.yml; KB_DATA_DIR overrides it (used by tests with fixture data)."""
    return Path(os.environ.get("KB_DATA_DIR") or Path(config_file).parent / "data")


def load_checked(config) -> tuple[catalog.Catalog, exam_map.ExamMap]:
    """The catalogue and exam map of a configuration; PluginError listing every problem."""
    docs_dir = Path(config["docs_dir"])
    try:
        loaded = validate.load_valid_catalog(data_dir(config["config_file_path"]))
        mapped, problems = exam_map.build_exam_map(docs_dir, loaded, pages.generated_pages(loaded, docs_dir))
        problems += pages.glossary_page_problems(loaded, docs_dir)
        problems += exam_coverage.ref_problems(loaded, docs_dir, set(pages.generated_pages(loaded, docs_dir)))
        problems += search_terms.page_term_problems(loaded, docs_dir)
        if problems:
            raise validate.DataError(problems)
    except validate.DataError as error:
        raise PluginError(str(error)) from None  # MkDocs prints it without a traceback
    return loaded, mapped


def loaded_catalog(config) -> catalog.Catalog:
    """The catalogue of this build: define_env's, or (a build without the macros plugin) read now."""
    if _state["config_file"] != config["config_file_path"] or _state["catalog"] is None:
        _state.update(config_file=config["config_file_path"], catalog=load_checked(config)[0], exam_map=None)
    return _state["catalog"]


def _reload_code() -> None:
    """`mkdocs serve` rebuilds in one process, where Python keeps the first import of each
    module; reloading them (dependencies first) lets edits to macros/*.py show on the next
    rebuild, as edits to templates and data already do."""
    for module in (filters, kinds, catalog, question_rules, validate, exam_map, exam_coverage, study, practice, render.base,
                   render.algorithms,
                   render.services, render.comparisons, render.concepts, render.exams, render.study, render,
                   page_meta, pages):
        importlib.reload(module)


def define_env(env) -> None:
    global _builds
    if _builds:
        _reload_code()
    _builds += 1
    loaded, mapped = load_checked(env.conf)
    env.variables["catalog"] = loaded
    root = Path(env.conf["config_file_path"]).parent
    meta = page_meta.PageMeta(loaded, root, env.conf["extra"].get("repository", ""))
    _state.update(config_file=env.conf["config_file_path"], catalog=loaded, exam_map=mapped, meta=meta)
    # Abbreviations from the glossary become <abbr> tooltips on every page: Python-Markdown's
    # abbr extension takes them as its glossary, so no page has to repeat a definition.
    abbreviations = {entry["term"]: entry["expansion"] for entry in loaded.glossary if entry.get("expansion")}
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = abbreviations

    def bind(function):
        def macro(*args, **kwargs):
            return function(_context(env), *args, **kwargs)

        macro.__name__ = function.__name__
        macro.__doc__ = function.__doc__
        return macro

    for name, function in render.MACROS.items():
        env.macro(bind(function), name)


def _context(env) -> render.PageContext:
    return render.PageContext(_state["catalog"], env.page.file.src_uri, env.page.url, _state["exam_map"],
                              env.conf["use_directory_urls"])


def on_pre_page_macros(env) -> None:
    """Called by mkdocs-macros before each page: search boost, edit link and dates."""
    _state["meta"].apply(env.page)


def on_post_page_macros(env) -> None:
    """Called by mkdocs-macros after rendering each page: keep source lists out of search and
    append the exam objectives the page covers."""
    env.markdown = page_meta.exclude_from_search(env.markdown)
    mapped = _state["exam_map"].pages.get(env.page.file.src_uri)
    if mapped is None or mapped.navigation:
        return
    env.markdown += render.exam_objectives(_context(env), mapped.tasks)
