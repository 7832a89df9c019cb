"""Charts on a time axis: the lesson timeline, one lane per country, and membership spans."""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

import pandas as pd
import plotly.graph_objects as go

from .. import labels
from ..data import lookups
from ..course import notebook_colours

from .marks import (
    LABEL_CHAR_PX, LANES_PLOT_PX, MOST_LABELLED_MARKS, NARROW_LABEL_CHAR_PX, NARROW_PLOT_PX, NARROW_ROW_PX,
    TIMELINE_PLOT_PX, TIMELINE_ROW_PX, context_marks, draw_labels, label_layout, marks, split_context, timeline_traces,
)
from .theme import (
    ACT_STYLE, CONTEXT_COLOUR, COURSE_LAYOUT, LANE_WORDS, NARROW_LEGEND_ROW, PALETTE, PAPER_TEXT_PX, STATUS_COLOURS,
    TIME_AXIS_TITLE,
    add_narrow_layout, add_narrow_traces, caption_text, country_codes, finish,
)


def timeline(rows: pd.DataFrame, lane: str = "notebook", lane_labels: dict[str, str] | None = None,
             title: str = "Every dated event in the course", colours: dict[str, str] | None = None) -> go.Figure:
    """Dated rows on one time axis, one lane per value of ``lane``; a day is a mark, any vaguer date a bar over its
    span.

    On a chart a slide can hold (up to ``MOST_LABELLED_MARKS`` rows) every mark carries its label on the chart
    (its date and the story's short words for it, or its title): a lane with several marks takes as many rows as
    its labels need, so nothing needs hovering and no label meets another, on a slide and again on paper (packed
    for each). Rows with the same span share one bar.
    Example: ``timeline(views.dated_rows(), lane="notebook", lane_labels={"01": "01 Founding"})``.
    """
    names = lane_labels or {}
    colours = colours or notebook_colours()
    frame = rows.dropna(subset=["start"]).reset_index(drop=True)
    frame[lane] = [v if isinstance(v, str) and v else "(none)" for v in frame[lane].astype(object)]
    frame["lane"] = frame[lane].map(lambda v: names.get(v, v))
    keys = sorted(frame[lane].astype(str).unique())
    lanes_in_order = [names.get(k, k) for k in keys]
    labelled = len(frame) <= MOST_LABELLED_MARKS
    if labelled:
        frame["y"], wide, ticks, rows_drawn = label_layout(
            frame, lane, keys, lanes_in_order, TIMELINE_PLOT_PX, LABEL_CHAR_PX
        )
    fig = go.Figure(timeline_traces(frame, lane, "y" if labelled else "lane", names, colours))
    if labelled:
        draw_labels(fig, frame, wide, ticks, rows_drawn)
    else:
        fig.update_yaxes(categoryorder="array", categoryarray=lanes_in_order[::-1])
    seed, context = split_context(frame)
    years = frame["start"].dt.year
    busiest = years.value_counts().idxmax()
    first_year, last_year = years.min(), frame["end"].dt.year.max()
    period = f"in {first_year}" if first_year == last_year else f"{first_year} to {last_year}"
    lane_word = LANE_WORDS.get(lane, lane.replace("_", " "))
    alt = (f"Timeline of {len(seed)} dated events from our five sources and {len(context)} from other reports "
           f"(cited), {period}, one line for each {lane_word}; the busiest year is {busiest} with "
           f"{int((years == busiest).sum())} events.")
    fig = finish(fig, title, caption_text(frame), alt, x_title=TIME_AXIS_TITLE, y_title=None)
    if labelled:
        _narrow_labels(fig, frame, lane, keys, lanes_in_order, rows_drawn,
                       lambda packed: timeline_traces(packed, lane, "y", names, colours))
    return fig


def _narrow_labels(fig: go.Figure, frame: pd.DataFrame, lane: str, keys: list[str], lanes_in_order: list[str],
                   wide_rows: float, traces_for: Callable[[pd.DataFrame], list], over_bars: bool = True,
                   wide_row_px: float = TIMELINE_ROW_PX) -> None:
    """On paper the labels are 12 px on a plot half as wide: packed again for it, the marks and labels move to their
    paper rows and the figure grows by the rows it adds. ``traces_for`` draws the chart's traces from a frame whose
    ``y`` column holds each mark's row, the same way the slide's were drawn (so the traces line up one for one)."""
    narrow_y, narrow, ticks, rows_drawn = label_layout(frame, lane, keys, lanes_in_order, NARROW_PLOT_PX,
                                                        NARROW_LABEL_CHAR_PX, over_bars)
    traces = traces_for(frame.assign(y=narrow_y))
    add_narrow_traces(fig, {"y": [list(t.y) for t in traces]})
    generic = fig.layout.meta["narrow"]
    grown = max(0, int(rows_drawn * NARROW_ROW_PX - (wide_rows * wide_row_px)))
    legend = NARROW_LEGEND_ROW * 2  # the legend's line above the plot wraps to two on paper
    updates = {
        "height": generic["height"] + grown + legend,
        "margin.t": generic["margin.t"] + legend,
        "yaxis.tickvals": list(ticks.values()),
        "yaxis.ticktext": list(ticks),
        "yaxis.range": [-rows_drawn + 0.4, 0.6],
    }
    for i, mark in enumerate(narrow):
        updates.update({f"annotations[{i}].{key}": value for key, value in
                        {"x": mark["x"], "y": mark["y"], "xanchor": mark["xanchor"], "xshift": mark["xshift"],
                         "font.size": PAPER_TEXT_PX}.items()})
    add_narrow_layout(fig, updates)


def lanes(acts: pd.DataFrame, title: str, countries: list[str] | None = None, marker_size: int = 14) -> go.Figure:
    """Country lanes with one marker per act (support, criticism, refusal, ...), coloured and shaped by act.

    Example: ``lanes(views.country_acts().query("start >= '2022'"), "Cohesion 2022–2026")``.
    """
    frame = acts.dropna(subset=["start"]).reset_index(drop=True)
    if countries is not None:
        codes = country_codes(countries)
        frame = frame[frame["iso3"].isin(codes)]
    frame["country"] = frame["name_en"]
    # as on the timeline: a chart a slide can hold labels every mark, each lane taking the rows its labels need, so
    # no two bars of a lane overlap and a background mark is named on the chart, not only on hover; lanes' bars may
    # cross the whole axis, so no label sits on a bar (it takes the row under it), packed for a JupyterLab cell
    labelled = len(frame) <= MOST_LABELLED_MARKS
    y = "country"
    if labelled:
        keys = sorted(frame["country"].astype(str).unique())
        frame["y"], wide, ticks, rows_drawn = label_layout(frame, "country", keys, keys, LANES_PLOT_PX,
                                                            LABEL_CHAR_PX, over_bars=False)
        y = "y"
    seed, context = split_context(frame)

    def act_traces(rows: pd.DataFrame, y: str) -> list:
        in_mission = rows["side"] == "mission" if "side" in rows else pd.Series(False, index=rows.index)
        acts, background = split_context(rows[~in_mission])
        traces = [
            trace
            for act, (colour, symbol) in ACT_STYLE.items()
            if not (group := acts[acts["act"] == act]).empty
            for trace in marks(group, y, act.capitalize(), colour, symbol, size=marker_size)
        ]
        return (traces + (context_marks(background, y) if len(background) else [])
                + mission_marks(rows[in_mission], y))

    fig = go.Figure(act_traces(frame, y))
    if labelled:
        draw_labels(fig, frame, wide, ticks, rows_drawn)
        # a lane's rows are a little closer than a timeline's, so each of deck 04's three charts (with every lane's
        # part in the bloc's troop mission) stays within a slide; a 16 px label still clears the row under it
        fig.update_layout(height=int(COURSE_LAYOUT["height"] + max(0, rows_drawn * LANES_ROW_PX - 300)))
    else:
        fig.update_yaxes(categoryorder="array", categoryarray=sorted(frame["country"].unique(), reverse=True))
    fig.update_layout(showlegend=True)  # even with one kind of act, the legend says what the mark means
    counts = seed["act"].astype(str).value_counts()
    top = ", ".join(f"{n} {a}" for a, n in counts.head(3).items())
    in_mission = int((frame["side"] == "mission").sum()) if "side" in frame else 0
    mission = f", {in_mission} of them a part in the bloc's troop mission" if in_mission else ""
    alt = (f"{len(seed)} acts by {seed['iso3'].nunique()} countries, from our five sources ({top}), "
           f"plus {len(context)} from other reports (cited){mission}.")
    fig = finish(fig, title, caption_text(frame), alt, x_title="Date", y_title=None)
    if labelled:
        _narrow_labels(fig, frame, "country", keys, keys, rows_drawn, lambda packed: act_traces(packed, "y"),
                       over_bars=False, wide_row_px=LANES_ROW_PX)
        # in a 900 px JupyterLab cell the legend above the plot wraps to a second line: room for it under the title
        # (on paper the layout packed above already makes its own room); the figure is then as tall as its title,
        # legend, rows and source lines need, so a one-line title leaves a slide room for more rows
        fig.update_layout(margin_t=fig.layout.margin.t + NARROW_LEGEND_ROW)
        fig.update_layout(height=max(COURSE_LAYOUT["height"], ceil(
            fig.layout.margin.t + fig.layout.margin.b + (rows_drawn + 0.2) * LANES_ROW_PX)))
    return fig


LANES_ROW_PX = 19.5  # px per row of a lanes chart's labelled marks (a timeline's: TIMELINE_ROW_PX)
MISSION_NAME = "The bloc's troop mission: asked for or joined"
MISSION_SYMBOL = "star-diamond-open"


def mission_marks(rows: pd.DataFrame, y: str) -> list:
    """A member's part in a troop mission of the bloc (``side == "mission"``, from ``scorecard.cohesion_acts``): a
    third kind beside support and distancing, grey like a neutral mark and named in the legend as what it is, so a
    lane shows the state's part in the mission without calling it support. From other reports, it is drawn open and
    dotted, and its legend entry says so."""
    traces = []
    for background, group in zip((False, True), split_context(rows)):
        if len(group):
            name = f"{MISSION_NAME} (other reports, cited)" if background else MISSION_NAME
            traces += marks(group, y, name, CONTEXT_COLOUR, MISSION_SYMBOL, size=13, open_style=background,
                            legendgroup="mission-context" if background else "mission")
    return traces


MEMBERSHIP_BANDS = {
    status: STATUS_COLOURS[status]
    for status in ("member", "participation suspended", "uncertain", "membership suspended")
}
UNCERTAIN_BAND = "Date uncertain (a period in the sources)"
CHANGE_STYLE = {
    "joined": ("circle", PALETTE["blue"]),
    "withdrew": ("x", PALETTE["vermillion"]),
    "did_not_renew": ("x", PALETTE["vermillion"]),
    "membership_suspended": ("diamond", PALETTE["purple"]),
    "suspended_participation": ("diamond", PALETTE["green"]),
    "listed_as_member": ("line-ns-open", "#222222"),
}


def membership_spans(membership: pd.DataFrame, countries: pd.DataFrame, until: str | None = None,
                     title: str = "Nine states joined within two years; three had left by 1999",
                     include_context: bool = True) -> go.Figure:
    """One row per country: bands for its status (member, participation or membership suspended, uncertain) and a mark
    or bar for each change.

    A band decided by a background row is drawn dotted, with its own legend entry; a change the sources date only
    as a span ('by 1999') is drawn as that span, never as a point. Example:
    ``membership_spans(data.load("membership"), data.load("countries"))``.
    """
    from ..data.views import membership_intervals

    names = dict(zip(countries["iso3"], countries["name_en"]))
    bands = membership_intervals(include_context, until)
    bands = bands[bands["iso3"].isin(set(membership["iso3"]))]
    fig = go.Figure()
    for (status, basis), group in bands.groupby(["status", "basis"], sort=False):
        if status not in MEMBERSHIP_BANDS:
            continue
        xs, ys = [], []
        for row in group.itertuples():
            xs += [row.start, row.end, None]
            ys += [names[row.iso3], names[row.iso3], None]
        label = UNCERTAIN_BAND if status == "uncertain" else lookups.value_label("member_years", "status", status)
        background = basis == "background"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                opacity=0.55 if background else 1,
                name=f"{label} (from other reports, cited)" if background else label,
                line=dict(color=MEMBERSHIP_BANDS[status], width=14, dash="dot" if background else "solid"),
            )
        )
    seed, context = split_context(membership)

    def titled(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(country=frame["iso3"].map(names),
                            title=frame["iso3"].map(names) + ": " + frame["change"].astype(str).map(labels.code_label))

    for change, (symbol, colour) in CHANGE_STYLE.items():
        group = seed[seed["change"] == change]
        if len(group):
            fig.add_traces(
                marks(titled(group), "country", labels.code_label(change).capitalize(), colour, symbol, size=13)
            )
    if include_context and len(context):
        fig.add_traces(context_marks(titled(context), "country"))
    order = sorted({names[i] for i in membership["iso3"]}, reverse=True)
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    joined = seed[seed["change"] == "joined"]["iso3"].nunique()
    left = seed[seed["change"] == "withdrew"]
    background = (
        f"; other reports (cited) add {len(context)} dated changes, drawn dotted and grey"
        if include_context and len(context)
        else ""
    )
    alt = (
        f"Membership bands for {joined} countries that joined in {joined_span(seed)} according to our five sources; "
        f"{left['iso3'].nunique()} withdrew by {left['end'].max().year}{background}."
    )
    return finish(fig, title, caption_text(membership if include_context else seed), alt, x_title="Year", y_title=None)


def joined_span(seed: pd.DataFrame) -> str:
    joined = seed[seed["change"] == "joined"]
    return f"{joined['start'].min().year}–{joined['end'].max().year}"
