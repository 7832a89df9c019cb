"""The facts behind notebook 06's questions (wording in questions.yaml): the course-wide review and the exercises on
the evidence matrix."""

from __future__ import annotations

import pandas as pd

from ...data import lookups
from ...data.frames import load
from .. import evidence, facts
from ..nb05.queries import first_name
from ..source_criticism import count_in, term_in_context
from ..wording import plain_number

MITCHELL = "mitchell2026"
STRENGTH = "force"  # the evidence matrix's question "Is it growing as a military force?"
INVASION = "ev_2022_02_24_invasion_context"


def _figure(figure_id: str) -> pd.Series:
    return facts.row_of("figures", "figure_id", figure_id)


def _crises() -> pd.DataFrame:
    return facts.labelled("crises").set_index("crisis_id")


def _deployed_in() -> list[str]:
    accounts = facts.accounts()
    return sorted(set(accounts.loc[accounts["response"].astype(str) == "deployment", "crisis_id"]))


def first_two_years() -> dict:
    """How many states joined in the bloc's first two years, by Stratfor."""
    rows = facts.seed(load("membership"))
    evstratov = facts.listed("evstratov2022")
    return {
        "answer": len(facts.joined_first_two_years()),
        "quote": rows.loc[rows["change"] == "joined", "quote"].iloc[0],
        "n_evstratov": len(evstratov),
        "evstratov": [facts.cname(i) for i in evstratov],
        "n_gone": len(facts.withdrawn_by_1999()),
    }


def stayed_after_1999() -> dict:
    """Which of these states was not among the three Stratfor says had withdrawn by 1999."""
    withdrew = facts.seed(facts.membership())
    withdrew = withdrew[withdrew["change"] == "withdrew"]
    gone = facts.withdrawn_by_1999()
    states = [{"iso3": i, "name": facts.cname(i), "stayed": i not in gone} for i in sorted(gone) + ["ARM"]]
    return {
        "right": [s["iso3"] for s in states if s["stayed"]],
        "states": states,
        "quote": withdrew.iloc[0]["quote"] if len(withdrew) else "",
    }


def members_named_2022() -> dict:
    """How many member states Evstratov names in autumn 2022."""
    mitchell = facts.listed(MITCHELL)
    return {
        "answer": len(facts.listed("evstratov2022")),
        "quote": facts.listed_rows("evstratov2022").iloc[0]["quote"],
        "n_joined": len(facts.joined_first_two_years()),
        "n_mitchell": len(mitchell),
        "mitchell": [facts.cname(i) for i in mitchell],
        "central_note": (
            ", and adds 'most of Central Asia' without names"
            if any("most of Central Asia" in q for q in facts.listed_rows(MITCHELL)["quote"])
            else ""
        ),
    }


def response_2010() -> dict:
    """What the bloc did when Kyrgyzstan asked in 2010, as Stratfor reports."""
    accounts = facts.accounts()
    used = [
        r for r in lookups.value_order("crisis_responses", "response") if r in set(accounts["response"].astype(str))
    ]
    right = str(accounts.set_index(["crisis_id", "source_id"]).loc[("kgz_2010", "stratfor2017"), "response"])
    background = facts.context(facts.view("crisis_responses"))
    responses = []
    for code in used:
        mine = accounts[accounts["response"].astype(str) == code]
        others = background[background["response"].astype(str) == code]
        responses.append(
            {
                "code": code,
                "label": facts.response_words(code),
                "is_right": code == right,
                # the one response whose crises answer two later questions (where troops went, and in how many crises)
                "deployment": code == "deployment",
                # one crisis with two background accounts is named once
                "reports": "; ".join(dict.fromkeys(
                    [f"{n}, by {facts.sname(s)}" for s, n in zip(mine["source_id"], mine["name"])]
                    + [f"{n}, by other reports (cited)" for n in others["name"]]
                )),
                # the story tells 2010 from other reports: a student who answers from it is told whose account it is
                "background_2010": "kgz_2010" in set(others["crisis_id"]),
            }
        )
    return {
        "right": right,
        "responses": responses,
        "declined": facts.claim("sf_2010_kgz_declined")["quote"],
        "domestic": facts.claim("sf_2010_domestic_affair")["quote"],
    }


def troop_deployments() -> dict:
    """In how many of the crises in the crisis table the bloc sent troops, by any account."""
    crises = _crises()
    deployed = facts.view("crisis_responses")
    deployed = deployed[deployed["response"].astype(str) == "deployment"]
    reporters = sorted(set(facts.seed(deployed)["source_id"]), key=facts.source_order().index)
    return {
        "answer": len(_deployed_in()),
        "crises": [crises.loc[c, "name"] for c in _deployed_in()],
        "n_reporters": len(reporters),
        "reporters": [facts.sname(s) for s in reporters],
        "n_accounts": len(deployed),
        "account_crises": [crises.loc[c, "name"] for c in sorted(set(deployed["crisis_id"]))],
        "n_crises": len(crises),
    }


def where_troops() -> dict:
    """In which member state the bloc deployed troops, with every account of each state's crises."""
    crises, accounts = _crises(), facts.accounts()
    deployed = {crises.loc[c, "iso3"] for c in _deployed_in()}
    states = []
    for iso3 in sorted(set(crises["iso3"]), key=facts.cname):
        mine = accounts[accounts["iso3"] == iso3]
        reports = "; ".join(
            f"{n}: "
            + ", ".join(f"{facts.response_words(r)} ({facts.sname(s)})" for r, s in zip(g["response"], g["source_id"]))
            for n, g in mine.groupby("name", sort=False)
        )
        states.append({"iso3": iso3, "name": facts.cname(iso3), "is_right": iso3 in deployed, "reports": reports,
                       "crises": list(dict.fromkeys(mine["name"]))})
    return {"right": sorted(deployed), "states": states}


def _kaz_quote(source_id: str) -> str:
    accounts = facts.accounts()
    accounts = accounts[(accounts["crisis_id"] == "kaz_2022") & (accounts["source_id"] == source_id)]
    if len(accounts):
        return accounts.iloc[0]["quote"]
    rows = facts.seed(load("events"))
    rows = rows[(rows["crisis_id"] == "kaz_2022") & (rows["source_id"] == source_id)]
    return rows.iloc[0]["quote"] if len(rows) else ""


def who_asked_kazakhstan() -> dict:
    """Which English-language source names who asked for the Kazakhstan mission (none does)."""
    crisis = _crises().loc["kaz_2022"]
    events = facts.seed(facts.labelled("events"))
    requests = events[(events["crisis_id"] == "kaz_2022") & (events["kind"].astype(str) == "request")]
    namers = set(requests["source_id"]) | ({crisis["source_id"]} if isinstance(crisis["requester"], str) else set())
    reporters = facts.crisis_reporters("kaz_2022")
    background = facts.context(facts.labelled("events"))
    background = background[(background["crisis_id"] == "kaz_2022") & (background["kind"].astype(str) == "request")]
    english = lookups.sources_in("en")
    sources = []
    for s in english:
        said = requests[requests["source_id"] == s]
        sources.append(
            {
                "source_id": s,
                "name": facts.sname(s),
                "published": facts.pub(s),
                "names": s in namers,
                "mentions": s in reporters,
                "before": facts.sources().loc[s, "end"] < crisis["start"],
                "request": said.iloc[0]["quote"] if len(said) else str(crisis["requester"]),
                "mission": _kaz_quote(s),
            }
        )
    return {
        "right": sorted(namers) or "none",
        "sources": sources,
        "n_english": facts.number_word(len(english)),
        "background": (
            f"{background.iloc[0]['title']}, {background.iloc[0]['when']} "
            f"({facts.cited_in_words(background.iloc[0]['citation_id'])})"
            if len(background)
            else "no background row either"
        ),
    }


def south_caucasus_decline() -> dict:
    """By how many percent arms exports to the South Caucasus fell, by Mitchell."""
    shares = facts.seed(load("figures"))
    shares = shares[shares["metric"].astype(str).str.startswith("share")]
    return {
        "answer": plain_number(_figure("mi_arms_exports_south_caucasus")["value"]),
        "quote": _figure("mi_arms_exports_south_caucasus")["quote"],
        "central_asia": plain_number(_figure("mi_arms_exports_central_asia")["value"]),
        "shares": [
            {"n": plain_number(v), "what": f"{t} ({s})"}
            for v, t, s in zip(shares["value"], shares["value_text"], shares["subject"])
        ],
    }


def joined_moscow() -> dict:
    """Which member other than Russia took part with Moscow in the invasion, in Mitchell's account."""
    links = load("event_countries")
    rows = links[
        (links["event_id"] == "ev_2022_02_invasion") & (links["role"] == "participant") & (links["origin"] == "seed")
    ]
    joined = set(rows["iso3"]) - {"RUS"}
    invasion = facts.event("ev_2022_02_invasion")
    acts = facts.seed(facts.view("country_acts"))
    acts = acts[(acts["source_id"] == MITCHELL) & (acts["act"].astype(str) != "none")]
    states = []
    for iso3 in sorted(set(facts.listed("evstratov2022")) - {"RUS"}, key=facts.cname):
        mine = acts[acts["iso3"] == iso3]
        link = links[(links["event_id"] == "ev_2022_02_invasion") & (links["iso3"] == iso3)]
        states.append(
            {
                "iso3": iso3,
                "name": facts.cname(iso3),
                "is_right": iso3 in joined,
                "link": link.iloc[0]["quote"] if len(link) else "",
                "reported": facts.and_join(
                    [
                        f"{t} ({f'he gives no date; the course brackets it {w}' if str(p) == 'period' else w})"
                        for t, w, p in zip(mine["title"], mine["when"], mine["date_precision"])
                    ]
                )
                if len(mine)
                else "",
            }
        )
    return {
        "right": sorted(joined),
        "states": states,
        "quote": invasion["quote"],
        "joined": [facts.cname(i) for i in sorted(joined)],
    }


def last_chairmanship() -> dict:
    """The year Russia last held the chairmanship before 2026, by Mitchell."""
    return {
        "answer": plain_number(_figure("mi_last_russian_chair")["value"]),
        "quote": _figure("mi_last_russian_chair")["quote"],
        "current": plain_number(_figure("mi_chairmanship_2026")["value"]),
    }


def special_operation() -> dict:
    """Which English-language source writes 'special operation' in its own voice (not inside a quotation)."""
    war_start = facts.event(INVASION)["start"]
    people = [p.split()[-1] for p in load("people")["name_standard"]]
    sources = []
    for s in lookups.sources_in("en"):
        uses = term_in_context("special operation", [s])
        own = int((~uses["in a quotation"].astype(bool)).sum()) if len(uses) else 0
        wars = term_in_context("war", [s])
        smo = term_in_context("special military operation", [s])
        invasion = term_in_context("invasion", [s], width=80)
        cited = [p for p in people if any(p in b for b in invasion["before"])]
        parts = [f"'invasion' {count_in(s, 'invasion')} time(s) and 'war' {count_in(s, 'war')} time(s)"]
        if len(smo):
            parts.append(
                "'special military operation' only inside a quotation of Putin"
                if bool(smo["in a quotation"].all())
                else f"'special military operation' {len(smo)} time(s)"
            )
        if cited:
            parts.append(f"its 'invasion' comes in a sentence that cites {facts.and_join(cited)}")
        sources.append(
            {
                "source_id": s,
                "name": facts.sname(s),
                "published": facts.pub(s),
                "own": own > 0,
                "n_own": own,
                "before": facts.sources().loc[s, "start"] < war_start,
                "war_note": (
                    f"; its one 'war' is “…{wars.iloc[0]['before'][-25:]} {wars.iloc[0]['term']}”"
                    if len(wars) == 1
                    else ""
                ),
                "writes": "; ".join(parts),
            }
        )
    return {"right": [x["source_id"] for x in sources if x["own"]], "sources": sources}


def inferred_dates() -> dict:
    """How many sources carry no date of their own, so that the course infers it."""
    sources = facts.sources()
    inferred = [facts.source_dated(s) for s in facts.source_order() if str(sources.loc[s, "date_basis"]) == "inferred"]
    return {
        "answer": len(inferred),
        "inferred": "; ".join(inferred),
        "n_stated": int((sources["date_basis"].astype(str) == "stated").sum()),
    }


def sco_summit_city() -> dict:
    """Where the 2022 SCO summit met, by the background the course cites; what the data place in each other city."""
    events = facts.labelled("events")
    summits = facts.context(events)
    summits = summits[(summits["kind"].astype(str) == "summit") & summits["title"].str.contains("SCO")]
    right = str(summits["place"].iloc[0]).split(",")[0].strip()
    cities = []
    for city in sorted({right, "Tashkent", "Astana", "Bishkek"}):
        placed = events["place"].fillna("")
        here = events[placed.str.contains(city) | ((placed == "") & events["title"].str.contains(f"in {city}"))]
        cities.append(
            {
                "city": city,
                "is_right": city == right,
                "listed": "; ".join(
                    f"{t} ({w}, {facts.sname(s) if o == 'seed' else 'background'})"
                    for t, w, s, o in zip(here["title"], here["when"], here["source_id"], here["origin"].astype(str))
                ),
            }
        )
    return {"right": right, "cities": cities}


def peskov_first_name() -> dict:
    return first_name("peskov")


def neither_country_shift() -> dict:
    return facts.shift_values("tp_45_neither_country")


def not_yet_testable() -> dict:
    """How many forecast checks cannot yet be tested (all read from forecast_checks.csv, never typed in)."""
    verdicts = load("forecast_checks")["verdict"].astype(str)
    untestable, outside = int((verdicts == "not_yet_testable").sum()), int((verdicts == "outside_horizon").sum())
    return {
        "answer": untestable,
        "n_checks": len(verdicts),
        "n_outside": outside,
        "with_outside": untestable + outside,
        "others": [
            {"n": int(n), "verdict": v.replace("_", " ")}
            for v, n in verdicts.value_counts().items()
            if v != "not_yet_testable"
        ],
    }


# ---- the exercises ------------------------------------------------------------------------------------------


def mitchell_pieces() -> dict:
    """Exercise 1: how many cards of the evidence matrix come from Mitchell."""
    cards = evidence.evidence()
    mine = cards[cards["source_id"] == MITCHELL]
    parts = []
    for p in evidence.propositions():
        rows = mine[mine["pid"] == p.pid]
        if len(rows):
            parts.append(
                f"{p.label}: {len(rows)} ({int((rows['side'] == 'yes').sum())} yes, "
                f"{int((rows['side'] == 'no').sum())} no)"
            )
    return {
        "answer": len(mine),
        "by_question": "; ".join(parts),
        "strength": int((mine["pid"] == STRENGTH).sum()),
        "no_side": int((mine["side"] == "no").sum()),
        "all_claims": int((load("claims")["source_id"] == MITCHELL).sum()),
    }


def no_strength_cards() -> dict:
    """Exercise 3: which source supplies no card on 'Is it growing as a military force?'."""
    cards = evidence.evidence()
    strength = cards[cards["pid"] == STRENGTH]
    sources = []
    for s in [s for s in facts.source_order() if s in set(cards["source_id"])]:
        mine = strength[strength["source_id"] == s]
        sources.append(
            {
                "source_id": s,
                "name": facts.sname(s),
                "none": mine.empty,
                "n": len(mine),
                "topics": sorted(set(cards.loc[cards["source_id"] == s, "label"])),
                "listed": facts.and_join(
                    [f"“{q}” ({k}, points to {d})" for q, k, d in zip(mine["quote"], mine["kind"], mine["side"])]
                ),
            }
        )
    return {"right": [x["source_id"] for x in sources if x["none"]], "sources": sources}
