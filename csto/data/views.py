"""Derived views of the data package that several notebooks and charts share: joins, statuses, member lists.

Kept here, not in notebooks, so that each view is written once and tested. Views read tables through ``load`` and
labels through ``csto.labels``; they draw nothing and print nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from .. import labels
from . import dates
from .frames import load

def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``when`` (date as written at its precision) and ``source`` (short name, or 'background') columns."""
    out = frame.copy()
    if "date" in out:
        out["when"] = labels.when(out)
    out["source"] = [labels.source_name(s) for s in out["source_id"]]
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


def _flag(value: object, name: str, example: str) -> bool:
    """A True/False option, refused when it is anything else: ``include_context="no"`` must not act as True."""
    if isinstance(value, bool):
        return value
    raise TypeError(f"{name} takes True or False, e.g. {example}; got {value!r}")


def _years(years: object) -> list[int]:
    if isinstance(years, int) and not isinstance(years, bool):
        return [years]
    try:
        return [int(y) for y in years]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise TypeError(f"give a year or a list of years, e.g. 1996 or [1993, 1996, 2023]; got {years!r}") from None


def membership_statuses(years: list[int] | int, include_context: bool = False) -> pd.DataFrame:
    """Each country's status on 31 December of each year (columns year, iso3, status), from the membership changes.

    A change whose date is a span (joined '1992–1994', withdrew 'by 1999') that contains the day makes the
    status 'uncertain': the sources do not say which side of the day it fell on, and the course does not guess.
    """
    years = _years(years)
    changes = load("membership")
    if not _flag(include_context, "include_context", "membership_status(2024, include_context=True)"):
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


def member_count(year: int, include_context: bool = False) -> dict[str, int]:
    """Count of countries per status at the end of ``year`` (course sources only, unless ``include_context``)."""
    counts = membership_status(year, include_context)["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES if status != "not a member"}


def member_counts(years: Iterable[int], include_context: bool = False) -> pd.DataFrame:
    """``member_count`` for several years as one table: a row per year, a column per status.

    Why: the membership exercise compares how certain the count is from year to year; one table shows where the
    sources' spans ('in its first two years', 'by 1999', an undated suspension) make the answer 'uncertain'.
    """
    years = _years(years)
    columns = [status for status in STATUSES if status != "not a member"]
    rows = [member_count(year, include_context) for year in years]
    return pd.DataFrame(rows, columns=columns, index=pd.Index(years, name="31 December of"))


def members_listed_by(source_id: str) -> list[str]:
    """ISO3 codes of the states a source lists as members (membership rows 'listed_as_member'), in table order.

    Why: the course does not decide membership in its own voice; a year's member list is the one a source gives.
    """
    membership = load("membership")
    listed = membership[(membership["change"] == "listed_as_member") & (membership["source_id"] == source_id)]
    if listed.empty:
        raise KeyError(f"{source_id!r} lists no members in data/membership.csv")
    return list(dict.fromkeys(listed["iso3"]))


def source_card() -> pd.DataFrame:
    """One row per source, oldest first: outlet, author, date as written with (stated) or (inferred), language, genre.

    Why: notebook 00 teaches how sure we are of each date, so the basis sits next to the date itself; an unsigned
    text shows how it describes its author instead of an empty cell.
    """
    sources = load("sources").set_index("source_id").loc[labels.source_order()]
    published = labels.source_published()
    return pd.DataFrame({
        "source": sources["short_name"].to_numpy(),
        "outlet": sources["outlet"].to_numpy(),
        "author": sources["author"].fillna(sources["author_description"]).to_numpy(),
        "date": [f"{published[s]} ({b})" for s, b in zip(sources.index, sources["date_basis"].astype(str))],
        "language": [labels.language(c) for c in sources["language"]],
        "genre": [labels.code_label(g) for g in sources["genre"]],
    })


FIGURE_LABELS = {
    "arms_exports_decrease": "Fall in {subject}",
    "share_of_arms_imports_from_russia": "Share of {subject} from Russia",
}


def figure_label(figures: pd.DataFrame) -> pd.Series:
    """'Fall in arms exports to Central Asia, 2021–2023': what the number measures, about whom, and its period.

    ``figures`` needs ``metric``, ``subject`` and ``when`` (``with_labels``). The subject is cut before any
    bracketed note; metrics without a template keep their subject as written. A percentage without its years
    invites the wrong comparison, so the period is always part of the label.
    """
    frame = figures if "when" in figures else with_labels(figures)
    result = []
    for metric, subject, when in zip(frame["metric"], frame["subject"], frame["when"]):
        short = str(subject).split(" (")[0]
        result.append(f"{FIGURE_LABELS.get(metric, '{subject}').format(subject=short)}, {when}")
    return pd.Series(result, index=figures.index, name="label")
