"""MkDocs hooks (mkdocs.yml `hooks:`): the pages and navigation derived from the data.

MkDocs loads this file by its path, after the plugins, so its on_config runs once the macros
plugin has loaded and checked the catalogue (define_env). The work is done by macros/pages.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the project, for `import macros`

from mkdocs.structure.files import File, Files, file_sort_key

import macros


def on_config(config):
    """Replace each `- nav:<kind>` entry of the navigation with the kind's pages."""
    config["nav"] = macros.pages.expand_nav(config["nav"], macros.loaded_catalog(config))
    return config


def on_files(files, config):
    """Add a generated page for every item whose page has no Markdown file in docs/, in the
    order MkDocs sorts files (it is the build order, and so the order of the search index)."""
    generated = macros.pages.generated_pages(macros.loaded_catalog(config), Path(config["docs_dir"]))
    for path, item in sorted(generated.items()):
        files.append(File.generated(config, path, content=macros.pages.page_source(item)))
    return Files(sorted(files, key=file_sort_key))
