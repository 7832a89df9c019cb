"""What the course sources leave out about a crisis, and arithmetic on background dates kept in the open.

Notebook 03 teaches that only two sources mention the Kazakhstan mission of January 2022, in a few sentences and
without days, numbers or a requester. These helpers let the notebook *show* those gaps from the data (so the prose
cannot drift from it) and do the "just over a month" arithmetic on background rows visibly, labelled as background.
"""

from __future__ import annotations

import pandas as pd

from ..data.frames import load
from ..data.lookups import source_name
from ..data.views import with_labels
from ..labels import date_label

AVERAGE_MONTH_DAYS = 365.25 / 12  # 30.44: a calendar-neutral month for turning a day count into months


def within(rows: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """Rows whose whole span (``start``..``end``) lies inside ``first``..``last`` (ISO dates, inclusive).

    Why: a row dated only '2022' starts on 1 January 2022 but may mean any day of the year. Filtering on ``start``
    alone would drop it into a January–February window; keeping only rows that cannot fall outside the window
    does not.
    """
    low, high = pd.Timestamp(first), pd.Timestamp(last)
    keep = rows["start"].notna() & (rows["start"] >= low) & (rows["end"] <= high)
    return rows[keep].reset_index(drop=True)


def days_to(target: str, starts: list[str]) -> pd.DataFrame:
    """Days (and months) from the end of each event in ``starts`` to the first day of event ``target``.

    Why: Mitchell writes that the war began "just over a month" after the Kazakhstan intervention but gives no day.
    Measuring from each possible starting point (request, arrival, end of withdrawal) shows which reading his phrase
    fits. ``counted_from`` names the day actually counted from: for an event dated as a span it is the span's last
    day, which may be a planned date (the withdrawal was "to be completed by" 19 January 2022), not an observed one.
    The ``basis`` column says when both ends are background rows, so the result is never mistaken for a source's own
    figure. ``months`` is rounded to one decimal (days / 30.44); show it with ``show.table`` to read 1.6, not 1.600000.
    """
    events = with_labels(load("events")).set_index("event_id")
    missing = [e for e in [target, *starts] if e not in events.index]
    if missing:
        raise KeyError(f"no event_id {missing} in data/events.csv")
    end = events.loc[target]
    rows = []
    for event_id in starts:
        start = events.loc[event_id]
        days = int((end["start"] - start["end"]).days)
        both_context = start["origin"] == "context" and end["origin"] == "context"
        counted = date_label(str(start["end"].date()), None, "day")
        if start["end"] != start["start"]:
            counted += f" (last day of {start['when']})"
        rows.append(
            {
                "from": start["title"],
                "from_when": start["when"],
                "counted_from": counted,
                "to_when": end["when"],
                "days": days,
                "months": round(days / AVERAGE_MONTH_DAYS, 1),
                "basis": "background arithmetic (both dates are context rows)"
                if both_context
                else "uses a course source's date",
            }
        )
    return pd.DataFrame(rows)


def _context_whens(frame: pd.DataFrame) -> str:
    """The background rows' dates that name days (a day, or a span of days): a month-dated row adds no day."""
    context = frame[frame["origin"] == "context"]
    days = context["date"].astype(str).str.len().eq(10) & (
        context["date_end"].isna() | context["date_end"].astype(str).str.len().eq(10)
    )
    context = context[days].sort_values(["date", "date_end"], na_position="first")
    labels = [
        date_label(d, e, p)
        for d, e, p in zip(context["date"], context["date_end"], context["date_precision"].astype("object"))
    ]
    return "; ".join(dict.fromkeys(labels)) or "—"  # in date order, each day once


def _figures_of(crisis: pd.Series, metric: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figures of one metric dated inside the crisis: those filed under the host state (a total) and the others (each
    member's contingent).

    Why: figures.csv has no crisis column; a Kyrgyz contingent sent to Kazakhstan in 2022 must not answer "how many
    troops?" for the Kyrgyz crisis of 2010, so the figure's dates must fall inside the crisis's own.
    """
    figures = load("figures")
    found = figures[
        (figures["metric"] == metric) & (figures["start"] >= crisis["start"]) & (figures["end"] <= crisis["end"])
    ]
    return found[found["iso3"] == crisis["iso3"]], found[found["iso3"] != crisis["iso3"]]


def _troop_figures(crisis: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Troop figures dated inside the crisis: the totals (filed under the host state) and each member's contingent."""
    return _figures_of(crisis, "troops_deployed")


def with_revisions(found: pd.DataFrame) -> pd.DataFrame:
    """The figures found, plus each later count that revises one of them: the next row of the same metric and state
    by date (figures.csv ``status`` = revised), followed until a count stands.

    Why: a toll is revised after the crisis ends (Kazakhstan's 225 of 15 January 2022 became 230 on 14 March), so
    a window of the crisis's own dates would show a count the record says was replaced, without its replacement.
    """
    figures = load("figures")
    rows = [found]
    pending = found[found["status"] == "revised"]
    while len(pending):
        later = []
        for row in pending.itertuples(index=False):
            same = figures[(figures["metric"] == row.metric) & (figures["iso3"] == row.iso3)
                           & (figures["start"] > row.start)].sort_values("start")
            if same.empty:
                raise ValueError(f"data/figures.csv, row {row.figure_id}, column status: 'revised' but no later "
                                 f"count of {row.metric} for {row.iso3}")
            later.append(same.iloc[:1])
        pending = pd.concat(later)
        pending = pending[~pending["figure_id"].isin(pd.concat(rows)["figure_id"])]
        rows.append(pending)
        pending = pending[pending["status"] == "revised"]
    return pd.concat(rows).drop_duplicates("figure_id")


# how a count that no longer stands is shown beside its date, in the classroom's words
STATUS_WORDS = {"withdrawn": "withdrawn", "revised": "later revised"}


def _counts_with_dates(figures: pd.DataFrame) -> str:
    """Counts as written, each with the date it was given ('225 (15 Jan 2022, later revised) / 230 (14 Mar 2022)'):
    a toll changes as it is counted, so the figures are kept side by side with their dates, never averaged, and a
    count the record marks withdrawn or revised says so."""
    rows = figures.sort_values("date")
    names = load("countries").set_index("iso3")["name_en"]
    sides = rows["iso3"].nunique() > 1  # counts of two sides (Kyrgyz and Tajik dead) say whose dead they count
    return " / ".join(
        f"{v} ({names.get(c, c) + ', ' if sides and isinstance(c, str) else ''}{date_label(d, e, p)}"
        f"{', ' + STATUS_WORDS[s] if isinstance(s, str) and s else ''})"
        for v, c, d, e, p, s in zip(rows["value_text"], rows["iso3"], rows["date"], rows["date_end"],
                                    rows["date_precision"].astype(object), rows["status"].astype(object))
    )


# how precise our sources' dates are, said in words ('a month'), never the codebook's code
PRECISION_WORDS = {"day": "a day", "month": "a month", "period": "a period", "year": "a year"}
PRECISION_ORDER = ("day", "month", "period", "year")  # finest first


def _precision_by_source(seed: pd.DataFrame) -> str:
    """'a month (Mitchell 2026) or a period (Evstratov 2022)': how finely each of our sources dates the crisis.

    Why: two sources may date one crisis differently (a month; a season read as a period); one word for both would
    be wrong for one of them, so each source is named with the finest date it gives.
    """
    finest: dict[str, str] = {}
    for source, precision in zip(seed["source_id"], seed["date_precision"].astype(str)):
        if precision in PRECISION_ORDER and (
            source not in finest or PRECISION_ORDER.index(precision) < PRECISION_ORDER.index(finest[source])
        ):
            finest[source] = precision
    grouped = {p: [source_name(s) for s, q in finest.items() if q == p] for p in PRECISION_ORDER}
    return " or ".join(f"{PRECISION_WORDS[p]} ({', '.join(names)})" for p, names in grouped.items() if names)


COLUMNS = ["question", "our sources", "other reports (cited)"]  # the classroom's words: the table is shown on a slide


def crisis_gaps(crisis_id: str) -> pd.DataFrame:
    """For one crisis: what our sources say and what other reports (cited) add, question by question.

    Why: "the sources are thin" is a claim about the data; this table makes it checkable. Each answer is read
    from the tables (crises, events, figures), so a new seed row would change the table and the notebook's guards.
    """
    crises = load("crises").set_index("crisis_id")
    if crisis_id not in crises.index:
        raise KeyError(f"no crisis_id {crisis_id!r} in data/crises.csv")
    crisis = crises.loc[crisis_id]
    events = load("events")
    events = events[events["crisis_id"] == crisis_id]
    seed = events[events["origin"] == "seed"]
    troops, contingents = _troop_figures(crisis)
    deaths = with_revisions(pd.concat(_figures_of(crisis, "deaths")))

    def said(value: object) -> str:
        return value if isinstance(value, str) and value else "not stated"

    links = load("event_countries")
    links = links[
        links["event_id"].isin(events["event_id"]) & (links["role"] == "participant") & (links["act"] == "deployment")
    ]
    names = load("countries").set_index("iso3")["name_en"]

    def senders(origin: str) -> str:
        found = links.loc[links["origin"] == origin, "iso3"]
        sizes = contingents[contingents["origin"] == origin].groupby("iso3")["value_text"].agg(" / ".join)
        return ", ".join(names.get(c, c) + (f" ({sizes[c]})" if c in sizes else "") for c in dict.fromkeys(found))

    finest = [p for p in ("day", "month", "period", "year") if p in set(seed["date_precision"].astype(str))]
    rows = [
        (
            "Who asked for help?",
            said(crisis["requester"]),
            "; ".join(events.loc[(events["origin"] == "context") & (events["kind"] == "request"), "title"]) or "—",
        ),
        ("What was asked for?", said(crisis["request"]), "—"),
        (
            "What reason did the bloc give?",
            said(crisis["stated_reason"]),
            "; ".join(
                f"{date_label(d, e, p)}: {t}"
                for d, e, p, t in events.loc[
                    (events["origin"] == "context") & (events["kind"] == "response"),
                    ["date", "date_end", "date_precision", "title"],
                ].itertuples(index=False)
            )
            or "—",
        ),
        (
            "On which days did it happen?",
            "no day given: " + _precision_by_source(seed) if finest else "no date given",
            _context_whens(events),
        ),
        (
            "How many troops?",
            "; ".join(troops.loc[troops["origin"] == "seed", "value_text"]) or "not stated",
            " / ".join(troops.loc[troops["origin"] == "context", "value_text"]) or "—",
        ),
        ("Which members sent troops?", senders("seed") or "not named", senders("context") or "—"),
        (
            "What did it cost in lives?",
            _counts_with_dates(deaths[deaths["origin"] == "seed"]) or "not stated",
            _counts_with_dates(deaths[deaths["origin"] == "context"]) or "—",
        ),
    ]
    if "day" in finest:
        rows[3] = (
            rows[3][0],
            "days given: " + ", ".join(seed.loc[seed["date_precision"] == "day", "date"]),
            rows[3][2],
        )
    return pd.DataFrame(rows, columns=COLUMNS)
