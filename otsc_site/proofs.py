"""Which words of which source prove which claim: drawn once from the checked data, for the source
pages (each source with the excerpts it supports and the claims they prove), the open data and the
coverage figure (README)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .model import Citation

if TYPE_CHECKING:
    from .checks import Data

# Where a claim's words are, by field name: its heading, then its statement (the first found of each).
_HEADINGS = ("title", "term", "name", "label", "question", "claim", "place", "value")
_STATEMENTS = ("text", "explanation", "definition", "meaning", "summary", "now", "answer", "note", "effect")
CLAIM_WORDS = 24  # a claim is shown by its first words, with a link to the page that states it
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\*+")


@dataclass(frozen=True)
class Claim:
    """One statement of the data and its citations."""

    file: str  # the data file's name: "timeline"
    words: str  # its heading and statement, for the source pages
    citations: tuple[Citation, ...]
    key: int  # the identity of its `sources` list, which the pages' notes record (notes.Notes.claims)
    where: tuple = ()  # the path of its `sources` field in the file, for a message with a line


def claim_words(item: BaseModel) -> str:
    """A claim's heading and statement in one line (« Titre : texte »), whichever the model has."""
    heading = next((v for f in _HEADINGS if isinstance(v := getattr(item, f, None), str) and v), "")
    statement = next((v for f in _STATEMENTS if isinstance(v := getattr(item, f, None), str) and v), "")
    words = (
        f"{heading} : {statement}" if heading and statement and heading != statement else heading or statement
    )
    return " ".join(
        _MARKS.sub("", _LINK.sub(r"\1", words)).split()
    )  # plain words: cut anywhere, never a link


def claims(data: Data) -> list[Claim]:
    """Every claim of every data file: an item with a list of citations (a field ending in `sources`).
    Drawn once per file's model: a model is frozen, and the same while its file is unchanged."""
    found = []
    for name, model in data.files.items():
        cached = _CLAIMS.get(name)
        if not cached or cached[0] is not model:
            cached = _CLAIMS[name] = (model, _file_claims(name, model))
        found += cached[1]
    return found


def _file_claims(name: str, model: BaseModel) -> list[Claim]:
    from .checks import walk

    found = []
    for loc, item in walk(model):
        for field in type(item).model_fields:
            value = getattr(item, field)
            if field.endswith("sources") and value and isinstance(value[0], Citation):
                found.append(Claim(name, claim_words(item), tuple(value), id(value), loc + (field,)))
    return found


_CLAIMS: dict[str, tuple[BaseModel, list[Claim]]] = {}  # by file: its model and its claims


def shortened(words: str, most: int = CLAIM_WORDS) -> str:
    split = words.split()
    return words if len(split) <= most else " ".join(split[:most]).rstrip(",;:") + "…"


@dataclass(frozen=True)
class Proof:
    """An excerpt of a source and the claim it proves, with the pages where that claim is."""

    citation: Citation
    claim: Claim
    pages: tuple[dict, ...]  # {"page", "title"} of each page that states the claim

    @property
    def short(self) -> str:
        return shortened(self.claim.words)


def proofs(data: Data, pages_of: dict[int, list[dict]]) -> dict[str, list[Proof]]:
    """Each source's excerpts with the claims they prove, in the order of the data files."""
    by_source: dict[str, list[Proof]] = {}
    for claim in claims(data):
        for citation in claim.citations:
            if citation.extrait:
                by_source.setdefault(citation.id, []).append(
                    Proof(citation, claim, tuple(pages_of.get(claim.key, ())))
                )
    return by_source


def coverage(data: Data) -> tuple[int, list[Claim]]:
    """How many claims there are, and those without an excerpt."""
    found = claims(data)
    return len(found), [c for c in found if not any(x.extrait for x in c.citations)]
