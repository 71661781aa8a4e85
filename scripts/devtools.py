"""Helpers shared by the tests and `make bench`: a scratch copy of the project, and a local server.

Both need the same things: copy the site's sources somewhere they may be changed at will, start
`mkdocs serve` on a free port, and read a page from it until it shows what is expected.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("data", "templates", "docs", "hooks", "mkdocs.yml")


# Debian's Chromium, as the tests and `make bench` launch it (never `playwright install`).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_project(target: Path) -> Path:
    """The site's sources copied into `target` (created if needed), without Python caches."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, timeout: float = 30.0, step: float = 0.2) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def static_server(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A built site on a local HTTP server, quiet, in a thread: the server (to shut down) and its address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
