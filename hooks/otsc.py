"""MkDocs adapter: the pages drawn from data/ and templates/ by `otsc_site`, kept in memory.

Data is read and checked in `on_pre_build`, before MkDocs empties the site folder, so a bad
edit stops `make build` with the editors' messages and no traceback. Under `make serve`, a bad
edit is reported and the last good pages stay on screen until the file is fixed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from otsc_site import DataError, build_pages
from otsc_site.pages import abbreviations, first_abbreviations_only
from otsc_site.search import enrich
from otsc_site.trim import trim_site

_last_good: dict = {"command": None, "pages": None, "abbreviations": ""}


def on_startup(command, dirty):
    _last_good["command"] = command


def on_pre_build(config):
    try:
        _last_good["pages"], _last_good["abbreviations"] = build_pages(Path(config.config_file_path).parent)
    except DataError as err:
        if _last_good["command"] != "serve" or _last_good["pages"] is None:
            raise PluginError(err.report()) from None
        # Printed, not logged: a logged error would make the strict build abort and blank the site.
        print(f"ERREUR - {err.report()}\nLe site garde les dernières pages valides : corrigez le fichier, "
              "l'affichage suivra.", file=sys.stderr, flush=True)


def on_files(files, config):
    for f in files.documentation_pages():
        f.edit_uri = f"docs/{f.src_uri}"
    for page in _last_good["pages"]:
        generated = File.generated(config, page.page, content=page.markdown)
        generated.edit_uri = page.data_file
        files.append(generated)
    return files


def on_page_markdown(markdown, page, config, files):
    # Hand-written pages get the glossary's tooltips too (generated pages carry them already).
    return markdown if page.file.generated_by else markdown + "\n" + _last_good["abbreviations"]


def on_page_content(html, page, config, files):
    # The notes repeat the Sources page: keep them out of the search index. One tooltip per acronym,
    # and no empty title (both cost Material's tooltip script time on every page load).
    html = html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>').replace(' title=""', "")
    return first_abbreviations_only(html)


def on_post_build(config):
    # Runs after Material's search plugin has written its index (hooks come after plugins).
    index = Path(config.site_dir) / "search" / "search_index.json"
    index.write_text(enrich(index.read_text(encoding="utf-8")), encoding="utf-8")
    trim_site(Path(config.site_dir))
