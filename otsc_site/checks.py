"""Load every data file, check it against its schema and the others, join it into one `Data`."""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, Problem, field_name
from .french import FuzzyDate
from .history import build_date
from .loading import Loaded, Location, load_yaml
from .model import FILES, RELIABILITY_LABELS, Citation, MapFile, Model, Source, State


@dataclass
class Data:
    """All the checked data, with the indexes templates need."""

    files: dict[str, Model]
    sources: dict[str, Source]
    states: dict[str, State]
    map: MapFile | None = None  # data/map.json: the region's shapes, drawn by scripts/build_map.py
    loaded: dict[str, Loaded] = field(
        default_factory=dict
    )  # each YAML file as read, for messages with a line

    def __getattr__(self, name: str) -> Any:
        try:
            return self.files[name]
        except KeyError:
            raise AttributeError(name) from None


def load_data(data_dir: Path, names: list[str] | None = None) -> Data:
    """Read and check `data_dir/*.yml`; raise DataError listing every problem found."""
    problems: list[Problem] = []
    loaded: dict[str, Loaded] = {}
    files: dict[str, Model] = {}
    for name in names or list(FILES):
        try:
            doc = load_yaml(data_dir / f"{name}.yml", f"data/{name}.yml")
        except DataError as err:
            problems += err.problems
            continue
        loaded[name] = doc
        cached = _VALIDATED.get(name)
        if cached and cached[0] is doc:  # the same parse: its models are unchanged (they are frozen)
            files[name] = cached[1]
            continue
        try:
            files[name] = FILES[name].model_validate(doc.data)
        except ValidationError as err:
            problems += [_problem(doc, FILES[name], e) for e in _without_misspelt_twins(err.errors())]
        else:
            _VALIDATED[name] = (doc, files[name])
    if problems:
        raise DataError(problems)
    data = Data(
        files,
        {s.id: s for s in files["sources"].sources},
        {s.id: s for s in files["members"].states},
        map=_load_map(data_dir / "map.json"),
        loaded=loaded,
    )
    problems = list(_cross_check(data, loaded))
    if problems:
        raise DataError(problems)
    return data


# Under `make serve`: a file parsed to the same object (see loading._PARSED) is not validated again.
_VALIDATED: dict[str, tuple[Loaded, Model]] = {}


_MAP: dict[Path, tuple[bytes, MapFile]] = {}


def _load_map(path: Path) -> MapFile:
    """The committed map shapes; a missing, broken or misshapen file is an editor's error like any other."""
    try:
        raw = path.read_bytes()
        kept = _MAP.get(path)
        if kept and kept[0] == raw:  # the same model while the file is the same: its pages are kept
            return kept[1]
        _MAP[path] = (raw, MapFile.model_validate(json.loads(raw)))
        return _MAP[path][1]
    except ValidationError as err:
        first = err.errors()[0]
        raise DataError(
            [
                Problem(
                    "data/map.json",
                    field=field_name(tuple(first["loc"])),
                    message=(f"carte mal formée ({first['msg']}) : relancez « make map »"),
                )
            ]
        ) from None
    except (OSError, ValueError) as err:
        raise DataError(
            [Problem("data/map.json", message=f"carte illisible ({err}) : relancez « make map »")]
        ) from None


# ---------------------------------------------------------------- schema errors, in French

# Key events of one period, listed on the chronology overview.
MAX_KEY_EVENTS = 6


_EXPECTED = {
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "list_type": "liste attendue (une ligne « - … » par élément)",
    "model_type": "groupe de champs attendu (« clé: valeur » indentés)",
    "model_attributes_type": "groupe de champs attendu (« clé: valeur » indentés)",
    "dict_type": "groupe de champs attendu (« clé: valeur » indentés)",
    "missing": "champ obligatoire absent",
    "string_pattern_mismatch": (
        "identifiant attendu : minuscules sans accents, chiffres et tirets (ex. sommet-minsk-2023)"
    ),
    "frozen_instance": "valeur non modifiable",
}


def _problem(doc: Loaded, schema: type[BaseModel], error: dict) -> Problem:
    loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
    kind = error["type"]
    line, column = doc.locate(loc)
    raw = doc.scalars.get(loc)
    if kind == "missing":
        line, column = doc.locate(loc[:-1])
        message = _EXPECTED[kind]
    elif kind == "extra_forbidden":
        allowed = _allowed_fields(schema, loc[:-1])
        message = "champ inconnu" + _did_you_mean(str(loc[-1]), allowed)
        message += f" (champs permis : {', '.join(allowed)})" if allowed else ""
    elif kind == "literal_error":
        message = _quote_choices(raw if raw is not None else error["input"], error["ctx"]["expected"])
    elif (
        kind == "string_type"
        and isinstance(error["input"], (int, float))
        and not isinstance(error["input"], bool)
    ):
        message = (
            f'texte attendu, mais « {raw} » est lu comme un nombre : mettez-le entre guillemets ("{raw}")'
        )
    elif kind == "string_type" and isinstance(error["input"], bool):
        message = (
            f"texte attendu, mais « {raw} » est lu par YAML comme un booléen : "
            f'mettez-le entre guillemets ("{raw}")'
        )
    elif kind == "too_short":
        message = f"au moins {error['ctx']['min_length']} élément(s) attendu(s)"
    elif kind in ("too_long", "string_too_long") and isinstance(error["input"], str):
        message = f"texte trop long ({len(error['input'])} caractères ; au plus {error['ctx']['max_length']})"
    elif kind == "too_long":
        message = f"au plus {error['ctx']['max_length']} élément(s) attendu(s)"
    elif kind == "string_too_long":
        message = f"texte trop long ({len(error['input'])} caractères ; au plus {error['ctx']['max_length']})"
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = f"nombre hors des bornes ({error['msg']})"
    elif kind == "string_pattern_mismatch" and loc and loc[-1] == "abbreviation":
        message = (
            f"sigle attendu : lettres et chiffres, mots séparés d'une espace (ex. AP OTSC), reçu « {raw} »"
        )
    elif kind in _EXPECTED:
        message = _EXPECTED[kind] + (f", reçu « {raw} »" if raw is not None and kind != "missing" else "")
    else:
        message = error["msg"]
    return Problem(doc.file, line, column, field_name(loc), message)


def _without_misspelt_twins(errors: list[dict]) -> list[dict]:
    """A misspelt field is one mistake, not two: drop "missing X" when "unknown X'" stands beside it."""
    extras = [e["loc"] for e in errors if e["type"] == "extra_forbidden"]
    kept = []
    for e in errors:
        loc = e["loc"]
        if e["type"] == "missing" and any(
            x[:-1] == loc[:-1] and difflib.get_close_matches(str(x[-1]), [str(loc[-1])], n=1) for x in extras
        ):
            continue
        kept.append(e)
    return kept


def _quote_choices(value: Any, expected: str) -> str:
    choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
    return f"valeur « {value} » non permise ; valeurs permises : " + ", ".join(f"« {c} »" for c in choices)


def _allowed_fields(schema: type[BaseModel], loc: Location) -> list[str]:
    """Field names permitted at `loc`, found by walking the schema."""
    current: Any = schema
    for part in loc:
        if isinstance(part, int):
            continue
        info = (
            current.model_fields.get(part)
            if isinstance(current, type) and issubclass(current, BaseModel)
            else None
        )
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------- cross-references


def walk(model: BaseModel) -> list[tuple[Location, Any]]:
    """Every model in a file's model and its path, depth first; remembered while the file is unchanged."""
    cached = _WALKED.get(id(model))
    if cached and cached[0] is model:
        return cached[1]
    found: list[tuple[Location, Any]] = []
    stack: list[tuple[Location, Any]] = [((), model)]
    while stack:
        path, obj = stack.pop()
        if isinstance(obj, BaseModel):
            found.append((path, obj))
            stack.extend((path + (name,), getattr(obj, name)) for name in reversed(type(obj).model_fields))
        elif isinstance(obj, list):
            stack.extend((path + (i,), item) for i, item in reversed(list(enumerate(obj))))
    if len(_WALKED) > 64:
        _WALKED.clear()
    _WALKED[id(model)] = (model, found)
    return found


_WALKED: dict[int, tuple[BaseModel, list]] = {}


def _did_you_mean(ref: str, known, otherwise: str = "") -> str:
    """« ; vouliez-vous dire « … » ? » with the closest of `known`, or `otherwise` (where to look)."""
    guess = difflib.get_close_matches(ref, list(known), n=1)
    return f" ; vouliez-vous dire « {guess[0]} » ?" if guess else otherwise


def _cross_check(data: Data, loaded: dict[str, Loaded]) -> Iterator[Problem]:
    def at(name: str, loc: Location, message: str) -> Problem:
        line, column = loaded[name].locate(loc)
        return Problem(f"data/{name}.yml", line, column, field_name(loc), message)

    # Unique ids in every list of items that have one.
    for name, model in data.files.items():
        seen: dict[tuple[Location, str], Location] = {}
        for loc, item in walk(model):
            item_id = getattr(item, "id", None)
            if isinstance(item_id, str) and loc and isinstance(loc[-1], int):
                key = (loc[:-1], item_id)
                if key in seen:
                    yield at(
                        name,
                        loc + ("id",),
                        f"identifiant « {item_id} » en double (déjà utilisé en {field_name(seen[key])})",
                    )
                seen.setdefault(key, loc)

    # Every cited source exists, every source is cited; every state exists.
    cited: dict[str, set[str]] = defaultdict(set)
    guessed: set[str] = set()  # a typo's intended source is not also reported as unused
    for name, model in data.files.items():
        for loc, item in walk(model):
            for key in (k for k in type(item).model_fields if k.endswith("sources")):
                citations = getattr(item, key) or []
                for i, citation in enumerate(citations):
                    if not isinstance(citation, Citation):
                        continue
                    if citation.id in data.sources:
                        cited[citation.id].add(name)
                        yield from _excerpt_problems(
                            citation,
                            data.sources[citation.id],
                            # called at once, inside this iteration: the loop's variables are the right ones
                            lambda field, message: at(name, loc + (key, i, field), message),  # noqa: B023
                        )
                    else:
                        guess = difflib.get_close_matches(citation.id, list(data.sources), n=1)
                        guessed.update(guess)
                        hint = (
                            f" ; vouliez-vous dire « {guess[0]} » ?"
                            if guess
                            else " (à ajouter dans data/sources.yml)"
                        )
                        yield at(name, loc + (key, i, "id"), f"source « {citation.id} » inconnue{hint}")
                if any(isinstance(c, Citation) for c in citations) and not any(
                    c.extrait or c.sans_extrait for c in citations
                ):
                    yield at(
                        name,
                        loc + (key,),
                        (
                            "affirmation sans extrait : donnez, sur l'une de ses sources, les mots qui "
                            "l'établissent "
                            "(« - id: … », « extrait: … », « langue: … », « traduction: … ») ou, à défaut, "
                            "« sans_extrait: » et pourquoi"
                        ),
                    )
            for key in ("state", "states", "members"):
                value = getattr(item, key, None)
                ids = value if isinstance(value, list) else [value] if isinstance(value, str) else []
                for i, state_id in enumerate(ids):
                    if isinstance(state_id, str) and state_id not in data.states:
                        sub = loc + (key, i) if isinstance(value, list) else loc + (key,)
                        yield at(
                            name,
                            sub,
                            f"État « {state_id} » inconnu ; États connus : {', '.join(data.states)}",
                        )
    for i, source in enumerate(data.files["sources"].sources):
        if source.id not in cited and source.id not in guessed:
            yield at(
                "sources",
                ("sources", i, "id"),
                f"source « {source.id} » citée nulle part : citez-la ou retirez-la",
            )

    yield from _reliability_problems(data, at)

    # Contested points that items refer to exist.
    points = {c.id for c in data.files["contested"].points}
    for name, model in data.files.items():
        for loc, item in walk(model):
            for i, point in enumerate(getattr(item, "contested", None) or []):
                if isinstance(point, str) and point not in points:
                    hint = _did_you_mean(point, points, " (à décrire dans data/contested.yml)")
                    yield at(name, loc + ("contested", i), f"point contesté « {point} » inconnu{hint}")

    # The spending series names known states.
    spending = data.files.get("spending")
    if spending is not None:
        for key in ("values", "estimated", "uncertain"):
            for state_id in getattr(spending.series, key):
                if state_id not in data.states:
                    yield at(
                        "spending",
                        ("series", key, state_id),
                        f"État « {state_id} » inconnu ; États connus : {', '.join(data.states)}",
                    )

    # The founding texts: their dates, official copies and events exist; articles numbered 1, 2, 3…
    texts = data.files.get("texts")
    if texts is not None:
        milestones = {m.id for m in data.files["organisation"].founding}
        events = {e.id for e in data.files["timeline"].events}
        for i, text in enumerate(texts.texts):
            for j, ref in enumerate(text.milestones):
                if ref not in milestones:
                    yield at(
                        "texts",
                        ("texts", i, "milestones", j),
                        f"date « {ref} » inconnue ; dates de organisation.yml (founding) : "
                        f"{', '.join(sorted(milestones))}",
                    )
            for j, ref in enumerate(text.official):
                if ref not in data.sources:
                    yield at(
                        "texts", ("texts", i, "official", j), f"source « {ref} » inconnue (data/sources.yml)"
                    )
            for j, article in enumerate(text.articles):
                if article.number != j + 1:
                    yield at(
                        "texts",
                        ("texts", i, "articles", j, "number"),
                        f"article {article.number} à la place de l'article {j + 1} : les articles se "
                        "suivent, "
                        "sans trou (un article non lu a son entrée, qui le dit)",
                    )
                for k, ref in enumerate(article.events):
                    if ref not in events:
                        hint = _did_you_mean(ref, events, " (voir data/timeline.yml)")
                        yield at(
                            "texts",
                            ("texts", i, "articles", j, "events", k),
                            f"événement « {ref} » inconnu{hint}",
                        )

    # The story's paragraphs name items that exist.
    story = data.files.get("story")
    if story is not None:
        known = {
            "events": ("timeline", {e.id for e in data.files["timeline"].events}, "événement"),
            "power": ("powers", {c.id for c in data.files["powers"].powers}, "compétence"),
            "topic": ("procedure", {t.id for t in data.files["procedure"].topics}, "thème"),
            "period": ("timeline", {c.id for c in data.files["timeline"].periods}, "période"),
            "point": ("contested", points, "point contesté"),
        }
        for i, section in enumerate(story.sections):
            for j, part in enumerate(section.parts):
                for key, (file, ids, what) in known.items():
                    value = getattr(part, key)
                    for k, ref in enumerate(value if isinstance(value, list) else [value] if value else []):
                        if ref not in ids:
                            hint = _did_you_mean(ref, ids, f" (voir data/{file}.yml)")
                            loc = ("sections", i, "parts", j, key) + ((k,) if isinstance(value, list) else ())
                            yield at("story", loc, f"{what} « {ref} » inconnu{hint}")

    # « Qui décide ? »: presets use known answers, and every result the explainer can reach is worded.
    who = data.files["procedure"].who_decides
    answers = {r.id for r in who.responses}
    for i, preset in enumerate(who.presets):
        for j, answer in enumerate(preset.responses):
            if answer.response not in answers:
                yield at(
                    "procedure",
                    ("who_decides", "presets", i, "responses", j, "response"),
                    f"réponse « {answer.response} » inconnue ; réponses : {', '.join(sorted(answers))}",
                )
    needed = {"adoptee", "bloquee", "sans-soutien"} | {
        {"oui": "format-limite", "inconnu": "incertaine", "non": "refusee-sans-membre"}[k.limited_format]
        for k in who.kinds
    }
    for missing in sorted(needed - {o.id for o in who.outcomes}):
        yield at("procedure", ("who_decides", "outcomes"), f"le résultat « {missing} » n'est pas rédigé")

    # The budget shares add up.
    shares = data.files["procedure"].shares
    if shares and sum(s.percent for s in shares) != 100:
        yield at(
            "procedure",
            ("shares",),
            f"les parts du budget totalisent {sum(s.percent for s in shares)} %, pas 100 %",
        )

    # Membership histories run forward in time and start with membership.
    for i, state in enumerate(data.files["members"].states):
        for j in range(1, len(state.history)):
            if state.history[j].date < state.history[j - 1].date:
                yield at(
                    "members",
                    ("states", i, "history", j, "date"),
                    f"historique dans le désordre : {state.history[j].date} vient avant "
                    f"{state.history[j - 1].date}",
                )
        if state.history[0].status != "membre":
            yield at(
                "members",
                ("states", i, "history", 0, "status"),
                "l'historique d'un État commence par son entrée (« membre »)",
            )

    # Dates that record the past (a check, an addition, a visit, a correction) are not after the build.
    today = build_date()

    def past(name: str, loc: Location, date: FuzzyDate | None, what: str) -> Iterator[Problem]:
        if date is not None and date.first_day > today:
            yield at(
                name,
                loc,
                f"{what} le {date.iso}, après la date de construction ({today.isoformat()}) : "
                "une date passée est attendue",
            )

    yield from past(
        "organisation",
        ("sources_checked_until",),
        data.files["organisation"].sources_checked_until,
        "sources vérifiées",
    )
    for i, source in enumerate(data.files["sources"].sources):
        yield from past("sources", ("sources", i, "consulted"), source.consulted, "source consultée")
    for i, event in enumerate(data.files["timeline"].events):
        yield from past("timeline", ("events", i, "added"), event.added, "événement ajouté")
    for i, correction in enumerate(data.files["corrections"].corrections):
        yield from past("corrections", ("corrections", i, "date"), correction.date, "correction faite")

    # Timeline: known categories, events inside a period, nothing "done" after the sources stop.
    timeline = data.files["timeline"]
    checked: FuzzyDate = data.files["organisation"].sources_checked_until
    categories = {c.id for c in timeline.categories}
    for i, event in enumerate(timeline.events):
        if event.category not in categories:
            yield at(
                "timeline",
                ("events", i, "category"),
                f"catégorie « {event.category} » inconnue ; catégories : {', '.join(sorted(categories))}",
            )
        if not any(p.start <= event.date.year <= p.end for p in timeline.periods):
            yield at(
                "timeline",
                ("events", i, "date"),
                f"aucune période (periods) ne couvre l'année {event.date.year}",
            )
        if event.end is not None and event.end < event.date:
            yield at("timeline", ("events", i, "end"), "la fin précède le début")
        if event.status == "fait" and event.date.first_day > checked.first_day:
            yield at(
                "timeline",
                ("events", i, "status"),
                f"événement postérieur au {checked} (date de vérification des sources) marqué « fait » : "
                "il ne peut être qu'« annoncé »",
            )
    for period in timeline.periods:  # the overview stays short however long the chronology grows
        key = [
            i for i, e in enumerate(timeline.events) if e.key and period.start <= e.date.year <= period.end
        ]
        if len(key) > MAX_KEY_EVENTS:
            yield at(
                "timeline",
                ("events", key[MAX_KEY_EVENTS], "key"),
                f"au plus {MAX_KEY_EVENTS} événements clés (key: true) par période ; la période "
                f"« {period.title} » en a {len(key)}",
            )
    for i in range(1, len(timeline.events)):
        if timeline.events[i].date < timeline.events[i - 1].date:
            yield at(
                "timeline",
                ("events", i, "date"),
                f"événements dans le désordre : {timeline.events[i].date} après "
                f"{timeline.events[i - 1].date}",
            )


def _excerpt_problems(citation: Citation, source: Source, at) -> Iterator[Problem]:
    """An excerpt is in its source's language, and in French or translated into French."""
    if citation.extrait is None:
        for field_ in ("langue", "traduction"):
            if getattr(citation, field_) is not None:
                yield at(
                    field_, f"« {field_} » sans « extrait » : donnez l'extrait de la source, ou retirez-le"
                )
        return
    if citation.sans_extrait is not None:
        yield at("sans_extrait", "« sans_extrait » et « extrait » à la fois : gardez l'un des deux")
    if citation.langue is None:
        yield at(
            "extrait", f"extrait sans langue : ajoutez « langue: {source.language} » (la langue de la source)"
        )
    elif citation.langue != source.language:
        yield at(
            "langue",
            f"langue « {citation.langue} », mais la source « {source.id} » est en "
            f"« {source.language} » : l'extrait se recopie dans la langue de sa source",
        )
    if citation.langue and citation.langue != "fr" and citation.traduction is None:
        yield at(
            "extrait",
            "extrait non français sans traduction : ajoutez « traduction: » (la traduction du site)",
        )
    elif citation.langue == "fr" and citation.traduction is not None:
        yield at("traduction", "extrait déjà en français : retirez « traduction: »")


def _reliability_problems(data: Data, at) -> Iterator[Problem]:
    """The written policy (sources.yml, `policy`) holds for every source.

    A state medium is named (`outlet`, from `state_outlets`) by every source labelled « média d'État »
    and by no other; a source whose title, publisher or address carries a state outlet's name is a
    reprint of it, so it is state media too, whoever publishes it.
    """
    sources_file = data.files["sources"]
    labels = [rule.label for rule in sources_file.policy]
    for missing in sorted(set(RELIABILITY_LABELS) - set(labels)):
        yield at("sources", ("policy",), f"la règle de l'étiquette « {missing} » manque")
    outlets = {o.id: o for o in sources_file.state_outlets}
    by_alias = {alias.casefold(): o for o in sources_file.state_outlets for alias in [o.name, *o.aliases]}
    names = (
        re.compile(
            r"(?<![\w-])(?:"
            + "|".join(map(re.escape, sorted(by_alias, key=len, reverse=True)))
            + r")(?![\w-])",
            re.I,
        )
        if by_alias
        else None
    )
    for i, source in enumerate(sources_file.sources):
        loc = ("sources", i)
        if source.outlet is not None and source.outlet not in outlets:
            guess = difflib.get_close_matches(source.outlet, list(outlets), n=1)
            hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else " (à décrire dans state_outlets)"
            yield at("sources", loc + ("outlet",), f"média d'État « {source.outlet} » inconnu{hint}")
        elif source.reliability == "média d'État" and source.outlet is None:
            yield at(
                "sources",
                loc + ("reliability",),
                "« média d'État » demande le média en cause : ajoutez « outlet: » avec un identifiant de "
                "state_outlets",
            )
        elif source.reliability != "média d'État" and source.outlet is not None:
            yield at(
                "sources",
                loc + ("reliability",),
                f"la source est ou reprend un média d'État ({outlets[source.outlet].name}) : "
                "son étiquette doit être « média d'État »",
            )
        elif (
            source.reliability != "média d'État"
            and names
            and (found := names.search(f"{source.title}\n{source.publisher}\n{source.url}"))
        ):
            outlet = by_alias[found.group(0).casefold()]
            yield at(
                "sources",
                loc + ("reliability",),
                f"« {found.group(0)} » : la source est ou reprend {outlet.name}, média d'État "
                f"({outlet.why}) ; "
                f"une reprise d'un média d'État est un média d'État : « reliability: média d'État » "
                f"et « outlet: {outlet.id} »",
            )
