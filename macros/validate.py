"""Check the whole catalogue: JSON Schema, vocabularies and cross-references.

Every problem is collected before anything fails, so one build run lists all of them with
file, field path, offending value and the rule broken. The same function runs in the build
(macros/__init__.py) and in the tests, and as `python -m macros.validate` for contributors.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource

from . import memo
from .catalog import KINDS, Catalog, Problem, load_catalog, schema_at
from .question_rules import case_problems, mode_problems, question_problems
from .search_terms import search_term_problems


class DataError(Exception):
    """Raised with every problem found; the message lists one problem per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in data/:\n{lines}")


def field_path(parts: Iterable[Any]) -> str:
    """['training', 'content_types', 2] -> 'training.content_types[2]'."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _registry(catalog: Catalog) -> Registry:
    """Every schema under its $id, so one schema can point at a shared one with $ref
    ("$ref": "search-terms.schema.json" resolves against the pointing schema's $id)."""
    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema))
        for schema in catalog.schemas.values() if isinstance(schema, dict) and isinstance(schema.get("$id"), str)
    )


def _validator_class(catalog: Catalog):
    """Draft 2020-12 plus two project keywords: x-vocab (allowed ids) and x-ref (known item id),
    and an annotation, x-rule, that says a pattern in words for the error message;
    ready to be called with a schema (formats checked, shared schemas resolved by $ref)."""

    def check_vocab(validator, vocab_name, instance, schema):
        vocabulary = catalog.vocabularies.get(vocab_name)
        if vocabulary is None:
            yield ValidationError(f"schema names vocabulary {vocab_name!r}, but data/vocab/{vocab_name}.yaml is missing or invalid")
        elif isinstance(instance, str) and instance not in vocabulary.terms:
            yield ValidationError(f"not in vocabulary {vocab_name!r} ({vocabulary.file}); allowed: {', '.join(vocabulary.terms)}")

    def check_ref(validator, enabled, instance, schema):
        if enabled and isinstance(instance, str) and instance not in catalog.items:
            yield ValidationError("unknown cross-reference: no data file has this id")

    extended = validators.extend(Draft202012Validator, {"x-vocab": check_vocab, "x-ref": check_ref})
    # What a validation result depends on besides the value (see _schema_problems).
    extended.kb_schema_digests = {name: memo.digest(schema) for name, schema in catalog.schemas.items()}
    extended.kb_registry = _registry(catalog)  # schemas may $ref each other (search-terms)
    extended.kb_context = memo.digest(sorted(extended.kb_schema_digests.items()), sorted(catalog.items),
                                      sorted((name, v.file, v.terms) for name, v in catalog.vocabularies.items()))
    return extended


def describe(error: ValidationError) -> tuple[str, str, Any, bool]:
    """Turn a jsonschema error into (field path, rule, value, has_value) in plain words."""
    path = field_path(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return field_path([*error.absolute_path, missing]), "missing required field", None, False
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return field_path([*error.absolute_path, extra[0]]) if extra else path, f"unknown field (allowed here: {allowed})", None, False
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return path, f"wrong type: expected {expected}, got {type(error.instance).__name__}", error.instance, True
    if error.validator in {"x-vocab", "x-ref"}:
        return path, error.message, error.instance, True
    if error.validator == "pattern" and isinstance(error.schema, dict) and "x-rule" in error.schema:  # the pattern in words
        return path, f"{error.schema['x-rule']} (rule: {error.validator})", error.instance, True
    message = error.message
    if message.startswith(repr(error.instance)):  # jsonschema repeats the value; it is shown once, below
        message = "value" + message[len(repr(error.instance)):]
    return path, f"{message} (rule: {error.validator})", error.instance, True


def _schema_problems(catalog: Catalog, validator_class, schema_name: str, file: str, instance: Any) -> list[Problem]:
    schema = catalog.schemas.get(schema_name)
    if schema is None:
        return [Problem(file, "", f"no schema data/schemas/{schema_name}.schema.json to validate against")]
    # The result depends on the schema, the value, and (x-vocab, x-ref) the vocabularies and
    # the set of item ids: a clean result for the same four is remembered across the rebuilds
    # of `make serve` (macros/memo.py), so a rebuild validates only the items that changed.
    key = memo.digest(validator_class.kb_schema_digests.get(schema_name), instance, validator_class.kb_context)
    if key in memo.VALID:
        return []
    validator = validator_class(schema, format_checker=FormatChecker(), registry=validator_class.kb_registry)
    problems = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]):
        path, rule, value, has_value = describe(error)
        problems.append(Problem(file, path, rule, value, has_value))
    if not problems:
        memo.VALID.add(key)
    return problems


def validate(catalog: Catalog) -> list[Problem]:
    """Every schema, vocabulary and cross-reference problem in an already-read catalogue."""
    problems: list[Problem] = []
    validator_class = _validator_class(catalog)
    for name, schema in catalog.schemas.items():
        if validator_class.kb_schema_digests[name] in memo.SCHEMAS:
            continue
        try:
            Draft202012Validator.check_schema(schema)
            memo.SCHEMAS.add(validator_class.kb_schema_digests[name])
        except SchemaError as error:
            problems.append(Problem(f"data/schemas/{name}.schema.json", field_path(error.absolute_path), f"invalid JSON Schema: {error.message}"))
    for file, content in catalog.vocabulary_files.values():
        problems += _schema_problems(catalog, validator_class, "vocab", file, content)
        ids = [term.get("id") for term in (content or {}).get("terms", []) if isinstance(term, dict)] if isinstance(content, dict) else []
        for index, term_id in enumerate(ids):
            if term_id in ids[:index]:
                problems.append(Problem(file, f"terms[{index}].id", "duplicate vocabulary term", term_id, True))
    for item in catalog.items.values():
        problems += _schema_problems(catalog, validator_class, item.settings.schema, item.file, item.data)
        for index, other in enumerate(item.data.get("related", []) if isinstance(item.data.get("related"), list) else []):
            if other == item.id:
                problems.append(Problem(item.file, f"related[{index}]", "an item cannot be related to itself", other, True))
        if item.kind == "comparisons":
            problems += _comparison_problems(catalog, item)
        if item.kind == "questions":
            problems += question_problems(catalog, item)
        if item.kind == "algorithms":
            problems += mode_problems(item)
        if isinstance(item.data.get("exam_tasks"), dict):
            problems += exam_task_problems(catalog, item.file, item.data["exam_tasks"])
    problems += _exam_problems(catalog)
    problems += case_problems(catalog)
    problems += search_term_problems(catalog)
    if catalog.glossary_file is not None:
        problems += _glossary_problems(catalog, validator_class)
    return problems


def exam_task_problems(catalog: Catalog, file: str, mapping: Any, field: str = "exam_tasks") -> list[Problem]:
    """A page's exam mapping names every exam, and only tasks those exams have. Used for
    item data here and for the front matter of prose pages by the build."""
    if not isinstance(mapping, dict):
        return [Problem(file, field, "must map each exam id to a list of task numbers", mapping, True)]
    known = catalog.exam_tasks()
    problems = []
    for exam_id in sorted(set(known) - set(mapping)):
        problems.append(Problem(file, f"{field}.{exam_id}", "missing exam: list the tasks this page covers, or [] if none"))
    for exam_id, numbers in mapping.items():
        if exam_id not in known:
            problems.append(Problem(file, f"{field}.{exam_id}", f"unknown exam; exams in data/exams/: {', '.join(sorted(known))}", exam_id, True))
            continue
        if not isinstance(numbers, list):
            problems.append(Problem(file, f"{field}.{exam_id}", "must be a list of task numbers such as \"1.2\"", numbers, True))
            continue
        for index, number in enumerate(numbers):
            if number not in known[exam_id]:
                problems.append(Problem(file, f"{field}.{exam_id}[{index}]", f"no such task in {exam_id}; its tasks are {', '.join(sorted(map(str, known[exam_id])))}", number, True))
    return problems


def _exam_problems(catalog: Catalog) -> list[Problem]:
    """Rules for the exams themselves: weights add up to 100, task numbers belong to their
    domain and are unique, and a retired exam's crosswalk names real tasks of its successor."""
    problems = []
    known = catalog.exam_tasks()
    for exam in catalog.of_kind("exams"):
        domains = [d for d in exam.data.get("domains", []) if isinstance(d, dict)]
        weights = [d.get("weight") for d in domains if isinstance(d.get("weight"), int)]
        if len(weights) == len(domains) and sum(weights) != 100:
            problems.append(Problem(exam.file, "domains", "domain weights must add up to 100", sum(weights), True))
        seen: set[str] = set()
        successor = (exam.data.get("status") or {}).get("successor")
        for d_index, domain in enumerate(domains):
            for t_index, task in enumerate(t for t in domain.get("tasks", []) if isinstance(t, dict)):
                where = f"domains[{d_index}].tasks[{t_index}]"
                number = str(task.get("number"))
                if not number.startswith(f"{domain.get('number')}."):
                    problems.append(Problem(exam.file, f"{where}.number", f"task number must start with its domain number {domain.get('number')}", number, True))
                if number in seen:
                    problems.append(Problem(exam.file, f"{where}.number", "duplicate task number", number, True))
                seen.add(number)
                if "maps_to" in task and successor not in known:
                    problems.append(Problem(exam.file, f"{where}.maps_to", "only a retired exam with a successor maps its tasks"))
                    continue
                for m_index, target in enumerate(task.get("maps_to") or []):
                    if target not in known.get(successor, {}):
                        problems.append(Problem(exam.file, f"{where}.maps_to[{m_index}]", f"no such task in {successor}", target, True))
        problems += _exam_detail_problems(exam)
    return problems + _exam_link_problems(catalog)


GAPPABLE_FACTS = ("duration_minutes", "questions", "question_types", "scoring", "cost_usd")


def _exam_detail_problems(exam) -> list[Problem]:
    """The finer rules of one exam file: every format fact and domain weight is given or listed
    in missing_facts (never both, never neither); a fact in secondary_facts is given and not
    missing; a provisional domain has only provisional tasks;
    skill numbers start with their task number, are unique and ascending, and agree with the
    task's skills_status; an exam that numbers skills says skills_status on every task."""
    problems, file = [], exam.file
    domains = [d for d in exam.data.get("domains", []) if isinstance(d, dict)]
    listed: dict[str, int] = {}
    for index, gap in enumerate(g for g in exam.data.get("missing_facts") or [] if isinstance(g, dict)):
        field = gap.get("field")
        if field in listed:
            problems.append(Problem(file, f"missing_facts[{index}].field", "listed twice", field, True))
        listed.setdefault(field, index)
    expected = [field for field in GAPPABLE_FACTS] + [f"domains[{i}].weight" for i in range(len(domains))]
    present = {field: field in exam.data for field in GAPPABLE_FACTS}
    present |= {f"domains[{i}].weight": "weight" in domain for i, domain in enumerate(domains)}
    for field in expected:
        if present[field] and field in listed:
            problems.append(Problem(file, f"missing_facts[{listed[field]}].field", "the fact is given, so it is not missing: remove this entry or the value", field, True))
        elif not present[field] and field not in listed:
            problems.append(Problem(file, field, "required: give the value, or list it in missing_facts with reason not-published or not-verified"))
    for field, index in listed.items():
        if field not in expected:
            problems.append(Problem(file, f"missing_facts[{index}].field", f"no such fact in this exam; it has {len(domains)} domains", field, True))
    secondary: dict[str, int] = {}
    for index, entry in enumerate(e for e in exam.data.get("secondary_facts") or [] if isinstance(e, dict)):
        field, where = entry.get("field"), f"secondary_facts[{index}].field"
        if field in secondary:
            problems.append(Problem(file, where, "listed twice", field, True))
        elif field not in expected:
            problems.append(Problem(file, where, f"no such fact in this exam; it has {len(domains)} domains", field, True))
        elif field in listed:
            problems.append(Problem(file, where, f"also in missing_facts[{listed[field]}]: a fact is either missing or given from a secondary source, not both", field, True))
        elif not present[field]:
            problems.append(Problem(file, where, "the fact is not given: give the value from the secondary source, or list it in missing_facts instead", field, True))
        secondary.setdefault(field, index)
    numbers_skills = any(isinstance(t, dict) and ("skills" in t or "skills_status" in t)
                         for d in domains for t in d.get("tasks", []) or [])
    seen: set[str] = set()
    for d_index, domain in enumerate(domains):
        provisional_domain = domain.get("source_status") == "provisional"
        for t_index, task in enumerate(t for t in domain.get("tasks", []) or [] if isinstance(t, dict)):
            where = f"domains[{d_index}].tasks[{t_index}]"
            number = str(task.get("number"))
            if provisional_domain and task.get("source_status") != "provisional":
                problems.append(Problem(file, f"{where}.source_status", "a task of a provisional domain is provisional too", task.get("source_status", "transcribed"), True))
            status = task.get("skills_status")
            if numbers_skills and status is None:
                problems.append(Problem(file, f"{where}.skills_status", "this exam numbers its skills: say complete, partial or not-transcribed for every task"))
            skills = [s for s in task.get("skills") or [] if isinstance(s, dict)]
            previous: dict[str, int] = {}  # series ("" for numbered skills, "k" or "s" for bullets) -> last position
            for s_index, skill in enumerate(skills):
                s_number = str(skill.get("number"))
                s_where = f"{where}.skills[{s_index}].number"
                if not s_number.startswith(f"{number}."):
                    problems.append(Problem(file, s_where, f"skill number must start with its task number {number}", s_number, True))
                    continue
                if s_number in seen:
                    problems.append(Problem(file, s_where, "duplicate skill number", s_number, True))
                seen.add(s_number)
                last = s_number.rsplit(".", 1)[1]
                series, digits = last.rstrip("0123456789"), last.lstrip("ks")
                position = int(digits) if digits.isdigit() else 0
                before = previous.get(series, 0)
                if position <= before:
                    problems.append(Problem(file, s_where, "skills must be listed in the guide's order, each number once", s_number, True))
                elif status == "complete" and position != before + 1:
                    problems.append(Problem(file, s_where, f"skills_status is complete, but skill {number}.{series}{before + 1} is not listed", s_number, True))
                previous[series] = max(before, position)
    return problems


def _exam_link_problems(catalog: Catalog) -> list[Problem]:
    """An exam's predecessor is an exam; task and skill predecessors name its tasks and skills;
    every skill of an exam with a predecessor says how it changed (new exactly when it carries
    nothing on); taught_by/mentioned_in items exist; an item the guide puts out of scope maps no
    task of that exam."""
    problems = []
    exams = {exam.id: exam for exam in catalog.of_kind("exams")}
    for exam in exams.values():
        file, data = exam.file, exam.data
        predecessor = exams.get(data.get("predecessor")) if data.get("predecessor") else None
        if data.get("predecessor") and predecessor is None:
            problems.append(Problem(file, "predecessor", f"no such exam; exams in data/exams/: {', '.join(sorted(exams))}", data["predecessor"], True))
        before_status = {str(t.get("number")): t.get("skills_status") for d in (predecessor.data.get("domains", []) if predecessor else []) if isinstance(d, dict)
                         for t in d.get("tasks", []) or [] if isinstance(t, dict)}  # task number -> skills_status
        before_skills = {str(s.get("number")) for d in (predecessor.data.get("domains", []) if predecessor else []) if isinstance(d, dict)
                         for t in d.get("tasks", []) or [] if isinstance(t, dict) for s in t.get("skills", []) or [] if isinstance(s, dict)}
        for d_index, domain in enumerate(d for d in data.get("domains", []) if isinstance(d, dict)):
            for t_index, task in enumerate(t for t in domain.get("tasks", []) or [] if isinstance(t, dict)):
                where = f"domains[{d_index}].tasks[{t_index}]"
                if task.get("predecessors") and predecessor is None:
                    problems.append(Problem(file, f"{where}.predecessors", "only an exam with a predecessor names predecessor tasks"))
                for p_index, number in enumerate(task.get("predecessors", []) or []):
                    if predecessor is not None and number not in before_status:
                        problems.append(Problem(file, f"{where}.predecessors[{p_index}]", f"no such task in {predecessor.id}", number, True))
                # A skill that carries on ground of a predecessor task whose bullets are not all
                # transcribed yet may leave predecessors empty (changed/unchanged, links to come).
                untranscribed = bool(task.get("predecessors")) and any(
                    before_status.get(number) != "complete" for number in task.get("predecessors", []) or [])
                for s_index, skill in enumerate(s for s in task.get("skills", []) or [] if isinstance(s, dict)):
                    s_where = f"{where}.skills[{s_index}]"
                    links = skill.get("predecessors", []) or []
                    if predecessor is None:
                        if "predecessors" in skill or "change" in skill:
                            problems.append(Problem(file, f"{s_where}.change", "only an exam with a predecessor says how its skills changed"))
                    else:
                        change = skill.get("change")
                        if change is None:
                            problems.append(Problem(file, f"{s_where}.change", f"say new, changed or unchanged: this exam updates {predecessor.id}"))
                        elif change == "new" and links:
                            problems.append(Problem(file, f"{s_where}.change", "new means no predecessors; changed and unchanged name at least one", change, True))
                        elif change != "new" and not links and not untranscribed:
                            problems.append(Problem(file, f"{s_where}.change", "new means no predecessors; changed and unchanged name at least one "
                                                    f"(or leave predecessors empty only while {predecessor.id}'s bullets of task(s) "
                                                    f"{', '.join(task.get('predecessors', []) or []) or 'none named'} are not all transcribed)", change, True))
                        for p_index, number in enumerate(links):
                            if number not in before_skills:
                                problems.append(Problem(file, f"{s_where}.predecessors[{p_index}]", f"no such skill in {predecessor.id}", number, True))
                    for key in ("taught_by", "mentioned_in"):
                        for r_index, ref in enumerate(skill.get(key, []) or []):
                            target = str(ref).partition("#")[0]
                            if not target.endswith(".md") and target not in catalog.items:
                                problems.append(Problem(file, f"{s_where}.{key}[{r_index}]", "no item has this id (pages are written page.md#anchor)", ref, True))
        for index, entry in enumerate((data.get("out_of_scope") or {}).get("services", []) or []):
            item = catalog.items.get(entry.get("item")) if isinstance(entry, dict) else None
            if item is None:
                continue
            mapped = (item.data.get("exam_tasks") or {}).get(exam.id)
            if mapped:
                problems.append(Problem(item.file, f"exam_tasks.{exam.id}", f"{file} puts this service out of scope (out_of_scope.services[{index}]): its card stays, but it maps no {exam.data.get('code')} task ([])", mapped, True))
    return problems


def _glossary_problems(catalog: Catalog, validator_class) -> list[Problem]:
    file, content = catalog.glossary_file
    problems = _schema_problems(catalog, validator_class, "glossary", file, content)
    if problems:
        return problems
    ids: dict[str, int] = {}
    terms: dict[str, int] = {}
    previous = ""
    for index, entry in enumerate(content["terms"]):
        where = f"terms[{index}]"
        if entry["id"] in ids:
            problems.append(Problem(file, f"{where}.id", f"duplicate glossary id (first at terms[{ids[entry['id']]}])", entry["id"], True))
        ids.setdefault(entry["id"], index)
        if entry["term"] in terms:
            problems.append(Problem(file, f"{where}.term", f"duplicate glossary term (first at terms[{terms[entry['term']]}])", entry["term"], True))
        terms.setdefault(entry["term"], index)
        if entry["term"].casefold() < previous:
            problems.append(Problem(file, f"{where}.term", f"out of alphabetical order: it comes before {previous!r}", entry["term"], True))
        previous = entry["term"].casefold()
        see = entry["see"].split("#")[0]
        if not see.endswith(".md") and see not in catalog.items:
            problems.append(Problem(file, f"{where}.see", "neither a page (…/name.md) nor a known item id", entry["see"], True))
    return problems


def _comparison_problems(catalog: Catalog, item) -> list[Problem]:
    """Rows must be answerable for every compared item: rules JSON Schema cannot express."""
    problems = []
    compared = [catalog.items[i] for i in item.data.get("items", []) if i in catalog.items]
    options = [o.get("id") for o in item.data.get("options", []) if isinstance(o, dict)]
    columns = item.data.get("items") or options
    for index, row in enumerate(item.data.get("rows", [])):
        if not isinstance(row, dict):
            continue
        where = f"rows[{index}]"
        if options and ("field" in row or "key_fact" in row):
            problems.append(Problem(item.file, where, "options have no data of their own: use values"))
        if "field" in row:
            for other in compared:
                if schema_at(catalog.schema_of(other), row["field"]) is None:
                    problems.append(Problem(item.file, f"{where}.field", f"{other.kind} have no such field (item {other.id!r})", row["field"], True))
        if "key_fact" in row:
            for other in compared:
                names = {fact.get("name") for fact in other.data.get("key_facts", [])}
                if row["key_fact"] not in names:
                    problems.append(Problem(item.file, f"{where}.key_fact", f"item {other.id!r} has no key fact of this name", row["key_fact"], True))
        if isinstance(row.get("values"), dict):
            given, wanted = set(row["values"]), set(columns)
            for missing in sorted(wanted - given):
                problems.append(Problem(item.file, f"{where}.values", f"no value for compared item {missing!r}"))
            for extra in sorted(given - wanted):
                problems.append(Problem(item.file, f"{where}.values.{extra}", "value for an item that is not compared", extra, True))
    return problems


def load_valid_catalog(data_dir: Path) -> Catalog:
    """Read and check everything under data_dir; raise DataError listing every problem."""
    catalog, problems = load_catalog(data_dir)
    problems += validate(catalog)
    if problems:
        raise DataError(problems)
    return catalog


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        catalog = load_valid_catalog(data_dir)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(catalog.of_kind(kind))} {kind}" for kind in KINDS)
    print(f"data/ is valid: {counts}, {len(catalog.glossary)} glossary terms, {len(catalog.vocabularies)} vocabularies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
