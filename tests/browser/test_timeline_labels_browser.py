"""Notebook 03's main timeline in JupyterLab beside the file browser (about 950 px of figure): its labels were packed
for a slide-wide plot, so in the narrower plot '24 Feb: Russia's full-scale war in Ukraine' sat on the row of '6 Jan:
First troops arrive' a few characters after it and read as one line. Drawn here with the site's plotly.js, offline,
at 900, 950 and 1280 px, every mark's label keeps a clear gap from the other labels and the marks of its row and
stays inside the plot."""

from __future__ import annotations

import json

import pytest

from csto import charts
from csto.data import lookups, views
from csto.lessons import gaps
from csto.site.browser import offline_browser

from browser_support import DRAW_AT_WIDTH_JS, needs_chromium, plotly_page

pytestmark = [needs_chromium, pytest.mark.browser]
WIDTHS = (900, 950, 1280)
GAP_PX = 40  # px between two labels on one row for a reader to see two: about four characters

LABELS_JS = "async ([figure, width]) => {" + DRAW_AT_WIDTH_JS + """
  const labels = Array.from(div.querySelectorAll('.annotation'))
    .filter(a => !/^(Source|Other reports)/.test(a.textContent)).map(a => box(a.querySelector('text')));
  const marks = Array.from(div.querySelectorAll('.scatterlayer .point')).map(box)
    .filter(b => b.right > b.left);
  return {labels: labels, marks: marks, plot: box(div.querySelector('.nsewdrag')),
          title: box(div.querySelector('.gtitle')),
          legend: Array.from(div.querySelectorAll('.legend .legendtext')).map(box)};
}"""


def _main_timeline():
    """Notebook 03's main chart, as the lesson writes it."""
    window = gaps.within(views.dated_rows(), "2022-01-01", "2022-02-28")
    colours = {lookups.source_names()[key]: colour for key, colour in lookups.source_colours().items()}
    return charts.timeline(window, lane="source", colours=colours, lane_labels={"background": "Other reports (cited)"},
                           title="Our sources give a season or a month; only other reports give days")


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[int, dict]:
    page_file = plotly_page(tmp_path_factory.mktemp("timeline"), "Timeline")
    figure = json.loads(_main_timeline().to_json())
    with offline_browser(viewport=(1366, 900)) as (context, traffic):
        page = context.new_page()
        page.goto(page_file.as_uri())
        results = {width: page.evaluate(LABELS_JS, [figure, width]) for width in WIDTHS}
        page.close()
    assert traffic.blocked == [] and traffic.console_errors == [], (traffic.blocked, traffic.console_errors)
    return results


def _same_row(a: dict, b: dict) -> bool:
    return a["top"] < b["bottom"] - 3 and b["top"] < a["bottom"] - 3


@pytest.mark.parametrize("width", WIDTHS)
def test_no_timeline_label_runs_on_into_another_label_or_a_mark_of_its_row(measured, width):
    m = measured[width]
    labels = m["labels"]
    assert labels, "the marks' labels are drawn"
    close = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
             if _same_row(a, b) and a["left"] < b["right"] + GAP_PX and b["left"] < a["right"] + GAP_PX]
    assert close == [], f"at {width} px two labels read as one line: {close}"
    on_marks = [a["text"] for a in labels for mk in m["marks"]
                if _same_row(a, mk) and a["left"] < mk["right"] - 1 and mk["left"] < a["right"] - 1]
    assert on_marks == [], f"at {width} px labels over marks: {on_marks}"
    plot = m["plot"]
    off = [a["text"] for a in labels if a["left"] < plot["left"] - 12 or a["right"] > plot["right"] + 12]
    assert off == [], f"at {width} px labels run off the plot: {off}"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_timeline_legend_keeps_clear_of_its_title(measured, width):
    """The legend above the plot wrapped to two rows beside the lane names in a 900 px figure and met the title."""
    m = measured[width]
    title = m["title"]
    meeting = [b["text"] for b in m["legend"] if b["left"] < title["right"] and title["left"] < b["right"]
               and b["top"] < title["bottom"] and title["top"] < b["bottom"]]
    assert meeting == [], f"at {width} px the legend meets the title: {meeting}"
