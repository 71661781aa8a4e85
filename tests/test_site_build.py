"""The site builds strictly with MkDocs, writes nothing into docs/, and exports to plain MkDocs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, ROOT, _env, mkdocs_build


def run(args, cwd, **kw):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=_env(), **kw)


def main_content(html: str) -> str:
    """The article of a built page, without the edit button (which differs on purpose)."""
    article = re.search(
        r'<article class="md-content__inner md-typeset">(.*?)</article>\s*</div>', html, re.S
    ).group(1)
    article = re.sub(
        r'<a href="[^"]*" title="[^"]*" class="md-content__button.*?</a>', "", article, flags=re.S
    )
    return re.sub(r"\s+", " ", article)


def test_strict_build_produces_every_page_in_french(built_site: Path):
    for page in (
        "index.html",
        "competences/index.html",
        "fonctionnement/index.html",
        "chronologie/index.html",
        "a-propos/index.html",
    ):
        html = (built_site / page).read_text(encoding="utf-8")
        assert '<html lang="fr"' in html, page


def test_a_page_loads_only_the_scripts_it_uses(built_site: Path):
    """What serves one page (docs/javascripts/: the chronology's form and old addresses, « Qui
    décide ? », the map through time) loads there and nowhere else; otsc.js on every page."""
    used_by = {
        "ensemble": ("data-ancres=", 'id="filtres"'),
        "qui-decide": ('id="qui-decide-simulateur"',),
        "carte": ('class="carte-annee"',),
    }
    seen = set()
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loaded = re.findall(r'<script src="[./]*javascripts/([\w-]+)\.js"', html)
        expected = {name for name, marks in used_by.items() if any(mark in html for mark in marks)}
        assert loaded[0] == "otsc" and set(loaded[1:]) == expected, path
        seen |= expected
    assert seen == set(used_by)


def test_site_ships_no_source_map_and_only_the_french_search_files(built_site: Path):
    assert list(built_site.rglob("*.map")) == []
    assert sorted(p.name for p in (built_site / "assets/javascripts/lunr").rglob("*.js")) == [
        "lunr.fr.min.js",
        "lunr.stemmer.support.min.js",
    ]


def test_generated_pages_edit_link_points_to_their_yaml(built_site: Path):
    html = (built_site / "chronologie/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://github.com/[^"]+/edit/main/data/timeline.yml"', html)


def test_no_request_to_another_host_is_written_into_pages(built_site: Path):
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, html_file
        loaded = re.findall(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="(https?://[^"]+)"', html)
        loaded += re.findall(
            r'<link\b(?![^>]*rel="canonical")(?![^>]*rel="alternate[^"]*")[^>]*href="(https?://[^"]+)"', html
        )
        for src in loaded:
            raise AssertionError(f"{html_file}: ressource externe {src}")


def test_a_build_writes_nothing_into_docs(built_site):
    """The pages drawn from the data stay in memory: the build of the real site (conftest.built_site)
    leaves docs/ as it found it."""
    before, after = (
        built_site.with_name(name).read_text(encoding="utf-8")
        for name in ("docs-avant.txt", "docs-apres.txt")
    )
    assert "index.md" not in before.split("\n") and "a-propos.md" in before.split("\n")
    assert after == before
    assert (built_site / "chronologie/index.html").exists()


def test_bad_data_stops_the_build_with_one_clear_message(project):
    project.replace("data/timeline.yml", "    date: 2022-01-13\n", "    date: 2022-02-30\n")
    result = mkdocs_build(project.root, project.root / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(
        r"data/timeline.yml, ligne \d+, colonne \d+ : champ « events\[\d+\]\.date » : date impossible",
        result.stderr,
    )
    assert not (project.root / "out").exists()


def test_check_data_command_exits_non_zero_without_traceback(project):
    result = run([str(BIN / "python"), "-m", "otsc_site", "--root", str(project.root), "check"], project.root)
    assert result.returncode == 0 and "Données valides" in result.stdout
    project.replace("data/sources.yml", "reliability: presse", "reliability: blog")
    result = run([str(BIN / "python"), "-m", "otsc_site", "--root", str(project.root), "check"], project.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "valeur « blog » non permise" in result.stderr


@pytest.mark.lent
@pytest.mark.horloge  # reads page dates, git history or the build date
def test_export_builds_with_plain_mkdocs_into_the_same_pages(tmp_path, built_site: Path):
    export = tmp_path / "export"  # from the project itself, so that git dates « Mis à jour le » alike
    result = run([str(BIN / "python"), "-m", "otsc_site", "--root", str(ROOT), "export", str(export)], ROOT)
    assert result.returncode == 0, result.stderr
    config = (export / "mkdocs.yml").read_text(encoding="utf-8")
    assert "otsc_site" not in config and "hooks:\n- otsc_markdown.py\n" in config
    # Copied alone to a machine with MkDocs and Material only: neither this project nor its
    # extension can be imported, the export brings its own.
    alone = tmp_path / "ailleurs"
    export.rename(alone)
    without_project = (
        "import sys, importlib.util\n"
        "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]\n"
        f"sys.path[:] = [p for p in sys.path if p not in ('', {str(ROOT)!r})]\n"
        "assert not importlib.util.find_spec('otsc_markdown') and not importlib.util.find_spec('otsc_site')\n"
        "from mkdocs.__main__ import cli\n"
        "sys.argv = ['mkdocs', 'build', '--strict']\n"
        "cli()\n"
    )
    result = run([str(BIN / "python"), "-c", without_project], alone)
    assert result.returncode == 0, result.stderr
    export = alone
    pages = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("index.html"))
    assert pages == sorted(str(p.relative_to(export / "site")) for p in (export / "site").rglob("index.html"))
    for page in pages:  # every page, the same article: notes out of search, one tooltip per acronym
        ours = main_content((built_site / page).read_text(encoding="utf-8"))
        theirs = main_content((export / "site" / page).read_text(encoding="utf-8"))
        assert ours == theirs, page
        assert 'title=""' not in ours and (
            '<div class="footnote" data-search-exclude' in ours or "footnote" not in ours
        )


@pytest.mark.parametrize("target", [".", "docs", "docs/images", "data", "templates", ".."])
def test_export_refuses_to_empty_the_project_or_its_sources(project, target):
    before = sorted(
        str(p.relative_to(project.root)) for p in project.root.rglob("*") if ".venv" not in p.parts
    )
    result = run(
        [
            str(BIN / "python"),
            "-m",
            "otsc_site",
            "--root",
            str(project.root),
            "export",
            str((project.root / target).resolve()),
        ],
        project.root,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "dossier d'export refusé" in result.stderr
    after = sorted(
        str(p.relative_to(project.root)) for p in project.root.rglob("*") if ".venv" not in p.parts
    )
    assert after == before


def test_every_generated_page_is_in_the_navigation_or_reached_from_its_overview(built_site):
    from conftest import NAV_PAGES, PART_PAGES

    from otsc_site.pages import read_page_specs

    specs = read_page_specs(ROOT / "templates")
    generated = {
        "" if s.page == "index.md" else s.page.removesuffix(".md") + "/" for s in specs if not s.parts
    }
    assert generated <= set(NAV_PAGES) and len(NAV_PAGES) == len(set(NAV_PAGES)) >= len(generated) + 3
    # The parts: five periods, four kinds of source (a kind may go on over numbered pages); each
    # linked from its overview page.
    assert len([p for p in PART_PAGES if p.startswith("chronologie-")]) == 5
    assert len({re.sub(r"-\d+/$", "/", p) for p in PART_PAGES if p.startswith("sources-")}) == 4
    for page in PART_PAGES:
        overview = (
            "membres/" if page.startswith("etats/") else page.split("-")[0] + "/"
        )  # a state's page: the map, the table
        assert f'href="../{page}"' in (built_site / overview / "index.html").read_text(encoding="utf-8"), page


def test_no_markdown_attribute_list_is_left_as_text(built_site):
    """A `{ .class }` line that a template glued to the text before it shows up raw on the page."""
    import re

    for page in built_site.glob("**/index.html"):
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
        assert not re.search(r"\{:? ?[.#][\w-]+ ?\}", text), page


def test_tables_come_wrapped_so_the_theme_script_leaves_them_alone(built_site):
    """Material's script wraps each table without a class at page load, and each wrap moved the
    whole page's layout (Lighthouse mobile 83–90 on Points contestés). otsc_markdown.py delivers
    them wrapped, classed `tableau`, which otsc.css styles as Material would."""
    import re

    tables = 0
    for page in built_site.glob("**/index.html"):
        html = page.read_text(encoding="utf-8")
        article = html[html.find("<article") : html.rfind("</article>")]
        assert not re.search(r"<table(?![^>]*\bclass=)", article), f"{page} : tableau sans classe"
        for match in re.finditer(r'<table class="[^"]*\btableau\b', article):
            tables += 1
            assert article[: match.start()].endswith(
                '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
            ), page
    assert tables >= 30
    css = (built_site / "stylesheets" / "otsc.css").read_text(encoding="utf-8")
    assert re.search(r"\.md-typeset table\.tableau\s*\{[^}]*border:", css)  # compact (trim.compact_css)
