"""French search that works without accents: enrich Material's search index at build time.

Material's French search matches words only as typed: « securite » finds nothing, nor « etats »
for « États ». Each index entry gets up to four extra fields, declared under the search plugin's
`fields` in mkdocs.yml:

- `ftitle`, `ftext` and `ftags`: the words of the title, text and tags (a state's page is tagged
  with its name, front matter `tags`, so that the name finds the page first) that carry a
  diacritic, folded (lower case, no diacritics), as often as they occur, with the same boosts as
  `title`, `text` and `tags`, so that « armenie » ranks pages exactly as « Arménie » does (words
  without diacritics are matched by `title` and `text` already: repeating them would only weigh
  down the index);
- `fnombre`: the forms of a word that its own prefix does not reach, with a low boost, so that
  singular and plural both find a page. Material adds « * » to each term of the query, so
  « exercice » already finds « exercices » and « eau », « eaux » ; what is missing is the plural of a
  word the page has only in the singular (« membres » for « membre », « généraux » for
  « général ») and the singular of a plural in « -aux ». Nothing is added for words ending in
  « s », « x » or « z » (« pays », « fois » have no other form: no « pay », no « foi »), nor a form
  that no page of the site has (« sonts », « commes »: guessed for every word, they made a fifth
  of the index). Both the accented and the folded form get theirs, so that « Arménie » and
  « armenie » score alike.

The reader's query is not touched: Material's own matching and highlighting stay as they are.
"""

from __future__ import annotations

import functools
import html
import json
import re

from .french import fold

_WORD = re.compile(r"[^\W\d_]{2,}")
_TAG = re.compile(r"<[^>]+>")


def words(text: str) -> list[str]:
    """The words of an index entry, lower case, in order: « L’État » → « l », « état »."""
    return [w.casefold() for w in _WORD.findall(html.unescape(_TAG.sub(" ", text)))]


_fold = functools.lru_cache(maxsize=65536)(fold)  # a page's words come back on every rebuild


def folded(lowered: list[str]) -> str:
    """The words that change when folded, folded, in order: « état », « membre », « défense » →
    « etat defense »."""
    return " ".join(f for w, f in zip(lowered, map(_fold, lowered), strict=True) if f != w)


def other_number(word: str) -> str | None:
    """The form of a French noun or adjective that a prefix search from `word` cannot reach."""
    if len(word) <= 3:
        return None
    if word.endswith("aux") and not word.endswith("eaux") and len(word) > 5:
        return word[:-3] + "al"  # généraux → général (bureaux reach bureau by prefix)
    if word[-1] in "sxz":
        return None  # a plural (its singular is its prefix) or a word that does not change
    if word.endswith("al"):
        return word[:-2] + "aux"  # général → généraux
    if word.endswith(("eau", "au", "eu")):
        return word + "x"
    return word + "s"


def other_numbers(lowered: list[str], known: set[str]) -> str:
    """For each word, as written and folded, the other number that its prefix does not reach, if
    the site has it (`known`, `vocabulary`)."""
    present = set(lowered) | {_fold(w) for w in lowered}
    out: dict[str, None] = {}
    for word in dict.fromkeys(lowered):  # in order: the index is the same byte for byte at each build
        for form in (word, _fold(word)):
            other = other_number(form)
            if other and other in known and other not in present:
                out[other] = None
    return " ".join(out)


def vocabulary(docs: list[dict]) -> set[str]:
    """Every word of the index's entries, as written and folded."""
    found: set[str] = set()
    for doc in docs:
        found |= _entry_words(doc.get("title", ""), doc.get("text", ""))
    return found


@functools.lru_cache(maxsize=65536)  # under `make serve`, the pages not built again keep their entries
def _entry_words(title: str, text: str) -> frozenset[str]:
    lowered = words(title) + words(text)
    return frozenset(lowered) | frozenset(map(_fold, lowered))


def enrich(index_json: str) -> str:
    """Add the folded fields to every entry of a Material `search_index.json`."""
    index = json.loads(index_json)
    _enrich(index["docs"], vocabulary(index["docs"]))
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def _enrich(docs: list[dict], known: set[str]) -> None:
    for doc in docs:
        title, text = words(doc.get("title", "")), words(doc.get("text", ""))
        doc["ftitle"], doc["ftext"] = folded(title), folded(text)
        if tags := folded(words(" ".join(doc.get("tags", [])))):
            doc["ftags"] = tags
        numbers = other_numbers(title + text, known)
        if numbers:
            doc["fnombre"] = numbers


class PreviewIndex:
    """The whole search index under `make serve`, which builds again only the pages that changed.

    `make serve` runs `mkdocs serve --dirty`: a page whose inputs did not change is not built again,
    and Material's search plugin then indexes only the pages that were. Material keeps the entries
    of one changed page only (it expects one), and ends its index with the entries of the pages it
    has just indexed, in build order, each page's own entry (its address) before its sections
    (address#anchor). Those entries replace the page's, every other page keeps its last ones.
    tests/test_search_index.py fails if Material stops writing its index that way.
    """

    def __init__(self) -> None:
        self.entries: dict[str, list[dict]] = {}  # by page address, in the order of the first build

    def whole(self, index_json: str, built: list[str], pages: list[str]) -> str:
        """Material's index after a build of the pages `built` (addresses, in build order), with
        every page of `pages` (the site's pages now) and no other, enriched as `enrich` does (the
        entries of the pages just built only: the others were)."""
        index = json.loads(index_json)
        docs, end = index["docs"], len(index["docs"])
        fresh = {}
        for url in reversed(built):  # from the end: each page's entries, back to its own entry
            start = end
            while start and docs[start - 1]["location"].split("#")[0] == url:
                start -= 1
                if docs[start]["location"] == url:
                    break
            fresh[url], end = docs[start:end], start
        self.entries.update((url, fresh[url]) for url in built)
        now = set(pages)
        self.entries = {url: entries for url, entries in self.entries.items() if url in now}
        index["docs"] = [entry for entries in self.entries.values() for entry in entries]
        known = vocabulary(index["docs"])  # the pages kept keep their forms, drawn from an earlier one
        for url in built:
            _enrich(fresh[url], known)
        return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
