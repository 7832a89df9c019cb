"""``python -m csto.data add-row``: quoting a source in any table by command, all or nothing, on a copy."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from sixth_source import REGISTER, ROWS, SOURCE_ID, SUSPENDED, TEXT, command, course_with_the_sixth_source

ROOT = Path(__file__).resolve().parents[2]


def fingerprint(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def rows(root: Path, table: str) -> list[dict]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def registered(tmp_path_factory) -> Path:
    """A copy of the package with the synthetic source registered by the command (no rows yet), made once for the
    module and never changed; returns its root."""
    root = tmp_path_factory.mktemp("registered")
    for name in ("data", "seeds"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    text = root.parent / f"{root.name}-{SOURCE_ID}.txt"
    text.write_text(TEXT, encoding="utf-8")
    added = command(root, "add-source", str(text), *REGISTER)
    assert added.returncode == 0, added.stderr
    return root


@pytest.fixture
def with_source(registered: Path, tmp_path: Path) -> Path:
    """A scratch copy of the package with the synthetic source registered (no rows yet), for a test to break;
    returns the copy's root."""
    root = tmp_path / "package"
    shutil.copytree(registered, root)
    return root


@pytest.fixture(scope="module")
def sixth_source(tmp_path_factory) -> tuple[Path, list]:
    """The course's copy with the source registered and its rows added by commands (shared, read-only)."""
    return course_with_the_sixth_source(tmp_path_factory)


@pytest.fixture(autouse=True)
def _real_repository_untouched():
    yield
    for path in [*(ROOT / "data").glob("*.csv"), ROOT / "datapackage.json"]:
        assert SOURCE_ID not in path.read_text(encoding="utf-8"), f"a test wrote into the real {path.name}"
    assert not (ROOT / "seeds" / f"{SOURCE_ID}.txt").exists()


def test_rows_added_by_command_validate_and_change_the_membership_record(sixth_source):
    root, runs = sixth_source
    assert [r.returncode for r in runs] == [0] * (1 + len(ROWS)), "\n".join(r.stderr for r in runs)
    suspended = next(r for r in rows(root, "membership") if r["change_id"] == "mem_agency2012_uzb_suspended")
    assert (suspended["happening_id"], suspended["earliest"], suspended["latest"], suspended["origin"]) == \
        ("h_2012_12_19_uzb_suspended", "2012-12-01", "2012-12-31", "seed")
    assert "data/member_years.csv: re-derived" in runs[1].stdout
    uzb_2013 = next(r for r in rows(root, "member_years") if (r["iso3"], r["year"]) == ("UZB", "2013"))
    assert uzb_2013["status_sources_only"] == "membership suspended", "the sources alone now give the suspension"
    checked = command(root, "check")
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize(("change", "expected"), [
    ({"--quote": "Uzbekistan has left the bloc."}, "column 'quote': not found verbatim in the text of agency2012"),
    ({"--source": "nobody2030"}, "column 'source_id': 'nobody2030' is not a source of data/sources.csv"),
    ({"date=2012-12": "date=2013"}, "column 'date': 2013 is after agency2012 was published (by 2012-12-20)"),
    ({"date=2012-12": "date=2012-13"}, "column 'date'"),
    ({"change=membership_suspended": "change=paused"}, "column 'change': 'paused' is not an allowed value"),
    ({"iso3=UZB": "iso3=UZX"}, "column 'iso3': 'UZX' is not a iso3 of countries"),
    ({"change_id=mem_agency2012_uzb_suspended": "change_id=mem_1999_uzb_withdrew"},
     "column 'change_id': 'mem_1999_uzb_withdrew': that value of column 'change_id' exists already "
     "(data/membership.csv, line "),
    ({"h_2012_12_19_uzb_suspended": "h_2012_12_19_nothing"},
     "--link h_2012_12_19_nothing: no column of this table points"),
    ({"iso3=UZB": "country=UZB"}, "column 'country': data/membership.csv has no such column"),
    ({"iso3=UZB": "earliest=2012-12-01"}, "column 'earliest': the command fills this column itself"),
])
def test_a_bad_row_is_refused_by_file_line_and_column_and_nothing_changes(with_source, change, expected):
    argv = list(ROWS[0])
    for old, new in change.items():
        if old.startswith("--"):
            argv[argv.index(old) + 1] = new
        else:
            argv[argv.index(old)] = new
    before = fingerprint(with_source)
    refused = command(with_source, "add-row", *argv)
    assert refused.returncode == 1
    assert expected in refused.stderr, refused.stderr
    new_line = len(rows(with_source, "membership")) + 2
    assert f"data/membership.csv, line {new_line} (the new row)" in refused.stderr or "--link" in expected
    assert "Nothing was written." in refused.stderr
    assert fingerprint(with_source) == before


def test_words_not_in_the_text_are_refused(with_source):
    argv = list(ROWS[4])
    argv[argv.index(next(a for a in argv if a.startswith("words=")))] = "words=Uzbekistan's decision is welcome"
    refused = command(with_source, "add-row", *argv)
    assert refused.returncode == 1 and "column 'words': not found verbatim" in refused.stderr, refused.stderr


def test_a_table_without_quotes_is_refused_with_the_list_of_tables(with_source):
    refused = command(with_source, "add-row", "member_years", "--source", SOURCE_ID, "--quote", SUSPENDED, "iso3=UZB")
    assert refused.returncode == 1
    assert "'member_years' is not a table whose rows quote a source" in refused.stderr
    assert "membership" in refused.stderr and "claims" in refused.stderr


def test_a_problem_only_the_validation_finds_rolls_every_file_back(with_source):
    """A figure whose value is not a number passes the checks made before writing; the validation after writing
    finds it, and the table is put back byte for byte."""
    before = fingerprint(with_source)
    refused = command(with_source, "add-row", "figures", "--source", SOURCE_ID, "--quote", SUSPENDED,
                      "figure_id=fig_agency2012_years", "metric=years", "subject=Uzbekistan's membership",
                      "value=six", "value_text=six", "unit=years", "qualifier=exact")
    assert refused.returncode == 1, refused.stdout
    assert "with the new row, the package does not validate" in refused.stderr, refused.stderr
    assert "data/figures.csv, line" in refused.stderr and "column 'value'" in refused.stderr
    assert "rolled back" in refused.stderr
    assert fingerprint(with_source) == before
