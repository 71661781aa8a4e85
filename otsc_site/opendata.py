"""Open data: the checked data as JSON and CSV, and JSON Schemas drawn from the same models.

Nothing here knows about MkDocs: the hook publishes these files under /donnees/, `make schemas`
writes the schemas that the YAML files point to (yaml-language-server), and tests read them back.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, create_model

from .model import FILES

if TYPE_CHECKING:
    from .checks import Data

LICENCE = {
    "donnees": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/deed.fr), L'OTSC expliquée",
    "carte": "Natural Earth, domaine public (https://www.naturalearthdata.com/about/terms-of-use/), "
    "par le paquet npm world-atlas 2.0.2 (ISC)",
}
SCHEMA_BASE = "https://otsc-expliquee.github.io/donnees/schemas/"


def file_schema(name: str) -> dict:
    """The JSON Schema of one data file, as editors' tools read it."""
    schema = FILES[name].model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        "title": f"data/{name}.yml",
        **schema,
    }


def site_model() -> type[BaseModel]:
    """`otsc.json` as one model: every data file under its name, plus the licence and the date."""
    files = create_model(
        "Fichiers",
        __config__=ConfigDict(extra="forbid"),
        **{name: (model, ...) for name, model in FILES.items()},
    )
    return create_model(
        "DonneesOTSC",
        __config__=ConfigDict(extra="forbid", title="L'OTSC expliquée : toutes les données"),
        licence=(dict[str, Any], ...),
        sources_verifiees_jusqu_au=(str, ...),
        fichiers=(files, ...),
    )


def site_schema() -> dict:
    """The schema of `otsc.json`, drawn from `site_model`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}otsc.schema.json",
        **site_model().model_json_schema(mode="serialization"),
    }


def site_json(data: Data) -> dict:
    """Every data file as checked, in JSON terms (dates as written: AAAA, AAAA-MM or AAAA-MM-JJ)."""
    return {
        "licence": LICENCE,
        "sources_verifiees_jusqu_au": data.organisation.sources_checked_until.iso,
        "fichiers": {name: _dumped(name, data.files[name]) for name in FILES},
    }


def _dumped(name: str, model: BaseModel) -> dict:
    """A file's model in JSON terms, drawn once per model (frozen, the same while its file is unchanged)."""
    cached = _DUMPED.get(name)
    if not cached or cached[0] is not model:
        cached = _DUMPED[name] = (model, model.model_dump(mode="json", exclude_defaults=True))
    return cached[1]


_DUMPED: dict[str, tuple[BaseModel, dict]] = {}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_text(cell: Any) -> Any:
    """A cell a spreadsheet would run as a formula starts with « ' » and is read as text (OWASP):
    spreadsheets skip the spaces before « = » or « @ », so the test looks past them too."""
    if isinstance(cell, str) and (
        cell.startswith(_FORMULA_START) or cell.lstrip(" \u00a0").startswith(_FORMULA_START)
    ):
        return "'" + cell
    return cell


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
    return "\ufeff" + out.getvalue()  # with a BOM, spreadsheets read the accents right


def timeline_csv(data: Data) -> str:
    categories = {c.id: c.label for c in data.timeline.categories}
    return _csv(
        ["id", "date", "fin", "categorie", "etats", "statut", "titre", "texte", "sources"],
        [
            [
                e.id,
                e.date.iso,
                e.end.iso if e.end else "",
                categories[e.category],
                " ".join(e.states),
                e.status,
                e.title,
                " ".join((e.text or "").split()),
                " ".join(c.id for c in e.sources),
            ]
            for e in data.timeline.events
        ],
    )


def members_csv(data: Data) -> str:
    return _csv(
        ["etat", "nom", "date", "statut", "texte", "sources"],
        [
            [
                s.id,
                s.name,
                change.date.iso,
                change.status,
                " ".join(change.text.split()),
                " ".join(c.id for c in change.sources),
            ]
            for s in data.members.states
            for change in s.history
        ],
    )


def sources_csv(data: Data) -> str:
    return _csv(
        ["id", "titre", "editeur", "date", "langue", "adresse", "fiabilite", "media_d_etat", "consultee"],
        [
            [
                s.id,
                s.title,
                s.publisher,
                s.date.iso if s.date else "",
                s.language,
                s.url,
                s.reliability,
                s.outlet or "",
                s.consulted.iso,
            ]
            for s in data.sources.values()
        ],
    )


def excerpts_csv(data: Data) -> str:
    """One row per citation of every claim: the source's words that establish it, and their translation."""
    from .proofs import claims

    return _csv(
        ["fichier", "affirmation", "source", "extrait", "langue", "traduction", "sans_extrait"],
        [
            [
                f"data/{claim.file}.yml",
                claim.words,
                c.id,
                c.extrait or "",
                c.langue or "",
                c.traduction or "",
                c.sans_extrait or "",
            ]
            for claim in claims(data)
            for c in claim.citations
        ],
    )


def downloads(data: Data) -> dict[str, str]:
    """The files published under /donnees/, by path."""
    files = {
        "donnees/otsc.json": json.dumps(site_json(data), ensure_ascii=False, indent=1) + "\n",
        "donnees/chronologie.csv": timeline_csv(data),
        "donnees/membres.csv": members_csv(data),
        "donnees/sources.csv": sources_csv(data),
        "donnees/extraits.csv": excerpts_csv(data),
    }
    return files | dict(schema_texts())


@functools.cache  # the schemas follow from the models' code alone, which a running process keeps
def schema_texts() -> tuple[tuple[str, str], ...]:
    """The published schemas, by path: `otsc.json`'s and each data file's."""
    schemas = {"otsc": site_schema()} | {name: file_schema(name) for name in FILES}
    return tuple((f"donnees/schemas/{name}.schema.json", _json(schema)) for name, schema in schemas.items())


def _json(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """`make schemas`: the schemas the YAML files point to, for completion and checks in editors."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = folder / f"{name}.schema.json"
        path.write_text(_json(file_schema(name)), encoding="utf-8")
        written.append(path)
    return written
