"""Search relevance: every query in queries.yaml must find an acceptable page near the top.

Run twice: fast, from Python, against site/search/kb_index.json with the site's own engine
(docs/assets/search/engine.js) run under node (kb_search.py); and for real, typing into the
search box in Chromium. The two must agree on the top results. Figures per category and
overall, and every miss, are printed after the test run (pytest's terminal summary).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPORT

from search.kb_search import KBSearch
from tools.browser import SearchBox, latency_summary

QUERIES = yaml.safe_load((Path(__file__).parent / "queries.yaml").read_text(encoding="utf-8"))["queries"]

# Targets of issue #16: share of queries with an acceptable page first (top-1) and among the
# first three results (top-3), over the whole suite and in every category on its own.
OVERALL_TOP1_TARGET, OVERALL_TOP3_TARGET = 0.90, 0.97
CATEGORY_TOP1_TARGET, CATEGORY_TOP3_TARGET = 0.80, 0.90
MIN_QUERIES = 300
# Every category with the fewest queries it may hold (intent, typo and vs from issue #16).
MIN_PER_CATEGORY = {
    "identifier": 20,      # hyperparameters, instance types, API operations and fields
    "mime": 8,             # MIME types
    "concept": 30,         # ML concepts, techniques, metrics
    "name": 40,            # services, features, algorithms by name or abbreviation
    "intent": 60,          # a need in plain words, from the exam guides' skill statements
    "typo": 40,            # misspellings, British/American spellings, spacing and hyphens
    "vs": 20,              # "X vs Y", "X versus Y", "difference between X and Y"
    "former-name": 8,      # names a service had before it was renamed
}
NOTHING = "qqzzxxkv"  # matches no page


@dataclass(frozen=True)
class Share:
    """How many of `total` queries had an acceptable page first and in the top 3."""

    total: int
    top1: int
    top3: int

    @property
    def top1_share(self) -> float:
        return self.top1 / self.total

    @property
    def top3_share(self) -> float:
        return self.top3 / self.total

    def __str__(self) -> str:
        return f"top-1 {self.top1_share:.1%}, top-3 {self.top3_share:.1%} ({self.total} queries)"


@dataclass(frozen=True)
class Scores:
    overall: Share
    by_category: dict[str, Share]
    misses: list[str]

    def shortfalls(self) -> list[str]:
        """One line for every target not met, naming the category (or 'overall')."""
        lines = []
        checks = [("overall", self.overall, OVERALL_TOP1_TARGET, OVERALL_TOP3_TARGET)] + [
            (f"category {name!r}", share, CATEGORY_TOP1_TARGET, CATEGORY_TOP3_TARGET)
            for name, share in sorted(self.by_category.items())
        ]
        for label, share, top1_target, top3_target in checks:
            if share.top1_share < top1_target:
                lines.append(f"{label}: top-1 {share.top1_share:.1%} below target {top1_target:.0%}")
            if share.top3_share < top3_target:
                lines.append(f"{label}: top-3 {share.top3_share:.1%} below target {top3_target:.0%}")
        return lines

    def report(self, label: str) -> list[str]:
        return [
            f"{label}: overall {self.overall} "
            f"(targets overall {OVERALL_TOP1_TARGET:.0%} / {OVERALL_TOP3_TARGET:.0%}, "
            f"each category {CATEGORY_TOP1_TARGET:.0%} / {CATEGORY_TOP3_TARGET:.0%})",
            *(f"  {name:<12} {share}" for name, share in sorted(self.by_category.items())),
        ]


def rank(results: list[str], acceptable: list[str]) -> int | None:
    """1-based position of the first acceptable page, or None."""
    return next((index + 1 for index, page in enumerate(results) if page in acceptable), None)


def score(queries: list[dict], results_by_query: dict[str, list[str]]) -> Scores:
    ranks = {q["query"]: rank(results_by_query[q["query"]], q["expect"]) for q in queries}

    def share(subset: list[dict]) -> Share:
        found = [ranks[q["query"]] for q in subset]
        return Share(len(found), sum(r == 1 for r in found), sum(r is not None and r <= 3 for r in found))

    grouped: dict[str, list[dict]] = defaultdict(list)
    for q in queries:
        grouped[q["category"]].append(q)
    misses = [
        f"  {'not found' if ranks[q['query']] is None else 'rank ' + str(ranks[q['query']]):>9}  "
        f"[{q['category']}] {q['query']!r}: got {results_by_query[q['query']][:3]}, want one of {q['expect']}"
        for q in queries if ranks[q["query"]] != 1
    ]
    return Scores(share(queries), {name: share(subset) for name, subset in grouped.items()}, misses)


@pytest.fixture(scope="module")
def python_results(site) -> dict[str, list[str]]:
    engine = KBSearch.from_site(site)
    return {q["query"]: engine.search(q["query"]) for q in QUERIES}


def test_queries_file_is_well_formed(site):
    assert len(QUERIES) >= MIN_QUERIES, f"{len(QUERIES)} queries, want at least {MIN_QUERIES}"
    texts = [" ".join(q["query"].lower().split()) for q in QUERIES]
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    assert duplicates == [], f"duplicate queries: {duplicates}"
    counts: dict[str, int] = defaultdict(int)
    for q in QUERIES:
        assert set(q) == {"query", "category", "expect"}, f"{q}: want exactly query, category, expect"
        assert q["category"] in MIN_PER_CATEGORY, f"{q['query']!r}: unknown category {q['category']!r}"
        assert q["expect"], f"{q['query']!r}: expects no page"
        counts[q["category"]] += 1
        for page in q["expect"]:
            assert (site / page / "index.html").exists(), f"{q['query']!r} expects a page that does not exist: {page}"
    too_few = {name: counts[name] for name, minimum in MIN_PER_CATEGORY.items() if counts[name] < minimum}
    assert too_few == {}, f"categories below their minimum {MIN_PER_CATEGORY}: {too_few}"


def test_relevance_targets_in_python(python_results):
    scores = score(QUERIES, python_results)
    REPORT.extend(scores.report("Python reproduction"))
    REPORT.extend(scores.misses)
    assert scores.shortfalls() == [], "\n".join(scores.shortfalls() + scores.misses)


def test_browser_search_agrees_and_meets_targets(python_results, served_site, browser):
    box = SearchBox(browser, served_site)
    browser_results, latencies = {}, []
    for q in QUERIES:
        browser_results[q["query"]], ms = box.query(q["query"])
        latencies.append(ms)
    disagreements = [
        f"  {q['query']!r}: browser {browser_results[q['query']][:3]} vs python {python_results[q['query']][:3]}"
        for q in QUERIES if browser_results[q["query"]][:3] != python_results[q["query"]][:3]
    ]
    scores = score(QUERIES, browser_results)
    median, p95 = latency_summary(latencies)
    REPORT.extend(scores.report("Chromium"))
    REPORT.append(f"Chromium keystroke to settled results: median {median:.0f} ms, p95 {p95:.0f} ms "
                  "(target: median < 100 ms)")
    REPORT.extend(disagreements)
    assert disagreements == [], "\n".join(disagreements)
    assert scores.shortfalls() == [], "\n".join(scores.shortfalls() + scores.misses)


def test_a_query_matching_nothing_returns_nothing_in_python(site):
    assert KBSearch.from_site(site).search(NOTHING) == []


def test_a_query_matching_nothing_returns_nothing_in_chromium(served_site, browser):
    results, _ = SearchBox(browser, served_site).query(NOTHING)
    assert results == []


def test_scoring_names_each_category_below_its_target():
    """Synthetic table, no build: 'vs' misses its top-3 target and 'typo' its top-1 target;
    the failure lines name those categories and no others (and the overall shortfall)."""
    queries = (
        [{"query": f"name {i}", "category": "name", "expect": ["a/"]} for i in range(10)]
        + [{"query": f"vs {i}", "category": "vs", "expect": ["a/"]} for i in range(10)]
        + [{"query": f"typo {i}", "category": "typo", "expect": ["a/"]} for i in range(10)]
    )
    results = {q["query"]: ["a/", "b/"] for q in queries}
    for i in range(2):  # vs: 8/10 in the top 3 (target 90%), all of them first
        results[f"vs {i}"] = ["b/", "c/", "d/", "a/"]
    for i in range(3):  # typo: 7/10 first (target 80%), all in the top 3
        results[f"typo {i}"] = ["b/", "a/"]
    scores = score(queries, results)

    assert scores.by_category["name"] == Share(10, 10, 10)
    assert scores.by_category["vs"] == Share(10, 8, 8)
    assert scores.by_category["typo"] == Share(10, 7, 10)
    shortfalls = scores.shortfalls()
    assert any(line.startswith("category 'vs': top-3 80.0%") for line in shortfalls), shortfalls
    assert any(line.startswith("category 'typo': top-1 70.0%") for line in shortfalls), shortfalls
    assert not any("'name'" in line for line in shortfalls), shortfalls
    assert not any(line.startswith("category 'typo': top-3") for line in shortfalls), shortfalls
    # overall: 25/30 first (83%, below 90%), 28/30 in the top 3 (93%, below 97%)
    assert "overall: top-1 83.3% below target 90%" in shortfalls
    assert "overall: top-3 93.3% below target 97%" in shortfalls
    assert len(shortfalls) == 4, shortfalls  # vs top-1 at 80% meets its 80% target
    # a table that meets every target has no shortfall
    assert score(queries[:10], results).shortfalls() == []
