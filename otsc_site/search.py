"""French search that works without accents: enrich Material's search index at build time.

Material's French search matches words only as typed: « securite » finds nothing, nor « etats »
for « États ». Each index entry gets three extra fields, declared under the search plugin's
`fields` in mkdocs.yml:

- `ftitle` and `ftext`: the words of the title and text that carry a diacritic, folded (lower
  case, no diacritics), as often as they occur, with the same boosts as `title` and `text`, so
  that « armenie » ranks pages exactly as « Arménie » does (words without diacritics are
  matched by `title` and `text` already: repeating them would only weigh down the index);
- `fnombre`: the other number of each word (« etat » for « États », « membres » for « membre »),
  with a low boost, so that singular and plural both find a page. It holds the other number of
  both the accented and the folded form, so that « Arménie » and « armenie » score alike.

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
    """The words that change when folded, folded, in order: « état », « membre », « défense » → « etat defense »."""
    return " ".join(f for w, f in zip(lowered, map(_fold, lowered)) if f != w)


def other_numbers(lowered: list[str]) -> str:
    """For each word of four letters or more, as written and folded, its other number if absent."""
    present = set(lowered) | {_fold(w) for w in lowered}
    out: dict[str, None] = {}
    for word in dict.fromkeys(lowered):  # in order: the index is the same byte for byte at each build
        for form in (word, _fold(word)):
            if len(form) > 3:
                other = form[:-1] if form[-1] in "sx" else form + "s"
                if other not in present:
                    out[other] = None
    return " ".join(out)


def enrich(index_json: str) -> str:
    """Add the folded fields to every entry of a Material `search_index.json`."""
    index = json.loads(index_json)
    for doc in index["docs"]:
        title, text = words(doc.get("title", "")), words(doc.get("text", ""))
        doc["ftitle"], doc["ftext"] = folded(title), folded(text)
        numbers = other_numbers(title + text)
        if numbers:
            doc["fnombre"] = numbers
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
