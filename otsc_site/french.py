"""French text helpers: dates with their precision, typography, safe text."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import total_ordering

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

NBSP = "\u00a0"  # before « : » and inside guillemets
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and between thousands

# The years a date of the data may fall in: the organisation's past, its sources, what is announced.
FIRST_YEAR, LAST_YEAR = 1900, 2100
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True)
class FuzzyDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Read `1992`, `1992-05` or `1992-05-15`; raise ValueError in French otherwise."""
        if isinstance(value, bool):
            raise ValueError("une date AAAA, AAAA-MM ou AAAA-MM-JJ est attendue, pas un booléen")
        if isinstance(value, int):
            value = f"{value:04d}"
        if not isinstance(value, str):
            raise ValueError("une date AAAA, AAAA-MM ou AAAA-MM-JJ est attendue")
        match = _DATE.match(value.strip())
        if not match:
            raise ValueError(f"« {value} » n'est pas une date AAAA, AAAA-MM ou AAAA-MM-JJ")
        year, month, day = (int(g) if g else None for g in match.groups())
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"année {year} hors des bornes plausibles ({FIRST_YEAR} à {LAST_YEAR})")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"mois impossible dans « {value} »")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"date impossible « {value} » (ce mois compte {last} jours)")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "jour" if self.day else "mois" if self.month else "année"

    @property
    def iso(self) -> str:
        """The value for `<time datetime>`: as precise as known."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: FuzzyDate) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.iso


def date_fr(value: FuzzyDate | dt.date) -> str:
    """`7 octobre 2002`, `1er janvier 2026`, `mai 1992` or `1992`, with no-break spaces."""
    if isinstance(value, dt.date):
        value = FuzzyDate(value.year, value.month, value.day)
    if value.day:
        day = "1er" if value.day == 1 else str(value.day)
        month = format_date(value.first_day, "MMMM", locale="fr")
        return f"{day}{NBSP}{month}{NBSP}{value.year}"
    if value.month:
        return format_date(value.first_day, "MMMM", locale="fr") + NBSP + str(value.year)
    return str(value.year)


def number_fr(value: int | float) -> str:
    """`2 030`, `53,22`: Babel's French grouping (narrow no-break space)."""
    return format_decimal(value, locale="fr")


_SPACES = "[ \u00a0\u202f]"
_RULES = [
    (re.compile("'"), "\u2019"),  # apostrophe typographique
    (re.compile(rf"«{_SPACES}*"), "«" + NBSP),
    (re.compile(rf"(?<!{_SPACES}){_SPACES}*»"), NBSP + "»"),  # from the run's start only: linear time
    (re.compile(rf"(?<=\S){_SPACES}?([;!?])(?=\s|$|[)»*_])"), NNBSP + r"\1"),
    (re.compile(rf"(?<=\S){_SPACES}?:(?=\s|$)"), NBSP + ":"),
    (re.compile(rf"(?<=\d){_SPACES}(?=%)"), NNBSP),  # 50 % → 50 %
    (re.compile(r"(?<=\d)%"), NNBSP + "%"),
]


# A thousands group: 1 to 3 digits that start a number, then groups of exactly 3 (« 2 030 »,
# « 10 700 »), never a year followed by another number (« 2022 150 »).
_THOUSANDS = re.compile(rf"(?<!\w)\d{{1,3}}(?:{_SPACES}\d{{3}})+(?!\d)")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")  # « ](https://…) »: an address, never typeset
_HELD = "\ue000"  # stands for a link target while the words around it are typeset


def typography(text: str) -> str:
    """French typography on the words of a text field, never on the addresses of its links."""
    targets = _LINK_TARGET.findall(text)
    if targets:
        text = _LINK_TARGET.sub(_HELD, text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    text = _THOUSANDS.sub(lambda m: re.sub(_SPACES, NNBSP, m.group(0)), text)
    for target in targets:
        text = text.replace(_HELD, target, 1)
    return text


def fold(text: str) -> str:
    """Lower case without diacritics: « États » → « etats », « Tokaïev » → « tokaiev »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FRENCH = Locale("fr")


def language_fr(code: str) -> str:
    """`ru` → `russe`."""
    return _FRENCH.languages.get(code, code)


def decimal_year(value: FuzzyDate) -> float:
    """1992.37 for 15 May 1992: where a date falls on a time axis (start of the known period)."""
    first = value.first_day
    days = 366 if calendar.isleap(first.year) else 365
    return first.year + (first.timetuple().tm_yday - 1) / days
