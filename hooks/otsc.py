"""MkDocs adapter: the pages drawn from data/ and templates/ by `otsc_site`, kept in memory.

Data is read and checked in `on_pre_build`, before MkDocs empties the site folder, so a bad
edit stops `make build` with the editors' messages and no traceback. Under `make serve`, a bad
edit is reported and the last good pages stay on screen until the file is fixed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from otsc_site import DataError, build_pages
from otsc_site.csp import with_csp
from otsc_site.history import page_dates
from otsc_site.cache import bytecode_cache
from otsc_site.pages import build_date
from otsc_site.search import enrich
from otsc_site.trim import trim_site

_last_good: dict = {"command": None, "pages": None, "abbreviations": "", "files": {}, "changes": {}, "site_key": None}

# ---------------------------------------------------------------- MkDocs internals, in one place
# Two tricks reach into MkDocs' private attributes, each for a budget of `make bench`. Both check
# first that the attributes are there and otherwise step aside (MkDocs' own behaviour, slower), with
# a warning; tests/test_hook_internals.py fails if a MkDocs or ProperDocs release renames them.
# - native file watching (reload after a save ≤ 1 s: MkDocs polls every 0.5 s);
SERVER_INTERNALS = ("_watched_paths", "_watch_refs", "observer")
# - under `make serve`, a page whose Markdown did not change is not converted again (rebuild ≤ 1.10×
#   plain MkDocs): what MkDocs learns while converting it is kept with its HTML.
PAGE_INTERNALS = ("toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
# - under `make serve`, a page whose HTML did not change is not parsed again by Material's search
#   plugin (reload ≤ 1 s: the plugin parsed the 26 pages at every build, a third of a rebuild).
SEARCH_INTERNALS = ("search_index", "add_entry_from_context", "entries")


def _missing(obj, names: tuple[str, ...]) -> list[str]:
    missing = [name for name in names if not hasattr(obj, name)]
    if missing:
        print(f"AVERTISSEMENT - hooks/otsc.py : MkDocs n'a plus {', '.join(missing)} ; "
              "le hook s'en passe (construction plus lente).", file=sys.stderr, flush=True)
    return missing


def on_startup(command, dirty):
    _last_good["command"] = command


def on_config(config):
    search = config.plugins.get("material/search")
    if _last_good["command"] != "serve" or search is None or _missing(search, SEARCH_INTERNALS[:1]):
        return
    index = search.search_index
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
        _counts["indexées"] += 1
        add(page)
        _indexed[page.file.src_uri] = (key, index.entries[start:])

    index.add_entry_from_context = add_entry


_indexed: dict[str, tuple] = {}


def on_serve(server, config, builder):
    # MkDocs 1.6 polls the watched folders every 0.5 s. The system's own notifications (inotify on
    # Linux, FSEvents on macOS, through the same watchdog library) see a saved file at once. Only
    # writes count: a build reads every watched file, and reads must not start another build.
    if _missing(server, SERVER_INTERNALS):
        return server
    try:
        from watchdog import events
        from watchdog.observers import Observer

        native = Observer()
    except Exception:  # noqa: BLE001 - no native watcher here: MkDocs' polling stays
        return server
    writes = [events.FileModifiedEvent, events.FileClosedEvent, events.FileCreatedEvent,
              events.FileDeletedEvent, events.FileMovedEvent, events.DirCreatedEvent,
              events.DirDeletedEvent, events.DirMovedEvent]
    schedule = native.schedule
    native.schedule = lambda handler, path, **kw: schedule(handler, path, event_filter=writes, **kw)
    watched = list(server._watched_paths)
    server.observer, server._watched_paths, server._watch_refs = native, {}, {}
    for path in watched:
        server.watch(path)
    return server


def on_pre_build(config):
    try:
        built = build_pages(Path(config.config_file_path).parent, config.site_url or "")
        _last_good.update(pages=built.pages, abbreviations=built.abbreviations, files=built.files,
                          changes=built.changes)
    except DataError as err:
        if _last_good["command"] != "serve" or _last_good["pages"] is None:
            raise PluginError(err.report()) from None
        # Printed, not logged: a logged error would make the strict build abort and blank the site.
        print(f"ERREUR - {err.report()}\nLe site garde les dernières pages valides : corrigez le fichier, "
              "l'affichage suivra.", file=sys.stderr, flush=True)


def on_env(env, config, files):
    # MkDocs compiles every theme template again at each build; compiled once, they are kept on
    # disk (a cold build reuses them) and in memory (a rebuild under `make serve` does).
    env.bytecode_cache = bytecode_cache(Path(config.config_file_path).parent / "build" / "cache" / "theme", env)
    return env


def on_files(files, config):
    for f in files.documentation_pages():
        f.edit_uri = f"docs/{f.src_uri}"
    for page in _last_good["pages"]:
        generated = File.generated(config, page.page, content=page.markdown,  # parts: linked from their overview
                                   inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV)
        generated.edit_uri = page.data_file
        files.append(generated)
    for path, content in _last_good["files"].items():  # open data, Atom feed, robots.txt
        files.append(File.generated(config, path, content=content))
    if _last_good["command"] == "serve":  # what every kept page depends on besides its Markdown
        _last_good["site_key"] = (tuple(f.src_uri for f in files), Path(config.config_file_path).read_bytes())
    return files


def on_page_markdown(markdown, page, config, files):
    # Hand-written pages get the glossary's tooltips too (generated pages carry them already), and
    # the day their file last changed, for « Mis à jour le » and « Citer cette page ».
    if not page.file.generated_by:
        markdown += "\n" + _last_good["abbreviations"]
        for key, value in page_dates(_last_good["changes"], [f"docs/{page.file.src_uri}"], build_date()).items():
            page.meta.setdefault(key, value)
    if _last_good["command"] != "serve":
        return markdown
    # Under `make serve`, a page whose Markdown, site files and config did not change since the last
    # build is not converted again: its HTML and what MkDocs learnt while converting it come back.
    key = (markdown, _last_good["site_key"])
    page.otsc_key = key
    kept = _converted.get(page.file.src_uri)
    if kept and kept["key"] == key:
        page.otsc_kept = kept
        return ""
    return markdown


_converted: dict[str, dict] = {}
_counts = {"gardées": 0, "converties": 0, "indexées": 0}  # pages of this build under `make serve`, said in the log


def on_page_content(html, page, config, files):
    kept = getattr(page, "otsc_kept", None)
    if hasattr(page, "otsc_key"):
        _counts["gardées" if kept else "converties"] += 1
    if kept:
        for name, value in kept["rendered"].items():
            setattr(page, name, value)
        if page.links_to_anchors:  # keyed by last build's File objects: point them at this build's files
            page.links_to_anchors = {files.get_file_from_path(f.src_uri) or f: anchors
                                     for f, anchors in page.links_to_anchors.items()}
        return kept["html"]
    if hasattr(page, "otsc_key") and not _missing(page, PAGE_INTERNALS):
        rendered = {name: getattr(page, name) for name in PAGE_INTERNALS}
        _converted[page.file.src_uri] = {"key": page.otsc_key, "html": html, "rendered": rendered}
    return html


def on_post_page(output, page, config):
    # A strict policy: the theme's inline scripts are allowed by their hash, none from the content.
    return with_csp(output, page.content or "")


def on_post_template(output, template_name, config):
    return with_csp(output) if template_name.endswith(".html") else output  # 404.html


def on_post_build(config):
    if _last_good["command"] == "serve":
        logging.getLogger("mkdocs").info(
            "Pages gardées sans nouvelle conversion : %d ; converties : %d ; indexées pour la recherche : %d",
            _counts["gardées"], _counts["converties"], _counts["indexées"])
        _counts.update({"gardées": 0, "converties": 0, "indexées": 0})
    # Runs after Material's search plugin has written its index (hooks come after plugins).
    index = Path(config.site_dir) / "search" / "search_index.json"
    index.write_text(enrich(index.read_text(encoding="utf-8")), encoding="utf-8")
    if _last_good["command"] != "serve":  # what readers download; an editor's preview skips it (reload ≤ 1 s)
        trim_site(Path(config.site_dir))
