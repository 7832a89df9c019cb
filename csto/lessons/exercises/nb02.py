"""Checks for the exercises of notebook 02 (the calls for help), registered with ``quiz.exercise``.

Every answer is computed from the data when it is asked, and every wrong choice is explained from the data:

- ``ex02_neither_pattern``: which crisis set a member against a state that was not a member at the end of 2022, so
  that neither "a domestic affair" nor "both countries are members" describes it (Exercise 1);
- ``ex02_less_precise_summit``: which 2016 summit the Indonesian translation dates less precisely than the English
  original (Exercise 3);
- ``ex02_kgz_tjk_dead``: the two background counts of the dead of the Kyrgyz–Tajik clashes, added (Exercise 4).
"""

from __future__ import annotations

import pandas as pd

from ... import labels
from ...data.frames import load
from ...data.views import country_acts, membership_status
from ..quiz import Option, Question, exercise

# The crises of 2010–2022 that Exercise 1 classifies: those for which a source reports what the bloc did. Left out:
# the April 2016 fighting (Stratfor reports only the Kremlin's neutrality, nothing of the bloc) and the undated
# "latest Nagorno-Karabakh clash" (it may be the September 2022 fighting itself).
CRISES = ["kgz_2010", "tjk_2012", "kaz_2022", "kgz_tjk_2022", "arm_2022"]
PARTY_ROLES = ("subject", "participant")


def _names() -> dict[str, str]:
    countries = load("countries")
    return dict(zip(countries["iso3"], countries["name_en"]))


def _year(crisis: pd.Series) -> str:
    return str(crisis["start"].year)


def crisis_label(crisis_id: str) -> str:
    """'Armenia 2022', 'Kyrgyz–Tajik 2022': a crisis as a student names it."""
    crisis = load("crises").set_index("crisis_id").loc[crisis_id]
    parties = crisis_parties(crisis_id)
    if len(parties) == 2 and all(p in ("KGZ", "TJK") for p in parties):
        return f"Kyrgyz–Tajik {_year(crisis)}"
    return f"{_names()[crisis['iso3']]} {_year(crisis)}"


def crisis_parties(crisis_id: str) -> list[str]:
    """The states a crisis happened in or between: the subjects and participants of its course-source events."""
    events = load("events")
    events = events[(events["crisis_id"] == crisis_id) & (events["origin"].astype(str) == "seed")]
    links = load("event_countries")
    links = links[links["event_id"].isin(events["event_id"]) & links["role"].astype(str).isin(PARTY_ROLES)]
    return sorted(set(links["iso3"]))


def _status_2022() -> dict[str, str]:
    status = membership_status(2022)
    return dict(zip(status["iso3"], status["status"]))


def _kind(crisis_id: str) -> str:
    parties = crisis_parties(crisis_id)
    status = _status_2022()
    if len(parties) == 1:
        return "inside"
    if all(status.get(p) == "member" for p in parties):
        return "members"
    return "non-member"


def _neither_options() -> list[Option]:
    status = _status_2022()
    names = _names()
    options = []
    for crisis_id in CRISES:
        kind = _kind(crisis_id)
        parties = crisis_parties(crisis_id)
        described = "; ".join(f"{names[p]}: {status.get(p, 'not a member')}" for p in parties)
        if kind == "inside":
            why = (f"it happened inside one member, {names[parties[0]]}: the kind of crisis Bordyuzha called "
                   f"'a domestic affair' in 2010, as Stratfor reports")
            if crisis_id == "kaz_2022":
                why += " (this time, though, troops went)"
        elif kind == "members":
            why = f"both parties were members at the end of 2022 ({described}): Evstratov's 'both countries are members'"
        else:
            why = (f"one party was not a member at the end of 2022 ({described}), so neither 'a domestic affair' "
                   f"nor 'both countries are members' describes it")
        label = crisis_label(crisis_id)
        options.append(Option(label, kind == "non-member", why, also=(crisis_id, label.replace("–", "-"))))
    return options


exercise(Question(
    "ex02_neither_pattern", "02",
    "Which crisis of 2010–2022 set a member against a state that was not a member at the end of 2022, so that "
    "neither 'a domestic affair' nor 'both countries are members' describes it?",
    "notebook 02, Exercise 1 (views.membership_status(2022) and the crises' events)",
    "choice", options=_neither_options,
))


PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "period": 3}


def _summits() -> pd.DataFrame:
    acts = country_acts()
    acts = acts[(acts["kind"].astype(str) == "summit") & acts["source_id"].isin(["stratfor2017", "stratfor2017_id"])]
    return acts.assign(month=acts["start"].dt.month)


def _summit_options() -> list[Option]:
    summits = _summits()
    less, described = [], []
    for month, rows in summits.groupby("month", sort=True):
        by_source = rows.set_index("source_id")
        english, indonesian = by_source.loc["stratfor2017"], by_source.loc["stratfor2017_id"]
        if PRECISION_RANK[str(indonesian["date_precision"])] > PRECISION_RANK[str(english["date_precision"])]:
            less.append(month)
        described.append(f"English '{english['when']}', Indonesian '{indonesian['when']}'")
    names = {10: "October 2016 summit", 12: "December 2016 summit"}
    summary = "; ".join(f"{names[m]}: {d}" for m, d in zip(sorted(summits["month"].unique()), described))
    options = []
    for month, label in names.items():
        right = less == [month]
        why = (f"the two versions date the summits so: {summary}" if right else
               f"both versions give the same precision for that summit ({summary})")
        options.append(Option(label, right, why))
    options.append(Option("Both summits", len(less) == 2, f"only one summit's date differs: {summary}"))
    options.append(Option("Neither summit", not less, f"one summit's date differs: {summary}"))
    return options


exercise(Question(
    "ex02_less_precise_summit", "02",
    "Which 2016 summit does the Indonesian translation date less precisely than Stratfor's English original?",
    "notebook 02, Exercise 3 (views.country_acts(), summits of stratfor2017 and stratfor2017_id)",
    "choice", options=_summit_options, ordered=True,
))


def _echo_counts() -> pd.DataFrame:
    figures = load("figures")
    rows = figures[(figures["metric"] == "deaths") & (figures["origin"].astype(str) == "context")
                   & (figures["citation_id"] == "cite_echo_2022_09_20")]
    return rows


def _dead_total() -> int:
    return int(_echo_counts()["value"].sum())


def _dead_why() -> str:
    rows = _echo_counts()
    names = _names()
    parts = " + ".join(f"{int(v)} (on the side of {names[i]})" for v, i in zip(rows["value"], rows["iso3"]))
    return (f"{parts} = {_dead_total()}, as of 19 September 2022 ({labels.publisher('cite_echo_2022_09_20')}): "
            f"about 100, where AFP writes 'hundreds'")


def _dead_wrong(given: object) -> str | None:
    rows = _echo_counts()
    names = _names()
    for value, iso3 in zip(rows["value"], rows["iso3"]):
        if given == int(value):
            return f"{given} is the count on the side of {names[iso3]} alone; add the other side's"
    hrw = load("figures").set_index("figure_id").loc["ctx_kgz_tjk_killed_hrw"]
    if given == int(hrw["value"]):
        return (f"{given} is the round figure of another publisher ({labels.publisher(hrw['citation_id'])}: "
                f"'{hrw['value_text']}'); add the two counts of the European Commission instead")
    return None


exercise(Question(
    "ex02_kgz_tjk_dead", "02",
    "By the two background counts as of 19 September 2022, how many people died in the Kyrgyz–Tajik border clashes, "
    "both sides together?",
    "notebook 02, Exercise 4 (data/figures.csv, metric 'deaths', background rows)",
    "number", correct=_dead_total, why=_dead_why, wrong=_dead_wrong,
))
