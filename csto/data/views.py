"""Derived views of the data package that several notebooks and charts share: joins, statuses, member lists.

Kept here, not in notebooks, so that each view is written once and tested. Views read tables through ``load`` and
labels through ``csto.labels``; they draw nothing and print nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import labels
from ..data import lookups
from . import derive, keeping
from .frames import load

# The joined views a lesson asks for several times in one Run All (country_acts, dated_rows, crisis_responses) are
# made once per state of their tables (``lookups.keyed``, the lookups' one cache rule) and handed out as copies.


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``when`` (date as written at its precision) and ``source`` (short name, or 'background') columns."""
    out = frame.copy()
    if "date" in out:
        out["when"] = labels.when(out)
    out["source"] = lookups.source_names_of(out["source_id"])
    return out


@lookups.keyed("events", "event_countries", "countries", "sources")
def country_acts() -> pd.DataFrame:
    """One row per (event, country): the event's date and title with the country's role and act."""
    events = load("events")[
        ["event_id", "title", "kind", "date", "date_end", "date_precision", "start", "end", "notebook"]
    ]
    links = load("event_countries")
    merged = links.merge(events, on="event_id", how="left", validate="many_to_one")
    names = load("countries")[["iso3", "name_en"]]
    return with_labels(merged.merge(names, on="iso3", how="left"))


@lookups.keyed("events", "membership", "countries", "sources")
def dated_rows() -> pd.DataFrame:
    """Every dated row of events and membership on one axis, for the course overview timeline."""
    events = load("events").assign(table="events")
    membership = load("membership").merge(load("countries")[["iso3", "name_en"]], on="iso3")
    membership = membership.assign(
        table="membership",
        notebook="01",
        title=membership["name_en"] + ": " + membership["change"].astype(str).str.replace("_", " "),
        kind="membership",
    )
    columns = [
        "title",
        "kind",
        "notebook",
        "date",
        "date_end",
        "date_precision",
        "start",
        "end",
        "source_id",
        "quote",
        "origin",
        "citation_id",
        "table",
    ]
    both = pd.concat([events[columns].astype({"kind": str}), membership[columns]], ignore_index=True)
    return with_labels(both.sort_values("start", kind="stable").reset_index(drop=True))


STATUSES = list(derive.STATUSES)


# the matrix's mark for a crisis in the record that none of the five sources reports
NOT_IN_SOURCES = "not_in_our_sources"
NOT_IN_SOURCES_LABEL = "Not reported by our sources"


@lookups.keyed("crises", "crisis_responses", "sources")
def crisis_responses() -> pd.DataFrame:
    """Each account of what the bloc did in each crisis of the record, with the crisis's name, place, requester and
    dates.

    One row per account: where sources disagree about one crisis, the crisis has several rows; background accounts
    (``origin=context``) sit beside the sources' own. Every crisis of the record is here: one that none of the five
    sources reports gets one more row with ``response`` = ``NOT_IN_SOURCES``, so a chart drawn from this view shows
    it as exactly that rather than leaving it out. ``crisis_when`` is the crisis's own date; ``when`` the account's.
    """
    crises = with_labels(load("crises")).rename(columns={"when": "crisis_when"})
    crises = crises[
        ["crisis_id", "name", "iso3", "requester", "request", "stated_reason", "notebook", "crisis_when", "start"]
    ]
    responses = with_labels(load("crisis_responses")).drop(columns=["start", "end"])
    responses["response"] = responses["response"].astype(str)
    reported = set(responses.loc[responses["origin"] == "seed", "crisis_id"])
    missing = [c for c in crises["crisis_id"] if c not in reported]
    silent = pd.DataFrame(
        {
            "response_id": [f"{c}_{NOT_IN_SOURCES}" for c in missing],
            "crisis_id": missing,
            "response": NOT_IN_SOURCES,
            "detail": "None of our five sources reports this crisis; what is known of it is background "
            "from other reports (cited).",
            "origin": "course",
            "source": NOT_IN_SOURCES_LABEL,
        }
    )
    both = pd.concat([responses, silent], ignore_index=True) if missing else responses
    return both.merge(crises, on="crisis_id", how="left", validate="many_to_one")


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


def membership_statuses(years: list[int] | int, include_context: bool = True) -> pd.DataFrame:
    """Each country's status on 31 December of each year: columns year, iso3, status, basis.

    A change whose date is a span (joined '1992–1994', withdrew 'by 1999') that contains the day makes the status
    'uncertain': the sources do not say which side of the day it fell on, and the course does not guess. By
    default the record is completed with background rows where the sources are silent (Uzbekistan's return in
    2006–2012, the treaty's lapse for three states in April 1999), and ``basis`` says 'background' wherever a
    background row decided the status; ``include_context=False`` gives the course sources' record alone.
    The rule itself lives in ``csto.data.derive`` (it also writes member_years.csv).
    """
    years = _years(years)
    with_background = _flag(include_context, "include_context", "membership_status(2024, include_context=False)")
    membership = load("membership")
    rows = [
        {k: (None if v is None else str(v)) for k, v in r.items()}
        for r in membership.drop(columns=["start", "end"]).to_dict("records")
    ]
    table = pd.DataFrame(derive.member_years(rows, years))
    if not with_background:
        table = table.assign(status=table["status_sources_only"], basis="sources")
    table = table[["year", "iso3", "status", "basis"]]
    return table.sort_values(["year", "iso3"], kind="stable").reset_index(drop=True)


def membership_intervals(include_context: bool = True, until: str | None = None) -> pd.DataFrame:
    """Each state's status as runs of days (iso3, start, end, status, basis) up to the end of the record.

    ``basis`` is 'background' where a background row decides the status (or changes it from what the course
    sources alone would give); see ``membership_statuses`` for the rule.
    """
    with_background = _flag(include_context, "include_context", "membership_intervals(include_context=False)")
    membership = load("membership")
    if not with_background:
        membership = membership[membership["origin"] == "seed"]
    rows = [
        {k: (None if v is None else str(v)) for k, v in r.items()}
        for r in membership.drop(columns=["start", "end"]).to_dict("records")
    ]
    last_day = pd.Timestamp(until or lookups.latest_publication()).date()
    frame = pd.DataFrame(derive.intervals(rows, last_day), columns=["iso3", "first", "last", "status", "basis"])
    return frame.assign(start=pd.to_datetime(frame["first"]), end=pd.to_datetime(frame["last"])).drop(
        columns=["first", "last"]
    )


def membership_status(year: int, include_context: bool = True) -> pd.DataFrame:
    """Each country's status on 31 December of ``year`` (columns iso3, status); see ``membership_statuses``."""
    return membership_statuses([year], include_context).drop(columns="year")


def member_count(year: int, include_context: bool = True) -> dict[str, int]:
    """Count of countries per status at the end of ``year`` (with background rows, unless ``include_context=False``)."""
    counts = membership_status(year, include_context)["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES if status != "not a member"}


def member_counts(years: Iterable[int], include_context: bool = True) -> pd.DataFrame:
    """``member_count`` for several years as one table: a row per year, a column per status.

    Why: the membership exercise compares how certain the count is from year to year; one table shows where the
    sources' spans ('in its first two years', 'by 1999', an undated suspension) make the answer 'uncertain'.
    """
    years = _years(years)
    columns = [status for status in STATUSES if status != "not a member"]
    rows = [member_count(year, include_context) for year in years]
    return pd.DataFrame(rows, columns=columns, index=pd.Index(years, name="31 December of"))


def count_in_words(counts: dict[str, int]) -> str:
    """One year's counts as a phrase: '6 members (1 with participation suspended), 1 membership suspended, ...'.

    Why: a state that suspends its participation is still a member, so it is counted among the members and named
    in brackets, never as a class of its own beside them.
    """
    members = counts.get("member", 0) + counts.get("participation suspended", 0)
    parts = []
    if members:
        paused = counts.get("participation suspended", 0)
        parts.append(f"{members} member{'s' if members > 1 else ''}"
                     + (f" ({paused} with participation suspended)" if paused else ""))
    for status in ("uncertain", "membership suspended", "former member"):
        n = counts.get(status, 0)
        if n:
            parts.append(f"{n} {status}{'s' if status == 'former member' and n > 1 else ''}")
    return ", ".join(parts) or "no state"


@keeping.kept("views")  # a status per member per year, derived twice for a lesson's table: kept in a kernel
def member_count_words(years: Iterable[int], include_context: bool = True) -> list[str]:
    """``count_in_words`` for each year of ``years``: the counts table as a reader would say it."""
    return [count_in_words(member_count(year, include_context)) for year in _years(years)]


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
    sources = load("sources").set_index("source_id").loc[lookups.source_order()]
    published = lookups.source_published()
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
