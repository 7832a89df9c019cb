"""JupyterLab as a student and a teacher meet it: open the course, run all cells offline, see charts, present with RISE.

The servers here are started with a plain ``jupyter lab`` command line (loopback, a port, a token, the folder): the
quiet, offline behaviour comes from the settings the install step puts into the environment, so it holds however
JupyterLab is started — ``make lab``, ``.venv/bin/jupyter lab``, or a hosted service.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from csto.lab import running_lab
from csto.site.browser import offline_browser

from browser_support import needs_chromium

pytestmark = [needs_chromium, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[2]
IDLE_JS = ("() => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget; return p && p.sessionContext"
           " && p.sessionContext.session && p.sessionContext.session.kernel"
           " && p.sessionContext.session.kernel.status === 'idle'; }")
# the first notebook runs in RISE as a teacher presents it, the second in JupyterLab as a student works: each runs
# all its cells once in the real frontend (every notebook runs in a kernel under nbval and in the site build)
NOTEBOOKS = ["notebooks/00_start_here.ipynb", "notebooks/01_founding_and_membership.ipynb"]
RISE_NOTEBOOK, LAB_NOTEBOOK = NOTEBOOKS


KEYS_NOTEBOOK = "notebooks/keys.ipynb"
LESSON_NOTEBOOK = "notebooks/99_lesson.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """One scratch course for the module: a copy of the notebooks, plus the small lesson and the two-cell notebook the
    lesson and Esc-B tests open. Running cells in the UI must never write outputs into the repository."""
    root = tmp_path_factory.mktemp("jupyterlab") / "course"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _lesson_page(root / LESSON_NOTEBOOK)
    _keys_notebook(root / KEYS_NOTEBOOK)
    return root


@pytest.fixture(scope="module")
def lab(course, tmp_path_factory):
    """One JupyterLab for the module, serving the scratch course; each test opens its pages in a workspace of its
    own (``open_notebook``), so every test meets a fresh JupyterLab with no restored workspace."""
    workdir = tmp_path_factory.mktemp("lab")
    with running_lab(workdir, root=course) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    """One offline Chromium for the module; each test opens its own page in it (``page``) and reads only the requests
    it blocked while the test ran."""
    with offline_browser() as (context, traffic):
        yield context, traffic


@pytest.fixture
def page(browser, lab, course, request):
    """A new page of the module's browser; afterwards every kernel the test started is shut down and any course
    notebook JupyterLab saved is put back, so the next test opens it as committed in a fresh kernel.
    ``page.blocked()`` lists the external requests blocked since the test began."""
    context, traffic = browser
    seen = len(traffic.blocked)
    tab = context.new_page()
    tab.workspace = request.node.name.replace("[", "-").replace("]", "").replace("/", "-").replace(".", "-")
    tab.blocked = lambda: traffic.blocked[seen:]
    yield tab
    if not tab.is_closed():
        tab.close()
    for session in json.loads(_get(lab, "/api/sessions")):
        _delete(lab, f"/api/sessions/{session['id']}")
    for original in (ROOT / "notebooks").glob("*.ipynb"):
        served = course / "notebooks" / original.name
        if served.read_bytes() != original.read_bytes():
            shutil.copy2(original, served)


def open_notebook(page, lab, path: str) -> None:
    """Open a notebook as ``lab.lab_url`` does, but in a workspace named after the test: nothing of an earlier test's
    layout is restored."""
    page.goto(f"{lab.url}/lab/workspaces/{page.workspace}/tree/{path}?token={lab.token}")


def _get(lab, path: str) -> str:
    sep = "&" if "?" in path else "?"
    return urllib.request.urlopen(f"{lab.url}{path}{sep}token={lab.token}", timeout=10).read().decode("utf-8")


def _delete(lab, path: str) -> None:
    request = urllib.request.Request(f"{lab.url}{path}?token={lab.token}", method="DELETE")
    urllib.request.urlopen(request, timeout=30).read()


def test_jupyterlab_started_any_way_fetches_no_news_checks_no_update_and_queries_no_index(lab):
    page = _get(lab, "/lab")
    data = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    config = json.loads(data.group(1))
    assert config["extensionManager"]["name"] == "read-only", "no request to the PyPI extension index"
    notification = json.loads(_get(lab, "/lab/api/settings/@jupyterlab/apputils-extension:notification"))
    properties = notification["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false" and properties["checkForUpdates"]["default"] is False
    rise = json.loads(_get(lab, "/lab/api/settings/jupyterlab-rise:plugin"))
    assert rise["schema"]["properties"]["theme"]["default"] == "white", "RISE's default theme loads Google Fonts"


def test_run_all_cells_offline_draws_charts_without_errors(lab, page):
    page.set_viewport_size({"width": 1400, "height": 900})
    open_notebook(page, lab, LAB_NOTEBOOK)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell"
                           " && document.querySelector('.jp-Notebook')", timeout=60000)
    page.wait_for_function(IDLE_JS, timeout=60000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function("() => { const p = window.jupyterapp.shell.currentWidget;"
                           " const cells = p.content.widgets; return cells.filter(c => c.model.type === 'code')"
                           ".every(c => c.model.executionCount !== null)"
                           " && p.sessionContext.session.kernel.status === 'idle'; }", timeout=120000)
    errors = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                           ".filter(c => c.model.type === 'code'"
                           " && c.model.outputs.toJSON().some(o => o.output_type === 'error')).length")
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30000)
    heights = page.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot .main-svg'))"
                            ".map(s => s.getBoundingClientRect().height)")
    rise = page.evaluate("() => ['RISE:preview', 'RISE:slideshow']"
                         ".filter(c => window.jupyterapp.commands.hasCommand(c))")
    assert errors == 0, "a cell raised an error"
    assert heights and max(heights) >= 500, f"charts draw at the course's height, not plotly's 360 px: {heights}"
    assert rise == ["RISE:preview", "RISE:slideshow"]
    assert page.blocked() == [], f"JupyterLab or the notebook reached for the network: {page.blocked()}"


def _run_all_cells_from_the_rise_palette(page, attempts: int = 3) -> None:
    """Run All Cells as a teacher does on the RISE page (it exposes no app object to script): open the command
    palette, click the command itself, and confirm the kernel started; on a loaded machine the first key press can
    land before the page takes focus, so a palette that never ran the command is opened again."""
    for _ in range(attempts):
        page.locator(".reveal").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+Shift+C")
        palette = page.locator(".lm-CommandPalette-input")
        try:
            palette.wait_for(state="visible", timeout=15000)
        except PlaywrightTimeout:
            continue
        palette.fill("Run All Cells")
        item = page.locator(".lm-CommandPalette-item", has_text=re.compile(r"^\s*Run All Cells")).first
        item.wait_for(state="visible", timeout=15000)
        item.click()
        try:
            page.wait_for_function("Array.from(document.querySelectorAll('.jp-InputPrompt'))"
                                   ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))", timeout=30000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError("RISE's command palette never started Run All Cells")


def test_rise_shows_the_notebook_as_a_slideshow_with_its_charts_offline(lab, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{lab.url}/rise/{RISE_NOTEBOOK}?token={lab.token}")  # what RISE:slideshow opens from JupyterLab
    page.wait_for_function("!!document.querySelector('.reveal .slides section.present')", timeout=60000)
    theme = page.evaluate("document.body.classList.contains('theme-white')")
    page.wait_for_function("!!document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=idle]')",
                           timeout=60000)
    _run_all_cells_from_the_rise_palette(page)
    page.wait_for_function("document.querySelectorAll('.jp-RenderedPlotly .main-svg').length >= 1", timeout=180000)
    page.locator(".reveal .slides section.present").last.click(position={"x": 5, "y": 5})
    page.keyboard.press("Home")
    for _ in range(80):
        if page.evaluate("!!document.querySelector("
                         "'.reveal .slides section.present .jp-RenderedPlotly .main-svg')"):
            break
        page.keyboard.press("Space")
        time.sleep(0.15)
    marks = page.evaluate("""() => {
        const p = document.querySelector('.reveal .slides section.present .jp-RenderedPlotly');
        return p ? p.querySelectorAll('.scatterlayer .trace, .point, .bars path').length : 0; }""")
    assert theme, "RISE uses the course's theme (the default one loads Google Fonts)"
    assert marks > 0, "a chart is drawn on its slide in the slideshow"
    assert page.blocked() == [], f"the slideshow reached for the network: {page.blocked()}"


def test_make_lab_opens_the_first_notebook_of_the_course_map():
    from csto.course import entries
    from csto.lab import lab_command

    command = lab_command(ROOT)
    assert f"--LabApp.default_url=/lab/tree/notebooks/{entries()[0]['file']}" in command
    assert "--no-browser" not in command


# ---- teacher notes folded, self-checks clicked and slips explained, in JupyterLab itself ----------------------------

def test_every_speaker_notes_cell_is_folded_for_jupyterlab():
    from csto.lab import unfolded_notes

    unfolded = {p.name: unfolded_notes(json.loads(p.read_text(encoding="utf-8")))
                for p in sorted((ROOT / "notebooks").glob("*.ipynb"))}
    open_notes = {name: cells for name, cells in unfolded.items() if cells}
    assert not open_notes, ("speaker notes open in JupyterLab (cell indexes); run "
                            f"`python -m csto.lab fold-notes notebooks/*.ipynb`: {open_notes}")


def test_fold_notes_folds_only_the_notes_and_keeps_their_words(tmp_path):
    from csto.lab import is_notes, main, unfolded_notes
    from csto.site.preprocessors import unfold_notes_source

    path = tmp_path / "03.ipynb"
    committed = json.loads((ROOT / "notebooks" / "03_kazakhstan_2022.ipynb").read_text(encoding="utf-8"))
    for cell in committed["cells"]:  # the committed notebook is folded: start from its notes as an author writes them
        if is_notes(cell):
            cell["source"] = unfold_notes_source("".join(cell["source"]))
    path.write_text(json.dumps(committed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    before = json.loads(path.read_text(encoding="utf-8"))
    main(["fold-notes", str(path)])
    after = json.loads(path.read_text(encoding="utf-8"))
    assert unfolded_notes(before) and unfolded_notes(after) == []
    for old, new in zip(before["cells"], after["cells"], strict=True):
        assert new["metadata"] == old["metadata"]
        if is_notes(old):
            text = "".join(new["source"])
            assert text.startswith("".join(old["source"]).split(":**")[0] + ":**\n\n<details><summary>For teachers")
            assert unfold_notes_source(text) == "".join(old["source"]), "unfolded, the notes read exactly as written"
        else:
            assert new["source"] == old["source"]
    stamp = path.stat().st_mtime_ns
    main(["fold-notes", str(path)])
    assert path.stat().st_mtime_ns == stamp, "a folded notebook is not rewritten"


def test_fold_notes_refuses_a_notes_cell_off_the_convention_and_writes_nothing(tmp_path):
    import nbformat

    from csto.lab import fold_notes

    nb = nbformat.v4.new_notebook()
    notes = {"slideshow": {"slide_type": "notes"}}
    nb.cells = [nbformat.v4.new_markdown_cell("**Speaker notes — A (5 min):** fine", metadata=notes),
                nbformat.v4.new_markdown_cell("Notes without the opening", metadata=notes)]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.ipynb, cell 2: a notes cell must open with"):
        fold_notes(path)
    assert path.read_text(encoding="utf-8") == before


def test_folded_notes_are_whole_in_the_deck_speaker_view():
    import nbformat

    from csto.site.preprocessors import DeckExporter, fold_notes_source, site_config

    text = "**Speaker notes — Self-check (5 min):** Ask which choice fooled most people.\n\nThen *why*."
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## Self-check", metadata={"slideshow": {"slide_type": "slide"}}),
                nbformat.v4.new_markdown_cell(fold_notes_source(text), metadata={"slideshow": {"slide_type": "notes"}})]
    body, _ = DeckExporter(config=site_config("notes")).from_notebook_node(nb)
    aside = re.search(r'<aside class="notes">(.*?)</aside>', body, re.S).group(1)
    assert "Ask which choice fooled most people." in aside and "<em>why</em>" in aside
    assert "<details" not in aside and "For teachers" not in aside, "the speaker view shows the notes open"


NOTES = {"slideshow": {"slide_type": "notes"}}


def _lesson_page(path: Path) -> Path:
    """A small lesson as a student gets it: the setup cell, a slide, its folded speaker notes, the self-check and
    a slip (a word without quotes) at the end, where Run All stops."""
    import nbformat

    from csto.site.preprocessors import fold_notes_source

    notes = ("**Speaker notes — Self-check (5 min):** Let the class click through the questions alone, then ask which "
             "choice fooled most people and why.\n\nTEACHER-ONLY-SECOND-PARAGRAPH")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("%load_ext csto.slips\nfrom csto import show\nfrom csto.lessons import quiz"),
                nbformat.v4.new_markdown_cell("## Self-check", metadata={"slideshow": {"slide_type": "slide"}}),
                nbformat.v4.new_markdown_cell(fold_notes_source(notes), metadata=NOTES),
                nbformat.v4.new_code_cell('show.self_check("00")'),
                nbformat.v4.new_code_cell("answer = Bordyuzha")]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_a_lesson_in_jupyterlab_folds_notes_clicks_its_self_check_and_explains_a_slip(lab, page, tmp_path):
    from csto.lessons import quiz

    questions = quiz.question_data("00")
    index, choice_q = next((i, q) for i, q in enumerate(questions) if q["kind"] == "choice")
    wrong = next(i for i, c in enumerate(choice_q["choices"]) if not c["right"])
    words = "zero one two three four five six seven eight nine ten".split()  # the test's own spelling
    n_index, number_q = next((i, q) for i, q in enumerate(questions) if q["kind"] == "number" and
                             float(q["answer"]).is_integer() and 0 <= q["answer"] < len(words))
    page.set_viewport_size({"width": 1366, "height": 768})
    open_notebook(page, lab, LESSON_NOTEBOOK)
    page.wait_for_function(IDLE_JS, timeout=60000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    question = page.locator(".csto-self-check .Quiz").nth(index)
    question.wait_for(timeout=60000)
    question.locator("label").nth(wrong).click()
    feedback = question.locator(".Feedback").inner_text()
    # a number typed in words, key by key, in the cell's output: the box takes the letters (no notebook
    # shortcut fires) and reads them as the checker does
    field = page.locator(".csto-self-check .Quiz").nth(n_index).locator("input")
    field.click()
    field.press_sequentially(words[int(number_q["answer"])])
    field.press("Enter")
    number_feedback = page.locator(".csto-self-check .Quiz").nth(n_index).locator(".Feedback").inner_text()
    slip = page.locator(".csto-slip")
    slip.wait_for(timeout=60000)
    slip_open = slip.locator("details").get_attribute("open")
    question.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "jupyterlab-self-check.png"))
    slip.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "jupyterlab-slip.png"))
    slip_text = slip.inner_text()
    notes = page.locator(".jp-MarkdownCell", has_text="Speaker notes")
    notes.scroll_into_view_if_needed()
    heading = notes.locator(".jp-RenderedMarkdown").text_content().strip()
    folded = notes.locator("details").count() == 1 and notes.locator("details").get_attribute("open") is None \
        and not notes.locator(".jp-RenderedMarkdown").get_by_text("TEACHER-ONLY-SECOND-PARAGRAPH").is_visible()
    page.screenshot(path=str(tmp_path / "jupyterlab-notes.png"))
    notes.locator("summary").click()
    opened = notes.locator(".jp-RenderedMarkdown").get_by_text("TEACHER-ONLY-SECOND-PARAGRAPH").is_visible()
    assert folded, f"after Run All the speaker notes show open in JupyterLab: {heading!r}"
    assert heading.startswith("Speaker notes — Self-check (5 min):") and "For teachers (click to open)" in heading
    assert opened, "a click on 'For teachers' opens the notes"
    assert feedback.startswith("Not quite:") and choice_q["choices"][wrong]["feedback"] in feedback
    assert number_feedback.startswith(f"Right: {int(number_q['answer'])}."), f"a number in words: {number_feedback!r}"
    assert "put words in quotes, 'Bordyuzha'" in slip_text and slip_open is None, "one sentence, traceback folded"
    assert page.blocked() == [], f"the lesson reached for the network: {page.blocked()}"


LAST_CELL_ACTIVE = ("() => { const n = window.jupyterapp.shell.currentWidget.content;"
                    " return n.activeCellIndex === n.widgets.length - 1; }")


def _click_last_cell(page, tries: int = 3) -> None:
    """Click the last cell as a student does, and wait until JupyterLab has made it active, so Esc, B acts on it. On
    a busy machine a click can land while the notebook is still laying itself out and be lost: click again."""
    for attempt in range(tries):
        page.locator(".jp-Cell").last.click()
        try:
            page.wait_for_function(LAST_CELL_ACTIVE, timeout=5000)
            return
        except Exception:  # noqa: BLE001  (playwright's TimeoutError: the click was lost, try again)
            if attempt == tries - 1:
                raise


def _keys_notebook(path: Path) -> Path:
    """Two cells, a heading and a line of code: the notebook the Esc-B test types into."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Start"), nbformat.v4.new_code_cell("x = 1")]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_after_esc_b_typing_goes_into_the_new_cell_not_into_shortcuts(lab, page):
    """Notebook 00 teaches Esc, then B for a new cell: the course's settings open the new cell for typing, so a
    student's answer ('dd my answer') is text, not 'd d' (delete the cell) and 'm' (make it Markdown)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    open_notebook(page, lab, KEYS_NOTEBOOK)
    page.wait_for_function("() => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                           " return p && p.content && p.content.widgets.length === 2; }", timeout=60000)
    cells = []
    for key in ("b", "a"):
        _click_last_cell(page)
        page.keyboard.press("Escape")
        page.wait_for_function("() => window.jupyterapp.shell.currentWidget.content.mode === 'command'",
                               timeout=10000)
        page.keyboard.press(key)
        page.keyboard.type("dd my answer")
        page.wait_for_timeout(300)
        cells.append(page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                                   ".map(c => [c.model.type, c.model.sharedModel.getSource()])"))
    assert cells[0] == [["markdown", "# Start"], ["code", "x = 1"], ["code", "dd my answer"]]
    assert cells[1] == [["markdown", "# Start"], ["code", "x = 1"], ["code", "dd my answer"], ["code", "dd my answer"]]
    assert page.blocked() == []
