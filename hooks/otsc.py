"""MkDocs adapter: the pages drawn from data/ and templates/ by `otsc_site`, kept in memory.

Data is read and checked in `on_pre_build`, before MkDocs empties the site folder, so a bad
edit stops `make build` with the editors' messages and no traceback. Under `make serve`, a bad
edit is reported and the last good pages stay on screen until the file is fixed.

`make serve` runs `mkdocs serve --dirty`: MkDocs then builds again only the pages whose File says
it is modified. Each page says so when what it shows changed since the last build (its Markdown,
the list of pages, mkdocs.yml, the theme overrides), and the search index is made whole again.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from watchdog import events
from watchdog.observers import Observer

from otsc_site import DataError, build_pages
from otsc_site.allowlist import refusal
from otsc_site.cache import bytecode_cache
from otsc_site.csp import with_csp
from otsc_site.search import PreviewIndex, enrich
from otsc_site.trim import trim_site

_last_good: dict = {"command": None, "pages": None, "abbreviations": "", "files": {}, "meta": {}}
_preview = {"dirty": False, "shown": {}, "next": {}, "built": [], "index": PreviewIndex()}


class _Page(File):
    """A page that `mkdocs serve --dirty` builds again only if what it shows changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def on_startup(command, dirty):
    _last_good["command"], _preview["dirty"] = command, dirty
    # MkDocs warns that a dirty build may leave menus and links stale, which would stop the strict
    # build: here a page is built again whenever the list of pages or the configuration changes.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda r: "'dirty' build" not in r.getMessage())


class _Saves(Observer):
    """The system's notifications (inotify, FSEvents) instead of MkDocs' polling every 0.5 s: a save
    is seen at once. Writes only, since a build reads every watched file."""

    def schedule(self, handler, path, **options):
        return super().schedule(handler, path, **options, event_filter=_WRITES)


_WRITES = [
    getattr(events, f"File{kind}Event") for kind in ("Modified", "Closed", "Created", "Deleted", "Moved")
]


def on_serve(server, config, builder):
    # `mkdocs serve --clean` starts as a « build »: from its rebuilds on, it is a preview like any
    # other (a bad edit keeps the last good pages, no CSS trim, no allowlist).
    _last_good["command"] = "serve"
    # MkDocs builds once no change has come for `build_delay` (0.1 s), so that a burst of saves gives
    # one build; the system reports a save as soon as it is written: 0.02 s is enough (reload −0.07 s).
    server.build_delay = 0.02
    # What MkDocs watches by now (docs/, mkdocs.yml and, with --watch-theme, the theme's folders) moves to
    # the system's notifications through the server's own `unwatch` and `watch`; data/ and templates/
    # (`watch:` in mkdocs.yml) come next. `_watched_paths`: tests/test_material_internals.py.
    watched = [path for path, times in server._watched_paths.items() for _ in range(times)]
    for path in watched:
        server.unwatch(path)
    server.observer = _Saves()
    for path in watched:
        server.watch(path)


def on_pre_build(config):
    try:
        root, live = Path(config.config_file_path).parent, _last_good["command"] == "serve"
        _last_good.update(build_pages(root, config.site_url or "", live)._asdict())
    except DataError as err:
        if _last_good["command"] != "serve" or _last_good["pages"] is None:
            raise PluginError(err.report()) from None
        # Printed, not logged: a logged error would make the strict build abort and blank the site.
        print(err.report_kept(), file=sys.stderr, flush=True)


def on_env(env, config, files):
    # MkDocs compiles every theme template again at each build; compiled once, they are kept on
    # disk (a cold build reuses them) and in memory (a rebuild under `make serve` does).
    env.bytecode_cache = bytecode_cache(Path(config.config_file_path).parent / "build/cache/theme", env)
    return env


def on_files(files, config):
    pages = []
    for f in files.documentation_pages():
        files.remove(f)
        pages.append(_Page(f.src_uri, f.src_dir, f.dest_dir, f.use_directory_urls, inclusion=f.inclusion))
    for page in _last_good["pages"]:  # parts of a split list: out of the menu, linked from their overview
        level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        pages.append(_Page.generated(config, page.page, content=page.markdown, inclusion=level))
        pages[-1].edit_uri = page.data_file
    for path, content in _last_good["files"].items():  # open data, Atom feed, robots.txt
        files.append(File.generated(config, path, content=content))
    theme = sorted(Path(config.theme.custom_dir).rglob("*.html")) if config.theme.custom_dir else []
    site = (sorted(f.src_uri for f in pages), Path(config.config_file_path).read_bytes())
    site += tuple(path.read_bytes() for path in theme)
    _preview["next"] = {}
    for page in pages:
        if not page.generated_by:
            page.edit_uri = f"docs/{page.src_uri}"
        shown = (site, page.content_string, _last_good["abbreviations"], _last_good["meta"].get(page.src_uri))
        page.changed = _preview["shown"].get(page.src_uri) != shown
        _preview["next"][page.src_uri] = shown
        files.append(page)
    _preview["built"], _preview["pages"] = [], [page.url.removeprefix("./") for page in pages]  # as Page.url
    return files


def on_page_markdown(markdown, page, config, files):
    # Each page's dates (« Mis à jour le », « Citer cette page ») and JSON-LD, drawn by the engine; hand-
    # written pages get the glossary's tooltips too (generated pages carry them already).
    for key, value in _last_good["meta"].get(page.file.src_uri, {}).items():
        page.meta.setdefault(key, value)
    return markdown if page.file.generated_by else markdown + "\n" + _last_good["abbreviations"]


def on_post_page(output, page, config):
    _preview["built"].append(page.url)  # after Material's search plugin has indexed it
    # A strict policy: the theme's inline scripts are allowed by their hash, none from the content.
    return with_csp(output, page.content or "")


def on_post_template(output, template_name, config):
    return with_csp(output) if template_name.endswith(".html") else output  # 404.html


def on_post_build(config):
    # Runs after Material's search plugin has written its index (hooks come after plugins).
    index = Path(config.site_dir) / "search" / "search_index.json"
    text = index.read_text(encoding="utf-8")
    if _preview["dirty"]:
        text = _preview["index"].whole(text, _preview["built"], _preview["pages"])
        logging.getLogger("mkdocs").info(f"Pages construites à nouveau : {len(_preview['built'])}")
    index.write_text(text if _preview["dirty"] else enrich(text), encoding="utf-8")
    _preview["shown"] = _preview["next"]  # what readers now see
    if _last_good["command"] != "serve":  # what readers get; an editor's preview skips both (reload ≤ 1 s)
        if refused := refusal(Path(config.site_dir), config.site_url or ""):
            raise PluginError(refused)
        trim_site(Path(config.site_dir), Path(config.config_file_path).parent / "build/cache/trim")
