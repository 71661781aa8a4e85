"""One build: load and check the data, render every page, draw the other files; kept for the same inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .cache import inputs_digest, read_store, write_store
from .errors import DataError
from .history import build_date, date_keys, hand_written_dates, last_changes
from .rendered import Built, RenderedPage


def build_pages(root: Path, site_url: str = "", live: bool = False) -> Built:
    """Load and check `root/data`, then render every page of `root/templates/pages.yml`.

    Also returns the glossary's abbreviation lines, for pages written by hand, the other files drawn
    from the data (open data, Atom feed, robots.txt), by path, and what goes into each page's front
    matter (its dates, its JSON-LD), for the hook and the export alike. The result is kept for the
    same inputs (data, templates, this package's code and the libraries it renders with, the site's
    address): in memory for the next rebuild under `make serve`, on disk for the next `make build`.
    A change re-parses only the changed files and reuses the Jinja environment.

    `live` (`make serve`): the rendering kept on disk is neither read nor written. The server's
    address is in its key, so no `make build` could reuse it; and a server started from it would have
    drawn nothing yet, so that the first edit would draw every page, not only those it changes.
    """
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    today = build_date()
    changes = last_changes(root, today)
    key = inputs_digest(root, site_url, changes, today)
    cached = _BUILT.get(root)
    result = cached[1] if cached and cached[0] == key else None
    store = None if live else root / "build" / "cache" / "rendered"
    if result is None and store:
        result = read_store(store / f"{key}.json", changes)
    if result is None:
        from .checks import load_data
        from .opendata import downloads
        from .pages import Renderer, abbreviations
        from .publishing import FEED_PATH, anchors_index, atom_feed, chronology_index, json_ld, robots_txt

        data = load_data(root / "data")
        renderer = _RENDERERS.get(root) or _RENDERERS.setdefault(root, Renderer(root / "templates"))
        pages = renderer.render_all(data, changes)
        moved = renderer.moved
        check_anchors(root, data, pages, moved)
        meta = {p.page: date_keys(dt.date.fromisoformat(p.updated)) for p in pages}
        for page, block in json_ld([p.page for p in pages], data, site_url, moved).items():
            if block:
                meta[page]["jsonld"] = block
        files = {
            **downloads(data),
            FEED_PATH: atom_feed(data, site_url, moved),
            "robots.txt": robots_txt(site_url),
            "chronologie/evenements.json": chronology_index(data, moved),
            "sources/ancres.json": anchors_index("sources.md", moved),
            "corrections/ancres.json": anchors_index("corrections.md", moved),
        }
        result = Built(pages, abbreviations(data), files, changes, meta)
        if store:
            write_store(store, f"{key}.json", result)
    _BUILT[root] = (key, result)
    # Pages written by hand: read again at each build (one added to docs/ has its dates at once).
    return result._replace(meta={**hand_written_dates(root / "docs", changes, today), **result.meta})


def check_anchors(root: Path, data, rendered: list[RenderedPage], moved: dict[str, str]) -> None:
    """Links of the data lead to anchors that exist, and no id takes a page's own anchor."""
    from .anchors import anchor_problems

    problems = list(anchor_problems(data, {p.page: p.markdown for p in rendered}, moved, root / "docs"))
    if problems:
        raise DataError(problems)


_RENDERERS: dict = {}  # root → its Renderer
_BUILT: dict[Path, tuple[str, Built]] = {}
