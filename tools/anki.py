"""`make anki`: every flashcard as a deck file Anki imports (File > Import).

    python tools/anki.py OUT_FILE

Anki's plain-text note format: tab-separated Front, Back, Tags and GUID, with the header lines
Anki reads to pick the separator, note type, deck and columns. The GUID is the card's id, so
importing a newer deck updates cards instead of duplicating them. Formulas use Anki's
built-in MathJax delimiters; each card links to its page on the published site. The cards
are the ones the flashcards page shows (macros/study.py).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from mkdocs_config import load_mkdocs_config  # noqa: E402

from macros.exam_map import build_exam_map  # noqa: E402
from macros.pages import generated_pages  # noqa: E402
from macros.render import site_url  # noqa: E402
from macros.study import flashcards  # noqa: E402
from macros.validate import load_valid_catalog  # noqa: E402

DECK = "AWS ML Knowledge Base"
HEADER = [
    "#separator:tab",
    "#html:true",
    "#notetype:Basic",
    f"#deck:{DECK}",
    "#columns:Front\tBack\tTags\tGUID",
    "#tags column:3",
    "#guid column:4",
]


def field(text: str) -> str:
    """Escaped for HTML; tabs and line breaks would start a new field or note."""
    return html.escape(" ".join(text.split()), quote=False)


def note(card, site: str) -> str:
    back = field(card.back)
    if card.formula:
        back += "<br>\\[" + html.escape(card.formula, quote=False).replace("\t", " ") + "\\]"
    back += f'<br><a href="{html.escape(site + site_url(card.page))}">Read more</a>'
    tags = [f"topic::{card.topic}"] + [
        f"{exam}::{number}" for exam, numbers in sorted(card.tasks.items()) for number in numbers
    ]
    return "\t".join([field(card.front), back, " ".join(tags), card.id])


def deck(site: str | None = None) -> str:
    config = load_mkdocs_config(ROOT / "mkdocs.yml")
    catalog = load_valid_catalog(ROOT / "data")
    exam_map, problems = build_exam_map(ROOT / "docs", catalog, generated_pages(catalog, ROOT / "docs"))
    if problems:
        raise SystemExit("\n".join(str(problem) for problem in problems))
    site = site or config["site_url"]
    return "\n".join(HEADER + [note(card, site) for card in flashcards(catalog, exam_map)]) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(argv[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(deck(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
