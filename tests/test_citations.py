"""Compact citations: the notes after a sentence read as one group, glued to the word before them,
and a note can be read in place, with the mouse or the keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PAGES

# For each group of note calls: is its first call on the same line as the character just before it?
SAME_LINE = """() => Array.from(document.querySelectorAll('article .appels')).map(group => {
  const walker = document.createTreeWalker(group.closest('p, li, td, th, div') || document.body, NodeFilter.SHOW_TEXT);
  let node = null, last = null;
  while ((node = walker.nextNode())) {
    if (group.contains(node)) break;
    if (node.textContent.replace(/[\s\u2060]+/g, '')) last = node;
  }
  if (!last) return true;
  const text = last.textContent.replace(/[\s\u2060]+$/, '');
  const range = document.createRange();
  range.setStart(last, text.length - 1);
  range.setEnd(last, text.length);
  const before = range.getBoundingClientRect(), first = group.getClientRects()[0];
  return Math.abs(before.bottom - first.bottom) < before.height;
})"""


@pytest.mark.parametrize("path", [p for p in PAGES if p not in ("donnees/", "a-propos/", "accessibilite/")])
def test_consecutive_note_calls_are_one_group_glued_to_the_previous_word(built_site, path):
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    if '<div class="footnote"' not in html:  # a list of sources that cites none
        assert path.startswith("sources-") and 'class="footnote-ref"' not in html
        return
    content = html[html.index('<article class="md-content__inner'):html.index('<div class="footnote"')]
    calls = re.findall(r'<sup id="fnref', content)
    grouped = re.findall(r'<span class="appels">((?:<sup id="fnref[^>]*><a[^>]*>\d+</a></sup>)+)</span>', content)
    assert calls and len(calls) == sum(g.count("<sup") for g in grouped)
    assert content.count("\u2060<span class=\"appels\">") == len(grouped)


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("path", ["", "chronologie/", "fonctionnement/", "membres/"])
def test_a_group_of_notes_never_wraps_onto_a_line_of_its_own(page: Page, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    results = page.evaluate(SAME_LINE)
    assert results and all(results), f"{results.count(False)} groupes séparés de leur mot sur {path} à {width} px"


def test_a_note_reads_in_place_with_the_keyboard(page: Page, site_url):
    page.goto(site_url, wait_until="networkidle")
    call = page.locator(".chapo .footnote-ref").first
    target = call.get_attribute("href")
    title = page.locator(f"li[id='{target[1:]}'] a").first.inner_text()
    call.focus()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(title[:30])
