"""Ship only what readers load: Material copies source maps and every search language into site/."""

from __future__ import annotations

from pathlib import Path

# The French search loads these two files, and no other lunr file.
KEEP_LUNR = {"lunr.stemmer.support.min.js", "lunr.fr.min.js"}


def trim_site(site: Path) -> int:
    """Delete the source maps and the unused lunr languages; return the bytes saved."""
    doomed = list(site.glob("assets/**/*.map"))
    lunr = site / "assets/javascripts/lunr"
    doomed += [p for p in lunr.glob("min/*.js") if p.name not in KEEP_LUNR]
    doomed += [p for p in lunr.glob("*.js")]  # tinyseg, wordcut: Japanese and Thai segmenters
    saved = sum(p.stat().st_size for p in doomed)
    for path in doomed:
        path.unlink()
    return saved
