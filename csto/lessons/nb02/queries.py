"""The facts behind notebook 02's questions (wording in questions.yaml): how the bloc answered members' calls for
help, as each source tells it, and the 2016 deadlock."""

from __future__ import annotations

import pandas as pd

from ...data import lookups
from ...data.frames import load, source_says
from ...data.views import membership_status
from .. import facts

# The crises of 2010–2022 that Exercise 1 classifies: those for which a source reports what the bloc did. Left out:
# the April 2016 fighting (Stratfor reports only the Kremlin's neutrality, nothing of the bloc) and the undated
# "latest Nagorno-Karabakh clash" (it may be the September 2022 fighting itself).
CRISES = ["kgz_2010", "tjk_2012", "kaz_2022", "kgz_tjk_2022", "arm_2022"]
PARTY_ROLES = ("subject", "participant")
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "period": 3}
SUMMITS = {10: "October 2016 summit", 12: "December 2016 summit"}


def who_asked_2012() -> dict:
    """Who asked the bloc to act in Gorno-Badakhshan in 2012, by Stratfor; who refused."""
    crisis = lookups.with_labels(load("crises")).set_index("crisis_id").loc["tjk_2012"]
    requester = str(crisis["requester"]) if isinstance(crisis["requester"], str) else ""
    refusal = str(crisis["stated_reason"]) if isinstance(crisis["stated_reason"], str) else ""
    reporters = facts.crisis_reporters("tjk_2012")
    people = []
    for person_id in ("lukashenko", "rahmon", "bordyuzha", "nazarbayev"):
        person = facts.person(person_id)
        if person is None:
            continue
        surname = person["name_standard"].split()[-1]
        home = person["iso3"] if isinstance(person["iso3"], str) else ""
        people.append(
            {
                "key": person_id,
                "name": person["name_standard"],
                "role": person["role"],
                "surname": surname,
                "asked": surname in requester,
                "refused": surname in refusal,
                "local_note": (
                    f" The one who asked speaks for {facts.cname(home)}, not for "
                    f"{facts.cname(crisis['iso3'])}, where the clashes were."
                )
                if home and home != crisis["iso3"]
                else "",
            }
        )
    alone = reporters == ["stratfor2017"]
    names = [facts.sname(s) for s in reporters]
    return {
        "right": [p["key"] for p in people if p["asked"]],
        "people": people,
        "quote": crisis["quote"],
        "requester": requester,
        "alone_note": (
            f" None of our other sources mentions Gorno-Badakhshan ({', '.join(names)} only), so the "
            "course cannot check it."
        )
        if alone
        else "",
    }


def domestic_affair_whose() -> dict:
    """Whose reason 'a domestic affair' was, in Stratfor's report."""
    quotes = load("quotes")
    row = quotes[quotes["words"].str.contains("domestic affair", case=False, na=False)].iloc[0]
    person = facts.person(row["speaker_id"]) if isinstance(row["speaker_id"], str) else None
    asked = quotes[quotes["quote_id"] == "q_stratfor2017_bishkek_asked_intervene"]
    right = ["speaker"]
    if source_says("evstratov2022", "domestic affair"):
        right.append("evstratov")
    if row["speaker"] == "Kyrgyz government":
        right.append("kyrgyz")
    return {
        "right": right,
        "speaker": row["speaker"],
        "quote": row["quote"],
        "role": person["role"].split(" (")[0] if person is not None else "",
        "has_role": person is not None,
        "voice": "Stratfor's words for his reason" if str(row["voice"]) == "source_words" else "his own words",
        "asked_words": asked.iloc[0]["words"] if len(asked) else "",
        "cannot_back": facts.claim("ev_cannot_back_either")["quote"],
        "conduit": facts.claim("sf_secgen_conduit")["quote"],
    }


def kgz_tjk_two_accounts() -> dict:
    """How Evstratov describes the bloc's response to the Kyrgyz–Tajik conflict, beside the relayed AFP report's."""
    accounts = facts.accounts()
    here = accounts[accounts["crisis_id"] == "kgz_tjk_2022"]
    theirs = here[here["source_id"] == "evstratov2022"]
    right = str(theirs.iloc[0]["response"]) if len(theirs) else None
    afp = here[here["source_id"] == "afp2022"]
    codes = list(
        dict.fromkeys(
            [c for c in (right, *[str(r) for r in here["response"]]) if c] + ["deployment", "statements_and_monitoring"]
        )
    )
    records = []
    for code in [c for c in lookups.value_order("crisis_responses", "response") if c in codes]:
        mine = accounts[accounts["response"].astype(str) == code]
        other = here[here["response"].astype(str) == code]
        records.append(
            {
                "code": code,
                "label": facts.response_words(code),
                "is_right": code == right,
                "here": len(other) > 0 and code != right,
                "here_source": facts.sname(other.iloc[0]["source_id"]) if len(other) else "",
                "here_quote": other.iloc[0]["quote"] if len(other) else "",
                "reported": "; ".join(f"{facts.sname(s)} for {n}" for s, n in zip(mine["source_id"], mine["name"])),
            }
        )
    afp_note = (
        (
            f" The relayed report's account (citing AFP, {facts.pub('afp2022')}) is another: "
            f"{facts.response_words(afp.iloc[0]['response'])}, "
            f"“{afp.iloc[0]['quote']}”"
        )
        if len(afp)
        else ""
    )
    return {
        "right": right,
        "responses": records,
        "published": facts.pub("evstratov2022"),
        "quote": theirs.iloc[0]["quote"] if len(theirs) else "",
        "afp_note": afp_note,
    }


def december_2016_absent() -> dict:
    """Which member Stratfor reports absent from the December 2016 summit."""
    acts = facts.view("country_acts")
    summits = acts[
        (acts["kind"].astype(str) == "summit") & (acts["source_id"] == "stratfor2017") & (acts["start"].dt.year == 2016)
    ]
    absent = summits[summits["act"].astype(str) == "absence"]
    december = set(absent.loc[absent["start"].dt.month == 12, "iso3"])
    records = []
    for iso3 in ("KAZ", "BLR", "ARM", "RUS"):
        mine = absent[absent["iso3"] == iso3]
        row = mine.iloc[0] if len(mine) else None
        records.append(
            {
                "iso3": iso3,
                "name": facts.cname(iso3),
                "absent": row is not None,
                "title": row["title"] if row is not None else "",
                "when": row["when"] if row is not None else "",
                "quote": row["quote"] if row is not None else "",
            }
        )
    return {"right": sorted(december), "countries": records}


def absences_kind() -> dict:
    """What kind of claim Stratfor's 'The absences probably aren't a coincidence' is filed as."""
    return facts.kind_values("sf_absences_not_coincidence")


def _leery_checks() -> pd.DataFrame:
    checks = load("forecast_checks")
    return checks[checks["claim_id"] == "sf_russia_leery"]


LEERY_COUNTED = "not_yet_testable"  # the verdict the quiz asks students to count among the 'leery' checks


def leery_consistent() -> dict:
    """How many checks of Stratfor's 'leery' forecast have the verdict LEERY_COUNTED (from forecast_checks.csv).

    The question counts the 'not yet testable' checks: every passage that shows only the bloc unused is held to one
    standard (it leaves Russia's attitude to the bloc open), which leaves no check 'consistent'. Wrong counts are
    gathered by number, so that a number two slips give (one check of another verdict, one counted check left out)
    gets one feedback naming every reason, not only the first one listed."""
    checks = _leery_checks()
    verdicts = checks["verdict"].astype(str)
    target = checks[verdicts == LEERY_COUNTED]
    said = LEERY_COUNTED.replace("_", " ")
    counted: dict[int, list[str]] = {}  # a wrong count → the other verdicts with that many checks
    added: dict[int, list[str]] = {}  # a wrong count → the other verdicts whose checks it adds to the counted ones
    for verdict, n in verdicts.value_counts().items():
        if verdict != LEERY_COUNTED:
            named = f"'{verdict.replace('_', ' ')}'"
            counted.setdefault(int(n), []).append(named)
            added.setdefault(len(target) + int(n), []).append(named)
    reasons: dict[int, list[str]] = {len(checks): ["is how many checks the forecast has in all"]}
    for n, names in counted.items():
        reasons.setdefault(n, []).append(
            "is the number of checks with the verdict " + " and also of those with ".join(names))
    for n, names in added.items():
        reasons.setdefault(n, []).append(
            f"adds to the '{said}' checks those with the verdict " + " or those with ".join(names))
    for n in {len(target) - len(mine) for _source_id, mine in target.groupby("source_id")}:
        reasons.setdefault(n, []).append(f"leaves out at least one check whose verdict is '{said}'")
    reasons.pop(len(target), None)
    wrong_counts = [
        {"n": n, "why": ", and ".join(found)} for n, found in sorted(reasons.items())
    ]
    return {
        "answer": len(target),
        "n_checks": len(checks),
        "wrong_counts": wrong_counts,
        "checks": "; ".join(
            f"{facts.sname(s)}, “{q}”: {str(v).replace('_', ' ')}"
            for s, q, v in zip(checks["source_id"], checks["quote"], checks["verdict"])
        ),
    }


def nk_jurisdiction() -> dict:
    """Where, in Evstratov's account, the Armenian–Azerbaijani conflict was fought in 2022."""
    status = membership_status(2022).set_index("iso3")["status"]
    aze = status.get("AZE", "not a member")
    withdrew = facts.seed_change("AZE", "withdrew")
    right = [
        k
        for k, hit in (
            ("armenia", source_says("evstratov2022", "internationally recognized territory of Armenia")),
            ("nk_only", not source_says("evstratov2022", "has long not been localized in Nagorno-Karabakh")),
            ("azerbaijan", aze == "member"),
        )
        if hit
    ]
    return {
        "right": right,
        "sentence": facts.seed_sentence("evstratov2022", "not part of the official jurisdiction of the CSTO"),
        "aze": aze,
        "withdrew": f" (Stratfor: “{withdrew['quote']}”)" if withdrew is not None else "",
        "trials": facts.claim("ev_trials")["quote"],
    }


def bilateral_deals_when() -> dict:
    """When Stratfor says Moscow signed its new deals: no month, 'in the past few months'."""
    deals, neutrality = facts.event("ev_2016_bilateral_deals"), facts.event("ev_2016_04_nk_neutrality")
    summit, maidan = facts.event("ev_2016_12_summit"), facts.event("ev_2014_euromaidan")
    vague = str(deals["date_precision"]) == "period"
    right = (
        "vague"
        if vague
        else [
            k
            for k, e in (("neutrality", neutrality), ("summit", summit), ("maidan", maidan))
            if deals["when"] == e["when"]
        ]
    )
    links = load("event_countries")
    links = links[(links["event_id"] == "ev_2016_bilateral_deals") & (links["role"].astype(str) == "participant")]
    return {
        "right": right,
        "published": facts.pub(deals["source_id"]),
        "quote": deals["quote"],
        "when": deals["when"],
        "note": deals["date_note"],
        "neutrality": neutrality["when"],
        "summit": summit["when"],
        "maidan": maidan["when"],
        "maidan_title": maidan["title"],
        "partners": [facts.cname(i) for i in links["iso3"]],
    }


# ---- the exercises ------------------------------------------------------------------------------------------


def crisis_parties(crisis_id: str) -> list[str]:
    """The states a crisis happened in or between: the subjects and participants of its events in our sources."""
    events = facts.seed(load("events"))
    events = events[events["crisis_id"] == crisis_id]
    links = load("event_countries")
    links = links[links["event_id"].isin(events["event_id"]) & links["role"].astype(str).isin(PARTY_ROLES)]
    return sorted(set(links["iso3"]))


def crisis_label(crisis_id: str) -> str:
    """'Armenia 2022', 'Kyrgyz–Tajik 2022': a crisis as a student names it."""
    crisis = load("crises").set_index("crisis_id").loc[crisis_id]
    parties = crisis_parties(crisis_id)
    if len(parties) == 2 and all(p in ("KGZ", "TJK") for p in parties):
        return f"Kyrgyz–Tajik {crisis['start'].year}"
    return f"{facts.cname(crisis['iso3'])} {crisis['start'].year}"


CONTESTED = {frozenset({"ARM", "AZE"}): "Nagorno-Karabakh"}  # the region two parties' crises are named after


def _crisis_forms(parties: list[str], label: str) -> list[str]:
    """What a student may type for a crisis: its parties' names and codes, 'Armenia and Azerbaijan (2022)',
    'Armenia-Azerbaijan', and the region the parties contest."""
    names = [facts.cname(p) for p in parties]
    year = label.split()[-1]
    forms = [*names, *parties]
    if len(names) > 1:
        joined = " and ".join(names)
        forms += [joined, f"{joined} {year}", "-".join(names), "–".join(names), f"{'-'.join(names)} {year}"]
    if frozenset(parties) in CONTESTED:
        forms.append(CONTESTED[frozenset(parties)])
    return forms


def neither_pattern() -> dict:
    """Exercise 1: the crisis that set a member against a state not a member at the end of 2022."""
    status = membership_status(2022)
    status = dict(zip(status["iso3"], status["status"]))
    crises = load("crises").set_index("crisis_id")
    records = []
    for crisis_id in CRISES:
        parties = crisis_parties(crisis_id)
        kind = (
            "inside"
            if len(parties) == 1
            else ("members" if all(status.get(p) == "member" for p in parties) else "mixed")
        )
        label = crisis_label(crisis_id)
        records.append(
            {
                "crisis_id": crisis_id,
                "label": label,
                "dashed": label.replace("–", "-"),
                "crisis_name": crises.loc[crisis_id, "name"],
                "aliases": _crisis_forms(parties, label),
                "inside": kind == "inside",
                "members": kind == "members",
                "troops_note": " (this time, though, troops went)" if crisis_id == "kaz_2022" else "",
                "first": facts.cname(parties[0]) if parties else "",
                "described": "; ".join(f"{facts.cname(p)}: {status.get(p, 'not a member')}" for p in parties),
                "mixed": kind == "mixed",
            }
        )
    return {"right": [r["crisis_id"] for r in records if r["mixed"]], "crises": records}


def less_precise_summit() -> dict:
    """Exercise 3: the 2016 summit the Indonesian translation dates less precisely than the English original."""
    acts = facts.view("country_acts")
    acts = acts[(acts["kind"].astype(str) == "summit") & acts["source_id"].isin(["stratfor2017", "stratfor2017_id"])]
    acts = acts.assign(month=acts["start"].dt.month)
    less, described = [], []
    for month, rows in acts.groupby("month", sort=True):
        by_source = rows.drop_duplicates("source_id").set_index("source_id")
        english, indonesian = by_source.loc["stratfor2017"], by_source.loc["stratfor2017_id"]
        if PRECISION_RANK[str(indonesian["date_precision"])] > PRECISION_RANK[str(english["date_precision"])]:
            less.append(int(month))
        described.append(
            f"{SUMMITS.get(int(month), month)}: English '{english['when']}', Indonesian '{indonesian['when']}'"
        )
    right = "both" if len(less) == 2 else ("neither" if not less else str(less[0]))
    return {
        "right": right,
        "summary": "; ".join(described),
        "summits": [{"month": str(m), "label": label, "is_right": [m] == less} for m, label in SUMMITS.items()],
    }
