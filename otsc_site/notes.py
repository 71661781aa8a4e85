"""The sources cited on a page, as Markdown footnotes with the words of each source that establish
what the page says, and the computed « Seuls des médias d'État »."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .french import date_fr, typography
from .markdown_text import literal, plain_french

if TYPE_CHECKING:
    from .checks import Data
    from .model import Citation

# Written after the note calls of a claim whose every source is state media (computed, never typed).
STATE_MEDIA_FLAG = Markup(" [Seuls des médias d’État](sources.md#fiabilite){ .etat-seul }")
# A page whose Markdown compresses (gzip) to more than this would load more than about 80 KiB once
# Material's theme is added (README, « Performances »): its notes then lead to the source pages,
# where every excerpt is quoted with the claim it proves, instead of quoting them.
QUOTED_NOTES_BUDGET = 14_500
NOTES_MARK = Markup("@@NOTES-ET-SOURCES@@")
RELIABILITY_CLASS = {
    "primaire": "primaire",
    "référence": "reference",
    "presse": "presse",
    "média d'État": "media-etat",
}


@functools.lru_cache(maxsize=8192)
def excerpt(citation: Citation) -> Markup:
    """The source's words as a quotation in their language, then the site's translation, labelled."""
    quote = Markup('<q lang="{}" class="extrait">{}</q>').format(
        citation.langue, literal(citation.extrait or "")
    )
    if citation.traduction:
        words = citation.traduction.strip()
        quoted = words.startswith("«") and words.endswith("»")  # already between guillemets: not twice
        shown = plain_french(words) if quoted else Markup("«\u00a0{}\u00a0»").format(plain_french(words))
        quote += Markup(' <span class="traduction">(traduction du site\u00a0: {})</span>').format(shown)
    return quote


class Notes:
    """The sources cited on one page, in order of first citation: Markdown footnotes."""

    def __init__(self, data: Data, lines: dict[str, Markup]):
        self.data = data
        self.order: list[str] = []
        # Each source's note by its number on the page (#fn:3): a source's id would make every call
        # and every way back a few dozen bytes longer, more than 1 KiB on the longest pages.
        self.number: dict[str, int] = {}
        self.excerpts: dict[str, list[Citation]] = {}  # each source's excerpts quoted on this page
        self.claims: list[int] = []  # the `sources` lists cited on this page (by identity), for proofs
        self.lines = lines  # each source's note, drawn once per build for every page citing it

    def cite(self, citations: list[Citation], flag: bool = True) -> Markup:
        """The note calls for `citations`; when every source is state media, the reader is told so.

        `flag=False` only where the text itself says the source is state media (the Sputnik article).
        """
        for citation in citations:
            if citation.id not in self.number:
                self.order.append(citation.id)
                self.number[citation.id] = len(self.order)
            if citation.extrait:
                quoted = self.excerpts.setdefault(citation.id, [])
                if citation not in quoted:
                    quoted.append(citation)
        if not citations:
            return Markup("")
        self.claims.append(id(citations))
        # One group, glued to the word before it (word joiner) and never split across lines.
        calls = Markup('\u2060<span class="appels">{}</span>').format(
            Markup("").join(Markup("[^{}]").format(self.number[c.id]) for c in citations)
        )
        if flag and all(self.data.sources[c.id].reliability == "média d'État" for c in citations):
            calls += STATE_MEDIA_FLAG
        return calls

    def definitions(self) -> Markup:
        """What the template prints for the notes: a mark, which the renderer replaces by the notes
        drawn one way or the other (`drawn`) once it knows the page's weight; nothing without notes."""
        return NOTES_MARK if self.order else Markup("")

    def drawn(self, quote: bool) -> str:
        """The notes, each quoting the excerpts of its source (`quote`) or leading to them."""
        return Markup("\n").join(self.definition(i, quote) for i in self.order)

    def definition(self, source_id: str, quote: bool = True) -> Markup:
        line = self.lines.get(source_id) or self.lines.setdefault(source_id, self.line(source_id))
        line = Markup("[^{}]: ").format(self.number[source_id]) + line
        quoted = self.excerpts.get(source_id)
        if not quoted:
            return line
        if not quote:
            label = "Voir l’extrait" if len(quoted) == 1 else "Voir les extraits"
            return line + Markup(" [{}](sources.md#{}).").format(label, source_id)
        label = "Extrait" if len(quoted) == 1 else "Extraits"
        return line + Markup(" {}\u00a0: {}.").format(label, Markup(" ; ").join(map(excerpt, quoted)))

    def line(self, source_id: str) -> Markup:
        s = self.data.sources[source_id]
        parts = [Markup("[{}]({})").format(literal(s.title), s.url), literal(s.publisher)]
        if s.date:
            parts.append(Markup(escape(date_fr(s.date))))
        tag = Markup('<span class="fiabilite fiabilite-{}">{}</span>').format(
            RELIABILITY_CLASS[s.reliability], typography(s.reliability)
        )
        return Markup("{}. {}.").format(Markup(", ").join(parts), tag)
