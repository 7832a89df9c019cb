"""The site build: figures become offline HTML, rebuilds are incremental, failures name the cell and change nothing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import plotly.graph_objects as go
import pytest

from csto.site import build as site_build
from csto.site.browser import chromium_path
from csto.course import course_map

ROOT = Path(__file__).resolve().parent.parent


def _tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _nb_with_figure(fig: go.Figure) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [nbformat.v4.new_output("display_data", data={site_build.PLOTLY_MIME: fig.to_plotly_json(), "text/plain": "Figure"})]
    return nbformat.v4.new_notebook(cells=[cell])


def test_plotly_outputs_become_local_html_drawn_by_the_shared_loader():
    nb = _nb_with_figure(go.Figure(go.Scatter(x=[1], y=[2]), layout={"meta": {"alt": "One point."}}))
    assert site_build.figures_to_html(nb, "t") == 1
    output = nb.cells[0].outputs[0]["data"]
    html = output["text/html"]
    assert 'cstoDraw("csto-t-fig-1",' in html and 'aria-label="One point."' in html
    assert not re.search(r"https?://", html) and site_build.PLOTLY_MIME not in output and "</script" not in html[:-9]


def test_links_between_notebooks_point_to_sibling_pages_in_the_site():
    page = '<a href="02_calls_for_help.ipynb">02</a> <a href="03_kazakhstan_2022.ipynb#gaps">03</a> <a href="../data/README.md">data</a>'
    assert site_build.site_links(page) == '<a href="02_calls_for_help.html">02</a> <a href="03_kazakhstan_2022.html#gaps">03</a> <a href="../data/README.md">data</a>'


def test_a_failing_notebook_is_reported_with_its_cell(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0")])
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(site_build.BuildError, match=r"broken.ipynb: cell 1 failed: ZeroDivisionError"):
        site_build.execute(path)


def test_rebuild_without_changes_executes_nothing_and_leaves_sources_untouched(built_site):
    site, first = built_site
    assert sorted(first.executed + first.reused) == sorted(Path(f).stem for f in course_map()["file"])
    sources_before = _tree_hash(ROOT / "notebooks"), _tree_hash(ROOT / "data")
    again = site_build.build(site, pdf=chromium_path() is not None, log=lambda *_: None)
    assert again.executed == [], "unchanged notebooks must not be re-executed"
    assert (_tree_hash(ROOT / "notebooks"), _tree_hash(ROOT / "data")) == sources_before


def test_a_failed_build_leaves_the_previous_site_intact(built_site, monkeypatch):
    site, _ = built_site
    before = _tree_hash(site)
    real = site_build.executed_notebook
    third = course_map()["file"][2]

    def failing(notebook, cache, log):
        if notebook.name == third:
            raise site_build.BuildError(f"notebooks/{third}: cell 4 failed: ValueError: planted")
        return real(notebook, cache, log)

    monkeypatch.setattr(site_build, "executed_notebook", failing)
    with pytest.raises(site_build.BuildError, match="cell 4 failed"):
        site_build.build(site, pdf=False, log=lambda *_: None)
    assert _tree_hash(site) == before
    assert not site.with_name(f".{site.name}-staging").exists()
