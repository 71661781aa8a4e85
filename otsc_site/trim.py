"""Ship only what readers load: Material copies source maps and every search language into site/,
and its stylesheets style features the site does not use (blog, code, tabs, banners…)."""

from __future__ import annotations

import re
from pathlib import Path

import rjsmin
import tinycss2

from .cache import kept_texts

# The French search loads these two files, and no other lunr file.
KEEP_LUNR = {"lunr.stemmer.support.min.js", "lunr.fr.min.js"}

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_COLOR = re.compile(r'\[data-md-color-(primary|accent|scheme)=["\']?([\w-]+)')
_WORD = re.compile(r"[\w-]+")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")


def trim_site(site: Path, cache: Path | None = None) -> int:
    """Delete the source maps and the unused lunr languages, and trim Material's stylesheets (kept
    under `cache` for the same stylesheets, words, colours and custom properties); return the bytes
    saved."""
    doomed = list(site.glob("assets/**/*.map"))
    lunr = site / "assets/javascripts/lunr"
    doomed += [p for p in lunr.glob("min/*.js") if p.name not in KEEP_LUNR]
    doomed += [p for p in lunr.glob("*.js")]  # tinyseg, wordcut: Japanese and Thai segmenters
    saved = sum(p.stat().st_size for p in doomed)
    for path in doomed:
        path.unlink()
    return (
        saved
        + trim_stylesheets(site, cache)
        + _compacted(site.glob("stylesheets/*.css"))
        + _minified(site.glob("javascripts/*.js"))
    )


def _minified(paths) -> int:
    """The site's own scripts, commented for editors, reach readers minified (rjsmin: comments and
    spaces out, names kept)."""
    saved = 0
    for path in paths:
        script = path.read_text(encoding="utf-8")
        small = rjsmin.jsmin(script)
        saved += len(script.encode()) - len(small.encode())
        path.write_text(small, encoding="utf-8")
    return saved


def _compacted(paths) -> int:
    """The site's own stylesheets, commented and indented for editors, reach readers compact."""
    saved = 0
    for path in paths:
        css = path.read_text(encoding="utf-8")
        bare = compact_css(css)
        saved += len(css.encode()) - len(bare.encode())
        path.write_text(bare, encoding="utf-8")
    return saved


# No white space is read next to these (« a > b » is « a>b », « color: red; » is « color:red; »); it
# is kept before « : » (« a :hover » is not « a:hover »), « ( » (« and (» is not the function « and( »)
# and around « + » and « - » (« calc(1px + 2px) »).
_TIGHT = frozenset(";,{}>")


def compact_css(css: str) -> str:
    """`css` without comments, each run of white space one space, none where CSS reads none: the
    same rules, 200 bytes fewer compressed for otsc.css, on every page's first load."""
    return _compact(tinycss2.parse_component_value_list(css, skip_comments=True))


def _compact(tokens) -> str:
    out: list[str] = []
    for token in tokens:
        if token.type == "whitespace":
            if out and out[-1] != " " and out[-1][-1] not in _TIGHT and out[-1][-1] != ":":
                out.append(" ")
            continue
        if token.type == "{} block":
            text = "{" + _compact(token.content).strip() + "}"
        elif token.type in ("() block", "[] block"):
            text = token.type[0] + _compact(token.content) + token.type[1]
        elif token.type == "function":
            name = tinycss2.serializer.serialize_identifier(token.name)
            text = f"{name}({_compact(token.arguments)})"
        else:
            text = token.serialize()
        if out and out[-1] == " " and text[0] in _TIGHT:
            out.pop()
        out.append(text)
    return "".join(out).strip()


def trim_stylesheets(site: Path, cache: Path | None = None) -> int:
    """Material's stylesheets (main, palette) less the rules no page and no script can use.

    A selector is dropped when it names a class that appears in no page and no script of the site
    (a class a script adds is written in the script, so it stays), or a colour, primary, accent or
    scheme, that no page offers; a custom property, when nothing reads it. Run on the built site,
    so a page that starts using a feature (a « warning » box, a tab) gets its rules back. The result
    is kept under `cache` for the same stylesheets, words, colours and custom properties read.
    """
    pages = "".join(p.read_text(encoding="utf-8") for p in site.glob("**/*.html"))
    scripts = "".join(p.read_text(encoding="utf-8") for p in site.glob("**/*.js"))
    ours = "".join(p.read_text(encoding="utf-8") for p in site.glob("stylesheets/*.css"))  # never trimmed
    words = set(_WORD.findall(pages + scripts))
    colors = set(re.findall(r'data-md-color-(?:primary|accent|scheme)="([\w-]+)"', pages))
    read = set(_VAR_USE.findall(pages + scripts + ours))
    paths = sorted(site.glob("assets/stylesheets/*.css"))
    before = {path.name: path.read_text(encoding="utf-8") for path in paths}

    def trimmed() -> dict[str, str]:
        rules = {
            name: _rules(
                tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), words, colors
            )
            for name, css in before.items()
        }
        # Custom properties read by any page, script or stylesheet, until the kept rules read nothing new.
        used = read
        while True:
            after = {name: _serialize(kept, used) for name, kept in rules.items()}
            more = used | set(_VAR_USE.findall("".join(after.values())))
            if more == used:
                return after
            used = more

    # What the result depends on: which of the classes the stylesheets name are used (not every word
    # of the pages: at 100× the data, sorting a million words cost a second), the colours, the
    # properties read, the stylesheets.
    named = words & set(_CLASS.findall("".join(before.values())))
    inputs = [" ".join(sorted(named)), " ".join(sorted(colors)), " ".join(sorted(read))]
    after = kept_texts(cache, inputs + [f"{name}\0{css}" for name, css in before.items()], trimmed)
    for path in paths:
        path.write_text(after[path.name], encoding="utf-8")
    return sum(len(before[name].encode()) - len(after[name].encode()) for name in before)


def _wanted(selector: str, words: set[str], colors: set[str]) -> bool:
    return all(c in words for c in _CLASS.findall(selector)) and all(
        value in colors for _, value in _COLOR.findall(selector)
    )


def _selectors(prelude: list) -> list[str]:
    """A rule's selector list, split at its top-level commas."""
    out, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            out.append(tinycss2.serialize(current))
            current = []
        else:
            current.append(token)
    return out + [tinycss2.serialize(current)]


def _rules(rules: list, words: set[str], colors: set[str]) -> list:
    """(selectors, declarations) for qualified rules, (at-rule, inner) for blocks, or text."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in _selectors(rule.prelude) if _wanted(s, words, colors)]
            if selectors:
                declarations = [
                    d
                    for d in tinycss2.parse_blocks_contents(
                        rule.content, skip_comments=True, skip_whitespace=True
                    )
                ]
                out.append((",".join(selectors), declarations))
        elif (
            rule.type == "at-rule"
            and rule.content is not None
            and rule.lower_at_keyword in ("media", "supports")
        ):
            inner = _rules(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                words,
                colors,
            )
            if inner:
                out.append((f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", inner))
        elif rule.type != "error":
            out.append(rule.serialize())
    return out


def _serialize(rules: list, used: set[str]) -> str:
    text = []
    for rule in rules:
        if isinstance(rule, str):
            text.append(rule)
        elif rule[0].startswith("@"):
            inner = _serialize(rule[1], used)
            if inner:
                text.append(f"{rule[0]}{{{inner}}}")
        else:
            body = ";".join(
                d.serialize()
                for d in rule[1]
                if d.type != "declaration" or not d.name.startswith("--") or d.name in used
            )
            if body:
                text.append(f"{rule[0]}{{{body}}}")
    return "".join(text)
