"""Bad data never breaks the build with a traceback, never runs, never hangs; builds are reproducible."""

from __future__ import annotations

import filecmp
import os
import subprocess

import pytest
from conftest import BIN, ROOT, _env, mkdocs_build

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("billion laughs", BOMB.encode(), ["alias"]),
        ("20 Mo", b"events:\n" + b"  - id: x\n" * 2_000_000, ["trop volumineux", "16\u202f000\u202f000"]),
        (
            "objet Python",
            b"page: !!python/object/apply:os.system ['touch /tmp/otsc-pwned']\n",
            ["étiquette YAML"],
        ),
        ("booléen YAML 1.1", None, ["lu par YAML comme un booléen"]),
        ("précision de date", None, ["n'est pas une date AAAA, AAAA-MM ou AAAA-MM-JJ"]),
    ],
)
def test_bad_files_end_quickly_with_a_message_and_no_traceback(project, name, content, words):
    if content is not None:
        project.path("data/timeline.yml").write_bytes(content)
    elif name == "booléen YAML 1.1":
        project.replace("data/timeline.yml", "title: Entrée en vigueur du Traité", "title: on")
    else:
        project.replace("data/timeline.yml", "    date: 2022-01-13\n", "    date: 2022-1-13\n")
    result = project.check_data()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "data/timeline.yml" in result.stderr
    for word in words:
        assert word in result.stderr
    assert not os.path.exists("/tmp/otsc-pwned")


@pytest.mark.lent
@pytest.mark.horloge  # reads page dates, git history or the build date
def test_two_builds_of_the_same_sources_are_byte_identical(built_site, tmp_path):
    """A second build of the real site at the same instant (SOURCE_DATE_EPOCH) as conftest.built_site
    gives the same bytes, file for file."""
    instant = built_site.with_name("instant.txt").read_text(encoding="utf-8")
    result = mkdocs_build(ROOT, tmp_path / "deux", SOURCE_DATE_EPOCH=instant)
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(built_site, tmp_path / "deux")
    differing = []

    def walk(cmp):
        differing.extend(f"{cmp.left}/{f}" for f in cmp.diff_files + cmp.left_only + cmp.right_only)
        for sub in cmp.subdirs.values():
            walk(sub)

    walk(comparison)
    assert differing == []
    _, mismatch, errors = filecmp.cmpfiles(built_site, tmp_path / "deux", ["sitemap.xml.gz"], shallow=False)
    assert mismatch == [] and errors == []


@pytest.mark.lent
def test_the_rendering_kept_on_disk_follows_every_change_and_survives_damage(project, tmp_path):
    """`make build` reuses the last rendering when nothing changed; any change to data or templates
    renders again, and a damaged or unreadable store is only a slower build."""

    def export() -> str:
        result = subprocess.run(
            [
                str(BIN / "python"),
                "-m",
                "otsc_site",
                "--root",
                str(project.root),
                "export",
                str(tmp_path / "out"),
            ],
            capture_output=True,
            text=True,
            env=_env(),
        )
        assert result.returncode == 0, result.stderr
        return (tmp_path / "out" / "docs" / "chronologie.md").read_text(encoding="utf-8")

    assert "Sommet anniversaire à Moscou" in export()
    store = list((project.root / "build" / "cache" / "rendered").glob("*.json"))
    assert len(store) == 1
    project.replace(
        "data/timeline.yml", "title: Sommet anniversaire à Moscou", "title: Sommet des trente ans à Moscou"
    )
    assert "Sommet des trente ans à Moscou" in export()
    project.replace(
        "templates/chronologie.md.j2",
        "{{ m.related(spec.page) }}",
        "Fin de la frise.\n\n{{ m.related(spec.page) }}",
    )
    assert "Fin de la frise." in export()
    for kept in (project.root / "build" / "cache" / "rendered").glob("*.json"):
        kept.write_text('{"pages": [{"page": 1}', encoding="utf-8")
    assert "Fin de la frise." in export()
    assert len(list((project.root / "build" / "cache" / "rendered").glob("*.json"))) == 1


def test_make_serve_draws_its_pages_itself_instead_of_reusing_the_rendering_kept_on_disk(project):
    """A server started from the kept rendering would have drawn nothing: its first edit would draw
    every page. Under `make serve` (`live`), the store is neither read nor written."""
    from otsc_site import build

    build.build_pages(project.root)
    (kept,) = (project.root / "build" / "cache" / "rendered").glob("*.json")
    planted = kept.read_text(encoding="utf-8").replace("Sommet anniversaire à Moscou", "Sommet planté")
    kept.write_text(planted, encoding="utf-8")

    def chronology(live: bool) -> str:
        build._BUILT.clear()  # a new process: only the disk remembers
        pages = build.build_pages(project.root, live=live).pages
        return next(p.markdown for p in pages if p.page == "chronologie.md")

    assert "Sommet planté" in chronology(live=False)  # `make build` reuses the store
    assert "Sommet anniversaire à Moscou" in chronology(live=True)
    assert build._RENDERERS[project.root]._kept  # drawn here: an edit draws only what it changes
    assert kept.read_text(encoding="utf-8") == planted  # nor written


def test_compiled_templates_are_never_reused_across_jinja_settings(tmp_path):
    """The bytecode kept on disk is keyed on the settings that shape it, not only on the template text."""
    import jinja2

    from otsc_site import cache as pages

    (tmp_path / "t.j2").write_text("{% if x %}\nA\n{% endif %}\nB\n", encoding="utf-8")

    def render(trim: bool) -> str:
        pages._CACHES.clear()  # a new process: only the disk remembers
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), trim_blocks=trim)
        env.bytecode_cache = pages.bytecode_cache(tmp_path / "cache", env)
        return env.get_template("t.j2").render(x=True)

    assert render(True) == "A\nB"
    assert any((tmp_path / "cache").rglob("*.cache"))  # compiled once, kept on disk
    assert render(False) == "\nA\n\nB"  # not the bytecode compiled with trim_blocks
    assert render(True) == "A\nB"
