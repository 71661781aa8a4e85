"""The shape of every data file (pydantic), strict: unknown fields and loose types are refused.

Field-name conventions that the cross-reference checks rely on:
`sources` lists source ids, `state`/`states` hold state ids, `category` a timeline category id.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .french import FuzzyDate


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ---------------------------------------------------------------- field types


def _date(value: object) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    try:
        return FuzzyDate.parse(value)
    except ValueError as err:
        raise PydanticCustomError("date", str(err)) from None


Date = Annotated[
    FuzzyDate,
    PlainValidator(_date),
    PlainSerializer(lambda value: value.iso, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "AAAA, AAAA-MM ou AAAA-MM-JJ",
        }
    ),
]


def _day(value: FuzzyDate) -> FuzzyDate:
    if value.day is None:
        raise PydanticCustomError("date", "une date au jour près AAAA-MM-JJ est attendue")
    return value


Day = Annotated[Date, AfterValidator(_day)]

_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_LINK_TARGET = re.compile(r"\]\(([^)]*)(\))?")  # « ](target) », the target up to the first « ) »
_INTERNAL = re.compile(r"^([a-z0-9-]+\.md)?(#[a-z0-9-]+)?$")
_ALLOWED = "permis : *italique*, **gras**, [texte](https://…) ou [texte](page.md#ancre)"
# Every Markdown or HTML construct a data text might use to load, embed or run something, or to
# add markup the templates did not put there; each with what the editor is told.
_REFUSED = [
    (re.compile(r"<\s*(https?|ftp|mailto):", re.I), "lien automatique <…> interdit"),
    (re.compile(r"`"), "code interdit (accent grave)"),
    (_TAG, "balise HTML interdite : écrivez du texte, la mise en forme vient des gabarits"),
    (re.compile(r"!\["), "image interdite : une donnée ne peut rien charger"),
    (re.compile(r"\[\^"), "appel de note interdit : les sources vont dans le champ « sources »"),
    (re.compile(r"\]\s*\["), "lien par référence interdit : écrivez le lien en entier"),
    (
        re.compile(r"^[ \t]*\[[^\]]{0,999}\]:", re.M),
        "définition de lien interdite : écrivez le lien en entier",
    ),
    (
        re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I),
        "entité HTML interdite : écrivez le caractère lui-même",
    ),
    (re.compile(r"^[ \t]*(!!!|\?\?\?|///)", re.M), "bloc Markdown interdit (encadré, section repliable)"),
    (re.compile(r"\{\s*[:.#]"), "attributs Markdown { … } interdits"),
]


# A word cut at a line's end (« ce jour-⏎là »): YAML joins the lines with a space, « ce jour- là ».
_CUT_WORD = re.compile(r"[^\W\d_]+- (?!(?:et|ou|and|or|и|или)\b)[^\W\d_]+")


def _whole_words(value: str) -> None:
    if cut := _CUT_WORD.search(value):
        raise PydanticCustomError(
            "text",
            "mot coupé « {cut} » : un trait d'union en fin de ligne devient un trait d'union suivi d'une "
            "espace ; gardez le mot entier sur une ligne",
            {"cut": cut.group(0)},
        )


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text", "texte vide")
    _whole_words(value)
    for pattern, message in _REFUSED:
        if pattern.search(value):
            raise PydanticCustomError(
                "text", "{message} ; {allowed}", {"message": message, "allowed": _ALLOWED}
            )
    for link in _LINK_TARGET.finditer(value):
        target = link.group(1)
        if link.group(2) is None:
            raise PydanticCustomError(
                "text", "lien « ]({target} » non fermé par « ) »", {"target": target[:60]}
            )
        if _INTERNAL.match(target) and target:
            continue
        problem = _url_problem(target)
        if problem:
            raise PydanticCustomError(
                "text",
                "lien « {target} » non permis : {problem} ; adresse https:// ou page du site "
                "(ex. chronologie.md#kazakhstan-2022)",
                {"target": target[:80], "problem": problem},
            )
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise PydanticCustomError("text", "texte d'une seule ligne attendu : retirez les retours à la ligne")
    return value


Text = Annotated[str, AfterValidator(_text)]
Short = Annotated[Text, Field(max_length=200), AfterValidator(_one_line)]  # a title, a name: one line
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="Code ISO 639-1 : fr, ru, en…")]
MAX_EXCERPT_WORDS = 60


def _excerpt(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text", "extrait vide")
    _whole_words(value)
    words = len(value.split())
    if words > MAX_EXCERPT_WORDS:
        raise PydanticCustomError(
            "text",
            "extrait de {words} mots : {most} au plus, une citation et non une reprise ; coupez avec « […] »",
            {"words": words, "most": MAX_EXCERPT_WORDS},
        )
    return value


# The words of a source, or the site's translation of them: plain text, shown as written (escaped,
# never Markdown).
Excerpt = Annotated[str, Field(max_length=600), AfterValidator(_one_line), AfterValidator(_excerpt)]


class Citation(Model):
    """A source that a claim cites and, from it, the words that establish the claim (checks.py: a claim
    needs one excerpt, in its source's language, translated when not in French)."""

    id: Id
    extrait: Excerpt | None = Field(
        None,
        description=(
            "Les mots de la source qui établissent l'affirmation, recopiés tels quels dans sa langue : une "
            "ou deux "
            "phrases, 60 mots au plus ; « […] » marque une coupure."
        ),
    )
    langue: Language | None = Field(
        None, description="La langue de l'extrait, celle de la source (fr, ru, en…)."
    )
    traduction: Excerpt | None = Field(
        None,
        description="La traduction française de l'extrait, par le site, "
        "quand l'extrait n'est pas en français.",
    )
    sans_extrait: Short | None = Field(
        None,
        description=(
            "Pourquoi aucun extrait n'est donné (texte de la source introuvable en ligne…) : une "
            "affirmation sans "
            "extrait le dit ici, sur l'une de ses sources."
        ),
    )


def _citation(value: object) -> object:
    return {"id": value} if isinstance(value, str) else value


# A source id alone (« - otsc-historique »), or the source with its excerpt (« - id: …  extrait: … »).
Cited = Annotated[Citation, BeforeValidator(_citation, json_schema_input_type=Id | Citation)]
SourceIds = Annotated[list[Cited], Field(min_length=1)]
PageAnchor = Annotated[
    str, Field(pattern=r"^[a-z0-9-]+\.md(#[a-z0-9-]+)?$")
]  # a page of the site, and maybe an anchor in it


# A host name in ASCII letters, digits and hyphens (an internationalised name in its xn-- form):
# a look-alike letter from another script (Cyrillic « а » for Latin « a ») cannot hide in it.
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
_URL_REFUSED = set("\"'<>\\`{}|^()")


def _url_problem(value: str) -> str | None:
    """What is wrong with an address of a link, or None: https, a plain host, nothing that could
    leave the link (quotes, brackets, parentheses, spaces) or hide in it (control characters)."""
    from urllib.parse import urlsplit

    bad = next(
        (c for c in value if c.isspace() or c in _URL_REFUSED or ord(c) < 32 or 127 <= ord(c) < 160), None
    )
    if bad is not None:
        visible = bad.isprintable() and not bad.isspace()
        shown = {"(": "( : écrivez %28", ")": ") : écrivez %29", " ": "espace"}.get(
            bad, bad if visible else f"U+{ord(bad):04X}"
        )
        return f"caractère « {shown} » interdit dans une adresse"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "adresse illisible"
    if parts.scheme != "https" or not value.startswith("https://"):
        return "adresse https:// attendue"
    if "@" in parts.netloc:
        return "identifiant « …@ » interdit avant le nom du site"
    if not _HOST.match(parts.hostname or ""):
        return (
            f"nom de site « {parts.hostname or ''} » invalide : lettres latines sans accents, chiffres et "
            "tirets "
            "(un nom en écriture non latine s'écrit sous sa forme xn--)"
        )
    return None


def _https(value: str) -> str:
    problem = _url_problem(value)
    if problem:
        raise PydanticCustomError(
            "url", "adresse https:// complète attendue : {problem}", {"problem": problem}
        )
    return value


HttpsUrl = Annotated[str, AfterValidator(_https)]

Reliability = Literal["primaire", "référence", "presse", "média d'État"]
RELIABILITY_LABELS: tuple[str, ...] = Reliability.__args__


# ---------------------------------------------------------------- shared parts


class PageMeta(Model):
    """What the reader sees first, and what search engines show."""

    title: Short
    description: Annotated[Text, Field(max_length=170), AfterValidator(_one_line)]
    lede: Fact


class Fact(Model):
    """One sourced statement, in our own French."""

    text: Text
    sources: SourceIds


class Verdict(Model):
    """A claim of the seed article (Sputnik, 23 November 2023), paraphrased, and what the sources say."""

    claim: Text
    verdict: Literal["exact", "incomplet", "dépassé", "contredit", "non vérifié", "texte ancien"]
    explanation: Text
    sources: SourceIds


class PageFile(Model):
    """A data file that is one page: what the reader sees first, and "L'essentiel" in 3 to 5 points."""

    page: PageMeta
    essentials: Annotated[list[Fact], Field(min_length=3, max_length=5)]


# ---------------------------------------------------------------- sources.yml


class Source(Model):
    id: Id
    title: Text
    publisher: Short
    date: Date | None = None
    language: Language
    url: HttpsUrl
    reliability: Reliability
    outlet: Id | None = Field(
        None,
        description=(
            "Le média d'État (identifiant de state_outlets) que la source est ou reprend : "
            "obligatoire pour « média d'État », interdit pour les autres étiquettes."
        ),
    )
    consulted: Day
    note: Text | None = None


class Rule(Model):
    """One line of the written reliability policy: a label and what earns it."""

    label: Reliability
    rule: Text


class StateOutlet(Model):
    """A media outlet that a state owns, majority-funds or directs, or that a government sanctioned as such."""  # noqa: E501 - the schema's description

    id: Id
    name: Short
    country: Short = Field(description="L'État qui le détient, le finance ou le dirige.")
    why: Short = Field(description="Pourquoi c'est un média d'État : propriétaire, financement, sanction.")
    aliases: list[Short] = Field(
        [],
        description=(
            "Noms et domaines qui trahissent une reprise (« Sputnik », « sputniknews ») : une source qui "
            "les porte "
            "dans son titre, son éditeur ou son adresse doit être étiquetée « média d'État »."
        ),
    )
    sources: list[Cited] = Field(
        [], description="Ce qui établit le statut du média, quand il n'est pas notoire (une sanction)."
    )


class SourcesFile(PageFile):
    policy: Annotated[list[Rule], Field(min_length=4, max_length=4)]
    state_outlets: Annotated[list[StateOutlet], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=1)]


# ---------------------------------------------------------------- members.yml

MemberStatus = Literal["membre", "suspendu", "gelé", "ancien membre"]


class StatusChange(Model):
    date: Date
    status: MemberStatus
    text: Text
    contested: list[Id] = []
    sources: SourceIds


class State(Model):
    id: Id
    name: Short
    with_article: Short = Field(description="Le nom avec son article : « l'Arménie », « le Kazakhstan ».")
    history: Annotated[list[StatusChange], Field(min_length=1)]

    @property
    def status(self) -> str:
        return self.history[-1].status

    def periods(self) -> list[dict]:
        """The history as spans of one status: [{status, start, end (None: still so)}], for charts."""
        spans: list[dict] = []
        for change in self.history:
            if spans and spans[-1]["status"] == change.status:
                continue
            if spans:
                spans[-1]["end"] = change.date
            spans.append({"status": change.status, "start": change.date, "end": None})
        return spans


class MembersFile(PageFile):
    states: Annotated[list[State], Field(min_length=1)]


# ---------------------------------------------------------------- organisation.yml


class Name(Model):
    name: Short
    acronym: Short
    transliteration: Short | None = None


class Names(Model):
    fr: Name
    ru: Name
    en: Name
    sources: SourceIds


class Milestone(Model):
    id: Id
    label: Short
    date: Date
    place: Short | None = None
    sources: SourceIds


class Office(Model):
    title: Short
    name: Short
    state: Id
    start: Date
    end: Date | None = None
    sources: SourceIds


class Article(Model):
    reference: Short
    summary: Text
    sources: SourceIds


class OrganisationFile(PageFile):
    sources_checked_until: Day
    names: Names
    nature: Fact
    seat: Fact
    language: Fact
    founding: Annotated[list[Milestone], Field(min_length=1)]
    members: Annotated[list[Id], Field(min_length=1)]
    members_note: Fact
    secretary_general: Office
    mutual_assistance: list[Article]
    open_questions: list[Fact] = []
    seed_sources: SourceIds = Field(description="L'article de départ (Sputnik, 23 novembre 2023).")
    seed: list[Verdict] = []


# ---------------------------------------------------------------- powers.yml


class Power(Model):
    id: Id
    title: Short
    meaning: Text
    basis: Text
    examples: list[Fact] = []
    contested: list[Id] = []
    sources: SourceIds


class PowersFile(PageFile):
    origin: Annotated[list[Fact], Field(min_length=1)]
    powers: Annotated[list[Power], Field(min_length=1)]
    seed: list[Verdict] = []


# ---------------------------------------------------------------- procedure.yml


class Chair(Model):
    year: int
    state: Id
    sources: SourceIds


class Session(Model):
    date: Date
    place: Short
    kind: Literal["ordinaire", "extraordinaire", "informelle", "jubilaire"]
    note: Text | None = None
    sources: SourceIds


class Share(Model):
    state: Id
    percent: Annotated[int, Field(ge=0, le=100)]


class Step(Model):
    title: Short
    text: Text
    sources: SourceIds


class Topic(Model):
    """A section of the Fonctionnement page: the rule, what happens in practice, the seed's claims."""

    id: Id
    title: Short
    facts: Annotated[list[Fact], Field(min_length=1)]
    contested: list[Id] = []
    seed: list[Verdict] = []


class Response(Model):
    """What a member may do about a draft decision, and what that does to it."""

    id: Id
    label: Short = Field(
        description="Comme à la suite de « L'Arménie … » : « est d'accord », « s'y oppose »."
    )
    effect: Literal["pour", "neutre", "bloque", "retrait"] = Field(
        description=(
            "pour : approuve ; neutre : ne bloque pas (abstention) ; bloque : empêche le consensus ; "
            "retrait : ne prend pas part (non concerné)."
        )
    )


class Preset(Model):
    """A ready set of answers, such as Armenia's frozen participation."""

    id: Id
    label: Short
    responses: Annotated[list[PresetAnswer], Field(min_length=1)]
    sources: SourceIds


class PresetAnswer(Model):
    state: Id
    response: Id


class DecisionKind(Model):
    """A kind of decision: which body takes it, under which rule and basis, and what is known of
    taking it without a member (« format limité »)."""

    id: Id
    label: Short
    body: Short
    rule: Short
    basis: Fact
    limited_format: Literal["oui", "non", "inconnu"] = Field(
        description=(
            "Peut-elle être prise sans un membre qui se déclare non concerné ? « inconnu » si aucune "
            "source ne le dit."
        )
    )
    precedents: list[Fact] = []


class Outcome(Model):
    """What the explainer says for each result; its text is the rule, with its sources."""

    id: Literal["adoptee", "bloquee", "sans-soutien", "format-limite", "incertaine", "refusee-sans-membre"]
    title: Short
    text: Text
    sources: SourceIds


class WhoDecides(Model):
    """« Qui décide ? » (its own page, /qui-decide/): everything the explainer knows."""

    page: PageMeta
    intro: Fact
    responses: Annotated[list[Response], Field(min_length=2)]
    presets: list[Preset] = []
    kinds: Annotated[list[DecisionKind], Field(min_length=1)]
    outcomes: Annotated[list[Outcome], Field(min_length=1)]


class ProcedureFile(PageFile):
    topics: Annotated[list[Topic], Field(min_length=1)]
    chairs: list[Chair]
    sessions: list[Session]
    shares: list[Share]
    shares_sources: SourceIds
    steps: Annotated[list[Step], Field(min_length=2)]
    who_decides: WhoDecides


# ---------------------------------------------------------------- timeline.yml


class Category(Model):
    id: Id
    label: Short


class Period(Model):
    id: Id
    title: Short
    start: int
    end: int
    summary: Text
    sources: SourceIds


class Event(Model):
    id: Id
    date: Date
    end: Date | None = None
    category: Id
    states: list[Id] = []
    status: Literal["fait", "annoncé"]
    title: Short
    text: Text | None = None
    contested: list[Id] = []
    sources: SourceIds
    added: Day | None = Field(
        None, description="Jour d'ajout à la chronologie (AAAA-MM-JJ) : ordonne le flux Atom."
    )
    key: bool = Field(
        False,
        description="Événement clé de sa période : cité dans le résumé de la page Chronologie "
        "(au plus 6 par période).",
    )


class TimelineFile(PageFile):
    categories: Annotated[list[Category], Field(min_length=1)]
    periods: Annotated[list[Period], Field(min_length=1)]
    events: Annotated[list[Event], Field(min_length=1)]


# ---------------------------------------------------------------- organs.yml

# The rows of the organisation chart (page Organes), top to bottom, as the organs' facts describe them.
TIERS = ("suprême", "consultatif et exécutif", "entre les sessions", "de travail permanent", "parlementaire")


class Organ(Model):
    id: Id
    name: Short
    acronym: Short | None = None
    russian: Short | None = None
    tier: Literal[TIERS] = Field(
        description=(  # type: ignore[valid-type]
            "Sa place dans l'organigramme, telle que ses faits la disent : suprême, consultatif et exécutif, "
            "entre les sessions, de travail permanent, parlementaire."
        )
    )
    seats: Annotated[Short, Field(max_length=60)] = Field(
        description=("Qui y siège, en quelques mots, tel que ses faits le disent (« les chefs d'État »).")
    )
    facts: Annotated[list[Fact], Field(min_length=1)]
    contested: list[Id] = []


class Secretary(Model):
    name: Short
    state: Id
    start: Date
    end: Date | None = None
    acting: bool = False
    note: Text | None = None
    sources: SourceIds


class Force(Model):
    id: Id
    name: Short
    acronym: Short | None = None
    facts: Annotated[list[Fact], Field(min_length=1)]
    contested: list[Id] = []


class OrgansFile(PageFile):
    organs: Annotated[list[Organ], Field(min_length=1)]
    secretaries: Annotated[list[Secretary], Field(min_length=1)]
    forces: Annotated[list[Force], Field(min_length=1)]
    unknowns: list[Fact] = []


# ---------------------------------------------------------------- glossary.yml


class Term(Model):
    id: Id
    term: Short
    abbreviation: (
        Annotated[
            Short, Field(pattern=r"^[0-9A-Za-zÀ-ÖØ-öø-ÿА-яЁё]+( [0-9A-Za-zÀ-ÖØ-öø-ÿА-яЁё]+)*$", max_length=20)
        ]
        | None
    ) = Field(
        None,
        description="Sigle qui reçoit une infobulle sur toutes les pages : lettres et chiffres, "
        "mots séparés d'une espace (« AP OTSC »).",
    )
    expansion: Short | None = Field(None, description="Texte de l'infobulle ; par défaut, le terme.")
    russian: Short | None = None
    english: Short | None = None
    definition: Text
    see: PageAnchor | None = None
    sources: SourceIds


class GlossaryFile(PageFile):
    terms: Annotated[list[Term], Field(min_length=1)]


# ---------------------------------------------------------------- comparison.yml


class Row(Model):
    id: Id
    criterion: Short
    otan: Fact
    otsc: Fact


class Distinction(Model):
    id: Id
    name: Short
    acronym: Short
    identity: Fact
    facts: list[Fact]
    difference: Fact


class Membership(Model):
    """One line of "who belongs to what": a state and its status in each organisation."""

    state: Id
    cells: Annotated[list[Short], Field(min_length=1)]


class ComparisonFile(PageFile):
    rows: Annotated[list[Row], Field(min_length=1)]
    distinctions: list[Distinction]
    membership_columns: Annotated[list[Short], Field(min_length=1)]
    memberships: list[Membership]
    memberships_sources: SourceIds


# ---------------------------------------------------------------- faq.yml


class Question(Model):
    id: Id
    question: Short
    answer: Annotated[list[Fact], Field(min_length=1)]
    more: PageAnchor


class FaqFile(PageFile):
    questions: Annotated[list[Question], Field(min_length=1)]


# ---------------------------------------------------------------- contested.yml


class Variant(Model):
    value: Short
    date: Date | None = None
    said_by: Short | None = None
    sources: SourceIds


class Contested(Model):
    """A fact the sources disagree on: every value, when and by whom, and the one the site retains."""

    id: Id
    question: Short
    variants: Annotated[list[Variant], Field(min_length=2)]
    retained: Short
    why: Text
    where: PageAnchor | None = None


class ContestedFile(PageFile):
    points: Annotated[list[Contested], Field(min_length=1)]
    seed_page: PageMeta = Field(
        description="La page de vérification de l'article de Sputnik (/sputnik-verifie/)."
    )
    seed: list[Verdict] = []


# ---------------------------------------------------------------- corrections.yml


class Correction(Model):
    """A fact the site got wrong, what it says now, and when it changed."""

    id: Id
    date: Day = Field(description="Le jour de la correction (AAAA-MM-JJ).")
    where: PageAnchor = Field(
        description="La page, et l'ancre de l'élément corrigé (ex. chronologie.md#veto-bases-etrangeres)."
    )
    was: Text = Field(description="Ce que le site disait.")
    now: Text = Field(description="Ce qu'il dit désormais.")
    sources: SourceIds


class CorrectionsFile(Model):
    page: PageMeta
    corrections: list[Correction]


# ---------------------------------------------------------------- map.json (drawn by scripts/build_map.py)


class MapCountry(Model):
    code: Annotated[str, Field(pattern=r"^[0-9]{3}$")] | None = None
    name: Annotated[str, Field(max_length=80)]
    state: Id | None = None
    label: Annotated[list[Annotated[int, Field(ge=0, le=4000)]], Field(min_length=2, max_length=2)] | None = (
        None
    )
    d: Annotated[str, Field(pattern=r"^[MLZmlz0-9 .,-]*$")] = Field(
        description="Tracé SVG : M, L, Z et nombres seulement."
    )


class MapFrame(Model):
    width: Annotated[int, Field(gt=0, le=4000)]
    height: Annotated[int, Field(gt=0, le=4000)]
    countries: list[MapCountry]


class MapFile(Model):
    source: Short
    main: MapFrame
    inset: MapFrame


# The data files, their schema, and the name templates use for them.
# ---------------------------------------------------------------- readings.yml


class Reading(Model):
    """A reading to go further: its first source is the reading itself (title, publisher, date,
    language and address in sources.yml), quoted where it shows what the reading covers."""

    why: Annotated[Text, Field(max_length=400)] = Field(
        description="Pourquoi la lire, en une ou deux phrases."
    )
    sources: SourceIds


class ReadingsFile(Model):
    page: PageMeta
    readings: Annotated[list[Reading], Field(min_length=8)]


# ---------------------------------------------------------------- texts.yml


class Amendment(Model):
    date: Date
    text: Text = Field(description="Ce que la modification a changé, dans les mots du site.")
    sources: SourceIds


class TextArticle(Model):
    """One article of a founding text, summarised in the site's own French (never a translation)."""

    number: Annotated[int, Field(ge=1, le=200)]
    title: Short | None = Field(None, description="Un titre du site ; aucun si l'article n'a pas été lu.")
    read: bool = Field(
        description=(
            "Vrai si les mots de l'article lui-même ont été lus (un extrait le cite) ; faux si le résumé "
            "vient "
            "d'autres textes qui en parlent, ou si l'article n'a pas été trouvé."
        )
    )
    summary: Text = Field(
        description="Ce que dit l'article, en français du site ; s'il n'a pas été trouvé, le dire."
    )
    sources: SourceIds
    events: list[Id] = Field([], description="Les événements de la chronologie où l'article a joué.")
    amendments: list[Amendment] = []


class FoundingText(Model):
    id: Literal["traite", "charte"] = Field(
        description="L'ancre de ses articles : traite-article-4, charte-article-13."
    )
    title: Short
    milestones: Annotated[list[Id], Field(min_length=1)] = Field(
        description=(
            "Ses dates (signature, entrée en vigueur), par leur identifiant dans organisation.yml (founding)."
        )
    )
    official: Annotated[list[Id], Field(min_length=1)] = Field(
        description="Les sources (sources.yml) où lire le texte officiel, la plus sûre d'abord."
    )
    articles: Annotated[list[TextArticle], Field(min_length=1)]


class TextsFile(Model):
    page: PageMeta
    texts: Annotated[list[FoundingText], Field(min_length=1)]


# ---------------------------------------------------------------- spending.yml

# A year (2018) or a span of years (1992-2012).
YearSpan = (
    Annotated[int, Field(ge=1949, le=2100)]
    | Annotated[str, Field(pattern=r"^(19|20)[0-9]{2}-(19|20)[0-9]{2}$")]
)


class SpendingSeries(Model):
    """One series of one edition of a database (editions revise past years: never mixed)."""

    edition: Short = Field(description="L'édition de la base (« SIPRI Military Expenditure Database 2025 »).")
    unit: Short = Field(description="L'unité des valeurs (« millions de dollars constants de 2023 »).")
    base_year: Annotated[int, Field(ge=1949, le=2100)] = Field(description="L'année des prix constants.")
    sources: SourceIds
    values: dict[Id, dict[Annotated[int, Field(ge=1949, le=2100)], Annotated[float, Field(gt=0)]]] = Field(
        description=(
            "Par État (son identifiant de members.yml), les valeurs par année ; "
            "une année sans chiffre est absente."
        )
    )
    estimated: dict[Id, list[YearSpan]] = Field(
        {}, description="Les années que la base marque comme ses estimations."
    )
    uncertain: dict[Id, list[YearSpan]] = Field(
        {}, description="Les années que la base juge très incertaines."
    )


class SpendingFile(Model):
    page: PageMeta
    series: SpendingSeries


# ---------------------------------------------------------------- story.yml

# The files whose « L'essentiel » the story may show (templates/en-10-minutes.md.j2 reads each by name).
STORY_FILES = (
    "organisation",
    "powers",
    "procedure",
    "members",
    "timeline",
    "organs",
    "comparison",
    "contested",
)


class StoryPart(Model):
    """One paragraph of « L'OTSC en 10 minutes »: a sentence of the story's own, with its sources, or
    an item of the other files shown where the story needs it (a correction there shows here too).
    Exactly one of the fields below, `sources` going with `text`."""

    text: Text | None = Field(None, description="Un paragraphe propre au récit ; ses sources dans `sources`.")
    sources: SourceIds = []
    transition: (
        Annotated[Text, Field(max_length=200, pattern=r"^[^0-9]*$"), AfterValidator(_one_line)] | None
    ) = Field(
        None,
        description=(
            "Une phrase de liaison qui n'affirme aucun fait (ni date, ni chiffre, ni nom) : "
            "elle n'a pas de source."
        ),
    )
    essentials: Literal[STORY_FILES] | None = Field(  # type: ignore[valid-type]
        None, description="« L'essentiel » d'une page, par le nom de son fichier (organisation, powers…)."
    )
    events: list[Id] = Field(
        [], description="Des événements de la chronologie, par leur identifiant, dans cet ordre."
    )
    power: Id | None = Field(None, description="Une compétence du Conseil (powers.yml), par son identifiant.")
    topic: Id | None = Field(
        None, description="Un thème de Fonctionnement (procedure.yml), par son identifiant."
    )
    period: Id | None = Field(None, description="Une période de la chronologie : son titre et son résumé.")
    state: Id | None = Field(None, description="Un État : l'histoire datée de son statut.")
    point: Id | None = Field(
        None, description="Un point contesté (contested.yml) : les versions et celle retenue."
    )
    open_questions: bool = Field(False, description="Les questions ouvertes de organisation.yml.")
    announced: bool = Field(False, description="Les événements annoncés de la chronologie, à surveiller.")

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = [
            name
            for name in (
                "text",
                "transition",
                "essentials",
                "events",
                "power",
                "topic",
                "period",
                "state",
                "point",
                "open_questions",
                "announced",
            )
            if getattr(self, name)
        ]
        if len(kinds) != 1:
            raise ValueError(
                "un paragraphe du récit donne exactement l'un de : text, transition, essentials, "
                "events, power, topic, period, state, point, open_questions, announced (ici : "
                f"{', '.join(kinds) or 'aucun'})"
            )
        if bool(self.sources) != bool(self.text):
            raise ValueError("`sources` accompagne `text`, et `text` a toujours ses sources")
        return self


class StorySection(Model):
    id: Id
    title: Short
    parts: Annotated[list[StoryPart], Field(min_length=1)]
    more: Annotated[
        list[Annotated[str, Field(pattern=r"^([a-z0-9-]+/)?[a-z0-9-]+\.md(#[a-z0-9-]+)?$")]],
        Field(min_length=1),
    ] = Field(description="Les pages où aller plus loin (etats/armenie.md, qui-decide.md…).")


class StoryFile(Model):
    page: PageMeta
    sections: Annotated[list[StorySection], Field(min_length=4)]


FILES: dict[str, type[Model]] = {
    "sources": SourcesFile,
    "members": MembersFile,
    "organisation": OrganisationFile,
    "powers": PowersFile,
    "procedure": ProcedureFile,
    "timeline": TimelineFile,
    "organs": OrgansFile,
    "glossary": GlossaryFile,
    "comparison": ComparisonFile,
    "faq": FaqFile,
    "contested": ContestedFile,
    "corrections": CorrectionsFile,
    "readings": ReadingsFile,
    "story": StoryFile,
    "spending": SpendingFile,
    "texts": TextsFile,
}
