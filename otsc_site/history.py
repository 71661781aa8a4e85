"""When each source file of the site last changed, from git: « Mis à jour le » on every page.

The day of the last commit that touched a file (UTC), so two builds of the same commit agree. A
file changed since that commit (an editor at work under `make serve`) counts as changed on the
build date. Without git (a copy of the project), every file counts as changed on the build date.
In a shallow clone every file dates from its one commit: `make build`, which publishes, refuses one
(Makefile), while tests and previews still run there.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import yaml

FOLDERS = ("data", "templates", "docs")


def build_date() -> dt.date:
    """The day the site is built: from SOURCE_DATE_EPOCH (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def last_changes(root: Path, today: dt.date) -> dict[str, dt.date]:
    """`{"data/timeline.yml": date(2026, 11, 29), …}` for every tracked file under FOLDERS."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(root), *args, "--", *FOLDERS],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout

    try:
        log = git("log", "--format=%x00%ct", "--name-only", "--no-renames")
        dirty = git("status", "--porcelain", "--no-renames", "--untracked-files=all")
    except (OSError, subprocess.SubprocessError):
        return {}
    changes: dict[str, dt.date] = {}
    for commit in log.split("\x00")[1:]:
        stamp, *names = commit.strip().splitlines()
        day = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date()
        for name in filter(None, names):
            changes.setdefault(name, day)
    for line in dirty.splitlines():
        changes[line[3:].strip('"')] = today
    return changes


def hand_written_inputs(src_uri: str) -> list[str]:
    """What shapes a page written by hand: its file under docs/, and the glossary (its tooltips)."""
    return [f"docs/{src_uri}", "data/glossary.yml"]


def updated(changes: dict[str, dt.date], files: list[str], today: dt.date) -> dt.date:
    """The last change among `files`; the build date for a file git does not know."""
    return max(changes.get(name, today) for name in files)


def date_keys(day: dt.date) -> dict[str, str]:
    """The front-matter keys the theme shows (« Mis à jour le », « Citer cette page »)."""
    from .french import date_fr

    return {"updated": day.isoformat(), "updated_fr": date_fr(day)}


def hand_written_dates(docs: Path, changes: dict[str, dt.date], today: dt.date) -> dict[str, dict[str, str]]:
    """The dates of each page written by hand under `docs`, by file (« a-propos.md »)."""
    pages = (path.relative_to(docs).as_posix() for path in sorted(docs.rglob("*.md")))
    return {page: date_keys(updated(changes, hand_written_inputs(page), today)) for page in pages}


def with_front_matter(markdown: str, keys: dict[str, str]) -> str:
    """`markdown` with `keys` added to its YAML front matter (created if it has none); a key the page
    sets itself wins, as it does in the hook."""
    if not keys:
        return markdown
    lines = yaml.safe_dump(keys, allow_unicode=True, sort_keys=False, width=1_000_000)
    if markdown.startswith("---\n"):
        return "---\n" + lines + markdown[4:]
    return "---\n" + lines + "---\n\n" + markdown
