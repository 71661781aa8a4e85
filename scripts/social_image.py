"""Draw docs/images/partage.png (1200 × 630), the picture shown when a page is shared.

    .venv/bin/python scripts/social_image.py

Run once and commit the picture: the build never needs the network nor a browser for it.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CARD = """<!doctype html><html lang="fr"><meta charset="utf-8"><style>
body { margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column;
       justify-content: center; padding: 0 90px; box-sizing: border-box; background: #303f9f; color: #fff;
       font-family: "DejaVu Sans", sans-serif; }
h1 { font-size: 84px; margin: 0 0 24px; letter-spacing: -1px; }
p { font-size: 38px; line-height: 1.35; margin: 0; max-width: 960px; color: #e8eaf6; }
small { display: block; margin-top: 48px; font-size: 28px; color: #c5cae9; }
</style><h1>L’OTSC expliquée</h1>
<p>L’Organisation du traité de sécurité collective, l’alliance militaire menée par la Russie&nbsp;:
traité, membres, décisions, interventions.</p><small>Chaque fait daté et sourcé · CC BY 4.0</small></html>"""

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
    )
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    page.set_content(CARD)
    page.screenshot(path=str(ROOT / "docs" / "images" / "partage.png"))
    browser.close()
