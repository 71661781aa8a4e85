"""A Python-Markdown extension for L'OTSC expliquée, the same for MkDocs, ProperDocs and Zensical.

It only touches the HTML tree that Markdown builds, after the notes, abbreviations and permalinks:
- the notes keep out of the search index (`data-search-exclude`: they repeat the Sources page);
- an empty `title` is dropped (each one costs Material's tooltip script time at page load);
- an acronym gets its tooltip on its first occurrence in a page only, as a printed text would;
- a table comes wrapped as Material's script would wrap it, with the class `tableau` that
  `otsc.css` styles as Material styles a table: the script leaves it alone. Wrapping 16 tables at
  page load moved the whole page's layout as many times (Points contestés: Lighthouse mobile
  83–90, 96–98 once the tables came wrapped).

It imports nothing but Markdown, so that any engine reading `mkdocs.yml` can load it. `make export`
copies it into its project as a hook (`hooks: [otsc_markdown.py]`), which MkDocs and ProperDocs load
from the file itself: the export then builds where this project is not installed. Zensical runs no
hook: it builds the export without these four touches, which change no content.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class _Tidy(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for element in list(root.iter()):
            if element.get("title") == "":
                del element.attrib["title"]
            if element.tag == "div" and "footnote" in (element.get("class") or "").split():
                element.set("data-search-exclude", "")
            if element.tag == "table" and "tableau" not in (classes := (element.get("class") or "").split()):
                element.set("class", " ".join([*classes, "tableau"]))
                if element in parents:
                    _wrap(parents[element], element)
            if element.tag == "abbr":
                text = element.text or ""
                if text not in seen:
                    seen.add(text)
                elif element in parents:
                    _unwrap(parents[element], element)


def _unwrap(parent: ET.Element, element: ET.Element) -> None:
    """Replace `element` by its text in `parent`."""
    index = list(parent).index(element)
    text = (element.text or "") + (element.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(element)


def _wrap(parent: ET.Element, element: ET.Element) -> None:
    """Put `element` inside Material's two table wrappers, where it stood in `parent`."""
    outer = ET.Element("div", {"class": "md-typeset__scrollwrap"})
    inner = ET.SubElement(outer, "div", {"class": "md-typeset__table"})
    outer.tail, element.tail = element.tail, None
    parent[list(parent).index(element)] = outer
    inner.append(element)


class OtscExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_Tidy(md), "otsc-tidy", 1)  # after notes (50), abbr (7), toc (5)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's entry point
    return OtscExtension(**kwargs)


def on_config(config):
    """As an MkDocs hook: the extension joins the configuration's, once."""
    if not any(isinstance(e, OtscExtension) or e == "otsc_markdown" for e in config.markdown_extensions):
        config.markdown_extensions.append(OtscExtension())
    return config
