"""Derived views of the data package that several notebooks and charts need (joins, statuses, labels).

Kept here, not in notebooks, so that each view is written once and tested.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import dates
from .data import load

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date_label(value: str | None, value_end: str | None, precision: str | None) -> str:
    """A date as a reader should see it, keeping its precision: '2010', 'Sep 2022', '1992–1994'."""
    if not isinstance(value, str):
        return "undated"

    def one(text: str) -> str:
        parts = text.split("-")
        if len(parts) == 1:
            return parts[0]
        month = MONTHS[int(parts[1]) - 1]
        return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"

    if precision == "period" and isinstance(value_end, str):
        return f"{one(value)}–{one(value_end)}"
    return one(value)


def source_names() -> dict[str, str]:
    """source_id -> short name for captions and hovers."""
    return dict(zip(*load("sources")[["source_id", "short_name"]].T.values))


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``when`` (date as written at its precision) and ``source`` (short name, or 'background') columns."""
    names = source_names()
    out = frame.copy()
    if "date" in out:
        out["when"] = [date_label(d, e, p) for d, e, p in zip(out["date"], out["date_end"], out["date_precision"].astype("object"))]
    out["source"] = [names.get(s, "background") if isinstance(s, str) else "background" for s in out["source_id"]]
    return out


def country_acts() -> pd.DataFrame:
    """One row per (event, country): the event's date and title with the country's role and act."""
    events = load("events")[["event_id", "title", "kind", "date", "date_end", "date_precision", "start", "end", "notebook"]]
    links = load("event_countries")
    merged = links.merge(events, on="event_id", how="left", validate="many_to_one")
    names = load("countries")[["iso3", "name_en"]]
    return with_labels(merged.merge(names, on="iso3", how="left"))


def dated_rows() -> pd.DataFrame:
    """Every dated row of events and membership on one axis, for the course overview timeline."""
    events = load("events").assign(table="events")
    membership = load("membership").merge(load("countries")[["iso3", "name_en"]], on="iso3")
    membership = membership.assign(table="membership", notebook="01",
                                   title=membership["name_en"] + ": " + membership["change"].astype(str).str.replace("_", " "),
                                   kind="membership")
    columns = ["title", "kind", "notebook", "date", "date_end", "date_precision", "start", "end", "source_id", "quote", "origin", "citation", "table"]
    both = pd.concat([events[columns].astype({"kind": str}), membership[columns]], ignore_index=True)
    return with_labels(both.sort_values("start", kind="stable").reset_index(drop=True))


STATUSES = ["member", "uncertain", "suspended participation", "former member", "not a member"]


def membership_statuses(years: list[int], include_context: bool = False) -> pd.DataFrame:
    """Each country's status on 31 December of each year (columns year, iso3, status), from the membership changes.

    A change whose date is a span (joined '1992–1994', withdrew 'by 1999') that contains the day makes the
    status 'uncertain': the sources do not say which side of the day it fell on, and the course does not guess.
    """
    changes = load("membership")
    if not include_context:
        changes = changes[changes["origin"] == "seed"]
    changes = changes[changes["change"] != "listed_as_member"].sort_values("start", kind="stable")
    outcome = {"joined": "member", "withdrew": "former member", "suspended_participation": "suspended participation"}
    spans = [(iso3, [(*dates.span(c.date, c.date_end if isinstance(c.date_end, str) else None, c.date_precision), outcome[c.change])
                     for c in group.itertuples()])
             for iso3, group in changes.groupby("iso3", observed=True)]
    rows = []
    for year in years:
        day = date(year, 12, 31)
        for iso3, country_changes in spans:
            status = "not a member"
            for first, last, result in country_changes:
                if day < first:
                    break
                status = "uncertain" if day < last else result
            rows.append({"year": year, "iso3": iso3, "status": status})
    return pd.DataFrame(rows, columns=["year", "iso3", "status"])


def membership_status(year: int, include_context: bool = False) -> pd.DataFrame:
    """Each country's status on 31 December of ``year`` (columns iso3, status); see ``membership_statuses``."""
    return membership_statuses([year], include_context).drop(columns="year")


def member_count(year: int) -> dict[str, int]:
    """Count of countries per status at the end of ``year`` (seed rows only)."""
    counts = membership_status(year)["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES if status != "not a member"}
