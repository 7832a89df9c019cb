"""Shared pieces of the browser tests: skip (or, on CI, fail) without Chromium; count what a figure drew; open a site
page or a deck in the module's offline browser; find axis labels drawn over each other."""

from __future__ import annotations

from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from csto.site.browser import chromium_path

needs_chromium = pytest.mark.skipif(
    chromium_path() is None, reason="Debian's chromium is missing: apt-get install chromium"
)

FIGURES_DRAWN_JS = """() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(div => {
    const svg = div.querySelector('.main-svg');
    const marks = div.querySelectorAll('.trace, .point, .bars path, .table .cell-text, .scatterlayer path').length;
    return {id: div.id, drawn: !!svg, marks: marks};
})"""


def drawn_figures(page, timeout: float = 20.0) -> list[dict]:
    """Each figure's state once all have drawn, or as they are when ``timeout`` runs out (a quote table waits for
    the full plotly bundle, which loads after the page's other figures). The page is asked on each animation frame,
    so the answer comes as soon as the last figure draws."""
    with suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({FIGURES_DRAWN_JS})().every(f => f.drawn && f.marks > 0)",
                               timeout=timeout * 1000)
    return page.evaluate(FIGURES_DRAWN_JS)


def all_drawn(figures: list[dict]) -> bool:
    """Whether every figure ``drawn_figures`` found has drawn, with marks."""
    return all(f["drawn"] and f["marks"] > 0 for f in figures)


def full_plotly_requests(requested: list[str]) -> list[str]:
    """The requests a page made for plotly.js's full bundle: the site ships only its basic one."""
    return [u for u in requested if u.endswith("plotly.min.js") or "plotly-2" in u or "plotly-latest" in u]


def serious_accessibility_violations(page) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical violations on the page as it stands: (rule, impact, nodes) each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    return [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def lesson_stems() -> list[str]:
    """The lessons' file stems in course order: each names a deck, a handout and a worksheet of the built site."""
    from csto.course import entries

    return [Path(e["file"]).stem for e in entries()]


class Tab:
    """A page of the module's offline browser ((context, traffic) from ``offline_browser``) at ``viewport`` (default:
    the context's), which can load one document after another: a new page costs a renderer of its own and plotly.js
    compiled again, a fifth of a site page's load. ``reset`` clears the blocked requests, console errors and requested
    URLs and sets the screen back (viewport, screen media), so what the tab records next is the next document's own."""

    def __init__(self, browser, viewport: tuple[int, int] | None = None):
        context, self.traffic = browser
        self.page = context.new_page()
        size = self.page.viewport_size
        self.viewport = viewport or (size["width"], size["height"])
        self.requested: list[str] = []
        self.page.on("request", lambda request: self.requested.append(request.url))

    def reset(self) -> None:
        self.traffic.blocked.clear()
        self.traffic.console_errors.clear()
        self.requested.clear()
        self.page.set_viewport_size({"width": self.viewport[0], "height": self.viewport[1]})
        self.page.emulate_media(media="screen")

    def open(self, path: Path, query: str = ""):
        """``path`` loaded in the tab, its traffic its own: (page, traffic, requested URLs)."""
        self.reset()
        self.page.goto(path.as_uri() + query)
        self.page.wait_for_load_state("load")
        return self.page, self.traffic, self.requested


def open_page(browser, path: Path, query: str = "", viewport: tuple[int, int] | None = None):
    """``path`` loaded in a new page of the module's offline browser, at ``viewport`` if given: (page, traffic,
    requested URLs), the blocked requests and console errors cleared first so they are the page's own."""
    return Tab(browser, viewport).open(path, query)


@contextmanager
def own_page(browser, viewport: tuple[int, int] | None = None, path: Path | None = None):
    """A new page of the module's offline browser at ``viewport``, with ``path`` loaded if given, its traffic cleared
    first and the page closed afterwards: (page, traffic)."""
    tab = Tab(browser, viewport)
    if path is None:
        tab.reset()
    else:
        tab.open(path)
    try:
        yield tab.page, tab.traffic
    finally:
        if not tab.page.is_closed():
            tab.page.close()


def open_deck(where, site: Path, stem: str):
    """A lesson's deck once reveal.js and the course's script have set it up (the page marks itself ready), in a
    ``Tab`` or, given the module's browser, in a new page: as ``open_page``."""
    tab = where if isinstance(where, Tab) else Tab(where)
    page, traffic, requested = tab.open(site / "decks" / f"{stem}.html")
    page.wait_for_selector("html[data-deck-ready='true']", timeout=20000)
    return page, traffic, requested


TICK_LABELS_OVERLAP = """(scope) => {
  const out = [];
  (scope ? [scope] : [document]).forEach(root => root.querySelectorAll('.csto-figure')
    .forEach(figure => ['xtick', 'ytick'].forEach(kind => {
    // a label plotly turned to fit has a slanted box that meets its neighbour's even when the words do not: skipped
    const boxes = Array.from(figure.querySelectorAll(`.${kind} text`))
      .filter(t => !/rotate\\((?!0)/.test(t.getAttribute('transform') || ''))
      .map(t => [t.textContent, t.getBoundingClientRect()]).filter(b => b[1].width);
    boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, q]) => {
      if (r.left < q.right - 2 && q.left < r.right - 2 && r.top < q.bottom - 2 && q.top < r.bottom - 2) {
        out.push([a, b]); } }));
  })));
  return out;
}"""


# the plotly.js the site ships, for tests that draw one figure at a chosen width on a blank offline page
PLOTLY_JS = Path(__file__).resolve().parents[2] / "csto" / "site" / "assets" / "plotly-basic" / "plotly-basic.min.js"
# the opening of such a test's function ``async ([figure, width]) => {...}``: the figure drawn in a div ``width`` px
# wide, and ``box(element)``, an element's text and its box on the page
DRAW_AT_WIDTH_JS = """
  const div = document.createElement('div');
  div.style.width = width + 'px';
  document.body.replaceChildren(div);
  await Plotly.newPlot(div, figure.data, figure.layout, {responsive: false});
  const box = el => { const r = el.getBoundingClientRect();
                      return {text: el.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
"""


def plotly_page(folder: Path, title: str, *scripts: Path, body_style: str = "margin:0") -> Path:
    """A blank page that loads the site's plotly.js and the other ``scripts`` given (the site's figures.js, for a
    test of the narrow forms) and nothing else, written in ``folder``."""
    page = folder / "figure.html"
    loaded = "".join(f'<script src="{script.as_uri()}"></script>' for script in (PLOTLY_JS, *scripts))
    body = f' style="{body_style}"' if body_style else ""
    page.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{loaded}</head>'
                    f"<body{body}></body></html>", encoding="utf-8")
    return page

