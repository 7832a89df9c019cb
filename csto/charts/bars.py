"""Bar charts: numbers with their wording and period, and counts grouped by a column."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from .. import labels
from ..data import lookups

from .marks import split_context
from .theme import (
    CATEGORY_WRAP, CONTEXT_COLOUR, FIGURE_MIN_PX, HOVER, LABEL_CHAR_PX, NARROW_LEGEND_ROW, NARROW_WIDTH, OTHER_COUNTRY,
    PALETTE, PAPER_TEXT_PX, SLIDE_TEXT_PX, TITLE_WIDTH, add_narrow_layout, caption_text, finish, hover_data,
)

LEGEND_ROW_PX = 34  # px per row of a 16 px legend with 13 px marks (measured: 33-34 px)
TITLE_LINE_PX = 28  # px per line of the 20 px chart title
COUNTS_PLOT_PX = 320  # px of plot a bar chart of counts keeps, whatever its labels and source lines take below it


def _legend_rows(names: list[str], width: float, char_px: float) -> int:
    """Rows a horizontal legend of ``names`` takes across ``width`` px, entries packed left to right as plotly does,
    each estimated a little wide (a symbol, a gap and its words)."""
    rows, used = 1, 0.0
    for name in names:
        item = 50 + char_px * max(len(line) for line in str(name).split("<br>"))
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def legend_above(fig: go.Figure, title: str) -> tuple[int, int]:
    """The legend in rows between the title and the plot, across the whole figure from its left edge, with the top
    margin holding the title and the legend rows the narrowest wide figure needs: a legend at the right took half of
    a JupyterLab figure, and one above the plot starting at the plot's left edge wrapped to five rows beside long row
    labels and took the rows' height (plotly then hid every other row label). Call it before ``finish``; returns the
    legend's rows (wide, on paper) for ``keep_plot_height``."""
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    lines = len(textwrap.wrap(title, TITLE_WIDTH)) or 1
    rows = _legend_rows(names, FIGURE_MIN_PX - 20, LABEL_CHAR_PX)
    # just left of the plot's left edge and above it, plotly lets a legend take the width of the margin and the plot
    # (at the edge itself, only the plot's: beside long row labels it wrapped to five rows)
    fig.update_layout(showlegend=True, margin_t=44 + TITLE_LINE_PX * lines + LEGEND_ROW_PX * rows,
                      legend=dict(orientation="h", x=-0.001, xanchor="left", y=1.0, yanchor="bottom"))
    add_narrow_layout(fig, {"legend.font.size": PAPER_TEXT_PX})
    return rows, _legend_rows(names, NARROW_WIDTH - 20, 7)  # 12 px legend text on paper


def keep_plot_height(fig: go.Figure, plot_px: float, legend_rows: tuple[int, int] = (0, 0)) -> go.Figure:
    """Give the figure the height its plot needs on top of its margins (title, legend, tick labels, source lines),
    wide and on paper: ``finish`` lets a figure grow only up to a slide's height, which left a count chart 140 px of
    plot under upright labels. Call it after ``finish``; a deck still draws the figure at a slide's height."""
    margin = fig.layout.margin
    grow = max(0, int(margin.t + plot_px + margin.b) - fig.layout.height)
    meta = dict(fig.layout.meta or {})
    narrow = dict(meta.get("narrow", {}))
    # on paper the legend's rows are fewer and lower (12 px text) than the top margin reserved for the slide's
    paper = NARROW_LEGEND_ROW * legend_rows[1] - LEGEND_ROW_PX * legend_rows[0]
    if "margin.t" in narrow:
        narrow["margin.t"] += paper
    if "height" in narrow:
        narrow["height"] += grow + paper
    meta["narrow"] = narrow
    return fig.update_layout(height=fig.layout.height + grow, meta=meta)


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
                cliponaxis=False,  # a count above the tallest bar stays whole ('8' lost its top)
                hovertemplate=f"{names.get(key, key)}<br>%{{x}}: %{{y}}<extra></extra>",
            )
        )
    # a count that does not fit its bar (or segment) at the chart's smallest text is hidden, never shrunk to a speck
    fig.update_layout(barmode="stack" if stacked else "group", uniformtext=dict(minsize=SLIDE_TEXT_PX, mode="hide"))
    fig.update_xaxes(type="category", **({"categoryorder": "category ascending"} if stacked else {}))
    if stacked:
        _label_stack_totals(fig, frame.groupby(x, observed=True)[y].sum())
    else:  # room above the tallest bar for its count
        fig.update_yaxes(range=[0, float(frame[y].max()) * 1.18 or 1])
    _level_category_labels(fig, [str(v) for v in dict.fromkeys(frame[x])])
    legend_rows = legend_above(fig, title)
    if alt is None:  # the three largest counts, in words: the chart's one-sentence text alternative
        top = frame[frame[y] > 0].sort_values(y, ascending=False).head(3)
        alt = (f"{y_title} per {x_title.lower()} and source; the largest: "
               + "; ".join(f"{names.get(c, c)}, {t}: {n}" for t, n, c in zip(top[x], top[y], top["source_id"])) + ".")
    caption = caption_text(frame) + (f"<br>{note}" if note else "")
    # a long axis title goes on two lines: on one it ran past a short plot, over the chart's title
    fig = finish(fig, title, caption, alt, x_title=x_title, y_title="<br>".join(textwrap.wrap(y_title, 22)))
    keep_plot_height(fig, COUNTS_PLOT_PX, legend_rows)
    # plotly sets the axis title under two lines of tick labels by default, over a third: a set gap goes under all
    fig.update_xaxes(title_standoff=12)
    return add_narrow_layout(fig, {"uniformtext.minsize": PAPER_TEXT_PX})


def _level_category_labels(fig: go.Figure, categories: list[str]) -> None:
    """Write the categories level under their bars, on up to three short lines, when each pair of neighbours fits
    its two bars' room in the narrowest wide figure (legend above the plot): upright, 'peacekeeping intervention'
    took 250 px under the plot and left the bars 140. Otherwise the theme's rule (``finish``) decides."""
    plot = FIGURE_MIN_PX - 140  # the y tick labels and a two-line axis title at the left, the right margin
    for chars in range(CATEGORY_WRAP, 5, -1):  # as the theme's rule, with a third line
        wrapped = ["<br>".join(textwrap.wrap(c, chars) or [c]) for c in categories]
        widths = [max(len(line) for line in w.split("<br>")) * LABEL_CHAR_PX for w in wrapped]
        pairs = [(a + b) / 2 + 12 for a, b in zip(widths, widths[1:])] or widths
        if all(w.count("<br>") < 3 for w in wrapped) and max(pairs) <= plot / len(categories):
            fig.update_xaxes(tickangle=0, tickmode="array", tickvals=categories, ticktext=wrapped)
            return


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
