"""The site's search engine (docs/assets/search/engine.js, MiniSearch) driven from Python.

The relevance suite runs the very same JavaScript the search worker runs, under node, on the
built index (site/search/kb_index.json), from the built site's copy: no port to keep in step, so Python and Chromium rank
alike by construction, and the browser test checks it.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "search" / "node_engine.js"
NODE = shutil.which("node")


class KBSearch:
    def __init__(self, index_path: Path, engine: Path = ROOT / "docs" / "assets" / "search" / "engine.js"):
        if NODE is None:
            raise RuntimeError("the search tests run the site's engine under Node.js (node 18 or later): "
                               "sudo apt-get install nodejs")
        self.process = subprocess.Popen([NODE, str(RUNNER), str(index_path), str(engine)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT)
        atexit.register(self.close)
        assert json.loads(self.process.stdout.readline()) == {"ready": True}

    @classmethod
    def from_site(cls, site_dir: Path) -> KBSearch:
        """The built site's index with the built site's copy of the engine (what its pages run)."""
        return cls(Path(site_dir) / "search" / "kb_index.json", Path(site_dir) / "assets" / "search" / "engine.js")

    def _ask(self, query: str, result: bool) -> dict:
        self.process.stdin.write(json.dumps({"query": query, "result": result}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def search(self, query: str) -> list[str]:
        """Page locations in the order the search box lists them."""
        return self._ask(query, False)["pages"]

    def result(self, query: str) -> dict:
        """What the worker answers Material's search box: {items: [[page, sections...], ...]}."""
        return self._ask(query, True)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
