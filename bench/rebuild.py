"""One process rebuilding a site the way `mkdocs serve` does, after an edit, N times.

    python bench/rebuild.py CONFIG FILE OLD NEW N [dirty]

Before each build, FILE gets OLD replaced by NEW (or back), then the config is loaded again and
the site rebuilt, as `mkdocs serve` does after a save (`dirty`: as `mkdocs serve --dirty`, which
`make serve` runs, does). A first build warms the process up and is
not counted. Prints the N build times, in seconds, as a JSON list.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main(config_file: str, edited: str, old: str, new: str, runs: int, dirty: bool = False) -> list[float]:
    logging.disable(logging.WARNING)
    path = Path(edited)
    original = path.read_text(encoding="utf-8")
    if old not in original:
        raise SystemExit(f"{edited} : « {old} » introuvable")
    site = Path(config_file).parent / "build" / "bench-site"
    times = []
    try:
        for run in range(runs + 1):
            path.write_text(original.replace(old, new) if run % 2 else original, encoding="utf-8")
            start = time.perf_counter()
            config = load_config(config_file, site_dir=str(site))
            config.plugins.on_startup(command="serve", dirty=dirty)
            build(config, serve_url=None, dirty=dirty)
            if run:
                times.append(time.perf_counter() - start)
    finally:
        path.write_text(original, encoding="utf-8")
    return times


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:5], int(sys.argv[5]), sys.argv[6:] == ["dirty"])))
