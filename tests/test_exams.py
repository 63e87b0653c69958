"""The exam map: every content page says which exam tasks it covers, every exam page lists the
pages per task and flags the uncovered ones, the crosswalk follows the data, and a page without
a mapping (or with a task that does not exist) fails the build.

Expected values come from the YAML files and the pages' front matter, read here with PyYAML."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, flat, make_data_dir, mkdocs_config, read_yaml_dir, run_build

from macros.catalog import KINDS

EXAMS = read_yaml_dir(ROOT / "data" / "exams")


def url_of(source: str) -> str:
    """'concepts/modelling.md' -> 'concepts/modelling/'; 'services/storage/index.md' -> 'services/storage/'."""
    stem = source.removesuffix(".md").removesuffix("index")
    return stem if stem.endswith("/") or stem == "" else stem + "/"


@cache
def declared_mappings() -> dict[str, dict | None]:
    """docs-relative page -> its exam tasks (None for navigation pages), from data and front matter."""
    mappings: dict[str, dict | None] = {}
    for kind, settings in KINDS.items():
        for item_id, data in read_yaml_dir(ROOT / "data" / kind).items():
            if settings.has_own_page and "exam_tasks" in data:
                mappings[settings.page_of(item_id, data)] = data["exam_tasks"]
    for path in sorted((ROOT / "docs").rglob("*.md")):
        relative = path.relative_to(ROOT / "docs").as_posix()
        match = re.match(r"---\n(.*?\n)---\n", path.read_text(encoding="utf-8"), re.DOTALL)
        meta = yaml.safe_load(match.group(1)) if match else {}
        if meta.get("navigation_page"):
            mappings[relative] = None
        elif "exam_tasks" in meta:
            mappings[relative] = meta["exam_tasks"]
    return mappings


def tasks_of(exam: dict) -> list[dict]:
    return [task for domain in exam["domains"] for task in domain["tasks"]]


def test_the_exams_are_described_and_mls_c01_is_retired():
    assert set(EXAMS) >= {"mla-c01", "mla-c02", "mls-c01"}  # a subset: new exams join without editing this test
    assert EXAMS["mls-c01"]["status"] | {"note": None} == {
        "state": "retired", "date": "2026-03-31", "successor": "mla-c01", "note": None}
    assert EXAMS["mla-c01"]["status"]["state"] == "active"
    assert EXAMS["mla-c02"]["status"]["state"] == "active"
    beta = EXAMS["mla-c02"]["status"]["beta"]
    assert {key: beta[key] for key in ("code", "started")} == {"code": "ME1-C02", "started": "2026-09-29"}
    for exam in EXAMS.values():
        weights = [domain.get("weight") for domain in exam["domains"]]
        if None not in weights:
            assert sum(weights) == 100
        if "questions" in exam:
            assert exam["questions"]["scored"] + exam["questions"]["unscored"] == exam["questions"]["total"]
        assert any(source["url"].startswith("https://docs.aws.amazon.com/") or "aws.amazon.com" in source["url"]
                   for source in exam["sources"])


def test_every_markdown_page_declares_a_mapping():
    undeclared = [
        path.relative_to(ROOT / "docs").as_posix() for path in sorted((ROOT / "docs").rglob("*.md"))
        if path.relative_to(ROOT / "docs").as_posix() not in declared_mappings()
    ]
    assert undeclared == []


def test_every_content_page_shows_the_tasks_it_covers(page):
    checked = 0
    for source, mapping in declared_mappings().items():
        article = page(url_of(source))
        heading = article.find(id="exam-objectives")
        if mapping is None:
            assert heading is None, f"{source} is a navigation page but shows exam objectives"
            continue
        assert heading is not None, f"{source} has no exam objectives"
        rows = heading.find_next("table").find_all("tr")[1:]
        assert len(rows) == len(EXAMS), source
        for row in rows:
            code = row.find("td").get_text(" ", strip=True).split()[0]
            exam_id = code.lower()
            shown = [a.get_text(" ", strip=True).split()[0] for a in row.find_all("td")[1].find_all("a")]
            assert shown == sorted(mapping[exam_id]), (source, exam_id)
            for link in row.find_all("td")[1].find_all("a"):
                assert link["href"].split("#")[0].endswith(f"exams/{exam_id}/"), (source, link["href"])
        checked += 1
    assert checked > 150


@pytest.mark.parametrize("exam_id", sorted(EXAMS))
def test_exam_page_lists_the_covering_pages_of_every_task_or_flags_it(exam_id, page):
    article = page(f"exams/{exam_id}/")
    base = f"https://site.test/exams/{exam_id}/"
    for task in tasks_of(EXAMS[exam_id]):
        expected = {
            url_of(source) for source, mapping in declared_mappings().items()
            if mapping and task["number"] in mapping[exam_id]
        }
        heading = article.find(id=f"task-{task['number'].replace('.', '-')}")
        assert heading is not None, (exam_id, task["number"])
        assert flat(task["statement"]) in flat(heading.get_text())
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h2", "h3"}:
                break
            section.append(sibling)
        listed = {
            urljoin(base, a["href"]).removeprefix("https://site.test/").split("#")[0]
            for element in section if element.name == "ul" for a in element.find_all("a")
        }
        flagged = any("Not covered yet" in element.get_text() for element in section if element.name == "div")
        assert listed == expected, (exam_id, task["number"])
        assert flagged == (not expected), (exam_id, task["number"])


@pytest.mark.parametrize("exam_id", sorted(EXAMS))
def test_domain_table_counts_tasks_and_covered_tasks(exam_id, page):
    rows = page(f"exams/{exam_id}/").find(id="domains").find_next("table").find_all("tr")[1:]
    rows = [row for row in rows if row.find("td").get_text(strip=True) != "All domains"]  # the skill totals row
    secondary = {entry["field"]: entry["note"] for entry in EXAMS[exam_id].get("secondary_facts", [])}
    for index, (row, domain) in enumerate(zip(rows, EXAMS[exam_id]["domains"], strict=True)):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        weight = f"{domain['weight']} %" if "weight" in domain else "not verified yet"
        if f"domains[{index}].weight" in secondary:  # the marker says where a weight read only in a copy comes from
            weight += f" (from a secondary source: {' '.join(secondary[f'domains[{index}].weight'].split())})"
        covered = sum(
            1 for task in domain["tasks"]
            if any(mapping and task["number"] in mapping[exam_id] for mapping in declared_mappings().values())
        )
        assert " ".join(cells[1].split()) == weight
        assert cells[3] == f"{covered} of {len(domain['tasks'])}"


def test_crosswalk_maps_every_mls_task_and_lists_new_mla_tasks(page):
    article = page("exams/crosswalk/")
    rows = article.find("table").find_all("tr")[1:]
    mls, mla = tasks_of(EXAMS["mls-c01"]), tasks_of(EXAMS["mla-c01"])
    assert len(rows) == len(mls)
    for row, task in zip(rows, mls, strict=True):
        cells = row.find_all("td")
        assert cells[0].get_text(" ", strip=True).startswith(task["number"])
        targets = [a.get_text(" ", strip=True).split()[0] for a in cells[1].find_all("a")]
        assert targets == task["maps_to"], task["number"]
    reached = {number for task in mls for number in task["maps_to"]}
    new_heading = article.find(id="new-in-mla-c01")
    listed = [a.get_text(" ", strip=True).split()[0] for a in new_heading.find_next("ul").find_all("a")] \
        if new_heading.find_next_sibling().name == "ul" else []
    assert listed == [task["number"] for task in mla if task["number"] not in reached]


def test_retired_exam_page_says_so_and_names_its_successor(page):
    article = page("exams/mls-c01/")
    warning = article.select_one(".admonition.warning")
    assert "Retired on 2026-03-31" in warning.get_text()
    assert warning.find("a", href=re.compile(r"mla-c01/$")) is not None


def test_exams_overview_shows_the_exams_side_by_side(page):
    rows = {row.find("td").get_text(strip=True): [c.get_text(" ", strip=True) for c in row.find_all("td")[1:]]
            for row in page("exams/").find("table").find_all("tr")[1:]}
    # active first, then retired, by code within each
    order = sorted(EXAMS, key=lambda e: (EXAMS[e]["status"]["state"] != "active", EXAMS[e]["code"]))
    def marked(e: str, field: str) -> str:  # a value read only in a secondary source says so
        return " (from a secondary source)" if field in {s["field"] for s in EXAMS[e].get("secondary_facts", [])} else ""
    assert rows["Duration"] == [
        f"{EXAMS[e]['duration_minutes']} minutes{marked(e, 'duration_minutes')}" if "duration_minutes" in EXAMS[e] else "not verified yet"
        for e in order]
    retired = order.index("mls-c01")
    assert rows["Passing score"][retired].startswith(str(EXAMS["mls-c01"]["scoring"]["passing"]))
    assert "Retired 2026-03-31" in rows["Status"][retired] and "Retired" not in rows["Status"][order.index("mla-c01")]
    assert "Beta ME1-C02" in rows["Status"][order.index("mla-c02")] and "Beta" not in rows["Status"][order.index("mla-c01")]
    # an exam offered in some languages only says which and until when (from status.offered_in)
    for exam_id, data in EXAMS.items():
        offered = data["status"].get("offered_in")
        cell = rows["Status"][order.index(exam_id)]
        if offered:
            languages = offered["languages"]
            assert f"offered in {', '.join(languages[:-1])} and {languages[-1]} only" in cell, exam_id
            assert f"until {EXAMS[offered['until_available']]['code']} is generally available" in cell, exam_id
        else:
            assert "offered in" not in cell, exam_id
    assert EXAMS["mla-c01"]["status"]["offered_in"]["until_available"] == "mla-c02"


def test_an_unconfirmed_general_availability_date_carries_its_caveat_wherever_it_is_shown(site, page):
    """MLA-C02's planned date is not verified: every page naming it says AWS has not confirmed it."""
    unconfirmed = {e: d["status"]["general_availability"] for e, d in EXAMS.items()
                   if d["status"].get("general_availability") and not d["status"]["general_availability"]["verified"]}
    assert unconfirmed, "a planned date that is not verified (else this test needs new data)"
    for exam_id, ga in unconfirmed.items():
        planned = f"planned for {ga['planned']}"
        shown = []
        for path in sorted(site.rglob("*.html")):
            if "print_page" in path.parts:
                continue
            text = flat(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find("article").get_text()) \
                if "<article" in path.read_text(encoding="utf-8") else ""
            for found in re.finditer(re.escape(planned), text):
                shown.append(path)
                after = text[found.end():found.end() + 120]
                quoted = text[max(0, found.start() - 20):found.start()].endswith('recorded "')  # the note quoting its source
                assert quoted or after.startswith(", not confirmed by AWS"), f"{path}: {text[found.start() - 40:found.end() + 60]}"
        pages = {p.parent.name for p in shown}
        assert {exam_id, "exams"} | {e for e, d in EXAMS.items() if (d["status"].get("offered_in") or {}).get("until_available") == exam_id} <= pages


def test_mla_only_topics_each_have_a_page(page):
    topics = {
        "mlops/ci-cd-and-iac/": ["CodePipeline", "CodeBuild", "CloudFormation", "CDK", "SageMaker Pipelines"],
        "mlops/model-registry-and-versioning/": ["Model Registry"],
        "mlops/drift-monitoring/": ["drift", "Model Monitor"],
        "mlops/cost-optimisation/": ["Spot", "Savings Plans"],
        "mlops/bedrock-and-jumpstart/": ["Bedrock", "JumpStart"],
    }
    for url, words in topics.items():
        text = page(url).get_text(" ", strip=True)
        for word in words:
            assert word in text, (url, word)


# --- a page without a mapping, or with a wrong one, fails the build -------------------------


def _project_with_page(tmp_path, text: str, data_files: dict[str, str] | None = None):
    import os
    import shutil

    project = tmp_path / "project"
    make_data_dir(project, data_files)
    os.symlink(ROOT / "macros", project / "macros")
    os.symlink(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    (project / "docs" / "index.md").write_text(text)
    config = mkdocs_config()
    config["nav"] = ["index.md"]
    config.pop("extra_css", None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return run_build(project / "mkdocs.yml", project / "site", {"KB_DATA_DIR": ""})


def test_a_page_without_an_exam_mapping_fails_the_build(tmp_path):
    result = _project_with_page(tmp_path, "# No mapping\n")
    assert result.returncode != 0
    assert "docs/index.md: front matter: no exam mapping" in result.stderr


def test_a_page_naming_an_unknown_task_fails_the_build(tmp_path):
    result = _project_with_page(tmp_path, "---\nexam_tasks:\n  omega-exam: ['9.9']\n  psi-exam: []\n---\n# Bad task\n")
    assert result.returncode != 0
    assert "docs/index.md: exam_tasks.omega-exam[0]: no such task in omega-exam" in result.stderr
    assert "(value: '9.9')" in result.stderr


def test_a_page_leaving_out_an_exam_fails_the_build(tmp_path):
    result = _project_with_page(tmp_path, "---\nexam_tasks:\n  omega-exam: ['1.1']\n---\n# Missing exam\n")
    assert result.returncode != 0
    assert "docs/index.md: exam_tasks.psi-exam: missing exam" in result.stderr


def test_home_and_exams_index_name_the_beta_and_dates_from_the_data(page):
    """The "Which exam?" prose takes the beta code, its start and MLS-C01's retirement from the
    exam files (exam_fact), so a new date is one edit in data/exams/."""
    beta, retired = EXAMS["mla-c02"]["status"]["beta"], EXAMS["mls-c01"]["status"]["date"]
    for url in ("", "exams/"):
        text = flat(page(url).get_text())
        assert f"since {beta['started']}" in text and beta["code"] in text, url
        assert f"retired on {retired}" in text, url


def test_exam_fact_names_the_file_and_field_it_cannot_show(tmp_path):
    from macros.render import MACROS, PageContext
    from macros.validate import load_valid_catalog

    context = PageContext(load_valid_catalog(make_data_dir(tmp_path, {})), "index.md")
    assert MACROS["exam_fact"](context, "omega-exam", "code") == yaml.safe_load(
        (ROOT / "tests" / "fixtures" / "data" / "exams" / "omega-exam.yaml").read_text(encoding="utf-8"))["code"]
    with pytest.raises(ValueError, match=r"data/exams/omega-exam.yaml has no 'status.nothing' \(missing at 'nothing'\)"):
        MACROS["exam_fact"](context, "omega-exam", "status.nothing")
    with pytest.raises(ValueError, match=r"'domains' of data/exams/omega-exam.yaml is not a single value"):
        MACROS["exam_fact"](context, "omega-exam", "domains")
