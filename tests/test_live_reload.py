"""`make serve`: a YAML edit shows up without a restart; a bad edit keeps the last good pages."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import BIN, _env, fetch, free_port, wait_for

pytestmark = pytest.mark.lent  # each test starts `mkdocs serve` and waits for its rebuilds


@pytest.fixture
def server(project, tmp_path, request):
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    # `make serve` runs `mkdocs serve --dirty`; with « --clean », MkDocs reports a « build » first.
    options = getattr(request, "param", ["--dirty"])
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_env(),
    )
    url = f"http://127.0.0.1:{port}/chronologie-kazakhstan-armenie/"  # the period page of the edited event
    try:
        assert wait_for(lambda: "Sommet anniversaire à Moscou" in fetch(url), timeout=60), (
            tmp_path / "serve.log"
        ).read_text()
        yield url, tmp_path / "serve.log", process
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.mark.parametrize("server", [["--dirty"], ["--clean"]], indirect=True, ids=["serve", "serve-clean"])
def test_editing_yaml_updates_the_served_page_and_survives_a_bad_edit(project, server):
    url, log, process = server
    title = "Sommet anniversaire à Moscou"
    if "--dirty" in process.args:  # under « --clean », every rebuild is whole: the last edit shows one
        project.replace("data/timeline.yml", f"title: {title}", "title: Sommet des trente ans à Moscou")
        title = "Sommet des trente ans à Moscou"
        assert wait_for(lambda: title in fetch(url)), log.read_text()

    project.replace("data/timeline.yml", "    date: 2022-01-13\n", "    date: 2022-02-30\n")
    assert wait_for(lambda: "date impossible" in log.read_text()), log.read_text()
    output = log.read_text()
    assert "Traceback" not in output
    assert "data/timeline.yml, ligne" in output
    assert process.poll() is None, "le serveur s'est arrêté"
    # Once the failed rebuild is over (« --clean » empties the folder while it builds), the reader
    # has the last good pages again.
    kept = wait_for(lambda: title in fetch(url))
    assert kept, "le lecteur doit garder les dernières pages valides"

    project.replace("data/timeline.yml", "    date: 2022-02-30\n", "    date: 2022-01-13\n")
    project.replace("data/timeline.yml", f"title: {title}", "title: Sommet jubilaire de Moscou")
    assert wait_for(lambda: "Sommet jubilaire de Moscou" in fetch(url)), log.read_text()


def same(html: str) -> str:
    return re.sub(r"reload\(\d+, \d+\)", "reload()", html)


def test_a_rebuild_builds_only_the_changed_pages_and_keeps_every_page_whole(project, server):
    """Under `make serve`, a page is built again only if what it shows changed: the others stay as
    they were (content, table of contents, notes), the search index still holds every page once, an
    edit to a hand-written page or to the theme shows, and a kept page's links are checked against
    this build: the FAQ links to a timeline event, and renaming the event's id while serving is
    reported on the FAQ's link (its data file and line), although the FAQ itself did not change."""
    url, log, process = server
    base = url.removesuffix("chronologie-kazakhstan-armenie/")
    before = {page: fetch(base + page) for page in ("membres/", "a-propos/", "sources/")}
    index_before = json.loads(fetch(base + "search/search_index.json"))["docs"]
    assert all(re.search(r'<a href="#[^"]+" class="md-nav__link">', html) for html in before.values())
    project.replace(
        "data/timeline.yml", "title: Sommet anniversaire à Moscou", "title: Sommet des trente ans à Moscou"
    )
    assert wait_for(lambda: "Sommet des trente ans à Moscou" in fetch(url)), log.read_text()
    for page in ("membres/", "a-propos/"):  # the same, but for the live-reload script's build numbers
        assert same(fetch(base + page)) == same(before[page]), page
    # Only the pages whose Markdown the edit changed (the period page, the overview…) were built.
    built = [int(n) for n in re.findall(r"Pages construites à nouveau : (\d+)", log.read_text())]
    assert built[0] >= 50 and built[-1] <= 5, built
    index = json.loads(fetch(base + "search/search_index.json"))["docs"]
    assert [d["location"] for d in index] == [d["location"] for d in index_before]
    assert any("Sommet des trente ans" in d["title"] + d["text"] for d in index)
    assert not any("Sommet anniversaire à Moscou" in d["title"] + d["text"] for d in index)
    unchanged = [d for d in index_before if d["location"].startswith("membres/")]
    assert unchanged and all(d in index for d in unchanged)

    project.replace("docs/a-propos.md", "# À propos", "# À propos du site")
    assert wait_for(lambda: "À propos du site" in fetch(base + "a-propos/")), log.read_text()
    assert "Sommet des trente ans à Moscou" in fetch(url)
    # The theme frames every page: an edit there builds them all again.
    project.replace(
        "docs/overrides/main.html", "{{ super() }}\n  {% include", "{{ super() }}<hr id=t>\n  {% include"
    )
    assert wait_for(lambda: "<hr id=t>" in fetch(base + "membres/")), log.read_text()
    output = log.read_text()
    assert "ERROR" not in output and "WARNING" not in output, output

    assert "chronologie.md#armenie-invoque-l-article-4" in project.read("data/faq.yml")
    for follower in ("data/story.yml", "data/texts.yml"):  # the files that name events by id follow
        project.replace(follower, "armenie-invoque-l-article-4", "armenie-article-4")
    project.replace("data/timeline.yml", "  - id: armenie-invoque-l-article-4", "  - id: armenie-article-4")
    assert wait_for(lambda: "armenie-invoque-l-article-4" in log.read_text(), timeout=30), log.read_text()
    assert re.search(r"data/faq\.yml, ligne \d+", log.read_text()), log.read_text()
