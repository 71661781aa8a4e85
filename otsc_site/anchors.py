"""The anchors each page holds, read from its Markdown, and the data's links and ids checked against them.

A link in data (`[texte](chronologie.md#kazakhstan-2022)`, or a field such as `more:` or `where:`)
must lead to an anchor that exists, and an item's id must not take an anchor the page already has
(a source `fiabilite` would capture the « Seuls des médias d'État » link): both are said with the
data file and line, before MkDocs is ever called.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify

from .errors import Problem, field_name

if TYPE_CHECKING:
    from .checks import Data

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ATTR_ID = re.compile(r"\{:?[ \t]*[^}\n]*?#([A-Za-z0-9_:-]+)[^}\n]*\}")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=["']([^"']+)["']""")
_LINK = re.compile(r"\]\(([a-z0-9-]+\.md)?(?:#([a-z0-9-]+))?\)")
_PAGE_ANCHOR = re.compile(r"^([a-z0-9-]+\.md)(?:#([a-z0-9-]+))?$")
_INLINE = re.compile(r"\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`]|\[\^[^\]]+\]|\u2060")


@functools.lru_cache(maxsize=512)  # under `make serve`, most pages come back unchanged
def page_anchors(markdown: str) -> tuple[str, ...]:
    """Every anchor the page will have, repeats kept: headings (as the toc extension names them, or
    their `{ #id }`), attribute lists `{ #id }` and raw HTML `id="…"`."""
    found: list[str] = []
    headings: Counter[str] = Counter()
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading:
            explicit = _ATTR_ID.search(heading.group(2))
            if explicit:
                found.append(explicit.group(1))
                continue
            slug = slugify(_INLINE.sub(lambda m: m.group(1) or "", heading.group(2)), "-")
            found.append(slug if not headings[slug] else f"{slug}_{headings[slug]}")
            headings[slug] += 1
            continue
        found += _ATTR_ID.findall(line) + _HTML_ID.findall(line)
    return tuple(found)


def anchor_problems(
    data: Data, pages: dict[str, str], moved: dict[str, str], docs: Path
) -> Iterator[Problem]:
    """Links of the data to an anchor no page has, and ids that take an anchor a page already has.

    `pages`: each generated page's Markdown by file name; `moved`: where a split list's entries went
    (`chronologie.md#id` → `chronologie-periode.md#id`); `docs`: the pages written by hand."""
    anchors = {name: page_anchors(markdown) for name, markdown in pages.items()}
    for path in sorted(docs.glob("*.md")):
        anchors.setdefault(path.name, page_anchors(path.read_text(encoding="utf-8")))
    ids = _data_ids(data)
    # An anchor twice on one page, one of them a data id: the id takes the page's own anchor.
    for page, names in anchors.items():
        for name, count in Counter(names).items():
            if count > 1 and name in ids:
                yield ids[name].problem(
                    f"identifiant « {name} » déjà pris par une ancre de la page {page} : "
                    "choisissez-en un autre"
                )
    # An id moved with its entry to a part page, while the overview keeps an anchor of that name.
    for old, new in moved.items():
        page, name = old.split("#", 1)
        if new.split("#", 1)[0] != page and name in anchors.get(page, ()) and name in ids:
            yield ids[name].problem(
                f"identifiant « {name} » réservé : la page {page} a déjà une ancre de ce nom "
                "(liens du site) ; choisissez-en un autre"
            )
    sets = {page: set(names) for page, names in anchors.items()}
    for where, target in _data_links(data):
        page, name = target
        if page not in sets:
            yield where.problem(
                f"lien vers la page « {page} », qui n'existe pas ; pages : {', '.join(sorted(sets))}"
            )
        elif name and f"{page}#{name}" not in moved and name not in sets[page]:
            yield where.problem(f"lien vers « {page}#{name} » : la page {page} n'a pas d'ancre « {name} »")


class _Where:
    """A place in a data file, for a message."""

    def __init__(self, data: Data, file: str, loc: tuple):
        self.data, self.file, self.loc = data, file, loc

    def problem(self, message: str) -> Problem:
        loaded = self.data.loaded.get(self.file)
        line, column = loaded.locate(self.loc) if loaded else (None, None)
        return Problem(f"data/{self.file}.yml", line, column, field_name(self.loc), message)


def _data_ids(data: Data) -> dict[str, _Where]:
    from .checks import walk

    found: dict[str, _Where] = {}
    for name, model in data.files.items():
        for loc, item in walk(model):
            item_id = getattr(item, "id", None)
            if isinstance(item_id, str) and loc:
                found.setdefault(item_id, _Where(data, name, loc + ("id",)))
    return found


def _data_links(data: Data) -> Iterable[tuple[_Where, tuple[str, str | None]]]:
    """Every link of the data to a page of the site: in text (`](page.md#id)`), or a whole field."""
    for name, loaded in data.loaded.items():
        for loc, value in loaded.scalars.items():
            if not isinstance(value, str) or ".md" not in value:
                continue
            whole = _PAGE_ANCHOR.match(value)
            if whole:
                yield _Where(data, name, loc), (whole.group(1), whole.group(2))
                continue
            for link in _LINK.finditer(value):
                if link.group(1):
                    yield _Where(data, name, loc), (link.group(1), link.group(2))
