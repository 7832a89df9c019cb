"""Columns and tables derived from the hand-made rows: ``python -m csto.data derive`` writes them.

- ``earliest``/``latest`` (``published_earliest``/``published_latest`` in sources.csv): the first and last day a
  stated date may mean, as typed ISO dates, so that any tool can sort and filter without knowing the precision rule.
- ``member_years.csv``: each state's status on 31 December of every year of the record, from the course sources
  alone and with background rows, and which of the two decided it.

Standard library only. ``python -m csto.data check`` rebuilds everything ``derive`` writes in memory and compares it
with the files (``differences``), so a hand edit to a derived table, or a hand-made row whose derived values were not
re-derived, is named by file, line and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..paths import descriptor_path
from . import dates, package

MEMBER_YEARS = "member_years"
FIRST_YEAR = 1992
# What each kind of membership change leaves the state as. listed_as_member is evidence, not a change.
# A state that suspends its participation stays a member (Mitchell still counts Armenia among the "member-states");
# a suspended membership is not membership. The two are kept apart so that counts of members stay true.
OUTCOMES = {"joined": "member", "withdrew": "former member", "did_not_renew": "former member",
            "membership_suspended": "membership suspended", "suspended_participation": "participation suspended"}
STATUSES = ("member", "participation suspended", "uncertain", "membership suspended", "former member", "not a member")
MEMBER_STATUSES = ("member", "participation suspended")  # the statuses that count as membership


def date_columns(fields: list[str]) -> tuple[str, str, str, str] | None:
    """(stated start, stated end, earliest, latest) column names of a dated table, or None."""
    if "date_precision" not in fields:
        return None
    if "date" in fields:
        return "date", "date_end", "earliest", "latest"
    return "published", "published_end", "published_earliest", "published_latest"


def span_of(row: dict, columns: tuple[str, str, str, str]) -> tuple[str, str]:
    """('YYYY-MM-DD', 'YYYY-MM-DD') for a row's stated date, or ('', '') when it has none or it is malformed."""
    start, end, _, _ = columns
    value, value_end, precision = row.get(start) or "", row.get(end) or "", row.get("date_precision") or ""
    if not value or dates.date_problems(value, value_end or None, precision):
        return "", ""
    first, last = dates.span(value, value_end or None, precision)
    return first.isoformat(), last.isoformat()


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _csv_text(fields: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: row.get(k, "") for k in fields} for row in rows)
    return out.getvalue()


def _write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def fill_dates(descriptor: Path) -> list[str]:
    """Write earliest/latest in every dated table; returns the files changed."""
    changed = []
    for name in package.table_names(descriptor):
        path = descriptor.parent / package.resource(name, descriptor)["path"]
        fields, rows = _read(path)
        columns = date_columns(fields)
        if columns is None or columns[2] not in fields:
            continue
        for row in rows:
            row[columns[2]], row[columns[3]] = span_of(row, columns)
        if _write_if_changed(path, _csv_text(fields, rows)):
            changed.append(str(path.relative_to(descriptor.parent)))
    return changed


# ---- membership by year -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    iso3: str
    first: date
    last: date
    outcome: str
    background: bool


def changes_from(rows: list[dict], with_background: bool) -> list[Change]:
    """The membership changes that decide a status, oldest first.

    With background, a background row that dates a change the sources give only as a span (Georgia left 'by 1999';
    background: on 20 April 1999) replaces the source's span for that country and outcome: it narrows the same
    change, it does not add a second one.
    """
    changes = []
    for row in rows:
        if row.get("change") not in OUTCOMES or not row.get("date"):
            continue
        if row.get("origin") == "context" and not with_background:
            continue
        first, last = dates.span(row["date"], row.get("date_end") or None, row.get("date_precision") or "year")
        changes.append(Change(row["iso3"], first, last, OUTCOMES[row["change"]], row.get("origin") == "context"))
    if with_background:
        dated = [c for c in changes if c.background]
        changes = [c for c in changes if c.background or not any(
            d.iso3 == c.iso3 and d.outcome == c.outcome and c.first <= d.first and d.last <= c.last for d in dated)]
    return sorted(changes, key=lambda c: (c.first, c.last))


def status_on(day: date, changes: list[Change]) -> tuple[str, Change | None]:
    """A state's status on ``day`` and the change that decided it. Inside a change's span it is 'uncertain':
    the sources do not say which side of the day the change fell on, and the course does not guess. The exception is a
    change between two kinds of membership (a suspended participation): the state is a member on either side of it,
    so it stays a 'member' until the span is over, and only whether it still took part is open."""
    status, deciding = "not a member", None
    for change in changes:
        if day < change.first:
            break
        if day >= change.last:
            status, deciding = change.outcome, change
        elif not (status in MEMBER_STATUSES and change.outcome in MEMBER_STATUSES):
            status, deciding = "uncertain", change
    return status, deciding


def member_years(rows: list[dict], years: list[int]) -> list[dict]:
    """One row per (state, year): status from the course sources alone, status with background, and the basis.

    The basis is 'background' where background rows change what the course sources alone would give (a date the
    sources leave open, a membership they are silent about); where both agree, the sources carry the status.
    """
    states = sorted({r["iso3"] for r in rows if r.get("change") in OUTCOMES})
    result = []
    for iso3 in states:
        mine = [r for r in rows if r["iso3"] == iso3]
        sources_only, with_background = changes_from(mine, False), changes_from(mine, True)
        for year in years:
            day = date(year, 12, 31)
            alone, _ = status_on(day, sources_only)
            status, deciding = status_on(day, with_background)
            basis = "background" if status != alone else "sources"
            result.append({"iso3": iso3, "year": year, "status": status, "status_sources_only": alone, "basis": basis})
    return result


def intervals(rows: list[dict], until: date) -> list[dict]:
    """Each state's status as runs of days from its first change to ``until``: iso3, first, last, status, basis.

    The same rule as ``member_years``, evaluated at every day a change can begin or end, so a chart can draw the
    record at full resolution: a certain membership, the span a vague date leaves open, a background date.
    """
    result = []
    for iso3 in sorted({r["iso3"] for r in rows if r.get("change") in OUTCOMES}):
        mine = [r for r in rows if r["iso3"] == iso3]
        alone, full = changes_from(mine, False), changes_from(mine, True)
        edges = sorted({d for c in alone + full for d in (c.first, c.last, c.last + timedelta(days=1))}
                       | {until + timedelta(days=1)})
        for first, after in zip(edges, edges[1:]):
            if first > until:
                break
            status, deciding = status_on(first, full)
            sources_status, _ = status_on(first, alone)
            basis = "background" if status != sources_status else "sources"
            last = min(after - timedelta(days=1), until)
            if result and result[-1]["iso3"] == iso3 and (result[-1]["status"], result[-1]["basis"]) == (status, basis):
                result[-1]["last"] = last
            else:
                result.append({"iso3": iso3, "first": first, "last": last, "status": status, "basis": basis})
    return [r for r in result if r["status"] != "not a member"]


def record_years(descriptor: Path) -> list[int]:
    """1992 to the year of the latest publication among the sources: the span the course's record covers."""
    _, sources = _read(descriptor.parent / package.resource("sources", descriptor)["path"])
    last = max(dates.last_day(s.get("published_end") or s["published"]).year for s in sources)
    return list(range(FIRST_YEAR, last + 1))


def member_years_text(descriptor: Path) -> str:
    """The CSV text ``member_years.csv`` should have, from membership.csv and the countries' COW codes."""
    _, membership = _read(descriptor.parent / package.resource("membership", descriptor)["path"])
    _, countries = _read(descriptor.parent / package.resource("countries", descriptor)["path"])
    cow = {c["iso3"]: c.get("cow_code", "") for c in countries}
    rows = member_years(membership, record_years(descriptor))
    for row in rows:
        row["cow_code"] = cow.get(row["iso3"], "")
    return _csv_text(["iso3", "cow_code", "year", "status", "status_sources_only", "basis"], rows)


def expected_texts(descriptor: Path) -> dict[str, str]:
    """Every file ``derive`` writes, as the text it would write: relative path -> CSV text. Reads, never writes."""
    texts = {}
    for name in package.table_names(descriptor):
        path = package.resource(name, descriptor)["path"]
        fields, rows = _read(descriptor.parent / path)
        columns = date_columns(fields)
        if columns is None or columns[2] not in fields:
            continue
        for row in rows:
            row[columns[2]], row[columns[3]] = span_of(row, columns)
        texts[path] = _csv_text(fields, rows)
    texts[package.resource(MEMBER_YEARS, descriptor)["path"]] = member_years_text(descriptor)
    return texts


@dataclass(frozen=True)
class Difference:
    """The first place where a derived file differs from what ``derive`` would write (line 1 is the header)."""

    file: str
    line: int
    column: str | None
    found: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" + (f", column '{self.column}'" if self.column else "")
        return (f"{where}: is {self.found or 'empty'!r}, but derived it is {self.expected or 'empty'!r} "
                "(a derived table is never edited by hand: change the rows it comes from and run "
                "`python -m csto.data derive`)")


def first_difference(path: str, actual: str, expected: str) -> Difference | None:
    """The first differing line of two CSV texts, with the first differing column; None when they agree."""
    if actual == expected:
        return None
    have, want = list(csv.reader(io.StringIO(actual))), list(csv.reader(io.StringIO(expected)))
    header = want[0] if want else []
    for number, (found, wanted) in enumerate(zip(have, want), start=1):
        if found != wanted:
            for index in range(max(len(found), len(wanted))):
                a = found[index] if index < len(found) else ""
                b = wanted[index] if index < len(wanted) else ""
                if a != b:
                    column = header[index] if number > 1 and index < len(header) else None
                    return Difference(path, number, column, a, b)
            return Difference(path, number, None, ",".join(found), ",".join(wanted))
    if len(have) != len(want):
        line = min(len(have), len(want)) + 1
        extra = have[line - 1] if len(have) > len(want) else []
        missing = want[line - 1] if len(want) > len(have) else []
        return Difference(path, line, None, ",".join(extra) or "(end of file)", ",".join(missing) or "(end of file)")
    return Difference(path, 1, None, "line endings or quoting", "the writer's form")


def differences(descriptor: Path | None = None) -> list[Difference]:
    """For each file ``derive`` writes, the first place where it differs from a fresh derivation."""
    descriptor = Path(descriptor or descriptor_path())
    found = []
    for path, expected in expected_texts(descriptor).items():
        file = descriptor.parent / path
        actual = file.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n") if file.is_file() else ""
        difference = first_difference(path, actual, expected)
        if difference is not None:
            found.append(difference)
    return found


def derive(descriptor: Path | None = None) -> list[str]:
    """Write every derived column and table; returns the files that changed."""
    descriptor = Path(descriptor or descriptor_path())
    changed = fill_dates(descriptor)
    path = descriptor.parent / package.resource(MEMBER_YEARS, descriptor)["path"]
    if _write_if_changed(path, member_years_text(descriptor)):
        changed.append(str(path.relative_to(descriptor.parent)))
    return changed
