"""The maps as students and teachers meet them, drawn by plotly.js in Chromium offline: a slide (1,280 px), a 900 px
JupyterLab cell, JupyterLab beside its file browser at 1366 px (about 950 px of figure) and an A4 handout (718 px, the
site's narrow form, applied by the site's own figures.js). Student 8 saw 'Ukraine' and its leader line written over
'Georgia' on the places map, and the year slider's labels written over the source lines under the membership map.
No text of a map (country name, leader line, slider label, source line, legend, title) may meet another."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

from csto import charts, data
from csto.course import entries
from csto.site.browser import offline_browser

from browser_support import needs_chromium, plotly_page

pytestmark = [needs_chromium, pytest.mark.browser]
ASSETS = Path(charts.__file__).resolve().parents[1] / "site" / "assets"
FIGURES_JS = ASSETS / "figures.js"
WIDTHS = (718, 900, 950, 1280)  # px of figure: A4 handout, JupyterLab cell, JupyterLab beside its file browser, slide
LESSONS = [e["notebook"] for e in entries()]
SHOTS = Path("/tmp/map_label_shots")

# Draws a figure as the site does (figures.js: the narrow form under 900 px), then lists every text box it drew, the
# leader lines as sampled points, and the slider's parts. Boxes are page pixels.
MEASURE_JS = """async ([figure, width]) => {
  const div = document.createElement('div');
  div.id = 'map';
  div.style.width = width + 'px';
  div.style.height = (figure.layout.height || 450) + 'px';
  document.body.replaceChildren(div);
  cstoDraw('map', figure);
  const want = width < CSTO_NARROW_PX ? 'narrow' : 'wide';
  for (let i = 0; i < 100 && div.getAttribute('data-csto-form') !== want; i++) {
    await new Promise(r => setTimeout(r, 50));
  }
  // two frames: the layout the narrow form asked for is painted (a fixed 300 ms wait measured the same 32 cases)
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const texts = [];
  div.querySelectorAll('g.annotation').forEach(a => {
    const t = a.querySelector('.annotation-text-g');
    if (t && t.textContent.trim()) texts.push({kind: 'annotation', text: t.textContent, box: box(t)});
  });
  div.querySelectorAll('.legendtext').forEach(t => texts.push({kind: 'legend', text: t.textContent, box: box(t)}));
  div.querySelectorAll('.gtitle').forEach(t => texts.push({kind: 'title', text: t.textContent, box: box(t)}));
  div.querySelectorAll('.slider-label').forEach(t => texts.push({kind: 'slider', text: t.textContent, box: box(t)}));
  div.querySelectorAll('.slider-currentvalue').forEach(t =>
    texts.push({kind: 'slider', text: t.textContent, box: box(t)}));
  div.querySelectorAll('.slider-rail-rect').forEach(t => texts.push({kind: 'slider', text: 'rail', box: box(t)}));
  const lines = [];
  div.querySelectorAll('g.annotation').forEach(a => {
    const path = a.querySelector('.annotation-arrow-g path');
    const t = a.querySelector('.annotation-text-g');
    if (!path || !t) return;
    const m = path.getScreenCTM(), n = path.getTotalLength(), points = [];
    for (let s = 0; s <= n; s += 2) {
      const p = path.getPointAtLength(s);
      points.push([m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]);
    }
    lines.push({text: t.textContent, points: points});
  });
  return {texts: texts, lines: lines, svg: box(div.querySelector('svg.main-svg')),
          form: div.getAttribute('data-csto-form')};
}"""


def _meet(a: dict, b: dict, gap: float = 1.0) -> bool:
    return a["left"] < b["right"] - gap and b["left"] < a["right"] - gap and \
        a["top"] < b["bottom"] - gap and b["top"] < a["bottom"] - gap


def _inside(point: list[float], b: dict) -> bool:
    return b["left"] + 1 < point[0] < b["right"] - 1 and b["top"] + 1 < point[1] < b["bottom"] - 1


def _crossing(p: list[list[float]], q: list[list[float]]) -> bool:
    """Whether two leader lines (sampled, straight) cross."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = p[0], p[-1], q[0], q[-1]

    def side(x0, y0, x1, y1, x, y):
        return (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)

    return side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0 and \
        side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0


def clashes(m: dict) -> list[str]:
    """Every pair of a map's texts that meet, every leader line that runs through another text or crosses another
    line, every text outside the figure; empty when the map reads cleanly."""
    out = []
    texts = [t for t in m["texts"] if t["box"]["right"] > t["box"]["left"]]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["kind"] == b["kind"] == "slider" or a["kind"] == b["kind"] == "legend":
                continue  # plotly spaces its own slider labels and legend entries
            if _meet(a["box"], b["box"]):
                out.append(f"{a['text'][:30]!r} meets {b['text'][:30]!r}")
        svg = m["svg"]
        if a["box"]["left"] < svg["left"] - 1 or a["box"]["right"] > svg["right"] + 1 or \
                a["box"]["bottom"] > svg["bottom"] + 1:
            out.append(f"{a['text'][:30]!r} outside the figure")
    for i, line in enumerate(m["lines"]):
        for t in texts:
            if t["text"] != line["text"] and any(_inside(p, t["box"]) for p in line["points"]):
                out.append(f"the line to {line['text']!r} runs through {t['text'][:30]!r}")
        for other in m["lines"][i + 1:]:
            if _crossing(line["points"], other["points"]):
                out.append(f"the lines to {line['text']!r} and {other['text']!r} cross")
    return out


def _maps() -> dict[str, go.Figure]:
    """Every lesson's places map and notebook 01's membership map with its slider, as the notebook draws it."""
    figures = {f"places {nb}": charts.places_map(nb) for nb in LESSONS}
    figures["membership"] = charts.membership_map(
        list(range(1992, 2027)), data.load("countries"), start_year=2010,
        title="With other reports (cited): Uzbekistan was a member again in 2010")
    return figures


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[tuple[str, int], dict]:
    page_file = plotly_page(tmp_path_factory.mktemp("maps"), "Maps", FIGURES_JS, body_style="")
    SHOTS.mkdir(exist_ok=True)
    results = {}
    with offline_browser(viewport=(1366, 900)) as (context, traffic):
        page = context.new_page()
        page.goto(page_file.as_uri())
        for name, fig in _maps().items():
            figure = json.loads(fig.to_json())
            for width in WIDTHS:
                results[(name, width)] = page.evaluate(MEASURE_JS, [figure, width])
                if clashes(results[(name, width)]):  # a picture of what a failing case shows, to look at
                    page.screenshot(path=str(SHOTS / f"{name.replace(' ', '_')}-{width}.png"), full_page=True)
        page.close()
    assert traffic.blocked == [] and traffic.console_errors == [], (traffic.blocked, traffic.console_errors)
    return results


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("nb", LESSONS)
def test_places_map_names_and_leader_lines_keep_clear_of_each_other(measured, nb, width):
    """Student 8 at 1366 px with the file browser open: 'Ukraine' and its line lay over 'Georgia'."""
    m = measured[(f"places {nb}", width)]
    assert m["form"] == ("narrow" if width < 900 else "wide")
    names = set(charts.lesson_places(nb)["name"])
    assert names <= {t["text"] for t in m["texts"]}, f"lesson {nb} at {width} px: a name was not drawn"
    assert clashes(m) == [], f"lesson {nb} at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
def test_membership_map_source_lines_sit_below_the_year_slider(measured, width):
    """Student 8: the slider's years (1992 ... 2026) were printed over the source lines under the map."""
    m = measured[("membership", width)]
    slider = [t["box"] for t in m["texts"] if t["kind"] == "slider"]
    caption = [t["box"] for t in m["texts"] if t["text"].startswith("Source")]
    assert slider and caption, f"at {width} px: no slider or no source lines drawn"
    assert caption[0]["top"] >= max(b["bottom"] for b in slider) + 2, f"at {width} px: source lines over the slider"
    assert clashes(m) == [], f"at {width} px"
