"""Rules for search_terms, the words a learner may type to find an item (issue #16).

The field's shape (a list of 1-5 word phrases) is data/schemas/search-terms.schema.json,
shared by every kind with a page of its own. The rules here need more than one value or more
than one item, which JSON Schema cannot express:

- no phrase twice in one item (ignoring case);
- no phrase equal to the item's own name, short name, alias or former name: those are already
  indexed under their own fields, and a phrase should add a word the page does not carry;
- no phrase equal to another item's name, short name or alias: it would send the learner to
  the wrong page;
- no phrase used by more than MAX_ITEMS_PER_TERM items: a phrase many items share ("machine
  learning", "data") ranks none of them first, so it is not a search term for any of them.

A hand-written page that is no item's page (a concept page) may carry `search_terms:` in its
front matter; page_term_problems holds it to the same schema and rules, its title standing for
its name, and counts it with the items towards MAX_ITEMS_PER_TERM. An item's page takes its
terms from the item's YAML file only.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from .catalog import Catalog, Item, Problem

FIELD = "search_terms"
# Three: a need such as "anomaly detection" is met by an algorithm, a service and the
# comparison between them; a fourth item sharing the phrase means it describes a field of
# study, not one item's job.
MAX_ITEMS_PER_TERM = 3
NAME_FIELDS = ("short_name", "aliases", "former_names")


def _key(text: str) -> str:
    return " ".join(str(text).casefold().split())


def names_of(item: Item) -> dict[str, str]:
    """Every name the item already carries, casefolded -> the field it comes from ('alias 'KDS'')."""
    names: dict[str, str] = {}
    data = item.data
    title = item.settings.title
    if isinstance(data.get(title), str):
        names.setdefault(_key(data[title]), f"the {title} {data[title]!r}")
    for field in NAME_FIELDS:
        values = data.get(field)
        if isinstance(values, str):
            values = [values]
        for value in values if isinstance(values, list) else []:
            if isinstance(value, str):
                label = {"short_name": "short name", "aliases": "alias", "former_names": "former name"}[field]
                names.setdefault(_key(value), f"the {label} {value!r}")
    return names


def terms_of(item: Item) -> list[str]:
    """The item's search terms (an empty list when it has none or they are malformed)."""
    terms = item.data.get(FIELD)
    return [t for t in terms if isinstance(t, str)] if isinstance(terms, list) else []


def search_term_problems(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    carriers = [item for item in catalog.items.values() if FIELD in item.data]
    own_names = {item.id: names_of(item) for item in catalog.items.values() if item.has_own_page}
    by_name: dict[str, list[str]] = defaultdict(list)  # casefolded name -> ids of items carrying it
    for item_id, names in own_names.items():
        for name in names:
            by_name[name].append(item_id)
    users: dict[str, list[tuple[Item, int]]] = defaultdict(list)
    for item in sorted(carriers, key=lambda i: i.file):
        terms = item.data.get(FIELD)
        if not isinstance(terms, list):
            continue  # the schema reports the wrong type
        seen: dict[str, int] = {}
        names = own_names.get(item.id) or names_of(item)
        for index, term in enumerate(terms):
            if not isinstance(term, str):
                continue
            where, key = f"{FIELD}[{index}]", _key(term)
            if key in seen:
                problems.append(Problem(item.file, where, f"duplicates {FIELD}[{seen[key]}] (case is ignored)", term, True))
                continue
            seen[key] = index
            if key in names:
                problems.append(Problem(item.file, where, f"duplicates {names[key]}: names are indexed already; a search term says the need in other words", term, True))
                continue
            others = [other for other in by_name.get(key, []) if other != item.id]
            if others:
                problems.append(Problem(item.file, where, f"is the name or alias of {', '.join(sorted(others))}: it would send the learner to that page", term, True))
                continue
            users[key].append((item, index))
    for uses in users.values():
        if len(uses) > MAX_ITEMS_PER_TERM:
            ids = ", ".join(sorted(item.id for item, _ in uses))
            for item, index in uses:
                problems.append(Problem(item.file, f"{FIELD}[{index}]", f"too generic: {len(uses)} items use it ({ids}); at most {MAX_ITEMS_PER_TERM} may share a search term", item.data[FIELD][index], True))
    return problems


def shared_terms(catalog: Catalog) -> dict[str, list[str]]:
    """Casefolded term -> ids of the items using it, for terms more than one item uses."""
    users: dict[str, list[str]] = defaultdict(list)
    for item in catalog.items.values():
        for term in terms_of(item):
            users[_key(term)].append(item.id)
    return {term: ids for term, ids in users.items() if len(ids) > 1}


def page_term_problems(catalog: Catalog, docs_dir: Path) -> list[Problem]:
    """Problems in the front-matter search_terms of the pages under docs_dir (see the docstring)."""
    from .exam_map import FRONT_MATTER, HEADING, front_matter
    from .validate import describe  # here, not at the top: validate.py imports this module

    item_pages = {item.page: item for item in catalog.items.values() if item.has_own_page}
    by_name: dict[str, list[str]] = defaultdict(list)
    for item in item_pages.values():
        for name in names_of(item):
            by_name[name].append(item.id)
    users: dict[str, list[str]] = defaultdict(list)  # casefolded term -> ids of the items using it
    for item in catalog.items.values():
        for term in {_key(t) for t in terms_of(item)}:
            users[term].append(item.id)
    # Wrapped in an object so that error paths read search_terms[1], as in the data files.
    validator = Draft202012Validator({"type": "object", "properties": {FIELD: catalog.schemas.get("search-terms", {})}})
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        shown = f"docs/{relative}"
        text = path.read_text(encoding="utf-8")
        try:
            meta = front_matter(text)
        except yaml.YAMLError:
            continue  # build_exam_map reports the syntax error
        if FIELD not in meta:
            continue
        terms = meta[FIELD]
        if relative in item_pages:
            problems.append(Problem(shown, FIELD, f"this is the page of {item_pages[relative].file}: put the search terms there", terms, True))
            continue
        errors = sorted(validator.iter_errors({FIELD: terms}), key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            problems.append(Problem(shown, *describe(error)))
        if errors:
            continue
        heading = HEADING.search(FRONT_MATTER.sub("", text, count=1))
        title = meta.get("title") or (heading.group(1) if heading else "")
        seen: dict[str, int] = {}
        for index, term in enumerate(terms):
            where, key = f"{FIELD}[{index}]", _key(term)
            if key in seen:
                problems.append(Problem(shown, where, f"duplicates {FIELD}[{seen[key]}] (case is ignored)", term, True))
            elif key == _key(title):
                problems.append(Problem(shown, where, f"duplicates the page title {title!r}: titles are indexed already", term, True))
            elif by_name.get(key):
                problems.append(Problem(shown, where, f"is the name or alias of {', '.join(sorted(by_name[key]))}: it would send the learner to that page", term, True))
            elif len(users[key]) + 1 > MAX_ITEMS_PER_TERM:
                problems.append(Problem(shown, where, f"too generic: {', '.join(sorted(users[key]))} use it too; at most {MAX_ITEMS_PER_TERM} may share a search term", term, True))
            seen.setdefault(key, index)
            users[key].append(relative)
    return problems
