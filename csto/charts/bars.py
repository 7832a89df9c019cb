"""Bar charts: numbers with their wording and period, and counts grouped by a column."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from .. import labels
from ..data import lookups

from .marks import split_context
from .theme import (
    CONTEXT_COLOUR, HOVER, OTHER_COUNTRY, PALETTE, PAPER_TEXT_PX, SLIDE_TEXT_PX, add_narrow_layout, caption_text,
    finish, hover_data,
)


def figure_bars(figures: pd.DataFrame, title: str, label: str = "label") -> go.Figure:
    """Horizontal bars of numbers with their wording and period; one unit per chart; context rows hatched and grey.

    Example: ``figure_bars(frame.assign(label=frame.subject + " (" + frame.when + ")"), "Russian arms exports fell")``.
    """
    if label not in figures:
        raise ValueError(
            f"figure_bars() labels each bar with the column {label!r}, which this table lacks: add one, e.g. "
            "figures.assign(label=views.figure_label(figures)), or pass label='subject'"
        )
    units = figures["unit"].unique()
    if len(units) != 1:
        raise ValueError(f"figure_bars draws one unit at a time, got {list(units)}")
    frame = figures.dropna(subset=["value"]).reset_index(drop=True)
    frame["title"] = frame[label]
    seed, context = split_context(frame)
    fig = go.Figure()
    for group, name, style in (
        (seed, "Our five sources", dict(color=PALETTE["blue"])),
        (context, labels.BACKGROUND, dict(color="#BBBBBB", pattern=dict(shape="/", fgcolor=CONTEXT_COLOUR))),
    ):
        if len(group):
            fig.add_trace(go.Bar(x=group["value"], y=group[label], orientation="h", name=name, marker=style,
                                 text=group["value_text"], textposition="outside", cliponaxis=False,
                                 customdata=hover_data(group), hovertemplate=HOVER, legendgroup=name))
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame[label])[::-1])
    fig.update_xaxes(range=[0, float(frame["value"].max()) * 1.25])
    parts = "; ".join(f"{name}: {value}" for name, value in zip(frame[label], frame["value_text"]))
    alt = f"Bar chart in {units[0]}: {parts}."
    fig = finish(fig, title, caption_text(frame), alt, x_title=units[0], y_title=None)
    bars = list(frame[label])  # on paper long bar labels would take most of the width (and push the caption off it)
    return add_narrow_layout(
        fig,
        {
            "yaxis.tickvals": bars,
            "yaxis.ticktext": ["<br>".join(textwrap.wrap(str(b), 26)) for b in bars],
            # room for the wording
            "yaxis.tickfont.size": 12,
            "xaxis.range": [0, float(frame["value"].max()) * 1.6],
        },
    )


def grouped_counts(frame: pd.DataFrame, x: str, y: str, title: str, x_title: str, y_title: str, note: str = "",
                   alt: str | None = None, stacked: bool = False) -> go.Figure:
    """Grouped bars of counts, one colour per source (column ``source_id``), e.g. how often each source uses a term.

    ``stacked=True`` stacks the sources in one bar per x value, sorted (years, for instance). Example:
    ``grouped_counts(term_counts, "term", "count", "Who says 'special operation'", "Term", "Uses", "Whole-word counts in
    the seeds.")``.
    """
    names, colours = lookups.source_names(), lookups.source_colours()
    fig = go.Figure()
    for key, group in frame.groupby("source_id", sort=False, observed=True):
        fig.add_trace(
            go.Bar(
                x=group[x],
                y=group[y],
                name=names.get(key, key),
                marker_color=colours.get(key, OTHER_COUNTRY),
                # a count is read level, never sideways; in a stack it sits inside its segment (the total goes on top)
                text=group[y],
                textposition="inside" if stacked else "outside",
                insidetextanchor="middle",
                textangle=0,
                hovertemplate=f"{names.get(key, key)}<br>%{{x}}: %{{y}}<extra></extra>",
            )
        )
    # a count that does not fit its bar (or segment) at the chart's smallest text is hidden, never shrunk to a speck
    fig.update_layout(barmode="stack" if stacked else "group", uniformtext=dict(minsize=SLIDE_TEXT_PX, mode="hide"))
    fig.update_xaxes(type="category", **({"categoryorder": "category ascending"} if stacked else {}))
    if stacked:
        _label_stack_totals(fig, frame.groupby(x, observed=True)[y].sum())
    if alt is None:  # the three largest counts, in words: the chart's one-sentence text alternative
        top = frame[frame[y] > 0].sort_values(y, ascending=False).head(3)
        alt = (f"{y_title} per {x_title.lower()} and source; the largest: "
               + "; ".join(f"{names.get(c, c)}, {t}: {n}" for t, n, c in zip(top[x], top[y], top["source_id"])) + ".")
    caption = caption_text(frame) + (f"<br>{note}" if note else "")
    fig = finish(fig, title, caption, alt, x_title=x_title, y_title=y_title)
    return add_narrow_layout(fig, {"uniformtext.minsize": PAPER_TEXT_PX})


def _label_stack_totals(fig: go.Figure, totals: pd.Series) -> None:
    """Each stacked bar's total above it, as a text-only trace: plotly's ``outside`` text on a stack labels the top
    segment only (a bar of 75 read '2'). A segment keeps its own number only where it fits (see ``grouped_counts``)."""
    fig.add_trace(
        go.Scatter(
            x=list(totals.index),
            y=list(totals.values),
            mode="text",
            text=[str(int(v)) if float(v).is_integer() else str(v) for v in totals.values],
            textposition="top center",  # in the chart's own text size: 16 px on a slide, 13 on paper
            cliponaxis=False,
            name="Total",
            showlegend=False,
            hovertemplate="%{x}: %{y} in all<extra></extra>",
        )
    )
    fig.update_yaxes(range=[0, float(totals.max()) * 1.12 or 1])
