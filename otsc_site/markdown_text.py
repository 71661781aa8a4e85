"""Data text made safe for Markdown: what `{{ value }}` prints in a template, and the filters for
text shown exactly as written (titles of sources), addresses, dates and front matter.

Every data string reaches the page through `finalize` then Jinja's autoescape: French typography,
one line, and no character that could open HTML, an entity, a Markdown block or `{: attributes}`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re

from markupsafe import Markup, escape

from .french import FuzzyDate, date_fr, typography

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
# What a text would start a Markdown block with when it lands at the start of a line: a heading,
# a list, a definition, a rule (a quote cannot start: « > » is escaped as HTML), or an abbreviation,
# footnote or link definition. Its first mark is escaped.
_BLOCK_MARK = re.compile(r"^(\s*)(#|:|=|[-+*](?=\s)|\*(?=\[)|\[(?=[^\]]*\]:))")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_RULE = re.compile(r"^(\s*)([-*_])(?=(\s*\2){2,}\s*$)")


def _block_safe(text: str) -> str:
    """Data text can start no Markdown block and open no table cell."""
    text = _BLOCK_MARK.sub(r"\1\\\2", text)
    text = _ORDERED.sub(r"\1\\\2", text)
    text = _RULE.sub(r"\1\\\2", text)
    return text.replace("|", "\\|")


def finalize(value: object) -> object:
    """What `{{ value }}` prints: data text is typeset, kept on one line, and cannot open `{: attributes}`."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, FuzzyDate):
        return Markup(escape(date_fr(value)))
    if isinstance(value, str):
        return _typeset(value)
    return value


@functools.lru_cache(maxsize=65536)
def _typeset(value: str) -> Markup:
    # The same titles, names and dates come back on many pages: each is typeset once.
    return Markup(escape(_block_safe(typography(re.sub(r"\s+", " ", value))))).translate(_BRACES)


_MD_SPECIALS = re.compile(r"([\\`*_\[\]#|!])")


@functools.lru_cache(maxsize=65536)
def literal(value: str) -> Markup:
    """Text shown exactly as written (titles of sources, foreign names): no Markdown, no typography."""
    return Markup(escape(_MD_SPECIALS.sub(r"\\\1", " ".join(value.split()))).translate(_BRACES))


@functools.lru_cache(maxsize=65536)
def plain_french(value: str) -> Markup:
    """The site's own plain French (a translation): typeset, but no Markdown, shown as written."""
    return Markup(
        escape(_MD_SPECIALS.sub(r"\\\1", typography(re.sub(r"\s+", " ", value).strip())))
    ).translate(_BRACES)


@functools.lru_cache(maxsize=65536)
def url(value: str) -> Markup:
    """An address, escaped for HTML but never typeset (« ? », « % » and « : » stay as they are)."""
    return Markup(escape(value)).translate(_BRACES)


@functools.lru_cache(maxsize=65536)
def time_tag(value: FuzzyDate | dt.date, end: FuzzyDate | None = None) -> Markup:
    """`<time datetime="2022-01-06">6 janvier 2022</time>`, or a span of two dates."""
    if isinstance(value, dt.date):
        value = FuzzyDate(value.year, value.month, value.day)
    first = Markup('<time datetime="{}">{}</time>').format(value.iso, date_fr(value))
    if end is None:
        return first
    last = Markup('<time datetime="{}">{}</time>').format(end.iso, date_fr(end))
    if value.day:
        return Markup("du {} au {}").format(first, last)
    # « de septembre à octobre 2026 », « d’avril 2024 à mai 2025 », « de 1992 à 1999 »
    start = date_fr(value)
    return (
        Markup("{} {} à {}").format("d’" if start[0] in "aeiouy" else "de", first, last).replace("d’ ", "d’")
    )


def front_matter_string(value: str) -> Markup:
    """A data string as a YAML (JSON) scalar for the page's front matter."""
    return Markup(json.dumps(typography(" ".join(value.split())), ensure_ascii=False))
