"""The course's structure: the map of notebooks that the README, notebook 00, the site and JupyterLab all show.

``entries()`` reads ``course_map.csv`` with the standard library (JupyterLab's launcher and the site use it without
pandas); ``course_map()`` is the same as a DataFrame for notebooks.
"""

from __future__ import annotations

import csv
from pathlib import Path

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


def notebook_labels() -> dict[str, str]:
    """'01' -> '01 Founding and membership', for chart legends."""
    return {e["notebook"]: f"{e['notebook']} {e['title']}" for e in entries()}


def markdown_table() -> str:
    """The course map as a Markdown table (the README's copy is checked against it by a test)."""
    lines = ["| # | Notebook | Question it answers | Self-study | Class |", "|---|---|---|---|---|"]
    for row in entries():
        lines.append(f"| {row['notebook']} | [{row['title']}](notebooks/{row['file']}) | {row['question']} | "
                     f"{row['minutes_self']} min | {row['minutes_class']} min |")
    return "\n".join(lines)


# ---- the teacher's guide, generated from the notebooks' speaker notes and the quiz ---------------------------------

GUIDE = COURSE_MAP.parent.parent / "teacher_guide.md"
NOTES = r"^\*\*Speaker notes — (?P<activity>[^*]+?) \((?P<minutes>\d+) min\):\*\*"


def lesson_plan(entry: dict) -> list[tuple[int, int, str]]:
    """(from minute, to minute, activity) for each speaker-notes cell of a notebook, in order: the lesson as the
    notes time it. The notes are the one source of the minutes; the guide prints this plan."""
    import re

    import nbformat

    nb = nbformat.read(COURSE_MAP.parent.parent / "notebooks" / entry["file"], as_version=4)
    plan, start = [], 0
    for cell in nb.cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") != "notes":
            continue
        match = re.match(NOTES, cell.source.strip())
        if match is None:
            raise ValueError(f"notebooks/{entry['file']}: a notes cell does not open with '**Speaker notes — <activity> (<N> min):**'")
        minutes = int(match["minutes"])
        if minutes:
            plan.append((start, start + minutes, match["activity"].strip()))
            start += minutes
    return plan


def plan_markdown(entry: dict) -> str:
    """A notebook's lesson plan as the guide's table; spare minutes, if any, are shown as questions and the self-check."""
    rows = ["| Min | Activity |", "|---|---|"]
    plan = lesson_plan(entry)
    rows += [f"| {a}–{b} | {activity} |" for a, b, activity in plan]
    end = plan[-1][1] if plan else 0
    if end < entry["minutes_class"]:
        rows.append(f"| {end}–{entry['minutes_class']} | Questions, and the self-check started in class |")
    return "\n".join(rows)


def _replace_block(text: str, name: str, body: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in text or end not in text:
        raise ValueError(f"teacher_guide.md has no block {start} … {end}")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def guide_text(text: str) -> str:
    """The guide with every generated block brought up to date: lesson plans and answer keys."""
    from .lessons import quiz

    for entry in entries():
        text = _replace_block(text, f"plan:{entry['notebook']}", plan_markdown(entry))
        text = _replace_block(text, f"answers:{entry['notebook']}", quiz.answer_key_markdown(entry["notebook"]))
    return text


def write_guide() -> bool:
    """Rewrite the generated blocks of teacher_guide.md; True when anything changed."""
    old = GUIDE.read_text(encoding="utf-8")
    new = guide_text(old)
    if new != old:
        GUIDE.write_text(new, encoding="utf-8")
    return new != old


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["guide"]:
        print("teacher_guide.md " + ("updated" if write_guide() else "unchanged"))
    else:
        print(markdown_table())
