"""Turn the checked data into Markdown pages with the Jinja templates in `templates/`.

Nothing here knows about MkDocs: the same pages feed the MkDocs hook and `make export`.
Data text is made safe by `markdown_text`, notes are drawn by `notes`, long lists are cut by
`parts`, compiled templates are kept by `cache`, and `build` runs the whole.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import traceback
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.meta
import yaml
from markupsafe import Markup

from .cache import bytecode_cache
from .errors import DataError, Problem
from .french import FuzzyDate, date_fr, decimal_year, fold, language_fr, number_fr
from .history import build_date, updated
from .markdown_text import finalize, front_matter_string, literal, time_tag, url
from .notes import NOTES_MARK, QUOTED_NOTES_BUDGET, Notes, excerpt
from .orgchart import org_chart
from .parts import MOVING, SPLITTERS, Part, from_folder, moved_anchors, relink, year_marks
from .proofs import Proof, proofs
from .rendered import RenderedPage
from .spending import spending

if TYPE_CHECKING:
    from .checks import Data

WORDS_PER_MINUTE = 200
_READING_TIME = Markup("@@TEMPS-DE-LECTURE@@")


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, which template draws it, which data file it shows.

    `last`: drawn after every other page, knowing which page cites which source (the Sources page).
    `parts`: one page per part of a long list (`parts.SPLITTERS`); `page` is then a pattern whose
    « * » each part's slug replaces, and the pages stay out of the navigation. A `page` without « * »
    is its own first part, in the navigation; its numbered pages that follow are not.
    """

    page: str
    template: str
    data: str
    last: bool = False
    parts: str | None = None
    meta: str | None = None  # where the page's title and description are, if not in the file's `page`

    def page_meta(self, data: Data):
        """The page's title, description and lede: the data file's `page`, or the block `meta` names."""
        item = data.files[self.data]
        for name in (self.meta or "page").split("."):
            item = getattr(item, name)
        return item


def past_due(item: object, today: dt.date | None = None) -> bool:
    """An announced item whose date is over: the sources do not say whether it took place."""
    date = getattr(item, "end", None) or getattr(item, "date", None)
    return (
        getattr(item, "status", None) == "annoncé"
        and isinstance(date, FuzzyDate)
        and date.last_day < (today or build_date())
    )


def who_decides_rules(who) -> dict:
    """What the « Qui décide ? » script needs, drawn from data/procedure.yml: the effect of each
    answer, whether each kind of decision may be taken without a member, and the presets."""
    return {
        "effets": {r.id: r.effect for r in who.responses},
        "sansMembre": {k.id: k.limited_format for k in who.kinds},
        "prereglages": {p.id: {a.state: a.response for a in p.responses} for p in who.presets},
    }


def read_page_specs(templates_dir: Path) -> list[PageSpec]:
    """`templates/pages.yml`: the list of generated pages."""
    raw = yaml.safe_load((templates_dir / "pages.yml").read_text(encoding="utf-8"))
    return [PageSpec(**item) for item in raw]


def in_nav(spec: PageSpec, part: Part | None) -> bool:
    """In the menu: a page of its own, or the first part of a split list; not its later parts, nor a
    page of a list of pages (`etats/*.md`, one per state)."""
    return part is None or (part.number == 1 and "*" not in spec.page)


def front_matter_problem(markdown: str) -> str | None:
    """What is wrong with the YAML front matter a template drew, if anything. MkDocs takes a front
    matter it cannot read for text, without a word (a comment tag `{#-` that eats a line break glues
    two keys): the page would lose its description, its search weight, its tags."""
    head, end, _ = markdown.partition("\n---\n")
    if not markdown.startswith("---\n") or not end:
        return "en-tête YAML absent : la page doit commencer par « --- », ses clés, puis « --- »"
    try:
        meta = yaml.load(head[4:], Loader=yaml.CSafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", ligne {mark.line + 2} de la page" if mark else ""
        return f"en-tête YAML illisible{where} : {getattr(err, 'problem', None) or err}"
    if not isinstance(meta, dict) or not isinstance(meta.get("description"), str):
        return "en-tête YAML sans « description », le texte que montrent les moteurs de recherche"
    return None


class Renderer:
    """One Jinja environment for a whole build, over `templates/`."""

    def __init__(self, templates_dir: Path):
        self.templates_dir = templates_dir
        self.specs = read_page_specs(templates_dir)
        self.today = build_date()
        self.changes: dict[str, dt.date] = {}  # when each source file last changed (history.last_changes)
        self.cited: dict[str, list[str]] = {}
        self.claim_pages: dict[int, list[str]] = {}  # each claim (its `sources` list's identity) → its pages
        self.proofs: dict[str, list[Proof]] = {}  # each source's excerpts and the claims they prove
        self.note_lines: dict[str, Markup] = {}
        self.parts: dict[str, list[Part]] = {}  # each split list's pages, by the pattern of its spec
        self.moved: dict[str, str] = {}  # `chronologie.md#id` → the part page where the anchor now is
        self.moved_urls: dict[str, str] = {}  # the same as the templates link it (`chronologie-x/#id`)
        self._inputs: dict[str, list[str]] = {}  # each template's files (Renderer.inputs), for one build
        self._kept: dict[str, tuple] = {}  # each page drawn, with its key (Renderer._page_key)
        self._shape: tuple = ()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            finalize=finalize,
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
        self.env.globals["spending"] = spending
        self.env.globals["org_chart"] = org_chart
        self.env.filters.update(
            excerpt=excerpt,
            date=date_fr,
            time=time_tag,
            literal=literal,
            number=number_fr,
            yaml_string=front_matter_string,
            url=url,
            language=language_fr,
            year=decimal_year,
            sort_fr=lambda items, attribute: sorted(items, key=lambda i: fold(getattr(i, attribute))),
        )

    def render(
        self,
        spec: PageSpec,
        data: Data,
        citations: dict[str, list[dict]] | None = None,
        links: list[dict] | None = None,
        part: Part | None = None,
    ) -> RenderedPage:
        page = part.page if part else spec.page
        try:
            key = self._page_key(spec, data, part, citations or {})
        except Exception as err:  # noqa: BLE001 - reading the templates it uses: a syntax error is the editor's
            raise DataError([self._template_problem(err, spec)]) from None
        kept = self._kept.get(page)
        if key is not None and kept and kept[0] == key:  # nothing that shapes the page changed
            rendered, cited, claims = kept[1]
            self.cited[page] = cited
            for claim in claims:
                self.claim_pages.setdefault(claim, []).append(page)
            return rendered
        notes = Notes(data, self.note_lines)
        context = {
            "data": data,
            "page": spec.page_meta(data),
            "cite": notes.cite,
            "notes": notes.definitions,
            "checked": data.organisation.sources_checked_until,
            "today": self.today,
            "reading_time": _READING_TIME,
            "pages": links if links is not None else self.links(data),
            "spec": spec,
            "citations": citations or {},
            "proofs": self.proofs,
            "contested": {c.id: c for c in data.contested.points},
            "map": data.map,
            "part": part,
            "parts": self.parts,
            "moved": self.moved_urls,
        }
        try:
            context["updated"] = updated(self.changes, self.inputs(spec), self.today)
            body = self.env.get_template(spec.template).render(context)
        except Exception as err:  # noqa: BLE001 - any mistake in a template is the editor's, in French
            raise DataError([self._template_problem(err, spec)]) from None
        if wrong := front_matter_problem(body):
            raise DataError([Problem(f"templates/{spec.template}", None, message=f"{wrong} (page {page})")])
        markdown = self._finish(body, data, notes.drawn(quote=True), page)
        if notes.excerpts and len(zlib.compress(markdown.encode(), 6)) > QUOTED_NOTES_BUDGET:
            markdown = self._finish(
                body, data, notes.drawn(quote=False), page
            )  # too heavy: notes lead to the excerpts
        self.cited[page] = list(notes.order)
        for claim in notes.claims:
            pages_of = self.claim_pages.setdefault(claim, [])
            if page not in pages_of:
                pages_of.append(page)
        rendered = RenderedPage(
            page,
            markdown,
            f"data/{spec.data}.yml",
            in_nav=in_nav(spec, part),
            updated=context["updated"].isoformat(),
        )
        if key is not None:
            self._kept[page] = (key, (rendered, list(notes.order), list(dict.fromkeys(notes.claims))))
        return rendered

    def _page_key(self, spec: PageSpec, data: Data, part: Part | None, citations: dict) -> tuple:
        """Everything that shapes a page but the code: its template and those it uses (their text), the
        data files it reads (their checked models, by identity: a changed file is a new model, and the
        key keeps the old one alive so that its identity is not reused), the pages' titles and parts,
        the moved anchors, the build date and the page's date.

        A page drawn last (the source lists) shows what every other page cites: instead of every data
        file, the pages that cite each of its sources and the claims its excerpts prove, by value."""
        inputs = self.inputs(spec)
        own = self.inputs(spec, own=spec.last)  # a page not drawn last reads no excerpts
        templates = tuple(
            self.env.loader.get_source(self.env, f.removeprefix("templates/"))[0]
            for f in inputs
            if f.startswith("templates/") and f != "templates/pages.yml"
        )
        models = tuple(
            data.map if f == "data/map.json" else data.files.get(Path(f).stem)
            for f in own
            if f.startswith("data/")
        )
        cited = ()
        if spec.last:
            ids = (
                [getattr(item, "id", item) for item in part.items]
                if part
                else sorted({*self.proofs, *citations})
            )
            cited = tuple(
                (
                    i,
                    citations.get(i),
                    [(p.citation, p.claim.file, p.claim.words, p.pages) for p in self.proofs.get(i, ())],
                )
                for i in ids
            )
        return (
            templates,
            tuple(map(id, models)),
            models,
            cited,
            self._shape,
            part,
            updated(self.changes, inputs, self.today),
        )

    def _finish(self, body: str, data: Data, notes: str, page: str) -> str:
        """The page's Markdown as published: its notes, reading time, tooltips, links to moved anchors
        (from its folder, if it is in one)."""
        minutes = max(1, math.ceil(_count_words(body) / WORDS_PER_MINUTE))
        body = body.replace(NOTES_MARK, notes, 1).replace(_READING_TIME, f"{minutes}\u00a0min")
        return from_folder(relink(body + "\n" + abbreviations(data), self.moved), page)

    def inputs(self, spec: PageSpec, own: bool = False) -> list[str]:
        """Every file that shapes the page, for its date (« Mis à jour le »): templates/pages.yml, its
        template and the templates that one extends, imports or includes, the data files they read
        (found in the templates' syntax tree: `data.timeline`, `cite(…)` reads the sources…), its own
        data file, and the glossary, whose tooltips every page carries. `own`: without the files
        whose claims only reach the page through the excerpts of its sources (`proofs`)."""
        found = self._inputs.get((spec.template, own))
        if found is None:
            files = {"templates/pages.yml", f"data/{spec.data}.yml", "data/glossary.yml"}
            todo, seen = [spec.template], set()
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                seen.add(name)
                files.add(f"templates/{name}")
                source = self.env.loader.get_source(self.env, name)[0]
                found_in = _TEMPLATE_READS.get((name, source))
                if found_in is None:  # parsing every template costs half a rebuild: once per text
                    tree = self.env.parse(source, name=name)
                    found_in = (
                        [t for t in jinja2.meta.find_referenced_templates(tree) if isinstance(t, str)],
                        *_data_read(tree),
                    )
                    _TEMPLATE_READS[(name, source)] = found_in
                todo += found_in[0]
                files.update(found_in[1])
                if found_in[2] and not own:  # the excerpts of every file
                    from .model import FILES

                    files.update(_data_file(name) for name in FILES)
            found = self._inputs[(spec.template, own)] = sorted(files)
        return found

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
        kind = {"UndefinedError": "nom inconnu", "TemplateSyntaxError": "syntaxe"}.get(
            type(err).__name__, type(err).__name__
        )
        return Problem(
            f"templates/{file}",
            line,
            message=f"gabarit invalide ({kind}) : {err} (en dessinant la page {spec.page})",
        )

    def pages_out_of_nav(self, data: Data) -> list[str]:
        """The pages reached from an overview page rather than from the menu, without drawing any."""
        self.split(data)
        return [
            part.page
            for spec in self.specs
            if spec.parts
            for part in self.parts[spec.page]
            if not in_nav(spec, part)
        ]

    def split(self, data: Data) -> None:
        """Cut the long lists into parts, and note where each of their anchors went."""
        self.parts, self.moved = {}, {}
        for spec in self.specs:
            if spec.parts:
                parts = SPLITTERS[spec.parts](data, spec.page)
                self.parts[spec.page] = parts
                if spec.parts not in MOVING:
                    continue
                overview = next(
                    (s.page for s in self.specs if s.data == spec.data and not s.parts), spec.page
                )
                self.moved.update(moved_anchors(overview, parts))
        # Once per build, not once per page: where each moved anchor is, as the templates link it.
        self.moved_urls = {
            old: new.removesuffix(".md").replace(".md#", "/#") for old, new in self.moved.items()
        }

    def render_spec(
        self,
        spec: PageSpec,
        data: Data,
        citations: dict[str, list[dict]] | None = None,
        links: list[dict] | None = None,
    ) -> list[RenderedPage]:
        """The spec's page, or one page per part of its list."""
        if not spec.parts:
            return [self.render(spec, data, citations, links)]
        return [self.render(spec, data, citations, links, part) for part in self.parts[spec.page]]

    def links(self, data: Data) -> list[dict]:
        """Every generated page's address, title and description, for "related pages"."""
        out = []
        for spec in self.specs:
            if "*" in spec.page:
                continue
            meta = spec.page_meta(data)
            out.append({"page": spec.page, "title": meta.title, "description": meta.description})
        return out

    def render_all(self, data: Data, changes: dict[str, dt.date] | None = None) -> list[RenderedPage]:
        self.cited, self.note_lines, self.claim_pages, self.proofs = {}, {}, {}, {}
        self.specs = read_page_specs(self.templates_dir)
        self.today = build_date()
        self.changes = changes or {}
        self._inputs = {}
        self.split(data)
        links = self.links(data)  # once per build, not once per page
        # What every page depends on besides its own inputs (Renderer._page_key): under `make serve`,
        # a page whose key is unchanged is not drawn again.
        self._shape = (
            self.specs,
            repr(links),
            repr(self.moved),
            self.today,
            tuple(
                (part.page, part.title, tuple(getattr(i, "id", i) for i in part.items))
                for parts in self.parts.values()
                for part in parts
            ),
        )
        pages = {spec.page: self.render_spec(spec, data, links=links) for spec in self.specs if not spec.last}
        citations: dict[str, list[dict]] = {}
        by_page = {link["page"]: link for link in links}
        by_page.update(
            {
                part.page: {"page": part.page, "title": part.title}
                for parts in self.parts.values()
                for part in parts
            }
        )
        for page, ids in self.cited.items():
            for source_id in ids:
                citations.setdefault(source_id, []).append(by_page[page])
        self.proofs = proofs(
            data, {key: [by_page[p] for p in where] for key, where in self.claim_pages.items()}
        )
        for spec in self.specs:
            if spec.last:
                pages[spec.page] = self.render_spec(spec, data, citations, links)
        return [page for spec in self.specs for page in pages[spec.page]]


# Each template's text → the templates it names and the data files it reads (Renderer.inputs).
_TEMPLATE_READS: dict[tuple[str, str], tuple[list[str], set[str], bool]] = {}
# What a template reads, by the names of its context (Renderer.render) and of `data`'s attributes.
_CONTEXT_FILES = {
    "checked": "organisation",
    "cite": "sources",
    "notes": "sources",
    "citations": "sources",
    "contested": "contested",
    "map": "map",
    "proofs": "*",
}
_DATA_FILES = {"states": "members", "map": "map"}


def _data_file(name: str) -> str:
    return "data/map.json" if name == "map" else f"data/{name}.yml"


def _data_read(tree: jinja2.nodes.Template) -> tuple[set[str], bool]:
    """The data files a template's syntax tree reads: `data.<file>`, `data.files["<file>"]`, and the
    context names drawn from one file (`checked`, `cite`, `contested`, `map`); and whether it reads
    the claims of every file (`proofs`, their excerpts)."""
    from .model import FILES

    files, every = set(), False
    for node in tree.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem, jinja2.nodes.Name)):
        if isinstance(node, jinja2.nodes.Name) and node.name in _CONTEXT_FILES and node.ctx == "load":
            name = _CONTEXT_FILES[node.name]
            if name == "*":
                every = True
            else:
                files.add(_data_file(name))
        elif (
            isinstance(node, jinja2.nodes.Getattr)
            and isinstance(node.node, jinja2.nodes.Name)
            and node.node.name == "data"
        ):
            name = _DATA_FILES.get(node.attr, node.attr)
            if name in FILES or name == "map":
                files.add(_data_file(name))
        elif (
            isinstance(node, jinja2.nodes.Getitem)
            and isinstance(node.node, jinja2.nodes.Getattr)
            and node.node.attr == "files"
            and isinstance(node.arg, jinja2.nodes.Const)
        ):
            files.add(_data_file(node.arg.value))
    return files, every


def abbreviations(data: Data) -> str:
    """Markdown abbreviation lines for every glossary acronym: Material shows them as tooltips."""
    lines = []
    for term in data.glossary.terms:
        if term.abbreviation:  # letters, digits and spaces only (model.Term); the title, as any data text
            lines.append(Markup("*[{}]: {}").format(term.abbreviation, finalize(term.expansion or term.term)))
    return "\n".join(lines) + "\n"


def _count_words(markdown: str) -> int:
    text = re.sub(r"^\[\^[^\]]+\]:.*$", "", markdown, flags=re.M)  # notes are not read through
    text = re.sub(r"<[^>]+>|\[\^[^\]]+\]|\]\([^)]*\)", " ", text)
    return len(re.findall(r"\w+", text))
