"""What the hook removes from site/ after a build: rules nobody can use, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from otsc_site.trim import trim_site


def test_stylesheets_keep_every_rule_a_page_or_script_can_use(tmp_path: Path):
    (tmp_path / "assets/stylesheets").mkdir(parents=True)
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "stylesheets").mkdir()
    (tmp_path / "javascripts").mkdir()
    (tmp_path / "javascripts/otsc.js").write_text('/* pour les éditeurs */\nvar  a = "/* x */";  // note\n')
    (tmp_path / "index.html").write_text('<body data-md-color-primary="indigo"><p class="vu">x</p></body>')
    (tmp_path / "assets/javascripts/bundle.js").write_text('el.classList.add("md-tooltip2--active")')
    (tmp_path / "stylesheets/otsc.css").write_text("/* note */ .vu { color: var(--lu-par-nous) }")
    (tmp_path / "assets/stylesheets/main.css").write_text(
        ":root{--lu-par-nous:red;--lu-par-regle:blue;--personne:green;--chaine:var(--lu-par-regle)}"
        ".vu,.jamais{color:var(--chaine)}.md-tooltip2--active{opacity:1}.jamais p{color:red}"
        "@media screen{.jamais{color:red}.vu{margin:0}}"
        "[data-md-color-primary=indigo]{--md-primary:#4051b5}[data-md-color-primary=red]{--md-primary:red}"
        "p{color:var(--md-primary)}"
    )
    trim_site(tmp_path)
    css = (tmp_path / "assets/stylesheets/main.css").read_text()
    assert ".vu{color:var(--chaine)}" in css and ".jamais" not in css  # a class no page uses
    assert ".md-tooltip2--active{opacity:1}" in css  # a class a script adds
    assert "@media screen{.vu{margin:0}}" in css
    assert "[data-md-color-primary=indigo]" in css and "[data-md-color-primary=red]" not in css
    # Custom properties: kept when read by a kept rule, our stylesheet or through another property.
    assert (
        "--lu-par-nous:red" in css and "--chaine:var(--lu-par-regle)" in css and "--lu-par-regle:blue" in css
    )
    assert "--personne" not in css
    assert "note" not in (tmp_path / "stylesheets/otsc.css").read_text()  # our comments stay home
    assert (tmp_path / "javascripts/otsc.js").read_text() == 'var a="/* x */";'  # minified, strings kept


def test_the_trimmed_stylesheets_kept_on_disk_follow_the_pages_and_the_stylesheets(tmp_path: Path):
    """The result is kept for the same stylesheets and pages: a page that starts using a class, a
    colour offered or a changed stylesheet gives its rules back; a damaged store only costs time."""
    main = ".vu{color:red}.neuf{color:blue}[data-md-color-scheme=slate]{color:black}"
    cache = tmp_path / "cache"

    def trimmed(page: str, stylesheet: str = main) -> str:
        site = tmp_path / "site"
        (site / "assets/stylesheets").mkdir(parents=True, exist_ok=True)
        (site / "index.html").write_text(page)
        (site / "assets/stylesheets/main.css").write_text(stylesheet)
        trim_site(site, cache)
        return (site / "assets/stylesheets/main.css").read_text()

    assert trimmed('<p class="vu">x</p>') == ".vu{color:red}"
    assert list(cache.glob("*.json"))
    assert trimmed('<p class="vu">x</p>') == ".vu{color:red}"  # from the store
    assert trimmed('<p class="vu neuf">x</p>') == ".vu{color:red}.neuf{color:blue}"
    assert trimmed('<body data-md-color-scheme="slate"><p class="vu">x</p>') == (
        ".vu{color:red}[data-md-color-scheme=slate]{color:black}"
    )
    assert trimmed('<p class="vu">x</p>', main.replace("red", "green")) == ".vu{color:green}"
    for stored in cache.glob("*.json"):
        stored.write_text("{abîmé")
    assert trimmed('<p class="vu">x</p>') == ".vu{color:red}"


@pytest.mark.parametrize(
    "css, compact",
    [
        ("/* pour les éditeurs */\na > b ,\nc {\n  color: red ;\n}\n", "a>b,c{color:red;}"),
        ("a :hover { x: y }", "a :hover{x:y}"),  # a descendant's :hover, not a's
        ('p::before { content: " ; , " }', 'p::before{content:" ; , "}'),
        ("x { width: calc(1px + 2px); margin: 0 -1px }", "x{width:calc(1px + 2px);margin:0 -1px}"),
        (
            "@media screen and (max-width: 10px) {\n  a { x: y }\n}",
            "@media screen and (max-width:10px){a{x:y}}",
        ),
        ('a:not( .x ) { b: url("c d.png") }', 'a:not(.x){b:url("c d.png")}'),
    ],
)
def test_our_stylesheet_reaches_readers_compact_with_the_same_rules(css, compact):
    from otsc_site.trim import compact_css

    assert compact_css(css) == compact
