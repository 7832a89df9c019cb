"""A sixth source, end to end, in a temporary copy of the course: registered and quoted by commands alone (as
data/ADDING_A_SOURCE.md walks through), checked, then the course either carries it or names every place to change.

The synthetic source (tests/sixth_source.py) reports Uzbekistan's return in 2006 and its suspension in December 2012,
the case that showed what was missing: after it, the notebooks' "our five sources", "written between 2017 and 2026"
and "silent on membership between 1999 and 2022" are wrong, and so may be a quiz question built on that silence.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sixth_source import ROWS, command, course_with_the_sixth_source

ROOT = Path(__file__).resolve().parents[2]
# Words that the sixth source makes wrong wherever the prose states them (an oracle independent of csto.stale).
MADE_WRONG = ("written between 2017 and 2026", "silent on membership between 1999 and 2022", "our five sources")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of the course's data and notebooks with the sixth source added by commands (made once per run, shared
    read-only with the add-row test); returns its root."""
    root, runs = course_with_the_sixth_source(tmp_path_factory)
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
    assert len(runs) == 1 + len(ROWS)
    return root


def _python(root: Path, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CSTO_ROOT": str(root)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root, timeout=600)


def test_the_package_with_the_sixth_source_checks(course):
    checked = command(course, "check")
    assert checked.returncode == 0, checked.stdout
    assert "6 source texts" in checked.stdout


def test_the_membership_chart_shows_the_change_from_the_sources_alone(course):
    """The record the membership chart draws (derive.intervals, sources alone) now has Uzbekistan a member from the
    end of 2006 until its suspension in December 2012."""
    run = _python(course, "import csv, datetime as d\n"
                          "from csto.data import derive\n"
                          "rows = list(csv.DictReader(open('data/membership.csv', encoding='utf-8')))\n"
                          "alone = [r for r in rows if r['origin'] == 'seed']\n"
                          "for i in derive.intervals(alone, d.date(2026, 1, 23)):\n"
                          "    if i['iso3'] == 'UZB': print(i['first'], i['last'], i['status'])")
    assert run.returncode == 0, run.stderr
    assert "2006-12-31 2012-11-30 member" in run.stdout.replace("\n", " "), run.stdout


def test_the_quiz_names_each_question_the_new_data_break(course):
    run = _python(course, "from csto.lessons import questions\nprint('\\n'.join(questions.problems()))")
    assert run.returncode == 0, run.stderr
    named = [line for line in run.stdout.splitlines() if line.strip()]
    assert all(re.match(r"nb\d\d_\w+: ", line) for line in named), named


def test_every_stale_place_in_the_prose_is_named_by_notebook_and_cell(course):
    run = subprocess.run([sys.executable, "-m", "csto.stale", str(course / "notebooks")], capture_output=True,
                         text=True, env={**os.environ, "CSTO_ROOT": str(course)}, timeout=300)
    named = set(re.findall(r"- (\S+\.ipynb), cell (\d+) \(id [^)]*\): '", run.stdout))
    expected = set()
    for path in sorted((course / "notebooks").glob("*.ipynb")):
        for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], start=1):
            words = " ".join("".join(cell["source"]).replace("**", "").split()).lower()
            if cell["cell_type"] == "markdown" and any(w in words for w in MADE_WRONG):
                expected.add((path.name, str(number)))
    if not expected:
        assert run.returncode == 0, "the prose no longer states these facts, so nothing should be named"
    else:
        assert run.returncode == 1
        missing = expected - named
        assert not missing, f"stale cells not named: {sorted(missing)}\n{run.stdout}"
