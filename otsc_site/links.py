"""Every link of the built site leads somewhere: one pass over its HTML, ids and hrefs together.

Links written in Markdown are checked by MkDocs' strict build; this pass also sees links written
in raw HTML, in the theme and in figures, and their anchors (`#id`), which MkDocs never reads.
Addresses on other hosts are left to `make linkcheck-external`.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_LINKING = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "use": "href",
    "form": "action",
}
_BASE = "http://site.invalid/"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        target = values.get(_LINKING.get(tag, "")) or (
            values.get("xlink:href") if tag in ("a", "use") else None
        )
        if target and not (tag == "link" and values.get("rel") in ("canonical", "alternate feed")):
            self.links.append(target)

    handle_startendtag = handle_starttag


def _address(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return _BASE + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _file_for(site: Path, address: str) -> Path | None:
    path = unquote(urlsplit(address).path)[len(urlsplit(_BASE).path) :]
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path) -> list[str]:
    """One line per link that leads nowhere: « page → link (reason) », in a stable order."""
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[_address(site, path)] = parser
    problems = []
    for address, page in pages.items():
        where = address.removeprefix(_BASE) or "/"
        for link in page.links:
            target = urljoin(address, link)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or not target.startswith(_BASE):
                continue  # another host, mailto:, data:: not ours to check here
            file = _file_for(site, target)
            if file is None:
                problems.append(f"{where} → {link} (page ou fichier absent)")
                continue
            if parts.fragment and file.suffix == ".html":
                ids = pages[_address(site, file)].ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where} → {link} (ancre absente)")
    return problems
