"""The facts behind notebook 05's questions (wording in questions.yaml): reading the sources — words, kinds of claim,
translation, dates, forecasts and misprints."""

from __future__ import annotations

import re

import pandas as pd

from ...data.frames import load
from ...labels import BACKGROUND
from .. import facts
from ..source_criticism import count_in, events_at, relayed_judgements, term_in_context

EVSTRATOV = "evstratov2022"


def special_operation_count() -> dict:
    """How many times Evstratov writes 'special operation'; the other counts a student may confuse it with."""
    total, special = count_in(EVSTRATOV, "operation"), count_in(EVSTRATOV, "special operation")
    others = term_in_context("operation", [EVSTRATOV])
    others = others[~others["before"].str.lower().str.endswith("special")]
    smo = term_in_context("special military operation", ["mitchell2026"])
    return {
        "answer": special,
        "war": count_in(EVSTRATOV, "war"),
        "invasion": count_in(EVSTRATOV, "invasion"),
        "total": total,
        "differ": total != special,
        "n_other": total - special,
        "example": (
            f" (…{others.iloc[0]['before'][-30:]} {others.iloc[0]['term']} {others.iloc[0]['after'][:30]}…)"
            if len(others)
            else ""
        ),
        "smo_n": len(smo),
        "smo_where": "inside a quotation of Putin" if len(smo) and bool(smo["in a quotation"].all()) else "in his text",
    }


def _afp_judgements() -> pd.DataFrame:
    claims = load("claims")
    return claims[(claims["source_id"] == "afp2022") & (claims["kind"].astype(str) == "judgement")]


def afp_relayed() -> dict:
    """How many of the relayed AFP report's judgements the course counts as taken from people or papers it quotes."""
    relayed, judgements = relayed_judgements("afp2022"), _afp_judgements()
    return {
        "answer": len(relayed),
        "n_judgements": len(judgements),
        "n_own": len(judgements) - len(relayed),
        "n_claims": int((load("claims")["source_id"] == "afp2022").sum()),
        "example": relayed.iloc[0]["claim"] if len(relayed) else "",
    }


def not_doomed_kind() -> dict:
    """What kind of claim Stratfor's 'not doomed to become irrelevant' is filed as."""
    return facts.kind_values("sf_not_doomed")


def promised_post_shift() -> dict:
    """The shift the course records for 'allegedly promised an Armenian representative Bordyuzha's post'."""
    return facts.shift_values("tp_43_armenian_promised_post")


def rahmon_setting() -> dict:
    """Where background places the 2022 SCO summit and Rahmon's remarks to Putin asking for respect."""
    events = facts.context(facts.labelled("events"))
    sco = events[(events["kind"].astype(str) == "summit") & events["title"].str.contains("SCO")].iloc[0]
    rahmon = events[events["title"].str.contains("Rahmon")]
    r = rahmon.iloc[0] if len(rahmon) else None
    sco_city = str(sco["place"]).split(",")[0].strip()
    r_city = str(r["place"]).split(",")[0].strip() if r is not None else ""
    right = (
        "elsewhere"
        if sco_city != "Tashkent" and r is not None and r_city != "Tashkent"
        else "both"
        if sco_city == "Tashkent" and r_city == "Tashkent"
        else "rahmon_elsewhere"
        if sco_city == "Tashkent"
        else []
    )
    return {
        "right": right,
        "sco_city": sco_city,
        "r_city": r_city or "another city",
        "sco_title": sco["title"],
        "sco_when": sco["when"],
        "sco_place": sco["place"],
        "sco_publisher": facts.publisher(sco["citation_id"]),
        "rahmon": (f"; {r['title']}, {r['when']} ({facts.publisher(r['citation_id'])})" if r is not None else ""),
    }


def afp_date_basis() -> dict:
    """How the course dates the relayed AFP report: inferred, with the help of a background date."""
    row = facts.sources().loc["afp2022"]
    basis, note = str(row["date_basis"]), str(row["date_note"])
    with_background = "background" in note
    right = [
        k
        for k, hit in (
            ("with_background", basis == "inferred" and with_background),
            ("stated", basis == "stated"),
            ("text_alone", basis == "inferred" and not with_background),
            ("undated", not isinstance(row["published"], str)),
        )
        if hit
    ]
    return {
        "right": right,
        "published": facts.pub("afp2022"),
        "note": note,
        "basis": basis,
        "first": note.split(". ")[0].rstrip("."),
        "clue": next((s for s in re.split(r"(?<=[.;]) ", note) if "background" in s), note),
    }


def _evstratov_checks() -> pd.DataFrame:
    forecasters = load("claims")[["claim_id", "source_id"]].rename(columns={"source_id": "forecaster"})
    checks = load("forecast_checks").merge(forecasters, on="claim_id")
    return checks[checks["forecaster"] == EVSTRATOV]


def evstratov_untestable() -> dict:
    """How many checks of Evstratov's forecasts and scenarios are 'not yet testable' (from forecast_checks.csv)."""
    checks = _evstratov_checks()
    verdicts = checks["verdict"].astype(str)
    return {
        "answer": int((verdicts == "not_yet_testable").sum()),
        "n_checks": len(checks),
        "others": [
            {"n": int(n), "verdict": v.replace("_", " ")}
            for v, n in verdicts.value_counts().items()
            if v != "not_yet_testable"
        ],
    }


def first_name(person_id: str) -> dict:
    """A first name a source misprints: the course's correction, the source's form, and where the correction comes
    from."""
    row = facts.correction_for(person_id)
    name = load("people").set_index("person_id").loc[person_id, "name_standard"]
    values = {"answer": facts.first_name(person_id), "name": name, "corrected": row is not None}
    if row is not None:
        values |= {
            "as_written": row["as_written"],
            "misprint": str(row["as_written"]).split()[0],
            "source": facts.sname(row["source_id"]),
            "quote": row["quote"],
            "correction": row["correction"],
            "publisher": facts.publisher(row["correction_citation_id"]),
            "citation": facts.cited_in_words(row["correction_citation_id"]),
        }
    return values


def simonyan_first_name() -> dict:
    return first_name("simonyan")


# ---- the exercises ------------------------------------------------------------------------------------------


def evstratov_operation() -> dict:
    """Exercise 1: every 'operation' in Evstratov's text."""
    total, special = count_in(EVSTRATOV, "operation"), count_in(EVSTRATOV, "special operation")
    others = term_in_context("operation", EVSTRATOV)
    others = others[~others["before"].str.lower().str.endswith("special")]
    return {
        "answer": total,
        "special": special,
        "n_other": total - special,
        "example": f" (…{others.iloc[0]['before'][-30:]} {others.iloc[0]['term']}…)" if len(others) else "",
        "mitchell": count_in("mitchell2026", "operation"),
        "with_plural": total + count_in(EVSTRATOV, "operations"),  # 'operations' is another word for a whole-word count
    }


def mitchell_plan_kind() -> dict:
    """Exercise 2: the kind of Mitchell's 'Putin also plans to deliver …'."""
    return facts.kind_values("mi_putin_plans_deliver")


def limp_along_shift() -> dict:
    """Exercise 3: the shift of Stratfor's last rendered sentence."""
    return facts.shift_values("tp_52_limp_along")


def astana_summits() -> dict:
    """Exercise 4: the rows that place a summit in Astana, background included."""
    everything, summits = events_at("Astana"), events_at("Astana", kind="summit")
    background = summits[summits["source"].str.startswith(BACKGROUND)]
    return {
        "answer": len(summits),
        "n_all": len(everything),
        "more": len(everything) != len(summits),
        "n_background": len(background),
        "n_own": len(summits) - len(background),
        "rows": "; ".join(
            f"{e.replace(' (background)', '')} ({w}, {'other reports' if s.startswith(BACKGROUND) else s})"
            for e, w, s in zip(summits["event"], summits["when"], summits["source"])
        ),
    }
