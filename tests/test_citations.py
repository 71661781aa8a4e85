"""Compact citations: the notes after a sentence read as one group, glued to the word before them,
and a note can be read in place, with the mouse or the keyboard. That no group of calls wraps onto a
line of its own is measured on every page at 390 and 1366 px (test_every_page.py, SAME_LINE)."""

from __future__ import annotations

import re

import pytest
from conftest import PAGES
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("path", [p for p in PAGES if p not in ("donnees/", "a-propos/", "accessibilite/")])
def test_consecutive_note_calls_are_one_group_glued_to_the_previous_word(built_site, path):
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    if '<div class="footnote"' not in html:  # a list of sources that cites none
        assert path.startswith("sources-") and 'class="footnote-ref"' not in html
        return
    content = html[html.index('<article class="md-content__inner') : html.index('<div class="footnote"')]
    calls = re.findall(r'<sup id="fnref', content)
    grouped = re.findall(
        r'<span class="appels">((?:<sup id="fnref[^>]*><a[^>]*>\d+</a></sup>)+)</span>', content
    )
    assert calls and len(calls) == sum(g.count("<sup") for g in grouped)
    assert content.count('\u2060<span class="appels">') == len(grouped)


def test_a_note_reads_in_place_with_the_keyboard_and_the_mouse(page: Page, site_url):
    """otsc.js shows the note in a bubble on focus or hover: nothing is built at load, the bubble
    can be hovered (WCAG 1.4.13), Escape closes it, and the call says what describes it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "fonctionnement/", wait_until="networkidle")
    assert page.locator("#bulle-note").count() == 0  # nothing at load
    calls = page.locator("article .footnote-ref")
    call = calls.first
    target = call.get_attribute("href")
    title = page.locator(f"li[id='{target[1:]}'] a").first.inner_text()
    call.focus()
    bubble = page.locator("#bulle-note")
    expect(bubble).to_be_visible()
    expect(bubble).to_contain_text(title[:30])
    assert call.get_attribute("aria-describedby") == "bulle-note"
    assert bubble.locator(".footnote-backref, [id]").count() == 0  # no back link, no duplicate id
    box, width = bubble.bounding_box(), page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box  # within a phone's screen
    page.keyboard.press("Escape")
    expect(bubble).to_be_hidden()
    assert call.get_attribute("aria-describedby") is None

    other = calls.nth(5)
    other.scroll_into_view_if_needed()
    other.hover()
    expect(bubble).to_be_visible()
    expect(bubble).to_contain_text(
        page.locator(f"li[id='{other.get_attribute('href')[1:]}'] a").first.inner_text()[:30]
    )
    target_box = bubble.bounding_box()  # from the call to the bubble, across what lies between: it stays
    page.mouse.move(
        target_box["x"] + target_box["width"] / 2, target_box["y"] + target_box["height"] / 2, steps=12
    )
    page.wait_for_timeout(500)
    expect(bubble).to_be_visible()
    page.locator("h1").hover()
    expect(bubble).to_be_hidden()
