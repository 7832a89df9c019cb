"""The membership status rule (csto/data/derive.py): spans stay open, and a paused participation is still membership."""

from __future__ import annotations

from datetime import date

from csto.data.derive import Change, status_on

JOINED = Change("ARM", date(1992, 1, 1), date(1994, 12, 31), "member", False)
PAUSED = Change("ARM", date(2022, 11, 1), date(2026, 1, 23), "participation suspended", False)
LEFT = Change("GEO", date(1992, 1, 1), date(1999, 12, 31), "former member", False)


def test_a_day_inside_the_span_of_joining_is_uncertain():
    assert status_on(date(1993, 6, 1), [JOINED])[0] == "uncertain"
    assert status_on(date(1994, 12, 31), [JOINED])[0] == "member", "on the span's last day the change has happened"


def test_a_state_stays_a_member_inside_the_span_of_a_suspended_participation():
    assert status_on(date(2024, 12, 31), [JOINED, PAUSED])[0] == "member"
    assert status_on(date(2026, 1, 23), [JOINED, PAUSED])[0] == "participation suspended"


def test_a_day_inside_the_span_of_leaving_is_uncertain():
    joined = Change("GEO", date(1992, 1, 1), date(1994, 12, 31), "member", False)
    assert status_on(date(1996, 12, 31), [joined, LEFT])[0] == "uncertain"
    assert status_on(date(1991, 12, 31), [joined, LEFT])[0] == "not a member"


# ---- `python -m csto.data check` rebuilds every derived table and compares ----------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


def _check(descriptor: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csto.data", "check", str(descriptor)],
                          capture_output=True, text=True, check=False)


def _edit_line(path: Path, starts: str, column: int, value: str) -> int:
    """Set one cell of the first line starting with ``starts`` (no quoted commas on it); returns its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(starts))
    cells = lines[number].split(",")
    cells[column] = value
    lines[number] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_check_passes_on_the_package_as_derived(data_copy):
    run = _check(data_copy)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize(("column", "index", "value"), [("status", 3, "member"), ("cow_code", 1, "699")])
def test_a_hand_edit_to_member_years_fails_check_naming_file_line_and_column(data_copy, column, index, value):
    """The researcher's edits: Uzbekistan's 2013 status set to member, its COW code set to 699."""
    line = _edit_line(data_copy.parent / "data" / "member_years.csv", "UZB,704,2013,", index, value)
    run = _check(data_copy)
    assert run.returncode == 1
    assert f"data/member_years.csv, line {line}, column '{column}': is '{value}'" in run.stdout, run.stdout


def test_a_membership_row_changed_without_derive_fails_check_at_the_member_years_it_changes(data_copy):
    """Only membership.csv is edited (a withdrawal row deleted): member_years.csv is now stale, and check says where."""
    path = data_copy.parent / "data" / "membership.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not line.startswith("mem_1999_uzb_withdrew,")]
    path.write_text("\n".join(kept), encoding="utf-8")
    run = _check(data_copy)
    assert run.returncode == 1
    assert "data/member_years.csv, line " in run.stdout and "python -m csto.data derive" in run.stdout, run.stdout


def test_a_missing_member_years_row_is_named(data_copy):
    path = data_copy.parent / "data" / "member_years.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    del lines[5]
    path.write_text("\n".join(lines), encoding="utf-8")
    run = _check(data_copy)
    assert "data/member_years.csv, line 6" in run.stdout, run.stdout
