"""Marks on a time axis (points and spans, course sources and background) and the label packing that the
timeline and the lanes share, so every mark carries its words on the chart."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from .. import labels
from ..data.frames import load

from .theme import CONTEXT_COLOUR, CONTEXT_SYMBOL, COURSE_LAYOUT, HOVER, OTHER_COUNTRY, SLIDE_TEXT_PX, hover_data
from .theme import LABEL_CHAR_PX  # noqa: F401 (one definition, in the theme; the timelines and the package read it here)


def split_context(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    is_context = frame["origin"] == "context" if "origin" in frame else pd.Series(False, index=frame.index)
    return frame[~is_context], frame[is_context]


def is_point(frame: pd.DataFrame) -> pd.Series:
    """Rows dated to the day: drawn as a mark. Every other date is a span (a month, a year, 'by 1999') and is drawn
    as the span it is, from its first to its last possible day, never as a point at its middle."""
    return (
        frame["date_precision"].astype(str) == "day"
        if "date_precision" in frame
        else (frame["end"] - frame["start"]) <= pd.Timedelta(days=1)
    )


def marks(
    frame: pd.DataFrame,
    y: str,
    name: str,
    colour: str,
    symbol: str = "circle",
    size: int = 12,
    open_style: bool = False,
    title: str = "title",
    legendgroup: str | None = None,
    showlegend: bool = True,
) -> list[go.Scatter]:
    """The traces for one kind of row: a mark for each day-dated row, and a bar with end ticks for each span.

    The hover text (the quote and its source) sits on the mark and on both ends of a bar.
    """
    group = legendgroup or name
    points, spans = frame[is_point(frame)], frame[~is_point(frame)]
    # an open symbol is drawn as an outline in marker.color (plotly ignores marker.line for it), so it keeps the colour
    marker = dict(
        color=colour,
        symbol=symbol,
        size=size,
        line=dict(color=colour if open_style else "#333333", width=2 if open_style else 1),
    )
    traces = []
    if len(spans):
        xs, ys, custom = [], [], []
        for row, hover in zip(spans.itertuples(), hover_data(spans, title)):
            xs += [row.start, row.end, None]
            ys += [getattr(row, y), getattr(row, y), None]
            custom += [hover, hover, hover]
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=name,
                legendgroup=group,
                showlegend=showlegend and points.empty,
                line=dict(color=colour, width=7, dash="dot" if open_style else "solid"),
                opacity=0.75,
                marker=dict(symbol="line-ns", size=size + 4, color=colour, line=dict(color=colour, width=3)),
                customdata=custom,
                hovertemplate=HOVER,
            )
        )
    if len(points):
        traces.append(
            go.Scatter(
                x=points["start"],
                y=points[y],
                mode="markers",
                name=name,
                legendgroup=group,
                showlegend=showlegend,
                marker=marker,
                customdata=hover_data(points, title),
                hovertemplate=HOVER,
            )
        )
    return traces


def context_marks(frame: pd.DataFrame, y: str, title: str = "title") -> list[go.Scatter]:
    """Background rows: open grey diamonds (or dotted grey bars for spans) with their own legend entry, in every chart.
    """
    return marks(
        frame,
        y,
        labels.BACKGROUND,
        CONTEXT_COLOUR,
        CONTEXT_SYMBOL,
        size=13,
        open_style=True,
        title=title,
        legendgroup="context",
    )


# a timeline is packed for its narrowest screen too: JupyterLab beside its file browser draws the figure 900-950 px
# wide, and right of the lane names ('Other reports (cited)') and the right margin its plot is about 680 px; the
# labels are measured at LABEL_CHAR_PX, about an eighth wider than drawn, so 800 px of them fit there with the gap
# below. Packed for a slide-wide 900 px plot, '24 Feb: ...' sat a few characters after '6 Jan: ...' there and read as
# one line. Each row packed for less width adds height, which a deck's 640 px frame takes from the rows.
TIMELINE_PLOT_PX = 800
LABEL_GAP_PX = 24  # px kept free between two labels (or a label and a mark) of one row, as packed (40 drawn)
# the country lanes are packed for their narrowest screen, a 900 px JupyterLab cell (its plot is about 700 px): a
# wider plot only spreads the marks apart, so a layout clear there is clear on a slide too
LANES_PLOT_PX = 700
TIMELINE_ROW_PX = 22  # px per row of labelled marks: one 16 px line (19 px high) and a little room
NARROW_LABEL_CHAR_PX, NARROW_PLOT_PX, NARROW_ROW_PX = 7.2, 420, 17  # the same on paper: 12 px labels, a narrow plot
TIMELINE_LANE_GAP = 0.5  # rows of space between two lanes
MOST_LABELLED_MARKS = 32  # more marks than a slide can label: the chart keeps one line per lane, details on hover
LABEL_MOST_CHARS = 64  # a longer title is cut at a word with '…' on the chart (whole in the hover and the table)
# the lanes' labels fit whole inside the paper plot (the same text is drawn on a slide, in JupyterLab and on paper)
LANES_LABEL_MOST_CHARS = int((NARROW_PLOT_PX - 12) / NARROW_LABEL_CHAR_PX)


SAME_MONTH = re.compile(r"^(\d{1,2}) ([A-Z][a-z]+)–(\d{1,2}) \2\b")


def story_labels() -> dict[str, str]:
    """An event's title -> the short label the lessons' stories give it (``data/story_events.csv``): the words a
    labelled mark carries on a chart, so a chart and the story call one event the same."""
    story = load("story_events").dropna(subset=["event_id"])
    titles = load("events").set_index("event_id")["title"]
    return {titles[e]: str(label) for e, label in zip(story["event_id"], story["label"]) if e in titles.index}


def drawn_axis(frame: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis a labelled timeline draws: its marks' first and last day, padded a little on each side so an end
    mark is not on the frame. Labels are packed on this axis, so a label placed is where it is drawn."""
    first, last = frame["start"].min(), frame["end"].max()
    pad = (last - first) * 0.02 + pd.Timedelta(days=1)
    return first - pad, last + pad


def _pack_labels(marks_of_lane: list[dict], axis: tuple[pd.Timestamp, pd.Timestamp], plot_px: float,
                 char_px: float, over_bars: bool = True) -> list[dict]:
    """Each mark of a lane with a row and a place for its label so that no label meets another label or mark.

    A label sits right of its mark (or of its bar's end); where the axis ends first, left of its start; where neither
    fits, over the middle of a bar long enough to show on both sides (unless ``over_bars`` is False: then no label
    covers a bar), or else on the row under the bar. Rows fill top-down, the first free one taken. Returns new dicts:
    the same marks packed for a slide and for paper differ."""
    first, last = axis
    days = max(1.0, (last - first) / pd.Timedelta(days=1))

    def px(when: pd.Timestamp) -> float:
        return (when - first) / pd.Timedelta(days=1) / days * plot_px

    def when(at: float) -> pd.Timestamp:
        return first + pd.Timedelta(days=at / plot_px * days)

    taken: list[list[tuple[float, float]]] = []

    def free(row: int, box: tuple[float, float]) -> bool:
        return row >= len(taken) or all(box[1] + LABEL_GAP_PX <= b[0] or b[1] + LABEL_GAP_PX <= box[0]
                                        for b in taken[row])

    packed = []
    for mark in sorted(marks_of_lane, key=lambda m: (m["start"], m["end"])):
        left, right, width = px(mark["start"]), px(mark["end"]), char_px * len(mark["label"]) + 12
        bar = (left - 3, right + 3) if right > left else (left - 8, right + 8)
        if right + width <= plot_px:
            place = dict(side="right", x=mark["end"], xanchor="left", xshift=9)
            boxes = [(bar[0], right + width)]
        elif left - width >= 0:
            place = dict(side="left", x=mark["start"], xanchor="right", xshift=-9)
            boxes = [(left - width, bar[1])]
        elif over_bars and right - left >= width + 80:
            place = dict(side="middle", x=mark["start"] + (mark["end"] - mark["start"]) / 2, xanchor="center", xshift=0)
            boxes = [bar]
        else:  # under the bar, from its start or as far left as the label needs to end inside the axis
            at = max(0.0, min(left, plot_px - width))
            place = dict(side="below", x=when(at), xanchor="left", xshift=-4)
            boxes = [bar, (at - 8, at + width)]
        row = next(r for r in range(len(taken) + 2) if all(free(r + i, box) for i, box in enumerate(boxes)))
        for i, box in enumerate(boxes):
            while len(taken) <= row + i:
                taken.append([])
            taken[row + i].append(box)
        packed.append(dict(mark, **place, row=row, label_row=row + len(boxes) - 1))
    return packed


def _lane_marks(frame: pd.DataFrame, short: dict[str, str], year: int | None = None,
                most_chars: int = LABEL_MOST_CHARS) -> list[dict]:
    """The marks of one lane: a day-dated row is a mark; rows with the same span are one bar, their number in its label.
    """
    found: dict[tuple, dict] = {}
    points = is_point(frame)
    for index, row in frame.iterrows():
        key = ("point", index) if points[index] else ("span", row["start"], row["end"])
        title = str(row.get("title", "") or "")
        mark = found.setdefault(key, {"start": row["start"], "end": row["start"] if points[index] else row["end"],
                                      "when": str(row.get("when", "") or ""), "titles": [], "indices": []})
        mark["titles"].append(short.get(title, title))
        mark["indices"].append(index)
    for mark in found.values():
        if year is not None:  # a chart within one year: its dates need no year
            mark["when"] = mark["when"].replace(f" {year}", "")
        mark["when"] = SAME_MONTH.sub(r"\1–\3 \2", mark["when"])  # '6 Jan–19 Jan' says its month once: '6–19 Jan'
        # several events over one period share its bar: the label counts them (each is in the table and the hover)
        told = mark["titles"][0] if len(mark["titles"]) == 1 else f"{len(mark['titles'])} events"
        label = f"{mark['when']}: {told}" if mark["when"] else told
        mark["label"] = (
            label if len(label) <= most_chars else textwrap.shorten(label, most_chars, placeholder="…")
        )
    return list(found.values())


def label_layout(frame: pd.DataFrame, lane: str, keys: list[str], names: list[str], plot_px: float,
                  char_px: float, over_bars: bool = True) -> tuple[pd.Series, list[dict], dict[str, float], float]:
    """(y of each row, labels with their places, y of each lane's name, rows drawn): lanes top-down, y counting down.
    ``over_bars=False`` keeps every label off every bar (a lane chart whose long bars cross the whole axis) and cuts
    labels to ``LANES_LABEL_MOST_CHARS``, so each fits whole on the paper plot too."""
    short, axis, top = story_labels(), drawn_axis(frame), 0.0
    one_year = frame["start"].min().year if frame["start"].min().year == frame["end"].max().year else None
    ys, labelled, ticks = pd.Series(0.0, index=frame.index), [], {}
    most_chars = LABEL_MOST_CHARS if over_bars else LANES_LABEL_MOST_CHARS
    for key, name in zip(keys, names):
        packed = _pack_labels(
            _lane_marks(frame[frame[lane].astype(str) == key], short, one_year, most_chars), axis, plot_px, char_px,
            over_bars,
        )
        for mark in packed:
            ys[mark["indices"]] = top - mark["row"]
            labelled.append(dict(mark, y=top - mark["label_row"]))
        ticks[name] = top
        top -= max(m["label_row"] for m in packed) + 1 + TIMELINE_LANE_GAP
    return ys, labelled, ticks, -top - TIMELINE_LANE_GAP


def timeline_traces(frame: pd.DataFrame, lane: str, y: str, names: dict[str, str], colours: dict[str, str]) -> list:
    seed, context = split_context(frame)
    traces = []
    for key, group in seed.groupby(seed[lane].astype(str), sort=True):
        traces += marks(group, y, names.get(key, key), colours.get(key, OTHER_COUNTRY), size=11)
    return traces + (context_marks(context, y) if len(context) else [])


def draw_labels(fig: go.Figure, frame: pd.DataFrame, wide: list[dict], ticks: dict[str, float],
                 rows_drawn: float) -> None:
    """Every mark's label on the chart at its packed place, lanes named at the left, the axis as wide as the marks."""
    labels = [dict(x=mark["x"], y=mark["y"], text=mark["label"], showarrow=False, xanchor=mark["xanchor"],
                   xshift=mark["xshift"], bgcolor="white" if mark["side"] == "middle" else None,
                   font=dict(size=SLIDE_TEXT_PX, color="#1A1A1A")) for mark in wide]
    # added at once: plotly checks the whole list again on each add_annotation (a quarter of a second for 64 labels)
    fig.update_layout(annotations=[*fig.layout.annotations, *labels])
    # labels do not widen the axis (plotly's autorange would)
    fig.update_xaxes(range=list(drawn_axis(frame)))
    fig.update_yaxes(tickvals=list(ticks.values()), ticktext=list(ticks), range=[-rows_drawn + 0.4, 0.6],
                     showgrid=False, zeroline=False)
    # lanes are named at the left and every mark is labelled: the legend only says what a mark's colour and shape
    # mean, in one line above the plot, so the plot keeps the slide's width for the labels
    fig.update_layout(height=int(COURSE_LAYOUT["height"] + max(0, rows_drawn * TIMELINE_ROW_PX - 300)),
                      # just left of the plot, plotly lets the legend run across the lane names too: at the plot's
                      # edge it wrapped to two rows in a 900 px figure and met the title
                      legend=dict(orientation="h", x=-0.001, xanchor="left", y=1.0, yanchor="bottom"))
