"""Every course notebook follows docs/notebook-checklist.md: opening, slides metadata, closing, hygiene."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from csto.course import course_map, markdown_table

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT / "notebooks" / f for f in course_map()["file"]]
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
CONTENT_NOTEBOOKS = [p for p in NOTEBOOKS if not p.name.startswith("00")]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_notebook_in_the_course_map_exists_and_nothing_else():
    on_disk = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert on_disk == sorted(p.name for p in NOTEBOOKS)


def test_readme_course_map_is_the_course_map_table():
    assert markdown_table() in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_or_execution_counts(path):
    nb = _read(path)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"cells with outputs or counts: {dirty}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_has_a_slide_type_and_setup_cells_are_skipped(path):
    nb = _read(path)
    for i, cell in enumerate(nb.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        assert kind in SLIDE_TYPES, f"cell {i} has slide_type {kind!r}"
        if cell.cell_type == "code" and re.search(r"^\s*(import|from)\s", cell.source, re.M):
            assert kind == "skip", f"setup cell {i} (imports) must be skipped in slides"
    assert any(c.metadata.get("slideshow", {}).get("slide_type") == "notes" for c in nb.cells), "no speaker notes"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opening_has_question_title_objectives_time_and_sources(path):
    nb = _read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "first cell is the title"
    assert first.source.splitlines()[0].rstrip().endswith("?"), "the title is a question"
    opening = "\n".join(c.source for c in nb.cells[:3] if c.cell_type == "markdown")
    for needle in ("Learning objectives", "Prerequisites", "Time", "Sources"):
        assert needle in opening, f"opening lacks {needle!r}"
    objectives = re.findall(r"^\s*[-*\d.]+\s+(\w+)", opening.split("Learning objectives", 1)[1].split("Prerequisites", 1)[0], re.M)
    assert 3 <= len(objectives) <= 5, f"{len(objectives)} objectives"


@pytest.mark.parametrize("path", CONTENT_NOTEBOOKS, ids=lambda p: p.stem)
def test_closing_has_agreement_recap_exercises_answers_and_further_reading(path):
    text = _markdown(_read(path))
    for heading in ("What the sources agree and disagree on", "Recap", "Exercises", "Further reading"):
        assert re.search(rf"^##+ .*{heading}", text, re.M), f"no heading {heading!r}"
    assert "<details>" in text, "exercise answers are folded in <details>"
    assert "outside the course sources" in text.split("Further reading", 1)[1], "further reading is marked as outside the sources"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_headings_in_order_and_no_raw_html_or_absolute_paths(path):
    nb = _read(path)
    levels = [len(m) for c in nb.cells if c.cell_type == "markdown" for m in re.findall(r"^(#+) ", c.source, re.M)]
    assert levels.count(1) == 1 and levels[0] == 1, "one # heading, first"
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"heading levels jump: {levels}"
    for i, cell in enumerate(nb.cells):
        assert not re.search(r"<(div|script|style|iframe|table)\b", cell.source), f"raw HTML in cell {i}"
        assert not re.search(r"(/work/|/home/|/root/|[A-Z]:\\\\)", cell.source), f"absolute path in cell {i}"
        assert "sys.path" not in cell.source, f"sys.path hack in cell {i}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_stay_short_and_charts_carry_text_alternatives(path):
    nb = _read(path)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    long_cells = [s.splitlines()[0] for s in code if len(s.splitlines()) > 12]
    assert not long_cells, f"code cells longer than 12 lines start with: {long_cells}"
    for source in code:
        if re.search(r"charts\.(?!use_course_theme)\w+\(", source) and "show(" not in source and "alt_text" not in source:
            pytest.fail(f"a chart is built without show() (which adds the text alternative): {source.splitlines()[0]}")
    assert any("assert" in s or "check" in s for s in code), "no guard cell ties the prose to the data"
