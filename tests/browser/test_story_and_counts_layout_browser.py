"""Notebook 05 in JupyterLab at 1366x768 beside the file browser (about 900-950 px of figure): the story timeline
showed 6 of its 12 row labels (plotly skips every other category label when a plot is short, and the legend, wrapped
to five lines, took the rows' height); the chart of term counts had its y-axis title over the chart title, upright
term names running into the x-axis title, the '8' above the tallest bar cut off and a large empty gap. Each chart is
drawn here with the site's plotly.js, offline, at those widths and a slide's, and its text boxes are measured."""

from __future__ import annotations

import json

import pytest

from csto import charts, story
from csto.lessons import source_criticism
from csto.site.browser import offline_browser

from browser_support import DRAW_AT_WIDTH_JS, needs_chromium, plotly_page

pytestmark = [needs_chromium, pytest.mark.browser]
WIDTHS = (900, 950, 1280)
LESSONS = ("00", "01", "02", "03", "04", "05", "06")

BOXES_JS = "async ([figure, width]) => {" + DRAW_AT_WIDTH_JS + """
  const all = sel => Array.from(div.querySelectorAll(sel)).map(box).filter(b => b.right > b.left);
  return {
    figure: box(div.querySelector('svg.main-svg')),
    plot: box(div.querySelector('.bglayer rect') || div.querySelector('.nsewdrag')),
    title: all('.gtitle'), xtitle: all('.g-xtitle text'), ytitle: all('.g-ytitle text'),
    xticks: all('.xtick text'), yticks: all('.ytick text'), legend: all('.legend .legendtext'),
    values: all('.bartext, .textpoint text'),
  };
}"""


def _meet(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def _clashes(groups: dict[str, list[dict]]) -> list[tuple[str, str, str, str]]:
    """Pairs of text boxes from different groups (title, axis titles, tick labels, legend, values) that meet."""
    names = list(groups)
    return [(n, a["text"], m, b["text"]) for i, n in enumerate(names) for m in names[i + 1:]
            for a in groups[n] for b in groups[m] if _meet(a, b)]


def _outside(boxes: list[dict], frame: dict) -> list[str]:
    return [b["text"] for b in boxes if b["left"] < frame["left"] - 1 or b["right"] > frame["right"] + 1
            or b["top"] < frame["top"] - 1 or b["bottom"] > frame["bottom"] + 1]


def _terms_figure():
    """Notebook 05's cell, as the lesson writes it."""
    return charts.grouped_counts(
        source_criticism.term_counts(), "term", "count",
        "Only Evstratov writes 'special operation'; only the report citing AFP and Mitchell write 'invasion'",
        "Term (whole words or phrases)", "Times the term appears in the text",
        note=("Whole-word counts in the four English texts; "
              "the Indonesian translation uses none of these English words."))


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[tuple[str, int], dict]:
    page_file = plotly_page(tmp_path_factory.mktemp("layout"), "Charts")
    figures = {**{f"story {nb}": story.what_happened_figure(nb) for nb in LESSONS}, "terms": _terms_figure()}
    results = {}
    with offline_browser(viewport=(1366, 900)) as (context, traffic):
        page = context.new_page()
        page.goto(page_file.as_uri())
        for name, fig in figures.items():
            for width in WIDTHS:
                results[(name, width)] = page.evaluate(BOXES_JS, [json.loads(fig.to_json()), width])
        page.close()
    assert traffic.blocked == [] and traffic.console_errors == [], (traffic.blocked, traffic.console_errors)
    return results


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("nb", LESSONS)
def test_every_story_row_keeps_its_label_clear_of_the_legend_and_title(measured, nb, width):
    m = measured[(f"story {nb}", width)]
    rows = story.what_happened_figure(nb).layout.yaxis.categoryarray
    drawn = [b["text"] for b in m["yticks"]]
    assert len(drawn) == len(rows), f"story {nb} at {width} px: {len(drawn)} of {len(rows)} row labels drawn"
    ticks = m["yticks"]
    touching = [(a["text"], b["text"]) for i, a in enumerate(ticks) for b in ticks[i + 1:] if _meet(a, b, 2)]
    assert touching == [], f"story {nb} at {width} px: row labels over each other {touching}"
    assert _clashes({k: m[k] for k in ("title", "legend", "yticks", "xticks", "xtitle")}) == [], f"story {nb} {width}"
    assert _outside(m["legend"] + m["title"] + m["yticks"], m["figure"]) == [], f"story {nb} at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_term_counts_keep_titles_ticks_and_counts_apart_and_whole(measured, width):
    m = measured[("terms", width)]
    groups = {k: m[k] for k in ("title", "xtitle", "ytitle", "xticks", "yticks", "legend", "values")}
    assert _clashes(groups) == [], f"term counts at {width} px: text drawn over text"
    assert _outside([b for g in groups.values() for b in g], m["figure"]) == [], f"{width} px: cut by the edge"
    assert min(b["top"] for b in m["values"]) >= m["plot"]["top"] - 1, f"{width} px: a count above the plot is cut"
    assert len(m["xticks"]) == 6, f"{width} px: every term named under its bars"
    plot_height = m["plot"]["bottom"] - m["plot"]["top"]
    assert plot_height >= 0.4 * (m["figure"]["bottom"] - m["figure"]["top"]), f"{width} px: the bars squeezed {m}"
