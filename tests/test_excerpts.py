"""Every claim carries the words of a source that establish it: checked in the data, quoted with
their language in the notes and on the source pages, published in the open data (issue 21)."""

from __future__ import annotations

import csv
import io
import json
import re
import zlib

import pytest
from conftest import ROOT, note_of, page_html

from otsc_site import DataError, load_data
from otsc_site.notes import QUOTED_NOTES_BUDGET
from otsc_site.opendata import downloads
from otsc_site.pages import Renderer
from otsc_site.proofs import claims, coverage

# The chronology's lede: its `sources:` block is replaced by each case's block.
LEDE = "data/timeline.yml"


def with_lede_sources(project, block: str) -> None:
    """Put `block` (the lines under « sources: ») in place of the chronology lede's sources."""
    lines = project.read(LEDE).split("\n")
    start = next(
        i for i, line in enumerate(lines) if line == "    sources:" or line.startswith("    sources: [")
    )
    end = start + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    lines[start:end] = ["    sources:", *("      " + line for line in block.strip("\n").split("\n"))]
    project.write(LEDE, "\n".join(lines))


def lede_line(project) -> int:
    return next(n for n, line in enumerate(project.read(LEDE).split("\n"), start=1) if line == "    sources:")


def problems(project) -> list:
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    return caught.value.problems


RU = "zakon-kz-2026-02-13"  # a source in Russian
EN = "otsc-historique"  # a source in English

CASES = [
    # (the lines under « sources: », the field named, the words of the message, line offset from « sources: »)
    (f"- {EN}\n- {RU}", "page.lede.sources", "affirmation sans extrait", 0),
    (
        f"- id: {RU}\n  extrait: Текст источника",
        "page.lede.sources[1].extrait",
        "extrait sans langue : ajoutez « langue: ru »",
        2,
    ),
    (
        f"- id: {RU}\n  extrait: Текст источника\n  langue: ru",
        "page.lede.sources[1].extrait",
        "extrait non français sans traduction",
        2,
    ),
    (
        f"- id: {RU}\n  extrait: Текст источника\n  langue: en\n  traduction: Le texte de la source",
        "page.lede.sources[1].langue",
        "mais la source « zakon-kz-2026-02-13 » est en « ru »",
        3,
    ),
    (
        f"- id: {EN}\n  langue: en\n- id: {RU}\n  extrait: Текст\n  langue: ru\n  traduction: Texte",
        "page.lede.sources[1].langue",
        "« langue » sans « extrait »",
        2,
    ),
    (
        f"- id: {EN}\n  extrait: {' '.join(['word'] * 61)}\n  langue: en\n  traduction: mot",
        "page.lede.sources[1].extrait",
        "extrait de 61 mots : 60 au plus",
        2,
    ),
    (
        f"- id: {EN}\n  extrait: two\n  langue: en\n  traduction: deux\n  sans_extrait: introuvable",
        "page.lede.sources[1].sans_extrait",
        "« sans_extrait » et « extrait » à la fois",
        5,
    ),
]


@pytest.mark.parametrize("block, field, words, offset", CASES, ids=[c[2][:40] for c in CASES])
def test_a_claim_without_its_sources_words_is_refused_on_its_line(project, block, field, words, offset):
    with_lede_sources(project, block)
    [problem] = problems(project)
    assert (problem.file, problem.field) == ("data/timeline.yml", field)
    assert problem.line == lede_line(project) + offset
    assert words in problem.message


def test_a_french_excerpt_is_not_translated(project, data):
    french = next(s.id for s in data.sources.values() if s.language == "fr")
    with_lede_sources(project, f"- id: {french}\n  extrait: Le texte\n  langue: fr\n  traduction: Le texte")
    [problem] = problems(project)
    assert problem.field == "page.lede.sources[1].traduction" and "déjà en français" in problem.message


def test_a_claim_may_say_why_it_has_no_excerpt_and_mixes_ids_and_excerpts(project):
    with_lede_sources(project, f"- id: {EN}\n  sans_extrait: page hors ligne\n- {RU}")
    load_data(project.path("data"))
    with_lede_sources(project, f"- {EN}\n- id: {RU}\n  extrait: Текст\n  langue: ru\n  traduction: Texte")
    loaded = load_data(project.path("data"))
    assert [c.id for c in loaded.timeline.page.lede.sources] == [EN, RU]


HOSTILE = "<script>alert(1)</script> *gras* [lien](https://x.fr) &amp; {: .x}"


def test_the_excerpt_is_quoted_with_its_language_then_the_sites_translation(project):
    with_lede_sources(
        project,
        f"- {EN}\n- id: {RU}\n  extrait: 'Текст {HOSTILE}'\n  langue: ru\n"
        '  traduction: "Le texte l\'a dit : oui"',
    )
    loaded = load_data(project.path("data"))
    pages = {p.page: p.markdown for p in Renderer(project.path("templates")).render_all(loaded)}
    note = note_of(pages["chronologie.md"], loaded.sources[RU].url)
    assert '<q lang="ru" class="extrait">Текст &lt;script&gt;' in note
    assert "<script>" not in note and "\\*gras\\*" in note and "&#123;: .x&#125;" in note
    assert "(traduction du site\u00a0: «\u00a0Le texte l’a dit\u00a0: oui\u00a0»)" in note
    # The source's page shows the excerpt and the claim it proves, with a link to the claim's page.
    source_page = next(
        m
        for p, m in pages.items()
        if p.startswith("sources-medias") or p.startswith("sources-presse")
        if f'<span id="{RU}">' in m
    )
    entry = source_page.split(f'<span id="{RU}">', 1)[1].split("\n- <span", 1)[0]
    assert '<q lang="ru" class="extrait">Текст &lt;script&gt;' in entry
    assert "(chronologie.md)" in entry and "De la signature du Traité" in entry


def test_notes_quote_their_excerpts_unless_the_page_would_be_too_heavy(built_site, data):
    """A page's notes quote the excerpts it relies on, each marked with its language and followed by
    the site's translation; a page too heavy for that (notes.QUOTED_NOTES_BUDGET) leads each such
    note to its source's entry instead, where the excerpt is quoted."""
    quoting = linking = 0
    for page in Renderer(ROOT / "templates").render_all(data):
        address = "" if page.page == "index.md" else page.page.removesuffix(".md")
        html = page_html(built_site, address)
        if '<div class="footnote"' not in html:
            continue
        notes = html.split('<div class="footnote"', 1)[1]
        quoted = re.findall(r'<q lang="([a-z]{2})" class="extrait">', notes)
        links = re.findall(r'<a href="([^"]*)">Voir (?:l’extrait|les extraits)</a>', notes)
        heavy = len(zlib.compress(page.markdown.encode(), 6)) > QUOTED_NOTES_BUDGET
        assert not (quoted and links), page.page
        if quoted:
            quoting += 1
            assert not heavy, page.page
            assert len(quoted) - quoted.count("fr") == notes.count("(traduction du site\u00a0:"), page.page
        for link in links:
            linking += 1
            target, anchor = link.rsplit("#", 1)
            assert re.fullmatch(r"(\.\./)+sources-[a-z-]+(-\d+)?/", target), link
            entry = page_html(built_site, target.strip("./")).split(f'<span id="{anchor}">', 1)[1]
            assert '<q lang="' in entry.split("</li>\n</ul>", 1)[0], link
    assert quoting >= 5 and linking >= 20, (quoting, linking)


def test_open_data_gives_each_citation_as_an_object_with_its_excerpt(data):
    files = downloads(data)
    published = json.loads(files["donnees/otsc.json"])["fichiers"]
    events = published["timeline"]["events"]
    citations = [c for e in events for c in e["sources"]]
    assert all(
        isinstance(c, dict) and set(c) <= {"id", "extrait", "langue", "traduction", "sans_extrait"}
        for c in citations
    )
    quoted = [c for c in citations if "extrait" in c]
    assert quoted and all(("traduction" in c) == (c["langue"] != "fr") for c in quoted)
    rows = list(csv.DictReader(io.StringIO(files["donnees/extraits.csv"].lstrip("\ufeff"))))
    assert len(rows) == sum(len(c.citations) for c in claims(data))
    assert {r["source"] for r in rows} <= set(data.sources)
    schema = json.loads(files["donnees/schemas/timeline.schema.json"])
    assert "extrait" in json.dumps(schema["$defs"]["Citation"])


def test_at_least_95_percent_of_claims_carry_an_excerpt(data):
    total, without = coverage(data)
    assert total > 400
    assert len(without) <= total * 0.05, [c.words[:60] for c in without]
    for claim in without:  # the others say why, on one of their sources
        assert any(c.sans_extrait for c in claim.citations)


def test_the_claims_without_excerpt_are_listed_with_their_line_and_reason(capsys):
    from otsc_site.cli import main

    assert main(["--root", str(ROOT), "check"]) == 0
    assert re.search(r"Extraits : \d+ affirmations sur \d+ \(9\d,\d\u00a0%\)", capsys.readouterr().out)
    assert main(["--root", str(ROOT), "extraits"]) == 0
    lines = capsys.readouterr().out.splitlines()
    count = int(lines[0].split()[0])
    assert len(lines) == count + 1
    for line in lines[1:]:
        file, number = re.match(r"  (data/[a-z]+\.yml), ligne (\d+) : ", line).groups()
        assert "sans_extrait" in (ROOT / file).read_text(encoding="utf-8").split("\n")[int(number) + 1]
