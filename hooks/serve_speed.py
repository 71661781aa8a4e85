"""What `make serve` does faster than MkDocs alone, each for a budget of `make bench`, in one place.

Three tricks reach into MkDocs' or Material's private attributes. Each checks first that they are
there and otherwise steps aside (MkDocs' own behaviour, slower) with a warning;
tests/test_hook_internals.py fails if a MkDocs, ProperDocs or Material release renames them.
Only `make serve` uses them: `make build` is MkDocs' plain build.
"""

from __future__ import annotations

import sys

# - native file watching (reload after a save ≤ 1 s: MkDocs polls every 0.5 s);
SERVER_INTERNALS = ("_watched_paths", "_watch_refs", "observer")
# - a page whose Markdown did not change is not converted again (rebuild ≤ 1.10× plain MkDocs): what
#   MkDocs learns while converting it is kept with its HTML;
PAGE_INTERNALS = ("toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
# - a page whose HTML did not change is not parsed again by Material's search plugin (reload ≤ 1 s:
#   the plugin parsed the 26 pages at every build, a third of a rebuild).
SEARCH_INTERNALS = ("search_index", "add_entry_from_context", "entries")

_converted: dict[str, dict] = {}  # by page: its key, HTML and what MkDocs learnt converting it
_indexed: dict[str, tuple] = {}  # by page: its key and its search entries
counts = {"gardées": 0, "converties": 0, "indexées": 0}  # pages of this build, said in the log


def _missing(obj, names: tuple[str, ...]) -> list[str]:
    missing = [name for name in names if not hasattr(obj, name)]
    if missing:
        print(
            f"AVERTISSEMENT - hooks/serve_speed.py : MkDocs n'a plus {', '.join(missing)} ; "
            "make serve s'en passe (reconstruction plus lente).",
            file=sys.stderr,
            flush=True,
        )
    return missing


def watch_natively(server):
    """The system's own notifications (inotify on Linux, FSEvents on macOS, through the same
    watchdog library) see a saved file at once. Only writes count: a build reads every watched file,
    and reads must not start another build."""
    if _missing(server, SERVER_INTERNALS):
        return server
    try:
        from watchdog import events
        from watchdog.observers import Observer

        native = Observer()
    except Exception:  # noqa: BLE001 - no native watcher here: MkDocs' polling stays
        return server
    writes = [
        events.FileModifiedEvent,
        events.FileClosedEvent,
        events.FileCreatedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]
    schedule = native.schedule
    native.schedule = lambda handler, path, **kw: schedule(handler, path, event_filter=writes, **kw)
    watched = list(server._watched_paths)
    server.observer, server._watched_paths, server._watch_refs = native, {}, {}
    for path in watched:
        server.watch(path)
    return server


def index_once(search_plugin) -> None:
    """Material's search plugin gets back the entries of a page whose HTML did not change."""
    if search_plugin is None or _missing(search_plugin, SEARCH_INTERNALS[:1]):
        return
    index = search_plugin.search_index
    if _missing(index, SEARCH_INTERNALS[1:]):
        return
    add = index.add_entry_from_context

    def add_entry(page):  # the entries depend on what the page shows and where: nothing else
        key = (page.content, str(page.toc), page.url, page.title, repr(page.meta))
        kept = _indexed.get(page.file.src_uri)
        if kept and kept[0] == key:
            index.entries.extend(kept[1])
            return
        start = len(index.entries)
        counts["indexées"] += 1
        add(page)
        _indexed[page.file.src_uri] = (key, index.entries[start:])

    index.add_entry_from_context = add_entry


def keep_or_convert(markdown: str, page, site_key) -> str:
    """Before conversion: a page whose Markdown, site files and config did not change since the last
    build is marked kept, and gets no Markdown to convert."""
    page.otsc_key = (markdown, site_key)
    kept = _converted.get(page.file.src_uri)
    if kept and kept["key"] == page.otsc_key:
        page.otsc_kept = kept
        return ""
    return markdown


def restore_or_remember(html: str, page, files) -> str:
    """After conversion: a kept page gets its HTML and what MkDocs learnt back; a converted one is
    remembered for the next build."""
    kept = getattr(page, "otsc_kept", None)
    counts["gardées" if kept else "converties"] += 1
    if kept:
        for name, value in kept["rendered"].items():
            setattr(page, name, value)
        if page.links_to_anchors:  # keyed by last build's File objects: point them at this build's files
            page.links_to_anchors = {
                files.get_file_from_path(f.src_uri) or f: anchors
                for f, anchors in page.links_to_anchors.items()
            }
        return kept["html"]
    if not _missing(page, PAGE_INTERNALS):
        rendered = {name: getattr(page, name) for name in PAGE_INTERNALS}
        _converted[page.file.src_uri] = {"key": page.otsc_key, "html": html, "rendered": rendered}
    return html


def report() -> str:
    """One line for the serve log, then the counts start again."""
    line = (
        f"Pages gardées sans nouvelle conversion : {counts['gardées']} ; converties : "
        f"{counts['converties']} ; "
        f"indexées pour la recherche : {counts['indexées']}"
    )
    counts.update({"gardées": 0, "converties": 0, "indexées": 0})
    return line
