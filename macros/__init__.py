"""mkdocs-macros entry point (module_name: macros): wiring only.

The catalogue is loaded and validated once, when MkDocs reads its configuration; any data
problem stops the build with the full list. Each macro is a render.py function bound to the
catalogue and to the page being rendered. Logic lives in catalog.py, validate.py and
render.py, which know nothing about MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import render
from .validate import DataError, load_valid_catalog

# Every macro a page may call, by name. Add new ones here.
MACROS = [
    render.ref,
    render.referenced_by,
    render.algorithm_at_a_glance,
    render.algorithm_facts,
    render.algorithm_overview_table,
    render.content_type_matrix,
    render.algorithms_by_content_type,
    render.training_matrix,
    render.required_hyperparameters_table,
    render.problem_type_index,
]


def data_dir(config_file: str) -> Path:
    """data/ beside mkdocs.yml; KB_DATA_DIR overrides it (used by tests with fixture data)."""
    return Path(os.environ.get("KB_DATA_DIR") or Path(config_file).parent / "data")


def define_env(env) -> None:
    try:
        catalog = load_valid_catalog(data_dir(env.conf["config_file_path"]))
    except DataError as error:
        raise PluginError(str(error)) from None  # MkDocs prints it without a traceback
    env.variables["catalog"] = catalog

    def bind(function):
        def macro(*args, **kwargs):
            context = render.PageContext(catalog, env.page.file.src_uri)
            return function(context, *args, **kwargs)

        macro.__name__ = function.__name__
        macro.__doc__ = function.__doc__
        return macro

    for function in MACROS:
        env.macro(bind(function), function.__name__)
