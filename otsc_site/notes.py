"""The sources cited on a page, as Markdown footnotes, and the computed « Seuls des médias d'État »."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .french import date_fr, typography
from .markdown_text import literal

if TYPE_CHECKING:
    from .checks import Data

# Written after the note calls of a claim whose every source is state media (computed, never typed).
STATE_MEDIA_FLAG = Markup(' [Seuls des médias d’État](sources.md#fiabilite){ .etat-seul }')
RELIABILITY_CLASS = {"primaire": "primaire", "référence": "reference", "presse": "presse", "média d'État": "media-etat"}


class Notes:
    """The sources cited on one page, in order of first citation: Markdown footnotes."""

    def __init__(self, data: Data, lines: dict[str, Markup]):
        self.data = data
        self.order: list[str] = []
        self.lines = lines  # each source's note, drawn once per build for every page citing it

    def cite(self, ids: list[str], flag: bool = True) -> Markup:
        """The note calls for `ids`; when every one of them is state media, the reader is told so.

        `flag=False` only where the text itself says the source is state media (the Sputnik article).
        """
        for source_id in ids:
            if source_id not in self.order:
                self.order.append(source_id)
        if not ids:
            return Markup("")
        # One group, glued to the word before it (word joiner) and never split across lines.
        calls = Markup('\u2060<span class="appels">{}</span>').format(
            Markup("").join(Markup("[^{}]").format(i) for i in ids))
        if flag and all(self.data.sources[i].reliability == "média d'État" for i in ids):
            calls += STATE_MEDIA_FLAG
        return calls

    def definitions(self) -> Markup:
        return Markup("\n").join(self.lines.get(i) or self.lines.setdefault(i, self.line(i)) for i in self.order)

    def line(self, source_id: str) -> Markup:
        s = self.data.sources[source_id]
        parts = [Markup("[{}]({})").format(literal(s.title), s.url), literal(s.publisher)]
        if s.date:
            parts.append(Markup(escape(date_fr(s.date))))
        tag = Markup('<span class="fiabilite fiabilite-{}">{}</span>').format(
            RELIABILITY_CLASS[s.reliability], typography(s.reliability))
        return Markup("[^{}]: {}. {}.").format(source_id, Markup(", ").join(parts), tag)
