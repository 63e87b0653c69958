"""The contribution workflow: GitHub workflows, Dependabot, templates and lint settings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]


def load(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # keeps "on" a string key


def test_workflows_are_valid_against_githubs_schema():
    result = subprocess.run([*CHECK, *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: broken\non: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps: nope\n")
    result = subprocess.run([*CHECK, str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode != 0


def test_every_action_is_pinned_to_a_commit():
    for path in WORKFLOWS:
        for uses in re.findall(r"uses:\s*(\S+)", path.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses}"


def test_every_job_is_least_privilege_and_time_limited():
    for path in WORKFLOWS:
        workflow = load(path)
        assert "permissions" in workflow, path.name
        for name, job in workflow["jobs"].items():
            assert "timeout-minutes" in job, f"{path.name}: {name}"
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert ci["concurrency"]["cancel-in-progress"] == "true"
    assert ci["permissions"] == {"contents": "read"}


def test_external_link_check_never_runs_on_pull_requests_or_forks():
    links = load(ROOT / ".github" / "workflows" / "links.yml")
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    assert "fork == false" in links["jobs"]["links"]["if"]


def test_dependabot_watches_pip_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "github-actions"}


def test_issue_form_for_wrong_facts_asks_for_page_claim_value_and_source():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-fact.yml").read_text())
    assert [field["id"] for field in form["body"]] == ["page", "claim", "correct", "source"]


def test_pull_request_template_has_the_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text().lower()
    for item in ("source url", "last_verified", "make test"):
        assert item in text
