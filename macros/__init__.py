"""mkdocs-macros entry point (module_name: macros): wiring only.

The catalogue is loaded and validated once per build, when MkDocs reads its configuration;
any data problem stops the build with the full list. Each macro is a render.py function
bound to the catalogue and to the page being rendered. Logic lives in catalog.py,
validate.py and render.py, which know nothing about MkDocs.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import catalog, filters, render, validate

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
]

# Search ranks the page *about* an item above pages that merely mention it: Material's
# per-page boost, set here from the data instead of in each page's front matter. Values
# chosen with the relevance suite (tests/search/queries.yaml): comparisons name their items
# in every row, so a higher boost would let them outrank the items' own pages.
SEARCH_BOOST = {"algorithms": 3, "services": 3, "comparisons": 1.5, "pipelines": 1, "metrics": 3}

_builds = 0
_item_of_page: dict = {}  # docs-relative page path -> catalogue item, for the current build


def data_dir(config_file: str) -> Path:
    """data/ beside mkdocs.yml; KB_DATA_DIR overrides it (used by tests with fixture data)."""
    return Path(os.environ.get("KB_DATA_DIR") or Path(config_file).parent / "data")


def _reload_code() -> None:
    """`mkdocs serve` rebuilds in one process, where Python keeps the first import of each
    module; reloading them (dependencies first) lets edits to macros/*.py show on the next
    rebuild, as edits to templates and data already do."""
    for module in (filters, catalog, validate, render):
        importlib.reload(module)


def define_env(env) -> None:
    global _builds
    if _builds:
        _reload_code()
    _builds += 1
    try:
        loaded = validate.load_valid_catalog(data_dir(env.conf["config_file_path"]))
    except validate.DataError as error:
        raise PluginError(str(error)) from None  # MkDocs prints it without a traceback
    env.variables["catalog"] = loaded
    _item_of_page.clear()
    _item_of_page.update({item.page: item for item in loaded.items.values()})

    def bind(function):
        def macro(*args, **kwargs):
            context = render.PageContext(loaded, env.page.file.src_uri, env.page.url)
            return function(context, *args, **kwargs)

        macro.__name__ = function.__name__
        macro.__doc__ = function.__doc__
        return macro

    for name in MACROS:
        env.macro(bind(getattr(render, name)), name)


def on_pre_page_macros(env) -> None:
    """Called by mkdocs-macros before each page: boost item pages in the search index."""
    item = _item_of_page.get(env.page.file.src_uri)
    if item is not None:
        search = env.page.meta.setdefault("search", {})
        search.setdefault("boost", SEARCH_BOOST[item.kind])
