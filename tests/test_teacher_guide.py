"""teacher_guide.md: a lesson plan per notebook that IS its speaker notes, the answer keys of the self-checks, the
90-minute version, and the how-tos of presenting and printing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csto import course
from csto.course import entries
from csto.lessons import quiz

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "teacher_guide.md"
NUMBER_WORDS = {10: "ten", 12: "twelve", 14: "fourteen", 15: "fifteen", 16: "sixteen", 18: "eighteen", 20: "twenty"}


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _block(name: str) -> str:
    text = _text()
    return text.split(f"<!-- {name}:start -->", 1)[1].split(f"<!-- {name}:end -->", 1)[0].strip()


def test_the_guide_is_in_step_with_the_notebooks_and_the_quiz():
    """Every generated block (lesson plans from the speaker notes, answer keys from the data) is current:
    `python -m csto.course guide` rewrites them."""
    assert course.guide_text(_text()) == _text(), "run: python -m csto.course guide"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_one_lesson_plan_per_notebook_with_the_course_map_title_and_question(entry):
    heading = f"### {entry['notebook']} {entry['title']} — {entry['question']}"
    assert heading in _text(), f"no lesson plan headed {heading!r}"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_lesson_plan_is_the_notes_minutes_and_fills_the_class_without_gaps(entry):
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)–(\d+) \|", _block(f"plan:{entry['notebook']}"), re.M)]
    notes = course.lesson_plan(entry)
    assert spans[:len(notes)] == [(a, b) for a, b, _ in notes], "the guide's minutes are the speaker notes' minutes"
    assert spans[0][0] == 0 and spans[-1][1] == entry["minutes_class"], spans
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:])), f"gaps or overlaps: {spans}"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_answer_key_lists_every_question_of_the_notebook_with_its_computed_answer(entry):
    key = _block(f"answers:{entry['notebook']}")
    ids = quiz.question_ids(entry["notebook"])
    assert ids and all(f"`{qid}`" in key for qid in ids)
    for qid in ids:
        row = next(line for line in key.splitlines() if f"`{qid}`" in line)
        assert str(quiz.answer(qid)).split(" (")[0][:30].replace("|", "\\|") in row, qid


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
    for needle in ("make slides", "make dist", "site/handouts/", "site/decks/NN_*.pdf", "`S` opens the speaker view", "walks every slide in order",
                   "RISE", "showNotes=separate-page", "offline"):
        assert needle in text, needle


def test_the_guide_counts_the_review_questions_right():
    count = len(quiz.question_ids("06"))
    assert f"{NUMBER_WORDS.get(count, str(count))} questions" in _text()


def test_no_raw_html_or_absolute_paths():
    text = _text()
    assert not re.search(r"<(div|script|style|iframe|table)\b", text)
    assert not re.search(r"(/work/|/home/|/root/)", text)
