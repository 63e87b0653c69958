"""Results remembered across the rebuilds of one process (`make serve`), keyed by content.

`mkdocs serve` rebuilds in one process after every save, and macros/__init__.py reloads the
other modules of this package each time (so edits to their code show); this module is never
reloaded, so what it holds survives. Every key is the content the result was computed from,
so a hit is the result a fresh computation would give; `mkdocs build` computes each thing
once and so never hits. Only successes are kept (a file that fails is read and reported again).
"""

from __future__ import annotations

import hashlib
from typing import Any

YAML: dict[str, bytes] = {}  # file text -> pickled parse
VALID: set[str] = set()  # digests of (schema, value, vocabularies, item ids) that validated cleanly
SCHEMAS: set[str] = set()  # digests of schemas that passed Draft 2020-12's own check
MATHML: dict[tuple[str, str], str] = {}  # (LaTeX, display) -> checked MathML (macros/filters.py math)


def digest(*parts: Any) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()
