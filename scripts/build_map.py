"""Build data/map.json, the region map, from Natural Earth's 1:110m countries (public domain).

The shapes come from the npm package `world-atlas` (TopoJSON). This script is run by hand
(`make map`) when the map must change; the build itself reads only the committed data/map.json,
so it needs neither network nor Node.

    python scripts/build_map.py [countries-110m.json]

Without an argument it fetches world-atlas with `npm pack` into a temporary folder.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "map.json"

# Natural Earth / ISO 3166 numeric codes of the states the site speaks of.
STATES = {
    "051": "armenie",
    "112": "bielorussie",
    "398": "kazakhstan",
    "417": "kirghizstan",
    "643": "russie",
    "762": "tadjikistan",
    "031": "azerbaidjan",
    "268": "georgie",
    "860": "ouzbekistan",
}
MAIN = {"lon": (20.0, 190.0), "lat": (34.0, 78.0), "width": 1000}
# Natural Earth 1:110m draws Crimea inside Russia's shape; this map keeps it with Ukraine.
CRIMEA = {"from": "643", "to": "804", "lon": (32.0, 37.0), "lat": (44.0, 46.5)}
INSET = {"lon": (39.0, 51.5), "lat": (38.3, 44.0), "width": 330, "codes": {"051", "031", "268"}}
TOLERANCE = 1.2  # Douglas–Peucker tolerance, in output units


def load_topology(path: Path | None) -> dict:
    if path:
        return json.loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
        archive = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(archive) as tar:
            return json.load(tar.extractfile("package/countries-110m.json"))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        polys = [[ring(r, arcs) for r in geometry["arcs"]]]
    elif geometry["type"] == "MultiPolygon":
        polys = [[ring(r, arcs) for r in poly] for poly in geometry["arcs"]]
    else:
        return []
    return [[unwrap(r) for r in poly] for poly in polys]


def unwrap(points):
    """A ring that crosses the antimeridian (eastern Russia) is moved east of 180° in one piece."""
    if min(x for x, _ in points) < -170 and max(x for x, _ in points) > 170:
        return [(x + 360 if x < 0 else x, y) for x, y in points]
    return points


def inside(poly, box) -> bool:
    xs = [x for x, _ in poly[0]]
    ys = [y for _, y in poly[0]]
    return (
        box["lon"][0] <= min(xs)
        and max(xs) <= box["lon"][1]
        and box["lat"][0] <= min(ys)
        and max(ys) <= box["lat"][1]
    )


def clip(points, box):
    """Sutherland–Hodgman clipping of a ring to a lon/lat rectangle."""
    (x0, x1), (y0, y1) = box["lon"], box["lat"]
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ]
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def projector(box):
    (x0, x1), (y0, y1) = box["lon"], box["lat"]
    k = math.cos(math.radians((y0 + y1) / 2))
    scale = box["width"] / ((x1 - x0) * k)
    height = (y1 - y0) * scale
    return (lambda p: ((p[0] - x0) * k * scale, (y1 - p[1]) * scale)), round(height)


def simplify(points, tolerance):
    """Douglas–Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (ax, ay), (bx, by) = points[start], points[end]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, None
        for i in range(start + 1, end):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:  # a closed ring: measure from its starting point
                distance = math.hypot(px - ax, py - ay)
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def path(polys, box, tolerance) -> tuple[str, list]:
    project, _ = projector(box)
    parts, kept = [], []
    for poly in polys:
        for r in poly:
            clipped = clip(r, box)
            if len(clipped) < 3:
                continue
            projected = simplify([project(p) for p in clipped], tolerance)
            points = [(round(x), round(y)) for x, y in projected]
            points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(points) < 3:
                continue
            kept.append(points)
            parts.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
    return "".join(parts), kept


def label_point(rings) -> list[int] | None:
    """Centroid of the largest ring: where a state's name goes."""
    best, area_best = None, 0.0
    for points in rings:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(area) > abs(area_best):
            area_best, best = area, [round(cx / (3 * area)), round(cy / (3 * area))]
    return best


def main() -> None:
    topology = load_topology(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    arcs = decode_arcs(topology)
    out = {
        "source": f"Natural Earth 1:110m, paquet npm {PACKAGE} (domaine public), "
        "découpé et simplifié par scripts/build_map.py",
        "main": {"width": MAIN["width"], "height": projector(MAIN)[1], "countries": []},
        "inset": {"width": INSET["width"], "height": projector(INSET)[1], "countries": []},
    }
    geometries = topology["objects"]["countries"]["geometries"]
    shapes = {g.get("id"): polygons(g, arcs) for g in geometries}
    moved = [p for p in shapes[CRIMEA["from"]] if inside(p, CRIMEA)]
    shapes[CRIMEA["from"]] = [p for p in shapes[CRIMEA["from"]] if not inside(p, CRIMEA)]
    shapes[CRIMEA["to"]] = shapes[CRIMEA["to"]] + moved
    for geometry in geometries:
        code = geometry.get("id")
        polys = shapes[code]
        for key, box in (("main", MAIN), ("inset", INSET)):
            if key == "inset" and code not in INSET["codes"] | {"364", "792"}:  # + Iran, Turkey for context
                continue
            d, rings = path(polys, box, TOLERANCE if key == "main" else TOLERANCE / 3)
            if d:
                out[key]["countries"].append(
                    {
                        "code": code,
                        "name": geometry["properties"]["name"],
                        "state": STATES.get(code),
                        "label": label_point(rings) if code in STATES else None,
                        "d": d,
                    }
                )
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"{OUT.relative_to(ROOT)} : {OUT.stat().st_size} octets, "
        f"{len(out['main']['countries'])} pays, encart {len(out['inset']['countries'])}"
    )


if __name__ == "__main__":
    main()
