"""Self-checks at the end of every notebook (00–05), the course-wide review of notebook 06, and the exercises' checks.

The questions live in ``csto/lessons/nbNN/questions.yaml`` (wording) and ``nbNN/queries.py`` (the facts, computed from
the data when asked), read by ``csto.lessons.questions``. This module is what the notebooks call:

- ``check(question_id, answer)``: "Right: …", "Not quite: <why> …", "No answer yet …" or "Can't read …" (the
  exercises' checks; the self-checks are clicked, drawn by ``show.self_check`` from ``question_data``);
- ``answer(question_id)`` and ``why_right(question_id)``: the right answer and why, for teachers and tests;
- ``answer_key_markdown("01")``: the teacher's key as a Markdown table;
- ``question_data("01")``: plain dicts of the questions, with choices, feedback and answers, for clickable rendering;
- ``question_ids("01")``, ``options(question_id)``, ``question(question_id)`` for teachers and tests.

A check never shows the right answer before it is given: feedback on a wrong answer explains that answer only.
"""

from __future__ import annotations

import datetime
import difflib
import numbers
from contextlib import suppress
from functools import lru_cache

import pandas as pd

from ..data import keeping
from ..data.frames import code_stamp, kept_json
from . import answers as read
from . import near_miss as near
from .questions import Option, Question, QuestionError, all_questions, data_stamp
from .wording import NOTHING_MATCHED, cap, feedback, plain_number, sentence, tidy

__all__ = ["Option", "Question", "QuestionError", "answer", "answer_key_markdown", "check", "options", "question",
           "question_data", "question_ids", "why_right"]

EXAMPLE_NUMBERS = (9, 12, 7, 15, 4, 11, 20)
EXAMPLE_NAMES = ("Boris", "Olga", "Pavel", "Irina")


def _notebook(notebook: object) -> str:
    text = str(notebook).strip()
    return text.zfill(2) if text.isdigit() else text


def question(question_id: str) -> Question:
    """One question (its kind, prompt, where to look), or KeyError listing the ids there are."""
    found = all_questions()
    if question_id not in found:
        raise KeyError(f"no question {question_id!r}; the questions are: {', '.join(found)}")
    return found[question_id]


def question_ids(notebook: str | None = None, exercises: bool = False) -> list[str]:
    """Every self-check question id (or one notebook's), in the order the notebook asks them; with ``exercises=True``
    the exercises' checks too."""
    wanted = None if notebook is None else _notebook(notebook)
    return [q.qid for q in all_questions().values()
            if (wanted is None or q.notebook == wanted) and (exercises or not q.exercise)]


def options(question_id: str) -> list[Option]:
    """A choice question's options in the order the student sees them (letters (a), (b), ... follow this order)."""
    return question(question_id).options()


def answer(question_id: str) -> object:
    """The right answer, computed from the data now: a number, a name, or the label of the one right choice."""
    q = question(question_id)
    if q.kind == "choice":
        return q.right_option().label
    value = q.values()["answer"]
    return plain_number(float(value)) if q.kind == "number" else str(value)


def why_right(question_id: str) -> str:
    """Why the answer is right, in one or two sentences drawn from the data (for the teacher's key)."""
    return feedback(question(question_id).why())


@lru_cache(maxsize=16)
def _right_answers(notebook: str, stamp: tuple) -> tuple[set[str], set[float], set[str]]:
    """The notebook's right letters, numbers and names: a hint's example must be none of them.

    Computing them answers every question of the notebook (a third of a second), so they are kept per state of the
    data, the question files and the course's code (``stamp``), in memory and in the table cache: the first wrong
    answer of every later Run All then costs no more than any other."""
    kept = kept_json("right-answers", f"{notebook}{stamp!r}", lambda: _computed_right_answers(notebook))
    return set(kept["letters"]), set(kept["numbers"]), set(kept["names"])


def _computed_right_answers(notebook: str) -> dict[str, list]:
    found: dict[str, set] = {"letters": set(), "numbers": set(), "names": set()}
    for q in (question(qid) for qid in question_ids(notebook, exercises=True)):
        with suppress(QuestionError, ValueError):  # a question that cannot be answered now gives no example away
            if q.kind == "choice":
                found["letters"].add(chr(97 + [o.right for o in q.options()].index(True)))
            else:
                found["numbers" if q.kind == "number" else "names"] |= (
                    {float(answer(q.qid))} if q.kind == "number" else {read.norm(s) for s in q.accepted()})
    return {kind: sorted(values) for kind, values in found.items()}


def _hint(q: Question) -> str:
    """How to answer, with an example that is not a right answer to any question of this notebook; an exercise's
    example is written as its cell sets the answer (``answer = …``)."""
    letter_set, number_set, name_set = _right_answers(q.notebook, data_stamp() + code_stamp())

    def example(value: object) -> str:
        shown = f'"{value}"' if isinstance(value, str) else value
        return f"answer = {shown}" if q.exercise else f'quiz.check("{q.qid}", {shown})'

    if q.kind == "number":
        number = next((n for n in EXAMPLE_NUMBERS if float(n) not in number_set), 99)
        return f"answer with one number, e.g. {example(number)}"
    if q.kind == "name":
        name = next((n for n in EXAMPLE_NAMES if read.norm(n) not in name_set), "Boris")
        return f"answer with a name in quotes, e.g. {example(name)}"
    if not q.choices_shown:
        return f"answer in quotes with one of: {'; '.join(o.label for o in q.options())}"
    free = [chr(97 + i) for i in range(len(q.options())) if chr(97 + i) not in letter_set]
    return (f"answer with the letter of one choice, e.g. {example(free[0])}, or its words" if free
            else f"answer with the letter of one choice in quotes, as in {example('(letter)')}, or its words")


def _not_quite(q: Question, why: str) -> str:
    return tidy(f"Not quite: {sentence(why)} Look again in {q.where}.")


def _check_number(q: Question, given: object) -> str:
    if isinstance(given, (pd.Timedelta, datetime.timedelta)):
        return (f"Can't read {read.shown(given)}: it is a length of time, not a number; use .days to turn it into a "
                "number of days, e.g. (end - start).days.")
    number = read.as_number(given)
    if number is None:
        return f"Can't read {read.shown(given)}: this question wants a number; {_hint(q)}."
    values = q.values()
    correct = float(values["answer"])
    if abs(number - correct) <= float(q.spec.get("tolerance", 0)):
        return tidy(f"Right: {plain_number(correct)}. {q.why(values)}")
    if number == -correct and counts_days(q, values):
        return f"Not quite: {plain_number(number)} is {BACKWARDS}. Look again in {q.where}."
    why = next((w for known, w in q.known_wrong(values) if known is None or read.as_number(known) == number),
               f"the data do not give {plain_number(number)} here")
    return _not_quite(q, f"{why}; a 0 often means {NOTHING_MATCHED}" if number == 0 else why)


# a count of days below zero is two dates subtracted the wrong way round
BACKWARDS = "below zero: subtract the earlier date from the later one (later − earlier)"


def counts_days(q: Question, values: dict) -> bool:
    """A question whose answer is a number of days between two dates (its prompt asks 'how many days')."""
    return float(values["answer"]) > 0 and "how many days" in q.text(values).lower()


def _check_name(q: Question, given: object) -> str:
    if not isinstance(given, str):
        return f"Can't read {read.shown(given)}: this question wants a name; {_hint(q)}."
    values = q.values()
    correct = str(values["answer"])
    typed = read.name_words(given)
    for spelling in q.accepted(values):
        if read.norm(spelling) in typed or read.norm(given) == read.norm(spelling):
            if read.norm(spelling) == read.norm(correct):
                return tidy(f"Right: {correct}. {q.why(values)}")
            return tidy(f"Right: {sentence(q.another_spelling(spelling, values))} {q.why(values)}")
    wrong = q.known_wrong(values)
    close = near.meant(given, dict.fromkeys(q.accepted(values), correct), [k for k, _ in wrong])
    for known, why in wrong:
        if (known is not None and read.norm(known) in typed) or (known is None and not close):
            return _not_quite(q, why)
    if close:
        return f"Not quite: {near.spelling_hint(close)}"
    return f"Not quite: the course's correction gives another name. Look again in {q.where}."


def _check_choice(q: Question, given: object) -> str:
    if not isinstance(given, (str, numbers.Real)):
        return f"Can't read {read.shown(given)}: {_hint(q)}."
    shown = q.options()
    text = plain_number(given) if isinstance(given, numbers.Real) else given
    labels = [o.label for o in shown]
    index, problem = read.match_choice(text, labels, [o.also for o in shown], q.choices_shown)
    forms = {f: o.key for o in shown for f in (o.label, *o.also)}  # a letter off another choice is not that choice
    close = near.meant(given, forms) if read.norm(text) not in map(read.norm, forms) else None
    if close and (index is None or forms[close] != shown[index].key):
        return f"Can't read that: {near.spelling_hint(close)}"
    if index is None and not q.choices_shown:
        reason = problem or f"{read.shown(given)} is not one of the answers this check reads"
        return f"Can't read that: {reason}; {_hint(q)}."
    if index is None:
        reason = problem or f"{read.shown(given)} is not one of the choices {read.letters(len(shown))}"
        return f"Can't read that: {reason}; {_hint(q)}."
    chosen = shown[index]
    if chosen.right:
        return tidy(f"Right: {chosen.label}. {sentence(cap(chosen.why))}")
    return _not_quite(q, chosen.why)


def _check(q: Question, given: object) -> str:
    if read.is_blank(given):
        return f"No answer yet: {_hint(q)}. Look in {q.where}."
    if isinstance(given, read.COLLECTIONS):
        return f"Can't read {read.shown(given)}: give one answer, not a collection; {_hint(q)}."
    if isinstance(given, bool):
        return f"Can't read {read.shown(given)}: {_hint(q)}."
    return {"number": _check_number, "name": _check_name, "choice": _check_choice}[q.kind](q, given)


@keeping.kept("checks")  # in a kernel, the same answer to the same question is read back on the next Run All
def check(question_id: object, given: object) -> str:
    """'Right: …', 'Not quite: <why> …', 'No answer yet …' or "Can't read …" for one answer. Never raises."""
    found = all_questions()
    if not isinstance(question_id, str) or question_id not in found:
        close = difflib.get_close_matches(question_id, list(found), n=1) if isinstance(question_id, str) else []
        hint = f" Did you mean {close[0]!r}?" if close else ""
        return (f"No question {read.shown(question_id)}: copy the id from the exercise cell, "
                f"e.g. {next(iter(found))!r}.{hint}")
    try:
        return _check(found[question_id], given)
    except Exception as error:  # noqa: BLE001 - a student must always get a message, never a traceback
        return f"This question cannot be checked right now ({type(error).__name__}: {error}). Tell your teacher."


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def shown_answer(question_id: str) -> str:
    """The right answer as the student sees it: '(b) label' for a choice whose letters the notebook shows, the label
    alone for one it names in words, else the number or name."""
    q = question(question_id)
    if q.kind != "choice":
        return str(answer(question_id))
    right = q.right_option()
    if not q.choices_shown:  # no letter the class never sees
        return right.label
    return f"({chr(97 + q.options().index(right))}) {right.label}"


def answer_key_markdown(notebook: str) -> str:
    """The teacher's key for one notebook as a Markdown table: question id, question, answer, why it is right."""
    lines = ["| question id | question | answer | why it is right |", "|---|---|---|---|"]
    for qid in question_ids(notebook):
        cells = (f"`{qid}`", _cell(question(qid).text()), _cell(shown_answer(qid)), _cell(why_right(qid)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def question_data(notebook: str, exercises: bool = False) -> list[dict]:
    """One notebook's self-check as plain dicts, for a clickable rendering (JSON-ready).

    Each has ``id``, ``prompt``, ``where``, ``kind`` ("choice", "number" or "text") and ``why`` (shown once right);
    a choice question ``choices`` (``label``, ``right``, ``feedback``) and ``lettered`` (whether the notebook shows
    letters); a number ``answer``, ``tolerance`` and
    ``wrong`` (``number``, ``feedback``); a name ("text") ``answer``, ``accepted`` and ``wrong`` (``text``,
    ``feedback``).
    """
    out = []
    for qid in question_ids(notebook, exercises=exercises):
        q = question(qid)
        values = q.values()
        item = {"id": qid, "prompt": q.text(values), "where": q.where, "why": why_right(qid),
                "kind": "text" if q.kind == "name" else q.kind}
        if q.kind == "choice":
            item["choices"] = [{"label": o.label, "right": o.right, "feedback": feedback(o.why)}
                               for o in q.options(values)]
            item["lettered"] = q.choices_shown  # False: the notebook names the choices in words, never by letter
        elif q.kind == "number":
            right = float(values["answer"])
            wrong = [{"number": plain_number(float(read.as_number(n))), "feedback": feedback(f)}
                     for n, f in q.known_wrong(values) if n is not None and read.as_number(n) not in (None, right)]
            if counts_days(q, values):
                wrong.append({"number": plain_number(-right), "feedback": feedback(BACKWARDS)})
            item |= {"answer": answer(qid), "tolerance": float(q.spec.get("tolerance", 0)), "wrong": wrong}
        else:
            item |= {"answer": answer(qid), "accepted": q.accepted(values),
                     "wrong": [{"text": str(n), "feedback": feedback(f)}
                               for n, f in q.known_wrong(values) if n is not None]}
        out.append(item)
    return out
