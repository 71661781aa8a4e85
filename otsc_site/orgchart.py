"""The organisation chart of the Organes page: each organ in its row (`Organ.tier`), its name and who
sits in it cut into lines that fit its box, every position computed here so the template only draws."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .model import TIERS

WIDTH = 640  # the figure's width (CSS px at 1:1; it scrolls sideways below this width)
LEFT = 30  # the boxes start here: on the left, the line that joins each row to the supreme body
SPINE = 12
GAP = 12
NAME_CHARS, SEATS_CHARS = 19, 23  # characters a line of 14 px (name) or 12 px (seats) holds in a box
LINE, SEATS_LINE, PAD = 18, 15, 10
TIER_LABEL = 22  # the row's caption above its boxes


@dataclass(frozen=True)
class Box:
    organ: object
    x: float
    y: float
    width: float
    height: float
    name: tuple  # the name's lines
    seats: tuple  # who sits, in lines


@dataclass(frozen=True)
class Row:
    tier: str
    y: float  # the caption's baseline
    boxes: tuple


@dataclass(frozen=True)
class Chart:
    rows: tuple
    height: float
    top: Box  # the supreme body, from which a line goes down the left side to every other row
    spine: int = SPINE


def org_chart(organs: list) -> Chart:
    rows, y = [], 0.0
    for tier in TIERS:
        members = [o for o in organs if o.tier == tier]
        if not members:
            continue
        width = min(200.0, (WIDTH - LEFT - GAP * (len(members) - 1)) / len(members))
        chars = max(8, int(NAME_CHARS * width / 150))
        names = [tuple(textwrap.wrap(o.name, chars)) for o in members]
        seats = [tuple(textwrap.wrap(o.seats, max(8, int(SEATS_CHARS * width / 150)))) for o in members]
        height = PAD * 2 + LINE * max(map(len, names)) + SEATS_LINE * max(map(len, seats))
        left = LEFT + (WIDTH - LEFT - (width * len(members) + GAP * (len(members) - 1))) / 2
        top = y + TIER_LABEL
        boxes = tuple(
            Box(o, round(left + i * (width + GAP), 1), top, round(width, 1), height, names[i], seats[i])
            for i, o in enumerate(members)
        )
        rows.append(Row(tier, y + 15, boxes))
        y = top + height + 28
    return Chart(tuple(rows), y - 16, rows[0].boxes[0])
