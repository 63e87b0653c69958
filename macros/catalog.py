"""Read every file under data/ into one in-memory catalogue.

Reading only: problems found while reading (bad YAML, bad file names, duplicate ids) are
collected and returned, never raised one by one, so that validate.py can report them
together with the schema and cross-reference problems.
"""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from . import kinds, memo

# Folder under data/ -> its settings (schema, page, navigation, search boost ...): kinds.py.
KINDS = kinds.BY_FOLDER
SUPPORT_FOLDERS = {"schemas", "vocab"}
GLOSSARY_FILE = "glossary.yaml"  # data/glossary.yaml: one list, checked against schemas/glossary.schema.json
PAGE_TEMPLATES = Path(__file__).parent / "templates" / "pages"  # kinds.py's page_template files
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located precisely enough to fix it."""

    file: str  # path relative to the project root, e.g. data/algorithms/xgboost.yaml
    field: str  # field path such as training.content_types[2]; "" for the whole file
    rule: str  # what is wrong, in words
    value: Any = None
    has_value: bool = False

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        text = f"{where}: {self.rule}"
        if self.has_value:
            shown = repr(self.value)
            text += f" (value: {shown[:77] + '...' if len(shown) > 80 else shown})"
        return text


@dataclass(frozen=True)
class Item:
    kind: str  # folder name, e.g. "algorithms"
    id: str
    file: str  # project-relative path, for messages and "edit this page" links
    data: dict[str, Any]

    @property
    def settings(self) -> kinds.Kind:
        """The kind's line of the kinds table (kinds.py)."""
        return KINDS[self.kind]

    @property
    def has_own_page(self) -> bool:
        return self.settings.has_own_page

    @property
    def page(self) -> str:
        """Source path of the item's page, relative to docs/ (with #anchor for shared-page kinds)."""
        return self.settings.page_of(self.id, self.data)

    @property
    def name(self) -> str:
        """Display name: the kind's title field (the id only while validation has not run)."""
        return str(self.data.get(self.settings.title) or self.id)

    @property
    def nav_label(self) -> str:
        """The navigation's label: the kind's nav_label field when present, else the name."""
        return str(self.data.get(self.settings.nav_label) or self.name)


@dataclass(frozen=True)
class Vocabulary:
    name: str  # file stem, e.g. "content-types"
    file: str
    title: str
    description: str
    terms: dict[str, dict[str, str]]  # id -> term, in file order

    def label(self, term_id: str) -> str:
        return self.terms[term_id]["label"]


@dataclass
class Catalog:
    items: dict[str, Item] = field(default_factory=dict)  # ids are unique across kinds
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)  # schema stem -> schema
    vocabulary_files: dict[str, tuple[str, Any]] = field(default_factory=dict)  # name -> (file, parsed content)
    glossary_file: tuple[str, Any] | None = None  # (file, parsed content) of data/glossary.yaml

    @property
    def glossary(self) -> list[dict[str, Any]]:
        """Glossary entries in file order (validate.py checks the file before anyone reads this)."""
        return self.glossary_file[1]["terms"] if self.glossary_file else []

    def of_kind(self, kind: str) -> list[Item]:
        """Items of one kind, sorted by display name."""
        return sorted(
            (item for item in self.items.values() if item.kind == kind),
            key=lambda item: item.name.casefold(),
        )

    def schema_of(self, item: Item) -> dict[str, Any]:
        return self.schemas[item.settings.schema]

    def exam_tasks(self) -> dict[str, dict[str, dict[str, Any]]]:
        """exam id -> task number -> task, for every exam in data/exams/."""
        return {
            exam.id: {
                task.get("number"): task
                for domain in exam.data.get("domains", []) if isinstance(domain, dict)
                for task in domain.get("tasks", []) if isinstance(task, dict)
            }
            for exam in self.of_kind("exams")
        }

    def field_schema(self, item: Item, path: str) -> dict[str, Any] | None:
        """The sub-schema of one of the item's fields ('training.processors'), or None."""
        return schema_at(self.schema_of(item), path)

    def references(self, item: Item) -> set[str]:
        """Every id this item's data points at: the values its schema marks with x-ref."""
        return set(_referenced_ids(self.schema_of(item), item.data))

    @cached_property
    def _referrers(self) -> dict[str, list[Item]]:
        """id -> items pointing at it; built once, since every item page asks."""
        found: dict[str, list[Item]] = {}
        for item in self.items.values():
            if not item.settings.referenced_by:
                continue  # e.g. questions: they live in the quiz script, not at an address a link could reach
            for target in self.references(item) - {item.id}:
                found.setdefault(target, []).append(item)
        return found

    def referrers(self, item_id: str) -> list[Item]:
        """Items whose data points at item_id, sorted by kind then name."""
        return sorted(self._referrers.get(item_id, []), key=lambda item: (item.kind, item.name.casefold()))

    def get(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise KeyError(f"unknown item id {item_id!r}; known ids: {', '.join(sorted(self.items))}") from None


def schema_at(schema: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The sub-schema of a dotted field path ('training.processors'), or None if no such field."""
    for part in path.split("."):
        schema = schema.get("properties", {}).get(part)
        if schema is None:
            return None
    return schema


# libyaml's C parser is several times faster; the pure-Python one gives identical results.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _referenced_ids(schema: dict[str, Any], value: Any):
    """Walk a value alongside its schema and yield the strings at x-ref positions."""
    if schema.get("x-ref") and isinstance(value, str):
        yield value
    if isinstance(value, dict):
        for key, sub_schema in schema.get("properties", {}).items():
            if key in value:
                yield from _referenced_ids(sub_schema, value[key])
    elif isinstance(value, list) and "items" in schema:
        for element in value:
            yield from _referenced_ids(schema["items"], element)


class _StrictLoader(_BaseLoader):
    """Safe YAML loader that keeps dates as strings and refuses duplicate keys."""


# Dates stay ISO strings so that JSON Schema's "date" format checks them as written.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def read_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; a syntax error becomes a Problem that names line and column."""
    try:
        text = path.read_text(encoding="utf-8")
        if text in memo.YAML:  # unchanged since an earlier rebuild of `make serve`
            return pickle.loads(memo.YAML[text]), []
        data = yaml.load(text, Loader=_StrictLoader)
        memo.YAML[text] = pickle.dumps(data)
        return data, []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(unknown position)"
        return None, [Problem(shown, where, f"YAML syntax error: {error.problem or error.context}")]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return None, [Problem(shown, "", f"cannot read YAML: {error}")]


def load_catalog(data_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Read schemas, vocabularies and items. Returns the catalogue and every reading problem."""
    root = data_dir.parent
    catalog = Catalog()
    problems: list[Problem] = []

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    for schema_path in sorted((data_dir / "schemas").glob("*.schema.json")):
        try:
            catalog.schemas[schema_path.name.removesuffix(".schema.json")] = json.loads(schema_path.read_text("utf-8"))
        except json.JSONDecodeError as error:
            problems.append(Problem(shown(schema_path), f"line {error.lineno}", f"invalid JSON: {error.msg}"))

    from .study import TOPICS  # here, not at the top: study.py imports this module

    templates = {path.name for path in PAGE_TEMPLATES.glob("*.md")}
    for where, rule, value, has_value in kinds.kind_problems(kinds.KINDS, catalog.schemas, TOPICS, templates):
        problems.append(Problem(kinds.FILE, where, rule, value, has_value))

    for vocab_path in sorted((data_dir / "vocab").glob("*.y*ml")):
        content, read_problems = read_yaml(vocab_path, shown(vocab_path))
        problems += read_problems
        if isinstance(content, dict) and isinstance(content.get("terms"), list):
            terms = {t["id"]: t for t in content["terms"] if isinstance(t, dict) and "id" in t}
            catalog.vocabularies[vocab_path.stem] = Vocabulary(
                vocab_path.stem, shown(vocab_path), content.get("title", ""), content.get("description", ""), terms
            )
        if not read_problems:
            # Its shape is checked by validate.py against vocab.schema.json.
            catalog.vocabulary_files[vocab_path.stem] = (shown(vocab_path), content)

    for entry in sorted(data_dir.iterdir()):
        if entry.is_dir() and entry.name not in KINDS and entry.name not in SUPPORT_FOLDERS:
            problems.append(Problem(shown(entry), "", f"unknown data folder; expected one of {sorted(KINDS)}"))
        elif entry.is_file() and entry.name == GLOSSARY_FILE:
            content, read_problems = read_yaml(entry, shown(entry))
            problems += read_problems
            if not read_problems:
                catalog.glossary_file = (shown(entry), content)
        elif entry.is_file() and entry.name != "README.md":
            problems.append(Problem(shown(entry), "", f"not inside a data folder; move it to one of {sorted(KINDS)}"))

    first_file_of: dict[str, str] = {}
    for kind in KINDS:
        for path in sorted((data_dir / kind).glob("*")):
            if path.name.startswith("_") or path.name.startswith(".") or path.is_dir():
                continue  # templates and hidden files are documentation, not data
            if path.suffix not in {".yaml", ".yml"}:
                problems.append(Problem(shown(path), "", "not a YAML data file; data files end in .yaml"))
                continue
            item_id = path.stem
            if not ID_PATTERN.match(item_id):
                problems.append(Problem(shown(path), "", "file name is not a valid id: use kebab-case (a-z, 0-9, '-')", item_id, True))
                continue
            if item_id in first_file_of:
                problems.append(Problem(shown(path), "", f"duplicate id {item_id!r}: already used by {first_file_of[item_id]}", item_id, True))
                continue
            first_file_of[item_id] = shown(path)
            content, read_problems = read_yaml(path, shown(path))
            problems += read_problems
            if read_problems:
                continue
            if not isinstance(content, dict):
                problems.append(Problem(shown(path), "", "the file must be a YAML mapping of field names to values", content, True))
                continue
            if "id" in content:
                if content["id"] != item_id:
                    problems.append(Problem(shown(path), "id", f"id does not match the file name {path.name!r} (the file name is the id; remove this key)", content["id"], True))
                content = {key: value for key, value in content.items() if key != "id"}
            catalog.items[item_id] = Item(kind, item_id, shown(path), content)
    return catalog, problems
