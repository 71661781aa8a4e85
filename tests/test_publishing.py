"""Publishing: open data, JSON Schema, findability (meta, Open Graph, JSON-LD, sitemap, robots.txt),
the Atom feed, the deploy workflow and the ProperDocs build."""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml
from conftest import BIN, PAGES, ROOT, _env

from otsc_site.model import FILES
from otsc_site.opendata import file_schema

# Dates of pages and entries, the feed, the build date: run again by `make test` with the clock moved.
pytestmark = pytest.mark.horloge

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
ATOM = "{http://www.w3.org/2005/Atom}"
HTML_PAGES = [page + "index.html" for page in PAGES]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


# ---------------------------------------------------------------- open data


def test_the_json_download_validates_against_its_schema_and_round_trips(built_site, data):
    published = json.loads(read(built_site, "donnees/otsc.json"))
    schema = json.loads(read(built_site, "donnees/schemas/otsc.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(published)
    assert set(published["fichiers"]) == set(FILES)
    for name, model in FILES.items():  # back through the same models: the same data, nothing lost
        assert model.model_validate_json(json.dumps(published["fichiers"][name])) == data.files[name], name
    assert published["sources_verifiees_jusqu_au"] == data.organisation.sources_checked_until.iso
    assert "CC BY 4.0" in published["licence"]["donnees"] and "Natural Earth" in published["licence"]["carte"]


def test_a_broken_download_fails_its_schema(built_site):
    published = json.loads(read(built_site, "donnees/otsc.json"))
    schema = json.loads(read(built_site, "donnees/schemas/otsc.schema.json"))
    published["fichiers"]["timeline"]["events"][0]["date"] = "le 6 janvier"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(published)


def test_csv_downloads_hold_every_row_with_its_sources(built_site, data):
    def rows(path: str) -> list[dict]:
        text = read(built_site, path)
        assert text.startswith("\ufeff")
        return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))

    events = rows("donnees/chronologie.csv")
    assert [e["id"] for e in events] == [e.id for e in data.timeline.events]
    kazakhstan = next(e for e in events if e["date"] == "2022-01-06")
    assert kazakhstan["sources"] and all(s in data.sources for s in kazakhstan["sources"].split())
    members = rows("donnees/membres.csv")
    assert {m["etat"] for m in members} == set(data.states)
    assert any(m["etat"] == "armenie" and m["statut"] == "gelé" for m in members)
    sources = rows("donnees/sources.csv")
    assert {s["id"] for s in sources} == set(data.sources)
    assert all(s["adresse"].startswith("https://") for s in sources)


@pytest.mark.parametrize(
    "start", ["=", "+", "-", "@", "\t", " =", "  @", "\u00a0="]
)  # « \\r » is refused at loading
def test_a_title_a_spreadsheet_would_run_stays_text_in_csv_and_exact_in_json(project, start):
    from otsc_site import load_data
    from otsc_site.opendata import downloads

    planted = start + 'HYPERLINK("https://exemple.fr";"clic")'
    project.replace(
        "data/sources.yml",
        'title: "Armenia Accepts Russian Veto On Foreign Military Cooperation"',
        "title: " + json.dumps(planted),
    )
    files = downloads(load_data(project.path("data")))
    row = next(
        r
        for r in csv.DictReader(io.StringIO(files["donnees/sources.csv"].lstrip("\ufeff")))
        if r["id"] == "eurasianet-2012-10-05"
    )
    assert row["titre"] == "'" + planted
    published = json.loads(files["donnees/otsc.json"])["fichiers"]["sources"]["sources"]
    assert next(s for s in published if s["id"] == "eurasianet-2012-10-05")["title"] == planted


def test_the_open_data_page_links_every_download_and_its_licences(built_site):
    page = read(built_site, "donnees/index.html")
    for target in (
        "otsc.json",
        "chronologie.csv",
        "membres.csv",
        "sources.csv",
        "schemas/otsc.schema.json",
        "../feed.xml",
    ):
        assert f'href="{target}"' in page, target
    assert "creativecommons.org/licenses/by/4.0" in page and "naturalearthdata.com" in page


def test_committed_schemas_match_the_models_and_every_yaml_file_points_to_its_own():
    for name in FILES:
        committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert committed == file_schema(name), (
            f"schemas/{name}.schema.json est périmé : lancez « make schemas »"
        )
        first_line = (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"


def test_the_schemas_accept_the_real_data_and_refuse_an_unknown_field(data):
    for name in FILES:
        exported = data.files[name].model_dump(mode="json", exclude_defaults=True)
        jsonschema.Draft202012Validator(file_schema(name)).validate(exported)
    broken = data.files["faq"].model_dump(mode="json", exclude_defaults=True)
    broken["questions"][0]["reponse"] = "champ mal nommé"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(file_schema("faq")).validate(broken)


# ---------------------------------------------------------------- findability


def head_of(html: str) -> str:
    return html.split("</head>", 1)[0]


@pytest.mark.parametrize("path", HTML_PAGES)
def test_every_page_has_description_canonical_social_cards_and_the_feed(built_site, path):
    head = head_of(read(built_site, path))
    description = re.search(r'<meta name="description" content="([^"]+)"', head)
    assert description and 50 <= len(description.group(1)) <= 200
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head).group(1)
    assert canonical.startswith(SITE_URL)
    assert re.search(rf'<meta property="og:url" content="{re.escape(canonical)}">', head)
    for prop in ("og:title", "og:description", "og:image", "og:locale", "og:site_name", "og:type"):
        assert re.search(rf'<meta property="{prop}" content="[^"]+">', head), prop
    assert '<meta name="twitter:card" content="summary_large_image">' in head
    assert f'content="{SITE_URL}images/partage.png"' in head
    assert (
        '<link rel="alternate feed" type="application/atom+xml" '
        f'title="L’OTSC expliquée : chronologie et corrections" href="{SITE_URL}feed.xml">' in head
    )


def test_every_page_has_a_description_of_its_own(built_site):
    """Not another page's (the numbered pages of a list say which page they are), nor the site's,
    which Material shows when a page's front matter has none (as on 404.html)."""
    described: dict[str, list[str]] = {}
    for path in HTML_PAGES:
        found = re.search(r'<meta name="description" content="([^"]+)"', head_of(read(built_site, path)))
        described.setdefault(found.group(1), []).append(path)
    site = re.search(r'<meta name="description" content="([^"]+)"', read(built_site, "404.html")).group(1)
    assert described.get(site) is None
    assert [paths for paths in described.values() if len(paths) > 1] == []


def test_the_social_picture_is_committed_and_the_right_size(built_site):
    png = (built_site / "images" / "partage.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 630) and len(png) < 150_000


def test_sitemap_lists_every_page_and_robots_points_to_it(built_site):
    sitemap = ET.fromstring(read(built_site, "sitemap.xml"))
    urls = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for path in HTML_PAGES:
        assert SITE_URL + path.removesuffix("index.html") in urls, path
    assert (
        gzip.decompress((built_site / "sitemap.xml.gz").read_bytes())
        == (built_site / "sitemap.xml").read_bytes()
    )
    robots = read(built_site, "robots.txt")
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots


def json_ld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_json_ld_organization_on_the_home_page(built_site, data):
    (block,) = json_ld_blocks(read(built_site, "index.html"))
    assert block["@context"] == "https://schema.org" and block["@type"] == "Organization"
    assert block["name"] == "Organisation du traité de sécurité collective"
    assert {"OTSC", "CSTO", "ОДКБ"} <= set(block["alternateName"])
    assert block["foundingDate"] == "2002-10-07" and block["url"] == SITE_URL
    assert sorted(m["name"] for m in block["member"]) == sorted(
        data.states[s].name for s in data.organisation.members
    )


def test_json_ld_faq_page_has_every_question_with_an_answer(built_site, data):
    (block,) = json_ld_blocks(read(built_site, "faq/index.html"))
    assert block["@type"] == "FAQPage"
    assert len(block["mainEntity"]) == len(data.faq.questions)
    for item in block["mainEntity"]:
        assert item["@type"] == "Question" and item["name"].endswith("?")
        assert item["acceptedAnswer"]["@type"] == "Answer" and len(item["acceptedAnswer"]["text"]) > 40
        assert "](" not in item["acceptedAnswer"]["text"]  # Markdown links become plain text


def test_json_ld_events_on_their_period_page(built_site, data):
    from otsc_site.pages import past_due

    assert json_ld_blocks(read(built_site, "chronologie/index.html")) == []  # the overview lists no event
    events = []
    for period in data.timeline.periods:
        (block,) = json_ld_blocks(read(built_site, f"chronologie-{period.id}/index.html"))
        for event in block["@graph"]:
            assert event["url"].startswith(f"{SITE_URL}chronologie-{period.id}/#")
            html = read(built_site, f"chronologie-{period.id}/index.html")
            assert f'id="{event["url"].split("#")[1]}"' in html  # the address leads to the event
        events += block["@graph"]
    assert len(events) == len(data.timeline.events)
    for event, source in zip(events, data.timeline.events, strict=True):
        assert (
            event["@type"] == "Event"
            and event["name"]
            and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["startDate"])
        )
        assert event["url"].endswith(f"/#{source.id}")
        # « scheduled » only while the date is ahead: past it, the sources do not say what happened.
        assert ("eventStatus" in event) == (source.status == "annoncé" and not past_due(source))


def test_pages_without_structured_data_have_no_json_ld_block(built_site):
    assert json_ld_blocks(read(built_site, "membres/index.html")) == []


# ---------------------------------------------------------------- Atom feed


def test_the_atom_feed_lists_timeline_additions_newest_first(built_site, data):
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}id").text == SITE_URL + "feed.xml"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(data.timeline.events) + len(data.corrections.corrections)
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(f"{ATOM}updated").text == updated[0]
    for entry in entries:
        # The id stays what was first published; the link is where the event is now.
        assert entry.find(f"{ATOM}id").text.startswith(
            (f"{SITE_URL}chronologie/#", f"{SITE_URL}corrections/#")
        )
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        page, anchor = link.removeprefix(SITE_URL).split("#")
        assert page.startswith(("chronologie-", "corrections")) and entry.find(f"{ATOM}id").text.endswith(
            "#" + anchor
        )
        assert f'id="{anchor}"' in read(built_site, page + "index.html")
        assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}summary").text
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", entry.find(f"{ATOM}updated").text)
    announced = [e for e in entries if e.find(f"{ATOM}title").text.startswith("Annoncé : ")]
    assert len(announced) == sum(1 for e in data.timeline.events if e.status == "annoncé")


def test_an_event_added_later_comes_first_in_the_feed(project):
    import datetime as dt

    today = dt.date.today().isoformat()  # no event of the data can be added later than the build day
    project.replace(
        "data/timeline.yml",
        "    title: Sommet anniversaire à Moscou\n",
        f"    title: Sommet anniversaire à Moscou\n    added: {today}\n",
    )
    from otsc_site.checks import load_data as load
    from otsc_site.publishing import atom_feed

    feed = ET.fromstring(atom_feed(load(project.root / "data"), "https://exemple.fr/"))
    entries = feed.findall(f"{ATOM}entry")
    days = [e.find(f"{ATOM}updated").text for e in entries]
    assert days == sorted(days, reverse=True)  # newest first, corrections and events together
    events = [e for e in entries if "/chronologie/" in e.find(f"{ATOM}id").text]
    assert events[0].find(f"{ATOM}title").text == "Sommet anniversaire à Moscou"
    assert events[0].find(f"{ATOM}updated").text == f"{today}T00:00:00Z"


# ---------------------------------------------------------------- deploy workflow


def test_the_workflow_tests_then_publishes_to_github_pages():
    workflow = yaml.load(
        (ROOT / ".github" / "workflows" / "publier.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    assert set(workflow["on"]) >= {"push", "workflow_dispatch"}
    jobs = workflow["jobs"]
    test_steps = " ".join(s.get("run", "") + s.get("uses", "") for s in jobs["test"]["steps"])
    assert "make test" in test_steps and "actionlint" in test_steps
    assert jobs["publier"]["needs"] == "test"
    assert jobs["publier"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s["uses"] for job in jobs.values() for s in job["steps"] if "uses" in s]
    assert all(re.search(r"@v\d+$", u) for u in uses), uses
    publish = " ".join(s.get("run", "") + s.get("uses", "") for s in jobs["publier"]["steps"])
    assert "make build" in publish and "upload-pages-artifact" in publish and "deploy-pages" in publish


# ---------------------------------------------------------------- ProperDocs


@pytest.mark.lent
def test_properdocs_builds_the_same_site(built_site, tmp_path):
    out = tmp_path / "properdocs-site"
    result = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert result.returncode == 0, result.stderr
    ours = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert ours == theirs
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    for path in ours:
        if path.suffix == ".gz":
            continue
        mine, other = (built_site / path).read_bytes(), (out / path).read_bytes()
        assert generator.sub(b"", mine) == generator.sub(b"", other), path


# ---------------------------------------------------------------- « Mis à jour le », « Citer cette page »


def _last_commit_day(*paths: str) -> str:
    return max(map(_day_of, paths))


@functools.cache  # the pages share most of their inputs (macros, sources…): git asked once for each
def _day_of(path: str) -> str:
    import datetime as dt

    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", path], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    stamp = subprocess.run(
        ["git", "log", "-1", "--format=%ct", "--", path], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if dirty or not stamp:
        return dt.date.today().isoformat()
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date().isoformat()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_its_update_date_and_a_ready_citation(built_site, path):
    from fnmatch import fnmatch

    from otsc_site.history import hand_written_inputs
    from otsc_site.pages import Renderer

    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    source = "index.md" if path == "" else path.strip("/") + ".md"
    renderer = Renderer(ROOT / "templates")
    # A page of a split list (chronologie-sans-armenie.md) is drawn by the spec of its pattern.
    # A numbered page (corrections-2.md) goes on the list of its spec's own page.
    spec = (
        next((s for s in renderer.specs if s.page == source), None)
        or next((s for s in renderer.specs if "*" in s.page and fnmatch(source, s.page)), None)
        or next(
            (
                s
                for s in renderer.specs
                if s.parts and re.fullmatch(re.escape(s.page[:-3]) + r"-\d+\.md", source)
            ),
            None,
        )
    )
    files = renderer.inputs(spec) if spec else hand_written_inputs(source)
    assert spec or (ROOT / "docs" / source).exists(), source
    day = _last_commit_day(*files)
    assert f'Mis à jour le <time datetime="{day}">' in html
    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', html, flags=re.S).group(1)
    assert re.match(
        r"[^<.]+\. In&nbsp;: <i>L’OTSC expliquée</i> \[en ligne\]\. Mis à jour le \d+", citation
    ), citation
    assert f'Disponible à l’adresse&nbsp;: <span class="adresse">{SITE_URL}{path}</span>' in citation
    assert 'id="citer-cette-page"' in html and "copier-citation" in html
