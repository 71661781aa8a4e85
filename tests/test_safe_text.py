"""One safe path for text: whatever an editor types, the page gets no markup the templates did not put
there."""

from __future__ import annotations

import re

import markdown
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from otsc_site.model import Text
from otsc_site.pages import Renderer

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in CONFIG["markdown_extensions"]]
EXTENSION_CONFIGS = {
    next(iter(e)): next(iter(e.values())) for e in CONFIG["markdown_extensions"] if isinstance(e, dict)
}
ENV = Renderer(ROOT / "templates").env
# The places a data text lands in our templates: a paragraph, a list item, a table cell, an admonition.
TEMPLATE = ENV.from_string(
    "Avant.\n\n{{ t }}\n\n- {{ t }}\n\n| a | b |\n|---|---|\n| {{ t }} | x |\n\n"
    '!!! abstract "L’essentiel"\n\n    - {{ t }}\n'
)
BASELINE = None
ALLOWED_FROM_DATA = {"em", "strong", "a"}  # emphasis and links: all the Markdown an editor may use
TEXT = TypeAdapter(Text)
hostile = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80
) | st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "*x*{: onclick=alert(1) }",
        "&lt;b&gt;",
        "\n# titre",
        "\n*[OTSC]: faux",
        "[^x]: note",
        "[a](javascript:alert(1))",
        "<!-- x -->",
        "{: .x }",
        "a\n\n<div>b</div>",
        "`<b>`",
        "<<b>>",
        "]]>",
        "\u2028<svg onload=alert(1)>",
        "![x](https://exemple.fr/x.png)",
        "[a][b]",
        "&#60;b&#62;",
        "!!! danger",
        "[x](//exemple.fr)",
    ]
)


def tags(html: str) -> list[tuple[str, str]]:
    return [(name.lower(), attrs) for name, attrs in re.findall(r"<([a-zA-Z][\w-]*)([^>]*)>", html)]


def render(text: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return md.convert(TEMPLATE.render(t=text))


# Derandomized: the same 500 cases on every run, so that CI is never flaky; the examples below
# are the cases that earlier random runs found.
@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hostile)
@example("#0")
@example("#")
@example("1. x")
@example("* * *")
@example(": ")
def test_data_text_adds_no_markup(text):
    try:
        TEXT.validate_python(text)
    except ValidationError:
        assume(False)  # the schema refuses it already, with a message to the editor
    baseline = tags(render("texte"))
    html = render(text)
    found = tags(html)
    extra = [t for t in found if t not in baseline]
    for name, attrs in extra:
        assert name in ALLOWED_FROM_DATA, (text, name, attrs)
        assert not re.search(r"\son\w+\s*=|style\s*=|javascript:", attrs, re.I), (text, attrs)
        if name == "a":  # a link leads to https:// or to a page of the site, and loads nothing itself
            assert re.fullmatch(
                r'\s*href="(https://[^"]+|[a-z0-9-]*\.md(#[a-z0-9-]+)?|#[a-z0-9-]+)"', attrs
            ), attrs
    assert "<script" not in html.lower()
