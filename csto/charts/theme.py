"""The charts' look: the course template and renderer, palette and colours, captions, ``finish`` and ``show``."""

from __future__ import annotations

import datetime
import json
import os
import sys
import textwrap
from functools import lru_cache
from math import ceil, cos, radians, sin

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.basedatatypes import BaseFigure

from ..data import keeping, lookups
from ..data.frames import kept_json, load
from ..labels import OKABE_ITO


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
WIDE_CAPTION_WIDTH = 110  # characters per source line at most (16 px), in the widest figure
CAPTION_LINE = 20  # px per source line at 16 px
TICKS_AND_AXIS_TITLE = 85  # px under the plot before the source lines start, with level one-line tick labels
# The wide form is drawn from a slide (about 1,200 px) down to JupyterLab beside its file browser (about 950 px of
# figure at 1366 px) or a narrower window: its source lines wrap to fit the narrowest, and its tick labels take a
# fixed angle, so the room they take under the plot is known here and the source lines start below them.
FIGURE_MIN_PX = 800  # px: the narrowest figure the wide form is laid out for (the site redraws narrower ones)
CAPTION_CHAR_PX = 8.2  # px per character of a 16 px source line in the course font (7.95 measured in JupyterLab)
LABEL_CHAR_PX = 9.5  # px per character of a 16 px label in the course font (DejaVu Sans), measured on the slides
TICK_LINE = 20  # px per line of a 16 px tick label
CATEGORY_WRAP = 12  # characters per line of a category label written level under its bar, on at most two lines
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


def built_template() -> go.layout.Template:
    """plotly's ``plotly_white`` with the course's look merged in, built once per machine and read back unchecked.

    Registering the template used to merge and validate it in every kernel (a quarter of a second of each lesson's
    setup). Plotly loads its own templates the same way: from JSON, with ``_validate=False``. The file sits in the
    table cache, keyed by plotly's version and the course layout, so a new plotly or a changed look builds it again.
    """
    import plotly

    key = "plotly_white+csto" + plotly.__version__ + json.dumps(COURSE_LAYOUT, sort_keys=True)
    merged = kept_json("templates", key, lambda: pio.templates.merge_templates(pio.templates["plotly_white"],
                                                                              course_template()).to_plotly_json())
    return go.layout.Template(merged, _validate=False)


RENDERER = "csto"


def register_template(name: str, template: go.layout.Template) -> None:
    """Register a template and make it the default, without plotly checking it twice more.

    plotly checks a template when it is registered and again when it is named the default: a fifth of a second of
    every lesson's setup. The course's template was built checked on this machine (``built_template``), so it is
    stored the way plotly stores the templates it loads itself; if plotly's store ever moves, the checked way is used.
    """
    store = getattr(pio.templates, "_templates", None)
    if isinstance(store, dict) and hasattr(pio.templates, "_default"):
        store[name] = template
        pio.templates._default = name
    else:
        pio.templates[name] = template
        pio.templates.default = name


def figure_mimebundle(fig_dict: dict) -> dict:
    """A figure as a notebook shows it: the plotly mimetype (JupyterLab draws that, offline, with its plotly extension)
    plus an HTML form, so that ``jupyter nbconvert --to slides`` keeps the chart: nbconvert drops the bare mimetype.
    JupyterLab never renders the HTML form when the mimetype is there; the HTML loads plotly.js from its CDN, like the
    rest of nbconvert's default output (the course's own site build replaces it with a local, offline figure)."""
    plotly_json = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
    return {"application/vnd.plotly.v1+json": plotly_json, "text/html": figure_html_for_nbconvert(fig_dict)}


def _display_figure(fig: go.Figure) -> None:
    """How the kernel shows a figure (a cell's value, ``display(fig)``, ``charts.show``) once the course theme is on."""
    from IPython.display import display

    display(figure_mimebundle(fig.to_dict()), raw=True)


def _course_renderer():
    """The same two forms as plotly's renderer "csto", for ``fig.show()`` once plotly's renderers are loaded."""
    from plotly.io._base_renderers import PlotlyRenderer

    class CourseRenderer(PlotlyRenderer):
        def to_mimebundle(self, fig_dict):
            return figure_mimebundle(fig_dict)

    return CourseRenderer()


@lru_cache(maxsize=1)
def _cdn_loader() -> str:
    """The tags with which plotly's HTML loads plotly.js from its CDN, as plotly writes them (the window config, then
    the bundle's URL with its integrity hash). plotly hashes its whole 4 MB bundle each time it writes them, about
    20 ms of every chart a lesson shows, so they are written once per machine and plotly version (the table cache)."""
    import plotly

    def written_by_plotly() -> str:
        html = pio.to_html(go.Figure(), include_plotlyjs="cdn", full_html=False, include_mathjax=False,
                           validate=False)
        start = html.index("<script>window.PlotlyConfig")
        return html[start:html.index("</script>", html.index('src="https://cdn.plot.ly')) + len("</script>")]

    return kept_json("templates", "plotly.js from its CDN " + plotly.__version__, written_by_plotly)


def figure_html_for_nbconvert(fig_dict: dict) -> str:
    """A figure as plotly's own HTML with plotly.js from its CDN (``include_plotlyjs="cdn"``), with the loading tags
    made once: the form nbconvert's slides keep."""
    body = pio.to_html(fig_dict, include_plotlyjs=False, full_html=False, include_mathjax=False, validate=False,
                       config={"displaylogo": False})
    wrapper, _, rest = body.partition(">")
    return f"{wrapper}>{_cdn_loader()}{rest}"


def use_course_theme() -> None:
    """Give the student's own plotly charts the course's look, and render charts for JupyterLab and for nbconvert.

    Call it once, in a notebook's setup cell. Importing ``csto.charts`` changes nothing global: the course's own
    builders style their figures themselves, so the template only matters for figures a student makes with plotly.
    A figure shown as a cell's value, with ``display`` or ``charts.show`` gets both forms of ``figure_mimebundle``
    (JupyterLab offline, nbconvert's slides); a student's ``fig.show()`` gets plotly's mimetype, which JupyterLab
    draws offline, unless plotly's renderers were loaded already (then the course's renderer, both forms).
    """
    keeping.keep_in_this_kernel()  # a chart drawn on the last Run All is read back while nothing it rests on changed
    register_template("csto", built_template())
    shell = keeping.ipython_shell()
    if shell is not None:  # IPython's own extension point for how an object displays: every plotly figure
        shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, _display_figure)
    if "plotly.io._renderers" in sys.modules:
        use_course_renderer()
    else:  # loading plotly's renderers imports nbformat and jsonschema (a tenth of a second): wait for a fig.show()
        os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    keeping.freeze_what_is_loaded()  # last: the setup's imports are all in


def use_course_renderer() -> None:
    """Make the course's two forms the default of plotly's own ``fig.show()`` (loads plotly's renderers)."""
    from .. import _imports

    _imports.jsonschema()  # plotly's renderers import nbformat, hence jsonschema: import it without the slow grammar
    pio.renderers[RENDERER] = _course_renderer()
    pio.renderers.default = RENDERER


def _figure_json(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def _figure_from_json(content: dict) -> go.Figure:
    """A figure from the JSON of one plotly built and checked (``_figure_json``), without checking every value again,
    as the course's template is stored (``built_template``): checking loads plotly's validators, most of the first
    chart's wait in a lesson. A property name that does not exist is still refused when a cell changes the figure."""
    return go.Figure(content, _validate=False)


def drawn_once(builder):
    """A chart builder whose figures a kernel keeps while the course's files and the builder's arguments are the same
    (``csto.data.keeping``): drawing a chart is most of a lesson's Run All; reading it back takes milliseconds."""
    return keeping.kept("figures", encode=_figure_json, decode=_figure_from_json)(builder)


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
            quote = row.get("quote")
            said = f"“{quote}”" if isinstance(quote, str) and quote else ""
            source = f"Source: {lookups.source_name(row.get('source_id'))}"
        rows.append([wrap(row.get(title, "")), str(row.get("when", "")), wrap(said), wrap(source)])
    return rows


#: How a caption names where its quotes come from: in words, since a file path is wrong in the kit (data sits under
#: dataset/ there) and means nothing to a student; the source reader names every report in full.
OUR_SOURCES = " (our five sources; the source reader cites each in full)"
#: A time axis's title: a bar is a period, exactly dated (a mission from 6 to 19 January) or a date known only
#: roughly (a month, a season), drawn over every day it may cover; a day is a mark.
TIME_AXIS_TITLE = "Date (a bar is a period: exact, or a date known only roughly)"
#: What a lane of a timeline stands for, in the classroom's words, by the column it is drawn from.
LANE_WORDS = {"notebook": "lesson", "source": "source", "source_id": "source", "country": "country", "step": "step"}


def caption_text(frame: pd.DataFrame, marked: str = "open grey marks") -> str:
    """'Source: Stratfor 2017, AFP 2022 (our five sources; ...)' and 'Other reports, cited (open grey marks): TVP
    World' for the rows drawn: the classroom's words for background."""
    names = lookups.source_names()
    used = [names[s] for s in lookups.source_order() if "source_id" in frame and s in set(frame["source_id"].dropna())]
    text = "Source: " + (", ".join(used) if used else "none") + OUR_SOURCES
    if "origin" in frame and (frame["origin"] == "context").any():
        publishers = sorted(
            {lookups.publisher(c) for c in frame.loc[frame["origin"] == "context", "citation_id"].dropna()}
        )
        # one line: ``finish`` wraps it to the figure (wrapped here too, it left a short line at each break)
        text += f"<br>Other reports, cited ({marked}): " + "; ".join(publishers)
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
        wrap_legend(fig)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    asked = fig.layout.margin.b if fig.layout.margin.b is not None else COURSE_LAYOUT["margin"]["b"]
    bottom = asked
    # the source lines are slide text too (16 px), wrapped to fit the narrowest wide figure right of the plot's left
    # edge, where they start; the bottom margin holds the tick labels, the axis title and then the source lines
    anchor, width = caption_anchor(fig), caption_width(fig)
    wide_caption = [part for line in caption.split("<br>") for part in (textwrap.wrap(line, width) or [""])]
    band = 0.0
    if fig.layout.xaxis.visible is not False:
        band = fix_category_ticks(fig)
        ticks = TICKS_AND_AXIS_TITLE + max(0, ceil(band) - TICK_LINE)
        bottom = max(bottom, ticks + CAPTION_LINE * len(wide_caption))
    else:
        bottom = max(bottom, 10 + CAPTION_LINE * len(wide_caption))
    # the plot keeps the height it had: the figure grows by what the labels and source lines add (up to a slide's)
    fig.update_layout(margin_b=bottom, height=max(fig.layout.height, min(DECK_HEIGHT_MOST,
                                                                            fig.layout.height + bottom - asked)))
    # on paper (13 px ticks, 12 px source lines) the same angle takes less room
    paper_bottom = asked + (ceil(band * (PAPER_TEXT_PX + 1) / SLIDE_TEXT_PX) - TICK_LINE if band > TICK_LINE else 0)
    fig.add_annotation(
        text="<br>".join(wide_caption),
        xref="paper",
        yref="paper",
        x=0 if anchor == "left" else 1,
        y=0,
        yanchor="bottom",
        yshift=-(bottom - 6),
        xanchor=anchor,
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
            "height": fig.layout.height - bottom + paper_bottom + grow_top + grow_bottom,
            f"{caption_key}.text": "<br>".join(narrow_caption),
            f"{caption_key}.yshift": -(paper_bottom + grow_bottom - 6),
        }
    )
    return add_narrow_layout(fig, narrow)


DECK_HEIGHT_MOST = 640  # px: the tallest a chart is drawn on a 1280x720 slide (csto.site.preprocessors)


def _lines(label: object) -> list[str]:
    return str(label).split("<br>")


def _longest_line(labels: list[str]) -> int:
    return max((len(line) for label in labels for line in _lines(label)), default=0)


def axis_labels(fig: go.Figure, letter: str) -> list[str]:
    """The words an axis writes at its ticks: its ``ticktext``, or else the text values its traces draw on it
    (categories); numbers and dates give none, since plotly writes those short."""
    axis = fig.layout[f"{letter}axis"]
    if axis.ticktext:
        return [str(t) for t in axis.ticktext]
    values = [v for trace in fig.data if getattr(trace, letter, None) is not None for v in getattr(trace, letter)]
    return list(dict.fromkeys(str(v) for v in values if isinstance(v, str)))


def plot_left(fig: go.Figure) -> float:
    """Where the plot starts (px from the figure's left edge): the y tick labels and the y axis title, estimated a
    little wide, or the left margin the figure asked for, whichever is more."""
    axis = fig.layout.yaxis
    asked = fig.layout.margin.l if fig.layout.margin.l is not None else COURSE_LAYOUT["margin"]["l"]
    if axis.visible is False:
        return asked
    chars = _longest_line(axis_labels(fig, "y")) or 4  # numbers: '0.5', '1.5k'
    return max(asked, 14 + chars * LABEL_CHAR_PX + (30 if axis.title.text else 0))


LABELS_WIDE_PX = 200  # px: a plot starting further right (long row labels) ends its source lines at its right edge


def caption_anchor(fig: go.Figure) -> str:
    """Which edge of the plot the source lines keep to: its left edge, where they start; or, beside long row labels
    and with no legend at the right, its right edge, where they end, running left over the labels' margin (the
    story's chart does the same), so a line is not squeezed into what the labels leave."""
    return "right" if plot_left(fig) > LABELS_WIDE_PX and not _right_legend_px(fig) else "left"


def caption_width(fig: go.Figure) -> int:
    """Characters per source line: as many as fit in the narrowest wide figure (``FIGURE_MIN_PX``) from the edge of
    the plot the lines keep to (``caption_anchor``); never more than a slide's ``WIDE_CAPTION_WIDTH``."""
    right = fig.layout.margin.r if fig.layout.margin.r is not None else COURSE_LAYOUT["margin"]["r"]
    start = 10 + right if caption_anchor(fig) == "right" else plot_left(fig) + 12
    return max(36, min(WIDE_CAPTION_WIDTH, int((FIGURE_MIN_PX - start) / CAPTION_CHAR_PX)))


LEGEND_WRAP = 28  # characters per line of a legend entry at the right of a wide figure


def wrap_legend(fig: go.Figure) -> None:
    """Long legend entries at the right of a wide figure go on two lines: 'Other reports (cited), not our five
    sources' took 450 px, half of a JupyterLab figure, and left the plot a sliver. On paper, where the legend runs
    above the plot, they stay whole (the site's narrow form gives each trace its name back)."""
    names = [t.name for t in fig.data]
    if not any(isinstance(n, str) and len(n) > LEGEND_WRAP and "<br>" not in n for n in names):
        return
    for trace in fig.data:
        if isinstance(trace.name, str) and len(trace.name) > LEGEND_WRAP and "<br>" not in trace.name:
            trace.name = "<br>".join(textwrap.wrap(trace.name, LEGEND_WRAP))
    add_narrow_traces(fig, {"name": [n if n is not None else "" for n in names]})


def _right_legend_px(fig: go.Figure) -> float:
    entries = [t for t in fig.data if t.showlegend is not False and t.name]
    if len(entries) < 2 or fig.layout.showlegend is False or fig.layout.legend.orientation == "h":
        return 0.0
    return 50 + LABEL_CHAR_PX * _longest_line([str(t.name) for t in entries])


def _dated(fig: go.Figure) -> bool:
    """Whether the x axis is a time axis: set so, or its traces' first x values are dates."""
    if fig.layout.xaxis.type == "date":
        return True
    firsts = [next((v for v in trace.x if v is not None), None) for trace in fig.data
              if getattr(trace, "x", None) is not None and len(trace.x)]
    return any(isinstance(v, (datetime.date, np.datetime64)) for v in firsts)


def fix_category_ticks(fig: go.Figure) -> float:
    """Give a category x axis a fixed tick angle and return the height (px, at 16 px) its tick labels take.

    Plotly turns crowded labels by itself, by an angle that depends on the width it is drawn at, so the room they
    take cannot be known beforehand and the source lines under them were drawn over them in a narrower window. The
    labels are written level, wrapped to two short lines, when every one fits its bar's width in the narrowest wide
    figure; otherwise upright. An angle the figure already sets is kept (and measured)."""
    axis = fig.layout.xaxis
    labels = axis_labels(fig, "x")
    if axis.tickangle is None and labels and axis.type == "category":
        plot = FIGURE_MIN_PX - plot_left(fig) - 30 - _right_legend_px(fig)
        for chars in range(CATEGORY_WRAP, 5, -1):  # the widest wrap that fits: fewer, longer lines read best
            wrapped = ["<br>".join(textwrap.wrap(label, chars) or [label]) for label in labels]
            if all(len(_lines(w)) <= 2 for w in wrapped) and \
                    len(labels) * (_longest_line(wrapped) * LABEL_CHAR_PX + 12) <= plot:
                fig.update_xaxes(tickangle=0, tickmode="array", tickvals=labels, ticktext=wrapped)
                break
        else:
            fig.update_xaxes(tickangle=-90)
    elif axis.tickangle is None:  # numbers and dates: plotly spaces them to fit, and would turn them in a narrow plot
        fig.update_xaxes(tickangle=0)
    # plotly writes a date's year under the first tick's day or month ('Jan 2' over '2022'): two lines
    labels = axis_labels(fig, "x") or (["Jan 2<br>2022"] if _dated(fig) else ["2000"])
    lines = max(len(_lines(label)) for label in labels)
    angle = abs(float(axis.tickangle or 0)) % 180
    if angle == 0:
        return float(TICK_LINE * lines)
    return _longest_line(labels) * LABEL_CHAR_PX * sin(radians(angle)) + TICK_LINE * lines * abs(cos(radians(angle)))


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
