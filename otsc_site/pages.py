"""Turn the checked data into Markdown pages with the Jinja templates in `templates/`.

Nothing here knows about MkDocs: the same pages feed the MkDocs hook and `make export`.
Every data string reaches the page through `_finalize` then Jinja's autoescape: French
typography, one line, and no character that could open HTML, an entity or Markdown attributes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import math
import os
import re
import sys
import traceback
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import jinja2
import yaml
from markupsafe import Markup, escape

from .errors import DataError, Problem
from .history import last_changes, updated
from .parts import SPLITTERS, Part, moved_anchors, relink, year_marks
from .french import FuzzyDate, date_fr, decimal_year, fold, language_fr, number_fr, typography

if TYPE_CHECKING:
    from .checks import Data

WORDS_PER_MINUTE = 200
_READING_TIME = Markup("@@TEMPS-DE-LECTURE@@")
# Written after the note calls of a claim whose every source is state media (computed, never typed).
STATE_MEDIA_FLAG = Markup(' [Seuls des médias d’État](sources.md#fiabilite){ .etat-seul }')
RELIABILITY_CLASS = {"primaire": "primaire", "référence": "reference", "presse": "presse", "média d'État": "media-etat"}


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, which template draws it, which data file it shows.

    `last`: drawn after every other page, knowing which page cites which source (the Sources page).
    `parts`: one page per part of a long list (`parts.SPLITTERS`); `page` is then a pattern whose
    « * » each part's slug replaces, and the pages stay out of the navigation.
    """

    page: str
    template: str
    data: str
    last: bool = False
    parts: str | None = None


@dataclass(frozen=True)
class RenderedPage:
    page: str  # e.g. "chronologie.md"
    markdown: str
    data_file: str  # e.g. "data/timeline.yml", for the edit link
    jsonld: str = ""  # the page's JSON-LD (schema.org), for its head
    in_nav: bool = True  # False for the parts of a split list, reached from their overview page


class Built(NamedTuple):
    """What one build draws from the data."""

    pages: list[RenderedPage]
    abbreviations: str  # the glossary's abbreviation lines, for pages written by hand
    files: dict[str, str]  # open data, Atom feed, robots.txt, by path
    changes: dict[str, dt.date]  # when each file of data/, templates/ and docs/ last changed


def build_date() -> dt.date:
    """The day the site is built: from SOURCE_DATE_EPOCH (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def past_due(item: object, today: dt.date | None = None) -> bool:
    """An announced item whose date is over: the sources do not say whether it took place."""
    date = getattr(item, "end", None) or getattr(item, "date", None)
    return (getattr(item, "status", None) == "annoncé" and isinstance(date, FuzzyDate)
            and date.last_day < (today or build_date()))


def who_decides_rules(who) -> dict:
    """What the « Qui décide ? » script needs, drawn from data/procedure.yml: the effect of each
    answer, whether each kind of decision may be taken without a member, and the presets."""
    return {"effets": {r.id: r.effect for r in who.responses},
            "sansMembre": {k.id: k.limited_format for k in who.kinds},
            "prereglages": {p.id: {a.state: a.response for a in p.responses} for p in who.presets}}


def read_page_specs(templates_dir: Path) -> list[PageSpec]:
    """`templates/pages.yml`: the list of generated pages."""
    raw = yaml.safe_load((templates_dir / "pages.yml").read_text(encoding="utf-8"))
    return [PageSpec(**item) for item in raw]


_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
# What a text would start a Markdown block with when it lands at the start of a line: a heading,
# a list, a definition, a rule (a quote cannot start: « > » is escaped as HTML), or an abbreviation, footnote or link definition. Its first mark is escaped.
_BLOCK_MARK = re.compile(r"^(\s*)(#|:|=|[-+*](?=\s)|\*(?=\[)|\[(?=[^\]]*\]:))")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_RULE = re.compile(r"^(\s*)([-*_])(?=(\s*\2){2,}\s*$)")


def _block_safe(text: str) -> str:
    """Data text can start no Markdown block and open no table cell."""
    text = _BLOCK_MARK.sub(r"\1\\\2", text)
    text = _ORDERED.sub(r"\1\\\2", text)
    text = _RULE.sub(r"\1\\\2", text)
    return text.replace("|", "\\|")


def _finalize(value: object) -> object:
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
    return Markup("du {} au {}").format(first, last)


def front_matter_string(value: str) -> Markup:
    """A data string as a YAML (JSON) scalar for the page's front matter."""
    return Markup(json.dumps(typography(" ".join(value.split())), ensure_ascii=False))


class Notes:
    """The sources cited on one page, in order of first citation: Markdown footnotes."""

    def __init__(self, data: Data, lines: dict[str, Markup]):
        self.data = data
        self.order: list[str] = []
        self.lines = lines  # each source's note, drawn once per build for every page citing it

    def cite(self, ids: list[str], flag: bool = True) -> Markup:
        """The note calls for `ids`; when every one of them is state media, the reader is told so.

        `flag=False` only where the text itself says the source is state media (the Sputnik article).
        """
        for source_id in ids:
            if source_id not in self.order:
                self.order.append(source_id)
        if not ids:
            return Markup("")
        # One group, glued to the word before it (word joiner) and never split across lines.
        calls = Markup('\u2060<span class="appels">{}</span>').format(
            Markup("").join(Markup("[^{}]").format(i) for i in ids))
        if flag and all(self.data.sources[i].reliability == "média d'État" for i in ids):
            calls += STATE_MEDIA_FLAG
        return calls

    def definitions(self) -> Markup:
        return Markup("\n").join(self.lines.get(i) or self.lines.setdefault(i, self.line(i)) for i in self.order)

    def line(self, source_id: str) -> Markup:
        s = self.data.sources[source_id]
        parts = [Markup("[{}]({})").format(literal(s.title), s.url), literal(s.publisher)]
        if s.date:
            parts.append(Markup(escape(date_fr(s.date))))
        tag = Markup('<span class="fiabilite fiabilite-{}">{}</span>').format(
            RELIABILITY_CLASS[s.reliability], typography(s.reliability))
        return Markup("[^{}]: {}. {}.").format(source_id, Markup(", ").join(parts), tag)


class _Bytecode(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk, like .pyc files, and in memory for the next build of the process."""

    def __init__(self, folder: Path):
        super().__init__(str(folder))
        self.memory: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            if bucket.code is not None:  # a stale entry (other source checksum) is dropped by Jinja
                return
        super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.memory[bucket.key] = bucket.bytecode_to_string()
        super().dump_bytecode(bucket)


_CACHES: dict[Path, jinja2.BytecodeCache | None] = {}
# What changes the code Jinja compiles besides the template's text (which Jinja checks itself).
_COMPILE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                     "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                     "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                     "is_async")


def bytecode_cache(folder: Path, env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Compiled templates for `env`, kept under `folder` in a subfolder named after everything that
    shapes the compiled code: the environment's settings and extensions, whether it finalizes or
    autoescapes, the versions of Jinja and Python. One cache per subfolder and process; none if the
    folder cannot be written (the build only slows)."""
    settings = [(name, getattr(env, name, None)) for name in _COMPILE_SETTINGS]
    settings += [("extensions", sorted(env.extensions)), ("finalize", env.finalize is not None),
                 ("autoescape", env.autoescape if isinstance(env.autoescape, bool) else "callable"),
                 ("jinja2", importlib.metadata.version("jinja2")), ("python", sys.version)]
    folder = folder / hashlib.blake2b(repr(settings).encode(), digest_size=8).hexdigest()
    if folder not in _CACHES:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _CACHES[folder] = _Bytecode(folder)
        except OSError:
            _CACHES[folder] = None
    return _CACHES[folder]


class Renderer:
    """One Jinja environment for a whole build, over `templates/`."""

    def __init__(self, templates_dir: Path):
        self.templates_dir = templates_dir
        self.specs = read_page_specs(templates_dir)
        self.today = build_date()
        self.changes: dict[str, dt.date] = {}  # when each source file last changed (history.last_changes)
        self.cited: dict[str, list[str]] = {}
        self.note_lines: dict[str, Markup] = {}
        self.parts: dict[str, list[Part]] = {}  # each split list's pages, by the pattern of its spec
        self.moved: dict[str, str] = {}  # `chronologie.md#id` → the part page where the anchor now is
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            finalize=_finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        # Compiled templates are kept on disk like .pyc files: a cold build does not compile them again.
        self.env.bytecode_cache = bytecode_cache(templates_dir.parent / "build" / "cache" / "pages", self.env)
        self.env.tests["past_due"] = lambda item: past_due(item, self.today)
        self.env.globals["who_decides_rules"] = who_decides_rules
        self.env.globals["year_marks"] = year_marks
        self.env.filters.update(date=date_fr, time=time_tag, literal=literal, number=number_fr,
                                yaml_string=front_matter_string, url=url, language=language_fr, year=decimal_year,
                                sort_fr=lambda items, attribute: sorted(items, key=lambda i: fold(getattr(i, attribute))))

    def render(self, spec: PageSpec, data: Data, citations: dict[str, list[dict]] | None = None,
               links: list[dict] | None = None, part: Part | None = None) -> RenderedPage:
        notes = Notes(data, self.note_lines)
        page = part.page if part else spec.page
        context = {
            "data": data,
            "page": data.files[spec.data].page,
            "cite": notes.cite,
            "notes": notes.definitions,
            "checked": data.organisation.sources_checked_until,
            "today": self.today,
            "updated": updated(self.changes, [f"data/{spec.data}.yml", f"templates/{spec.template}"], self.today),
            "reading_time": _READING_TIME,
            "pages": links if links is not None else self.links(data),
            "spec": spec,
            "citations": citations or {},
            "contested": {c.id: c for c in data.contested.points},
            "map": data.map,
            "part": part,
            "parts": self.parts,
            "moved": {old: new.removesuffix(".md").replace(".md#", "/#") for old, new in self.moved.items()},
        }
        try:
            body = self.env.get_template(spec.template).render(context)
        except Exception as err:  # noqa: BLE001 - any mistake in a template is the editor's, in French
            raise DataError([self._template_problem(err, spec)]) from None
        minutes = max(1, math.ceil(_count_words(body) / WORDS_PER_MINUTE))
        body = body.replace(_READING_TIME, f"{minutes}\u00a0min") + "\n" + abbreviations(data)
        self.cited[page] = list(notes.order)
        return RenderedPage(page, relink(body, self.moved), f"data/{spec.data}.yml", in_nav=part is None)

    def _template_problem(self, err: Exception, spec: PageSpec) -> Problem:
        """Where a template went wrong: the template file and line where it happened (a macro file
        included by the page, if that is where), not the page that was being drawn."""
        file, line = spec.template, None
        if isinstance(err, jinja2.TemplateSyntaxError) and err.name:
            file, line = err.name, err.lineno
        else:
            for frame in traceback.extract_tb(err.__traceback__):
                path = Path(frame.filename)
                if path.suffix == ".j2" and path.parent.resolve() == self.templates_dir.resolve():
                    file, line = path.name, frame.lineno
        kind = {"UndefinedError": "nom inconnu", "TemplateSyntaxError": "syntaxe"}.get(type(err).__name__,
                                                                                     type(err).__name__)
        return Problem(f"templates/{file}", line, message=f"gabarit invalide ({kind}) : {err} "
                                                          f"(en dessinant la page {spec.page})")

    def split(self, data: Data) -> None:
        """Cut the long lists into parts, and note where each of their anchors went."""
        self.parts, self.moved = {}, {}
        for spec in self.specs:
            if spec.parts:
                parts = SPLITTERS[spec.parts](data, spec.page)
                self.parts[spec.page] = parts
                overview = next(s.page for s in self.specs if s.data == spec.data and not s.parts)
                self.moved.update(moved_anchors(overview, parts))

    def render_spec(self, spec: PageSpec, data: Data, citations: dict[str, list[dict]] | None = None,
                    links: list[dict] | None = None) -> list[RenderedPage]:
        """The spec's page, or one page per part of its list."""
        if not spec.parts:
            return [self.render(spec, data, citations, links)]
        return [self.render(spec, data, citations, links, part) for part in self.parts[spec.page]]

    def links(self, data: Data) -> list[dict]:
        """Every generated page's address, title and description, for "related pages"."""
        out = []
        for spec in self.specs:
            if spec.parts:
                continue
            meta = data.files[spec.data].page
            out.append({"page": spec.page, "title": meta.title, "description": meta.description})
        return out

    def render_all(self, data: Data, changes: dict[str, dt.date] | None = None) -> list[RenderedPage]:
        self.cited, self.note_lines = {}, {}
        self.specs = read_page_specs(self.templates_dir)
        self.today = build_date()
        self.changes = changes or {}
        self.split(data)
        links = self.links(data)  # once per build, not once per page
        pages = {spec.page: self.render_spec(spec, data, links=links) for spec in self.specs if not spec.last}
        citations: dict[str, list[dict]] = {}
        by_page = {link["page"]: link for link in links}
        by_page.update({part.page: {"page": part.page, "title": part.title}
                        for parts in self.parts.values() for part in parts})
        for page, ids in self.cited.items():
            for source_id in ids:
                citations.setdefault(source_id, []).append(by_page[page])
        for spec in self.specs:
            if spec.last:
                pages[spec.page] = self.render_spec(spec, data, citations, links)
        return [page for spec in self.specs for page in pages[spec.page]]


def abbreviations(data: Data) -> str:
    """Markdown abbreviation lines for every glossary acronym: Material shows them as tooltips."""
    lines = []
    for term in data.glossary.terms:
        if term.abbreviation:
            title = typography(" ".join((term.expansion or term.term).split()))
            title = title.replace("]", ")").replace("[", "(")
            lines.append(f"*[{term.abbreviation}]: {escape(title)}")
    return "\n".join(lines) + "\n"


def _count_words(markdown: str) -> int:
    text = re.sub(r"^\[\^[^\]]+\]:.*$", "", markdown, flags=re.M)  # notes are not read through
    text = re.sub(r"<[^>]+>|\[\^[^\]]+\]|\]\([^)]*\)", " ", text)
    return len(re.findall(r"\w+", text))


def build_pages(root: Path, site_url: str = "") -> Built:
    """Load and check `root/data`, then render every page of `root/templates/pages.yml`.

    Also returns the glossary's abbreviation lines, for pages written by hand, and the other files
    drawn from the data (open data, Atom feed, robots.txt), by path. The result is kept for the same
    inputs (data, templates, this package's code and the libraries it renders with, the site's
    address): in memory for the next rebuild under `make serve`, on disk for the next `make build`.
    A change re-parses only the changed files and reuses the Jinja environment.
    """
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    changes = last_changes(root, build_date())
    key = _inputs_digest(root, site_url, changes)
    cached = _BUILT.get(root)
    if cached and cached[0] == key:
        return cached[1]
    store = root / "build" / "cache" / "rendered"
    result = _read_store(store / f"{key}.json", changes)
    if result is None:
        from .checks import load_data
        from .opendata import downloads
        from .publishing import FEED_PATH, anchors_index, atom_feed, chronology_index, json_ld, robots_txt

        data = load_data(root / "data")
        renderer = _RENDERERS.get(root) or _RENDERERS.setdefault(root, Renderer(root / "templates"))
        rendered = renderer.render_all(data, changes)
        moved = renderer.moved
        pages = [_with_json_ld(p, json_ld(p.page, data, site_url, moved)) for p in rendered]
        files = {**downloads(data), FEED_PATH: atom_feed(data, site_url, moved), "robots.txt": robots_txt(site_url),
                 "chronologie/evenements.json": chronology_index(data, moved),
                 "sources/ancres.json": anchors_index("sources.md", moved)}
        result = Built(pages, abbreviations(data), files, changes)
        _write_store(store, f"{key}.json", result)
    _BUILT[root] = (key, result)
    return result


def _with_json_ld(page: RenderedPage, block: str) -> RenderedPage:
    """The page's JSON-LD goes into its front matter (`jsonld`), where the theme override finds it."""
    if not block or not page.markdown.startswith("---\n"):
        return page
    markdown = page.markdown.replace("\n---", f"\njsonld: {json.dumps(block, ensure_ascii=False)}\n---", 1)
    return replace(page, markdown=markdown, jsonld=block)


_RENDERERS: dict[Path, Renderer] = {}
_BUILT: dict[Path, tuple[str, Built]] = {}


@functools.lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """This package's code and the versions of what renders: a change to either renders again."""
    digest = hashlib.blake2b()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    for package in ("jinja2", "markupsafe", "babel", "pydantic", "pydantic-core", "pyyaml"):
        digest.update(f"{package}={importlib.metadata.version(package)};".encode())
    digest.update(sys.version.encode())
    return digest.digest()


def _inputs_digest(root: Path, site_url: str, changes: dict[str, dt.date]) -> str:
    """A digest of all the pages are drawn from: data files, templates, code, address, the build
    date (which announcements are past due) and the day each file last changed (« Mis à jour le »)."""
    digest = hashlib.blake2b(_code_digest() + site_url.encode() + build_date().isoformat().encode()
                             + repr(sorted(changes.items())).encode())
    for folder in ("data", "templates"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _read_store(path: Path, changes: dict[str, dt.date]) -> Built | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return Built([RenderedPage(**page) for page in stored["pages"]], stored["abbreviations"], dict(stored["files"]),
                     changes)
    except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: render again
        return None


def _write_store(folder: Path, name: str, result: Built) -> None:
    """Keep the last rendering only; a folder that cannot be written only costs the next build time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            old.unlink()
        temporary = folder / f".{name}.{os.getpid()}"
        temporary.write_text(json.dumps({"pages": [asdict(p) for p in result.pages], "abbreviations": result.abbreviations,
                                         "files": result.files},
                                        ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / name)
    except OSError:
        pass
