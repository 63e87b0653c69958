"""`make bench`: how long the strict build takes, how much memory it needs, and what the
macros plugin costs (the same build with the plugin removed).

Prints medians over several runs; nothing is asserted (targets are reported, not enforced).
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs_config import load_mkdocs_config

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def timed_build(config: Path, site_dir: Path, strict: bool) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one `mkdocs build` process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def macros_hook_seconds(site_dir: Path) -> tuple[float, float]:
    """Build once in this process, timing every hook of the macros plugin: (hooks, whole build).

    This isolates what the plugin itself costs (loading and validating data, rendering macro
    calls), apart from converting the larger Markdown those calls produce.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs_macros.plugin import MacrosPlugin

    spent = [0.0]

    def timed(hook):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return hook(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
        return wrapper

    for name in [n for n in vars(MacrosPlugin) if n.startswith("on_")]:
        setattr(MacrosPlugin, name, timed(getattr(MacrosPlugin, name)))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    start = time.perf_counter()
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
    return spent[0], time.perf_counter() - start


def pdf_time(site_dir: Path, out_dir: Path) -> float:
    """Seconds for tools/pdf.py to print both PDFs from an already built site."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "tools" / "pdf.py"), str(site_dir), str(out_dir)],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def search_latency(site_dir: Path) -> tuple[float, float, int]:
    """Type every query of the relevance suite into the real search box; median and p95 ms."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright
    from search.browser_search import SearchBox, latency_summary, launch, serve

    queries = [q["query"] for q in yaml.safe_load((ROOT / "tests/search/queries.yaml").read_text())["queries"]]
    with serve(site_dir) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        box = SearchBox(browser, url)
        samples = [box.query(query)[1] for query in queries]
        browser.close()
    return (*latency_summary(samples), len(queries))


def config_without_macros(work: Path) -> Path:
    config = load_mkdocs_config(ROOT / "mkdocs.yml")
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    config["docs_dir"] = str(ROOT / "docs")  # paths relative to mkdocs.yml become absolute
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "print-site" in plugin:
            options = plugin["print-site"]
            options["cover_page_template"] = str(ROOT / options["cover_page_template"])
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks", [])]
    config.pop("watch", None)  # only used by `mkdocs serve`
    config["strict"] = False  # pages keep their raw {{ }} calls and so lose their links
    path = work / "mkdocs-without-macros.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def measure(config: Path, work: Path, strict: bool) -> tuple[float, float]:
    runs = [timed_build(config, work / f"site-{i}", strict) for i in range(RUNS)]
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        with_seconds, with_memory = measure(ROOT / "mkdocs.yml", work, strict=True)
        site = work / "site-0"
        pages = len(list(site.rglob("*.html")))
        size_kib = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024
        index_bytes = (site / "search" / "search_index.json").read_bytes()
        index_kib, index_gz_kib = len(index_bytes) / 1024, len(gzip.compress(index_bytes, 9)) / 1024
        median_ms, p95_ms, queries = search_latency(site)
        pdf_seconds = pdf_time(site, work / "pdf")
        (work / "plain").mkdir()
        without_seconds, _ = measure(config_without_macros(work), work / "plain", strict=False)
        hooks, in_process = macros_hook_seconds(work / "in-process")
    share = (with_seconds - without_seconds) / with_seconds
    print(f"strict build (median of {RUNS}): {with_seconds:.2f} s wall, peak memory {with_memory:.0f} MiB  [target: < 5 s]")
    print(f"same build without the macros plugin: {without_seconds:.2f} s "
          f"-> with/without ratio {with_seconds / without_seconds:.2f}, difference {share:.1%} of the build")
    print("  (the difference includes converting the tables the macros generate, which pages without")
    print("   macros simply lack)")
    print(f"time inside the macros plugin's hooks: {hooks:.2f} s of a {in_process:.2f} s build = "
          f"{hooks / in_process:.1%}  [target: < 10%]")
    print(f"site: {pages} HTML pages, {size_kib:.0f} KiB in all")
    print(f"search index: {index_kib:.0f} KiB, {index_gz_kib:.0f} KiB gzipped  [target: < 1.5 MB gzipped]")
    print(f"PDFs (whole site and cheat sheet) printed from the built site in {pdf_seconds:.1f} s  [target: < 60 s]")
    print(f"search in Chromium, {queries} queries: keystroke to settled results median {median_ms:.0f} ms, "
          f"p95 {p95_ms:.0f} ms  [target: median < 100 ms]")


if __name__ == "__main__":
    main()
