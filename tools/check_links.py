"""`make links`: check that every external URL in data/ and docs/ still answers.

Run weekly by .github/workflows/links.yml (it needs the internet, so it is not part of
`make test`). Prints each broken URL with the files that use it; exits 1 if any is broken.
"""

from __future__ import annotations

import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"https?://[^\s<>\"'()|`\]]+")
HEADERS = {"User-Agent": "aws-ml-kb-link-check (+https://github.com/)"}


def urls_in_sources() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("docs/**/*.md")]:
        for url in URL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(url.rstrip(".,;:"), set()).add(str(path.relative_to(ROOT)))
    return found


def status(url: str) -> str | None:
    """None if the URL answers; otherwise what went wrong."""
    try:
        response = requests.head(url, headers=HEADERS, allow_redirects=True, timeout=20)
        if response.status_code in (403, 405) or response.status_code >= 400:
            response = requests.get(url, headers=HEADERS, allow_redirects=True, timeout=20, stream=True)
        return None if response.status_code < 400 else f"HTTP {response.status_code}"
    except requests.RequestException as error:
        return type(error).__name__


def main() -> int:
    found = urls_in_sources()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(found, pool.map(status, found), strict=True))
    broken = {url: problem for url, problem in results.items() if problem}
    for url, problem in sorted(broken.items()):
        print(f"{problem}: {url}\n    used in {', '.join(sorted(found[url]))}")
    print(f"{len(found)} external URLs checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
