"""Every page of the site in Debian's Chromium, opened once at 1366 px and once at 390 px, and checked
for all that a reader's browser sees: no console error, no request to another host, no cookie, no
Content-Security-Policy violation, no WCAG 2.1 AA violation (axe-core, light theme; contrast again in
the dark theme), no sideways scrolling on a phone, no group of note calls wrapped away from its word,
and figures that read at both widths (every text 11 CSS px or more, no two labels overlapping, none
leaving its figure).

One visit per page and width, not one per check: the same checks cost a third of the time they did
as separate tests. axe's colour rules read, in both themes, one piece of text of each look on the
page (`LOOKS`), not each of the thousands of entries of a long list: its contrast rule took a
second a theme on every page, now a fifth. Screenshots (PNG) of each page's first
screen and of each figure at both widths go to build/test-artefacts.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from conftest import ARTEFACTS, PAGES
from playwright.sync_api import Page

# axe-core as the pinned axe-playwright-python ships it, run in the page, violations only.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What the dark theme changes is colours: the rules that read them.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# Every CSP violation the page reports, kept on window so that the test can read it.
WATCH_CSP = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""

# For each group of note calls: is its first call on the same line as the character just before it?
SAME_LINE = """() => Array.from(document.querySelectorAll('article .appels')).map(group => {
  const walker = document.createTreeWalker(group.closest('p, li, td, th, div') || document.body,
                                           NodeFilter.SHOW_TEXT);
  let node = null, last = null;
  while ((node = walker.nextNode())) {
    if (group.contains(node)) break;
    if (node.textContent.replace(/[\\s\u2060]+/g, '')) last = node;
  }
  if (!last) return true;
  const text = last.textContent.replace(/[\\s\u2060]+$/, '');
  const range = document.createRange();
  range.setStart(last, text.length - 1);
  range.setEnd(last, text.length);
  const before = range.getBoundingClientRect(), first = group.getClientRects()[0];
  return Math.abs(before.bottom - first.bottom) < before.height;
})"""


MEASURE_FIGURES = """() => Array.from(document.querySelectorAll('article figure svg')).map((svg, n) => {
  const box = svg.getBoundingClientRect();
  const scale = svg.getScreenCTM().a;
  const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.getClientRects().length)
    .map(t => ({text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale,
                r: t.getBoundingClientRect()}));
  const small = texts.filter(t => t.size < 11).map(t => `${t.text} (${t.size.toFixed(1)} px)`);
  const outside = texts.filter(t => t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5
    || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5).map(t => t.text);
  const overlaps = [];
  texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
    const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (x > 1 && y > 1) overlaps.push(`${a.text} / ${b.text}`);
  }));
  return {figure: svg.closest('figure').className || String(n), texts: texts.length,
          small, outside, overlaps};
})"""


# One piece of text of each look on the page: texts whose own colour, size, weight, shadow and
# underline are the same, over the same stack of ancestors (their colours, backgrounds and
# opacities; an ancestor that changes none of them is left out, so nesting depth alone makes no new
# look), have the same contrast; the first one drawn of each look is checked.
LOOKS = """() => {
  const looks = new Map(), stacks = new Map();
  const own = ['color', 'fill', 'font-size', 'font-weight', 'text-shadow', 'text-decoration-line', 'opacity'];
  const around = ['color', 'background-color', 'background-image', 'opacity', 'filter', 'mix-blend-mode'];
  const stack = e => {
    if (!e) return '';
    if (!stacks.has(e)) {
      const s = getComputedStyle(e), mine = '|' + around.map(p => s.getPropertyValue(p)).join(' ');
      const above = stack(e.parentElement);
      stacks.set(e, above.endsWith(mine) ? above : above + mine);
    }
    return stacks.get(e);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || ['SCRIPT', 'STYLE'].includes(element.tagName)) continue;
    const style = getComputedStyle(element);
    const key = own.map(p => style.getPropertyValue(p)).join(' ') + stack(element.parentElement);
    const kept = looks.get(key);
    if (!kept || (!kept.getClientRects().length && element.getClientRects().length)) looks.set(key, element);
  }
  window.__looks = Array.from(looks.values());
  return window.__looks.length;
}"""


def axe_violations(page: Page, rules: list[str] | None = None, skip: list[str] = ()) -> list[str]:
    """axe-core's violations on the page as it is now: the WCAG 2.1 AA and best-practice rules but
    those of `skip`, or only `rules`."""
    return _axe(page, "document", rules, skip)


def colour_violations(page: Page) -> list[str]:
    """axe-core's colour rules on one piece of text of each look (`LOOKS`): on a list of 200 entries,
    a fifth of a second instead of a second."""
    page.evaluate(LOOKS)
    return _axe(page, "{include: window.__looks}", AXE_COLOUR_RULES)


def _axe(page: Page, context: str, rules: list[str] | None = None, skip: list[str] = ()) -> list[str]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate(
        f"""options => axe.run({context}, options).then(r => r.violations.map(
             v => `${{v.id}} (${{v.nodes.length}}) : ${{v.help}} — ${{v.nodes[0].target}}`))""",
        {
            "runOnly": run_only,
            "rules": {rule: {"enabled": False} for rule in skip},
            "resultTypes": ["violations"],
        },
    )


def figures_problems(page: Page, path: str, width: int) -> list[str]:
    """What does not read in the page's figures at this width; each figure is kept as a screenshot."""
    problems = []
    for figure in page.evaluate(MEASURE_FIGURES):
        where = f"{path} {figure['figure']} à {width} px"
        problems += [f"{where} : texte trop petit {figure['small']}"] * bool(figure["small"])
        problems += [f"{where} : chevauchements {figure['overlaps']}"] * bool(figure["overlaps"])
        problems += [f"{where} : hors de la figure {figure['outside']}"] * bool(figure["outside"])
    figures = page.locator("article figure")
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed()
        figures.nth(i).screenshot(path=ARTEFACTS / f"{_name(path)}-figure{i + 1}-{width}.png")
    return problems


def notes_problems(page: Page, width: int) -> list[str]:
    """A group of note calls alone at the start of a line, away from the word it is about."""
    apart = page.evaluate(SAME_LINE).count(False)
    return [f"{apart} groupes d'appels de note séparés de leur mot à {width} px"] * bool(apart)


def screenshot(page: Page, name: str) -> None:
    """What a reader sees first, at this width (a whole list of sources is 40 000 px tall on a phone:
    capturing it took longer than every check of the page together; figures have their own)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=ARTEFACTS / name)


def _name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "accueil"


@pytest.fixture(scope="module")
def reader(browser, site_url):
    """One tab that goes from page to page, as a reader does: a new tab costs more work than the
    checks of a page (about a second of processor: Material's script compiled again, its stylesheet
    parsed again). What each page is judged on is its own: the errors and requests seen since it was
    opened, its cookies, its CSP violations (kept by each document), the theme of its own visit."""
    context = browser.new_context()
    tab = context.new_page()
    seen: dict[str, list[str]] = {"errors": [], "foreign": []}
    host = urlsplit(site_url).netloc
    tab.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    tab.on("pageerror", lambda e: seen["errors"].append(str(e)))
    tab.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc != host and not r.url.startswith("data:") and seen["foreign"].append(r.url)
        ),
    )
    tab.add_init_script(WATCH_CSP)
    # Material keeps the palette of a visit and would show it again: each visit takes the system's.
    tab.add_init_script(
        "Object.keys(localStorage).filter(k => k.endsWith('__palette'))"
        ".forEach(k => localStorage.removeItem(k))"
    )
    yield tab, seen
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_cleanly_at_1366_and_390_px(reader, site_url, path):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page, seen = reader
    for events in seen.values():
        events.clear()
    page.context.clear_cookies()
    problems = []

    page.set_viewport_size({"width": 1366, "height": 900})
    page.emulate_media(color_scheme="light")
    page.goto(site_url + path, wait_until="load")
    assert page.locator("html").get_attribute("lang") == "fr"
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "default", f"{path} : thème {scheme} au lieu du thème clair"
    problems += [f"axe (thème clair) : {v}" for v in axe_violations(page, skip=AXE_COLOUR_RULES)]
    problems += [f"axe (thème clair) : {v}" for v in colour_violations(page)]
    problems += figures_problems(page, path, 1366) + notes_problems(page, 1366)
    screenshot(page, f"{_name(path)}-bureau.png")
    problems += [f"CSP à 1366 px : {v}" for v in page.evaluate("window.__violations")]

    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme="dark")
    page.reload(wait_until="load")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate", f"{path} : thème {scheme} au lieu du thème sombre"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    problems += [f"la page déborde de {overflow} px à 390 px"] * (overflow > 1)
    problems += [f"axe (thème sombre) : {v}" for v in colour_violations(page)]
    problems += figures_problems(page, path, 390) + notes_problems(page, 390)
    screenshot(page, f"{_name(path)}-telephone.png")
    problems += [f"CSP à 390 px : {v}" for v in page.evaluate("window.__violations")]

    problems += [f"console : {e}" for e in seen["errors"]]
    problems += [f"requête vers un autre hôte : {u}" for u in seen["foreign"]]
    problems += [f"cookie : {c['name']}" for c in page.context.cookies()]
    assert problems == [], f"{path} :\n" + "\n".join(problems)


def test_the_site_has_figures_to_measure(page: Page, site_url):
    counts = {}
    for path in ("membres/", "chronologie/", "organes/", "depenses/"):
        page.goto(site_url + path, wait_until="load")
        counts[path] = [f["texts"] for f in page.evaluate(MEASURE_FIGURES)]
    assert len(counts["membres/"]) == 2 and len(counts["chronologie/"]) == 1
    assert counts["organes/"] and counts["depenses/"]
    assert all(n >= 6 for figure_texts in counts.values() for n in figure_texts)


def test_a_pale_text_deep_in_a_long_list_is_found(page: Page, site_url):
    """The colour rules read one text of each look: an entry far down a list that looks paler than
    the others is a look of its own, and is read."""
    page.goto(site_url + "sources-presse/", wait_until="load")
    assert colour_violations(page) == []
    entries = page.locator("article li")
    assert entries.count() > 50
    entries.nth(entries.count() - 3).evaluate("li => li.style.color = '#c8c8c8'")
    assert [v.split(" ")[0] for v in colour_violations(page)] == ["color-contrast"]
