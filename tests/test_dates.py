"""The rules of time (issue 20): a page's date follows every file that shapes it, the build date is
the day of the build, a shallow clone is refused, and the published site is rebuilt every day.

`make test` runs these again with the clock a year ahead (faketime): none may depend on the day it
was written, on the last commit or on a full history.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml
from conftest import ROOT

from otsc_site.build import build_pages

pytestmark = pytest.mark.horloge


def git(root, *args, date=None):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def shown_date(root, page="competences.md"):
    """The date the page shows (its front matter's « updated », which the engine gives each page)."""
    return build_pages(root).meta[page]["updated"]


@pytest.fixture
def history(project):
    """The project as a git repository whose every file was committed on 1 March 2025."""
    git(project.root, "init", "-q")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "départ", date="2025-03-01T12:00:00Z")
    return project


# An edit to each kind of file that shapes « competences.md »: a macro, the list of pages, its own
# template, its data, and the file that says up to when sources were checked.
SHAPING_EDITS = [
    ("templates/_macros.md.j2", "{% macro fact(f) -%}", "{#- un commentaire -#}\n{% macro fact(f) -%}"),
    ("templates/pages.yml", "# Les pages produites", "# Toutes les pages produites"),
    ("templates/competences.md.j2", "{% import", "{#- un commentaire -#}\n{% import"),
    ("data/powers.yml", "# ", "#  "),
    ("data/organisation.yml", "# ", "#  "),  # « Sources vérifiées jusqu'au » comes from there
]


def test_a_page_date_follows_every_file_that_shapes_it(history):
    """Each edit, committed a month after the one before, moves the page's date to its own day."""
    assert shown_date(history.root) == "2025-03-01"
    for month, (relative, old, new) in enumerate(SHAPING_EDITS, start=4):
        history.replace(relative, old, new)
        day = f"2025-{month:02d}-15"
        git(history.root, "commit", "-q", "-am", f"modification de {relative}", date=f"{day}T12:00:00Z")
        assert shown_date(history.root) == day, relative


def test_a_file_that_does_not_shape_the_page_leaves_its_date(history):
    history.replace("data/timeline.yml", "# ", "#  ")
    git(history.root, "commit", "-q", "-am", "chronologie", date="2025-06-15T12:00:00Z")
    assert shown_date(history.root) == "2025-03-01"
    assert shown_date(history.root, "chronologie.md") == "2025-06-15"


def test_make_build_refuses_a_shallow_clone_in_french_and_previews_still_work(history, tmp_path):
    import shutil

    from conftest import BIN, _env

    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, history.root / name)
    git(history.root, "add", "-A")
    git(history.root, "commit", "-q", "-m", "Makefile", date="2025-04-01T12:00:00Z")
    history.replace("data/powers.yml", "# ", "#  ")
    git(history.root, "commit", "-q", "-am", "deuxième", date="2025-06-15T12:00:00Z")
    clone = tmp_path / "superficiel"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone)], check=True)
    (clone / ".venv").symlink_to(BIN.parent)
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "build"],
        cwd=clone,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert result.returncode != 0 and "clone superficiel" in result.stderr and "--unshallow" in result.stderr
    assert not (clone / "site").exists()
    # Tests and previews still run in a shallow clone: every file dates from its one commit.
    assert shown_date(clone) == "2025-06-15"


def test_the_makefile_leaves_the_build_date_to_the_day_of_the_build():
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    database = subprocess.run(
        ["make", "-pn", "-f", str(ROOT / "Makefile"), "check-data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    assert "SOURCE_DATE_EPOCH" not in database.replace("# SOURCE_DATE_EPOCH", "")


def test_the_build_date_is_today_unless_someone_sets_source_date_epoch(monkeypatch):
    import datetime as dt

    from otsc_site.pages import build_date

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date() == dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build_date() == dt.date(2026, 1, 1)


def test_the_publish_workflow_fetches_all_history_and_rebuilds_every_day():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publier.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as true
    assert triggers["schedule"] and all(
        re.fullmatch(r"[\d*/,-]+( [\d*/,-]+){4}", s["cron"]) for s in triggers["schedule"]
    )
    checkouts = [
        step
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/checkout")
    ]
    assert len(checkouts) == len(workflow["jobs"]) and all(
        s.get("with", {}).get("fetch-depth") == 0 for s in checkouts
    )
    publish = workflow["jobs"]["publier"]["if"]
    assert "pull_request" in publish and "schedule" not in publish  # a scheduled run publishes too
