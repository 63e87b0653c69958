"""The data files and their validation: real data passes; every kind of mistake is reported."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES, ROOT, fixture_yaml, make_data_dir, real_catalog, run_build

from macros import kinds
from macros.catalog import KINDS, PAGE_TEMPLATES, load_catalog
from macros.pages import expand_nav
from macros.study import TOPICS
from macros.validate import DataError, load_valid_catalog

ISSUE_ALGORITHMS = {
    "blazingtext", "deepar", "factorization-machines", "image-classification", "ip-insights",
    "k-means", "k-nn", "lda", "linear-learner", "ntm", "object2vec", "object-detection", "pca",
    "random-cut-forest", "semantic-segmentation", "seq2seq", "xgboost",
}


def problems_for(tmp_path, files: dict[str, str]) -> str:
    """Validate fixture data plus `files`; return the error message (fail if valid)."""
    with pytest.raises(DataError) as raised:
        load_valid_catalog(make_data_dir(tmp_path, files))
    return str(raised.value)


# --- the real data ----------------------------------------------------------------------------


def test_real_data_is_valid():
    catalog = real_catalog()
    assert {item.id for item in catalog.of_kind("algorithms")} >= ISSUE_ALGORITHMS  # more may join


def test_fixture_data_is_valid(tmp_path):
    catalog = load_valid_catalog(make_data_dir(tmp_path))
    fixtures = {path.stem for path in (FIXTURES / "data").glob("*/*.yaml")}
    assert {item.id for item in catalog.items.values()} == fixtures


def test_every_algorithm_cites_aws_docs_and_a_verification_date(algorithms):
    for item_id, data in algorithms.items():
        urls = [source["url"] for source in data["sources"]]
        assert any(url.startswith("https://docs.aws.amazon.com/") for url in urls), item_id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data["last_verified"])), item_id


def _walk_properties(schema: dict, path: str = ""):
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}.{name}".lstrip("."), sub
        yield from _walk_properties(sub, f"{path}.{name}")
        if "items" in sub:
            yield from _walk_properties(sub["items"], f"{path}.{name}[]")


@pytest.mark.parametrize("schema_file", sorted((ROOT / "data" / "schemas").glob("*.json")), ids=lambda p: p.name)
def test_every_schema_property_is_described_with_examples(schema_file):
    schema = json.loads(schema_file.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    undocumented = [path for path, sub in _walk_properties(schema) if not sub.get("description")]
    without_examples = [
        path for path, sub in _walk_properties(schema)
        if "examples" not in sub and "properties" not in sub and "items" not in sub
    ]
    assert undocumented == []
    assert without_examples == []


def test_template_lists_every_top_level_key():
    template = (ROOT / "data" / "algorithms" / "_template.yaml").read_text()
    schema = json.loads((ROOT / "data" / "schemas" / "algorithm.schema.json").read_text())
    for key in schema["properties"]:
        assert re.search(rf"^{key}:", template, re.MULTILINE), f"_template.yaml lacks {key}"


def test_every_kind_has_a_schema():
    for kind in KINDS.values():
        assert (ROOT / "data" / "schemas" / f"{kind.schema}.schema.json").exists()


# --- each kind of mistake names file, field, value and rule ---------------------------------


def test_missing_nested_required_field(tmp_path):
    broken = fixture_yaml().replace("  is_parallelizable: true\n", "")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: training.is_parallelizable: missing required field" in message


def test_value_outside_vocabulary(tmp_path):
    broken = fixture_yaml().replace("content_types: [text/csv,", "content_types: [text/tsv,")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: training.content_types[0]: not in vocabulary 'content-types'" in message
    assert "(value: 'text/tsv')" in message
    assert "data/vocab/content-types.yaml" in message


def test_wrong_type(tmp_path):
    broken = fixture_yaml().replace("supports_multi_instance: true", "supports_multi_instance: sometimes")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: training.supports_multi_instance: wrong type: expected boolean, got str (value: 'sometimes')" in message


def test_unknown_cross_reference(tmp_path):
    broken = fixture_yaml().replace("related: [beta-forest]", "related: [gamma-ray]")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: related[0]: unknown cross-reference: no data file has this id (value: 'gamma-ray')" in message


def test_unknown_cross_reference_in_confusions(tmp_path):
    broken = fixture_yaml().replace("  - with: beta-forest", "  - with: beta-forests")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: confusions[0].with: unknown cross-reference" in message


def test_duplicate_id(tmp_path):
    message = problems_for(tmp_path, {"algorithms/beta-forest.yml": fixture_yaml("beta-forest")})
    assert "data/algorithms/beta-forest.yml: duplicate id 'beta-forest': already used by data/algorithms/beta-forest.yaml" in message


def test_id_not_matching_file_name(tmp_path):
    broken = "id: alpha-learning\n" + fixture_yaml()
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: id: id does not match the file name 'alpha-learner.yaml'" in message
    assert "(value: 'alpha-learning')" in message


def test_file_name_that_is_not_an_id(tmp_path):
    message = problems_for(tmp_path, {"algorithms/Gamma_Learner.yaml": fixture_yaml()})
    assert "data/algorithms/Gamma_Learner.yaml: file name is not a valid id" in message


def test_duplicate_yaml_key_is_not_silently_overwritten(tmp_path):
    broken = fixture_yaml().replace("aliases: [AL]\n", "aliases: [AL]\naliases: [ALPHA]\n")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "duplicate key 'aliases'" in message


def test_unknown_field(tmp_path):
    broken = fixture_yaml().replace("aliases: [AL]\n", "aliases: [AL]\nalias: AL\n")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: alias: unknown field" in message


def test_invalid_date(tmp_path):
    broken = fixture_yaml().replace("last_verified: 2026-11-22", "last_verified: 2026-13-45")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    assert "alpha-learner.yaml: last_verified:" in message and "'2026-13-45'" in message


def test_unknown_data_folder(tmp_path):
    data = make_data_dir(tmp_path)
    (data / "algorithmz").mkdir()
    with pytest.raises(DataError, match=r"data/algorithmz: unknown data folder"):
        load_valid_catalog(data)


def test_stray_file_outside_the_kind_folders(tmp_path):
    message = problems_for(tmp_path, {"xgboost.yaml": fixture_yaml()})
    assert "data/xgboost.yaml: not inside a data folder" in message


def test_every_problem_is_reported_at_once(tmp_path):
    broken_alpha = fixture_yaml().replace("category: tabular", "category: tables")
    broken_beta = fixture_yaml("beta-forest").replace("is_parallelizable: false", "is_parallelizable: 0")
    message = problems_for(tmp_path, {"algorithms/alpha-learner.yaml": broken_alpha, "algorithms/beta-forest.yaml": broken_beta})
    assert message.startswith("2 problem(s) in data/:")
    assert "alpha-learner.yaml: category: not in vocabulary" in message
    assert "beta-forest.yaml: training.is_parallelizable: wrong type" in message


def test_broken_data_fails_the_build_with_the_message(tmp_path):
    broken = fixture_yaml().replace("related: [beta-forest]", "related: [gamma-ray]")
    data = make_data_dir(tmp_path, {"algorithms/alpha-learner.yaml": broken})
    result = run_build(ROOT / "mkdocs.yml", tmp_path / "site", {"KB_DATA_DIR": str(data)})
    assert result.returncode != 0
    assert "related[0]: unknown cross-reference: no data file has this id (value: 'gamma-ray')" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- services, comparisons and pipelines ----------------------------------------------------


def test_status_other_than_active_needs_date_and_note(tmp_path):
    broken = fixture_yaml("epsilon-legacy", "services").replace("  date: 2024-01-31\n", "")
    message = problems_for(tmp_path, {"services/epsilon-legacy.yaml": broken})
    assert "data/services/epsilon-legacy.yaml: status.date: missing required field" in message


def test_unknown_successor(tmp_path):
    broken = fixture_yaml("epsilon-legacy", "services").replace("successor: delta-stream", "successor: delta-streams")
    message = problems_for(tmp_path, {"services/epsilon-legacy.yaml": broken})
    assert "epsilon-legacy.yaml: status.successor: unknown cross-reference: no data file has this id (value: 'delta-streams')" in message


def test_comparison_row_naming_a_field_the_items_lack(tmp_path):
    broken = fixture_yaml("eta-algorithms", "comparisons").replace("field: learning_types", "field: learning_style")
    message = problems_for(tmp_path, {"comparisons/eta-algorithms.yaml": broken})
    assert "eta-algorithms.yaml: rows[0].field: algorithms have no such field (item 'alpha-learner') (value: 'learning_style')" in message


def test_comparison_row_naming_a_missing_key_fact(tmp_path):
    broken = fixture_yaml("zeta-comparison", "comparisons").replace("key_fact: max_retention", "key_fact: max_shards")
    message = problems_for(tmp_path, {"comparisons/zeta-comparison.yaml": broken})
    assert "zeta-comparison.yaml: rows[2].key_fact: item 'delta-stream' has no key fact of this name (value: 'max_shards')" in message


def test_comparison_written_values_must_cover_exactly_the_items(tmp_path):
    broken = fixture_yaml("zeta-comparison", "comparisons").replace("      epsilon-legacy: Slow\n", "      gamma: Slow\n")
    message = problems_for(tmp_path, {"comparisons/zeta-comparison.yaml": broken})
    assert "zeta-comparison.yaml: rows[3].values: no value for compared item 'epsilon-legacy'" in message
    assert "zeta-comparison.yaml: rows[3].values.gamma: value for an item that is not compared" in message


def test_comparison_row_needs_exactly_one_source_of_cells(tmp_path):
    broken = fixture_yaml("zeta-comparison", "comparisons").replace("    field: management\n", "    field: management\n    key_fact: max_retention\n")
    message = problems_for(tmp_path, {"comparisons/zeta-comparison.yaml": broken})
    assert "zeta-comparison.yaml: rows[0]:" in message and "oneOf" in message


def test_unknown_pipeline_step(tmp_path):
    broken = fixture_yaml("theta-pipeline", "pipelines").replace("item: alpha-learner", "item: alpha-learning")
    message = problems_for(tmp_path, {"pipelines/theta-pipeline.yaml": broken})
    assert "theta-pipeline.yaml: steps[1].item: unknown cross-reference" in message


def test_duplicate_id_across_kinds(tmp_path):
    message = problems_for(tmp_path, {"services/alpha-learner.yaml": fixture_yaml("delta-stream", "services")})
    assert "data/services/alpha-learner.yaml: duplicate id 'alpha-learner': already used by data/algorithms/alpha-learner.yaml" in message


def test_comparison_needs_items_or_options_but_not_both(tmp_path):
    broken = fixture_yaml("lambda-options", "comparisons").replace("options:\n", "items: [delta-stream, epsilon-legacy]\noptions:\n")
    message = problems_for(tmp_path, {"comparisons/lambda-options.yaml": broken})
    assert "data/comparisons/lambda-options.yaml: " in message and "oneOf" in message


def test_option_comparison_rows_cannot_read_item_data(tmp_path):
    broken = fixture_yaml("lambda-options", "comparisons").replace(
        "  - label: Cost\n", "  - label: Management\n    field: management\n  - label: Cost\n")
    message = problems_for(tmp_path, {"comparisons/lambda-options.yaml": broken})
    assert "lambda-options.yaml: rows[1]: options have no data of their own: use values" in message


# --- the same mistakes in every kind of data -----------------------------------------------

KIND_FIXTURES = {"algorithms": "alpha-learner", "services": "delta-stream", "comparisons": "zeta-comparison",
                 "pipelines": "theta-pipeline", "metrics": "nu-metric"}
EVERY_KIND = pytest.mark.parametrize("kind, item_id", KIND_FIXTURES.items())


@EVERY_KIND
def test_malformed_yaml_in_every_kind(tmp_path, kind, item_id):
    text = fixture_yaml(item_id, kind)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("summary:"))
    broken = text.replace("summary: ", "summary: [", 1)
    message = problems_for(tmp_path, {f"{kind}/{item_id}.yaml": broken})
    reported = int(re.search(rf"data/{kind}/{item_id}.yaml: line (\d+), column \d+: YAML syntax error", message).group(1))
    assert line <= reported <= line + 2


@EVERY_KIND
def test_missing_required_field_in_every_kind(tmp_path, kind, item_id):
    broken = re.sub(r"^summary: .*\n", "", fixture_yaml(item_id, kind), flags=re.MULTILINE)
    message = problems_for(tmp_path, {f"{kind}/{item_id}.yaml": broken})
    assert f"data/{kind}/{item_id}.yaml: summary: missing required field" in message


@EVERY_KIND
def test_wrong_type_in_every_kind(tmp_path, kind, item_id):
    broken = fixture_yaml(item_id, kind).replace("last_verified: 2026-11-22", "last_verified: [2026]")
    message = problems_for(tmp_path, {f"{kind}/{item_id}.yaml": broken})
    assert f"data/{kind}/{item_id}.yaml: last_verified: wrong type: expected string, got list (value: [2026])" in message


@EVERY_KIND
def test_unknown_field_in_every_kind(tmp_path, kind, item_id):
    message = problems_for(tmp_path, {f"{kind}/{item_id}.yaml": fixture_yaml(item_id, kind) + "colour: blue\n"})
    assert f"data/{kind}/{item_id}.yaml: colour: unknown field" in message


@EVERY_KIND
def test_id_not_matching_file_name_in_every_kind(tmp_path, kind, item_id):
    message = problems_for(tmp_path, {f"{kind}/{item_id}.yaml": "id: something-else\n" + fixture_yaml(item_id, kind)})
    assert f"data/{kind}/{item_id}.yaml: id: id does not match the file name" in message


@EVERY_KIND
def test_unknown_cross_reference_in_every_kind(tmp_path, kind, item_id):
    text = fixture_yaml(item_id, kind)
    known = next(i for i in ("beta-forest", "epsilon-legacy", "delta-stream", "alpha-learner") if i in text and i != item_id)
    broken = text.replace(known, "no-such-item")
    message = problems_for(tmp_path, {f"{kind}/{item_id}.yaml": broken})
    assert f"data/{kind}/{item_id}.yaml: " in message and "unknown cross-reference: no data file has this id (value: 'no-such-item')" in message


# --- the kinds table (macros/kinds.py) ---------------------------------------------------------


def _catalog_problems(tmp_path) -> list[str]:
    _, problems = load_catalog(make_data_dir(tmp_path))
    return [str(problem) for problem in problems]


@pytest.mark.parametrize("setting", kinds.SETTINGS)
def test_a_kind_lacking_a_setting_is_reported_with_kind_and_setting(tmp_path, monkeypatch, setting):
    row = {key: value for key, value in kinds.KINDS["metrics"].items() if key != setting}
    monkeypatch.setitem(kinds.KINDS, "metrics", row)
    assert f"macros/kinds.py: KINDS['metrics'].{setting}: kind 'metrics' lacks the setting '{setting}'" in _catalog_problems(tmp_path)


def test_wrong_kind_settings_are_reported(tmp_path, monkeypatch):
    monkeypatch.setitem(kinds.KINDS, "metrics", {**kinds.KINDS["metrics"], "title": "colour", "search_boost": None,
                                                  "study_topic": "cooking", "page_template": "missing.md", "shape": 1})
    problems = "\n".join(_catalog_problems(tmp_path))
    for setting, value in [("title", "'colour'"), ("search_boost", "None"), ("study_topic", "'cooking'"),
                           ("page_template", "'missing.md'"), ("shape", "'shape'")]:
        assert re.search(rf"KINDS\['metrics'\]\.{setting}: .*\(value: {re.escape(value)}\)", problems), setting


def test_the_real_kinds_table_is_complete():
    assert set(kinds.BY_FOLDER) == set(kinds.KINDS)
    assert kinds.kind_problems(kinds.KINDS, real_catalog().schemas, TOPICS,
                               {path.name for path in PAGE_TEMPLATES.glob("*.md")}) == []


def test_nav_placeholders_expand_to_every_page_of_the_kind_and_refuse_unknown_kinds():
    catalog = real_catalog()
    nav = expand_nav([{"Metrics": ["metrics/index.md", "nav:metrics"]}, {"Services": ["nav:services"]}], catalog)
    metric_pages = [next(iter(entry.values())) for entry in nav[0]["Metrics"][1:]]
    assert sorted(metric_pages) == sorted(item.page for item in catalog.of_kind("metrics"))
    groups = nav[1]["Services"]
    assert [next(iter(group)) for group in groups] == [t["label"] for t in catalog.vocabularies["service-categories"].terms.values()]
    listed = [page for group in groups for entry in next(iter(group.values()))[1:] for page in entry.values()]
    assert sorted(listed) == sorted(item.page for item in catalog.of_kind("services"))
    with pytest.raises(ValueError, match="'nav:misconceptions' names no kind with generated navigation"):
        expand_nav(["nav:misconceptions"], catalog)


# --- search_terms (issue #16): the words a learner may type, validated ------------------------

DELTA_TERMS = "search_terms: [ordered event feed, replay old records, Fixture Events]\n"


def _delta_with_terms(terms: str) -> dict[str, str]:
    text = fixture_yaml("delta-stream", "services")
    assert DELTA_TERMS in text
    return {"services/delta-stream.yaml": text.replace(DELTA_TERMS, f"search_terms: {terms}\n")}


def test_search_terms_use_one_shared_schema():
    from macros.search_terms import FIELD

    for kind in KINDS.values():
        schema = json.loads((ROOT / "data" / "schemas" / f"{kind.schema}.schema.json").read_text())
        if kind.has_own_page and kind.folder != "exams":
            assert schema["properties"][FIELD]["$ref"] == "search-terms.schema.json", kind.folder
        else:
            assert FIELD not in schema["properties"], kind.folder


def test_search_term_duplicating_an_alias_is_reported(tmp_path):
    message = problems_for(tmp_path, _delta_with_terms("[ordered event feed, dss]"))
    assert "data/services/delta-stream.yaml: search_terms[1]: duplicates the alias 'DSS'" in message
    assert "(value: 'dss')" in message


@pytest.mark.parametrize("term, named", [("Delta Stream Service", "the name"), ("delta stream", "the short name")])
def test_search_term_duplicating_the_name_is_reported(tmp_path, term, named):
    message = problems_for(tmp_path, _delta_with_terms(f"[{term}]"))
    assert f"data/services/delta-stream.yaml: search_terms[0]: duplicates {named} " in message
    assert f"(value: {term!r})" in message


def test_search_term_twice_in_one_item_is_reported(tmp_path):
    message = problems_for(tmp_path, _delta_with_terms("[replay old records, ordered event feed, Replay  old records]"))
    assert "data/services/delta-stream.yaml: search_terms[2]: duplicates search_terms[0] (case is ignored) (value: 'Replay  old records')" in message


def test_search_term_naming_another_item_is_reported(tmp_path):
    message = problems_for(tmp_path, _delta_with_terms("[old epsilon]"))
    assert ("data/services/delta-stream.yaml: search_terms[0]: is the name or alias of epsilon-legacy: "
            "it would send the learner to that page (value: 'old epsilon')") in message


def test_a_search_term_shared_by_too_many_items_is_reported_on_each(tmp_path):
    from macros.search_terms import MAX_ITEMS_PER_TERM

    carriers = [("services", "delta-stream"), ("services", "epsilon-legacy"), ("algorithms", "alpha-learner"),
                ("algorithms", "beta-forest"), ("metrics", "nu-metric")][:MAX_ITEMS_PER_TERM + 1]
    files = {}
    for kind, item_id in carriers:
        text = fixture_yaml(item_id, kind)
        if DELTA_TERMS in text:
            text = text.replace(DELTA_TERMS, "")
        first = re.search(r"^(name|title): .*\n", text, re.MULTILINE)
        assert first, item_id
        files[f"{kind}/{item_id}.yaml"] = text[:first.end()] + "search_terms: [Generic Need]\n" + text[first.end():]
    message = problems_for(tmp_path, files)
    for kind, item_id in carriers:
        assert (f"data/{kind}/{item_id}.yaml: search_terms[0]: too generic: {MAX_ITEMS_PER_TERM + 1} items use it "
                f"({', '.join(sorted(i for _, i in carriers))}); at most {MAX_ITEMS_PER_TERM} may share a search term (value: 'Generic Need')") in message
    # One item fewer is allowed.
    del files[f"{carriers[-1][0]}/{carriers[-1][1]}.yaml"]
    load_valid_catalog(make_data_dir(tmp_path / "fewer", files))


@pytest.mark.parametrize("terms, field, rule", [
    ("[one two three four five six]", "search_terms[0]", "a search term is 1 to 5 words separated by single spaces"),
    ("['speech, captions']", "search_terms[0]", "without commas or semicolons (one phrase per list entry) (rule: pattern) (value: 'speech, captions')"),
    ("[' leading space']", "search_terms[0]", "a search term is 1 to 5 words"),
    ("['two  spaces']", "search_terms[0]", "a search term is 1 to 5 words"),
    ("[x]", "search_terms[0]", "is too short"),
    ("subtitles", "search_terms", "wrong type: expected array, got str"),
    ("[12]", "search_terms[0]", "wrong type: expected string, got int"),
])
def test_search_terms_shape_is_checked_by_the_shared_schema(tmp_path, terms, field, rule):
    message = problems_for(tmp_path, _delta_with_terms(terms))
    line = next(line for line in message.splitlines() if f"data/services/delta-stream.yaml: {field}: " in line)
    assert rule in line


def test_real_search_terms_are_specific():
    """Every search term is used by few items: generic words are not search terms."""
    from macros.search_terms import MAX_ITEMS_PER_TERM, shared_terms

    catalog = load_valid_catalog(ROOT / "data")
    assert all(len(ids) <= MAX_ITEMS_PER_TERM for ids in shared_terms(catalog).values())
    with_terms = [item for item in catalog.items.values() if item.data.get("search_terms")]
    for kind in ("services", "algorithms", "pipelines", "metrics"):
        assert {item.id for item in with_terms if item.kind == kind} == {item.id for item in catalog.of_kind(kind)}, kind


# Front-matter search_terms of hand-written pages follow the same schema and rules.

def _page_term_problems(tmp_path, front: str, page: str = "concepts/topic.md", heading: str = "Topic Page") -> list[str]:
    from macros.search_terms import page_term_problems

    catalog = load_valid_catalog(make_data_dir(tmp_path / "project", {}))
    docs = tmp_path / "docs"
    (docs / page).parent.mkdir(parents=True, exist_ok=True)
    (docs / page).write_text(f"---\n{front}\n---\n\n# {heading}\n", encoding="utf-8")
    return [f"{p.file}: {p.field}: {p.rule} (value: {p.value!r})" for p in page_term_problems(catalog, docs)]


def test_page_search_terms_that_follow_the_rules_pass(tmp_path):
    assert _page_term_problems(tmp_path, "search_terms: [when training stalls, noisy labels]") == []


@pytest.mark.parametrize("terms, expected", [
    ("[one two three four five six]", "docs/concepts/topic.md: search_terms[0]: a search term is 1 to 5 words"),
    ("subtitles", "docs/concepts/topic.md: search_terms: wrong type: expected array, got str"),
    ("[noisy labels, Noisy Labels]", "docs/concepts/topic.md: search_terms[1]: duplicates search_terms[0] (case is ignored)"),
    ("[topic page]", "docs/concepts/topic.md: search_terms[0]: duplicates the page title 'Topic Page'"),
    ("[dss]", "docs/concepts/topic.md: search_terms[0]: is the name or alias of delta-stream: it would send the learner to that page"),
])
def test_page_search_terms_breaking_a_rule_are_reported(tmp_path, terms, expected):
    problems = _page_term_problems(tmp_path, f"search_terms: {terms}")
    assert any(line.startswith(expected) for line in problems), problems


def test_page_search_term_shared_with_too_many_items_is_reported(tmp_path):
    from macros.search_terms import MAX_ITEMS_PER_TERM

    carriers = [("services", "delta-stream"), ("algorithms", "alpha-learner"), ("algorithms", "beta-forest")][:MAX_ITEMS_PER_TERM]
    files = {}
    for kind, item_id in carriers:
        text = fixture_yaml(item_id, kind).replace(DELTA_TERMS, "")
        first = re.search(r"^(name|title): .*\n", text, re.MULTILINE)
        files[f"{kind}/{item_id}.yaml"] = text[:first.end()] + "search_terms: [Generic Need]\n" + text[first.end():]
    from macros.search_terms import page_term_problems

    catalog = load_valid_catalog(make_data_dir(tmp_path / "project", files))
    docs = tmp_path / "docs"
    (docs / "concepts").mkdir(parents=True)
    (docs / "concepts" / "topic.md").write_text("---\nsearch_terms: [generic need]\n---\n\n# Topic\n", encoding="utf-8")
    [problem] = page_term_problems(catalog, docs)
    assert (problem.file, problem.field) == ("docs/concepts/topic.md", "search_terms[0]")
    assert problem.rule.startswith(f"too generic: {', '.join(sorted(i for _, i in carriers))} use it too")


def test_an_item_page_takes_its_search_terms_from_the_item(tmp_path):
    page = load_valid_catalog(make_data_dir(tmp_path / "fixture", {})).items["delta-stream"].page
    problems = _page_term_problems(tmp_path, "search_terms: [noisy labels]", page=page, heading="Delta")
    assert problems == [f"docs/{page}: search_terms: this is the page of data/services/delta-stream.yaml: put the search terms there (value: ['noisy labels'])"]


def test_real_pages_search_terms_are_valid():
    from macros.search_terms import page_term_problems

    assert page_term_problems(real_catalog(), ROOT / "docs") == []
