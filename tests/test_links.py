"""No broken link: the strict MkDocs build checks Markdown links and anchors, LinkChecker the built
HTML (links written in raw HTML, anchors, assets). External links are only inventoried here;
`make linkcheck-external` checks them online."""

from __future__ import annotations

import csv
import html
import functools
import http.server
import io
import re
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import BIN, ROOT, _env

EXTERNAL_ALLOWED = (
    re.compile(r"^https://github\.com/otsc-expliquee/otsc-expliquee/edit/main/"),  # « Modifier cette page »
    re.compile(r"^https://creativecommons\.org/licenses/by/4\.0/deed\.fr$"),  # licence des données
    re.compile(r"^https://www\.naturalearthdata\.com/about/terms-of-use/$"),  # licence de la carte
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


SKIPPED = ["^https?://(?!127\\.0\\.0\\.1)", "^data:", "#fn"]


def broken_links(site: Path, start: str = "", depth: int = -1) -> list[str]:
    """Run LinkChecker over `site` served locally; one line per broken link: page → link (reason)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = subprocess.run(
            [str(BIN / "linkchecker"), "--config", str(ROOT / "tests/fixtures/linkchecker.ini"), "--output", "csv",
             # Other hosts are skipped by the patterns; --check-extern only lets a check that starts
             # below the root (depth 1 from one page) follow links to the rest of the local site.
             f"--recursion-level={depth}", "--check-extern", *(f"--ignore-url={p}" for p in SKIPPED),
             f"http://127.0.0.1:{server.server_address[1]}/{start}"],
            capture_output=True, text=True, env=_env(), timeout=300)
    finally:
        server.shutdown()
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";")
    out = [f"{row['parentname']} → {row['urlname']} ({row['result']})" for row in reader if row.get("valid") == "False"]
    assert result.returncode in (0, 1), result.stderr
    return out


def test_built_site_has_no_broken_link_or_anchor(built_site):
    assert broken_links(built_site) == []


def test_external_links_are_https_and_registered_sources(built_site):
    from otsc_site import load_data

    sources = {s.url for s in load_data(ROOT / "data").sources.values()}
    for html_file in built_site.rglob("*.html"):
        for href in re.findall(r'<a [^>]*href="(https?://[^"]+)"', html_file.read_text(encoding="utf-8")):
            href = html.unescape(href)
            if href.startswith("http://127.0.0.1") or href.startswith("https://otsc-expliquee.github.io/"):
                continue
            assert href.startswith("https://"), f"{html_file}: {href}"
            assert href in sources or any(p.match(href) for p in EXTERNAL_ALLOWED), f"{html_file}: {href}"


def build(project) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(project.root / "out")],
                          cwd=project.root, capture_output=True, text=True, env=_env())


@pytest.mark.parametrize("planted, expected", [
    ("[une page](page-absente.md)", "page-absente.md"),
    ("[un événement](chronologie.md#evenement-absent)", "evenement-absent"),
])
def test_broken_markdown_link_or_anchor_fails_the_build(project, planted, expected):
    project.write("docs/a-propos.md", project.read("docs/a-propos.md") + f"\n\nVoir {planted}.\n")
    result = build(project)
    assert result.returncode != 0
    assert re.search(rf"'a-propos\.md'.*{re.escape(expected)}", result.stderr), result.stderr


def test_broken_link_in_raw_html_is_caught_by_the_link_checker(project):
    project.write("docs/a-propos.md", project.read("docs/a-propos.md") +
                  '\n\n<p><a href="../page-absente/">un lien écrit en HTML</a></p>\n')
    assert build(project).returncode == 0  # MkDocs does not look inside raw HTML
    problems = broken_links(project.root / "out", start="a-propos/", depth=1)
    assert len(problems) == 1 and re.match(r"http://127\.0\.0\.1:\d+/a-propos/ → \.\./page-absente/", problems[0]), problems
