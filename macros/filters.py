"""Escaping for values that come from data, used by every template.

Templates produce Markdown, so a value must not be able to inject HTML, break a table row
(`|`, newlines) or start Markdown formatting. The Jinja environment in render.py applies
`text` to every `{{ ... }}` output automatically (finalize); helpers that build links or code
return markupsafe.Markup so they are not escaped twice.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Characters that start inline Markdown (emphasis, code, links, math, strike-through) or end
# a table cell. They become numeric entities: inert in every Markdown context, where
# backslash escapes are not (Python-Markdown does not know `\$` or `\~`).
_SPECIAL = re.compile(r"[\\`*_\[\]{}!~^$:|]")
# At the start of a value these would begin a heading, quote, list or numbered list.
_LINE_START = re.compile(r"^([#>+\-=]|\d+(?=\.))")


def _one_line(value: str) -> str:
    """Fold every run of white space, newlines included, into one space: a table row stays one row."""
    return re.sub(r"\s+", " ", value)


def _entity(match: re.Match) -> str:
    return f"&#{ord(match.group(0)[0])};" + match.group(0)[1:]


def text(value: object) -> Markup:
    """Any data value as inert inline Markdown: no HTML, no formatting, one line, table-safe."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, bool):
        return Markup("yes" if value else "no")
    escaped = html.escape(_one_line(str(value)), quote=True)
    escaped = _SPECIAL.sub(_entity, escaped)
    return Markup(_LINE_START.sub(_entity, escaped))


def code(value: object) -> Markup:
    """A literal such as a MIME type or hyperparameter name, as inline code safe in tables."""
    # Markdown still parses the text between raw HTML tags, so the same entities apply.
    escaped = _SPECIAL.sub(_entity, html.escape(_one_line(str(value)).strip(), quote=True))
    return Markup(f"<code>{escaped}</code>")


def cells(values) -> Markup:
    """Table cells: each value escaped (unless already Markup), joined by ' | '."""
    return Markup(" | ").join(text(value) for value in values)


def codes(values: list) -> Markup:
    """A list of literals as comma-separated inline code."""
    return Markup(", ").join(code(value) for value in values)


def link(label: object, target: str) -> Markup:
    """A Markdown link; target is a relative .md path or a URL already checked by the schema."""
    if any(char in target for char in " ()<>|\"'\n"):
        raise ValueError(f"unsafe link target {target!r}")
    return Markup(f"[{text(label)}]({target})")


def slug(value: object) -> Markup:
    """An anchor id: lower-case letters and digits joined by hyphens ('text/csv' -> 'text-csv')."""
    return Markup(re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-"))
