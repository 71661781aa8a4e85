"""MkDocs adapter: the pages drawn from data/ and templates/ by `otsc_site`, kept in memory.

Data is read and checked in `on_pre_build`, before MkDocs empties the site folder, so a bad
edit stops `make build` with the editors' messages and no traceback. Under `make serve`, a bad
edit is reported and the last good pages stay on screen until the file is fixed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import serve_speed  # this folder: the tricks `make serve` uses, guarded, in one place
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from otsc_site import DataError, build_pages
from otsc_site.allowlist import unsafe_pages
from otsc_site.cache import bytecode_cache
from otsc_site.csp import with_csp
from otsc_site.history import hand_written_inputs, page_dates
from otsc_site.pages import build_date
from otsc_site.search import enrich
from otsc_site.trim import trim_site

_last_good: dict = {
    "command": None,
    "pages": None,
    "abbreviations": "",
    "files": {},
    "changes": {},
    "site_key": None,
}


def on_startup(command, dirty):
    _last_good["command"] = command


def on_config(config):
    if _last_good["command"] == "serve":
        serve_speed.index_once(config.plugins.get("material/search"))


def on_serve(server, config, builder):
    # `mkdocs serve --clean` starts as a « build »: from its rebuilds on, it is a preview like any
    # other (a bad edit keeps the last good pages, no CSS trim, no allowlist).
    _last_good["command"] = "serve"
    return serve_speed.watch_natively(server)


def on_pre_build(config):
    try:
        built = build_pages(Path(config.config_file_path).parent, config.site_url or "")
        _last_good.update(
            pages=built.pages, abbreviations=built.abbreviations, files=built.files, changes=built.changes
        )
    except DataError as err:
        if _last_good["command"] != "serve" or _last_good["pages"] is None:
            raise PluginError(err.report()) from None
        # Printed, not logged: a logged error would make the strict build abort and blank the site.
        print(
            f"ERREUR - {err.report()}\nLe site garde les dernières pages valides : corrigez le fichier, "
            "l'affichage suivra.",
            file=sys.stderr,
            flush=True,
        )


def on_env(env, config, files):
    # MkDocs compiles every theme template again at each build; compiled once, they are kept on
    # disk (a cold build reuses them) and in memory (a rebuild under `make serve` does).
    env.bytecode_cache = bytecode_cache(
        Path(config.config_file_path).parent / "build" / "cache" / "theme", env
    )
    return env


def on_files(files, config):
    for f in files.documentation_pages():
        f.edit_uri = f"docs/{f.src_uri}"
    for page in _last_good["pages"]:
        generated = File.generated(
            config,
            page.page,
            content=page.markdown,  # parts: linked from their overview
            inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
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
        for key, value in page_dates(
            _last_good["changes"], hand_written_inputs(page.file.src_uri), build_date()
        ).items():
            page.meta.setdefault(key, value)
    if _last_good["command"] == "serve":
        return serve_speed.keep_or_convert(markdown, page, _last_good["site_key"])
    return markdown


def on_page_content(html, page, config, files):
    if _last_good["command"] == "serve":
        return serve_speed.restore_or_remember(html, page, files)
    return html


def on_post_page(output, page, config):
    # A strict policy: the theme's inline scripts are allowed by their hash, none from the content.
    return with_csp(output, page.content or "")


def on_post_template(output, template_name, config):
    return with_csp(output) if template_name.endswith(".html") else output  # 404.html


def on_post_build(config):
    if _last_good["command"] == "serve":
        logging.getLogger("mkdocs").info(serve_speed.report())
    # Runs after Material's search plugin has written its index (hooks come after plugins).
    index = Path(config.site_dir) / "search" / "search_index.json"
    index.write_text(enrich(index.read_text(encoding="utf-8")), encoding="utf-8")
    if _last_good["command"] != "serve":  # what readers get; an editor's preview skips both (reload ≤ 1 s)
        problems = unsafe_pages(Path(config.site_dir), config.site_url or "")
        if problems:
            raise PluginError(
                "pages refusées : elles contiennent ce qu'aucune page du site ne peut contenir "
                "(voir otsc_site/allowlist.py) :\n  " + "\n  ".join(problems)
            )
        trim_site(Path(config.site_dir))
