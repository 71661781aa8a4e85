"""Shared fixtures: a scratch copy of the project that a test may break at will."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from devtools import CHROMIUM, CHROMIUM_FLAGS, copy_project, fetch, free_port, static_server, wait_for  # noqa: E402,F401 - shared with make bench

BIN = Path(sys.executable).parent


def pytest_collection_modifyitems(items):
    """The long tests (marked « lent ») first: pytest-xdist hands each process its share in this
    order, and a process that runs out takes tests from the end of the other's share; with the long
    ones last, one process could still be running one while the other has nothing left to take."""
    items.sort(key=lambda item: item.get_closest_marker("lent") is None)


class Project:
    """A copy of the site's sources in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, encoding="utf-8")

    def check_data(self):
        """`python -m otsc_site check` on this copy, as an editor runs it (`make check-data`)."""
        return subprocess.run(
            [str(BIN / "python"), "-m", "otsc_site", "--root", str(self.root), "check"],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=60,
        )

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} absent de {relative}"
        self.write(relative, text.replace(old, new, count))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(copy_project(tmp_path))


def page_html(site: Path, address: str) -> str:
    """The built page at `address` (« » for the home page, « chronologie », « membres/ »)."""
    return (site / address / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def data():
    """The real data, loaded and checked once (its models are frozen: no test can change them)."""
    from otsc_site import load_data

    return load_data(ROOT / "data")


def once(tmp_path_factory, worker_id, name: str, make) -> Path:
    """`make(folder)` run once for all the test processes of the run (the first one to ask runs it,
    the others wait for it), in a folder of this run's own that it fills; the folder is returned."""
    import fcntl

    # The folder of this run, shared by pytest-xdist's processes; alone, pytest's own folder.
    shared = (
        tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    )
    folder = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".fait").exists():
            folder.mkdir(exist_ok=True)
            make(folder)
            (folder / ".fait").touch()
    return folder


def mkdocs_build(root: Path, site: Path, **env) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project at `root` into `site`, as `make build` runs it."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**_env(), **env},
        timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The real site, built once with `mkdocs build --strict` for all the test processes of the run,
    with the list of docs/ before and after the build (`docs-avant.txt`, `docs-apres.txt` beside
    it) and the instant it was built at (`SOURCE_DATE_EPOCH`, in `instant.txt`: another build at
    that instant must give the same bytes)."""
    import time

    def make(folder: Path) -> None:
        (folder / "docs-avant.txt").write_text(_listing(ROOT / "docs"), encoding="utf-8")
        instant = str(int(time.time()))
        (folder / "instant.txt").write_text(instant, encoding="utf-8")
        result = mkdocs_build(ROOT, folder / "site", SOURCE_DATE_EPOCH=instant)
        assert result.returncode == 0, result.stderr
        (folder / "docs-apres.txt").write_text(_listing(ROOT / "docs"), encoding="utf-8")

    return once(tmp_path_factory, worker_id, "reel", make) / "site"


class PlantedBuild(NamedTuple):
    """A copy of the project with faults planted, built once for the tests that read each fault."""

    root: Path
    result: subprocess.CompletedProcess


def planted_build(tmp_path_factory, worker_id, name: str, plant) -> PlantedBuild:
    """`plant(project)` on a copy of the project, then its `mkdocs build --strict` into `site/`, once
    for every test of the run that reads it (one build costs more than most tests)."""
    import json

    def make(folder: Path) -> None:
        project = Project(copy_project(folder / "projet"))
        plant(project)
        result = mkdocs_build(project.root, project.root / "site")
        said = {key: getattr(result, key) for key in ("args", "returncode", "stdout", "stderr")}
        (folder / "resultat.json").write_text(json.dumps(said), encoding="utf-8")

    folder = once(tmp_path_factory, worker_id, name, make)
    result = json.loads((folder / "resultat.json").read_text(encoding="utf-8"))
    return PlantedBuild(folder / "projet", subprocess.CompletedProcess(**result))


# Faults planted in the À propos page, written by hand, for the tests of links and of the allowlist:
# a strict build reports each, then fails (MkDocs runs the hook's last check before it stops).
PLANTED_LINKS = {
    "page-absente.md": "[une page](page-absente.md)",
    "evenement-absent": "[un événement](chronologie.md#evenement-absent)",
}
PLANTED_FRAME = '<iframe src="/"></iframe>'


@pytest.fixture(scope="session")
def refused_build(tmp_path_factory, worker_id) -> PlantedBuild:
    def plant(project: Project) -> None:
        links = " et ".join(PLANTED_LINKS.values())
        project.write(
            "docs/a-propos.md", project.read("docs/a-propos.md") + f"\n\nVoir {links}.\n\n{PLANTED_FRAME}\n"
        )

    return planted_build(tmp_path_factory, worker_id, "refuse", plant)


# Hostile text that a build must publish harmless: a description that tries to add an attribute to
# the page head, pages that ask for scripts by odd names, an inline script in a page written by hand.
HOSTILE_DESCRIPTION = '0;url=https://evil.example/x" http-equiv="refresh'
HOSTILE_SCRIPTS = {"a-propos.md": '"xcartex"', "accessibilite.md": '[carte, "\\"><x>"]'}
PLANTED_SCRIPT = "<script>window.__plante = 'exécuté';</script>"


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory, worker_id) -> PlantedBuild:
    def plant(project: Project) -> None:
        import json

        text = project.read("data/faq.yml")
        old = re.search(r"^  description: >-\n(    .*\n)+", text, re.M).group(0)
        project.replace("data/faq.yml", old, "  description: " + json.dumps(HOSTILE_DESCRIPTION) + "\n")
        for page, scripts in HOSTILE_SCRIPTS.items():
            project.write(f"docs/{page}", f"---\nscripts: {scripts}\n---\n" + project.read(f"docs/{page}"))
        project.write("docs/a-propos.md", project.read("docs/a-propos.md") + f"\n\n{PLANTED_SCRIPT}\n")

    return planted_build(tmp_path_factory, worker_id, "hostile", plant)


def _listing(folder: Path) -> str:
    return "\n".join(sorted(str(p.relative_to(folder)) for p in folder.rglob("*")))


def note_of(markdown: str, url: str) -> str:
    """The note, in a page's Markdown, of the source at `url` (notes are numbered: [^1]: …)."""
    return next(
        line for line in markdown.split("\n") if re.match(r"\[\^\d+\]: ", line) and f"]({url})" in line
    )


def _env() -> dict:
    import os

    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


# ---------------------------------------------------------------- browser tests (Debian's Chromium)


def _address(file: str) -> str:
    return "" if file == "index.md" else file.removesuffix(".md") + "/"


def _nav_pages() -> list[str]:
    """The pages of mkdocs.yml's navigation, as addresses below the root (every generated page of
    templates/pages.yml but the parts of a split list must be in it, see test_site_build)."""
    import yaml

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    return [_address(next(iter(item.values()))) for item in nav]


def _part_pages() -> list[str]:
    """The pages of the split lists (one per period of the chronology, one per kind of source, one
    per state), reached from their overview page rather than from the navigation: drawn from the
    data, without building anything (nothing written into build/ at import)."""
    from otsc_site import load_data
    from otsc_site.pages import Renderer

    return [
        _address(page) for page in Renderer(ROOT / "templates").pages_out_of_nav(load_data(ROOT / "data"))
    ]


NAV_PAGES = _nav_pages()
PART_PAGES = _part_pages()
PAGES = NAV_PAGES + PART_PAGES
ARTEFACTS = ROOT / "build" / "test-artefacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the tests of a module that each open their page, then read it or fill its form: a
    new tab costs about a second of processor (Material's script compiled, its stylesheet parsed
    again), more than most of these tests. A test that listens to events, adds scripts or changes
    the emulated media takes pytest-playwright's own `page`."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site on a local HTTP server (the only host a page may contact)."""
    server, url = static_server(built_site)
    yield url
    server.shutdown()
