"""Command line: `python -m otsc_site check` and `python -m otsc_site export DIR`.

The second door into the same house as the MkDocs hook: both call `build_pages`.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import time
from pathlib import Path

import yaml

from .build import build_pages, check_anchors
from .checks import load_data
from .errors import DataError, Problem
from .history import with_front_matter
from .pages import Renderer
from .proofs import coverage, shortened

# Left in the folder an export writes: the next export may empty that folder, and no other.
EXPORT_MARK = ".export-otsc"
# What the export's mkdocs.yml leaves out: our hook, and what only makes sense with it.
_ENGINE_ONLY = ("hooks", "watch", "edit_uri_template")
EXTENSION = "otsc_markdown"  # our Markdown extension, a module next to mkdocs.yml


def check(root: Path) -> int:
    """The data, then every page drawn from it: a mistake in a template shows here too (pre-commit)."""
    start = time.perf_counter()
    data = load_data(root / "data")
    renderer = Renderer(root / "templates")
    pages = renderer.render_all(data)
    check_anchors(root, data, pages, renderer.moved)
    events = len(data.timeline.events)
    print(
        f"Données valides : {len(data.sources)} sources, {events} événements, {len(data.states)} États ; "
        f"{len(pages)} pages dessinées ({time.perf_counter() - start:.2f} s)."
    )
    total, without = coverage(data)
    print(
        f"Extraits : {total - len(without)} affirmations sur {total} "
        f"({_percent(total - len(without), total)}) "
        f"citent les mots de leur source ; les {len(without)} autres disent pourquoi "
        "(liste : python -m otsc_site extraits)."
    )
    return 0


def _percent(part: int, total: int) -> str:
    return f"{100 * part / total:.1f}".replace(".", ",") + "\u00a0%"


def excerpts(root: Path) -> int:
    """The claims that cite no words of their sources, each with its place and the reason given."""
    data = load_data(root / "data")
    total, without = coverage(data)
    print(f"{len(without)} affirmations sur {total} sans extrait :")
    for claim in without:
        line, _ = data.loaded[claim.file].locate(claim.where)
        reason = next(c.sans_extrait for c in claim.citations if c.sans_extrait)
        print(f"  data/{claim.file}.yml, ligne {line} : {shortened(claim.words, 16)} ({reason})")
    return 0


def export(root: Path, target: Path) -> int:
    """Write a plain MkDocs project that builds anywhere MkDocs and Material (or Zensical) are: docs/
    with every page pre-rendered, and mkdocs.yml whose only hook is our Markdown extension's file."""
    _refuse_unsafe_target(root, target)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    pages, tooltips, files, _, meta = build_pages(root, config.get("site_url") or "")
    for key in _ENGINE_ONLY:
        config.pop(key, None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    # Our Markdown extension travels with the export, as a hook file: nothing to install.
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if e != EXTENSION]
    config["hooks"] = [f"{EXTENSION}.py"]
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root / "docs", target / "docs")
    shutil.copy(importlib.util.find_spec(EXTENSION).origin, target / f"{EXTENSION}.py")  # the one MkDocs runs
    (target / EXPORT_MARK).write_text(
        "Dossier écrit par `make export` : il sera vidé et réécrit au prochain export.\n", encoding="utf-8"
    )
    for written in (target / "docs").rglob("*.md"):  # pages written by hand: what the hook adds to them
        keys = meta.get(written.relative_to(target / "docs").as_posix(), {})
        text = with_front_matter(written.read_text(encoding="utf-8"), keys)
        written.write_text(text + "\n" + tooltips, encoding="utf-8")
    for page in pages:
        (target / "docs" / page.page).parent.mkdir(parents=True, exist_ok=True)  # etats/armenie.md
        (target / "docs" / page.page).write_text(
            with_front_matter(page.markdown, meta[page.page]), encoding="utf-8"
        )
    for path, content in files.items():  # open data, Atom feed, robots.txt: static files of the site
        (target / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / path).write_text(content, encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "# Exporté par `make export` : un projet MkDocs ordinaire ; son seul hook est à côté.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    print(f"Export écrit dans {target} ({len(pages)} pages produites).")
    return 0


def _refuse_unsafe_target(root: Path, target: Path) -> None:
    """The export folder is emptied first: never the project, a folder holding it, or its sources."""
    if target.is_symlink():
        raise DataError(
            [
                Problem(
                    str(target),
                    message=(
                        "dossier d'export refusé : c'est un lien symbolique, et vider ce qu'il désigne "
                        "pourrait toucher "
                        "à d'autres fichiers ; donnez un dossier réel"
                    ),
                )
            ]
        )
    if target.exists() and not target.is_dir():
        raise DataError(
            [Problem(str(target), message="dossier d'export refusé : c'est un fichier, pas un dossier")]
        )
    if target.is_dir() and any(target.iterdir()) and not (target / EXPORT_MARK).is_file():
        raise DataError(
            [
                Problem(
                    str(target),
                    message=(
                        "dossier d'export refusé : il n'est pas vide et aucun export précédent ne l'a "
                        "écrit (pas de fichier "
                        f"{EXPORT_MARK}) ; il serait vidé : choisissez un dossier vide ou absent, par "
                        "exemple build/export"
                    ),
                )
            ]
        )
    root, target = root.resolve(), target.resolve()
    sources = [root / name for name in ("docs", "data", "templates", "otsc_site", "hooks", "tests", ".git")]
    if target == root or target in root.parents or any(target == s or s in target.parents for s in sources):
        raise DataError(
            [
                Problem(
                    str(target),
                    message=(
                        "dossier d'export refusé : il serait vidé, et c'est le projet, un dossier qui le "
                        "contient ou "
                        "l'un de ses dossiers sources ; choisissez un dossier à part, par exemple "
                        "build/export"
                    ),
                )
            ]
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="otsc", description="L'OTSC expliquée : vérifier et exporter les données."
    )
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="dossier du projet (par défaut : le dossier courant)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="vérifier les fichiers de data/")
    sub.add_parser("extraits", help="lister les affirmations qui ne citent pas les mots de leur source")
    sch = sub.add_parser("schemas", help="écrire les schémas JSON que citent les fichiers YAML (schemas/)")
    sch.add_argument("target", type=Path, nargs="?", default=Path("schemas"))
    exp = sub.add_parser("export", help="écrire un projet MkDocs sans hook")
    exp.add_argument("target", type=Path, nargs="?", default=Path("build/export"))
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return check(args.root)
        if args.command == "extraits":
            return excerpts(args.root)
        if args.command == "schemas":
            from .opendata import write_schemas

            written = write_schemas(args.target if args.target.is_absolute() else args.root / args.target)
            print(f"{len(written)} schémas écrits dans {written[0].parent}.")
            return 0
        return export(args.root, args.target if args.target.is_absolute() else args.root / args.target)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
