"""The members' military spending, joined once for the page and the state pages: totals of the
current members, Russia's share of them, the latest year, and the years the database flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks import Data


def years_of(spans: list[int | str]) -> set[int]:
    """`[1992-2012, 2018]` → every year named."""
    years: set[int] = set()
    for span in spans:
        first, _, last = str(span).partition("-")
        years.update(range(int(first), int(last or first) + 1))
    return years


@dataclass(frozen=True)
class Year:
    year: int
    values: dict  # state id → value, for the states the database gives that year
    total: float | None  # the current members' total, if the database gives all of them
    share: float | None  # Russia's part of that total, in per cent


@dataclass(frozen=True)
class Spending:
    members: tuple  # the current members' ids, the biggest spender first in the latest year
    former: tuple  # the other states of the series
    years: tuple  # Year, oldest first
    latest: Year  # the last year with a total
    flags: dict  # (state id, year) → « e » (the database's estimate) or « i » (highly uncertain)


def spending(data: Data, leader: str = "russie") -> Spending:
    series = data.spending.series
    current = [s for s in data.organisation.members if s in series.values]
    all_years = sorted({y for values in series.values.values() for y in values})
    years = []
    for year in all_years:
        values = {s: v[year] for s, v in series.values.items() if year in v}
        complete = all(s in values for s in current)
        total = sum(values[s] for s in current) if complete else None
        share = 100 * values[leader] / total if total and leader in values else None
        years.append(Year(year, values, total, share))
    latest = next(y for y in reversed(years) if y.total)
    members = tuple(sorted(current, key=lambda s: -latest.values[s]))
    former = tuple(s for s in series.values if s not in current)
    flags = {(s, y): "e" for s, spans in series.estimated.items() for y in years_of(spans)}
    flags.update({(s, y): "i" for s, spans in series.uncertain.items() for y in years_of(spans)})
    return Spending(members, former, tuple(years), latest, flags)
