"""Figures that read everywhere: at 390 px and at 1366 px, every text of every figure is 11 CSS px or
more, no two labels overlap and no label leaves its figure (it may scroll sideways on a phone)."""

from __future__ import annotations

import pytest
from conftest import ARTEFACTS, PAGES
from playwright.sync_api import Page

MEASURE = """() => Array.from(document.querySelectorAll('article figure svg')).map((svg, n) => {
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


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("path", PAGES)
def test_every_figure_reads_at_this_width(page: Page, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    for figure in page.evaluate(MEASURE):
        assert figure["small"] == [], (
            f"{path} {figure['figure']} à {width} px : texte trop petit {figure['small']}"
        )
        assert figure["overlaps"] == [], (
            f"{path} {figure['figure']} à {width} px : chevauchements {figure['overlaps']}"
        )
        assert figure["outside"] == [], (
            f"{path} {figure['figure']} à {width} px : hors de la figure {figure['outside']}"
        )
    figures = page.locator("article figure")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for i in range(figures.count()):
        name = (path.strip("/") or "accueil") + f"-figure{i + 1}-{width}.png"
        figures.nth(i).scroll_into_view_if_needed()
        figures.nth(i).screenshot(path=ARTEFACTS / name)


def test_the_site_has_figures_to_measure(page: Page, site_url):
    counts = {}
    for path in ("membres/", "chronologie/"):
        page.goto(site_url + path, wait_until="networkidle")
        counts[path] = [f["texts"] for f in page.evaluate(MEASURE)]
    assert len(counts["membres/"]) == 2 and len(counts["chronologie/"]) == 1
    assert all(n >= 6 for n in counts["membres/"] + counts["chronologie/"])
