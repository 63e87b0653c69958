"""Keep the data-driven parts of the navigation in mkdocs.yml in step with data/.

    python tools/nav.py          rewrite the generated blocks in mkdocs.yml   (make nav)
    python tools/nav.py --check  exit 1 and show the difference if they are out of date

A generated block sits between a line `# nav:<kind>` and a line `# nav:end`, at the
indentation of the marker. Everything else in mkdocs.yml, including hand-written pages
around the blocks, is left as it is. A test runs --check, so a new data file without its
nav entry fails `make test` with the command that fixes it.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import data_dir
from macros.catalog import Catalog
from macros.validate import load_valid_catalog

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(?P<indent>\s*)# nav:(?P<kind>[a-z-]+)\s*$")


def entry(label: str, page: str) -> str:
    return f"- {json.dumps(label, ensure_ascii=False)}: {page}"  # JSON quoting is valid YAML


def block(catalog: Catalog, kind: str) -> list[str]:
    """Nav lines (without indentation) for one kind."""
    if kind != "services":
        return [entry(item.name, item.page) for item in catalog.of_kind(kind)]
    lines = []
    categories = catalog.vocabularies["service-categories"]
    for category, term in categories.terms.items():
        services = sorted(  # by the label the navigation shows
            (item for item in catalog.of_kind("services") if item.data["category"] == category),
            key=lambda item: (item.data.get("short_name") or item.name).casefold(),
        )
        lines.append(f"- {json.dumps(term['label'], ensure_ascii=False)}:")
        lines.append(f"    - services/{category}/index.md")
        lines += [f"    {entry(item.data.get('short_name') or item.name, item.page)}" for item in services]
    return lines


def regenerate(text: str, catalog: Catalog) -> str:
    out, lines, index = [], text.splitlines(), 0
    while index < len(lines):
        line = lines[index]
        out.append(line)
        match = MARKER.match(line)
        index += 1
        if not match or match["kind"] == "end":
            continue
        end = next((i for i in range(index, len(lines)) if lines[i].strip() == "# nav:end"), None)
        if end is None:
            sys.exit(f"mkdocs.yml: '# nav:{match['kind']}' has no closing '# nav:end'")
        out += [match["indent"] + generated for generated in block(catalog, match["kind"])]
        index = end
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    config = ROOT / "mkdocs.yml"
    current = config.read_text(encoding="utf-8")
    wanted = regenerate(current, load_valid_catalog(data_dir(str(config))))
    if "--check" in argv:
        if current != wanted:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), "mkdocs.yml", "generated"))
            print("\nThe navigation is out of date: run `make nav`.")
            return 1
        return 0
    config.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
