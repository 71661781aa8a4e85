"""Synthetic data for `make bench`: the real data with its events, sources and states multiplied.

    python bench/multiply.py FACTOR DATA_DIR

Rewrites DATA_DIR in place. Copy n of a source, event or state gets the id suffix « -xn »; a
copied event or state cites the copies of its sources and names the copies of its states, so
that the multiplied data passes every check (every source cited, every reference known, dates in
order) and each page grows with the factor: Chronologie, Membres and Sources by FACTOR.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from otsc_site.loading import parse_yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the data refuses aliases: write every copy out
        return True


def _id(item: str | dict) -> str:
    """A reference as written: an id (« otsc-historique », a state) or a citation with its excerpt."""
    return item if isinstance(item, str) else item["id"]


def _suffix(refs: list, n: int) -> list:
    """The copies of the references: a citation keeps its excerpt and points to the source's copy."""
    return [f"{r}-x{n}" if isinstance(r, str) else dict(r, id=f"{r['id']}-x{n}") for r in refs]


def _copy(item: dict, n: int, fields: dict[str, str]) -> dict:
    """A copy of an item: its id suffixed, and each reference field pointing to the copies."""
    out = dict(item, id=f"{item['id']}-x{n}")
    for field in fields:
        if field in out:
            out[field] = _suffix(out[field], n)
    return out


def multiply(data_dir: Path, factor: int) -> dict[str, int]:
    def read(name: str) -> dict:
        path = data_dir / f"{name}.yml"  # parsed afresh: the data below is changed in place
        return parse_yaml(path.read_bytes(), path.name).data

    def write(name: str, content: dict) -> None:
        (data_dir / f"{name}.yml").write_text(
            yaml.dump(content, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )

    copies = range(2, factor + 1)
    timeline, members, sources = read("timeline"), read("members"), read("sources")
    # Only the sources that events and states cite are copied: a copy must be cited to pass the checks.
    cited = {_id(c) for event in timeline["events"] for c in event["sources"]}
    cited |= {_id(c) for state in members["states"] for change in state["history"] for c in change["sources"]}
    sources["sources"] = sources["sources"] + [
        dict(_copy(s, n, {}), title=f"{s['title']} ({n})")
        for n in copies
        for s in sources["sources"]
        if s["id"] in cited
    ]
    write("sources", sources)

    events = []
    for event in timeline["events"]:  # each copy right after its original: the dates stay in order
        events.append(event)
        # A copy is never a key event: the overview names at most six per period,
        # however many events there are.
        events += [
            {
                k: v
                for k, v in dict(
                    _copy(event, n, {"sources": "", "states": ""}), title=f"{event['title']} ({n})"
                ).items()
                if k != "key"
            }
            for n in copies
        ]
    timeline["events"] = events
    write("timeline", timeline)

    members["states"] = members["states"] + [
        dict(
            _copy(state, n, {}),
            name=f"{state['name']} {n}",
            history=[dict(change, sources=_suffix(change["sources"], n)) for change in state["history"]],
        )
        for n in copies
        for state in members["states"]
    ]
    write("members", members)
    return {"sources": len(sources["sources"]), "events": len(events), "states": len(members["states"])}


if __name__ == "__main__":
    counts = multiply(Path(sys.argv[2]), int(sys.argv[1]))
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
