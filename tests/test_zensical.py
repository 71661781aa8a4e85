"""Life after Material: Zensical (its successor) builds `make export` into the same site.

Zensical reads mkdocs.yml but runs no hook, so it builds the export, where every page is already
rendered. The two sites must carry the same pages, headings and anchors, notes, dated events and
open-data files. What still differs is listed in README (« Après MkDocs 1.x ») with its cause.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BIN, ROOT, _env

pytestmark = pytest.mark.lent  # the export, then Zensical's build of it

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


class Outline(HTMLParser):
    """What a reader relies on in a page: headings with their anchors, notes, dated events, ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self.events: list[str] = []
        self.times: list[str] = []
        self._heading: list | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and a.get("id"):
            self._heading = [a["id"], ""]
        if tag == "li" and (a.get("id") or "").startswith("fn:"):
            self.notes.append(a["id"])
        if tag == "article" and "evenement" in (a.get("class") or "").split():
            self.events.append(a.get("id", ""))
        if tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            heading_id, text = self._heading
            self.headings.append((heading_id, " ".join(text.replace("¶", "").split())))
            self._heading = None


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    export = tmp_path_factory.mktemp("zensical") / "export"
    run = subprocess.run(
        [str(BIN / "python"), "-m", "otsc_site", "--root", str(ROOT), "export", str(export)],
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert run.returncode == 0, run.stderr
    # Zensical's runtime hangs under libfaketime (make test's moved clock): it runs on the real clock.
    # The dates on its pages come from the exported Markdown, drawn on the moved one.
    real_clock = {k: v for k, v in _env().items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    run = subprocess.run(
        [str(ZENSICAL), "build", "-f", "mkdocs.yml"],
        cwd=export,
        capture_output=True,
        text=True,
        env=real_clock,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return export / "site"


def pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("index.html")}


def test_zensical_is_pinned_to_the_newest_version_that_installs_here():
    lock = (ROOT / "requirements-zensical.lock").read_text(encoding="utf-8")
    assert "zensical==0.0.73" in lock.splitlines()


def test_zensical_builds_every_page(built_site, zensical_site):
    assert pages(built_site) == pages(zensical_site)


@pytest.mark.horloge  # reads page dates, git history or the build date
def test_each_page_has_the_same_headings_anchors_notes_and_dated_events(built_site, zensical_site):
    differences = []
    for page in sorted(pages(built_site)):
        ours, theirs = outline(built_site / page), outline(zensical_site / page)
        for name in ("headings", "notes", "events", "times"):
            if getattr(ours, name) != getattr(theirs, name):
                mine, zensical = getattr(ours, name), getattr(theirs, name)
                differences.append(
                    f"{page} : {name} : MkDocs seul {[x for x in mine if x not in zensical]}, "
                    f"Zensical seul {[x for x in zensical if x not in mine]}"
                )
    assert differences == []


def test_the_open_data_files_are_identical(built_site, zensical_site):
    ours = {
        p.relative_to(built_site): p.read_bytes()
        for p in (built_site / "donnees").rglob("*")
        if p.is_file() and p.name != "index.html"
    }
    theirs = {
        p.relative_to(zensical_site): p.read_bytes()
        for p in (zensical_site / "donnees").rglob("*")
        if p.is_file() and p.name != "index.html"
    }
    assert ours and ours == theirs
    for name in ("feed.xml", "robots.txt"):
        assert (built_site / name).read_bytes() == (zensical_site / name).read_bytes()
