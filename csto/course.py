"""The course's structure: the map of notebooks that the README, notebook 00, the site and JupyterLab all show.

``entries()`` reads ``course_map.csv`` with the standard library (JupyterLab's launcher and the site use it without
pandas); ``course_map()`` is the same as a DataFrame for notebooks. ``python -m csto.course`` prints the map;
``python -m csto.course new 07 "Title"`` adds a lesson (docs/extending.md).
"""

from __future__ import annotations

import csv
from pathlib import Path

from .labels import NOTEBOOK_PALETTE, OKABE_ITO

COURSE_MAP = Path(__file__).with_name("course_map.csv")


def entries() -> list[dict]:
    """One dict per notebook: number ('01'), file, title, question, minutes_self and minutes_class (ints)."""
    with COURSE_MAP.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{**r, "minutes_self": int(r["minutes_self"]), "minutes_class": int(r["minutes_class"])} for r in rows]


def course_map():
    """The course map as a DataFrame (notebook numbers stay strings: '01', not 1)."""
    import pandas as pd

    return pd.DataFrame(entries())


def notebook_colours() -> dict[str, str]:
    """A colour of its own for every lesson after 00, in course-map order: the same lesson has the same colour in
    every chart, and a new lesson gets one without code."""
    lessons = [e["notebook"] for e in entries() if e["notebook"] != "00"]
    return {n: OKABE_ITO[NOTEBOOK_PALETTE[i % len(NOTEBOOK_PALETTE)]] for i, n in enumerate(lessons)}


def markdown_table() -> str:
    """The course map as a Markdown table (the README's copy is checked against it by a test)."""
    lines = ["| # | Notebook | Question it answers | Self-study | Class |", "|---|---|---|---|---|"]
    for row in entries():
        lines.append(f"| {row['notebook']} | [{row['title']}](notebooks/{row['file']}) | {row['question']} | "
                     f"{row['minutes_self']} min | {row['minutes_class']} min |")
    return "\n".join(lines)


# ---- a new lesson: ``python -m csto.course new 07 "Title"`` --------------------------------------------------------

ROOT = COURSE_MAP.parent.parent
LESSONS = COURSE_MAP.parent / "lessons"
DEFAULT_MINUTES = {"minutes_self": 30, "minutes_class": 45}


def slug(title: str) -> str:
    """A file name from a title: 'Arms and aid' -> 'arms_and_aid'."""
    import re

    words = re.findall(r"[a-z0-9]+", title.lower())
    if not words:
        raise ValueError(f"the title {title!r} has no letters or digits to name the notebook's file")
    return "_".join(words)


def _md(source: str, slide: str, tags: tuple[str, ...] = ()) -> dict:
    meta: dict = {"slideshow": {"slide_type": slide}}
    if tags:
        meta["tags"] = list(tags)
    return {"cell_type": "markdown", "metadata": meta, "source": source}


def _code(source: str, slide: str, tags: tuple[str, ...] = (), answers: dict | None = None) -> dict:
    meta: dict = {"slideshow": {"slide_type": slide}}
    if tags:
        meta["tags"] = list(tags)
    if answers:
        meta["csto"] = answers
    return {"cell_type": "code", "execution_count": None, "metadata": meta, "outputs": [], "source": source}


def skeleton(number: str, title: str, minutes_self: int, minutes_class: int) -> dict:
    """A lesson's notebook as the checklist (docs/notebook-checklist.md) lays it out: opening, "What happened",
    one section, agreement and recap, exercises with a starter cell and a folded answer, self-check, further
    reading. Every placeholder is in italics and starts with "Write", so an author finds them all."""
    cells = [
        _md(f"# {title}: what do our sources say?\n\n*Write: two or three sentences that make the reader want the "
            "answer. Make the title the open question the lesson answers, with no contested premise in it.*", "slide"),
        _md("## Learning objectives\n\n- Describe *(write: what happened, from the story's timeline)*\n"
            "- Compare *(write: what two of our sources say about it)*\n- Explain *(write: what the sources leave "
            "open)*\n\n**Prerequisites:** notebook 00 (Start here).\n\n"
            f"**Time:** {minutes_self} min self-study, {minutes_class} min in class.\n\n"
            "**Sources:** *(write: the sources this lesson reads, as people say them: \"Stratfor's 2017 forecast\")*",
            "subslide"),
        _code("%load_ext csto.slips\nimport pandas as pd\nfrom csto import charts, data, show, story\n"
              "from csto.lessons import quiz\ncharts.use_course_theme()", "skip"),
        _md("## What happened\n\n*Write: at most 250 plain words, told from the cited record (background, marked), "
            "so that a reader who knows nothing of the region knows the story. The timeline shows the events listed "
            "for this lesson in data/story_events.csv.*", "slide", ("story",)),
        _md("**Speaker notes — What happened (5 min):** *Write: what to ask the class, the likely wrong answer.*",
            "notes"),
        _code(f'story.what_happened("{number}")', "-"),
        _md("## First section\n\n*Write: one idea per section, a short code cell that calls the course's helpers, "
            "and the narrative that carries the thinking.*", "slide"),
        _md("**Speaker notes — First section (10 min):** *Write: the question to ask, how long to spend.*", "notes"),
        _code('events = data.table("events")\nshow.table(events[["when", "title", "source"]].head(3))', "-",
              ("main-chart",)),
        _md("## What the sources agree and disagree on\n\n- **Agree:** *(write)*\n- **Disagree:** *(write)*",
            "slide"),
        _md("**Speaker notes — Agree, disagree and recap (3 min):** *Write: one question for the class.*", "notes"),
        _md("## Recap\n\n- *Write: one line per learning objective.*", "slide"),
        _md("## Exercises\n\n### Exercise 1 (source text): *write the task*\n\n*Write: a task on one source's "
            "words, answered in a sentence.*", "slide"),
        _md("**Speaker notes — Exercises (8 min):** *Write: which exercise to do in class, in pairs or alone.*",
            "notes"),
        _md("### Exercise 2 (data): how many events does the story's table hold?\n\n*Write: a task with the data.*",
            "subslide"),
        _md("*Worked example: count the rows of a table.* `len(...)` counts them.", "skip"),
        _code('len(data.table("sources"))', "skip"),
        _md("*Your turn:* count the events in the same way, and compare with the answer below.", "skip"),
        _code(f'# Hint: do as the worked example above, with the events\nanswer = None\n'
              f'show.note(quiz.check("ex{number}_events_in_record", answer))', "skip", ("student",),
              {"model_answer": f'answer = len(data.table("events"))\n'
                               f'show.note(quiz.check("ex{number}_events_in_record", answer))',
               "wrong_answer": f'answer = 0\nshow.note(quiz.check("ex{number}_events_in_record", answer))'}),
        _md('<details><summary>Show answer</summary>\n\n`len(data.table("events"))` counts every event of the '
            "record.\n\n</details>", "skip"),
        _md("## Self-check\n\nQuestions on this lesson. Click a choice, or type a number, to see whether it is "
            "right, and why.", "slide"),
        _md("**Speaker notes — Self-check (3 min):** *Write: when to give the class the self-check.*", "notes"),
        _code(f'show.self_check("{number}")', "-"),
        _md("## Further reading\n\nAll of these are outside our sources.\n\n- *Write: one line per "
            "reading, with its publisher and date.*", "slide"),
    ]
    for index, cell in enumerate(cells, 1):
        cell["id"] = f"{number}-{index:02d}"  # nbformat 4.5: every cell has an id
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                        "name": "python3"},
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


QUESTIONS = '''# Notebook {number} ({title}): its self-check, then its exercises' checks. Every word a student reads is
# here; {{placeholders}} are values the named query in queries.py computes from the data. See
# csto/lessons/question_schema.json for the fields, and docs/extending.md for how to add a question.
notebook: "{number}"
questions:
  - id: nb{number}_sources_in_course
    kind: number
    query: sources_in_course
    prompt: "How many texts does the course rest on (our sources)?"
    where: "notebook {number}, 'What happened'"
    why: "The course rests on {{answer}} texts, listed in the sources table."
    wrong:
      - number: 0
        feedback: "the course rests on texts of its own: count them in the sources table"

  - id: ex{number}_events_in_record
    kind: number
    exercise: true
    query: events_in_record
    prompt: "How many events does the course's record hold?"
    where: "notebook {number}, 'Exercise 2'"
    why: "The record holds {{answer}} events, from our sources and from other reports (cited)."
    wrong:
      - number: 0
        feedback: "the record is not empty: count its events with len(...)"

'''

QUERIES = '''"""The facts behind notebook {number}'s questions (wording in questions.yaml). Each query returns
the answer (``right`` or ``answer``) and the values its feedback quotes, computed from the data when asked."""

from __future__ import annotations

from ...data.frames import load


def sources_in_course() -> dict:
    """How many texts the course rests on."""
    return {{"answer": len(load("sources"))}}


def events_in_record() -> dict:
    """How many events the record holds."""
    return {{"answer": len(load("events"))}}
'''

PROSE_TEST = '''"""Notebook {number} ({title}): what its prose states, checked against the data (docs/authoring.md §1).

Each test reads the data and the notebook's own words (``nb.says``), so a change to either fails here. Add one test
per number, date, name or quoted phrase the prose states.
"""

from __future__ import annotations

from csto.course import entries
from csto.lessons import quiz

NUMBER = "{number}"


def _slide(cell) -> str:
    return cell.metadata.get("slideshow", {{}}).get("slide_type", "")


def test_the_time_is_the_course_maps(nb):
    entry = next(e for e in entries() if e["notebook"] == NUMBER)
    assert nb.says(f"**Time:** {{entry['minutes_self']}} min self-study, {{entry['minutes_class']}} min in class.")


def test_the_story_follows_the_objectives_and_draws_this_lessons_timeline(nb):
    headed = [i for i, c in enumerate(nb.cells)
              if c.cell_type == "markdown" and c.source.startswith("## What happened")]
    assert len(headed) == 1 and "story" in nb.cells[headed[0]].metadata.get("tags", [])
    later = [c.source for c in nb.cells[headed[0]:] if c.cell_type == "code"]
    assert later and later[0] == f'story.what_happened("{{NUMBER}}")'


def test_the_speaker_notes_fit_the_class(nb):
    import re

    minutes = [int(m.group(1)) for c in nb.cells if _slide(c) == "notes"
               for m in [re.match(r"\\*\\*Speaker notes — .+? \\((\\d+) min\\):\\*\\*", c.source)] if m]
    entry = next(e for e in entries() if e["notebook"] == NUMBER)
    assert minutes and sum(minutes) <= min(40, entry["minutes_class"])


def test_the_self_check_asks_this_lessons_questions(nb):
    asked = quiz.question_data(NUMBER)
    assert asked and all(q["id"].startswith((f"nb{{NUMBER}}_", f"ex{{NUMBER}}_")) for q in asked)
    assert any(c.source == f'show.self_check("{{NUMBER}}")' for c in nb.cells if c.cell_type == "code")
'''


def _write_new(path: Path, text: str) -> Path:
    if path.exists():
        raise FileExistsError(f"{path.relative_to(ROOT)} exists already: nothing was changed")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _guide_blocks(guide: str, number: str, title: str) -> str:
    """The guide with a section for the new lesson: the generated blocks the last lesson has, empty, at the end."""
    import re

    numbers = sorted(set(re.findall(r"<!-- \w+:(\d\d):start -->", guide)))
    if number in numbers:
        return guide
    names = re.findall(rf"<!-- (\w+):{numbers[-1]}:start -->", guide) if numbers else []
    blocks = "\n\n".join(f"<!-- {name}:{number}:start -->\n<!-- {name}:{number}:end -->" for name in names)
    return guide.rstrip("\n") + f"\n\n## {number} {title}\n\n{blocks}\n"


def new_lesson(number: str, title: str) -> list[Path]:
    """Add lesson ``number``: its row of the course map, its notebook skeleton, question file and queries, prose
    test, the teacher's guide's blocks and the README's course map. Refuses a number or file that exists, before
    writing anything. Returns the files written or changed."""
    import json

    if not (len(number) == 2 and number.isdigit()):
        raise ValueError(f"a lesson number is two digits, e.g. 07; got {number!r}")
    if any(e["notebook"] == number for e in entries()):
        raise ValueError(f"lesson {number} is in csto/course_map.csv already: nothing was changed")
    root = ROOT
    stem = f"{number}_{slug(title)}"
    notebook = root / "notebooks" / f"{stem}.ipynb"
    lesson = root / "csto" / "lessons" / f"nb{number}"
    test = root / "tests" / "prose" / f"test_{stem}.py"
    for path in (notebook, lesson, test):
        if path.exists():
            raise FileExistsError(f"{path.relative_to(root)} exists already: nothing was changed")
    with COURSE_MAP.open(encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))
    row = {"notebook": number, "file": notebook.name, "title": title,
           "question": f"{title}: what do our sources say?", **DEFAULT_MINUTES}
    with COURSE_MAP.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=columns, lineterminator="\n").writerow({c: row.get(c, "") for c in columns})
    values = {"number": number, "title": title}
    written = [COURSE_MAP,
               _write_new(notebook, json.dumps(skeleton(number, title, **DEFAULT_MINUTES), indent=1,
                                               ensure_ascii=False) + "\n"),
               _write_new(lesson / "__init__.py", f'"""Notebook {number}\'s questions: questions.yaml (wording) and '
                                                  'queries.py (the facts it is filled from)."""\n'),
               _write_new(lesson / "questions.yaml", QUESTIONS.format(**values)),
               _write_new(lesson / "queries.py", QUERIES.format(**values)),
               _write_new(test, PROSE_TEST.format(**values))]
    guide = root / "teacher_guide.md"
    if guide.exists():
        guide.write_text(_guide_blocks(guide.read_text(encoding="utf-8"), number, title), encoding="utf-8")
        written.append(guide)
    readme = root / "README.md"
    if readme.exists():
        readme.write_text(with_course_map(readme.read_text(encoding="utf-8")), encoding="utf-8")
        written.append(readme)
    return written


def with_course_map(text: str) -> str:
    """A Markdown text with its course-map table (from its header row to the last row) replaced by today's map."""
    lines = text.split("\n")
    header = markdown_table().split("\n", 1)[0]
    if header not in lines:
        return text
    start = lines.index(header)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[:start] + markdown_table().split("\n") + lines[end:])


def main(argv: list[str]) -> int:
    import sys

    """``python -m csto.course`` prints the course map; ``python -m csto.course new 07 "Title"`` adds a lesson."""
    if argv[:1] == ["new"]:
        if len(argv) != 3:
            print('usage: python -m csto.course new NN "Title"')
            return 2
        try:
            written = new_lesson(argv[1], argv[2])
        except (ValueError, FileExistsError) as err:
            print(err, file=sys.stderr)
            return 1
        for path in written:
            print("wrote", path.relative_to(ROOT))
        print(f"next: the lesson's story events in data/story_events.csv, its questions in csto/lessons/nb{argv[1]}/, "
              "then `python -m csto.site.guide` (see docs/extending.md)")
        return 0
    print(markdown_table())
    return 0


if __name__ == "__main__":
    from sys import argv

    raise SystemExit(main(argv[1:]))
