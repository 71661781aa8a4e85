"""The MkDocs and Material internals `make serve` relies on (hooks/serve_speed.py) exist in the
MkDocs, ProperDocs and Material installed here.

A release that renames one fails here, loudly, instead of slowing `make serve` in silence."""

from __future__ import annotations

import importlib
import inspect
import re
import sys

import pytest
from conftest import ROOT


def _hook():
    sys.path.insert(0, str(ROOT / "hooks"))
    return importlib.import_module("serve_speed")


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_server_and_page_attributes_the_hook_uses_exist(engine):
    hook = _hook()
    server = inspect.getsource(importlib.import_module(f"{engine}.livereload").LiveReloadServer.__init__)
    for name in hook.SERVER_INTERNALS:
        assert re.search(rf"self\.{name}\b", server), f"{engine} : LiveReloadServer.{name} a disparu"
    page = inspect.getsource(importlib.import_module(f"{engine}.structure.pages").Page)
    for name in hook.PAGE_INTERNALS:
        assert re.search(rf"self\.{name}\b", page), f"{engine} : Page.{name} a disparu"


def test_the_search_index_attributes_the_hook_uses_exist():
    hook = _hook()
    plugin = importlib.import_module("material.plugins.search.plugin")
    source = inspect.getsource(plugin)
    name, *index_names = hook.SEARCH_INTERNALS
    assert re.search(rf"self\.{name} = SearchIndex\(", source), f"Material : SearchPlugin.{name} a disparu"
    for name in index_names:
        assert re.search(rf"self\.{name}\b|def {name}\(", inspect.getsource(plugin.SearchIndex)), (
            f"Material : SearchIndex.{name} a disparu"
        )


def test_the_hook_steps_aside_when_an_internal_is_missing(capsys):
    hook = _hook()

    class Server:  # a future MkDocs without `_watch_refs`
        _watched_paths: dict = {}
        observer = None

    server = Server()
    assert hook.watch_natively(server) is server and server.observer is None
    assert "_watch_refs" in capsys.readouterr().err


def test_the_search_cache_steps_aside_when_material_changes(capsys):
    hook = _hook()

    class Plugin:  # a future Material whose index has no `entries`
        class search_index:  # noqa: N801 - stands for the attribute
            @staticmethod
            def add_entry_from_context(page):
                return None

    plugin = Plugin()
    original = plugin.search_index.add_entry_from_context
    hook.index_once(plugin)
    assert plugin.search_index.add_entry_from_context is original  # left as Material made it
    assert "entries" in capsys.readouterr().err
