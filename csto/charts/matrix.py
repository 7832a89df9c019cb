"""The response matrix: each crisis against what the bloc did, with the sources that say so."""

from __future__ import annotations

import textwrap
from math import ceil

import pandas as pd
import plotly.graph_objects as go

from ..data import lookups

from .theme import (
    CONTEXT_COLOUR, CONTEXT_SYMBOL, HOVER, NARROW_CAPTION_LINE, NARROW_CAPTION_WIDTH, OUR_SOURCES, RESPONSE_COLOURS,
    SLIDE_TEXT_PX,
    add_narrow_layout, add_narrow_traces, caption_text, finish, hover_data, response_label, wrap,
)


def source_initials(frame: pd.DataFrame) -> dict[str, str]:
    """A letter (or two, where two sources share one) per source of the accounts drawn ('B' stays free: it long
    stood for background, now drawn open and grey without a letter): a mark on a slide carries letters, not names,
    so that three accounts of one crisis fit beside one mark."""
    names = lookups.source_names()
    used = [s for s in lookups.source_order() if s in set(frame["source_id"].dropna())]
    initials: dict[str, str] = {}
    for source in used:
        letters = names[source][:1].upper()
        taken = set(initials.values()) | {"B"}
        initials[source] = letters if letters not in taken else names[source][:2].title()
    return initials


def _keyed_caption(frame: pd.DataFrame, initials: dict[str, str]) -> str:
    """The source lines with each source's letter after its name: 'Source: AFP 2022 (A), ...: filled, lettered
    marks', then 'Other reports, cited (open grey marks): ...'."""
    first, *rest = caption_text(frame).split("<br>")
    for source, letters in initials.items():
        first = first.replace(f"{lookups.source_name(source)},", f"{lookups.source_name(source)} ({letters}),")
        first = first.replace(
            f"{lookups.source_name(source)}{OUR_SOURCES}", f"{lookups.source_name(source)} ({letters}){OUR_SOURCES}"
        )
    # a period none of our sources reports (2020 and 2021) has no letters to key: say so, not 'Source: none: ...'
    first = first.replace(OUR_SOURCES, ": filled, lettered marks") if initials else \
        "Source: none of our five sources reports these crises"
    lines = [first] + ([" ".join(rest)] if rest else [])
    # the source lines start at the plot's left edge, right of the crises' names: shorter lines than a chart's
    return "<br>".join(part for line in lines for part in textwrap.wrap(line, MATRIX_CAPTION_WIDTH))


MATRIX_ROW_PX = 50  # px per crisis on a slide: a row name in two 16 px lines (38 px) with room above and below
MATRIX_ROW_PX_MIN = 44  # ... and at least this where the rows would not fit a slide: two lines and 6 px of air
MATRIX_SLIDE_PX = 640  # px a slide gives a chart (csto.site.preprocessors.DECK_FIGURE_MAX; charts cannot import site)
# the years a lesson draws the matrix in, one chart per period, oldest first: the whole record (16 crises) does not fit
# one slide at MATRIX_ROW_PX_MIN, nor do the seven crises of 2020-2021; each period holds at most six
MATRIX_PERIODS: tuple[tuple[int, int], ...] = ((2010, 2019), (2020, 2020), (2021, 2021), (2022, 2026))
MATRIX_ROW_WIDTH = 30  # characters per line of a crisis's name at the left of the matrix (more where it needs three)
SOURCES_SLOT, BACKGROUND_SLOT = "our five sources", "other reports"  # a column's two slots: background left
SLOT_GAP = 0.4  # the share of a column left empty between its slots' marks (plotly's scattergap)
BACKGROUND_LEGEND = "Other reports (cited): open grey marks"
LEGEND_PAPER_PX = 30  # px the legend's row takes above the plot on paper
MATRIX_CAPTION_WIDTH = 94  # characters per source line at 16 px from the plot's left edge to the figure's right
MATRIX_COLUMN_LINES = 2  # lines per column label, written upright: nine two-line labels (40 px) side by side fit the
# 53 px a column gets in an 800 px JupyterLab cell; level, the 16 px words of nine columns ran into each other there


def column_labels(labels: list[str]) -> list[str]:
    """The columns' labels wrapped at one width, the narrowest that puts every label on at most MATRIX_COLUMN_LINES
    lines (words kept whole): written upright, a label's height is its longest line, so the plot stays as tall as it
    can, and a short label stays on one line."""
    def lines(label: str, width: int) -> list[str]:
        return textwrap.wrap(label, width, break_long_words=False) or [label]

    width = 1
    while any(len(lines(label, width)) > MATRIX_COLUMN_LINES for label in labels):
        width += 1
    return ["<br>".join(lines(label, width)) for label in labels]


def response_matrix(responses: pd.DataFrame, highlight: str | None = None,
                    title: str = "When members asked, the bloc mostly said no",
                    years: tuple[int, int] | None = None) -> go.Figure:
    """Crises (rows, oldest first) against what the bloc did (columns), one mark per crisis and answer, with letters
    beside it for the sources that give that answer (a key in the source lines).

    Where sources disagree about one crisis (AFP: no reaction; Evstratov: a position called inadequate), the row
    has a mark in each column, each with its sources' letters, so the disagreement is visible without hovering.
    ``years=(first, last)`` keeps the crises that began in those years: the whole record does not fit a slide at 16 px,
    so a lesson shows one chart per period of ``MATRIX_PERIODS`` (the columns stay the same in each, so they read as one
    table). Example: ``response_matrix(views.crisis_responses(), highlight="kaz_2022", years=MATRIX_PERIODS[-1])``.
    """
    from ..data.views import NOT_IN_SOURCES, NOT_IN_SOURCES_LABEL

    frame = responses.sort_values(["start", "crisis_id"], kind="stable").reset_index(drop=True)
    frame["response"] = frame["response"].astype(str)
    # the record's crises that none of the five sources reports get a column of their own, last, in a pale grey
    colours = dict(RESPONSE_COLOURS)
    if (frame["response"] == NOT_IN_SOURCES).any():
        colours[NOT_IN_SOURCES] = "#D9D9D9"
    if years is not None:
        started = pd.to_datetime(frame["start"]).dt.year
        frame = frame[started.between(*years)].reset_index(drop=True)
        if frame.empty:
            raise ValueError(f"response_matrix: no crisis began between {years[0]} and {years[1]}")

    def row_label(name: str, when: str) -> str:
        if any(ch.isdigit() for ch in name):
            return name
        return f"{name[:-1]}, {when})" if name.endswith(")") else f"{name} ({when})"

    rows = {c: row_label(n, w) for c, n, w in zip(frame["crisis_id"], frame["name"], frame["crisis_when"])}
    # two lines at most: a third would run into the next row's name
    wrapped = {c: "<br>".join(textwrap.wrap(r, max(MATRIX_ROW_WIDTH, ceil(len(r) / 2) + 6))) for c, r in rows.items()}
    frame["row"] = frame["crisis_id"].map(rows)
    response_labels = {r: (NOT_IN_SOURCES_LABEL if r == NOT_IN_SOURCES else response_label(r)) for r in colours}
    frame["response_label"] = frame["response"].astype(str).map(response_labels)
    frame["title"] = frame["row"]
    frame["detail"] = [f"Asked by: {r or 'not named in the sources'}; asked for: {q or '—'}<br>{wrap(d)}"
                       for r, q, d in zip(frame["requester"].fillna(""), frame["request"].fillna(""),
                                          frame["detail"].fillna(""))]
    initials = source_initials(frame)

    def letters(accounts_of: pd.DataFrame) -> str:
        return " " + " ".join(dict.fromkeys(initials[s] for s in accounts_of["source_id"]))  # a space clears the frame

    def hover(accounts_of: pd.DataFrame) -> list:
        first = hover_data(accounts_of.head(1))[0]
        return [first[0], "<br>".join(accounts_of["detail"]), "<br>".join(h[2] for h in hover_data(accounts_of)),
                "<br>".join(h[3] for h in hover_data(accounts_of))]

    # background accounts (other reports, cited) are drawn as background is drawn in every course chart: open grey
    # marks (the course's open diamond) without letters, in a slot of their own at the left of each column, so that
    # a crisis our sources and other reports tell alike shows a filled coloured mark (our sources, lettered) beside
    # an open grey one
    fig = go.Figure()
    is_context = frame["origin"] == "context"
    background = frame[is_context]  # drawn first: plotly gives the first slot the left
    if not background.empty:
        grouped = list(background.groupby(["row", "response_label"], sort=False))
        fig.add_trace(
            go.Scatter(
                x=[label for (_, label), _ in grouped],
                y=[row for (row, _), _ in grouped],
                mode="markers",
                name=BACKGROUND_LEGEND,
                showlegend=True,
                cliponaxis=False,
                offsetgroup=BACKGROUND_SLOT,
                # an open symbol is drawn as an outline in marker.color (plotly ignores marker.line for it)
                marker=dict(symbol=CONTEXT_SYMBOL, size=28, color=CONTEXT_COLOUR, line=dict(width=2.5)),
                customdata=[hover(accounts_of) for _, accounts_of in grouped],
                hovertemplate=HOVER,
            )
        )
    for response, colour in colours.items():
        group = frame[(frame["response"] == response) & ~is_context]
        if group.empty:
            continue
        xs, ys, texts, custom = [], [], [], []
        for (row, label), accounts_of in group.groupby(["row", "response_label"], sort=False):
            xs.append(label)
            ys.append(row)
            texts.append("" if response == NOT_IN_SOURCES else letters(accounts_of))
            custom.append(hover(accounts_of))
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers+text",
                name=response_labels[response],
                text=texts,
                cliponaxis=False,
                textposition="middle right",
                textfont=dict(size=SLIDE_TEXT_PX, color="#1A1A1A"),
                showlegend=False,
                offsetgroup=SOURCES_SLOT,
                marker=dict(symbol="square", size=26, color=colour, line=dict(color="#333333", width=1)),
                customdata=custom,
                hovertemplate=HOVER,
            )
        )
    if highlight is not None and highlight in set(frame["crisis_id"]):
        ours = frame[(frame["crisis_id"] == highlight) & (frame["origin"] != "context")]
        for _, row in ours.drop_duplicates("response").iterrows():
            fig.add_trace(
                go.Scatter(
                    x=[row["response_label"]],
                    y=[row["row"]],
                    mode="markers",
                    name="Highlighted",
                    showlegend=False,
                    offsetgroup=SOURCES_SLOT,
                    marker=dict(symbol="square-open", size=34, color="#000000", line=dict(width=3)),
                    hoverinfo="skip",
                )
            )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=list(response_labels.values()),
        tickangle=-90,
        tickvals=list(response_labels.values()),
        # a little room left of the first column: its grey mark sits in the column's left slot and, in a narrow
        # JupyterLab cell, its diamond was cut by the plot's edge (student 7, Kazakhstan 2022)
        range=[-0.75, len(response_labels) - 0.5],
        ticktext=column_labels(list(response_labels.values())),
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(dict.fromkeys(frame["row"]))[::-1],
                     tickvals=list(rows.values()), ticktext=[wrapped[c] for c in rows])
    by_crisis = []
    for crisis, group in frame.groupby("row", sort=False):
        accounts = "; ".join(
            response_labels[r].lower()
            if r == NOT_IN_SOURCES
            else f"{response_labels[r].lower()} "
            f"({lookups.source_name(s) if o != 'context' else 'other reports, cited'})"
            for r, s, o in zip(group["response"], group["source_id"], group["origin"])
        )
        by_crisis.append(f"{crisis}: {accounts}")
    alt = (
        f"{frame['crisis_id'].nunique()} crises that affected member states, from the cited record, and what each "
        "of our five sources (and other reports, cited) says the bloc did — " + " — ".join(by_crisis) + "."
    )
    caption = _keyed_caption(frame, initials)
    fig = finish(fig, title, caption, alt, x_title="What the bloc did, as each source tells it", y_title=None)
    # on paper the column labels stay upright, on one line at 12 px, and the rows wrap narrower; the figure grows by
    # the labels' height and the caption moves down with the bottom margin
    # columns half a slide apart leave no room for the source names under the marks (neighbours print over each
    # other): on paper the marks go unlabelled and the caption points to the table of accounts that follows
    # as tall as its rows need, and no taller than a slide gives a chart: eight crises under a two-line title with
    # three source lines take rows a little closer than MATRIX_ROW_PX (never closer than MATRIX_ROW_PX_MIN)
    margins = fig.layout.margin.t + fig.layout.margin.b
    row_px = max(MATRIX_ROW_PX_MIN, min(MATRIX_ROW_PX, (MATRIX_SLIDE_PX - margins) // len(rows)))
    grown = margins + row_px * len(rows) - fig.layout.height
    fig.update_layout(height=fig.layout.height + grown)
    # our sources' slot right of each column's middle, other reports' slot left of it (see BACKGROUND_SLOT); the
    # legend's one entry sits above the plot at the right, clear of the title
    fig.update_layout(scattermode="group", scattergap=SLOT_GAP,
                      legend=dict(orientation="h", x=1, xanchor="right", y=1.02, yanchor="bottom",
                                  font=dict(size=SLIDE_TEXT_PX)))
    caption, generic = f"annotations[{len(fig.layout.annotations) - 1}]", fig.layout.meta["narrow"]
    add_narrow_traces(fig, {"mode": ["markers"] * len(fig.data)})
    # upright one-line column labels, a longer caption; taller rows
    labels_height, rows_height = 150 + NARROW_CAPTION_LINE * 3, 90
    bottom = generic["margin.b"] + labels_height
    return add_narrow_layout(
        fig,
        {
            "xaxis.tickangle": -90,
            "xaxis.ticktext": list(response_labels.values()),
            "xaxis.tickfont.size": 12,
            "yaxis.ticktext": ["<br>".join(textwrap.wrap(r, 28)) for r in rows.values()],
            "yaxis.tickfont.size": 12,
            "height": generic["height"] + grown + labels_height + rows_height + LEGEND_PAPER_PX,
            # on paper the title takes the width: the legend goes under it, at the left, and the plot moves down
            "margin.t": generic["margin.t"] + LEGEND_PAPER_PX,
            "legend.x": 0, "legend.xanchor": "left", "legend.y": 1.0, "legend.font.size": 12,
            "margin.b": bottom,
            f"{caption}.yshift": -(bottom - 6),
            # on paper the marks carry no letters: the source lines name the sources, the table says whose each mark is
            f"{caption}.text": "<br>".join(
                part
                for line in caption_text(frame).split("<br>")
                + ["Which source reports each mark: the table of accounts after this chart."]
                for part in textwrap.wrap(line, NARROW_CAPTION_WIDTH)
            ),
        },
    )
