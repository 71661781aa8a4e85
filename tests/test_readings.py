"""The further-reading page and the « Signaler une erreur » link on every page (issue 22)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from conftest import page_html


def test_the_reading_list_gives_french_readings_first_each_checked_and_described(built_site, data):
    readings = data.readings.readings
    assert len(readings) >= 8
    languages = [data.sources[r.sources[0].id].language for r in readings]
    assert languages.count("fr") >= 5
    html = page_html(built_site, "lectures")
    sections = re.findall(r'<h2 id="([a-z]{2})"', html)
    assert sections[0] == "fr" and set(sections) == set(languages)
    for r in readings:
        source = data.sources[r.sources[0].id]
        assert r.sources[0].extrait, source.id  # its own words show what it covers
        link = re.search(
            rf'<a href="{re.escape(source.url)}"( hreflang="([a-z]{{2}})")?>', html.replace("&amp;", "&")
        )
        assert link, source.url
        assert (link.group(2) or "fr") == source.language
    assert "lectures/" in page_html(built_site, "")  # in the menu


def test_every_page_offers_to_report_an_error_with_its_title_and_address(built_site):
    pages = [p for p in built_site.rglob("index.html") if (p.parent / "index.html").exists()]
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'class="citer"' not in html:
            continue
        link = re.search(r'<p class="signaler">Une erreur \? <a href="([^"]+)">Signalez-la</a>', html)
        assert link, page
        url = urlsplit(link.group(1).replace("&amp;", "&"))
        assert (url.scheme, url.netloc, url.path) == (
            "https",
            "github.com",
            "/otsc-expliquee/otsc-expliquee/issues/new",
        )
        # every value percent-encoded: a title with « ? », « & » or « # » cannot cut the address
        assert all(re.fullmatch(r"(title|body)=[A-Za-z0-9%._~/-]+", part) for part in url.query.split("&")), (
            url.query
        )
        query = parse_qs(url.query)
        assert set(query) == {"title", "body"}
        assert query["title"][0].startswith("Erreur : ")
        shown = query["title"][0].removeprefix("Erreur : ")
        cited = re.search(r'<p class="citation" id="citation">(.*?)\. In', html).group(
            1
        )  # the title, as cited
        assert shown == cited.replace("&#39;", "'"), (page, shown)
        address = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert query["body"][0].startswith(f"Page : {address}\n")
        checked += 1
    assert checked >= 30
    assert 'id="signaler-une-erreur"' in page_html(built_site, "a-propos")
