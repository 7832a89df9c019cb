"""teacher_guide.md: a lesson plan per notebook that matches the course map, timings that add up, and the how-tos."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csto.lessons import quiz
from csto.course import course_map

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "teacher_guide.md"
NUMBER_WORDS = {10: "ten", 12: "twelve", 14: "fourteen", 15: "fifteen", 16: "sixteen", 18: "eighteen", 20: "twenty"}


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _section(heading_start: str) -> str:
    text = _text()
    start = text.index(heading_start)
    following = re.search(r"^#{2,3} ", text[start + len(heading_start):], re.M)
    return text[start:start + len(heading_start) + (following.start() if following else len(text))]


@pytest.mark.parametrize("row", course_map().to_dict("records"), ids=lambda r: r["notebook"])
def test_one_lesson_plan_per_notebook_with_the_course_map_title_and_question(row):
    heading = f"### {row['notebook']} {row['title']} — {row['question']}"
    assert heading in _text(), f"no lesson plan headed {heading!r}"


@pytest.mark.parametrize("row", course_map().to_dict("records"), ids=lambda r: r["notebook"])
def test_each_lesson_plan_fills_45_minutes_without_gaps(row):
    plan = _section(f"### {row['notebook']} {row['title']}")
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)–(\d+) \|", plan, re.M)]
    assert spans, "the plan has no timed rows"
    assert spans[0][0] == 0 and spans[-1][1] == 45, spans
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:])), f"gaps or overlaps: {spans}"


def test_the_90_minute_version_covers_every_notebook_in_90_minutes():
    plan = _section("## The whole course in 90 minutes")
    rows = re.findall(r"^\| (\d+)–(\d+) \| (\d\d) \|", plan, re.M)
    spans = [(int(a), int(b)) for a, b, _ in rows]
    assert spans[0][0] == 0 and spans[-1][1] == 90
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))
    assert {n for _, _, n in rows} == set(course_map()["notebook"])


def test_the_guide_says_how_to_print_and_present():
    text = _text()
    for needle in ("make slides", "site/handouts/", ".pdf", "site/decks/", "?print-pdf", "`S`", "RISE", "speaker"):
        assert needle in text, needle


def test_the_guide_counts_the_quiz_questions_right():
    count = len(quiz.question_ids("06"))
    assert f"{NUMBER_WORDS.get(count, str(count))} questions" in _text()


def test_no_raw_html_or_absolute_paths():
    text = _text()
    assert not re.search(r"<(div|script|style|iframe|table)\b", text)
    assert not re.search(r"(/work/|/home/|/root/)", text)
