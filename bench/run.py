"""`make bench`: what the site costs editors and readers, measured side by side in one run.

Writes bench/results/latest.json and latest.md, and the summary table into README.md between
the bench markers. Every measure runs on copies of the project in a temporary folder: the
working tree is never touched. Needs Debian's Chromium (page weight); the Makefile installs it.

    a. hooks' cost: rebuilds in one process after an edit, as `mkdocs serve` does, ours against
       plain MkDocs on the pages exported by `make export`; cold builds (`mkdocs build --strict`),
       likewise; runs alternate between the two so that the machine's drift hits both;
    b. scale: the data multiplied 1×, 10× and 100× (bench/multiply.py): cold build time and
       search index size at each step, and the cost per item of each step;
    c. live reload: from saving a YAML file to `mkdocs serve` serving the new page;
    d. weight: every page's first load in Chromium, bytes as a static host compresses them
       (gzip, level 6) and requests, to this host and to others;
    e. `make check-data` alone.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
EDIT = ("Sommet anniversaire à Moscou", "Sommet des trente ans à Moscou")  # a timeline title
EDITED_PAGE = "chronologie-kazakhstan-armenie.md"  # the period page that shows it
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
BUDGET_KIB = 80

sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))
from devtools import CHROMIUM, CHROMIUM_FLAGS, fetch, free_port  # noqa: E402
from devtools import copy_project as copy  # noqa: E402
from multiply import multiply  # noqa: E402
from serve_compressed import serve  # noqa: E402


def median(values: list[float]) -> float:
    return statistics.median(values)


def copy_project(target: Path, factor: int = 1) -> Path:
    copy(target)
    if factor > 1:
        multiply(target / "data", factor)
    return target


def export(project: Path, target: Path) -> Path:
    run([str(BIN / "python"), "-m", "otsc_site", "--root", str(project), "export", str(target)])
    return target


def run(args: list[str], cwd: Path | None = None) -> tuple[float, str]:
    """Seconds the command took, and what it printed."""
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"échec de {' '.join(args)} :\n{result.stderr[-3000:]}")
    return time.perf_counter() - start, result.stdout


def cold_build(project: Path) -> float:
    return run(
        [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(project / "site")],
        cwd=project,
    )[0]


# ---------------------------------------------------------------- a. hooks' cost


def rebuilds(ours: Path, plain: Path, rounds: int = 3, per_round: int = 4) -> dict:
    times: dict[str, list[float]] = {"ours": [], "plain": []}
    for _ in range(rounds):
        for side, project, edited in (
            ("ours", ours, ours / "data" / "timeline.yml"),
            ("plain", plain, plain / "docs" / EDITED_PAGE),
        ):
            out = subprocess.run(
                [
                    str(BIN / "python"),
                    str(ROOT / "bench" / "rebuild.py"),
                    str(project / "mkdocs.yml"),
                    str(edited),
                    *EDIT,
                    str(per_round),
                    *(["dirty"] if side == "ours" else []),  # as `make serve`; MkDocs alone as `mkdocs serve`
                ],
                env=ENV,
                capture_output=True,
                text=True,
            )
            if out.returncode:
                raise SystemExit(out.stderr[-3000:])
            times[side] += json.loads(out.stdout)
    return summary(times)


def cold_builds(ours: Path, plain: Path, runs: int = 5) -> dict:
    shutil.rmtree(ours / "build" / "cache", ignore_errors=True)  # `export` (for MkDocs alone) filled it
    first = {"ours": cold_build(ours), "plain": cold_build(plain)}  # empty caches, as on a fresh clone
    times: dict[str, list[float]] = {"ours": [], "plain": []}
    for _ in range(runs):
        times["ours"].append(cold_build(ours))
        times["plain"].append(cold_build(plain))
    return {
        **summary(times),
        "first_ours_s": round(first["ours"], 3),
        "first_plain_s": round(first["plain"], 3),
        "first_ratio": round(first["ours"] / first["plain"], 3),
    }


def summary(times: dict[str, list[float]]) -> dict:
    ours, plain = median(times["ours"]), median(times["plain"])
    return {
        "ours_s": round(ours, 3),
        "plain_s": round(plain, 3),
        "ratio": round(ours / plain, 3),
        "runs": len(times["ours"]),
        "all_ours_s": [round(t, 3) for t in times["ours"]],
        "all_plain_s": [round(t, 3) for t in times["plain"]],
    }


# ---------------------------------------------------------------- b. scale


def scale(workdir: Path) -> dict:
    steps = []
    for factor in (1, 10, 100):
        project = copy_project(workdir / f"x{factor}", factor)
        check, said = run([str(BIN / "python"), "-m", "otsc_site", "--root", str(project), "check"])
        cold_build(project)  # fills the template caches, as any earlier build would have
        # Five runs at 1× and 10×, three at 100× (one run varied by 6 s): the growth ratio divides
        # two differences, and half a second on the 10 s build at 10× moved it from 1.06 to 1.19.
        build = median([cold_build(project) for _ in range(5 if factor < 100 else 3)])
        # « Données valides : 214 sources, 63 événements, 9 États (…) »
        sources, events, states = (int(n) for n in re.findall(r"(\d+) (?:sources|événements|États)", said))
        counts = {"events": events, "sources": sources, "states": states}
        index = (project / "site" / "search" / "search_index.json").read_bytes()
        fullest, entries = fullest_page(project / "site")
        steps.append(
            {
                "factor": factor,
                **counts,
                "items": sum(counts.values()),
                "build_s": round(build, 3),
                "check_s": round(check, 3),
                "index_kib": round(len(index) / 1024, 1),
                "index_gzip_kib": round(len(gzip.compress(index, 6)) / 1024, 1),
                "site_mib": round(folder_size(project / "site") / 2**20, 2),
                "pages": sum(1 for _ in (project / "site").glob("**/index.html")),
                "fullest_page": fullest,
                "fullest_entries": entries,
            }
        )
        shutil.rmtree(project)
    one, ten, hundred = steps
    per_item_1_10 = (ten["build_s"] - one["build_s"]) / (ten["items"] - one["items"])
    per_item_10_100 = (hundred["build_s"] - ten["build_s"]) / (hundred["items"] - ten["items"])
    return {
        "steps": steps,
        "ms_per_item_1_10": round(per_item_1_10 * 1000, 2),
        "ms_per_item_10_100": round(per_item_10_100 * 1000, 2),
        "growth_ratio": round(per_item_10_100 / per_item_1_10, 3),
    }


ENTRY = re.compile(r'<article class="evenement|<li><span id="|<tr>')
FOLDED = re.compile(r"<details\b.*?</details>", re.S)  # « Les sources divergent » under an event or a state


def fullest_page(site: Path) -> tuple[str, int]:
    """The page with the most entries (events, sources, table rows), and how many. A table folded
    into an entry (the sources' versions of a contested fact, shown on demand) is part of that entry."""
    counts = {
        "/" + str(p.parent.relative_to(site)).replace(".", "") + "/": len(
            ENTRY.findall(FOLDED.sub("", p.read_text(encoding="utf-8")))
        )
        for p in site.glob("**/index.html")
    }
    page = max(counts, key=counts.get)
    return page.replace("//", "/"), counts[page]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------- c. live reload


def live_reload(project: Path, edits: int = 7) -> dict:
    port = free_port()
    log = (project / "serve.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],  # as `make serve`
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
    )
    url = f"http://127.0.0.1:{port}/{EDITED_PAGE.removesuffix('.md')}/"
    timeline = project / "data" / "timeline.yml"
    original = timeline.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.monotonic() + 60
        while EDIT[0] not in fetch(url).replace("’", "'"):
            if time.monotonic() > deadline:
                raise SystemExit((project / "serve.log").read_text())
            time.sleep(0.1)
        time.sleep(1)
        for n in range(edits):
            marker = f"Sommet anniversaire numéro {n} à Moscou"
            timeline.write_text(original.replace(EDIT[0], marker), encoding="utf-8")
            start = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - start > 30:
                    raise SystemExit((project / "serve.log").read_text())
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    return {
        "median_s": round(median(times), 3),
        "max_s": round(max(times), 3),
        "runs": len(times),
        "all_s": [round(t, 3) for t in times],
    }


# ---------------------------------------------------------------- d. weight


def weight(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server = serve(str(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = sorted(
        str(p.parent.relative_to(site)).replace(".", "")
        for p in site.glob("**/index.html")
        if p.parent.name not in ("404", "search")
    )
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
        )
        for page_path in pages:
            rows.append(_first_load(browser, base, site, page_path.strip("/") + "/" if page_path else ""))
        search = _first_load(browser, base, site, "", open_search=True)
        browser.close()
    server.shutdown()
    heaviest = max(rows, key=lambda r: r["gzip_bytes"])
    return {
        "pages": rows,
        "heaviest": heaviest["page"],
        "heaviest_kib": heaviest["kib"],
        "over_budget": [r["page"] for r in rows if r["kib"] > BUDGET_KIB],
        "foreign_requests": sum(r["foreign"] for r in rows),
        "search_opened_extra_kib": round(search["kib"] - next(r["kib"] for r in rows if r["page"] == "/"), 1),
        "site_mib": round(folder_size(site) / 2**20, 2),
    }


def _first_load(browser, base: str, site: Path, path: str, open_search: bool = False) -> dict:
    context = browser.new_context()
    urls: list[str] = []
    context.on("request", lambda r: urls.append(r.url))
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    if open_search:
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("otsc")
        page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(300)
    context.close()
    local = [u for u in urls if u.startswith(base)]
    compressed = raw = 0
    for url in local:
        file = site / urlsplit(url).path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        body = file.read_bytes()
        raw += len(body)
        compressed += len(gzip.compress(body, 6)) if file.suffix in COMPRESSIBLE else len(body)
    return {
        "page": "/" + path,
        "requests": len(local),
        "foreign": len(urls) - len(local) - _data_urls(urls),
        "raw_bytes": raw,
        "gzip_bytes": compressed,
        "kib": round(compressed / 1024, 1),
    }


def _data_urls(urls: list[str]) -> int:
    return sum(1 for u in urls if u.startswith("data:"))


# ---------------------------------------------------------------- e. check-data


def check_data(runs: int = 5) -> dict:
    times = [
        run([str(BIN / "python"), "-m", "otsc_site", "--root", str(ROOT), "check"])[0] for _ in range(runs)
    ]
    return {"median_s": round(median(times), 3), "runs": runs}


# ---------------------------------------------------------------- report


def machine() -> dict:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    import material
    import mkdocs

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "mkdocs": mkdocs.__version__,
        "material": material.__version__,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def budgets(r: dict) -> list[dict]:
    s = r["scale"]
    return [
        {
            "mesure": "Reconstruction sous `make serve` après une modification, ÷ MkDocs seul",
            "valeur": f"{r['rebuild']['ratio']:.2f} ×",
            "budget": "≤ 1,10 ×",
            "tenu": r["rebuild"]["ratio"] <= 1.10,
        },
        {
            "mesure": "`make build` dans un nouveau processus ÷ MkDocs seul "
            "(caches disque pleins ; caches vides)",
            "valeur": f"{r['cold']['ratio']:.2f} × ; {r['cold']['first_ratio']:.2f} ×",
            "budget": "≤ 1,25 ×",
            "tenu": max(r["cold"]["ratio"], r["cold"]["first_ratio"]) <= 1.25,
        },
        {
            "mesure": "Coût par élément de 10× à 100× ÷ de 1× à 10×",
            "valeur": f"{s['growth_ratio']:.2f}",
            "budget": "≤ 1,10",
            "tenu": s["growth_ratio"] <= 1.10,
        },
        {
            "mesure": f"Entrées sur une page à 100× (la plus pleine : {s['steps'][-1]['fullest_page']})",
            "valeur": str(s["steps"][-1]["fullest_entries"]),
            "budget": "≤ 500 environ",
            "tenu": s["steps"][-1]["fullest_entries"] <= 500,
        },
        {
            "mesure": "Enregistrement d'un YAML → page servie à jour (médiane ; pire cas)",
            "valeur": f"{r['live_reload']['median_s']:.2f} s ; {r['live_reload']['max_s']:.2f} s",
            "budget": "≤ 1 s",
            "tenu": r["live_reload"]["max_s"] <= 1.0,
        },
        {
            "mesure": f"Premier chargement, page la plus lourde ({r['weight']['heaviest']})",
            "valeur": f"{r['weight']['heaviest_kib']:.1f} Kio",
            "budget": f"≤ {BUDGET_KIB} Kio",
            "tenu": not r["weight"]["over_budget"],
        },
        {
            "mesure": "Requêtes vers un autre hôte (toutes pages)",
            "valeur": str(r["weight"]["foreign_requests"]),
            "budget": "0",
            "tenu": r["weight"]["foreign_requests"] == 0,
        },
    ]


def fr(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def markdown(r: dict) -> str:
    m = r["machine"]
    lines = [
        f"Mesuré le {m['date']} sur {m['cpu']} ({m['cores']} cœurs), Python {m['python']}, "
        f"MkDocs {m['mkdocs']}, Material {m['material']}. Commande : `make bench` "
        f"({fr(r['duration_s'] / 60, 1)} min).",
        "",
        "| Mesure | Valeur | Budget | Tenu |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {b['mesure']} | {b['valeur'].replace('.', ',')} | {b['budget']} | "
        f"{'oui' if b['tenu'] else '**non**'} |"
        for b in r["budgets"]
    ]
    rb, cold = r["rebuild"], r["cold"]
    lines += [
        "",
        f"Reconstruction (médiane de {rb['runs']}) : la nôtre {fr(rb['ours_s'])} s, MkDocs seul "
        f"{fr(rb['plain_s'])} s. "
        f"À froid (médiane de {cold['runs']}) : {fr(cold['ours_s'])} s contre {fr(cold['plain_s'])} s ; "
        f"toute première construction, caches vides : {fr(cold['first_ours_s'])} s contre "
        f"{fr(cold['first_plain_s'])} s. "
        f"`make check-data` seul : {fr(r['check_data']['median_s'])} s.",
        "",
        "| Données | Événements | Sources | États | Construction | Pages | Page la plus pleine (entrées) | "
        "Index de recherche (gzip) | `site/` |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {s['factor']}× | {s['events']} | {s['sources']} | {s['states']} | {fr(s['build_s'])} s | "
        f"{s['pages']} | "
        f"`{s['fullest_page']}` ({s['fullest_entries']}) | "
        f"{fr(s['index_kib'], 0)} Kio ({fr(s['index_gzip_kib'], 0)}) | {fr(s['site_mib'])} Mio |"
        for s in r["scale"]["steps"]
    ]
    lines += [
        "",
        f"Coût par élément : {fr(r['scale']['ms_per_item_1_10'])} ms de 1× à 10×, "
        f"{fr(r['scale']['ms_per_item_10_100'])} ms de 10× à 100×.",
        "",
        "| Page | Requêtes | Octets (bruts) | Octets (gzip -6) |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{p['page']}` | {p['requests']} | {fr(p['raw_bytes'] / 1024, 1)} Kio | {fr(p['kib'], 1)} Kio |"
        for p in r["weight"]["pages"]
    ]
    lines += [
        "",
        f"Ouvrir la recherche ajoute {fr(r['weight']['search_opened_extra_kib'], 1)} Kio (index, worker, "
        "lunr), "
        f"chargés seulement à ce moment. `site/` : {fr(r['weight']['site_mib'])} Mio, contre "
        f"{fr(r['plain_site_mib'])} Mio pour MkDocs seul (cartes de sources et langues de recherche "
        "inutiles comprises).",
    ]
    return "\n".join(lines) + "\n"


def write_readme(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        text = re.sub(
            re.escape(start) + ".*?" + re.escape(end), lambda _: f"{start}\n{table}{end}", text, flags=re.S
        )
        readme.write_text(text, encoding="utf-8")


def main() -> None:
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="otsc-bench-") as tmp:
        work = Path(tmp)
        ours = copy_project(work / "ours")
        plain = export(ours, work / "plain")
        print("a. reconstructions…", flush=True)
        result: dict = {
            "machine": machine(),
            "rebuild": rebuilds(ours, plain),
            "cold": cold_builds(ours, plain),
        }
        result["plain_site_mib"] = round(folder_size(plain / "site") / 2**20, 2)
        print("d. poids des pages…", flush=True)
        result["weight"] = weight(ours / "site")
        print("c. rechargement…", flush=True)
        result["live_reload"] = live_reload(copy_project(work / "serve"))
        print("e. check-data…", flush=True)
        result["check_data"] = check_data()
        print("b. échelle 1×, 10×, 100×…", flush=True)
        result["scale"] = scale(work)
    result["duration_s"] = round(time.perf_counter() - began, 1)
    result["budgets"] = budgets(result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    table = markdown(result)
    (RESULTS / "latest.md").write_text("# `make bench` : dernier passage\n\n" + table, encoding="utf-8")
    write_readme(table)
    print(table)


if __name__ == "__main__":
    main()
