"""Read mkdocs.yml outside MkDocs (tests, bench): `!ENV [NAME, default]` becomes its default."""

from __future__ import annotations

from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def load_mkdocs_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
