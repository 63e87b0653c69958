"""Escaping for values that come from data, used by every template.

Templates produce Markdown, so a value must not be able to inject HTML, break a table row
(`|`, newlines) or start Markdown formatting. The Jinja environment in render/base.py applies
`text` to every `{{ ... }}` output automatically (finalize); helpers that build links or code
return markupsafe.Markup so they are not escaped twice.
"""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

from latex2mathml.converter import convert as latex_to_mathml
from markupsafe import Markup

from . import memo

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


def math(latex: object, display: str = "inline") -> Markup:
    """LaTeX as MathML, rendered at build time: no JavaScript, works offline and in print.

    The converter escapes text it copies into the MathML; a formula it cannot parse fails the
    build with the formula in the message."""
    source = str(latex)
    remembered = memo.MATHML.get((source, display))  # the same formula converted before (this build or a rebuild)
    if remembered is not None:
        return Markup(remembered)
    braces = re.sub(r"\\[{}]", "", source)  # escaped braces do not group
    if braces.count("{") != braces.count("}"):
        raise ValueError(f"cannot render formula {source!r}: unbalanced braces")
    try:
        mathml = latex_to_mathml(source, display=display)
    except Exception as error:  # the converter raises several types; all mean "bad formula"
        raise ValueError(f"cannot render formula {source!r}: {error}") from None
    # The converter passes commands it does not know through as text: a typo would show.
    unknown = re.search(r">(\\[A-Za-z]+)<", mathml)
    if unknown:
        raise ValueError(f"cannot render formula {source!r}: unknown command {unknown.group(1)}")
    safe = _safe_mathml(mathml, source)
    memo.MATHML[(source, display)] = safe
    return Markup(safe)


_MATHML_ELEMENTS = {
    "math", "mrow", "mi", "mn", "mo", "mtext", "ms", "mspace", "mfrac", "msqrt", "mroot", "msub",
    "msup", "msubsup", "munder", "mover", "munderover", "mstyle", "mpadded", "mphantom", "menclose",
    "mtable", "mtr", "mtd", "semantics", "annotation",
}


def _safe_mathml(mathml: str, source: str) -> str:
    """Re-serialise the converter's output from a parsed tree that holds MathML elements only.

    The converter copies \\text{...} verbatim, so markup in a formula would reach the page as
    HTML; parsing and re-serialising escapes all text, and any non-MathML element fails."""
    namespace = "{http://www.w3.org/1998/Math/MathML}"
    try:
        root = ElementTree.fromstring(mathml)
    except ElementTree.ParseError as error:
        raise ValueError(f"cannot render formula {source!r}: it contains markup ({error})") from None
    for element in root.iter():
        name = element.tag.removeprefix(namespace)
        if name not in _MATHML_ELEMENTS:
            raise ValueError(f"cannot render formula {source!r}: it contains markup <{name}>")
        element.tag = name
    root.set("xmlns", namespace[1:-1])
    return _TEXT_NODE.sub(_text_as_references, " ".join(ElementTree.tostring(root, encoding="unicode").split()))


_TEXT_NODE = re.compile(r">([^<]+)<")
_REFERENCE = re.compile(r"&(?:#[0-9]+|[a-z]+);")


def _text_as_references(match: re.Match) -> str:
    """Every character of a MathML text node as a numeric character reference. Markdown still
    reads the text between inline HTML tags: this keeps `|` from ending a table cell, `*` or
    `_` from starting emphasis, and the glossary's abbreviations (`TP`, `RMSE`) from being
    wrapped in <abbr> inside the formula. Browsers show the same characters."""
    text, out, position = match.group(1), [], 0
    for reference in _REFERENCE.finditer(text):  # keep &lt; &amp; from the serialiser as they are
        out += [f"&#{ord(char)};" for char in text[position:reference.start()]] + [reference.group(0)]
        position = reference.end()
    out += [f"&#{ord(char)};" for char in text[position:]]
    return ">" + "".join(out) + "<"
