"""JupyterLab as a student and a teacher meet it: open the course, run all cells offline, see charts, present with RISE."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csto.site.browser import offline_browser
from csto.lab import running_lab

from browser_support import needs_chromium

pytestmark = [needs_chromium, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ["notebooks/00_start_here.ipynb", "notebooks/01_founding_and_membership.ipynb"]


@pytest.fixture
def lab(tmp_path):
    """A fresh JupyterLab (no restored workspace) serving a copy of the notebooks: running cells in the UI must
    never write outputs into the repository."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "course" / "notebooks")
    (tmp_path / "lab").mkdir()
    with running_lab(tmp_path / "lab", root=tmp_path / "course") as server:
        yield server


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_run_all_cells_offline_draws_charts_without_errors_and_rise_is_available(lab, path):
    with offline_browser(viewport=(1400, 900)) as (context, traffic):
        page = context.new_page()
        page.goto(lab.lab_url(path))
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell && document.querySelector('.jp-Notebook')", timeout=60000)
        page.wait_for_function("() => { const p = window.jupyterapp.shell.currentWidget; return p && p.sessionContext && p.sessionContext.session"
                               " && p.sessionContext.session.kernel && p.sessionContext.session.kernel.status === 'idle'; }", timeout=60000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function("() => { const p = window.jupyterapp.shell.currentWidget; const cells = p.content.widgets;"
                               " return cells.filter(c => c.model.type === 'code').every(c => c.model.executionCount !== null)"
                               " && p.sessionContext.session.kernel.status === 'idle'; }", timeout=120000)
        errors = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.filter(c => c.model.type === 'code'"
                               " && c.model.outputs.toJSON().some(o => o.output_type === 'error')).length")
        page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30000)
        drawn = page.locator(".js-plotly-plot .main-svg").count()
        rise = page.evaluate("() => ['RISE:preview', 'RISE:slideshow'].filter(c => window.jupyterapp.commands.hasCommand(c))")
        page.close()
    assert errors == 0, "a cell raised an error"
    assert drawn > 0, "no plotly figure drew"
    assert rise, "the RISE commands are not registered"
    assert traffic.blocked == [], f"JupyterLab or the notebook reached for the network: {traffic.blocked}"


def test_make_lab_opens_the_first_notebook_of_the_course_map():
    from csto.course import course_map
    from csto.lab import lab_command

    command = lab_command(ROOT)
    assert f"--LabApp.default_url=/lab/tree/notebooks/{course_map()['file'].iloc[0]}" in command
    assert "--LabApp.extension_manager=readonly" in command and "--no-browser" not in command
