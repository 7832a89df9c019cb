"""Every course notebook follows docs/notebook-checklist.md: opening, slides metadata, closing, hygiene."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from csto.course import course_map, entries, markdown_table

ROOT = Path(__file__).resolve().parents[2]
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
    listed = opening.split("Learning objectives", 1)[1].split("Prerequisites", 1)[0]
    objectives = re.findall(r"^\s*[-*\d.]+\s+(\w+)", listed, re.M)
    assert 3 <= len(objectives) <= 5, f"{len(objectives)} objectives"


@pytest.mark.parametrize("path", CONTENT_NOTEBOOKS, ids=lambda p: p.stem)
def test_closing_has_agreement_recap_exercises_answers_and_further_reading(path):
    text = _markdown(_read(path))
    for heading in ("What the sources agree and disagree on", "Recap", "Exercises", "Further reading"):
        assert re.search(rf"^##+ .*{heading}", text, re.M), f"no heading {heading!r}"
    assert "<details>" in text, "exercise answers are folded in <details>"
    reading = text.split("Further reading", 1)[1]
    assert re.search(r"outside (the course|our( \w+)?) sources", reading), \
        "further reading is marked as outside the sources"


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
        builds = re.search(r"charts\.(?!use_course_theme)\w+\(", source)
        if builds and "show(" not in source and "alt_text" not in source:
            pytest.fail(f"a chart is built without show() (which adds the text alternative): {source.splitlines()[0]}")


# ---- the learner's view: checks out of sight, a cell for every answer, words explained -------------------------------

def _has_assert(source: str) -> bool:
    """Read with Python's own parser: an ``assert`` statement anywhere in the cell (a maintainer's check)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return any(isinstance(node, ast.Assert) for node in ast.walk(tree))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_code_cell_is_a_maintainers_check(path):
    """Checks that tie prose to data live in tests/prose (docs/authoring.md §1): a notebook holds no assert and no
    guard."""
    nb = _read(path)
    checks = [i + 1 for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and (_has_assert(c.source) or re.search(r"(?im)^#\s*guard\b", c.source))]
    assert not checks, f"cells {checks} are maintainers' checks: move them to tests/prose/test_{path.stem}.py"


def test_every_notebook_has_its_prose_tests():
    missing = [p.stem for p in NOTEBOOKS if not (ROOT / "tests" / "prose" / f"test_{p.stem}.py").is_file()]
    assert not missing, f"no prose tests for {missing}"


def _visible(cell) -> bool:
    """A cell the audience of a deck sees: not skipped, not speaker notes, not a starter or code-only cell."""
    kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
    return kind not in ("skip", "notes") and not {"student", "code-only"} & set(cell.metadata.get("tags", []))


CODE_INSTRUCTIONS = re.compile(r"(?i)\b(run|re-?run|execute)\b[^.\n]{0,30}\b(cell|code|it again|again)\b|"
                               r"\bcell (below|above)\b|\bnext cell\b|\bshift\s*\+\s*enter\b|"
                               r"\b(change|edit|type)\b[^.\n]{0,25}`|\btype (your|in)\b")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_visible_slide_tells_the_room_to_run_or_edit_code(path):
    nb = _read(path)
    found = [(i + 1, m.group(0)) for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and _visible(c)
             for m in [CODE_INSTRUCTIONS.search(c.source)] if m]
    assert not found, f"code instructions on visible slides (make those cells slide_type skip): {found}"


NOTES = re.compile(r"^\*\*Speaker notes — (?P<activity>[^*]+?) \((?P<minutes>\d+) min\):\*\*")


def speaker_note_minutes(nb) -> list[tuple[str, int]]:
    rows = []
    for cell in nb.cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            match = NOTES.match(cell.source.strip())
            assert match, ("a notes cell must open with '**Speaker notes — <activity> (<N> min):**': "
                           f"{cell.source[:70]!r}")
            rows.append((match["activity"], int(match["minutes"])))
    return rows


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_speaker_note_minutes_fit_the_class_time(entry):
    minutes = speaker_note_minutes(_read(ROOT / "notebooks" / entry["file"]))
    assert minutes, "no speaker notes"
    total = sum(m for _, m in minutes)
    assert total <= entry["minutes_class"], f"notes add up to {total} min, class is {entry['minutes_class']}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_exercise_has_a_starter_cell(path):
    """An exercise whose heading says (data) or (code) has a starter cell (tag student) before the next heading."""
    nb = _read(path)
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and re.match(r"###\s+Exercise[^\n]*\((data|code)", cell.source):
            following = []
            for later in cells[i + 1:]:
                if later.cell_type == "markdown" and re.match(r"#{1,3} ", later.source):
                    break
                following.append(later)
            assert any(c.cell_type == "code" and "student" in c.metadata.get("tags", []) for c in following), \
                f"no starter cell under {cell.source.splitlines()[0]!r}"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_every_notebook_ends_with_a_self_check(entry):
    nb = _read(ROOT / "notebooks" / entry["file"])
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert f'show.self_check("{entry["notebook"]}")' in code, "the lesson ends with its clickable self-check"


METHOD_TERMS = ("background row", "date precision", "forecast check", "verbatim quote", "provenance", "course source")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_method_terms_link_the_glossary_the_first_time(path):
    from csto.glossary import slug

    nb = _read(path)
    prose = [c.source for c in nb.cells  # speaker notes are the teacher's words: the method terms are theirs already
             if c.cell_type == "markdown" and c.metadata.get("slideshow", {}).get("slide_type") != "notes"]
    for term in METHOD_TERMS:
        first = next((text for text in prose if re.search(rf"(?i)\b{re.escape(term)}s?\b", text)), None)
        if first is not None:
            assert f"docs/glossary.md#{slug(term)}" in first, f"the first use of '{term}' does not link the glossary"


COLUMN = re.compile(r"`([a-z]+_[a-z_]+|origin(=\w+)?|voice|quote)`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_visible_slide_shows_a_column_name_without_explaining_it(path):
    nb = _read(path)
    unexplained = [(i + 1, m.group(1)) for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and _visible(c)
                   for m in [COLUMN.search(c.source)]
                   if m and not re.search(r"docs/glossary\.md|data/README\.md", c.source)]
    assert not unexplained, \
        f"internal column names on visible slides without a glossary or codebook link: {unexplained}"
