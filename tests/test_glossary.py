"""The glossary: one data file, a page listing every entry, and tooltips wherever an
abbreviation appears. Expected values come from data/glossary.yaml read with PyYAML."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

import pytest
import yaml
from bs4 import NavigableString
from conftest import ROOT, article_of, flat, make_data_dir

from macros.validate import DataError, load_valid_catalog

GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
ACTIVATIONS = {path.stem for path in (ROOT / "data" / "activations").glob("*.yaml")}
ABBREVIATIONS = {entry["term"]: entry["expansion"] for entry in GLOSSARY if entry.get("expansion")}
# The same pattern Python-Markdown's abbr extension uses: whole words, longest first.
ABBREVIATION_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(term) for term in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")
NOT_PROSE = {"code", "pre", "math", "abbr", "script", "style", "kbd", "option"}  # an <option> holds text only


def articles(all_pages):
    for path in all_pages:
        if "print_page" in path.parts:
            continue
        article = article_of(path)
        if article is not None:
            yield path, article


def test_glossary_has_at_least_150_entries_each_explained_somewhere():
    assert len(GLOSSARY) >= 150
    for entry in GLOSSARY:
        assert len(entry["definition"]) >= 10, entry["id"]
        assert entry["see"], entry["id"]


def test_glossary_page_lists_every_entry_with_its_anchor_definition_and_link(page, site):
    article = page("glossary/")
    base = "https://site.test/glossary/"
    for entry in GLOSSARY:
        term = article.find(id=entry["id"])
        assert term is not None and term.name == "dt", entry["id"]
        assert flat(entry["term"]) in flat(term.get_text()), entry["id"]
        if entry.get("expansion"):
            assert flat(entry["expansion"]) in flat(term.get_text()), entry["id"]
        definition = term.find_next_sibling("dd")
        assert flat(entry["definition"]) in flat(definition.get_text()), entry["id"]
        link = definition.find_all("a")[-1]
        target, fragment = urldefrag(urljoin(base, link["href"]))
        target = target.removeprefix("https://site.test/")
        see = entry["see"].split("#")[0]
        if see.endswith(".md"):
            expected = see.removesuffix(".md").removesuffix("index")
            assert target.rstrip("/") == expected.rstrip("/"), entry["id"]
        elif see in ACTIVATIONS:  # rows of one table: the link lands on the table's section
            assert target == "concepts/modelling/" and fragment == "activation-functions", entry["id"]
        else:  # an item: its own page, or the anchor of its section on a shared page
            assert target.rstrip("/").endswith("/" + see) or fragment == see, entry["id"]


def test_every_abbreviation_has_a_tooltip_on_a_page_that_uses_it(all_pages):
    seen: dict[str, set[str]] = {}
    for path, article in articles(all_pages):
        if path.parent.name == "glossary":
            continue
        for abbr in article.find_all("abbr"):
            seen.setdefault(abbr.get_text(), set()).add(abbr.get("title"))
    missing = [term for term in ABBREVIATIONS if term not in seen]
    wrong = [term for term, titles in seen.items() if term in ABBREVIATIONS and titles != {ABBREVIATIONS[term]}]
    assert missing == [], "abbreviations in the glossary that no page uses (remove them or use them)"
    assert wrong == []


def test_no_abbreviation_in_page_text_lacks_its_tooltip(all_pages):
    untagged = []
    for path, article in articles(all_pages):
        for text in article.find_all(string=True):
            if not isinstance(text, NavigableString) or any(p.name in NOT_PROSE for p in text.parents):
                continue
            for match in ABBREVIATION_PATTERN.finditer(text):
                untagged.append(f"{path.parent.name}: {match.group(0)!r} in {str(text)[:60]!r}")
    assert untagged[:20] == []


def test_mls_c01_is_shown_as_retired_wherever_it_is_named(all_pages):
    named = 0
    for path, article in articles(all_pages):
        for abbr in article.find_all("abbr", string="MLS-C01"):
            assert "retired" in abbr["title"].lower(), path
            named += 1
    assert named > 10


def test_links_into_the_glossary_land_on_entries(all_pages, site):
    ids = {entry["id"] for entry in GLOSSARY}
    for path, article in articles(all_pages):
        for link in article.find_all("a", href=re.compile(r"glossary/#")):
            assert link["href"].split("#")[1] in ids, f"{path}: {link['href']}"


# --- a broken glossary fails with a message naming file, field and value ---------------------

FIXTURE_GLOSSARY = (ROOT / "tests" / "fixtures" / "data" / "glossary.yaml").read_text(encoding="utf-8")


def glossary_problems(tmp_path, text: str) -> str:
    with pytest.raises(DataError) as raised:
        load_valid_catalog(make_data_dir(tmp_path, {"glossary.yaml": text}))
    return str(raised.value)


def test_duplicate_glossary_id(tmp_path):
    broken = FIXTURE_GLOSSARY.replace("id: fixture-term", "id: alpha")
    assert "data/glossary.yaml: terms[1].id: duplicate glossary id (first at terms[0]) (value: 'alpha')" in glossary_problems(tmp_path, broken)


def test_glossary_out_of_alphabetical_order(tmp_path):
    broken = FIXTURE_GLOSSARY.replace("term: ALF", "term: ZED")
    assert "data/glossary.yaml: terms[1].term: out of alphabetical order: it comes before 'zed' (value: 'Fixture term')" in glossary_problems(tmp_path, broken)


def test_glossary_entry_pointing_nowhere(tmp_path):
    broken = FIXTURE_GLOSSARY.replace("see: alpha-learner", "see: no-such-item")
    assert "data/glossary.yaml: terms[0].see: neither a page (…/name.md) nor a known item id (value: 'no-such-item')" in glossary_problems(tmp_path, broken)


def test_glossary_entry_missing_its_definition(tmp_path):
    broken = FIXTURE_GLOSSARY.replace("    definition: The fixture algorithm's abbreviation.\n", "")
    assert "data/glossary.yaml: terms[0].definition: missing required field" in glossary_problems(tmp_path, broken)
