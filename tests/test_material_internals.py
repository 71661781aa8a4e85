"""What the site takes from Material's insides, named in one place, each with a fast check that fails
if a Material release changes it (README, « Ce que le site prend à Material »):

- docs/overrides/partials/recherche-differee.html holds back the search index and worker until a
  reader starts a search: it recognises Material's request of `search/search_index.json` (made with
  XMLHttpRequest), its worker (`assets/javascripts/workers/search.*.js`, named in base.html), its
  search field (`data-md-component="search-query"`) and its search toggle (`#__search`, in base.html);
- otsc_site/trim.py keeps two lunr files (`assets/javascripts/lunr/min/`), deletes the source maps
  (`*.map`) and trims the two stylesheets (`assets/stylesheets/main.*.min.css`, `palette.*.min.css`);
- otsc_site/search.py (PreviewIndex) relies on the order of Material's search index: checked in
  tests/test_search_index.py with Material's own SearchIndex;
- and from MkDocs' live-reload server, hooks/otsc.py sets two attributes under `make serve`: its
  `observer` (the system's notifications instead of polling) and its `build_delay` (how long it
  waits for a burst of saves to end); it reads `_watched_paths` (what MkDocs watches already) to move
  every watched folder to the new observer.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

from otsc_site.trim import KEEP_LUNR

THEME = Path(material.__file__).parent / "templates"


def _text(pattern: str) -> str:
    (path,) = THEME.glob(pattern)
    return path.read_text(encoding="utf-8")


def test_the_deferred_search_finds_what_it_holds_back():
    bundle = _text("assets/javascripts/bundle.*.min.js")
    assert '"search/search_index.json"' in bundle and "new XMLHttpRequest" in bundle
    assert re.search(r"workers/search\.[0-9a-f]+\.min\.js", _text("base.html"))
    assert list(THEME.glob("assets/javascripts/workers/search.*.min.js"))
    assert 'data-md-component="search-query"' in _text("partials/search.html")
    assert '"search-query"' in bundle  # the component Material's script looks for
    assert 'data-md-toggle="search" type="checkbox" id="__search"' in _text("base.html")


def test_the_trim_finds_the_files_it_keeps_deletes_and_trims():
    lunr = {p.name for p in THEME.glob("assets/javascripts/lunr/min/*.js")}
    assert KEEP_LUNR <= lunr and len(lunr) > len(KEEP_LUNR)
    assert list(THEME.glob("assets/**/*.map"))
    assert [p.name.split(".")[0] for p in sorted(THEME.glob("assets/stylesheets/*.min.css"))] == [
        "main",
        "palette",
    ]


def test_the_live_reload_server_still_reads_what_the_hook_sets():
    import inspect

    from mkdocs.livereload import LiveReloadServer

    server = inspect.getsource(LiveReloadServer)
    assert "self.build_delay = " in server and "timeout=self.build_delay" in server
    assert "self.observer = " in server and "self.observer.schedule(" in server


def test_serving_moves_every_watched_folder_to_the_systems_notifications(tmp_path):
    """`make serve --watch-theme`: MkDocs watches the theme's folders too before the hook replaces its
    observer; each must move to the new one, or a change in the theme is never seen."""
    import importlib.util
    from types import SimpleNamespace

    from mkdocs.livereload import LiveReloadServer

    hook_file = Path(__file__).parents[1] / "hooks" / "otsc.py"
    spec = importlib.util.spec_from_file_location("otsc_hook", hook_file)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    docs, theme, config = tmp_path / "docs", tmp_path / "theme", tmp_path / "mkdocs.yml"
    docs.mkdir(), theme.mkdir(), config.touch()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    for path in (docs, config, theme):  # as `mkdocs serve --watch-theme` does before `on_serve`
        server.watch(str(path))
    hook.on_serve(server, SimpleNamespace(docs_dir=str(docs), config_file_path=str(config)), builder=None)
    assert isinstance(server.observer, hook._Saves)
    # A file (mkdocs.yml) is watched through its folder.
    watched = {emitter.watch.path for emitter in server.observer.emitters}
    assert watched == {str(docs), str(tmp_path), str(theme)}
