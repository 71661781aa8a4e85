"""Defence in depth: every built page checked against what a page of this site may hold.

The data checks refuse what could load, embed or run something; this pass over the finished HTML
catches what they would miss, whatever its way in (data, a template, a page written by hand, the
theme). A page may not hold an event-handler attribute (`onclick`…), a `<meta http-equiv>` other than
the Content-Security-Policy, a `javascript:` address, an `iframe`, `object`, `embed`, `base` or
other frame, nor load anything from another host.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

_FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "portal",
    "fencedframe",
}
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "cite",
    "ping",
    "srcset",
    "imagesrcset",
}
# Attributes whose address the browser fetches by itself (a link's href waits for a click).
_LOADED = {"src", "poster", "data", "background", "srcset", "imagesrcset"}
_LOADING_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "dns-prefetch",
    "preconnect",
    "prerender",
    "mask-icon",
}
_RUNNING_SCHEMES = ("javascript:", "vbscript:", "livescript:")


# A tag and its attributes, read by regular expressions (ten times faster than html.parser on these
# pages, so the check costs a build little): the text of scripts and comments is set aside first,
# as a browser reads it, and the text of styles is read for what it could load.
_RAW = re.compile(r"<!--.*?-->|<(script|style|textarea|title)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_TAG = re.compile(r"""<([a-zA-Z][\w:-]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>""")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class _Checker:
    def __init__(self, own_hosts: set[str]) -> None:
        self.own_hosts = own_hosts
        self.problems: list[str] = []

    def _foreign(self, address: str) -> bool:
        parts = urlsplit(address.strip())
        if address.strip().startswith("//"):
            return (parts.hostname or "") not in self.own_hosts
        return (
            bool(parts.scheme)
            and parts.scheme not in ("data",)
            and (parts.hostname or "") not in self.own_hosts
        )

    def feed(self, html: str) -> None:
        def raw(match: re.Match) -> str:
            if match.group(1):
                self.tag(match.group(1).lower(), match.group(2))
                if match.group(1).lower() == "style":
                    self.style(match.group(3))
            return " "

        for match in _TAG.finditer(_RAW.sub(raw, html)):
            self.tag(match.group(1).lower(), match.group(2))

    def tag(self, tag: str, attributes: str) -> None:
        values = {
            m.group(1).lower(): unescape(next((g for g in m.groups()[1:] if g is not None), ""))
            for m in _ATTRIBUTE.finditer(attributes)
        }
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"élément <{tag}> interdit")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"attribut d'évènement {name}= sur <{tag}>")
            if name in _URL_ATTRIBUTES:
                addresses = (
                    [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
                )
                for address in addresses:
                    squeezed = "".join(address.split()).lower()
                    if squeezed.startswith(_RUNNING_SCHEMES):
                        self.problems.append(f"adresse {squeezed[:30]}… sur <{tag} {name}>")
                    elif squeezed.startswith("data:") and not (
                        tag == "img" and squeezed.startswith("data:image/")
                    ):
                        self.problems.append(f"adresse data: sur <{tag} {name}>")
                    elif name in _LOADED and self._foreign(address):
                        self.problems.append(f'ressource d\'un autre hôte : <{tag} {name}="{address[:80]}">')
            if name == "style" and "url(" in value.replace(" ", "").lower():
                self.problems.append(f"style en ligne qui charge une ressource sur <{tag}>")
        if (
            tag == "meta"
            and "http-equiv" in values
            and values["http-equiv"].lower() != "content-security-policy"
        ):
            self.problems.append(f'<meta http-equiv="{values["http-equiv"]}"> interdit')
        if (
            tag == "link"
            and set(values.get("rel", "").lower().split()) & _LOADING_RELS
            and self._foreign(values.get("href", ""))
        ):
            self.problems.append(f'ressource d\'un autre hôte : <link href="{values.get("href", "")[:80]}">')
        if tag in ("form", "button", "input") and self._foreign(
            values.get("action", values.get("formaction", ""))
        ):
            self.problems.append(f"formulaire envoyé à un autre hôte : <{tag}>")

    def style(self, text: str) -> None:
        squeezed = "".join(text.split()).lower()
        if (
            "@import" in squeezed
            or "url(http" in squeezed
            or "url(//" in squeezed
            or "url('http" in squeezed
            or 'url("http' in squeezed
        ):
            self.problems.append("feuille de style en ligne qui charge une ressource")


def page_problems(html: str, own_hosts: set[str]) -> list[str]:
    """What the page holds that no page of the site may hold."""
    checker = _Checker(own_hosts)
    checker.feed(html)
    return checker.problems


def unsafe_pages(site: Path, site_url: str = "") -> list[str]:
    """One line per problem of the built site, « page : problème », in a stable order."""
    own = {"127.0.0.1", "localhost"} | ({urlsplit(site_url).hostname} if site_url else set())
    lines = []
    for path in sorted(site.rglob("*.html")):
        for problem in page_problems(path.read_text(encoding="utf-8"), own):
            lines.append(f"{path.relative_to(site).as_posix()} : {problem}")
    return lines


def refusal(site: Path, site_url: str = "") -> str:
    """Why the built site is refused, for the build's error, or nothing if every page is safe."""
    problems = unsafe_pages(site, site_url)
    if not problems:
        return ""
    return (
        "pages refusées : elles contiennent ce qu'aucune page du site ne peut contenir "
        "(voir otsc_site/allowlist.py) :\n  " + "\n  ".join(problems)
    )
