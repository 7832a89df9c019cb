"""The course's names and the exception the slip rules share: what a notebook's setup cell defines, and the signal
that a cell was stopped before its check ran."""

from __future__ import annotations

# The names a notebook's setup cell defines, and what each one is: the one list the slip rules read.
COURSE_NAMES: dict[str, str] = {
    "data": "the course's data (from csto import data)",
    "quiz": "the self-check (from csto.lessons import quiz)",
    "show": "the course's tables and quotes (from csto import show)",
    "charts": "the course's charts (from csto import charts)",
    "views": "the course's ready-made tables (from csto.data import views)",
    "labels": "the course's labels (from csto import labels)",
    "read": "the source reader (from csto.reader import read)",
    "reader": "the source reader (from csto import reader)",
    "story": "the lesson's story (from csto import story)",
    "glossary": "the glossary (from csto import glossary)",
    "scorecard": "the scorecard (from csto.lessons import scorecard)",
    "gaps": "the gaps lesson (from csto.lessons import gaps)",
    "evidence": "the evidence lesson (from csto.lessons import evidence)",
    "source_criticism": "the source-criticism lesson (from csto.lessons import source_criticism)",
    "course_map": "the course map (from csto.course import course_map)",
    "pd": "pandas (import pandas as pd)",
}
COURSE_PACKAGES = ("csto", "pandas", "IPython")  # a course name holding an object from one of these is intact
RUN_SETUP = "Run ▸ Run All Above"
class SlipFound(Exception):
    """Raised at the top of a cell the slips caught before it ran (the answer under another name): its message is the
    sentence."""

ANSWER = "answer"  # the name every exercise cell's check reads
