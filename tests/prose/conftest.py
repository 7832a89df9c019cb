"""Fixtures for the prose tests: each test file checks one notebook's words against the data (docs/authoring.md §1).

A file named ``test_01_founding_and_membership.py`` gets ``nb``, the notebook
``notebooks/01_founding_and_membership.ipynb`` read as text: ``nb.says("nine states")`` is true when its Markdown
contains those words (white space and curly quotation marks folded, letter case kept), ``nb.markdown`` is all its
Markdown, ``nb.prose`` what a student reads (no speaker notes), ``nb.cells`` its cells, ``nb.tagged("story")`` the
cells with a tag, and ``nb.planned_minutes()`` the minutes its speaker notes plan. ``jargon_per_thousand`` counts
the data model's words as the readability count of issue 21 does; ``notes_follow_first_slides`` lists speaker
notes that do not open their section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip()


@dataclass
class NotebookText:
    path: Path
    cells: list

    @property
    def markdown(self) -> str:
        return "\n\n".join(c.source for c in self.cells if c.cell_type == "markdown")

    def says(self, words: str) -> bool:
        """True when the notebook's Markdown (prose, notes, folded answers) contains ``words``."""
        return fold(words) in fold(self.markdown)

    def notes(self) -> str:
        return "\n\n".join(c.source for c in self.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes")

    @property
    def prose(self) -> str:
        """What a student reads: the Markdown cells that are not speaker notes."""
        return "\n\n".join(c.source for c in self.cells if c.cell_type == "markdown" and _slide(c) != "notes")

    def tagged(self, tag: str) -> list:
        """The cells carrying ``tag`` in their metadata (``story``, ``main-chart``, ``student``)."""
        return [c for c in self.cells if tag in c.metadata.get("tags", [])]

    def index_of(self, heading: str) -> int:
        """The index of the Markdown cell whose first line is ``heading`` (e.g. "## What happened")."""
        for i, c in enumerate(self.cells):
            if c.cell_type == "markdown" and c.source.splitlines()[:1] == [heading]:
                return i
        raise AssertionError(f"{self.path.name} has no cell headed {heading!r}")

    def deck_slide_number(self, index: int) -> int:
        """Which slide of the deck (1 = the title) the cell at ``index`` opens: slides and subslides counted."""
        return sum(1 for c in self.cells[:index + 1] if _slide(c) in ("slide", "subslide"))

    def planned_minutes(self) -> list[tuple[str, int]]:
        """(section, minutes) of every speaker-notes cell, read from its required first words."""
        return [(m.group(1), int(m.group(2))) for c in self.cells if _slide(c) == "notes"
                for m in [NOTES_START.match(c.source)] if m]


NOTES_START = re.compile(r"\*\*Speaker notes — (.+?) \((\d+) min\):\*\*")
# The data model's words that student prose avoids (the list of the readability count of issue 21).
JARGON = re.compile(r"\b(rows?|background rows?|course[- ]sources?|course data|verbatim|spans?|date precision|"
                    r"happenings?|iso3|ids?|seeds?|coded)\b", re.I)


def _slide(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "")


def jargon_per_thousand(markdown: str) -> float:
    """Data-model words per 1,000 words of prose, counted as the readability tool counts them (code, inline code,
    link targets and HTML tags left out)."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", "X", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    return len(JARGON.findall(text)) * 1000 / max(1, len(words))


def notes_follow_first_slides(nb: NotebookText) -> list[str]:
    """Speaker-notes cells that do not sit right after the first cell of a section (a ``##`` heading on a slide)."""
    wrong = []
    for i, c in enumerate(nb.cells):
        if _slide(c) == "notes":
            before = nb.cells[i - 1] if i else None
            if before is None or before.cell_type != "markdown" or not before.source.startswith("## ") \
                    or _slide(before) not in ("slide", "subslide"):
                wrong.append(c.source[:60])
    return wrong


def untold_returns(lesson: str) -> list[str]:
    """The rejoinings a lesson's story leaves out between a departure and a suspension it tells (review 3, M2: a
    state shown outside the treaty in 1999 and then suspended in 2012 reads as a contradiction without its 2006
    return). A membership row counts as told when a story event has its day and its reference, as the story's own
    wording of membership rows does (facts.membership_row_words)."""
    from csto.data.frames import load

    told = set()
    events = load("events").set_index("event_id")
    for event_id in load("story_events").query("notebook == @lesson")["event_id"].dropna():
        told.add((events.loc[event_id, "date"], events.loc[event_id, "citation_id"]))
    rows = load("membership")
    rows = rows[rows["origin"].astype(str) == "context"].sort_values("start")
    missing = []
    for iso3, mine in rows.groupby("iso3"):
        shown = [(r["date"], r["citation_id"]) in told for _, r in mine.iterrows()]
        changes = list(mine["change"].astype(str))
        for i, (change, seen) in enumerate(zip(changes, shown)):
            left_before = any(shown[j] and changes[j] in ("did_not_renew", "withdrew") for j in range(i))
            suspended_after = any(shown[j] and "suspended" in changes[j] for j in range(i + 1, len(changes)))
            if change == "joined" and not seen and left_before and suspended_after:
                missing.append(f"{iso3} {mine.iloc[i]['date']}")
    return missing


@pytest.fixture(scope="module")
def nb(request) -> NotebookText:
    stem = Path(request.module.__file__).stem.removeprefix("test_")
    path = NOTEBOOKS / f"{stem}.ipynb"
    if not path.exists():
        pytest.fail(f"{Path(request.module.__file__).name} names no notebook: {path} is missing")
    return NotebookText(path, nbformat.read(path, as_version=4).cells)
