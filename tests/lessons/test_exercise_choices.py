"""A letter a student sees in an exercise means what the page shows: an exercise check reads letters only when its
exercise lists its choices as (a), (b), ... in the check's own order, and otherwise its cell names every answer the
check reads, in words."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from csto.lessons import quiz
from csto.lessons.answers import norm

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CHOICE_EXERCISES = [q for q in quiz.question_ids(exercises=True)
                    if quiz.question(q).exercise and quiz.question(q).kind == "choice"]


def exercise_text(qid: str) -> tuple[str, str]:
    """(Markdown, code) of the exercise a check belongs to: from its '### Exercise N' heading to the next heading."""
    q = quiz.question(qid)
    path = next(NOTEBOOKS.glob(f"{q.notebook}_*.ipynb"))
    cells = nbformat.read(path, as_version=4).cells
    checked = next(i for i, c in enumerate(cells) if c.cell_type == "code" and f'"{qid}"' in c.source)
    start = max(i for i in range(checked) if cells[i].cell_type == "markdown"
                and cells[i].source.startswith("### Exercise"))
    end = next((i for i in range(start + 1, len(cells))
                if cells[i].cell_type == "markdown" and re.match(r"#{1,3} ", cells[i].source)), len(cells))
    part = cells[start:end]
    return ("\n".join(c.source for c in part if c.cell_type == "markdown"),
            "\n".join(c.source for c in part if c.cell_type == "code"))


@pytest.mark.parametrize("qid", CHOICE_EXERCISES)
def test_an_exercise_check_reads_a_letter_only_as_the_choice_the_exercise_shows_under_it(qid):
    markdown, _ = exercise_text(qid)
    if not quiz.question(qid).choices_shown:
        return
    for i, option in enumerate(quiz.options(qid)):
        first_words = " ".join(norm(option.label).split()[:2])
        shown = re.search(rf"\({chr(97 + i)}\)\s*([^\n]+)", markdown)
        assert shown and norm(shown.group(1)).startswith(first_words), (
            f"{qid}: the check reads ({chr(97 + i)}) as {option.label!r}, but the exercise shows "
            f"{shown.group(0) if shown else 'no such letter'}")


# checks whose answers the exercise's own output prints: a status from a table (01), a source's name on a chart (06)
NAMED_BY_ITS_CHART = {"ex01_uzbekistan_2010", "ex06_no_strength_cards"}


@pytest.mark.parametrize("qid", [q for q in CHOICE_EXERCISES
                                 if not quiz.question(q).choices_shown and q not in NAMED_BY_ITS_CHART])
def test_an_exercise_whose_choices_are_not_lettered_names_every_answer_its_check_reads(qid):
    markdown, code = exercise_text(qid)
    page = norm(markdown + "\n" + code)
    missing = [o.label for o in quiz.options(qid)
               if not any(norm(form) in page for form in (o.label, *o.also) if form)]
    assert not missing, f"{qid}: the check reads {missing}, which the exercise never names"


@pytest.mark.parametrize("qid", [q for q in CHOICE_EXERCISES if not quiz.question(q).choices_shown])
def test_a_letter_typed_for_an_unlettered_exercise_is_refused_in_words_not_read_as_a_hidden_choice(qid):
    message = quiz.check(qid, "b")
    assert message.startswith("Can't read that") and "letter" in message, message
    assert "(a) to" not in message


def test_the_american_spelling_of_judgement_is_read_as_the_kind():
    assert quiz.check("ex05_mitchell_plan_kind", "judgment") == quiz.check("ex05_mitchell_plan_kind", "judgement")
