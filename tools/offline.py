"""`make offline`: the site built for file:// (Material's offline plugin), zipped.

    python tools/offline.py OUT_ZIP

Builds with KB_OFFLINE=true (directory URLs off, search index inlined, the iframe-worker
shim served from the site instead of a CDN) into a temporary folder and zips it under a
top-level folder aws-ml-kb/, so unzipping gives one folder with index.html inside.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_offline(site_dir: Path) -> None:
    env = {**os.environ, "KB_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                   cwd=ROOT, env=env, check=True)


def zip_site(site_dir: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, Path("aws-ml-kb") / path.relative_to(site_dir))


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as temp:
        site_dir = Path(temp) / "site"
        build_offline(site_dir)
        zip_site(site_dir, target)
    print(f"{target}: {target.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
