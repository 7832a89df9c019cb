"""The teacher's guide: ``teacher_guide.md`` kept in step with the notebooks, and its page in the kit.

The lesson plans are the notebooks' own speaker notes (a ``notes`` cell opening ``**Speaker notes — <section>
(<N> min):**``, right after the first slide of the section it times), so the deck's speaker view, the guide and the
plan can never tell a teacher different minutes. The answer keys, the likely wrong answers and the exercise keys come
from the quiz, computed from the data. ``python -m csto.site.guide`` rewrites the generated blocks of
``teacher_guide.md``; the site build renders the same text as ``guide.html`` (and ``guide.pdf``) with links into the
kit for each lesson.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..course import entries
from ..paths import notebooks_dir, repo_root
from .preprocessors import unfold_notes_source

NOTES = r"^\*\*Speaker notes — (?P<activity>[^*]+?) \((?P<minutes>\d+) min\):\*\*"
PLANNED_LIMIT = 40  # minutes a plan may fill of a 45-minute lesson: the rest is slack for settling in and running over
SLACK_ROW = "Spare: settling in, questions, running over"
PRINT_NOTES = "?print-pdf&showNotes=separate-page"
MAINTAINERS = r"<!-- maintainers:start -->.*?<!-- maintainers:end -->\n?"  # the repository's part of the guide


def guide_path() -> Path:
    return repo_root() / "teacher_guide.md"


@dataclass(frozen=True)
class Note:
    """One speaker-notes cell: its section's name and minutes, its text, where it stands, and whether it stands
    right after the first slide of its section (where the speaker view shows it when the section opens)."""

    activity: str
    minutes: int
    text: str
    cell: int
    on_first_slide: bool


def _slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def _on_first_slide(cells: list, index: int) -> bool:
    """True when, walking back from the notes cell, the first new slide met opens a section ('slide'), not a
    sub-slide: the note then belongs to the section's first slide."""
    for cell in reversed(cells[:index]):
        kind = _slide_type(cell)
        if kind == "slide":
            return True
        if kind == "subslide":
            return False
    return False


def notes(entry: dict) -> list[Note]:
    """Every speaker-notes cell of a notebook, in order; a notes cell that does not open as the convention says is
    an error naming the notebook and the cell."""
    nb = nbformat.read(notebooks_dir() / entry["file"], as_version=4)
    found = []
    for index, cell in enumerate(nb.cells):
        if _slide_type(cell) != "notes":
            continue
        source = unfold_notes_source(cell.source).strip()  # notes folded for JupyterLab are read whole
        match = re.match(NOTES, source)
        if match is None:
            raise ValueError(f"notebooks/{entry['file']}, cell {index + 1}: a notes cell does not open with "
                             "'**Speaker notes — <section> (<N> min):**'")
        body = source[match.end():].strip()
        found.append(
            Note(match["activity"].strip(), int(match["minutes"]), body, index, _on_first_slide(nb.cells, index))
        )
    return found


def lesson_plan(entry: dict) -> list[tuple[int, int, str]]:
    """(from minute, to minute, activity) for each timed speaker-notes cell, in order: the lesson as the notes time it.
    """
    plan, start = [], 0
    for note in notes(entry):
        if note.minutes:
            plan.append((start, start + note.minutes, note.activity))
            start += note.minutes
    return plan


def plan_markdown(entry: dict) -> str:
    """A notebook's lesson plan as the guide's table; the minutes left of the class are shown as spare."""
    rows = ["| Min | Activity |", "|---|---|"]
    plan = lesson_plan(entry)
    rows += [f"| {a}–{b} | {activity} |" for a, b, activity in plan]
    end = plan[-1][1] if plan else 0
    if end < entry["minutes_class"]:
        rows.append(f"| {end}–{entry['minutes_class']} | {SLACK_ROW} |")
    return "\n".join(rows)


def _cell(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).replace("|", "\\|").strip()


def _letter(index: int, item: dict | None = None) -> str:
    """'(b) ' before a choice, or nothing where the notebook never shows the choices' letters (``lettered`` False)."""
    return "" if item is not None and item.get("lettered") is False else f"({chr(97 + index)}) "


def _wrong(item: dict) -> list[tuple[str, str]]:
    """(wrong answer as shown, feedback) for one question of ``quiz.question_data``: the choices that are not
    right (with their letter), and the known wrong numbers or names."""
    if item["kind"] == "choice":
        return [(f"{_letter(i, item)}{c['label']}", c["feedback"]) for i, c in enumerate(item["choices"])
                if not c["right"]]
    return [(str(w.get("number", w.get("text", ""))), w["feedback"]) for w in item.get("wrong", [])]


def wrong_answers_markdown(notebook: str) -> str:
    """The likely wrong answers of a self-check: each wrong choice (or known wrong number or name) with the feedback
    a student gets for it, the question written once over its wrong answers."""
    from ..lessons import quiz

    lines = ["| question | wrong answer | what to say |", "|---|---|---|"]
    for item in quiz.question_data(notebook):
        rows = dict.fromkeys(_wrong(item))  # a wrong number reached two ways is one row for the teacher
        for k, (shown, feedback) in enumerate(rows):
            lines.append(f"| {_cell(item['prompt']) if k == 0 else ''} | {_cell(shown)} | {_cell(feedback)} |")
    return "\n".join(lines) + "\n"


def _shown(item: dict) -> str:
    if item["kind"] == "choice":
        right = next(i for i, c in enumerate(item["choices"]) if c["right"])
        return f"{_letter(right, item)}{item['choices'][right]['label']}"
    return str(item["answer"])


def answer_key_markdown(notebook: str) -> str:
    """The self-check's key for teachers: the question's number as students see it, the question, its answer and
    why it is right (no question ids: they mean nothing in class)."""
    from ..lessons import quiz

    lines = ["| # | question | answer | why it is right |", "|---|---|---|---|"]
    lines += [
        f"| {n} | {_cell(i['prompt'])} | {_cell(_shown(i))} | {_cell(i.get('why', ''))} |"
        for n, i in enumerate(quiz.question_data(notebook), start=1)
    ]
    return "\n".join(lines) + "\n"


def exercise_key_markdown(notebook: str) -> str:
    """The key to a notebook's exercises that have a check: the exercise, its answer and why it is right."""
    from ..lessons import quiz

    own = set(quiz.question_ids(notebook))
    items = [i for i in quiz.question_data(notebook, exercises=True) if i["id"] not in own]
    if not items:
        return "This notebook's exercises have no single right answer: the notebook's *Show answer* gives a model.\n"
    lines = ["| exercise | answer | why it is right |", "|---|---|---|"]
    lines += [f"| {_cell(i['prompt'])} | {_cell(_shown(i))} | {_cell(i['why'])} |" for i in items]
    return "\n".join(lines) + "\n"


def kit_markdown(entry: dict) -> str:
    """Where a lesson's pieces are in the kit (paths from the repository; the kit's page drops the 'site/')."""
    stem = Path(entry["file"]).stem
    return (f"Self-study {entry['minutes_self']} min; class {entry['minutes_class']} min.\n\n"
            f"In the kit: [slides](site/decks/{stem}.html) · [worksheet](site/worksheets/{stem}.html) "
            f"([PDF](site/worksheets/{stem}.pdf)) · [reading pack](site/handouts/{stem}.html) "
            f"([PDF](site/handouts/{stem}.pdf)) · [your notes to print](site/decks/{stem}.html{PRINT_NOTES}): "
            "open it in Chromium or Chrome and print to PDF; each slide is followed by its notes.")


def _replace_block(text: str, name: str, body: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in text or end not in text:
        raise ValueError(f"teacher_guide.md has no block {start} … {end}")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def guide_text(text: str) -> str:
    """The guide with every generated block brought up to date: kit links, plans, answer keys, wrong answers, exercises.
    """
    for entry in entries():
        number = entry["notebook"]
        text = _replace_block(text, f"kit:{number}", kit_markdown(entry))
        text = _replace_block(text, f"plan:{number}", plan_markdown(entry))
        text = _replace_block(text, f"answers:{number}", answer_key_markdown(number))
        text = _replace_block(text, f"wrong:{number}", wrong_answers_markdown(number))
        text = _replace_block(text, f"exercises:{number}", exercise_key_markdown(number))
    return text


def write_guide() -> bool:
    """Rewrite the generated blocks of teacher_guide.md; True when anything changed."""
    old = guide_path().read_text(encoding="utf-8")
    new = guide_text(old)
    if new != old:
        guide_path().write_text(new, encoding="utf-8")
    return new != old


# ---- the guide's page in the kit ------------------------------------------------------------------------------------

def _site_links(html_text: str) -> str:
    """Links written from the repository ('site/decks/…', 'notebooks/…') as the kit's root page needs them."""
    html_text = re.sub(r'href="site/', 'href="', html_text)
    html_text = html_text.replace("&amp;showNotes", "&showNotes")  # keep reveal's query readable when copied
    return re.sub(r'href="notebooks/(\d\d_[A-Za-z0-9_]+)\.ipynb"', r'href="decks/\1.html"', html_text)


def _anchors(html_text: str) -> str:
    """An id on each lesson heading ('lesson-03'), so a deck's title slide links straight to its lesson."""
    return re.sub(r"<h3>(\d\d) ", lambda m: f'<h3 id="lesson-{m[1]}">{m[1]} ', html_text)


def guide_html() -> str:
    """The guide page of the kit: teacher_guide.md as HTML, with a table of contents by lesson."""
    from markdown_it import MarkdownIt

    from .pages import render

    text = guide_text(guide_path().read_text(encoding="utf-8"))
    text = re.sub(MAINTAINERS, "", text, flags=re.S)  # how the kit is built is not the kit user's business
    text = re.sub(r"<!-- [a-z]+:\d\d:(start|end) -->\n?", "", text)
    text = text.split("\n", 1)[1] if text.startswith("# ") else text  # the page's own heading replaces it
    body = _anchors(_site_links(MarkdownIt("commonmark", {"html": False}).enable("table").render(text)))
    lessons = [{"number": e["notebook"], "title": e["title"]} for e in entries()]
    return render("guide.html.j2", root="", body=body, lessons=lessons)


if __name__ == "__main__":
    print("teacher_guide.md " + ("updated" if write_guide() else "unchanged"))
