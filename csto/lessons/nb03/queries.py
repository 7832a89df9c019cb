"""The facts behind notebook 03's questions (wording in questions.yaml): Kazakhstan, January 2022."""

from __future__ import annotations

import pandas as pd

from ...data.frames import load
from .. import facts

ARRIVAL = "ev_2022_01_06_first_troops_context"
WITHDRAWAL = "ev_2022_01_13_kaz_withdrawal_context"
WAR = "ev_2022_02_24_invasion_context"


def _crisis_start() -> pd.Timestamp:
    return load("crises").set_index("crisis_id").loc["kaz_2022", "start"]


def _kaz_context() -> pd.DataFrame:
    events = facts.context(facts.labelled("events"))
    return events[events["crisis_id"] == "kaz_2022"].sort_values("start", kind="stable")


def _silent() -> str:
    reporters, sources = facts.crisis_reporters("kaz_2022"), facts.sources()
    return "; ".join(
        f"{facts.source_dated(s)} predates it"
        if sources.loc[s, "end"] < _crisis_start()
        else f"{facts.sname(s)} ({facts.pub(s)}) does not mention it"
        for s in facts.source_order()
        if s not in reporters
    )


def sources_mention() -> dict:
    """How many of our sources mention the January 2022 mission."""
    reporters = facts.crisis_reporters("kaz_2022")
    return {"answer": len(reporters), "reporters": [facts.sname(s) for s in reporters], "silent": _silent()}


def request_day() -> dict:
    """The day President Tokayev asked for help: a background row; none of our sources gives it. The choices are the
    request's day and the three background days nearest it (each with what happened that day), in date order."""
    rows = _kaz_context()
    rows = rows[rows["date_precision"].astype(str) == "day"]
    request = rows[rows["kind"].astype(str) == "request"]
    mission = facts.seed(facts.labelled("events"))
    mission = mission[(mission["crisis_id"] == "kaz_2022") & (mission["source_id"] == "mitchell2026")]
    days = []
    for when, group in rows.groupby("when", sort=False):
        asked = group[group["kind"].astype(str) == "request"]
        row = asked.iloc[0] if len(asked) else group.iloc[0]
        days.append(
            {
                "key": when,
                "when": when,
                "start": row["start"],
                "title": "; ".join(group["title"]),
                "citation": facts.cited_in_words(row["citation_id"]),
                "is_request": len(asked) > 0,
            }
        )
    if len(request):
        day = request.iloc[0]["start"]
        days = sorted(days, key=lambda d: (not d["is_request"], abs((d["start"] - day).days)))[:4]
    days = sorted(days, key=lambda d: d["start"])
    return {
        "right": [d["key"] for d in days if d["is_request"]],
        "days": days,
        "has_mitchell": len(mission) > 0,
        "mitchell_when": mission.iloc[0]["when"] if len(mission) else "",
        "mitchell_quote": mission.iloc[0]["quote"] if len(mission) else "",
    }


def _gap_parts() -> tuple[pd.Series, pd.Series]:
    context = _kaz_context()
    first = context[
        (context["kind"].astype(str) == "deployment") & (context["date_precision"].astype(str) == "day")
    ].iloc[0]
    return first, facts.event(WAR)


def days_first_troops_to_war() -> dict:
    """Days from the first troops' arrival to the start of the war in Ukraine, by background dates."""
    first, war = _gap_parts()
    right = int((war["start"] - first["start"]).days)
    wrong, seen = [], {right}
    for row in _kaz_context().itertuples():
        for end_name, day in (("start", row.start), ("end", row.end)):
            days = int((war["start"] - day).days)
            if days not in seen:  # one feedback for each wrong count: the first event that gives it
                seen.add(days)
                planned = end_name == "end" and row.start != row.end
                wrong.append(
                    {
                        "days": days,
                        "from": "the end of" if planned else "the day of",
                        "title": row.title,
                        "when": row.when,
                    }
                )
    return {
        "answer": right,
        "first_when": first["when"],
        "first_title": first["title"],
        "war_when": war["when"],
        "war_title": war["title"],
        "mitchell_words": facts.row_of("figures", "figure_id", "mi_kaz_to_invasion")["value_text"],
        "other_days": wrong,
    }


def troop_figures() -> dict:
    """What the course does with two background totals of the mission's troops that differ: keeps both."""
    figures = load("figures")
    troops = figures[(figures["metric"] == "troops_deployed") & (figures["iso3"] == "KAZ")]
    background, seeded = facts.context(troops), facts.seed(troops)
    values = [float(v) for v in background["value"].dropna()]
    differ = len(set(values)) > 1
    return {
        "right": "both"
        if differ and seeded.empty
        else ("evstratov" if (seeded["source_id"] == "evstratov2022").any() else []),
        "listed": facts.and_join(
            [f"{t} ({facts.publisher(c)})" for t, c in zip(background["value_text"], background["citation_id"])]
        ),
        "citations": [facts.cited_in_words(c) for c in background["citation_id"]],
        "mean": f"{sum(values) / len(values):,.0f}" if values else "0",
        "high": f"{max(values) if values else 0:,.0f}",
        "n_rows": len(troops),
        "no_seed": seeded.empty,
        "seed_sources": [facts.sname(s) for s in seeded["source_id"]],
    }


def _kaz_quote(source_id: str) -> str | None:
    accounts = facts.accounts()
    accounts = accounts[(accounts["crisis_id"] == "kaz_2022") & (accounts["source_id"] == source_id)]
    if len(accounts):
        return accounts.iloc[0]["quote"]
    rows = facts.seed(load("events"))
    rows = rows[(rows["crisis_id"] == "kaz_2022") & (rows["source_id"] == source_id)]
    return rows.iloc[0]["quote"] if len(rows) else None


def only_effective_whose() -> dict:
    """What kind of claim 'only truly effective … in Kazakhstan' is, and whose."""
    row = facts.claim("ev_only_effective_kazakhstan")
    kind, source = str(row["kind"]), row["source_id"]
    kinds = facts.meanings("claims", "kind")
    pairs = []
    for k, s in (
        ("judgement", "evstratov2022"),
        ("fact", "evstratov2022"),
        ("fact", "mitchell2026"),
        ("forecast", "stratfor2017"),
    ):
        quote = _kaz_quote(s)
        pairs.append(
            {
                "key": f"{k}|{s}",
                "k": k,
                "who": facts.sname(s).split()[0],
                "name": facts.sname(s),
                "published": facts.pub(s),
                "is_right": (k, s) == (kind, source),
                "same_source": s == source,
                "before": facts.sources().loc[s, "end"] < _crisis_start(),
                "mentions": quote or "",
            }
        )
    return {
        "right": f"{kind}|{source}",
        "pairs": pairs,
        "kind": kind,
        "meaning": kinds[kind],
        "quote": row["quote"],
        "source": facts.sname(source),
    }


def leery_kazakhstan_verdict() -> dict:
    """The verdict the course gives Stratfor's 'leery' forecast against Evstratov's account of Kazakhstan."""
    checks = load("forecast_checks")
    chosen = checks[
        (checks["claim_id"] == "sf_russia_leery")
        & (checks["source_id"] == "evstratov2022")
        & checks["quote"].str.contains("Kazakhstan")
    ]
    return facts.verdict_values(chosen.iloc[0])


def left_out() -> dict:
    """What both our sources on the Kazakhstan mission leave out."""
    events = facts.seed(facts.labelled("events"))
    events = events[events["crisis_id"] == "kaz_2022"]
    figures = load("figures")
    troops = figures[(figures["metric"] == "troops_deployed") & (figures["iso3"] == "KAZ")]
    seeded = facts.seed(troops)
    withdraw = events[
        events["quote"].str.contains("withdraw", case=False) | events["title"].str.contains("withdraw", case=False)
    ]
    collective = events[events["quote"].str.contains("collective", case=False)]
    right = [
        k
        for k, hit in (
            ("troops", seeded.empty),
            ("when", events.empty),
            ("withdrew", withdraw.empty),
            ("together", collective.empty),
        )
        if hit
    ]
    return {
        "right": right,
        "reporters": [facts.sname(s) for s in facts.crisis_reporters("kaz_2022")],
        "no_seed_troops": seeded.empty,
        "totals": list(facts.context(troops)["value_text"]),
        "troop_sources": [facts.sname(s) for s in seeded["source_id"]],
        "whens": "; ".join(f"{facts.sname(s)}: {w}" for s, w in dict(zip(events["source_id"], events["when"])).items()),
        "withdraw_quote": withdraw.iloc[0]["quote"] if len(withdraw) else "",
        "collective_quote": collective.iloc[0]["quote"] if len(collective) else "",
    }


# ---- the exercises ------------------------------------------------------------------------------------------


def mission_days() -> dict:
    """Exercise 2: days from the first troops' arrival to the day the withdrawal was due to end."""
    events = facts.labelled("events").set_index("event_id")
    arrival, withdrawal, war = events.loc[ARRIVAL], events.loc[WITHDRAWAL], events.loc[WAR]
    right = int((withdrawal["end"] - arrival["start"]).days)
    return {
        "answer": right,
        "arrival": arrival["when"],
        "withdrawal_end": f"{withdrawal['end'].day} {withdrawal['end']:%b %Y}",
        "withdrawal_start": f"{withdrawal['start'].day} {withdrawal['start']:%b %Y}",
        "withdrawal_when": withdrawal["when"],
        "note": withdrawal["date_note"] if isinstance(withdrawal["date_note"], str) else "",
        "publishers": f"{facts.publisher(arrival['citation_id'])}; {facts.publisher(withdrawal['citation_id'])}",
        "to_start": int((withdrawal["start"] - arrival["start"]).days),
        "both_days": right + 1,
        "to_war": int((war["start"] - arrival["start"]).days),
        "war_when": war["when"],
        "withdrawal_to_war": int((war["start"] - withdrawal["end"]).days),
        **_day_first(arrival["start"], withdrawal["end"]),
    }


def _month_first(day: pd.Timestamp) -> pd.Timestamp:
    """The day pandas reads from a date typed day first ('06/01/2022'): month first when the day could be a month."""
    return pd.Timestamp(day.year, day.day, day.month) if day.day <= 12 else day


def _day_first(arrival: pd.Timestamp, end: pd.Timestamp) -> dict:
    """The count a student gets by typing both dates day first, as much of Europe writes them (Student 8: -133)."""
    misread = _month_first(arrival)
    return {
        "day_first": int((_month_first(end) - misread).days),
        "day_first_differs": misread != arrival or _month_first(end) != end,
        "arrival_day_first": f"{arrival:%d/%m/%Y}",
        "arrival_misread": f"{misread.day} {misread:%b %Y}",
    }


def days_source() -> dict:
    """Exercise 2: which of our sources gives either day (none: both are background)."""
    events = facts.labelled("events").set_index("event_id")
    both = events.loc[[ARRIVAL, WITHDRAWAL]]
    seeded = events[(events["crisis_id"] == "kaz_2022") & (events["origin"] == "seed")]
    withdrawn = seeded[seeded["quote"].str.contains("withdraw", case=False)]

    def gives(source_id: str) -> str:
        rows = seeded[seeded["source_id"] == source_id]
        if rows.empty:
            return f"{facts.sname(source_id)} does not mention the mission"
        dated = rows.loc[rows["quote"].str.contains("2022"), "quote"]
        words = min(dated, key=len) if len(dated) else rows.iloc[0]["quote"]
        return (
            f"{facts.sname(source_id)} dates it only as {' or '.join(dict.fromkeys(rows['when']))} (“{words}”), no day"
        )

    return {
        "right": "neither" if bool((both["origin"] == "context").all()) else [],
        "publishers": "; ".join(facts.publisher(c) for c in both["citation_id"]),
        "evstratov": gives("evstratov2022"),
        "mitchell": gives("mitchell2026"),
        "withdrawn": withdrawn.iloc[0]["quote"] if len(withdrawn) else "",
        "note": mission_days()["note"],  # how the withdrawal's days are known: from other reports, so shown here
    }
