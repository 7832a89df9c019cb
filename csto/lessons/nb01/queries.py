"""The facts behind notebook 01's questions (wording in questions.yaml): who joined, who left, how sure the dates
are."""

from __future__ import annotations

import re

import pandas as pd

from ...data.frames import load, source_says
from ...data.verbatim import normalise
from ...data.views import STATUSES, member_count, membership_status
from ...labels import date_label
from .. import facts
from ..wording import and_join, quoted

YEAR = 1996  # exercise 1's year
UZB_YEAR = 2010  # exercise 3's year: the violence in southern Kyrgyzstan of notebook 02


def georgia_left() -> dict:
    """When Georgia left, by Stratfor: only 'by 1999', a span the data keep as a span."""
    left, joined = facts.seed_change("GEO", "withdrew"), facts.seed_change("GEO", "joined")
    rows = facts.membership()
    background = facts.context(
        rows[(rows["iso3"] == "GEO") & rows["change"].astype(str).isin(["withdrew", "did_not_renew"])]
    )
    undated = left is not None and str(left["date_precision"]) == "period"
    end = int(left["end"].year) if left is not None else 0
    joined_end = int(joined["end"].year) if joined is not None else end
    start = int(left["start"].year) if left is not None else 0
    right = ("span" if undated else str(start)) if left is not None else ("none" if joined is None else "span")
    return {
        "right": right,
        "end": end,
        "span": left["when"] if left is not None else "?",
        "start": start,
        "quote": left["quote"] if left is not None else "",
        "joined_when": joined["when"] if joined is not None else "",
        "joined_end": joined_end,
        "other_year": joined_end != end,
        "added": "; ".join(
            f"{facts.change_words(r['change'])} {r['when']} ({facts.publisher(r['citation_id'])})"
            for _, r in background.iterrows()
        ),
    }


def treaty_lapse_1999() -> dict:
    """What the background rows add to Stratfor's 'by 1999' for the three who left."""
    gone = facts.withdrawn_by_1999()
    rows = facts.context(facts.membership())
    rows = rows[rows["iso3"].isin(gone) & (rows["start"].dt.year == 1999)]
    seeded = facts.seed(facts.membership())
    seeded = seeded[seeded["iso3"].isin(gone) & (seeded["change"] == "withdrew")]
    by_seed = bool((seeded["date_precision"].astype(str) == "day").any())
    right = "seed_day" if by_seed else ("day" if len(rows) else "nothing")
    return {
        "right": right,
        "gone": [facts.cname(i) for i in sorted(gone)],
        "whens": and_join(sorted(set(rows["when"]))) or "a day in 1999",
        "seed_when": and_join(sorted(set(seeded["when"]))),
        "has_rows": len(rows) > 0,
        "detail": "; ".join(
            f"{facts.cname(r['iso3'])}: {facts.change_words(r['change'])}, {r['when']} "
            f"({facts.publisher(r['citation_id'])})"
            for _, r in rows.iterrows()
        ),
    }


def uzbekistan_return() -> dict:
    """What the rows report of Uzbekistan after 1999: background only, our sources silent."""
    rows = facts.membership()
    uzb = rows[(rows["iso3"] == "UZB") & (rows["start"].dt.year > 1999)]
    background, seeded = facts.context(uzb), facts.seed(uzb)
    mitchell, evstratov = facts.listed("mitchell2026"), facts.listed("evstratov2022")
    arms = [
        f
        for f in facts.seed(load("figures")).itertuples()
        if f.source_id == "mitchell2026" and "Uzbekistan" in str(f.value_text)
    ]
    central = [q for q in facts.listed_rows("mitchell2026")["quote"] if "most of Central Asia" in q]
    if len(background) and not len(seeded):
        right = "background"
    elif not len(background) and not len(seeded):
        right = "nothing"
    else:
        right = [k for k, hit in (("mitchell", "UZB" in mitchell), ("evstratov", "UZB" in evstratov)) if hit]
    return {
        "right": right,
        "has_history": len(background) > 0,
        "history": "; ".join(
            f"{facts.membership_row_words(r)} ({r['when']}, {facts.publisher(r['citation_id'])})"
            for _, r in background.iterrows()
        ),
        "seed_rows": and_join([f"{facts.sname(s)} ({c})" for s, c in zip(seeded["source_id"], seeded["change"])]),
        "mitchell_members": [facts.cname(i) for i in mitchell],
        "central_note": ", and adds 'most of Central Asia' without names" if central else "",
        "arms_note": (
            f" He names Uzbekistan among the states Russia supplied arms to in 2021–2023: {quoted(arms[0].quote)}."
        )
        if arms
        else "",
        "evstratov_n": len(evstratov),
        "evstratov_members": [facts.cname(i) for i in evstratov],
    }


def crrf_one_witness() -> dict:
    """Which source tells of the 2009 force's creation; what each of the others says of it."""
    event = load("events").set_index("event_id").loc["ev_2009_crrf"]
    reporters = facts.reporters_of("ev_2009_crrf")
    pairs = load("translation_pairs")
    sources = facts.sources()
    records = []
    for s in facts.source_order():
        if s in reporters:
            case = "tells"
        elif isinstance(sources.loc[s, "translation_of"], str):
            case = "translation"
        elif source_says(s, "Rapid Reaction"):
            case = "names"
        else:
            case = "silent"
        pair = pairs[[normalise(str(event["quote"])) in normalise(q) for q in pairs["quote"]]]
        records.append(
            {
                "source_id": s,
                "name": facts.sname(s),
                "published": facts.pub(s),
                "tells": case == "tells",
                "translation": case == "translation",
                "names": case == "names",
                "shift": str(pair.iloc[0]["shift"]).replace("_", " ") if len(pair) else "unknown",
            }
        )
    return {
        "right": reporters,
        "sources": records,
        "quote": event["quote"],
        "others": [facts.sname(o) for o in facts.source_order() if o not in reporters],
    }


def _mitchell_groups() -> list[tuple[str, list[str]]]:
    rows = facts.listed_rows("mitchell2026")
    return [(q, list(dict.fromkeys(g["iso3"]))) for q, g in rows.groupby("quote", sort=False)]


def mitchell_members() -> dict:
    """How many states Mitchell names as members, sentence by sentence."""
    groups = _mitchell_groups()
    parts = [f"{and_join([facts.cname(i) for i in codes])} ({quoted(q)})" for q, codes in groups]
    partial = []
    if len(groups) > 1:
        for q, codes in groups:
            others = [c for q2, cs in groups if q2 != q for c in cs]
            partial.append(
                {
                    "n": len(codes),
                    "counted": [facts.cname(c) for c in codes],
                    "counted_quote": q,
                    "rest": [facts.cname(c) for c in others],
                    "rest_quotes": "; ".join(quoted(q2) for q2, _ in groups if q2 != q),
                }
            )
    return {
        "answer": len(facts.listed("mitchell2026")),
        "parts": "; ".join(parts),
        "central": any("most of Central Asia" in q for q, _ in groups),
        "partial": partial,
        "lists": [
            {"n": len(facts.listed(s)), "name": facts.sname(s), "published": facts.pub(s)}
            for s in ("evstratov2022", "afp2022")
        ],
    }


def armenia_suspension_date() -> dict:
    """When Armenia suspended its participation: Mitchell gives no date; background dates it."""
    rows = facts.membership()
    arm = rows[(rows["iso3"] == "ARM") & (rows["change"] == "suspended_participation")]
    s = facts.seed(arm).iloc[0] if len(facts.seed(arm)) else None
    c = facts.context(arm).iloc[0] if len(facts.context(arm)) else None
    undated = s is not None and str(s["date_precision"]) == "period"
    afp = facts.listed_rows("afp2022")
    afp = afp[afp["iso3"] == "ARM"]
    afp_when = afp.iloc[0]["when"] if len(afp) else ""
    links = load("event_countries")
    host = links[
        (links["event_id"] == "ev_2022_11_yerevan_summit") & (links["iso3"] == "ARM") & (links["origin"] == "seed")
    ]
    published = facts.pub("mitchell2026")
    seed_when = s["when"] if s is not None else "?"
    if s is None:
        right = []
    elif undated:
        right = "undated" if c is not None else []
    else:
        right = [
            k
            for k, w in (
                ("background", c["when"] if c is not None else None),
                ("summit", afp_when),
                ("published", published),
            )
            if w == seed_when
        ]
    return {
        "right": right,
        "has_background": c is not None,
        "has_afp": bool(afp_when),
        "bg_when": c["when"] if c is not None else "?",
        "bg_publisher": facts.publisher(c["citation_id"]) if c is not None else "none",
        "bg_citation": facts.cited_in_words(c["citation_id"]) if c is not None else "",
        "seed_quote": s["quote"] if s is not None else "",
        "seed_when": seed_when,
        "afp_when": afp_when,
        "host_quote": host.iloc[0]["quote"] if len(host) else "",
        "host": len(host) > 0,
        "published": published,
    }


def members_after_1999() -> dict:
    """How many of those who joined in the first two years were still members after the withdrawals by 1999."""
    joined, gone = facts.joined_first_two_years(), facts.withdrawn_by_1999()
    rows = facts.seed(load("membership"))
    changes = rows[
        rows["change"]
        .astype(str)
        .isin(["joined", "withdrew", "did_not_renew", "membership_suspended", "suspended_participation"])
    ]
    background = facts.context(facts.membership())
    background = background[
        background["start"].dt.year.between(2000, 2021) & (background["change"] != "listed_as_member")
    ]
    return {
        "answer": len(joined - gone),
        "n_joined": len(joined),
        "n_gone": len(gone),
        "gone": [facts.cname(i) for i in sorted(gone)],
        "stayed": [facts.cname(i) for i in sorted(joined - gone)],
        "silent": changes[changes["start"].dt.year.between(2000, 2021)].empty,
        "silence_note": (
            "only background rows do ("
            + "; ".join(f"{facts.membership_row_words(r)} ({r['when']})" for _, r in background.iterrows())
            + ")."
            if len(background)
            else "so the course carries these forward as an assumption, not as evidence."
        ),
    }


# ---- the exercises ------------------------------------------------------------------------------------------


def _states(year: int, status: str, include_context: bool) -> list[str]:
    table = membership_status(year, include_context)
    return sorted(facts.cname(i) for i in table.loc[table["status"] == status, "iso3"])


def _background_rows(iso3: str | None = None) -> pd.DataFrame:
    rows = facts.context(load("membership"))
    return rows if iso3 is None else rows[rows["iso3"] == iso3]


def _dated(row: pd.Series) -> str:
    return date_label(row["date"], row["date_end"], row["date_precision"])


def _other_reports_named(row: pd.Series) -> list[str]:
    """The publishers, other than the row's own citation, that the row's note names: the reports that back its dates
    (a note that names none leaves its dates to the course's reading of its one citation)."""
    publishers = load("citations").set_index("citation_id")["publisher"].astype(str)
    note = str(row.get("date_note", ""))
    return sorted(
        {p for c, p in publishers.items() if c != row["citation_id"] and p and re.search(rf"\b{re.escape(p)}\b", note)}
    )


def _signatures(signed: pd.DataFrame) -> str:
    """Who had signed by the year asked, by other reports: the states dated to a day, then those the reports date only
    to a span, each with what backs the end of its span. Why: a span's end may be another report's or the course's
    reading of one page, and the feedback must not credit a report with the course's inference."""
    if signed.empty:
        return "no other report dates the signatures"
    on_day = signed[signed["date_precision"].astype(str) == "day"]
    parts = [
        f"{facts.number_word(len(group))} signed on {_dated(first)} ({facts.publisher(first['citation_id'])})"
        for first, group in ((g.iloc[0], g) for _, g in on_day.groupby("date", sort=True))
    ]
    spans = signed[signed["date_precision"].astype(str) != "day"]
    backed: dict[str, list[str]] = {}
    read: list[pd.Series] = []
    for _, row in spans.iterrows():
        named = _other_reports_named(row)
        if named:
            backed.setdefault(and_join(named), []).append(facts.cname(row["iso3"]))
        else:
            read.append(row)
    for by, states in backed.items():
        end = spans.loc[spans["iso3"].map(facts.cname).isin(states), "end"].max()
        parts.append(f"{and_join(sorted(states))} had joined before the treaty came into force on "
                     f"{date_label(end.strftime('%Y-%m-%d'), None, 'day')} ({by})")
    for row in read:
        parts.append(f"for {facts.cname(row['iso3'])} the one report, {facts.publisher(row['citation_id'])}, says "
                     f"only 'subsequently', and that it joined before "
                     f"{date_label(row['end'].strftime('%Y-%m-%d'), None, 'day')} is the course's reading of that page")
    return "; ".join(parts)


def _members_1996() -> dict:
    rows = _background_rows()
    signed = rows[(rows["change"].astype(str) == "joined") & (rows["start"].dt.year <= YEAR)].sort_values("start")
    lapse = rows[rows["change"].astype(str) == "did_not_renew"]
    alone, with_bg = member_count(YEAR, False), member_count(YEAR, True)
    return {
        "year": YEAR,
        "members_alone": _states(YEAR, "member", False),
        "members_bg": _states(YEAR, "member", True),
        "uncertain": _states(YEAR, "uncertain", False),
        "n_uncertain": alone["uncertain"],
        "n_alone": alone["member"],
        "n_bg": with_bg["member"],
        "differ": alone["member"] != with_bg["member"],
        "n_both": alone["member"] + alone["uncertain"],
        "signatures": _signatures(signed),
        "lapse_when": and_join(sorted({_dated(r) for _, r in lapse.iterrows()})),
        "lapse_who": sorted(facts.cname(i) for i in lapse["iso3"]),
    }


def members_1996_sources() -> dict:
    """Exercise 1: certain members at the end of 1996 from our sources alone."""
    values = _members_1996()
    return {**values, "answer": values["n_alone"]}


def members_1996_background() -> dict:
    """Exercise 1: members at the end of 1996 with background rows."""
    values = _members_1996()
    return {**values, "answer": values["n_bg"]}


def uzbekistan_2010() -> dict:
    """Exercise 3: Uzbekistan's status at the end of 2010, with background rows and without."""

    def status(include_context: bool) -> str:
        table = membership_status(UZB_YEAR, include_context).set_index("iso3")
        return str(table.loc["UZB", "status"]) if "UZB" in table.index else "not a member"

    right, alone = status(True), status(False)
    rows = _background_rows("UZB").sort_values("start")
    # only what happened by the year asked: a later suspension does not explain a status on 31 December of that year
    later = rows[(rows["start"].dt.year > 1999) & (rows["start"].dt.year <= UZB_YEAR)]
    suspended = rows[rows["change"].astype(str) == "membership_suspended"]
    paused = rows[rows["change"].astype(str) == "suspended_participation"]
    history = "; ".join(
        f"{facts.membership_row_words(r)} ({_dated(r)}, {facts.publisher(r['citation_id'])})"
        for _, r in later.iterrows()
    )
    return {
        "right": right,
        "year": UZB_YEAR,
        "alone": alone,
        "history": history,
        "statuses": [
            {
                "status": s,
                "is_right": s == right,
                "is_alone": s == alone and s != right,
                "is_uncertain": s == "uncertain",
                "is_participation": s == "participation suspended",
                "is_participation_later": s == "participation suspended" and _later(paused, UZB_YEAR),
                "is_suspended": s == "membership suspended",
            }
            for s in STATUSES
        ],
        "suspended_later": bool(len(suspended)) and suspended.iloc[0]["start"].year > UZB_YEAR,
        "suspended": "; ".join(f"{facts.membership_row_words(r)} ({_dated(r)})" for _, r in suspended.iterrows()),
        "participation": "; ".join(
            f"{facts.membership_row_words(r)} ({_dated(r)}, {facts.publisher(r['citation_id'])})"
            for _, r in paused.iterrows()
        ),
    }


def _later(rows: pd.DataFrame, year: int) -> bool:
    """Whether every one of these membership rows starts after ``year``, so a status they give came only later
    (feedback then says 'not yet', never 'no report says')."""
    return bool(len(rows)) and bool((rows["start"].dt.year > year).all())
