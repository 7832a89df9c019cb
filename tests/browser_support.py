"""Shared pieces of the browser tests: skip (or, on CI, fail) without Chromium; count what a figure drew."""

from __future__ import annotations

import pytest

from csto.browser import chromium_path

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is missing: apt-get install chromium")

FIGURES_DRAWN_JS = """() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(div => {
    const svg = div.querySelector('.main-svg');
    const marks = div.querySelectorAll('.trace, .point, .bars path, .table .cell-text, .scatterlayer path').length;
    return {id: div.id, drawn: !!svg, marks: marks};
})"""
