"""MLA-C02: its data (beta, skills, facts not yet verified), its exam page, and the validator's
rules for numbered skills, provisional parts and missing facts.

Expected values come from data/exams/mla-c02.yaml, read here with PyYAML."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import ROOT, fixture_yaml, flat, make_data_dir, read_yaml_dir

from macros.validate import DataError, load_valid_catalog

EXAMS = read_yaml_dir(ROOT / "data" / "exams")
C02 = EXAMS["mla-c02"]
GAP_TEXT = {"not-verified": "not verified yet", "not-published": "not published in the exam guide"}


def tasks_of(exam: dict) -> list[dict]:
    return [task for domain in exam["domains"] for task in domain["tasks"]]


def section_of(article, anchor: str) -> list:
    """The elements between a heading and the next heading of the same or a higher level."""
    heading = article.find(id=anchor)
    level = heading.name
    stops = {"h2"} if level == "h2" else {"h2", "h3"}
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name in stops:
            break
        elements.append(sibling)
    return elements


# --- the data ---------------------------------------------------------------------------------


def test_mla_c02_is_the_beta_english_exam_with_domain_2_transcribed():
    assert C02["code"] == "MLA-C02"
    beta = C02["status"]["beta"]
    assert (beta["code"], beta["started"]) == ("ME1-C02", "2026-09-29")
    assert beta["format"]["source_status"] == "secondary"  # read only in third-party copies
    assert C02["status"]["general_availability"]["verified"] is False  # only an earlier record gives it
    domain_2 = C02["domains"][1]
    assert domain_2["name"] == "ML Model and Foundation Model (FM) Development"
    assert domain_2.get("source_status", "transcribed") == "transcribed"
    assert [s["number"] for s in domain_2["tasks"][0]["skills"]] == [f"2.1.{n}" for n in range(1, 9)]
    for task in tasks_of(C02):
        assert task["skills_status"] in {"complete", "partial", "not-transcribed"}


def test_every_fact_mla_c02_leaves_out_is_listed_with_a_reason():
    listed = {gap["field"] for gap in C02.get("missing_facts", [])}
    secondary = {entry["field"] for entry in C02.get("secondary_facts", [])}
    assert not listed & secondary
    for field in ["duration_minutes", "questions", "question_types", "scoring", "cost_usd"]:
        assert (field in C02) != (field in listed), field
        assert field not in secondary or field in C02, field
    for index, domain in enumerate(C02["domains"]):
        assert ("weight" in domain) != (f"domains[{index}].weight" in listed), index
        assert f"domains[{index}].weight" not in secondary or "weight" in domain, index


def test_mla_c02_lists_every_skill_of_the_guide_and_marks_the_copies_it_read():
    """All twelve tasks are whole (107 skills); where a task's statement or skill list comes only
    from a third-party copy, the data says so with a note; no part is provisional any more."""
    assert [len(task["skills"]) for task in tasks_of(C02)] == [9, 9, 7, 8, 9, 10, 8, 11, 11, 6, 10, 9]
    for domain in C02["domains"]:
        assert domain.get("source_status") != "provisional", domain["number"]
        assert domain.get("source_status") != "secondary" or len(domain["source_note"]) >= 20
    for task in tasks_of(C02):
        assert task["skills_status"] == "complete", task["number"]
        assert task.get("source_status") != "secondary" or len(task["source_note"]) >= 20
        assert task.get("skills_source") != "secondary" or len(task["skills_source_note"]) >= 20


def test_every_item_and_page_names_mla_c02():
    """The validator requires it; check the files directly too, so a regression is obvious."""
    missing = []
    for path in sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "  mla-c01: [" in text and "  mla-c02: [" not in text:
            missing.append(path.relative_to(ROOT).as_posix())
    assert missing == []


# --- the exam page ----------------------------------------------------------------------------


def coverage_state(skill: dict) -> str:
    """Computed here from the data, independently of macros/exam_coverage.py."""
    if skill.get("taught_by"):
        return "taught"
    return "mentioned" if skill.get("mentioned_in") else "not yet"


def url_of(source: str) -> str:
    stem = source.removesuffix(".md").removesuffix("index")
    return stem if stem.endswith("/") or stem == "" else stem + "/"


def page_of_ref(ref: str) -> str:
    """A taught_by entry as the built page's URL (without anchor), from the files alone."""
    target = ref.split("#")[0]
    if target.endswith(".md"):
        return url_of(target)
    for kind in ["algorithms", "services", "comparisons", "pipelines", "metrics"]:
        found = read_yaml_dir(ROOT / "data" / kind).get(target)
        if found is not None:
            return f"services/{found['category']}/{target}/" if kind == "services" else f"{kind}/{target}/"
    raise AssertionError(f"no item {target}")


@pytest.mark.parametrize("exam_id", ["mla-c01", "mla-c02"])
def test_exam_page_lists_every_skill_with_its_sections_and_coverage(exam_id, page):
    article = page(f"exams/{exam_id}/")
    base = f"https://site.test/exams/{exam_id}/"
    for task in tasks_of(EXAMS[exam_id]):
        section = section_of(article, f"task-{task['number'].replace('.', '-')}")
        text = flat(" ".join(element.get_text() for element in section))
        tables = [element for element in section if element.name == "table"]
        skills = task.get("skills", [])
        assert len(tables) == (1 if skills else 0), (exam_id, task["number"])
        if task["skills_status"] == "partial":
            assert "Skill list incomplete" in text, task["number"]
        if task["skills_status"] == "not-transcribed":
            assert "have not been transcribed yet" in text, task["number"]
        if not skills:
            continue
        rows = tables[0].find_all("tr")[1:]
        assert len(rows) == len(skills), (exam_id, task["number"])
        for row, skill in zip(rows, skills, strict=True):
            cells = row.find_all("td")
            assert flat(cells[0].get_text()) == f"{skill['number']} {flat(skill['summary'])}"
            assert cells[1].get_text(strip=True) == coverage_state(skill), skill["number"]
            linked = [urljoin(base, a["href"]).removeprefix("https://site.test/").split("#")[0] for a in cells[2].find_all("a")]
            expected = [page_of_ref(ref) for ref in skill.get("taught_by", []) + skill.get("mentioned_in", [])]
            assert linked == expected, skill["number"]


SECONDARY = "Bullets transcribed from a secondary copy of the guide:"


@pytest.mark.parametrize("exam_id", ["mla-c01", "mla-c02"])
def test_exam_page_says_which_tasks_have_bullets_from_a_secondary_copy(exam_id, page):
    """A task with skills_source secondary shows the marker with its note; every other task
    (official or unmarked) shows no marker."""
    article = page(f"exams/{exam_id}/")
    secondary = 0
    for task in tasks_of(EXAMS[exam_id]):
        text = flat(" ".join(element.get_text() for element in section_of(article, f"task-{task['number'].replace('.', '-')}")))
        if task.get("skills_source") == "secondary":
            assert f"{SECONDARY} {flat(task['skills_source_note'])}" in text, task["number"]
            secondary += 1
        else:
            assert SECONDARY not in text, task["number"]
    if exam_id in ("mla-c01", "mla-c02"):
        assert secondary, f"{exam_id} has tasks transcribed from secondary copies (else this test needs new data)"


def skill_cells(counts: list[int], incomplete_tasks: int) -> list[str]:
    """The four skill cells of a domain row: counts where the skill lists are whole; where they
    are not, the number not yet taught is unknown, and a row with no skill at all says why."""
    listed, taught, mentioned, not_yet = counts
    if not incomplete_tasks:
        return [str(n) for n in counts]
    if listed == 0:
        return ["not transcribed yet", "—", "—", "unknown (not transcribed yet)"]
    return [f"{listed} so far (list incomplete)", str(taught), str(mentioned), f"{not_yet} of those listed; the rest unknown"]


@pytest.mark.parametrize("exam_id", ["mla-c01", "mla-c02"])
def test_domain_table_totals_the_coverage_computed_from_the_data(exam_id, page):
    rows = page(f"exams/{exam_id}/").find(id="domains").find_next("table").find_all("tr")[1:]
    overall, overall_incomplete = [0, 0, 0, 0], 0
    for row, domain in zip(rows, [*EXAMS[exam_id]["domains"], None], strict=True):
        cells = [flat(cell.get_text()).strip() for cell in row.find_all("td")][4:]
        if domain is None:  # the totals row
            assert cells == skill_cells(overall, overall_incomplete)
            continue
        skills = [skill for task in domain["tasks"] for skill in task.get("skills", [])]
        counts = [len(skills)] + [sum(1 for s in skills if coverage_state(s) == st) for st in ("taught", "mentioned", "not yet")]
        incomplete = sum(1 for task in domain["tasks"] if task.get("skills_status") in ("partial", "not-transcribed"))
        assert cells == skill_cells(counts, incomplete), domain["number"]
        overall = [a + b for a, b in zip(overall, counts, strict=True)]
        overall_incomplete += incomplete


def test_a_domain_without_transcribed_skills_never_shows_a_count_of_zero_not_taught():
    """A domain whose tasks list no skill yet: "Not yet 0" would claim nothing is missing. MLA-C02
    is now transcribed in full, so the page is rendered from a copy of its data with the skills of
    domains 3 and 4 taken out."""
    import copy
    import dataclasses

    from conftest import html_of

    from macros.exam_map import build_exam_map
    from macros.pages import generated_pages
    from macros.render import MACROS, PageContext

    catalog = load_valid_catalog(ROOT / "data")
    exam_map, _ = build_exam_map(ROOT / "docs", catalog, generated_pages(catalog, ROOT / "docs"))
    data = copy.deepcopy(catalog.get("mla-c02").data)
    for domain in data["domains"][2:]:
        for task in domain["tasks"]:
            task.pop("skills")
            task["skills_status"] = "not-transcribed"
    catalog.items["mla-c02"] = dataclasses.replace(catalog.get("mla-c02"), data=data)
    soup = html_of(MACROS["exam_guide"](PageContext(catalog, "exams/mla-c02.md", exam_map=exam_map), "mla-c02"))
    untranscribed = [d["number"] for d in data["domains"] if all(t.get("skills_status") == "not-transcribed" for t in d["tasks"])]
    assert untranscribed == [3, 4]
    rows = soup.find("table", class_=None).find_next("table").find_all("tr")[1:]
    for number in untranscribed:
        cells = [flat(cell.get_text()).strip() for cell in rows[number - 1].find_all("td")]
        assert cells[0].startswith(f"{number}.") and cells[4] == "not transcribed yet" and "unknown" in cells[7]
        assert "0" not in cells[4:], number
    assert "unknown" in flat(rows[-1].get_text())  # nor does the totals row


def test_once_every_skill_list_is_whole_the_rows_show_plain_counts():
    """The negative case: the same exam with every task's skill list marked complete shows
    numbers only, a 0 included, and no "unknown"."""
    import copy
    import dataclasses

    from conftest import html_of

    from macros.exam_map import build_exam_map
    from macros.pages import generated_pages
    from macros.render import MACROS, PageContext

    catalog = load_valid_catalog(ROOT / "data")
    exam_map, _ = build_exam_map(ROOT / "docs", catalog, generated_pages(catalog, ROOT / "docs"))
    data = copy.deepcopy(catalog.get("mla-c02").data)
    for domain in data["domains"]:
        for task in domain["tasks"]:
            task["skills_status"] = "complete"
    for task in data["domains"][0]["tasks"]:  # a whole domain with no skill: its row shows 0, not "unknown"
        task.pop("skills", None)
    catalog.items["mla-c02"] = dataclasses.replace(catalog.get("mla-c02"), data=data)
    soup = html_of(MACROS["exam_guide"](PageContext(catalog, "exams/mla-c02.md", exam_map=exam_map), "mla-c02"))
    rows = soup.find("table", class_=None).find_next("table").find_all("tr")[1:]
    cells = [[flat(td.get_text()).strip() for td in row.find_all("td")][4:] for row in rows]
    assert cells[0] == ["0", "0", "0", "0"] and all(all(c.isdigit() for c in row) for row in cells)


def test_crosswalk_counts_and_dropped_bullets_follow_the_data(page):
    article = page("exams/mla-c01-to-mla-c02/")
    skills = [skill for task in tasks_of(C02) for skill in task.get("skills", [])]
    intro = flat(article.find(id="skills").find_next("p").get_text())
    assert f"{sum(1 for s in skills if s['change'] == 'new')} are new" in intro
    for change in ("changed", "unchanged"):
        assert f"{sum(1 for s in skills if s['change'] == change)} {change}" in intro
    rows = article.find(id="skills").find_next("table").find_all("tr")[1:]
    assert [flat(row.find("td").get_text()).split()[0] for row in rows] == [s["number"] for s in skills]
    for row, skill in zip(rows, skills, strict=True):
        cells = row.find_all("td")
        assert cells[1].get_text(strip=True) == skill["change"]
        assert [strong.get_text() for strong in cells[2].find_all("strong")] == skill["predecessors"], skill["number"]
    # dropped: bullets of complete MLA-C01 tasks whose MLA-C02 successor tasks are all complete,
    # that no MLA-C02 skill carries on
    reached = {number for skill in skills for number in skill["predecessors"]}
    successors: dict[str, list[bool]] = {}
    for task in tasks_of(C02):
        for number in task["predecessors"]:
            successors.setdefault(number, []).append(task["skills_status"] == "complete")
    expected = [
        skill["number"] for task in tasks_of(EXAMS["mla-c01"])
        if task["skills_status"] == "complete" and successors.get(task["number"]) and all(successors[task["number"]])
        for skill in task["skills"] if skill["number"] not in reached
    ]
    assert expected, "the data compares at least one pair of tasks completely"
    table = article.find(id="dropped").find_next("table")
    assert [flat(row.find("td").get_text()).split()[0] for row in table.find_all("tr")[1:]] == expected


@pytest.mark.parametrize("exam_id", sorted(EXAMS))
def test_scope_pages_list_each_service_with_its_card(exam_id, page):
    article = page(f"exams/{exam_id}-services/")
    for anchor, key in [("in-scope", "in_scope"), ("out-of-scope", "out_of_scope")]:
        services = EXAMS[exam_id][key].get("services", [])
        tables = [element for element in section_of(article, anchor) if element.name == "table"]
        assert len(tables) == (1 if services else 0), (exam_id, key)
        if not services:
            continue
        rows = tables[0].find_all("tr")[1:]
        assert [flat(row.find("td").get_text()) for row in rows] == [service["name"] for service in services]
        for row, service in zip(rows, services, strict=True):
            card = row.find_all("td")[1]
            if "item" in service:
                href = urljoin(f"https://site.test/exams/{exam_id}-services/", card.find("a")["href"])
                assert href.removeprefix("https://site.test/") == page_of_ref(service["item"]), service
            else:
                assert card.get_text(strip=True) == "no card yet"


def test_services_out_of_scope_keep_their_cards_but_map_no_task(page):
    services = read_yaml_dir(ROOT / "data" / "services")
    checked = 0
    for exam_id, exam in EXAMS.items():
        for service in exam["out_of_scope"].get("services", []):
            assert services[service["item"]]["exam_tasks"][exam_id] == [], service
            assert page(page_of_ref(service["item"])).find("h1") is not None
            checked += 1
    assert checked >= 6


def test_exam_page_marks_provisional_domains_and_unverified_facts(page):
    article = page("exams/mla-c02/")
    for domain in C02["domains"]:
        notes = [e for e in section_of(article, f"domain-{domain['number']}") if e.name == "div"]
        provisional = any("Provisional domain" in note.get_text() for note in notes)
        assert provisional == (domain.get("source_status") == "provisional"), domain["number"]
    facts = {row.find("td").get_text(strip=True): flat(row.find_all("td")[1].get_text())
             for row in article.find("table").find_all("tr") if row.find("td")}
    gaps = {gap["field"]: gap for gap in C02.get("missing_facts", [])}
    secondary = {entry["field"]: entry for entry in C02.get("secondary_facts", [])}
    for label, field in [("Duration", "duration_minutes"), ("Questions", "questions"), ("Fee", "cost_usd"),
                         ("Question types", "question_types"), ("Scoring", "scoring")]:
        if field in gaps:
            assert facts[label].startswith(GAP_TEXT[gaps[field]["reason"]].capitalize()), label
            assert flat(gaps[field]["note"]) in facts[label], label
        marker = f"(from a secondary source: {flat(secondary[field]['note'])})" if field in secondary else None
        if marker:
            assert facts[label].endswith(marker), label
        else:
            assert "from a secondary source" not in facts[label], label
    assert "Beta ME1-C02" in facts["Exam"]


def test_exam_objectives_of_every_page_name_mla_c02(page):
    article = page("algorithms/xgboost/")
    rows = article.find(id="exam-objectives").find_next("table").find_all("tr")[1:]
    assert [row.find("td").get_text(" ", strip=True).split()[0] for row in rows] == ["MLA-C01", "MLA-C02", "MLS-C01"]


# --- the validator ----------------------------------------------------------------------------


def problems_for(tmp_path, exam_text: str) -> str:
    with pytest.raises(DataError) as raised:
        load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": exam_text}))
    return str(raised.value)


OMEGA = fixture_yaml("omega-exam", "exams")
TASK_11 = '''      - number: "1.1"
        statement: Store fixture data
        summary: A fixture task that fixture pages cover.
'''


def with_skills(skills: str, status: str = "complete") -> str:
    """The omega fixture with skills on task 1.1 and skills_status on every task."""
    assert TASK_11 in OMEGA
    text = OMEGA.replace(TASK_11, TASK_11 + f"        skills_status: {status}\n        skills:\n{skills}")
    return text.replace("        summary: A fixture task that no page covers, to see the flag.\n",
                        "        summary: A fixture task that no page covers, to see the flag.\n        skills_status: not-transcribed\n") \
               .replace("        summary: A fixture task covered by a prose page.\n",
                        "        summary: A fixture task covered by a prose page.\n        skills_status: not-transcribed\n")


SKILL = "          - number: {number}\n            summary: A fixture skill summarised in own words.\n"


def test_valid_skills_pass(tmp_path):
    load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": with_skills(SKILL.format(number="1.1.1") + SKILL.format(number="1.1.2"))}))


def test_duplicate_skill_number_fails(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.1") + SKILL.format(number="1.1.1")))
    assert "data/exams/omega-exam.yaml: domains[0].tasks[0].skills[1].number: duplicate skill number (value: '1.1.1')" in message


def test_skill_number_of_another_task_fails(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.2.1")))
    assert "domains[0].tasks[0].skills[0].number: skill number must start with its task number 1.1 (value: '1.2.1')" in message


def test_complete_skill_list_with_a_gap_fails(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.1") + SKILL.format(number="1.1.3")))
    assert "skills[1].number: skills_status is complete, but skill 1.1.2 is not listed (value: '1.1.3')" in message


def test_skills_out_of_order_fail(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.2") + SKILL.format(number="1.1.1"), "partial"))
    assert "skills[1].number: skills must be listed in the guide's order, each number once (value: '1.1.1')" in message


def test_partial_skill_list_needs_a_note(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.1"), "partial"))
    assert "data/exams/omega-exam.yaml: domains[0].tasks[0].skills_note: missing required field" in message


def test_skill_status_missing_on_a_task_of_an_exam_with_skills_fails(tmp_path):
    text = with_skills(SKILL.format(number="1.1.1")).replace(
        "        summary: A fixture task covered by a prose page.\n        skills_status: not-transcribed\n",
        "        summary: A fixture task covered by a prose page.\n")
    message = problems_for(tmp_path, text)
    assert "domains[1].tasks[0].skills_status: this exam numbers its skills: say complete, partial or not-transcribed for every task" in message


def test_a_missing_fact_must_be_listed(tmp_path):
    message = problems_for(tmp_path, OMEGA.replace("cost_usd: 100\n", ""))
    assert "data/exams/omega-exam.yaml: cost_usd: required: give the value, or list it in missing_facts" in message


def test_a_listed_fact_must_really_be_missing(tmp_path):
    text = OMEGA.replace("cost_usd: 100\n", "cost_usd: 100\nmissing_facts:\n  - field: cost_usd\n    reason: not-published\n    note: The fixture guide gives no fee.\n")
    message = problems_for(tmp_path, text)
    assert "missing_facts[0].field: the fact is given, so it is not missing: remove this entry or the value (value: 'cost_usd')" in message


def test_a_missing_weight_listed_with_a_reason_passes(tmp_path):
    text = OMEGA.replace("    weight: 60\n", "", 1).replace("cost_usd: 100\n", "cost_usd: 100\nmissing_facts:\n  - field: domains[0].weight\n    reason: not-verified\n    note: The fixture guide page could not be read.\n")
    load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": text}))


def test_a_provisional_domain_cannot_hold_a_transcribed_task(tmp_path):
    text = OMEGA.replace("    name: Omega data\n", "    name: Omega data\n    source_status: provisional\n    provisional_note: The fixture domain page has not been transcribed yet.\n")
    message = problems_for(tmp_path, text)
    assert "domains[0].tasks[0].source_status: a task of a provisional domain is provisional too (value: 'transcribed')" in message


def with_predecessor(text: str) -> str:
    return text.replace("status:\n  state: active\n", "status:\n  state: active\npredecessor: psi-exam\n", 1)


def test_unknown_predecessor_skill_fails(tmp_path):
    text = with_predecessor(with_skills(SKILL.format(number="1.1.1") + "            predecessors: ['1.1.9']\n            change: changed\n"))
    message = problems_for(tmp_path, text)
    assert "domains[0].tasks[0].skills[0].predecessors[0]: no such skill in psi-exam (value: '1.1.9')" in message


def test_skill_without_change_in_an_exam_with_a_predecessor_fails(tmp_path):
    message = problems_for(tmp_path, with_predecessor(with_skills(SKILL.format(number="1.1.1"))))
    assert "domains[0].tasks[0].skills[0].change: say new, changed or unchanged: this exam updates psi-exam" in message


def test_a_new_skill_cannot_carry_anything_on(tmp_path):
    psi = fixture_yaml("psi-exam", "exams").replace(
        "        summary: A retired fixture task mapped to omega 1.1.\n",
        "        summary: A retired fixture task mapped to omega 1.1.\n        skills_status: partial\n        skills_note: One fixture bullet only.\n"
        "        skills:\n          - number: 1.1.k1\n            summary: A fixture bullet of the predecessor.\n")
    psi = psi.replace("        summary: A retired fixture task with no successor task.\n",
                      "        summary: A retired fixture task with no successor task.\n        skills_status: not-transcribed\n")
    text = with_predecessor(with_skills(SKILL.format(number="1.1.1") + "            predecessors: ['1.1.k1']\n            change: new\n"))
    with pytest.raises(DataError) as raised:
        load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": text, "exams/psi-exam.yaml": psi}))
    assert "skills[0].change: new means no predecessors; changed and unchanged name at least one (value: 'new')" in str(raised.value)


def test_taught_by_an_unknown_item_fails(tmp_path):
    message = problems_for(tmp_path, with_skills(SKILL.format(number="1.1.1") + "            taught_by: [no-such-item]\n"))
    assert "domains[0].tasks[0].skills[0].taught_by[0]: no item has this id (pages are written page.md#anchor) (value: 'no-such-item')" in message


def test_taught_by_a_missing_page_is_reported(tmp_path):
    from macros import exam_coverage

    text = with_skills(SKILL.format(number="1.1.1") + "            taught_by: ['concepts/nowhere.md#x']\n")
    catalog = load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": text}))
    (tmp_path / "docs").mkdir()
    assert [str(p) for p in exam_coverage.ref_problems(catalog, tmp_path / "docs")] == [
        "data/exams/omega-exam.yaml: domains[0].tasks[0].skills[0].taught_by[0]: no page docs/concepts/nowhere.md (value: 'concepts/nowhere.md#x')"]


def build_fixture_site(tmp_path, data_files: dict[str, str]):
    """The fixture site of tests/test_fixture_site.py, with some data files replaced."""
    import os
    import shutil

    import yaml
    from conftest import mkdocs_config, run_build
    from test_fixture_site import INDEX_PAGES, NAVIGATION, PROSE_PAGES

    project = tmp_path / "project"
    catalog = load_valid_catalog(make_data_dir(project, data_files))
    os.symlink(ROOT / "macros", project / "macros")
    os.symlink(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    pages = {**INDEX_PAGES, **PROSE_PAGES}
    for category in {item.data["category"] for item in catalog.of_kind("services")}:
        pages[f"services/{category}/index.md"] = NAVIGATION + f"# {category}\n\n{{{{ service_category_index('{category}') }}}}\n"
    # Item pages are generated from the data (macros/hooks.py); only prose pages are written.
    for path, text in pages.items():
        (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / path).write_text(text)
    config = mkdocs_config()
    config.pop("nav", None)  # MkDocs lists every page, the generated item pages included
    config.pop("extra_css", None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return run_build(project / "mkdocs.yml", project / "site", {"KB_DATA_DIR": ""})


def test_skill_sections_render_and_a_broken_anchor_fails_the_build(tmp_path):
    good = with_skills(SKILL.format(number="1.1.1") + "            taught_by: ['concepts/modelling.md#activation-functions']\n")
    result = build_fixture_site(tmp_path / "good", {"exams/omega-exam.yaml": good})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "good" / "project" / "site" / "exams" / "omega-exam" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../concepts/modelling/#activation-functions"' in html
    broken = good.replace("#activation-functions", "#no-such-section")
    result = build_fixture_site(tmp_path / "broken", {"exams/omega-exam.yaml": broken})
    assert result.returncode != 0
    assert "no-such-section" in result.stderr


def test_out_of_scope_service_that_still_maps_a_task_fails(tmp_path):
    text = OMEGA.replace("sources:", "out_of_scope:\n  status: complete\n  note: The fixture guide puts the legacy service out of scope.\n"
                         "  services:\n    - name: Epsilon Legacy\n      item: epsilon-legacy\nsources:", 1)
    message = problems_for(tmp_path, text)
    assert "data/services/epsilon-legacy.yaml: exam_tasks.omega-exam: data/exams/omega-exam.yaml puts this service out of scope" in message


# --- secondary sources: the page marks them, the validator checks them ------------------------------


def test_exam_page_marks_each_secondary_domain_task_weight_and_the_beta_format(page):
    """Every value the data takes from a secondary source carries the marker with its note, and
    nothing else does: domain names and weights, task statements, the beta's own format."""
    article = page("exams/mla-c02/")
    secondary = {entry["field"]: entry for entry in C02.get("secondary_facts", [])}
    rows = article.find(id="domains").find_next("table").find_all("tr")[1:]
    for index, (row, domain) in enumerate(zip(rows, C02["domains"], strict=False)):
        name_cell, weight_cell = (flat(td.get_text()) for td in row.find_all("td")[:2])
        assert ("(from a secondary source)" in name_cell) == (domain.get("source_status") == "secondary"), domain["number"]
        field = f"domains[{index}].weight"
        if field in secondary:
            assert weight_cell == f"{domain['weight']} % (from a secondary source: {flat(secondary[field]['note'])})"
        else:
            assert "secondary" not in weight_cell, domain["number"]
        text = flat(" ".join(e.get_text() for e in section_of(article, f"domain-{domain['number']}")))
        marker = f"from a secondary source: {flat(domain.get('source_note', ''))}"
        assert (marker in text) == (domain.get("source_status") == "secondary"), domain["number"]
    for task in tasks_of(C02):
        text = flat(" ".join(e.get_text() for e in section_of(article, f"task-{task['number'].replace('.', '-')}")))
        if task.get("source_status") == "secondary":
            assert f"Task statement from a secondary source: {flat(task['source_note'])}" in text, task["number"]
        else:
            assert "Task statement from a secondary source" not in text, task["number"]
    beta = C02["status"]["beta"]["format"]
    update = flat(article.find("div", class_="admonition").get_text())
    assert (f"The beta's own format: {beta['questions']} questions; {beta['duration_minutes']} minutes; "
            f"{beta['cost_usd']} USD; in {', '.join(beta['languages'])} only;") in update
    assert f"(from a secondary source: {flat(beta['note'])})" in update
    assert "Parts of this page come from secondary sources" in flat(article.get_text())
    assert "Parts of this page come from secondary sources" not in flat(page("exams/mls-c01/").get_text())


def test_exams_overview_marks_the_facts_from_secondary_sources(page):
    table = page("exams/").find("table")
    codes = [flat(th.get_text()).strip() for th in table.find("tr").find_all("th")][1:]
    rows = {flat(tr.find("td").get_text()).strip(): [flat(td.get_text()) for td in tr.find_all("td")[1:]] for tr in table.find_all("tr")[1:]}
    for label, field in [("Duration", "duration_minutes"), ("Questions", "questions"), ("Question types", "question_types"),
                         ("Passing score", "scoring"), ("Fee", "cost_usd")]:
        for code, cell in zip(codes, rows[label], strict=True):
            exam = next(e for e in EXAMS.values() if e["code"] == code)
            listed = {entry["field"] for entry in exam.get("secondary_facts", [])}
            assert ("(from a secondary source)" in cell) == (field in listed), (code, label)
    assert any("(from a secondary source)" in cell for cells in rows.values() for cell in cells)


def with_secondary(text: str, entries: str) -> str:
    return text.replace("cost_usd: 100\n", "cost_usd: 100\nsecondary_facts:\n" + entries, 1)


SECONDARY_ENTRY = "  - field: {field}\n    note: A fixture copy of the guide gives this value.\n"


def test_a_fact_from_a_secondary_source_passes(tmp_path):
    load_valid_catalog(make_data_dir(tmp_path, {"exams/omega-exam.yaml": with_secondary(
        OMEGA, SECONDARY_ENTRY.format(field="cost_usd") + SECONDARY_ENTRY.format(field="domains[1].weight"))}))


def test_a_secondary_fact_must_be_given(tmp_path):
    text = with_secondary(OMEGA, SECONDARY_ENTRY.format(field="cost_usd")).replace("cost_usd: 100\n", "", 1)
    text = text.replace("secondary_facts:\n", "missing_facts:\n  - field: duration_minutes\n    reason: not-verified\n    note: The fixture page could not be read.\nsecondary_facts:\n", 1)
    message = problems_for(tmp_path, text)
    assert ("data/exams/omega-exam.yaml: secondary_facts[0].field: the fact is not given: give the value from the "
            "secondary source, or list it in missing_facts instead (value: 'cost_usd')") in message


def test_a_fact_cannot_be_both_missing_and_secondary(tmp_path):
    text = OMEGA.replace("    weight: 60\n", "", 1)
    text = with_secondary(text, SECONDARY_ENTRY.format(field="domains[0].weight")).replace(
        "secondary_facts:\n", "missing_facts:\n  - field: domains[0].weight\n    reason: not-verified\n    note: The fixture page could not be read.\nsecondary_facts:\n", 1)
    message = problems_for(tmp_path, text)
    assert ("data/exams/omega-exam.yaml: secondary_facts[0].field: also in missing_facts[0]: a fact is either missing "
            "or given from a secondary source, not both (value: 'domains[0].weight')") in message


def test_a_secondary_fact_listed_twice_or_unknown_fails(tmp_path):
    text = with_secondary(OMEGA, SECONDARY_ENTRY.format(field="cost_usd") * 2 + SECONDARY_ENTRY.format(field="domains[5].weight"))
    message = problems_for(tmp_path, text)
    assert "secondary_facts[1].field: listed twice (value: 'cost_usd')" in message
    assert "secondary_facts[2].field: no such fact in this exam; it has 2 domains (value: 'domains[5].weight')" in message


def test_a_secondary_domain_task_or_skill_list_needs_its_note(tmp_path):
    text = OMEGA.replace("    name: Omega data\n", "    name: Omega data\n    source_status: secondary\n", 1)
    text = text.replace(TASK_11, TASK_11 + "        source_status: secondary\n", 1)
    text = text.replace("        summary: A fixture task covered by a prose page.\n",
                        "        summary: A fixture task covered by a prose page.\n        skills_source: secondary\n", 1)
    message = problems_for(tmp_path, text)
    assert "data/exams/omega-exam.yaml: domains[0].source_note: missing required field" in message
    assert "data/exams/omega-exam.yaml: domains[0].tasks[0].source_note: missing required field" in message
    assert "data/exams/omega-exam.yaml: domains[1].tasks[0].skills_source_note: missing required field" in message
    fixed = (text.replace("    source_status: secondary\n", "    source_status: secondary\n    source_note: A fixture copy of the comparison page.\n", 1)
                 .replace("        source_status: secondary\n", "        source_status: secondary\n        source_note: A fixture copy of the comparison page.\n", 1)
                 .replace("        skills_source: secondary\n", "        skills_source: secondary\n        skills_source_note: A fixture copy of the skill list.\n", 1))
    load_valid_catalog(make_data_dir(tmp_path / "fixed", {"exams/omega-exam.yaml": fixed}))


def psi_with_task_11(status: str) -> str:
    """The predecessor fixture with one bullet on task 1.1, its list marked `status`."""
    note = "        skills_note: One fixture bullet only.\n" if status == "partial" else ""
    psi = fixture_yaml("psi-exam", "exams").replace(
        "        summary: A retired fixture task mapped to omega 1.1.\n",
        f"        summary: A retired fixture task mapped to omega 1.1.\n        skills_status: {status}\n{note}"
        "        skills:\n          - number: 1.1.k1\n            summary: A fixture bullet of the predecessor.\n")
    return psi.replace("        summary: A retired fixture task with no successor task.\n",
                       "        summary: A retired fixture task with no successor task.\n        skills_status: not-transcribed\n")


@pytest.mark.parametrize("status", ["partial", "complete"])
def test_a_changed_skill_may_leave_predecessors_empty_only_while_the_predecessor_task_is_incomplete(tmp_path, status):
    text = with_predecessor(with_skills(SKILL.format(number="1.1.1") + "            predecessors: []\n            change: changed\n"))
    text = text.replace(TASK_11, TASK_11 + "        predecessors: ['1.1']\n", 1)
    files = {"exams/omega-exam.yaml": text, "exams/psi-exam.yaml": psi_with_task_11(status)}
    if status == "partial":
        load_valid_catalog(make_data_dir(tmp_path, files))
        return
    with pytest.raises(DataError) as raised:
        load_valid_catalog(make_data_dir(tmp_path, files))
    assert ("data/exams/omega-exam.yaml: domains[0].tasks[0].skills[0].change: new means no predecessors; changed and "
            "unchanged name at least one (or leave predecessors empty only while psi-exam's bullets of task(s) 1.1 are "
            "not all transcribed) (value: 'changed')") in str(raised.value)
