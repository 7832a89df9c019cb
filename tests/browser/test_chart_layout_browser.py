"""The course's charts drawn by plotly.js in Chromium at the widths students and teachers meet them: JupyterLab beside
its file browser (about 950 px of figure at 1366 px, down to 800 px in a smaller window) and a slide (about 1,200 px).
The source lines sit below the tick labels and the axis title, inside the figure, and the tick labels keep clear of
each other. The page draws each figure from its JSON with the site's own plotly.js, offline, as JupyterLab does."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from csto import charts, data, labels, story
from csto.charts.matrix import MATRIX_PERIODS
from csto.data import views
from csto.site.browser import offline_browser

from browser_support import needs_chromium, plotly_page

pytestmark = [needs_chromium, pytest.mark.browser]
WIDTHS = (800, 950, 1280)


def _figures() -> dict[str, go.Figure]:
    """Notebook 00's kinds and per-year charts, notebook 06's cards per question (exercise 3) and one of each other
    builder."""
    from csto.lessons import evidence

    entries = views.dated_rows()
    kinds = entries.groupby(["source_id", "kind"]).size().reset_index(name="entries")
    within_a_year = entries["start"].dt.year == entries["end"].dt.year
    years = entries.assign(year=entries["start"].dt.year.astype(str).where(within_a_year, "several years"),
                           source_id=entries["source_id"].fillna(labels.BACKGROUND))
    per_year = years.groupby(["source_id", "year"]).size().reset_index(name="entries")
    figures = views.with_labels(data.load("figures"))
    percent = figures[figures["unit"] == "percent"]
    return {
        "kinds": charts.grouped_counts(kinds, "kind", "entries", "Our five sources give dates of different kinds",
                                       "Kind of entry", "Dated entries"),
        "years": charts.grouped_counts(per_year, "year", "entries", "75 of the dated entries fall within 2022",
                                       "Year of the date", "Dated entries", stacked=True,
                                       note="Grey: other reports, each cited in data/citations.csv."),
        "questions": charts.grouped_counts(evidence.sources_per_question(), "question", "items", "<your finding>",
                                           "Question", "Cards"),
        "timeline": charts.timeline(entries.head(12), title="A timeline"),
        "lanes": charts.lanes(views.country_acts().head(10), title="Lanes"),
        "spans": charts.membership_spans(data.load("membership"), data.load("countries")),
        "bars": charts.figure_bars(percent.assign(label=views.figure_label(percent)), "Percent figures"),
        "matrix": charts.response_matrix(views.crisis_responses(), years=MATRIX_PERIODS[1]),
        "story": story.what_happened_figure("03"),  # a date axis: plotly writes the year under the first day
    }


MEASURE_JS = """async ([figure, width]) => {
  const div = document.createElement('div');
  div.style.width = width + 'px';
  document.body.replaceChildren(div);
  await Plotly.newPlot(div, figure.data, figure.layout, {responsive: false});
  const box = el => el.getBoundingClientRect();
  const svg = box(div.querySelector('svg.main-svg'));
  const captions = Array.from(div.querySelectorAll('.annotation'))
    .filter(a => /^(Source|Background)/.test(a.textContent));
  const caption = box(captions[captions.length - 1]);
  const ticks = Array.from(div.querySelectorAll('.xtick text')).map(box).filter(r => r.width);
  const title = div.querySelector('.g-xtitle text');
  const above = Math.max(...ticks.map(r => r.bottom), title ? box(title).bottom : 0);
  const overlaps = [];
  ticks.forEach((r, i) => ticks.slice(i + 1).forEach(q => {
    if (r.left < q.right - 2 && q.left < r.right - 2 && r.top < q.bottom - 2 && q.top < r.bottom - 2) overlaps.push(i);
  }));
  return {captionTop: caption.top, above: above, captionLeft: caption.left, captionRight: caption.right,
          captionBottom: caption.bottom, left: svg.left, right: svg.right, bottom: svg.bottom,
          overlaps: overlaps.length};
}"""


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[tuple[str, int], dict]:
    page_file = plotly_page(tmp_path_factory.mktemp("charts"), "Charts", body_style="")
    results = {}
    with offline_browser(viewport=(1366, 900)) as (context, traffic):
        page = context.new_page()
        page.goto(page_file.as_uri())
        for name, fig in _figures().items():
            figure = json.loads(fig.to_json())
            for width in WIDTHS:
                results[(name, width)] = page.evaluate(MEASURE_JS, [figure, width])
                if name in ("years", "questions") and width == 950:
                    page.screenshot(path=str(page_file.with_name(f"{name}-{width}.png")), full_page=True)
        page.close()
    assert traffic.blocked == [] and traffic.console_errors == [], (traffic.blocked, traffic.console_errors)
    return results


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["kinds", "years", "questions", "timeline", "lanes", "spans", "bars", "matrix",
                                  "story"])
def test_source_lines_sit_below_the_tick_labels_and_inside_the_figure(measured, name, width):
    """Student 5 at 1366 px: the source lines ran over the turned tick labels and the axis title, and off the right
    edge. At every width from 800 px up they start under both and stay within the figure."""
    m = measured[(name, width)]
    assert m["captionTop"] >= m["above"] + 2, f"{name} at {width} px: source lines over the ticks or axis title {m}"
    assert m["left"] - 1 <= m["captionLeft"] and m["captionRight"] <= m["right"] + 1, f"{name} at {width} px: {m}"
    assert m["captionBottom"] <= m["bottom"] + 1, f"{name} at {width} px: below the figure {m}"
    assert m["overlaps"] == 0, f"{name} at {width} px: tick labels drawn over each other"


@pytest.mark.parametrize("period", MATRIX_PERIODS, ids=lambda p: f"{p[0]}-{p[1]}")
def test_the_matrix_column_labels_keep_clear_of_each_other_in_a_900px_jupyterlab_cell(tmp_path, period):
    """A student's JupyterLab window narrower than about 950 px: the matrix's nine level column labels ('Statements
    and monitoring', 'Declined, material help offered', ...) ran into each other. Written upright on two lines, each
    period's chart keeps them apart at 900 px, with the source lines below them."""
    page_file = plotly_page(tmp_path, "Matrix", body_style="")
    fig = charts.response_matrix(views.crisis_responses(), highlight="kaz_2022", years=period)
    with offline_browser(viewport=(1366, 900)) as (context, traffic):
        page = context.new_page()
        page.goto(page_file.as_uri())
        m = page.evaluate(MEASURE_JS, [json.loads(fig.to_json()), 900])
        page.close()
    assert traffic.blocked == [] and traffic.console_errors == [], (traffic.blocked, traffic.console_errors)
    assert m["overlaps"] == 0, f"{period} at 900 px: column labels drawn over each other {m}"
    assert m["captionTop"] >= m["above"] + 2, f"{period} at 900 px: source lines over the column labels {m}"
