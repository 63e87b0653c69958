"""The navigation lists every data-backed page, generated from data/ (tools/nav.py)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, mkdocs_config

from macros.validate import load_valid_catalog


def test_generated_nav_blocks_are_up_to_date():
    result = subprocess.run([sys.executable, "tools/nav.py", "--check"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _pages(nav) -> list[str]:
    found = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += _pages(value) if isinstance(value, list) else [value]
    return found


def test_every_item_page_is_in_the_nav_exactly_once():
    config = mkdocs_config()
    pages = _pages(config["nav"])
    for item in load_valid_catalog(ROOT / "data").items.values():
        assert pages.count(item.page.split("#")[0]) == 1, item.page  # shared-page kinds: #anchor


def test_nav_check_fails_when_a_page_is_missing(tmp_path):
    text = (ROOT / "mkdocs.yml").read_text()
    broken = "\n".join(line for line in text.splitlines() if "algorithms/xgboost.md" not in line) + "\n"
    sys.path.insert(0, str(ROOT / "tools"))
    import nav

    assert nav.regenerate(broken, load_valid_catalog(ROOT / "data")) == text
