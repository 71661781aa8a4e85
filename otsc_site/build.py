"""One build: load and check the data, render every page, draw the other files; kept for the same inputs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .cache import inputs_digest, read_store, write_store
from .errors import DataError
from .history import build_date, last_changes
from .rendered import Built, RenderedPage


def build_pages(root: Path, site_url: str = "") -> Built:
    """Load and check `root/data`, then render every page of `root/templates/pages.yml`.

    Also returns the glossary's abbreviation lines, for pages written by hand, and the other files
    drawn from the data (open data, Atom feed, robots.txt), by path. The result is kept for the same
    inputs (data, templates, this package's code and the libraries it renders with, the site's
    address): in memory for the next rebuild under `make serve`, on disk for the next `make build`.
    A change re-parses only the changed files and reuses the Jinja environment.
    """
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    today = build_date()
    changes = last_changes(root, today)
    key = inputs_digest(root, site_url, changes, today)
    cached = _BUILT.get(root)
    if cached and cached[0] == key:
        return cached[1]
    store = root / "build" / "cache" / "rendered"
    result = read_store(store / f"{key}.json", changes)
    if result is None:
        from .checks import load_data
        from .opendata import downloads
        from .pages import Renderer, abbreviations
        from .publishing import FEED_PATH, anchors_index, atom_feed, chronology_index, json_ld, robots_txt

        data = load_data(root / "data")
        renderer = _RENDERERS.get(root) or _RENDERERS.setdefault(root, Renderer(root / "templates"))
        rendered = renderer.render_all(data, changes)
        moved = renderer.moved
        check_anchors(root, data, rendered, moved)
        blocks = json_ld([p.page for p in rendered], data, site_url, moved)
        pages = [_with_json_ld(p, blocks[p.page]) for p in rendered]
        files = {
            **downloads(data),
            FEED_PATH: atom_feed(data, site_url, moved),
            "robots.txt": robots_txt(site_url),
            "chronologie/evenements.json": chronology_index(data, moved),
            "sources/ancres.json": anchors_index("sources.md", moved),
            "corrections/ancres.json": anchors_index("corrections.md", moved),
        }
        result = Built(pages, abbreviations(data), files, changes)
        write_store(store, f"{key}.json", result)
    _BUILT[root] = (key, result)
    return result


def check_anchors(root: Path, data, rendered: list[RenderedPage], moved: dict[str, str]) -> None:
    """Links of the data lead to anchors that exist, and no id takes a page's own anchor."""
    from .anchors import anchor_problems

    problems = list(anchor_problems(data, {p.page: p.markdown for p in rendered}, moved, root / "docs"))
    if problems:
        raise DataError(problems)


def _with_json_ld(page: RenderedPage, block: str) -> RenderedPage:
    """The page's JSON-LD goes into its front matter (`jsonld`), where the theme override finds it."""
    if not block or not page.markdown.startswith("---\n"):
        return page
    markdown = page.markdown.replace("\n---", f"\njsonld: {json.dumps(block, ensure_ascii=False)}\n---", 1)
    return replace(page, markdown=markdown)


_RENDERERS: dict = {}  # root → its Renderer
_BUILT: dict[Path, tuple[str, Built]] = {}
