"""teacher_guide.md: a lesson plan per notebook that IS its speaker notes, the answer keys of the self-checks and
exercises, the likely wrong answers, the 90-minute version, and the how-tos of presenting and printing; plans a
teacher can keep (at most 40 of 45 minutes, exercises and self-check timed, each note on its section's first slide)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csto.course import entries
from csto.lessons import quiz
from csto.site import guide

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "teacher_guide.md"
NUMBER_WORDS = {10: "ten", 12: "twelve", 14: "fourteen", 15: "fifteen", 16: "sixteen", 18: "eighteen", 20: "twenty"}


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _block(name: str) -> str:
    text = _text()
    return text.split(f"<!-- {name}:start -->", 1)[1].split(f"<!-- {name}:end -->", 1)[0].strip()


def test_the_guide_is_in_step_with_the_notebooks_and_the_quiz():
    """Every generated block (lesson plans from the speaker notes, answer keys from the data) is current:
    `python -m csto.site.guide` rewrites them."""
    assert guide.guide_text(_text()) == _text(), "run: python -m csto.site.guide"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_one_lesson_plan_per_notebook_with_the_course_map_title_and_question(entry):
    heading = f"### {entry['notebook']} {entry['title']} — {entry['question']}"
    assert heading in _text(), f"no lesson plan headed {heading!r}"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_lesson_plan_is_the_notes_minutes_and_fills_the_class_without_gaps(entry):
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)–(\d+) \|", _block(f"plan:{entry['notebook']}"), re.M)]
    notes = guide.lesson_plan(entry)
    assert spans[:len(notes)] == [(a, b) for a, b, _ in notes], "the guide's minutes are the speaker notes' minutes"
    assert spans[0][0] == 0 and spans[-1][1] == entry["minutes_class"], spans
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:])), f"gaps or overlaps: {spans}"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_answer_key_lists_every_question_of_the_notebook_with_its_computed_answer(entry):
    key = _block(f"answers:{entry['notebook']}")
    ids = quiz.question_ids(entry["notebook"])
    rows = key.splitlines()[2:]
    assert ids and len(rows) == len(ids)
    prompts = {i["id"]: i["prompt"] for i in quiz.question_data(entry["notebook"])}
    for number, (qid, row) in enumerate(zip(ids, rows), start=1):
        assert row.startswith(f"| {number} | {guide._cell(prompts[qid])[:40]}"), (qid, row[:80])
        assert str(quiz.answer(qid)).split(" (")[0][:30].replace("|", "\\|") in row, qid
    assert not re.search(r"\bnb\d\d_", key), "question ids mean nothing to a teacher"


def test_the_90_minute_version_covers_every_notebook_in_90_minutes():
    text = _text()
    start = text.index("## The whole course in 90 minutes")
    plan = text[start:text.index("\n## ", start + 5)]
    rows = re.findall(r"^\| (\d+)–(\d+) \| (\d\d) \|", plan, re.M)
    spans = [(int(a), int(b)) for a, b, _ in rows]
    assert spans[0][0] == 0 and spans[-1][1] == 90
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))
    assert {n for _, _, n in rows} == {e["notebook"] for e in entries()}


def test_the_guide_says_how_to_present_print_and_use_the_kit():
    text = re.sub(r"\s+", " ", _text())
    for needle in (
        "make slides",
        "make dist",
        "site/handouts/",
        "site/decks/NN_*.pdf",
        "`S` opens the speaker view",
        "walks every slide in order",
        "RISE",
        "showNotes=separate-page",
        "offline",
    ):
        assert needle in text, needle


def test_the_guide_counts_the_review_questions_right():
    count = len(quiz.question_ids("06"))
    assert f"{NUMBER_WORDS.get(count, str(count))} questions" in _text()


def test_no_raw_html_or_absolute_paths():
    text = _text()
    assert not re.search(r"<(div|script|style|iframe|table)\b", text)
    assert not re.search(r"(/work/|/home/|/root/)", text)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_plan_fills_at_most_40_of_the_class_minutes_leaving_slack(entry):
    planned = sum(note.minutes for note in guide.notes(entry))
    assert planned <= guide.PLANNED_LIMIT, (
        f"notebook {entry['notebook']}: the speaker notes plan {planned} minutes; "
        f"at most {guide.PLANNED_LIMIT} of {entry['minutes_class']} leave room to settle in and run over"
    )


def _has_exercises(entry: dict) -> bool:
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / entry["file"], as_version=4)
    return any(c.cell_type == "markdown" and c.source.lstrip().startswith("## Exercise") for c in nb.cells)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_exercises_and_the_self_check_are_timed_in_the_plan(entry):
    timed = {note.activity.lower(): note.minutes for note in guide.notes(entry)}
    if _has_exercises(entry):
        assert any("exercise" in a and m > 0 for a, m in timed.items()), (
            f"notebook {entry['notebook']}: exercises untimed: {timed}"
        )
    if quiz.question_ids(entry["notebook"]):
        assert any(("self-check" in a or "review" in a) and m > 0 for a, m in timed.items()), (
            f"notebook {entry['notebook']}: no timed 'Self-check' (or 'Review') section in the notes: {timed}")


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_speaker_note_sits_right_after_the_first_slide_of_its_section(entry):
    late = [f"cell {n.cell + 1} ({n.activity})" for n in guide.notes(entry) if not n.on_first_slide]
    assert not late, (
        f"notebook {entry['notebook']}: these notes come after a sub-slide, so the speaker view shows "
        f"them only once the section is under way; move each right after its section's first slide: {late}"
    )


def test_a_note_after_a_subslide_is_found_late():
    from nbformat.v4 import new_markdown_cell

    def cell(kind: str, text: str = "x"):
        made = new_markdown_cell(text)
        made.metadata["slideshow"] = {"slide_type": kind}
        return made

    cells = [cell("slide"), cell("-"), cell("notes"), cell("subslide"), cell("notes")]
    assert guide._on_first_slide(cells, 2) and not guide._on_first_slide(cells, 4)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_the_guide_gives_each_lesson_its_kit_links_wrong_answers_and_exercise_key(entry):
    stem = Path(entry["file"]).stem
    kit = _block(f"kit:{entry['notebook']}")
    for path in (
        f"site/decks/{stem}.html",
        f"site/worksheets/{stem}.pdf",
        f"site/handouts/{stem}.pdf",
        "showNotes=separate-page",
    ):
        assert path in kit, path
    wrong = _block(f"wrong:{entry['notebook']}")
    listed, question, seen = {}, "", []
    for line in wrong.splitlines()[2:]:  # the question stands on its first wrong choice only
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        question = cells[0] or question
        listed.setdefault(question, set()).add(cells[1])
        seen.append((question, cells[1], cells[2]))
    for item in quiz.question_data(entry["notebook"]):
        mine = listed.get(guide._cell(item["prompt"]), set())
        if item["kind"] == "choice":
            for index, choice in enumerate(item["choices"]):
                shown = f"({chr(97 + index)}) {guide._cell(choice['label'])}"
                assert (shown in mine) != choice["right"], (
                    item["id"],
                    shown,
                    "right answers stay out, every wrong choice is in",
                )
        else:
            assert {guide._cell(w.get("number", w.get("text"))) for w in item["wrong"]} <= mine, item["id"]
    assert len(seen) == len(set(seen)), "a wrong answer with the same words is listed twice under one question"


@pytest.mark.parametrize("entry", [e for e in entries() if e["notebook"] == "03"], ids=lambda e: e["notebook"])
def test_the_guide_reads_speaker_notes_folded_for_jupyterlab_whole(entry, tmp_path, monkeypatch):
    """`python -m csto.lab fold-notes` hides the notes under 'For teachers' in JupyterLab: the guide unfolds them."""
    import nbformat

    from csto.site.preprocessors import fold_notes_source, notes_folded

    nb = nbformat.read(ROOT / "notebooks" / entry["file"], as_version=4)
    for cell in nb.cells:
        if cell.get("metadata", {}).get("slideshow", {}).get("slide_type") == "notes":
            cell.source = fold_notes_source(cell.source)
    assert any(notes_folded(c.source) for c in nb.cells), "the copy has folded notes"
    nbformat.write(nb, tmp_path / entry["file"])
    whole = guide.notes(entry)
    monkeypatch.setattr(guide, "notebooks_dir", lambda: tmp_path)
    folded = guide.notes(entry)
    assert [(n.activity, n.minutes, n.text) for n in folded] == [(n.activity, n.minutes, n.text) for n in whole]
    assert not any("<details>" in n.text or "For teachers" in n.text for n in folded)


def test_the_key_gives_no_letter_to_a_choice_the_notebook_never_letters():
    """A teacher found '(b) Armenia 2022' in the key of an exercise whose slide shows no letters: the key writes a
    letter only where the students see one."""
    from csto.lessons import quiz

    unlettered = [i for nb in ("01", "02", "05") for i in quiz.question_data(nb, exercises=True)
                  if i["kind"] == "choice" and i.get("lettered") is False]
    assert unlettered, "no exercise without letters to check"
    for item in unlettered:
        assert not guide._shown(item).startswith("("), guide._shown(item)
        assert not any(shown.startswith("(") for shown, _ in guide._wrong(item))


def test_no_page_of_the_site_states_the_contested_premise_that_the_bloc_refused_most_calls():
    """Review 1, H1: 'mostly refused' is a contested premise (Kazakhstan got troops, 2012 an offer of material help,
    Armenia 2022 a mission). The course page said 'why it refused most calls for help' after the notebooks had
    stopped saying it."""
    premise = re.compile(r"said no\b|refused most|mostly refused|the bloc refused", re.I)
    pages = Path(guide.__file__).parent / "templates"
    found = [str(p) for p in pages.rglob("*") if p.is_file() and premise.search(p.read_text(encoding="utf-8"))]
    assert found == []
