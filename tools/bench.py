"""`make bench`: every figure of issue 13 with its target, as one table.

    python tools/bench.py                 (a) build, (c) serve loop, (d) PDFs, (e) memory, page weight
    python tools/bench.py --scale 2       ... and (b): the build with every data item copied once more
    python tools/bench.py --tests         ... and (f): `make test` and `make test-fast` wall time
    python tools/bench.py --only build    one figure (build, scale, serve, pdf, tests), for A/B runs
    python tools/bench.py --only search   search index, first-load weight and latency at 1x, and at 2x
                                          with the index doubled (--scale measures a scaled build)

Timings are medians of BENCH_RUNS runs (3 by default), each in its own process; the
machine's load is printed beside them, because a shared machine makes every figure noisy.
Nothing is asserted: the targets are reported, not enforced (the tests never time anything).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.html
import yaml
from browser import fetch, wait_for_text, wait_until  # tools/browser.py (this script's folder)

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MIB = 1024 * 1024


# --- (a), (b), (e): the strict build -------------------------------------------------------

def timed_build(project: Path, site_dir: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one `mkdocs build --strict` process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=ENV, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build of {project} failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def builds(project: Path, work: Path, label: str) -> tuple[list[float], float, Path]:
    runs = [timed_build(project, work / f"{label}-{i}") for i in range(RUNS)]
    return [s for s, _ in runs], max(m for _, m in runs), work / f"{label}-0"


def page_sizes(site: Path) -> dict[str, int]:
    """DOM elements of every page (as document.querySelectorAll('*').length counts them)."""
    sizes = {}
    for path in site.rglob("index.html"):
        if path.relative_to(site).parts[:1] == ("search",):
            continue
        root = lxml.html.parse(str(path)).getroot()
        sizes[path.parent.relative_to(site).as_posix()] = sum(1 for e in root.iter() if isinstance(e.tag, str))
    return sizes


# --- (b): a synthetic catalogue at `factor` times the size ---------------------------------

SKIP_KINDS = {"schemas", "vocab", "exams"}  # exams: every item must map to every exam
TITLE_KEYS = ("name", "short_name", "title", "term", "claim", "question")


def copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "dist", "__pycache__", ".pytest_cache", "node_modules")
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    return target


def scaled_project(target: Path, factor: int) -> tuple[Path, int]:
    """A copy of the project in which every data item exists `factor` times: item `x` gains
    copies `x-copy2` ... with " N" added to its title. Returns (project, items copied).

    Pages and navigation for the copies: where pages are generated from the data at build
    time nothing else is needed; otherwise each item's page in docs/ is copied with the id in
    its macro calls replaced, and `tools/nav.py` regenerates the navigation."""
    project = copy_project(target)
    data, docs = project / "data", project / "docs"
    copied = 0
    for kind_dir in sorted(p for p in data.iterdir() if p.is_dir() and p.name not in SKIP_KINDS):
        for path in sorted(kind_dir.glob("*.yaml")):
            if path.name.startswith("_"):
                continue
            item = yaml.safe_load(path.read_text(encoding="utf-8"))
            for n in range(2, factor + 1):
                copy = {k: (f"{v} {n}" if k in TITLE_KEYS and isinstance(v, str) else v) for k, v in item.items()}
                (kind_dir / f"{path.stem}-copy{n}.yaml").write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False), encoding="utf-8")
                copied += 1
                for page in docs.rglob(f"{path.stem}.md"):
                    text = page.read_text(encoding="utf-8").replace(f'("{path.stem}")', f'("{path.stem}-copy{n}")')
                    page.with_name(f"{path.stem}-copy{n}.md").write_text(text, encoding="utf-8")
    glossary = data / "glossary.yaml"
    if glossary.exists():  # one file of entries: each entry followed by its copies (order kept)
        document = yaml.safe_load(glossary.read_text(encoding="utf-8"))
        terms = []
        for entry in document["terms"]:
            terms.append(entry)
            for n in range(2, factor + 1):
                terms.append({**entry, "id": f"{entry['id']}-copy{n}", "term": f"{entry['term']} {n}"})
                copied += 1
        document["terms"] = terms
        glossary.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    nav_tool = project / "tools" / "nav.py"
    if nav_tool.exists() and "# nav:" in (project / "mkdocs.yml").read_text(encoding="utf-8"):
        subprocess.run([sys.executable, str(nav_tool)], cwd=project, env=ENV, check=True)
    return project, copied


# --- (c): the serve loop ---------------------------------------------------------------------

EDIT_FILE, EDIT_PAGE = "data/algorithms/xgboost.yaml", "algorithms/xgboost/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_loop(project: Path) -> list[float]:
    """`make serve` in a copy of the project; for each run, change one value in one YAML file
    and time from the save until the served page shows the new value."""
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(["make", "serve", f"ADDR={address}"], cwd=project, env=ENV, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    url, path = f"http://{address}/{EDIT_PAGE}", project / EDIT_FILE
    original = path.read_text(encoding="utf-8")
    # the summary is shown at the top of the page: append a marker word to its first line
    summary = re.search(r"^summary: (?:>-\n +)?(.+)$", original, re.MULTILINE)
    assert summary, f"{EDIT_FILE} has no summary to edit"
    samples = []
    try:
        try:
            wait_until(lambda: fetch(url) is not None, 180, interval=0.5)
        except TimeoutError:
            sys.exit("make serve did not answer within 180 s")
        for run in range(RUNS):
            marker = f"benchmark{run}marker"
            time.sleep(2)  # let the watcher settle after the previous rebuild
            start = time.perf_counter()
            edited = original[:summary.end(1)] + f" {marker}" + original[summary.end(1):]
            path.write_text(edited, encoding="utf-8")
            try:
                wait_for_text(url, marker, 120, interval=0.05)
            except TimeoutError:
                sys.exit("the served page did not change within 120 s")
            samples.append(time.perf_counter() - start)
    finally:
        path.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return samples


# --- (d): both PDFs ------------------------------------------------------------------------

def pdf_runs() -> list[float]:
    """`make pdf` (its build and the printing), in a copy so that dist/ is left alone."""
    samples = []
    with tempfile.TemporaryDirectory() as temp:
        project = copy_project(Path(temp) / "project")
        (project / ".venv").symlink_to(ROOT / ".venv")
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(["make", "pdf"], cwd=project, env=ENV, check=True, stdout=subprocess.DEVNULL)
            samples.append(time.perf_counter() - start)
    return samples


def search_latency(site_dir: Path) -> tuple[float, float, int]:
    """Type every query of the relevance suite into the real search box; median and p95 ms."""
    from browser import SearchBox, latency_summary, launch, serve
    from playwright.sync_api import sync_playwright

    queries = [q["query"] for q in yaml.safe_load((ROOT / "tests/search/queries.yaml").read_text())["queries"]]
    with serve(site_dir) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        box = SearchBox(browser, url)
        samples = [box.query(query)[1] for query in queries]
        browser.close()
    return (*latency_summary(samples), len(queries))


# --- search (issue 16): index size, first-load weight, latency ---------------------------------

FIRST_LOAD_PAGES = {"home": "", "algorithm": "algorithms/xgboost/", "service": "services/streaming/kinesis-data-streams/"}


def first_load_kib(site_dir: Path) -> dict[str, float]:
    """KiB of a first visit to each page of FIRST_LOAD_PAGES (gzip level 6 per response, as a
    server would send them), search not opened."""
    from browser import launch, serve
    from playwright.sync_api import sync_playwright

    weights = {}
    with serve(site_dir) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for name, path in FIRST_LOAD_PAGES.items():
            context = browser.new_context()
            bodies: list[bytes] = []
            context.on("requestfinished", lambda request, bodies=bodies: bodies.append(request.response().body()))
            page = context.new_page()
            page.goto(url + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            weights[name] = sum(len(gzip.compress(body, 6)) for body in bodies) / 1024
            context.close()
        browser.close()
    return weights


def doubled_index_site(site_dir: Path, target: Path, factor: int) -> Path:
    """A copy of the built site whose search index holds every document `factor` times (the
    copies under copy-N/ locations): the engine's load at `factor` times today's content,
    without the scaled build."""
    import json

    shutil.copytree(site_dir, target)
    path = target / "search" / "kb_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index["docs"] + [dict(doc, location=f"copy-{n}/{doc['location']}") for n in range(2, factor + 1) for doc in index["docs"]]
    path.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target


def search_rows(site_dir: Path, label: str, browser: bool) -> list[tuple[str, str, str]]:
    """The search figures of one build: the index (loaded when search first opens), and with a
    browser the first-load weight of three pages and keystroke-to-results latency."""
    index = (site_dir / "search" / "kb_index.json").read_bytes()
    rows = [(f"search index at {label} (loaded on first search), raw / gzipped",
             f"{len(index) / 1024:.0f} KiB / {len(gzip.compress(index, 9)) / 1024:.0f} KiB", "<= 1.5 MB gzipped")]
    if browser:
        weights = first_load_kib(site_dir)
        rows.append((f"first load at {label}: " + ", ".join(weights), " / ".join(f"{kib:.0f} KiB" for kib in weights.values()), "<= 250 KB each"))
        start = time.perf_counter()
        median_ms, p95_ms, queries = search_latency(site_dir)
        rows.append((f"search in Chromium at {label}, {queries} queries: keystroke to settled results",
                     f"median {median_ms:.0f} ms, p95 {p95_ms:.0f} ms", "median <= 30 ms, p95 <= 100 ms"))
        rows.append((f"  (whole run at {label}, opening search and building the index included)", f"{time.perf_counter() - start:.0f} s", ""))
    return rows


# --- (f): the test suite ---------------------------------------------------------------------

def suite_seconds(target: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(["make", target], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"make {target} failed:\n{result.stdout[-4000:]}")
    return seconds


# --- report ----------------------------------------------------------------------------------

def cell(samples: list[float]) -> str:
    spread = f" ({min(samples):.1f}-{max(samples):.1f})" if len(samples) > 1 else ""
    return f"{statistics.median(samples):.1f} s{spread}"


def table(rows: list[tuple[str, str, str]]) -> str:
    rows = [("What", "Measured", "Target"), *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["| " + " | ".join(value.ljust(widths[i]) for i, value in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


class Rows(list):
    """The table's rows, each also printed as soon as it is measured (a long run that fails
    late keeps what it measured)."""

    def append(self, row: tuple[str, str, str]) -> None:
        print(f"  {row[0]}: {row[1]}  [target {row[2] or '-'}]", file=sys.stderr, flush=True)
        super().append(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1, help="also build a catalogue this many times the size (b)")
    parser.add_argument("--tests", action="store_true", help="also time make test and make test-fast (f)")
    parser.add_argument("--only", choices=["build", "scale", "serve", "pdf", "tests", "search"], help="measure one figure")
    args = parser.parse_args()
    wanted = {args.only} if args.only else {"build", "serve", "pdf"} | ({"scale"} if args.scale > 1 else set()) | ({"tests"} if args.tests else set())
    if "search" in wanted:  # the search figures at 1x and (index doubled) 2x, with a browser
        wanted.add("build")
    if "scale" in wanted:
        wanted.add("build")
        args.scale = max(args.scale, 2)
    rows = Rows()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        if "build" in wanted:
            seconds, memory, site = builds(ROOT, work, "site")
            pages = len(list(site.rglob("*.html")))
            rows.append((f"(a) strict build, {pages} pages, median of {RUNS}", cell(seconds), "<= 5 s"))
            if "scale" in wanted:
                project, copied = scaled_project(work / "scaled", args.scale)
                scaled, scaled_memory, scaled_site = builds(project, work, "scaled-site")
                scaled_pages = len(list(scaled_site.rglob("*.html")))
                ratio = statistics.median(scaled) / statistics.median(seconds)
                rows.append((f"(b) the same at {args.scale}x ({copied} items copied, {scaled_pages} pages)", cell(scaled), f"<= {2.1 * statistics.median(seconds):.1f} s"))
                rows.append(("(b)/(a)", f"{ratio:.2f}", f"<= {args.scale * 1.05:.2f} (linear)"))
            rows.append(("(e) peak memory of the build", f"{memory:.0f} MiB", "<= 300 MiB"))
            if "scale" in wanted:
                rows.append((f"(e) peak memory at {args.scale}x", f"{scaled_memory:.0f} MiB", "(linear)"))
            sizes = page_sizes(site)
            excepted = {"print_page", "cheat-sheet"}
            largest = max((n, name) for name, n in sizes.items() if name not in excepted)
            rows.append(("DOM elements per page: median", f"{statistics.median(sizes.values()):.0f}", "<= 800"))
            rows.append((f"DOM elements: largest ({largest[1]})", str(largest[0]), "<= 1500 (print page, cheat sheet excepted)"))
            over = sorted(name for name, n in sizes.items() if n > 1500 and name not in excepted)
            if over:
                rows.append(("  pages over 1500", ", ".join(over), ""))
            html_mib = sum(p.stat().st_size for p in site.rglob("*.html")) / MIB
            rows.append(("HTML of the whole site", f"{html_mib:.1f} MiB", ""))
            for row in search_rows(site, "1x", browser=bool({"pdf", "search"} & wanted)):  # a browser is at hand
                rows.append(row)
            if "scale" in wanted:
                for row in search_rows(scaled_site, f"{args.scale}x", browser=bool({"pdf", "search"} & wanted)):
                    rows.append(row)
            elif "search" in wanted:
                doubled = doubled_index_site(site, work / "doubled-site", max(args.scale, 2))
                for row in search_rows(doubled, f"{max(args.scale, 2)}x (index doubled)", browser=True):
                    rows.append(row)
        if "serve" in wanted:
            project = copy_project(work / "serve")
            (project / ".venv").symlink_to(ROOT / ".venv")
            rows.append((f"(c) make serve: save of one value in {EDIT_FILE} -> page shows it", cell(serve_loop(project)), "<= 3 s"))
        if "pdf" in wanted:
            rows.append(("(d) make pdf, both PDFs (build + printing)", cell(pdf_runs()), "<= 30 s"))
        if "tests" in wanted:
            rows.append(("(f) make test-fast, wall (one run)", f"{suite_seconds('test-fast'):.0f} s", "<= 45 s"))
            rows.append(("(f) make test, wall (one run)", f"{suite_seconds('test'):.0f} s", "<= 300 s"))
    load_after = os.getloadavg()[0]
    print(table(rows))
    print(f"\n{os.cpu_count()} cores; load average {load_before:.1f} before, {load_after:.1f} after "
          "(other work on the machine slows every figure; compare runs made under the same load).")


if __name__ == "__main__":
    main()
