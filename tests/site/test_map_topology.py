"""The map outlines (data/geo/csto_region.geojson): valid, small, complete, and neighbours share one border.

tools/build_map.py simplifies each TopoJSON arc once, so two countries that share a border use the identical
vertices. If outlines were simplified one country at a time, each side of a border would drop different vertices:
the fills would overlap in slivers and leave gaps. These tests catch that without any geometry library.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEOJSON = ROOT / "data" / "geo" / "csto_region.geojson"
# Degrees: a vertex this close to a neighbour's outline lies on their common border. Just over the rounding error of
# a vertex (half the diagonal of a 0.01 degree cell, 0.00707); 0.02 would also flag real geography where a coast
# leaves a border at a sharp angle (the Volga delta at KAZ/RUS, the Curonian Spit at LTU/RUS).
NEAR = 0.0075
CELL = 0.5  # degrees: grid cell of the segment index


@pytest.fixture(scope="module")
def geo() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def _rings(feature: dict):
    for polygon in feature["geometry"]["coordinates"]:
        for number, ring in enumerate(polygon):
            yield number, ring


def _drawn(feature: dict):
    """Rings as the course draws them (csto/charts/maps.py ``_outline``): Russia's far east moved past 180 degrees
    east."""
    for _, ring in _rings(feature):
        yield [(x + 360 if x < -100 and feature["id"] == "RUS" else x, y) for x, y in ring]


def _segments(feature: dict):
    for ring in _drawn(feature):
        yield from zip(ring, ring[1:])


def _cells(a, b, margin: float = 0.0):
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    for gx in range(int((x0 - margin) // CELL), int((x1 + margin) // CELL) + 1):
        for gy in range(int((y0 - margin) // CELL), int((y1 + margin) // CELL) + 1):
            yield gx, gy


def _index(geo: dict) -> dict:
    """Grid cell -> [(country, segment)] for all outlines."""
    grid = defaultdict(list)
    for feature in geo["features"]:
        for segment in _segments(feature):
            for cell in _cells(*segment):
                grid[cell].append((feature["id"], segment))
    return grid


def _distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def _side(a, b, c) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def border_mismatches(geo: dict) -> list[str]:
    """Vertices of one country lying on a neighbour's outline (within NEAR) that are not vertices of that neighbour."""
    grid = _index(geo)
    vertices = {f["id"]: {p for ring in _drawn(f) for p in ring} for f in geo["features"]}
    problems = []
    for feature in geo["features"]:
        own = feature["id"]
        for p in sorted(vertices[own]):
            near = {other for cell in _cells(p, p, NEAR) for other, (a, b) in grid.get(cell, ())
                    if other != own and p not in vertices[other] and _distance(p, a, b) <= NEAR}
            problems += [f"{own} vertex {p} lies on the outline of {other} but is not one of its vertices"
                         for other in sorted(near)]
    return problems


def outline_crossings(geo: dict) -> list[str]:
    """Edges of two different countries that cross: their fills overlap there (a sliver)."""
    grid = _index(geo)
    found = set()
    for entries in grid.values():
        for n, (c1, (p1, p2)) in enumerate(entries):
            for c2, (q1, q2) in entries[n + 1:]:
                if c1 != c2 and (_side(p1, p2, q1) * _side(p1, p2, q2) < 0
                                 and _side(q1, q2, p1) * _side(q1, q2, p2) < 0):
                    found.add(f"{min(c1, c2)}/{max(c1, c2)}: {p1}-{p2} crosses {q1}-{q2}")
    return sorted(found)


def overlap_areas(geo: dict) -> dict[tuple[str, str], float]:
    """Area (square degrees) where the fills of two countries overlap, measured on scanlines every 0.01 degree.

    Scanlines run half-way between the rounded latitudes, so they never pass through a vertex; where two countries
    share an edge, both compute the identical crossing point (from the same end points in the same order), so
    countries that only touch overlap by exactly 0. Catches slivers that meet the neighbour only at vertices.
    """
    crossings: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for feature in geo["features"]:
        for a, b in _segments(feature):
            ya, yb = round(a[1] * 100), round(b[1] * 100)
            if ya > yb:
                a, b, ya, yb = b, a, yb, ya
            for row in range(ya, yb):  # scanline at latitude (row + 0.5) / 100
                crossings[row][feature["id"]].append(a[0] + (row + 0.5 - ya) / (yb - ya) * (b[0] - a[0]))
    areas: dict[tuple[str, str], float] = defaultdict(float)
    for row, by_country in crossings.items():
        spans = []
        for country, xs in by_country.items():
            assert len(xs) % 2 == 0, f"{country}: an outline is not closed at latitude {(row + 0.5) / 100}"
            xs.sort()
            spans += [(xs[i], xs[i + 1], country) for i in range(0, len(xs), 2)]
        spans.sort()
        end, owner = float("-inf"), None
        for start, stop, country in spans:
            if start < end and country != owner:
                areas[tuple(sorted((country, owner)))] += (min(stop, end) - start) * 0.01
            if stop > end:
                end, owner = stop, country
    return dict(areas)


def test_map_is_valid_geojson_small_rounded_and_complete(geo):
    assert GEOJSON.stat().st_size < 150_000, f"{GEOJSON.stat().st_size} bytes"
    assert geo["type"] == "FeatureCollection"
    ids = [f["id"] for f in geo["features"]]
    assert len(ids) == len(set(ids))
    with (ROOT / "data" / "countries.csv").open(encoding="utf-8") as handle:
        missing = {row["iso3"] for row in csv.DictReader(handle)} - set(ids)
    assert not missing, f"countries.csv codes without an outline: {sorted(missing)}"
    for feature in geo["features"]:
        assert feature["type"] == "Feature" and feature["properties"]["iso3"] == feature["id"]
        assert feature["geometry"]["type"] == "MultiPolygon"
        for number, ring in _rings(feature):
            assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring), feature["id"]
            assert all(round(x, 2) == x and round(y, 2) == y for x, y in ring), feature["id"]
            # RFC 7946 and the current file: exterior rings anticlockwise, holes clockwise.
            assert (_signed_area(ring) > 0) == (number == 0), f"{feature['id']}: ring {number} wrongly oriented"


def test_shared_borders_use_identical_vertices(geo):
    problems = border_mismatches(geo)
    assert not problems, f"{len(problems)} border vertices not shared, e.g. {problems[0]}"


def test_neighbouring_outlines_never_cross(geo):
    crossings = outline_crossings(geo)
    assert not crossings, f"{len(crossings)} crossing edges between countries, e.g. {crossings[0]}"


def test_neighbouring_fills_do_not_overlap(geo):
    areas = overlap_areas(geo)
    assert not areas, (
        f"fills overlap by {sum(areas.values()):.3f} square degrees: {sorted(areas.items(), key=lambda kv: -kv[1])[:5]}"
    )


def test_the_checks_catch_a_border_simplified_differently():
    """Two squares sharing the border x = 1; BBB's side of it is then simplified differently, as per-country DP does."""
    left = [[0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1], [0, 0]]
    right = [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5], [1, 0]]
    geo = {"features": [{"id": iso3, "geometry": {"type": "MultiPolygon", "coordinates": [[ring]]}}
                        for iso3, ring in (("AAA", left), ("BBB", right))]}
    assert not border_mismatches(geo) and not outline_crossings(geo) and not overlap_areas(geo)
    right[-2:] = [[1, 0]]  # BBB dropped the border vertex (1, 0.5)
    assert border_mismatches(geo) == ["AAA vertex (1, 0.5) lies on the outline of BBB but is not one of its vertices"]
    right[-1:] = [[0.9, 0.5], [1, 0]]  # BBB's border bulges into AAA, touching AAA's outline only at vertices
    assert not outline_crossings(geo)
    assert overlap_areas(geo) == {("AAA", "BBB"): pytest.approx(0.05, rel=0.01)}
    right[-2:] = [[0.9, 0.8], [1.1, 0.4], [1, 0]]  # BBB's border zigzags across AAA's
    assert outline_crossings(geo) == ["AAA/BBB: (1, 0.5)-(1, 1) crosses (0.9, 0.8)-(1.1, 0.4)"]
    assert overlap_areas(geo) == {("AAA", "BBB"): pytest.approx(0.02, rel=0.01)}
