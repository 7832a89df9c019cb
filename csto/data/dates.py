"""Dates of reduced precision (ISO 8601 ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and the span each one covers.

A source that says "in 2010" does not say "1 January 2010": keeping the precision lets charts draw a year as a
year and lets checks compare spans instead of inventing days.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

PRECISIONS = ("day", "month", "year", "period")
_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
_ANY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def first_day(value: str) -> date:
    """The first day covered by a reduced-precision date ('2016' -> 2016-01-01)."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    """The last day covered by a reduced-precision date ('2016-02' -> 2016-02-29)."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return date(year, 12, 31)
    if len(parts) == 2:
        return date(year, parts[1], calendar.monthrange(year, parts[1])[1])
    return date(year, parts[1], parts[2])


def span(value: str, value_end: str | None, precision: str) -> tuple[date, date]:
    """First and last day an observation may fall on."""
    return first_day(value), last_day(value_end if precision == "period" and value_end else value)


def date_problems(value: str | None, value_end: str | None, precision: str | None) -> list[tuple[str, str]]:
    """(column, message) pairs for a date that does not match its declared precision, or is not a real date."""
    if not value and not precision:
        return []
    if not value:
        return [("date", f"date_precision is {precision!r} but date is empty")]
    if precision not in PRECISIONS:
        return [("date_precision", f"date_precision {precision!r} is not one of {', '.join(PRECISIONS)}")]
    problems: list[tuple[str, str]] = []
    for column, text in (("date", value), ("date_end", value_end)):
        if text and not _ANY.match(text):
            problems.append((column, f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"))
            continue
        if text:
            try:
                first_day(text), last_day(text)
            except ValueError as err:
                problems.append((column, f"{text!r} is not a real date ({err})"))
    if problems:
        return problems
    if precision == "period":
        if not value_end:
            return [("date_end", "a period needs date_end")]
        if last_day(value_end) < first_day(value):
            return [("date_end", f"period ends ({value_end}) before it starts ({value})")]
    else:
        if value_end:
            problems.append(("date_end", f"date_end is only for date_precision=period, not {precision!r}"))
        if not _FORMS[precision].match(value):
            problems.append(("date", f"{value!r} does not have the form of a {precision} date"))
    return problems
