"""No broken link: the strict MkDocs build checks Markdown links and anchors, one pass over the
built HTML (otsc_site.links) every link and anchor, those written in raw HTML and the theme's too.
External links are only inventoried here; `make linkcheck-external` checks them online."""

from __future__ import annotations

import html
import re

import pytest
from conftest import PLANTED_LINKS, ROOT

from otsc_site.links import broken_links

EXTERNAL_ALLOWED = (
    re.compile(r"^https://github\.com/otsc-expliquee/otsc-expliquee/edit/main/"),  # « Modifier cette page »
    re.compile(
        r"^https://github\.com/otsc-expliquee/otsc-expliquee/issues/new\?title=[^&]+&body=[^&]+$"
    ),  # « Signalez-la »
    re.compile(r"^https://creativecommons\.org/licenses/by/4\.0/deed\.fr$"),  # licence des données
    re.compile(r"^https://www\.naturalearthdata\.com/about/terms-of-use/$"),  # licence de la carte
)


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


def test_broken_markdown_link_or_anchor_fails_the_build(refused_build):
    """MkDocs' strict build, as configured (validation in mkdocs.yml), refuses a link to a missing page
    and one to a missing anchor: both planted in one build (conftest.PLANTED_LINKS), both reported."""
    result = refused_build.result
    assert result.returncode != 0
    for expected in PLANTED_LINKS:
        assert re.search(rf"'a-propos\.md'.*{re.escape(expected)}", result.stderr), result.stderr


def planted_site(built_site, tmp_path, planted: str):
    """A copy of the built site whose À propos page holds `planted`, as raw HTML in its article: the
    check reads built pages, so planting in one is enough (MkDocs never looks inside raw HTML)."""
    import os
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site, copy_function=os.link)  # hard links, not copies of its 7 MB
    page = site / "a-propos" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "</article>" in text
    page.unlink()  # the built site's own file stays as it was
    page.write_text(text.replace("</article>", f"<p>{planted}</p></article>", 1), encoding="utf-8")
    return site


@pytest.mark.parametrize(
    "planted, expected",
    [
        ('<a href="../page-absente/">une page</a>', "../page-absente/ (page ou fichier absent)"),
        (
            '<a href="../chronologie/#evenement-absent">une ancre</a>',
            "../chronologie/#evenement-absent (ancre absente)",
        ),
        ('<a href="#ancre-absente">une ancre de la page</a>', "#ancre-absente (ancre absente)"),
        ('<img src="../images/absente.png" alt="">', "../images/absente.png (page ou fichier absent)"),
    ],
)
def test_a_broken_link_written_in_raw_html_fails_the_check(built_site, tmp_path, planted, expected):
    assert broken_links(planted_site(built_site, tmp_path, planted)) == [f"a-propos/ → {expected}"]


def test_two_broken_anchors_in_raw_html_are_both_reported(built_site, tmp_path):
    site = planted_site(
        built_site,
        tmp_path,
        '<a href="../sources/#source-absente">a</a> <a href="../faq/#question-absente">b</a>',
    )
    assert broken_links(site) == [
        "a-propos/ → ../sources/#source-absente (ancre absente)",
        "a-propos/ → ../faq/#question-absente (ancre absente)",
    ]
