"""The site build: preprocessors prepare notebooks for decks and handouts, failures name the cell, the cache is a
parameter, rebuilds are incremental, and the finished site replaces the old one in one step or not at all."""

from __future__ import annotations

import copy
import hashlib
import shutil
import re
from pathlib import Path

import nbformat
import plotly.graph_objects as go
import pytest

from csto.course import course_map
from csto.site import build as site_build
from csto.site import preprocessors as pre
from csto.site.browser import chromium_path

ROOT = Path(__file__).resolve().parents[2]


def _tree_hash(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _nb_with_figure(fig: go.Figure) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={pre.PLOTLY_MIME: fig.to_plotly_json(), "text/plain": "Figure"})
    ]
    return nbformat.v4.new_notebook(cells=[cell])


def test_plotly_outputs_become_local_html_drawn_by_the_shared_loader():
    nb = _nb_with_figure(go.Figure(go.Scatter(x=[1], y=[2]), layout={"meta": {"alt": "One point."}}))
    nb, resources = pre.PlotlyFigures(prefix="t").preprocess(nb, {})
    output = nb.cells[0].outputs[0]["data"]
    html = output["text/html"]
    assert resources["csto"]["figures"] == 1
    assert 'cstoDraw("csto-t-fig-1",' in html and 'aria-label="One point."' in html
    assert not re.search(r"https?://", html) and pre.PLOTLY_MIME not in output and "</script" not in html[:-9]


def test_links_are_rewritten_in_the_notebook_for_the_site():
    cell = nbformat.v4.new_markdown_cell("[02](02_calls_for_help.ipynb) [03](03_kazakhstan_2022.ipynb#gaps) "
                                         "[seed](../docs/glossary.md#seed) [data](../data/README.md) [web](https://example.org/x.ipynb)")
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb, _ = pre.SiteLinks().preprocess(nb, {})
    assert nb.cells[0].source == ("[02](02_calls_for_help.html) [03](03_kazakhstan_2022.html#gaps) "
                                  "[seed](../glossary.html#seed) [data](../codebook.html) [web](https://example.org/x.ipynb)")


def test_a_quotation_links_to_its_passage_in_the_source_reader():
    cell = nbformat.v4.new_code_cell("show.passage(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "> “words”\n>\n> — *AFP 2022*"},
                                           metadata={pre.READER_KEY: "afp2022#p-0123456789"})]
    nb, _ = pre.SiteLinks().preprocess(nbformat.v4.new_notebook(cells=[cell]), {})
    assert (
        "[Read it in the source](../sources/afp2022.html#p-0123456789)"
        in nb.cells[0].outputs[0]["data"]["text/markdown"]
    )


def test_handouts_lose_the_speaker_notes_and_decks_lose_starter_cells():
    notes = nbformat.v4.new_markdown_cell(
        "**Speaker notes (5 min):** ask the class", metadata={"slideshow": {"slide_type": "notes"}}
    )
    starter = nbformat.v4.new_code_cell("# your code here", metadata={"tags": ["student"]})
    text = nbformat.v4.new_markdown_cell("## A slide", metadata={"slideshow": {"slide_type": "slide"}})
    handout, _ = pre.SpeakerNotesOut().preprocess(nbformat.v4.new_notebook(cells=[text, notes, starter]), {})
    deck, _ = pre.DeckOnlyWhatTheRoomSees().preprocess(nbformat.v4.new_notebook(cells=[text, notes, starter]), {})
    assert [c.source for c in handout.cells] == ["## A slide", "# your code here"]
    assert [c.source for c in deck.cells] == ["## A slide", "**Speaker notes (5 min):** ask the class"]


def test_the_deck_splits_a_story_cell_in_two_and_leaves_other_cells_alone():
    words = ["one " * 60, "two " * 50, "three " * 40, "four " * 70]
    source = "## What happened\n\n*Told from other reports (cited).*\n\n" + "\n\n".join(w.strip() for w in words)
    story = nbformat.v4.new_markdown_cell(
        source, metadata={"slideshow": {"slide_type": "slide"}, "tags": ["story"]}
    )
    other = nbformat.v4.new_markdown_cell(
        "## A slide\n\nfirst\n\nsecond", metadata={"slideshow": {"slide_type": "slide"}}
    )
    nb = nbformat.v4.new_notebook(cells=[other, story])
    deck, _ = pre.SplitStory().preprocess(nb, {})
    assert [c.source for c in deck.cells][0] == "## A slide\n\nfirst\n\nsecond"
    first, second = deck.cells[1], deck.cells[2]
    assert len(deck.cells) == 3
    assert first.source.startswith("## What happened\n\n*Told from other reports (cited).*\n\none")
    assert first.source.endswith(words[1].strip()) and first.metadata["slideshow"]["slide_type"] == "slide"
    assert first.metadata["tags"] == ["story"]
    assert second.source.startswith("## What happened (continued)\n\nthree")
    assert "Told from" not in second.source and second.metadata["slideshow"]["slide_type"] == "subslide"
    assert second.source.endswith(words[3].strip())
    assert second.get("id") != first.get("id")


def test_the_story_sections_speaker_notes_stay_on_the_first_of_its_two_slides():
    """Notes sit on the first slide of the section they time: pressing S on the first story slide shows them."""
    source = "## What happened\n\n" + "\n\n".join(["one " * 60, "two " * 60])
    story = nbformat.v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": "slide"}, "tags": ["story"]})
    notes = nbformat.v4.new_markdown_cell(
        "**Speaker notes — What happened (4 min):** ask", metadata={"slideshow": {"slide_type": "notes"}}
    )
    chart = nbformat.v4.new_code_cell("story.what_happened('03')", metadata={"slideshow": {"slide_type": "subslide"}})
    deck, _ = pre.SplitStory().preprocess(nbformat.v4.new_notebook(cells=[story, notes, chart]), {})
    kinds = [(c.metadata["slideshow"]["slide_type"], c.source.split("\n")[0][:30]) for c in deck.cells]
    assert kinds == [
        ("slide", "## What happened"),
        ("notes", "**Speaker notes — What happene"),
        ("subslide", "## What happened (continued)"),
        ("subslide", "story.what_happened('03')"),
    ]


def test_the_exporters_are_configured_through_traitlets():
    config = pre.site_config("x")
    deck, handout = pre.DeckExporter(config=config), pre.HandoutExporter(config=config)
    names = [type(p).__name__ for p in deck._preprocessors]
    assert [n for n in names if n in ("DeckOnlyWhatTheRoomSees", "PlotlyFigures", "SiteLinks")] == [
        "DeckOnlyWhatTheRoomSees",
        "PlotlyFigures",
        "SiteLinks",
    ]
    assert "SpeakerNotesOut" in [type(p).__name__ for p in handout._preprocessors]
    assert deck.exclude_input and not handout.exclude_input and deck.reveal_url_prefix == "../assets/reveal.js"


def _broken(tmp_path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# title"), *map(nbformat.v4.new_code_cell, cells)]
    )
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_failing_cell_is_reported_by_its_number_and_first_line(tmp_path):
    path = _broken(tmp_path, "x = 1", "# divide\n1 / 0")
    with pytest.raises(
        site_build.BuildError, match=r"^notebooks/broken.ipynb: cell 3 \('# divide'\) failed: ZeroDivisionError"
    ):
        site_build.execute(path)


def test_a_timeout_is_reported_like_a_cell_error(tmp_path, monkeypatch):
    monkeypatch.setattr(site_build, "CELL_TIMEOUT", 2)
    path = _broken(tmp_path, "x = 1", "import time\ntime.sleep(30)")
    with pytest.raises(
        site_build.BuildError, match=r"broken.ipynb: cell 3 \('import time'\) did not finish within 2 s"
    ):
        site_build.execute(path)


def test_a_dead_kernel_is_reported_like_a_cell_error(tmp_path):
    path = _broken(tmp_path, "x = 1", "import os\nos._exit(1)")
    with pytest.raises(
        site_build.BuildError, match=r"broken.ipynb: the kernel died while running cell 3 \('import os'\)"
    ):
        site_build.execute(path)


def test_the_swap_exchanges_the_sites_in_one_step(tmp_path):
    site, staging = tmp_path / "site", tmp_path / ".site-staging"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging.mkdir()
    (staging / "new.html").write_text("new")
    assert site_build.exchange(staging, site), "renameat2(RENAME_EXCHANGE) is available on Linux"
    site_build.exchange(staging, site)  # and back, to test the full swap below
    site_build.swap_into_place(staging, site)
    assert sorted(p.name for p in site.iterdir()) == ["new.html"] and not staging.exists()


def test_the_build_executes_into_the_cache_it_is_given(built_site):
    site, first, cache = built_site
    assert sorted(first.executed) == sorted(Path(f).stem for f in course_map()["file"]), (
        "a fresh cache runs every notebook"
    )
    assert all((cache / f"{Path(f).stem}.ipynb").exists() for f in course_map()["file"])
    assert not (ROOT / ".build-cache").exists() or cache != ROOT / ".build-cache"


@pytest.fixture
def site_copy(built_site, tmp_path):
    """A copy of the built site and its cache, for a test that rebuilds: the shared site stays as the browser tests
    read it."""
    site, _, cache = built_site
    shutil.copytree(site, tmp_path / "site")
    shutil.copytree(cache, tmp_path / "cache")
    return tmp_path / "site", tmp_path / "cache"


def test_a_rebuild_without_changes_executes_nothing_and_changes_no_page(site_copy):
    site, cache = site_copy
    before = _tree_hash(site)
    again = site_build.build(site, pdf=chromium_path() is not None, log=lambda *_: None, cache=cache)
    assert again.executed == [] and again.pdfs == 0, "unchanged notebooks must not be re-executed or re-printed"
    assert _tree_hash(site) == before


def test_a_failed_build_leaves_the_previous_site_intact(site_copy, monkeypatch):
    site, cache = site_copy
    before = _tree_hash(site)
    third = course_map()["file"][2]
    real = site_build.executed_notebook

    def failing(notebook, cache_dir, shared, log):
        if notebook.name == third:
            raise site_build.BuildError(f"notebooks/{third}: cell 4 ('x') failed: ValueError: planted")
        return real(notebook, cache_dir, shared, log)

    monkeypatch.setattr(site_build, "executed_notebook", failing)
    with pytest.raises(site_build.BuildError, match="cell 4"):
        site_build.build(site, pdf=False, log=lambda *_: None, cache=cache)
    assert _tree_hash(site) == before
    assert not site.with_name(f".{site.name}-staging").exists()


# ---- the teacher's guide page and the worksheets ---------------------------------------------------------------

def test_the_guide_page_has_every_lesson_with_kit_links_relative_to_the_kit():
    from csto.course import entries
    from csto.site.guide import guide_html

    page = guide_html()
    for entry in entries():
        stem = Path(entry["file"]).stem
        assert f'id="lesson-{entry["notebook"]}"' in page
        assert f'href="decks/{stem}.html?print-pdf&showNotes=separate-page"' in page
        assert f'href="worksheets/{stem}.pdf"' in page
    assert 'href="site/' not in page and "<!--" not in page


def test_the_kit_guide_tells_kit_users_where_things_are_in_the_kit_not_how_the_repository_builds_them():
    from csto.site.guide import guide_html, guide_path

    text = re.sub(r"<[^>]+>", " ", guide_html())  # what a reader sees, not the links' addresses
    for needle in ("site/", "make slides", "make dist", ".toml", "python -m", "For maintainers"):
        assert needle not in text, needle
    assert "decks/NN_*.pdf" in text and "worksheets/NN_*.pdf" in text
    assert "For maintainers" in guide_path().read_text(encoding="utf-8"), "the repository's guide keeps them"


def _lesson_notebook(story: str, figure: dict | None) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_markdown_cell(story)]
    cells[1].metadata["tags"] = ["story"]
    chart = nbformat.v4.new_code_cell("charts.show(fig)")
    chart.metadata["tags"] = ["main-chart"]
    if figure is not None:
        chart.outputs = [nbformat.v4.new_output("display_data", data={"application/vnd.plotly.v1+json": figure})]
    return nbformat.v4.new_notebook(cells=[*cells, chart])


def test_a_worksheet_shows_question_story_quotes_chart_and_questions_without_code_or_ids():
    from csto.course import entries
    from csto.site.worksheet import spec, visible_text, worksheet_html

    entry = next(e for e in entries() if e["notebook"] == "03")
    nb = _lesson_notebook(
        "## What happened\n\nOn 2 January 2022 protests began. See [lesson 02](02_calls_for_help.ipynb).",
        {
            "data": [{"type": "scatter", "x": [1], "y": [2]}],
            "layout": {"height": 500, "meta": {"narrow": {"height": 900}}},
        },
    )
    page = worksheet_html(entry, nb)
    text = visible_text(page)
    assert entry["question"] in text and "On 2 January 2022 protests began" in text and "lesson 02" in text
    assert "02_calls_for_help" not in page, "a link's words stay, its target goes"
    assert 'class="ws-picture"' in page and '"narrow"' not in page, "the chart is drawn as on its slide"
    for question in spec("03")["questions"]:
        assert question["text"].replace('"', "&#34;") in page or question["text"] in text
    assert text.count("“") >= len(spec("03")["quotes"])
    assert not re.search(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text), re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text)[:3]
    assert "<pre" not in page and "<code" not in page


def test_a_worksheet_shows_every_part_of_a_main_chart_drawn_in_two_cells():
    """A lesson may draw its main chart in two cells (as lesson 02 drew its matrix in two periods): a sheet whose file
    names no parts shows them all, or a sheet with only the first part would leave out the later cases."""
    from csto.course import entries
    from csto.site.worksheet import worksheet_html

    entry = next(e for e in entries() if e["notebook"] == "03")
    first = {"data": [{"type": "scatter", "x": [1], "y": [2]}], "layout": {"height": 500, "title": {"text": "2010"}}}
    nb = _lesson_notebook("## What happened\n\nIn 2010 ...", first)
    second = copy.deepcopy(nb.cells[-1])
    second.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"] = "2022"
    nb.cells.append(second)
    page = worksheet_html(entry, nb)
    assert page.count('class="ws-picture"') == 2, "one picture per part of the main chart"
    assert '"text":"2010"' in page and '"text":"2022"' in page
    assert page.index('"text":"2010"') < page.index('"text":"2022"'), "the parts in the notebook's order"
    assert page.index('class="ws-chart"') < page.index('class="ws-quotes"'), (
        "the chart follows the story, where page 1 has room for it"
    )


def test_a_main_chart_in_three_slide_high_parts_takes_no_more_of_the_sheet_than_its_parts_budget():
    """Lesson 02 draws its matrix in three periods (498, 638 and 638 px high on a slide): at the column's width they
    alone filled a page and the sheet printed on three. The parts are zoomed so that together they fit the budget;
    a chart in one part keeps the column's width."""
    from csto.course import entries
    from csto.site.worksheet import CHART_PARTS_PX, CHART_SCALE, CHART_WIDTH_PX, worksheet_html

    entry = next(e for e in entries() if e["notebook"] == "03")
    nb = _lesson_notebook("## What happened\n\nIn 2010 ...",
                          {"data": [{"type": "scatter", "x": [1], "y": [2]}], "layout": {"height": 498}})
    for height in (638, 638):
        part = copy.deepcopy(nb.cells[-1])
        part.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["height"] = height
        nb.cells.append(part)
    page = worksheet_html(entry, nb)
    zooms = [float(z) for z in re.findall(r'class="ws-slide" style="[^"]*zoom: ([\d.]+)', page)]
    widths = [float(w) for w in re.findall(r'class="ws-picture" style="width: ([\d.]+)%"', page)]
    assert len(zooms) == len(widths) == 3
    assert sum(h * z for h, z in zip((498, 638, 638), zooms)) <= CHART_PARTS_PX < (498 + 638 + 638) * CHART_SCALE
    assert all(abs(w / 100 * CHART_SCALE * CHART_WIDTH_PX - z * CHART_WIDTH_PX) < 2 for w, z in zip(widths, zooms)), (
        "the page's script zooms a picture to its box: the box must be as narrow as the zoom"
    )
    one = _lesson_notebook("## What happened\n\nIn 2010 ...",
                           {"data": [{"type": "scatter", "x": [1], "y": [2]}], "layout": {"height": 638}})
    single = worksheet_html(entry, one)
    assert f"zoom: {CHART_SCALE:.3f}" in single and 'class="ws-picture" style=' not in single


def test_a_worksheet_file_can_name_the_parts_of_a_main_chart_to_print_and_says_so_under_it():
    """Four parts on one sheet printed at about 4 pt (review of the printed sheet): lesson 02's file names the two it
    prints (chart_parts = [3, 4]) at a readable size, with a line saying where the others are."""
    from csto.course import entries
    from csto.site.worksheet import CHART_PARTS_PX, spec, worksheet_html

    entry = next(e for e in entries() if e["notebook"] == "02")
    nb = _lesson_notebook("## What happened\n\nIn 2010 ...", {"data": [{"type": "scatter", "x": [1], "y": [2]}],
                                                                "layout": {"height": 600, "title": {"text": "p1"}}})
    for n in (2, 3, 4):
        part = copy.deepcopy(nb.cells[-1])
        part.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"] = f"p{n}"
        nb.cells.append(part)
    page = worksheet_html(entry, nb)
    wanted = spec("02")["chart_parts"]
    assert [int(t) for t in re.findall(r'"text":"p(\d)"', page)] == wanted
    zooms = [float(z) for z in re.findall(r'class="ws-slide" style="[^"]*zoom: ([\d.]+)', page)]
    assert sum(600 * z for z in zooms) <= CHART_PARTS_PX and min(zooms) >= 0.5, "two parts print near full size"
    assert 'class="ws-chart-note"' in page and "slides" in spec("02")["chart_note"]


def test_a_worksheet_naming_a_chart_part_the_lesson_lacks_is_refused_with_its_file():
    from csto.course import entries
    from csto.site.worksheet import WorksheetError, worksheet_html

    entry = next(e for e in entries() if e["notebook"] == "02")
    nb = _lesson_notebook("## What happened\n\nIn 2010 ...",
                          {"data": [{"type": "scatter", "x": [1], "y": [2]}], "layout": {"height": 600}})
    with pytest.raises(WorksheetError, match=r"worksheets/02.toml: chart_parts names part 3, but the lesson's main "
                                             r"chart has 1 part"):
        worksheet_html(entry, nb)


def test_a_worksheet_file_with_a_bad_entry_is_refused_with_its_file(tmp_path, monkeypatch):
    from csto.site import worksheet

    (tmp_path / "03.toml").write_text(
        '[[quotes]]\ntable = "claims"\n\n[[questions]]\ntext = "Why?"\n', encoding="utf-8"
    )
    monkeypatch.setattr(worksheet, "WORKSHEETS", tmp_path)
    with pytest.raises(worksheet.WorksheetError, match=r"worksheets/03.toml: \[\[quotes\]\] entry 1 needs"):
        worksheet.spec("03")
