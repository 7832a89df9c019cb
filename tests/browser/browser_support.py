"""Shared pieces of the browser tests: skip (or, on CI, fail) without Chromium; count what a figure drew."""

from __future__ import annotations

import time

import pytest

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
    the full plotly bundle, which loads after the page's other figures)."""
    deadline = time.monotonic() + timeout
    while True:
        figures = page.evaluate(FIGURES_DRAWN_JS)
        if all(f["drawn"] and f["marks"] > 0 for f in figures) or time.monotonic() > deadline:
            return figures
        page.wait_for_timeout(200)


def serious_accessibility_violations(page) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical violations on the page as it stands: (rule, impact, nodes) each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    return [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]
