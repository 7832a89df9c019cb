"""Each lesson's "What happened": a short timeline of the cited record, shown before the sources are read against it.

Which events a lesson tells is data (``data/story_events.csv``: lesson, label, event or source), not code, so a
teacher changes a story by editing a table. The events are mostly background (``origin=context``, each with its
citation); an event taken from one of our five sources names that source in its label and is drawn in its colour.

``what_happened("03")`` displays the chart and its text alternative; ``what_happened_figure("03")`` returns the
figure; ``what_happened_table("03")`` the same events as a table people can read (date in words, what happened,
who reports it).
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from . import charts
from .charts.bars import keep_plot_height, legend_above
from .data import lookups
from .data.frames import load
from .labels import BACKGROUND

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ROW_HEIGHT = 26  # px per event at least: a one-line label's 16 px words (19 px) and room to the next
LINE_PX = 20  # px per line of a wrapped label
LABEL_WIDTH = 72  # characters of a label line: most labels take one line, so rows stay apart on a 720-px slide


class StoryError(ValueError):
    """A lesson's story rows do not describe a drawable timeline; the message names file, row and column."""


def date_in_words(value: object, value_end: object = None, precision: object = None) -> str:
    """'2 January 2022', 'January 2022', '2022', '13–19 January 2022': how a reader says a date, at its precision."""
    def one(text: str) -> str:
        parts = str(text).split("-")
        if len(parts) == 1:
            return parts[0]
        month = MONTHS[int(parts[1]) - 1]
        return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"

    if not isinstance(value, str) or not value:
        return "undated"
    if str(precision) == "period" and isinstance(value_end, str) and value_end:
        first, last = one(value), one(value_end)
        a, b = value.split("-"), value_end.split("-")
        if len(a) == len(b) == 3 and a[:2] == b[:2]:  # same month: '13–19 January 2022'
            return f"{int(a[2])}–{last}"
        if len(a) == len(b) and a[0] == b[0] and len(a) > 1:  # same year: '15 September–16 November 2022'
            return f"{first.rsplit(' ', 1)[0]}–{last}"
        return f"{first} to {last}"
    return one(value)


def _story_rows(nb: str) -> pd.DataFrame:
    """The lesson's rows of story_events.csv, each checked to name exactly one event or source."""
    story = load("story_events")
    rows = story[story["notebook"].astype(str) == str(nb)]
    if rows.empty:
        known = ", ".join(sorted(story["notebook"].astype(str).unique()))
        raise StoryError(f"data/story_events.csv: no row for lesson {nb!r} in column notebook (lessons with a story: "
                         f"{known})")
    for line, row in rows.iterrows():
        has_event, has_source = (
            isinstance(row["event_id"], str) and row["event_id"],
            isinstance(row["source_id"], str) and row["source_id"],
        )
        if bool(has_event) == bool(has_source):
            raise StoryError(f"data/story_events.csv, line {line + 2}, columns event_id/source_id: "
                             "give exactly one of them (an event, or a source's publication)")
    return rows


def _cited(citation: pd.Series) -> str:
    """'Other report (cited): Interfax, “…”, 19 January 2022': the outlet, title and date a reader needs, no address."""
    return (f"Other report (cited): {citation['publisher']}, “{citation['title']}”, "
            f"{date_in_words(citation['date'], None, None)}")


def story_frame(nb: str) -> pd.DataFrame:
    """One row per mark, oldest first: start, end, date fields, label, what happened, who reports it, origin."""
    rows = _story_rows(nb)
    events = load("events").set_index("event_id")
    citations = load("citations").set_index("citation_id")
    sources = load("sources").set_index("source_id")
    records = []
    for row in rows.to_dict("records"):
        if isinstance(row["event_id"], str) and row["event_id"]:
            event = events.loc[row["event_id"]]
            context = event["origin"] == "context"
            records.append(
                {
                    "label": row["label"],
                    "title": event["title"],
                    "start": event["start"],
                    "end": event["end"],
                    "date": event["date"],
                    "date_end": event["date_end"],
                    "date_precision": str(event["date_precision"]),
                    "origin": event["origin"],
                    "source_id": event["source_id"],
                    "quote": event["quote"],
                    "citation_id": event["citation_id"],
                    "reported_by": _cited(citations.loc[event["citation_id"]])
                    if context
                    else f"{lookups.source_name(event['source_id'])} (one of our five sources)",
                    "outlet": lookups.publisher(event["citation_id"])
                    if context
                    else lookups.source_name(event["source_id"]),
                    "publication": False,
                }
            )
        else:
            source = sources.loc[row["source_id"]]
            records.append(
                {
                    "label": row["label"],
                    "title": f"{source['short_name']}: {source['title']}",
                    "start": source["start"],
                    "end": source["end"],
                    "date": source["published"],
                    "date_end": source["published_end"],
                    "date_precision": str(source["date_precision"]),
                    "origin": "seed",
                    "source_id": row["source_id"],
                    "quote": source["quote"],
                    "citation_id": None,
                    "reported_by": "the text itself ("
                    + ("date printed in it" if source["date_basis"] == "stated" else "date worked out from its content")
                    + ")",
                    "outlet": source["short_name"],
                    "publication": True,
                }
            )
    frame = (
        pd.DataFrame.from_records(records).sort_values(["start", "end", "label"], kind="stable").reset_index(drop=True)
    )
    frame["when"] = [
        date_in_words(d, e, p) for d, e, p in zip(frame["date"], frame["date_end"], frame["date_precision"])
    ]
    return frame


def what_happened_table(nb: str) -> pd.DataFrame:
    """The lesson's story as a table people can read: when (in words), what happened, who reports it."""
    frame = story_frame(nb)
    return pd.DataFrame(
        {"When": frame["when"], "What happened": frame["label"], "Who reports it": frame["reported_by"]}
    )


def _caption(frame: pd.DataFrame) -> str:
    """'Background from other reports (cited): TASS; TVP World' and, where any, 'From our sources: Mitchell 2026'."""
    context = frame[frame["origin"] == "context"]
    seed = frame[frame["origin"] != "context"]
    parts = []
    if len(context):
        parts.append(
            "Background from other reports (cited; open grey marks): " + "; ".join(sorted(set(context["outlet"])))
        )
    if len(seed):
        kind = (
            "Dates of our sources, from the texts themselves" if seed["publication"].all() else "From our five sources"
        )
        parts.append(f"{kind}: " + ", ".join(dict.fromkeys(seed["outlet"])))
    return "<br>".join(parts)  # charts.finish wraps each part to the width its source lines have


def what_happened_figure(nb: str) -> go.Figure:
    """The lesson's "What happened" timeline: one line per event, oldest at the top, each mark labelled beside it."""
    frame = story_frame(nb)
    frame["row"] = [f"{w}: {label}" for w, label in zip(frame["when"], frame["label"])]
    frame["row"] = ["<br>".join(textwrap.wrap(r, LABEL_WIDTH)) for r in frame["row"]]
    fig = go.Figure()
    context = frame[frame["origin"] == "context"]
    if len(context):
        fig.add_traces(charts.marks(context, "row", BACKGROUND, charts.CONTEXT_COLOUR, charts.CONTEXT_SYMBOL, size=13,
                                    open_style=True, legendgroup="context"))
    colours = lookups.source_colours()
    # the story tells what happened; the sources' own words come after it, read in tables (a hover is not read)
    for source_id, group in frame[frame["origin"] != "context"].groupby("source_id", sort=False):
        fig.add_traces(
            charts.marks(group.assign(quote=""), "row", lookups.source_name(source_id),
                         colours.get(source_id, charts.OTHER_COUNTRY), size=12)
        )
    rows = list(frame["row"])
    # every row keeps its label at every height: plotly's own ticks skip every other category when the plot is short
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], tickmode="array", tickvals=rows, ticktext=rows,
                     automargin=True)
    # plotly spaces the rows evenly: each gap holds half of each neighbour's lines (two wrapped labels side by side)
    heights = [r.count("<br>") + 1 for r in rows]
    row_px = max([ROW_HEIGHT] + [LINE_PX * (a + b) / 2 + 6 for a, b in zip(heights, heights[1:])])
    first, last = frame["start"].dt.year.min(), frame["end"].dt.year.max()
    span = f"in {first}" if first == last else f"from {first} to {last}"
    if first == last and frame["start"].dt.month.min() == frame["end"].dt.month.max():
        span = f"in {MONTHS[frame['start'].dt.month.min() - 1]} {first}"  # one month: say which
    n_context = int((frame["origin"] == "context").sum())
    told = "; ".join(f"{w}, {label.rstrip('.')}" for w, label in zip(frame["when"], frame["label"]))
    alt = (f"Timeline of {len(frame)} events {span}, oldest first ({n_context} of them from other reports, cited): "
           f"{told}.")
    title = f"What happened {span}" if nb != "05" else f"When our five sources were written, {span}"
    fig.update_layout(height=360)
    # the legend in rows under the title across the whole figure, not beside the plot, so the rows keep their height
    legend_rows = legend_above(fig, title)
    fig = charts.finish(fig, title, _caption(frame), alt, x_title=STORY_AXIS_TITLE, y_title=None)
    keep_plot_height(fig, row_px * len(rows) + 10, legend_rows)
    # the long event labels leave the plot narrow, on paper and in a JupyterLab window narrower than a slide: the
    # source lines end at the plot's right edge and run left over the labels' margin, so they stay inside the figure
    # (the paper form keeps this place: it changes only the caption's wrapping and size)
    fig.layout.annotations[-1].update(x=1, xanchor="right")
    return fig


# the story's axis in few words: its plot is narrow beside the event labels (a bar is a period, exact or rough)
STORY_AXIS_TITLE = "Date (a bar is a period)"


def what_happened(nb: str) -> None:
    """Display the lesson's "What happened" timeline with its one-sentence text alternative (the story cell of each
    notebook); a kernel reads back the figure it drew on the last Run All while nothing it rests on changed."""
    charts.show(charts.drawn_once(what_happened_figure)(nb))
