"""Hostile data (issue 20): what a security review reproduced, each case refused or made harmless.

Every case below was seen failing on the code before its fix. The last tests are the defence in
depth: a check of every built page against what a page of the site may hold, and arbitrary text in
every string field of the data.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import time

import markdown
import pytest
from conftest import BIN, ROOT, _env
from test_safe_text import EXTENSION_CONFIGS, EXTENSIONS

from otsc_site import DataError, load_data
from otsc_site.allowlist import page_problems, unsafe_pages
from otsc_site.cli import main


def refused(project, relative, old, new, *words):
    """The change to `relative` is refused by load_data, with each of `words` in the report."""
    project.replace(relative, old, new)
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    report = caught.value.report()
    for word in words:
        assert word in report, report
    return report


# ---------------------------------------------------------------- 1. page metadata in HTML attributes


def test_a_description_cannot_add_an_attribute_to_the_page_head(hostile_build):
    """conftest.hostile_build: a hostile description, pages that ask for scripts by odd names (a
    string is not a list of names; a name the theme does not know loads nothing)."""
    result, site = hostile_build.result, hostile_build.root / "site"
    assert result.returncode == 0, result.stderr
    for page, expected in (("a-propos", []), ("accessibilite", ["carte"])):
        html = (site / f"{page}/index.html").read_text(encoding="utf-8")
        assert re.findall(r'<script src="[./]*javascripts/([\w-]+)\.js"', html) == ["otsc", *expected]
    head = (site / "faq/index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert 'http-equiv="refresh"' not in head
    assert (
        '<meta name="description" content="0;url=https://evil.example/x&#34; http-equiv=&#34;refresh">'
        in head
        or '<meta name="description" content="0;url=https://evil.example/x&quot; http-equiv=&quot;refresh">'
        in head
    )
    assert unsafe_pages(site) == []


# ---------------------------------------------------------------- 2. YAML aliases


@pytest.mark.parametrize(
    "content",
    [
        b'{"a":&a [1, *a]}',
        b"a: &a [1, *a]\n",
        b"a: &x [1, 2]\nb: [*x, *x]\n",
        b"a: &a {b: *a}\n",
        b'a: {"x":&b [1], "y": *b}\n',
    ],
)
def test_yaml_aliases_are_refused_quickly_on_every_path(content):
    from otsc_site.loading import parse_yaml

    start = time.perf_counter()
    with pytest.raises(DataError, match="alias YAML"):
        parse_yaml(content, "data/timeline.yml")
    assert time.perf_counter() - start < 1


def test_a_self_referencing_alias_stops_check_data_with_a_message(project):
    project.write("data/faq.yml", '{"a":&a [1, *a]}\n')
    result = project.check_data()
    assert result.returncode == 1 and "alias YAML" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- 3. one-line fields, one safe writer


def test_a_glossary_abbreviation_with_a_line_break_is_refused(project):
    refused(
        project,
        "data/glossary.yml",
        "    abbreviation: OTSC\n",
        '    abbreviation: "OTSC\\n\\nx{href=javascript:alert(1) onclick=alert(2)}"\n',
        "data/glossary.yml",
        "abbreviation",
        "une seule ligne",
    )


def test_a_title_on_two_lines_is_refused(project):
    refused(
        project,
        "data/timeline.yml",
        "    title: Entrée en vigueur du Traité",
        '    title: "Entrée en vigueur\\n# du Traité"',
        "title",
        "une seule ligne",
    )


def test_an_expansion_with_attribute_syntax_stays_text_in_every_engine(project):
    from otsc_site.pages import abbreviations

    project.replace(
        "data/glossary.yml",
        "    abbreviation: OTSC\n",
        '    abbreviation: OTSC\n    expansion: "x {href=javascript:alert(1) onclick=alert(2)} y"\n',
    )
    lines = abbreviations(load_data(project.path("data")))
    html = markdown.markdown(
        "L'OTSC.\n\n" + lines, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS
    )
    abbr = re.search(r"<abbr([^>]*)>OTSC</abbr>", html).group(1)
    assert re.fullmatch(r' title="x &#123;href=javascript:alert\(1\) onclick=alert\(2\)&#125; y"', abbr), abbr
    assert "<a " not in html and page_problems(html, set()) == []


# ---------------------------------------------------------------- 4. addresses


@pytest.mark.parametrize(
    "url, words",
    [
        ("https://exemple.fr/a)![x](https://evil.example/i.png", ") : écrivez %29"),
        ("https://exemple.fr/a) [b](javascript:alert(1)", "interdit dans une adresse"),
        ('https://exemple.fr/a"onmouseover="x', "interdit dans une adresse"),
        ("https://exemple.fr/a b", "interdit dans une adresse"),
        ("https://user@evil.example/", "identifiant"),
        ("https://ехеmple.fr/", "xn--"),  # Cyrillic « е », « х »: a look-alike host
        ("https://exemple.fr\u0085/x", "U+0085"),
    ],
)
def test_a_source_address_that_could_leave_its_link_is_refused(project, url, words):
    refused(
        project,
        "data/sources.yml",
        "    url: https://profilbaru.com/fr/Accords_d%27Alma-Ata\n",
        f"    url: {json.dumps(url)}\n",
        "url",
        words,
    )


@pytest.mark.parametrize(
    "text",
    [
        "[a](https://exemple.fr/(x)) suite",
        '[a](https://exemple.fr/x "titre")',
        "[a](https://exemple.fr/x",
        "[a](https://ехеmple.fr/)",
    ],
)
def test_a_link_in_text_that_could_leave_its_target_is_refused(text):
    from pydantic import TypeAdapter, ValidationError

    from otsc_site.model import Text

    with pytest.raises(ValidationError):
        TypeAdapter(Text).validate_python(text)


# ------------------------------------------------------- 5. export never empties what it did not write


def test_export_refuses_a_folder_it_did_not_write_and_says_why(project, tmp_path, capsys):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a-garder.txt").write_text("précieux", encoding="utf-8")
    assert main(["--root", str(ROOT), "export", str(notes)]) == 1
    assert "aucun export précédent" in capsys.readouterr().err
    assert (notes / "a-garder.txt").read_text(encoding="utf-8") == "précieux"
    link = tmp_path / "lien"
    link.symlink_to(notes)
    assert main(["--root", str(ROOT), "export", str(link)]) == 1
    assert "lien symbolique" in capsys.readouterr().err
    file = tmp_path / "fichier"
    file.write_text("x", encoding="utf-8")
    assert main(["--root", str(ROOT), "export", str(file)]) == 1
    assert "c'est un fichier" in capsys.readouterr().err
    fresh = tmp_path / "export"
    assert main(["--root", str(ROOT), "export", str(fresh)]) == 0
    assert main(["--root", str(ROOT), "export", str(fresh)]) == 0  # its own earlier export: replaced
    assert (notes / "a-garder.txt").exists() and file.read_text(encoding="utf-8") == "x"


# ---------------------------------------------------------------- 6. two builds at once


@pytest.mark.lent
def test_two_make_builds_at_once_leave_one_whole_site_and_a_failed_one_keeps_it(project):
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, project.root / name)
    (project.root / ".venv").symlink_to(BIN.parent)
    make = ["make", "--no-print-directory", "-o", ".venv/.installed", "build"]
    runs = [
        subprocess.Popen(
            make, cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    site = project.root / "site"
    assert (site / "index.html").is_file() and (site / "chronologie/index.html").is_file()
    assert (site / "search/search_index.json").is_file() and (site / "sitemap.xml").is_file()
    assert not list(project.root.glob(".site-tmp*")) and not (project.root / "site.old").exists()
    # A build that fails keeps the last good site.
    before = (site / "chronologie/index.html").read_bytes()
    project.replace("data/timeline.yml", "    date: 2022-01-13\n", "    date: 2022-02-30\n")
    result = subprocess.run(make, cwd=project.root, capture_output=True, text=True, env=_env())
    assert result.returncode != 0 and "date impossible" in result.stderr
    assert (site / "chronologie/index.html").read_bytes() == before


# ---------------------------------------------------------------- 7. characters


@pytest.mark.parametrize(
    "escape, name",
    [
        ("\\ud800", "U+D800"),
        ("\\x85", "U+0085"),
        ("\\0", "U+0000"),
        ("\\u202e", "U+202E"),
        ("\\u200b", "U+200B"),
        ("\\u2066", "U+2066"),
        ("\\ue000", "U+E000"),
        ("\\r", "U+000D"),
    ],
)
def test_hidden_and_control_characters_are_refused_with_file_line_and_field(project, escape, name):
    report = refused(
        project,
        "data/timeline.yml",
        "    title: Entrée en vigueur du Traité",
        f'    title: "Entrée en vigueur{escape} du Traité"',
        name,
        "data/timeline.yml",
        "title",
    )
    assert re.search(r"ligne \d+", report)


# ---------------------------------------------------------------- 8. dates


def test_year_zero_gets_a_message_not_a_traceback(project):
    refused(
        project,
        "data/sources.yml",
        "    consulted: 2026-11-28\n",
        "    consulted: 0000-01-01\n",
        "consulted",
        "bornes plausibles",
    )


@pytest.mark.parametrize(
    "file, old, new, field",
    [
        ("sources.yml", "    consulted: 2026-11-28\n", "    consulted: 2099-01-01\n", "consulted"),
        (
            "organisation.yml",
            "sources_checked_until: ",
            "sources_checked_until: 2099-01-01\nx_old: ",
            "sources_checked_until",
        ),
    ],
)
@pytest.mark.horloge
def test_a_date_that_records_the_past_cannot_be_after_the_build(project, file, old, new, field):
    if file == "organisation.yml":
        text = project.read("data/organisation.yml")
        line = re.search(r"^sources_checked_until: .*$", text, re.M).group(0)
        project.replace("data/organisation.yml", line, "sources_checked_until: 2099-01-01")
        with pytest.raises(DataError) as caught:
            load_data(project.path("data"))
        report = caught.value.report()
    else:
        report = refused(project, f"data/{file}", old, new)
    assert field in report and "après la date de construction" in report


# ---------------------------------------------------------------- 9 and 10. ids and anchors


def test_an_id_that_takes_a_page_anchor_is_refused(project):
    for path in project.path("data").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("wikipedia-fr-alma-ata", "fiabilite"), encoding="utf-8")
    result = project.check_data()
    assert result.returncode == 1, result.stdout
    assert re.search(
        r"data/sources\.yml, ligne \d+, colonne \d+ : champ « sources\[\d+\]\.id » : identifiant "
        r"« fiabilite » réservé",
        result.stderr,
    ), result.stderr


def test_a_link_to_an_unknown_anchor_names_the_data_file_and_line(project):
    text = project.read("data/faq.yml")
    old = re.search(r"^    more: .*$", text, re.M).group(0)
    project.replace("data/faq.yml", old, "    more: chronologie.md#nulle-part")
    line = next(
        n for n, text in enumerate(project.read("data/faq.yml").splitlines(), 1) if "nulle-part" in text
    )
    result = project.check_data()
    assert result.returncode == 1
    assert f"data/faq.yml, ligne {line}" in result.stderr and "« nulle-part »" in result.stderr
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr


def test_the_anchors_read_from_markdown_are_those_of_the_built_pages(built_site):
    from otsc_site.anchors import page_anchors
    from otsc_site.build import build_pages

    for page in build_pages(ROOT).pages:
        address = "" if page.page == "index.md" else page.page.removesuffix(".md") + "/"
        html = (built_site / address / "index.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        missing = set(page_anchors(page.markdown)) - ids
        assert not missing, (page.page, missing)


# ---------------------------------------------------------------- 11. the rest of the review


def test_text_checks_stay_linear_on_many_line_breaks():
    from pydantic import TypeAdapter, ValidationError

    from otsc_site.french import typography
    from otsc_site.model import Text

    start = time.perf_counter()
    for text in ("a" + "\n" * 40_000 + "b", "a" + "\n \t" * 20_000 + "[b", "« " + " " * 40_000 + "»"):
        try:
            TypeAdapter(Text).validate_python(text)
        except ValidationError:
            pass
        typography(text)
    assert time.perf_counter() - start < 2


def test_a_misshapen_map_is_blamed_on_the_map(project):
    data = json.loads(project.read("data/map.json"))
    data["main"]["countries"][0]["d"] = 'M0 0"/><script>alert(1)</script>'
    project.write("data/map.json", json.dumps(data))
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    assert "data/map.json" in caught.value.report() and "templates/" not in caught.value.report()


def test_an_unclosed_script_in_a_page_is_never_allowed_by_the_policy():
    from otsc_site.csp import inline_script_hashes

    content = "<p>Texte</p><script>alert(1)"
    html = f"<html><head><script>theme()</script></head><body>{content}<script>more()</script></body></html>"
    hashes = inline_script_hashes(html, content)
    assert len(hashes) == 1  # the theme's script in the head only


# ---------------------------------------------------------------- defence in depth


@pytest.mark.parametrize(
    "html, words",
    [
        ('<a href="x" onclick="y">a</a>', "onclick"),
        ('<a href="x"onclick="y">a</a>', "onclick"),
        ("<svg><a\nhref='/x'\nonmouseover=y>a</a></svg>", "onmouseover"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "http-equiv"),
        ('<a href=" JaVa\tScript:alert(1)">a</a>', "javascript:"),
        ('<iframe src="/x"></iframe>', "<iframe>"),
        ('<object data="/x"></object>', "<object>"),
        ('<embed src="/x">', "<embed>"),
        ('<base href="https://evil.example/">', "<base>"),
        ('<img src="https://evil.example/p.png">', "autre hôte"),
        ('<img srcset="/a.png 1x, https://evil.example/p.png 2x">', "autre hôte"),
        ('<link rel="stylesheet" href="https://fonts.example/x.css">', "autre hôte"),
        ('<script src="//cdn.example/x.js"></script>', "autre hôte"),
        ("<style>@import url(https://evil.example/x.css);</style>", "feuille de style"),
        ('<p style="background:url(https://evil.example/p.png)">x</p>', "style en ligne"),
        ('<form action="https://evil.example/"></form>', "autre hôte"),
    ],
)
def test_the_allowlist_catches_what_no_page_may_hold(html, words):
    problems = page_problems(f"<html><body>{html}</body></html>", {"otsc-expliquee.github.io"})
    assert problems and any(words in p for p in problems), problems


def test_the_built_site_holds_nothing_outside_the_allowlist(built_site):
    assert unsafe_pages(built_site, "https://otsc-expliquee.github.io/") == []


def test_a_page_outside_the_allowlist_fails_the_build(refused_build):
    """conftest.refused_build: an <iframe> planted in a page written by hand."""
    result = refused_build.result
    assert result.returncode != 0
    assert (
        "pages refusées" in result.stderr
        and "a-propos/index.html : élément <iframe> interdit" in result.stderr
    )


# ---------------------------------------------------------------- any text in any string field


def _string_paths(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _string_paths(item, path + (i,))
    elif isinstance(value, str):
        yield path


def _original():
    from otsc_site.loading import load_yaml
    from otsc_site.model import FILES

    return {name: load_yaml(ROOT / "data" / f"{name}.yml").data for name in FILES}


ORIGINAL = _original()
# Every string field of every file, one of each kind of field (its path with list positions as 0).
FIELDS = sorted(
    {
        (name, tuple(0 if isinstance(p, int) else p for p in path)): (name, path)
        for name, doc in ORIGINAL.items()
        for path in _string_paths(doc)
    }.values(),
    key=repr,
)


def _html_of(markdown_text: str) -> str:
    body = markdown_text.split("\n---\n", 1)[-1] if markdown_text.startswith("---\n") else markdown_text
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ANY_TEXT = (
    st.text(max_size=60)
    | st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), max_size=60)
    | st.sampled_from(
        [
            '" onmouseover="alert(1)',
            "<script>alert(1)</script>",
            "[a](javascript:alert(1))",
            "x\n\n<iframe src=/>",
            "{href=javascript:alert(1) onclick=alert(2)}",
            "![i](https://evil.example/i.png)",
            "\u202eabc",
            "\ud800",
            "chronologie.md#nulle-part",
            '0;url=https://evil.example/" http-equiv="refresh',
            "*[OTSC]: faux\n",
            "https://exemple.fr/a)b",
            "fiabilite",
            "[x](chronologie.md#nulle-part)",
            "]]><!--",
            "\x00",
            "a\rb",
        ]
    )
)


REACHED = {"refused": 0, "published": 0}


@functools.cache
def _renderer():
    """One renderer for every example, as under `make serve`: a page whose inputs the text did not
    reach is kept (Renderer._page_key), the others are drawn again."""
    from otsc_site.pages import Renderer

    return Renderer(ROOT / "templates")


# Fields of free text, where most strings are accepted: drawn as often as all the others together.
FREE_TEXT = [
    (name, path)
    for name, path in FIELDS
    if path[-1]
    in {
        "text",
        "title",
        "description",
        "summary",
        "definition",
        "claim",
        "explanation",
        "why",
        "note",
        "label",
        "question",
        "meaning",
        "basis",
        "was",
        "now",
        "value",
        "expansion",
        "said_by",
        "place",
        "rule",
        "name",
    }
]
BASELINE: dict[str, str] = {}


@pytest.mark.lent
@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(FIELDS) | st.sampled_from(FREE_TEXT), text=ANY_TEXT)
def test_any_text_in_any_field_is_refused_in_french_or_publishes_safe_pages(tmp_path_factory, field, text):
    import copy

    from otsc_site.build import check_anchors

    name, path = field
    folder = tmp_path_factory.mktemp("donnees")
    shutil.copytree(ROOT / "data", folder, dirs_exist_ok=True)
    doc = copy.deepcopy(ORIGINAL[name])
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = text
    (folder / f"{name}.yml").write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    try:
        data = load_data(folder)
        renderer = _renderer()
        pages = renderer.render_all(data)
        check_anchors(ROOT, data, pages, renderer.moved)
    except DataError as err:  # refused: in French, with the file, and no traceback
        assert re.search(r"(data|templates)/[a-z_]+\.(yml|json|j2)", err.report()), err.report()
        assert "Traceback" not in err.report()
        REACHED["refused"] += 1
        return
    REACHED["published"] += 1
    if not BASELINE:
        renderer = _renderer()
        BASELINE.update((p.page, p.markdown) for p in renderer.render_all(load_data(ROOT / "data")))
    for page in (p for p in pages if BASELINE.get(p.page) != p.markdown):  # the pages the text reached
        html = _html_of(page.markdown)
        assert page_problems(html, set()) == [], (field, text, page.page, page_problems(html, set()))
        assert "<script" not in html.lower().replace('<script type="application/json"', "")
