"""The course's structure: the map of notebooks that the README, notebook 00 and the site index all show."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

COURSE_MAP = Path(__file__).with_name("course_map.csv")


def course_map() -> pd.DataFrame:
    """Notebook number, file, title, the question it answers and the time it takes (minutes)."""
    return pd.read_csv(COURSE_MAP, dtype={"notebook": str})


def notebook_labels() -> dict[str, str]:
    """'01' -> '01 Founding and membership', for chart legends."""
    frame = course_map()
    return dict(zip(frame["notebook"], frame["notebook"] + " " + frame["title"]))


def markdown_table() -> str:
    """The course map as a Markdown table (the README's copy is checked against it by a test)."""
    lines = ["| # | Notebook | Question it answers | Self-study | Class |", "|---|---|---|---|---|"]
    for row in course_map().itertuples():
        lines.append(f"| {row.notebook} | [{row.title}](notebooks/{row.file}) | {row.question} | {row.minutes_self} min | {row.minutes_class} min |")
    return "\n".join(lines)
