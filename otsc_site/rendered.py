"""What a build draws from the data: its pages, in Markdown, and its other files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class RenderedPage:
    page: str  # e.g. "chronologie.md"
    markdown: str
    data_file: str  # e.g. "data/timeline.yml", for the edit link
    in_nav: bool = True  # False for the parts of a split list, reached from their overview page
    updated: str = ""  # the day its inputs last changed (ISO): « Mis à jour le »


class Built(NamedTuple):
    """What one build draws from the data."""

    pages: list[RenderedPage]
    abbreviations: str  # the glossary's abbreviation lines, for pages written by hand
    files: dict[str, str]  # open data, Atom feed, robots.txt, by path
    changes: dict[str, dt.date]  # when each file of data/, templates/ and docs/ last changed
    # What the engine adds to each page's front matter, by file (« index.md », « a-propos.md »): the
    # dates every page shows (« updated », « updated_fr »), and a page's JSON-LD (« jsonld »).
    meta: dict[str, dict[str, str]]
