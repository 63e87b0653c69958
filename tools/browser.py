"""Drive Material's real search box in headless Chromium (Debian's /usr/bin/chromium).

Used by the browser tests (as tools.browser), by `make bench` (latency) and `make pdf` (serve
and launch). Results are read from the rendered result list, exactly as a learner sees them.
`fetch`, `wait_until` and `wait_for_text` wait for `make serve` to show an edit (make bench's
serve figure and tests/test_serve.py share them).
"""

from __future__ import annotations

import functools
import http.server
import os
import statistics
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

# Debian's Chromium by default; CHROMIUM points elsewhere (GitHub's runners ship Google Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
# As root Chromium needs --no-sandbox; the rest stop it calling Google services, which this
# machine and CI cannot reach (and a test must not try to).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
]

# Runs in the page: type the query, then resolve once the result list has been quiet for
# `quiet` ms (or after `limit` ms). Returns the result links and the keystroke-to-settled time.
SEARCH_SCRIPT = """
async ([query, quiet, limit]) => {
  const input = document.querySelector("input.md-search__input")
  const list = document.querySelector(".md-search-result__list")
  const meta = document.querySelector(".md-search-result__meta")
  let last = performance.now()
  const observer = new MutationObserver(() => { last = performance.now() })
  observer.observe(list, { childList: true, subtree: true, characterData: true })
  observer.observe(meta, { childList: true, subtree: true, characterData: true })
  input.focus()
  input.value = query
  const start = performance.now()
  input.dispatchEvent(new Event("input", { bubbles: true }))
  input.dispatchEvent(new KeyboardEvent("keyup", { key: query.slice(-1), bubbles: true }))
  last = start
  await new Promise(resolve => {
    const check = () => {
      const now = performance.now()
      if ((last > start && now - last >= quiet) || now - start >= limit) resolve()
      else setTimeout(check, 10)
    }
    setTimeout(check, 10)
  })
  observer.disconnect()
  // One item per page: its first link is the page itself, the others its sections.
  const links = [...document.querySelectorAll(".md-search-result__item")]
    .map(item => item.querySelector(".md-search-result__link").getAttribute("href"))
  return { links, ms: last - start, meta: meta.textContent }
}
"""


@contextmanager
def serve(site_dir: Path):
    """Serve the built site on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class SearchBox:
    """One page with the search index loaded, ready to take queries."""

    def __init__(self, browser, base_url: str, ready_ms: int = 60000):
        self.base_url = base_url
        self.page = browser.new_page()
        self.page.goto(base_url)
        self.page.wait_for_selector("input.md-search__input", state="attached")
        # The index loads when search is first focused (docs/assets/search/loader.js), and the
        # worker builds it then: the first query waits for its results.
        self.query("xgboost", quiet=300, limit=ready_ms)
        self.page.wait_for_selector(".md-search-result__item", state="attached", timeout=ready_ms)

    def query(self, text: str, quiet: int = 150, limit: int = 5000) -> tuple[list[str], float]:
        """(page locations in result order, milliseconds from keystroke to settled results)."""
        result = self.page.evaluate(SEARCH_SCRIPT, [text, quiet, limit])
        return [self._location(href) for href in result["links"]], result["ms"]

    def _location(self, href: str) -> str:
        """Absolute or relative result href -> site location like 'algorithms/xgboost/'."""
        path = href.split("#")[0].split("?")[0]  # drop the section and Material's ?h= highlight
        path = path.removeprefix(self.base_url)
        return path.lstrip("./").lstrip("/") if path not in ("", "./", ".") else ""


def latency_summary(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile in ms."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def fetch(url: str, timeout: float = 10) -> str | None:
    """The page at url as text, or None while the server does not answer (or answers an error)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_until(condition, seconds: float, interval: float = 0.2):
    """Poll condition() until it returns a true value (returned) or `seconds` have passed
    (TimeoutError). Used by make bench and tests/test_serve.py to wait for `make serve`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"gave up after {seconds:.0f} s")
        time.sleep(interval)


def wait_for_text(url: str, text: str, seconds: float, interval: float = 0.2) -> str:
    """Wait until the page at url contains text (a served page showing an edit); the page."""
    return wait_until(lambda: (page := fetch(url)) is not None and text in page and page, seconds, interval)
