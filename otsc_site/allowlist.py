"""Defence in depth: every built page checked against what a page of this site may hold.

The data checks refuse what could load, embed or run something; this pass over the finished HTML
catches what they would miss, whatever its way in (data, a template, a page written by hand, the
theme). A page may not hold an event-handler attribute (`onclick`…), a `<meta http-equiv>` other than
the Content-Security-Policy, a `javascript:` address, an `iframe`, `object`, `embed`, `base` or
other frame, nor load anything from another host.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

_FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite",
                   "ping", "srcset", "imagesrcset"}
# Attributes whose address the browser fetches by itself (a link's href waits for a click).
_LOADED = {"src", "poster", "data", "background", "srcset", "imagesrcset"}
_LOADING_RELS = {"stylesheet", "preload", "prefetch", "modulepreload", "icon", "shortcut", "apple-touch-icon",
                 "manifest", "dns-prefetch", "preconnect", "prerender", "mask-icon"}
_RUNNING_SCHEMES = ("javascript:", "vbscript:", "livescript:")


class _Checker(HTMLParser):
    def __init__(self, own_hosts: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.own_hosts = own_hosts
        self.problems: list[str] = []
        self._in_style = False

    def _foreign(self, address: str) -> bool:
        parts = urlsplit(address.strip())
        if address.strip().startswith("//"):
            return (parts.hostname or "") not in self.own_hosts
        return bool(parts.scheme) and parts.scheme not in ("data",) and (parts.hostname or "") not in self.own_hosts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"élément <{tag}> interdit")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"attribut d'évènement {name}= sur <{tag}>")
            if name in _URL_ATTRIBUTES:
                addresses = [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
                for address in addresses:
                    squeezed = "".join(address.split()).lower()
                    if squeezed.startswith(_RUNNING_SCHEMES):
                        self.problems.append(f"adresse {squeezed[:30]}… sur <{tag} {name}>")
                    elif squeezed.startswith("data:") and not (tag == "img" and squeezed.startswith("data:image/")):
                        self.problems.append(f"adresse data: sur <{tag} {name}>")
                    elif name in _LOADED and self._foreign(address):
                        self.problems.append(f"ressource d'un autre hôte : <{tag} {name}=\"{address[:80]}\">")
            if name == "style" and "url(" in value.replace(" ", "").lower():
                self.problems.append(f"style en ligne qui charge une ressource sur <{tag}>")
        if tag == "meta" and "http-equiv" in values and values["http-equiv"].lower() != "content-security-policy":
            self.problems.append(f"<meta http-equiv=\"{values['http-equiv']}\"> interdit")
        if tag == "link" and set(values.get("rel", "").lower().split()) & _LOADING_RELS and self._foreign(
                values.get("href", "")):
            self.problems.append(f"ressource d'un autre hôte : <link href=\"{values.get('href', '')[:80]}\">")
        if tag in ("form", "button", "input") and self._foreign(values.get("action", values.get("formaction", ""))):
            self.problems.append(f"formulaire envoyé à un autre hôte : <{tag}>")
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and ("@import" in data or "url(http" in data.replace(" ", "").lower()
                               or "url(//" in data.replace(" ", "")):
            self.problems.append("feuille de style en ligne qui charge une ressource")


def page_problems(html: str, own_hosts: set[str]) -> list[str]:
    """What the page holds that no page of the site may hold."""
    checker = _Checker(own_hosts)
    checker.feed(html)
    checker.close()
    return checker.problems


def unsafe_pages(site: Path, site_url: str = "") -> list[str]:
    """One line per problem of the built site, « page : problème », in a stable order."""
    own = {"127.0.0.1", "localhost"} | ({urlsplit(site_url).hostname} if site_url else set())
    lines = []
    for path in sorted(site.rglob("*.html")):
        for problem in page_problems(path.read_text(encoding="utf-8"), own):
            lines.append(f"{path.relative_to(site).as_posix()} : {problem}")
    return lines
