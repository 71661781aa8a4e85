"""Every page of the site in Debian's Chromium, opened once at 1366 px and once at 390 px, and checked
for all that a reader's browser sees: no console error, no request to another host, no cookie, no
Content-Security-Policy violation, no WCAG 2.1 AA violation (axe-core, light theme; contrast again in
the dark theme), no sideways scrolling on a phone, no group of note calls wrapped away from its word,
and figures that read at both widths (every text 11 CSS px or more, no two labels overlapping, none
leaving its figure).

One visit per page and width, not one per check: the same checks cost a third of the time they did
as separate tests. Screenshots (PNG) of each page's first screen and of each figure at
both widths go to build/test-artefacts.
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


def axe_violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page as it is now: the WCAG 2.1 AA and best-practice rules, or
    only `rules`."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate(
        """options => axe.run(document, options).then(r => r.violations.map(
             v => `${v.id} (${v.nodes.length}) : ${v.help} — ${v.nodes[0].target}`))""",
        {"runOnly": run_only, "resultTypes": ["violations"]},
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


@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_cleanly_at_1366_and_390_px(page: Page, site_url, path):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    errors, foreign, host = [], [], urlsplit(site_url).netloc
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: urlsplit(r.url).netloc != host and not r.url.startswith("data:") and foreign.append(r.url),
    )
    page.add_init_script(WATCH_CSP)
    problems = []

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + path, wait_until="load")
    assert page.locator("html").get_attribute("lang") == "fr"
    problems += [f"axe (thème clair) : {v}" for v in axe_violations(page)]
    problems += figures_problems(page, path, 1366) + notes_problems(page, 1366)
    screenshot(page, f"{_name(path)}-bureau.png")
    problems += [f"CSP à 1366 px : {v}" for v in page.evaluate("window.__violations")]

    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme="dark")
    # Material kept the palette of the first visit (light) and would show it again: forget it.
    page.add_init_script(
        "Object.keys(localStorage).filter(k => k.endsWith('__palette'))"
        ".forEach(k => localStorage.removeItem(k))"
    )
    page.reload(wait_until="load")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate", f"{path} : thème {scheme} au lieu du thème sombre"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    problems += [f"la page déborde de {overflow} px à 390 px"] * (overflow > 1)
    problems += [f"axe (thème sombre) : {v}" for v in axe_violations(page, AXE_COLOUR_RULES)]
    problems += figures_problems(page, path, 390) + notes_problems(page, 390)
    screenshot(page, f"{_name(path)}-telephone.png")
    problems += [f"CSP à 390 px : {v}" for v in page.evaluate("window.__violations")]

    problems += [f"console : {e}" for e in errors] + [f"requête vers un autre hôte : {u}" for u in foreign]
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
