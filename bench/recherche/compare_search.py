"""Run the reader queries of queries.py in Debian's Chromium against one or more built sites.

    .venv/bin/python bench/recherche/compare_search.py a=SITE_A b=SITE_B [--out results.json]

(make build, then copy site/ to SITE_A; build again with the other search settings into SITE_B.)

Each site is served by a local http.server; the queries are typed in Material's search box as the
project's browser tests do (fill, then End: Material searches on a key going up), and the list is
read once its links carry the final query as `?h=`. For each query and site it records:

- `pages`: the distinct pages of the result list, in order (sections folded into their page);
- `rank`: the 1-based rank of the first expected page among them (None if absent), `ok`: rank <= 5;
- `count`: the number Material shows (« N documents trouvés »);
- `marks_list`: <mark> elements in the result item of the expected page (highlight in the list);
- `marks_page`: <mark> elements in the article once the expected page is opened from that result
  (its `?h=` link), i.e. Material's on-page highlighting.

One Chromium at a time, the sites one after the other.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # the project
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))
from devtools import CHROMIUM, CHROMIUM_FLAGS, static_server  # noqa: E402
from queries import QUERIES  # noqa: E402

META_DONE = re.compile(r"(\d+ documents? trouvés?|Aucun document trouvé)")


def separator(site: Path) -> str:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"][
        "separator"
    ]


def read_list(page: Page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
            hrefs: [...li.querySelectorAll(':scope > a, a.md-search-result__link')]
              .map(a => a.getAttribute('href')),
            marks: li.querySelectorAll('mark').length}))"""
    )


def search(page: Page, query: str, sep: str) -> dict:
    page.keyboard.press("Escape")
    field = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    field.click()
    # Empty the list first (placeholder shown), so that any list read afterwards is this query's.
    field.fill("")
    field.press("End")
    for _ in range(50):
        if "Taper pour démarrer" in meta.inner_text():
            break
        page.wait_for_timeout(100)
    field.fill(query)
    field.press("End")  # Material searches on a key going up: once, for the whole query
    words = set(w for w in re.split(sep, query.lower()) if w)
    items: list[dict] = []
    text = ""
    previous = None
    for _ in range(80):  # 8 s at most
        page.wait_for_timeout(100)
        text = meta.inner_text()
        if not META_DONE.search(text):
            continue
        items = read_list(page)
        snapshot = (text, json.dumps(items))
        if snapshot == previous:  # the same list twice in a row: rendered
            break
        previous = snapshot
    m = re.search(r"\d+", text)
    count = int(m.group()) if m and not text.startswith("Aucun") else 0
    pages: list[str] = []
    first_item: dict[str, dict] = {}
    h_values = set()
    for it in items:
        if not it["hrefs"]:
            continue
        for h in it["hrefs"]:
            h_values.update(parse_qs(urlsplit(h).query).get("h", [""]))
        path = urlsplit(it["hrefs"][0]).path
        if path not in first_item:
            first_item[path] = it
            pages.append(path)
    # Check: every `?h=` of the list names only words of this query (Material keeps the matched ones).
    consistent = all(set(h.split()) <= words for h in h_values)
    return {"pages": pages, "items": first_item, "count": count, "settled": consistent, "meta": text}


def page_marks(page: Page, url: str) -> int:
    page.goto(url, wait_until="networkidle")
    for _ in range(30):
        n = page.locator("article mark").count()
        if n:
            return n
        page.wait_for_timeout(100)
    return 0


def run_site(browser, site: Path, base_url: str) -> list[dict]:
    sep = separator(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(base_url + "/", wait_until="networkidle")
    rows = []
    for category, query, expected in QUERIES:
        r = search(page, query, sep)
        rank = next((i + 1 for i, p in enumerate(r["pages"]) if p in expected), None)
        hit = r["pages"][rank - 1] if rank else None
        item = r["items"].get(hit) if hit else None
        rows.append(
            {
                "category": category,
                "query": query,
                "expected": expected,
                "ok": bool(rank and rank <= 5),
                "rank": rank,
                "count": r["count"],
                "top5": r["pages"][:5],
                "pages": r["pages"],
                "hit": hit,
                "hit_href": item["hrefs"][0] if item else None,
                "marks_list": item["marks"] if item else None,
                "settled": r["settled"],
            }
        )
    # Open the expected page from its result link (?h=…): Material's on-page highlighting.
    for row in rows:
        if row["hit_href"]:
            row["marks_page"] = page_marks(page, urljoin(base_url + "/", row["hit_href"]))
        else:
            row["marks_page"] = None
    context.close()
    if errors:
        print(f"  console errors on {site}: {errors[:5]}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sites", nargs="+", help="name=path/to/site")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args()
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for spec in args.sites:
            name, path = spec.split("=", 1)
            site = Path(path).resolve()
            server, url = static_server(site)
            t = time.monotonic()
            try:
                results[name] = run_site(browser, site, url.rstrip("/"))
            finally:
                server.shutdown()
            ok = sum(r["ok"] for r in results[name])
            print(f"{name}: {ok}/{len(results[name])} in {time.monotonic() - t:.0f} s", file=sys.stderr)
        browser.close()
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
