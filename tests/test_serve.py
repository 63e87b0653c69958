"""`make serve`, as the README shows it: the preview answers at the root of its address."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from conftest import ROOT, mkdocs_config


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_serve_answers_at_the_root_and_watches_data_and_macros():
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(["make", "serve", f"ADDR={address}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://{address}/algorithms/xgboost/", timeout=5) as response:
                    status = response.status
            except OSError:
                time.sleep(1)
        assert status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert {"data", "macros"} <= set(mkdocs_config()["watch"])
