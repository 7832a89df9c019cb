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
