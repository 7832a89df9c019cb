"""The evidence matrix of notebook 06: "Is the CSTO the next NATO?" broken into questions, with who says what.

The matrix stays neutral on purpose. Each question is one thing an alliance like NATO is expected to do; each
piece of evidence is a row of claims.csv, shown with its verbatim quote, its kind (fact, judgement, forecast,
scenario) and its source. Which side a row points to is recorded here, in one reviewed place, so that a
teacher can see and dispute every assignment; the course adds no tally and no verdict of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.frames import load
from ..labels import source_names, source_order


@dataclass(frozen=True)
class Proposition:
    """One question of the matrix and the claims (claim_id) that point to yes and to no."""

    pid: str
    question: str
    label: str  # a short form for chart axes
    yes: tuple[str, ...]
    no: tuple[str, ...]


PROPOSITIONS: tuple[Proposition, ...] = (
    Proposition(
        "help", "Does the bloc come to the aid of a member that asks for help?", "Aid to members",
        yes=("sf_treaty_mutual_defence", "afp_mutual_support_article", "ev_only_effective_kazakhstan"),
        no=("sf_2010_kgz_declined", "sf_2012_tjk_refused", "ev_armenia_formal_statements", "afp_no_reaction", "mi_failed_aid_armenia"),
    ),
    Proposition(
        "unity", "Do the members act as one?", "Unity",
        yes=("afp_lukashenko_rubble", "afp_moscow_satisfied", "ev_kaz_collective_withdrawal"),
        no=("sf_never_cohesive", "afp_members_wondering", "afp_kommersant_visions", "ev_only_belarus_supported", "mi_armenia_suspending"),
    ),
    Proposition(
        "force", "Is it growing as a military force?", "Military strength",
        yes=("sf_crrf_boosted_credibility", "sf_highlight_viable_platform", "mi_putin_programme", "mi_russia_most_powerful"),
        no=("sf_highlight_scope_limited", "ev_armenia_refused_exercise", "mi_putin_admitted_limits", "mi_arms_exports_decrease"),
    ),
    Proposition(
        "russia", "Does Russia rely on it as its main tool in the region?", "Russia's main tool",
        yes=("sf_vehicle_for_influence", "sf_counterweight_to_nato", "afp_alliance_he_created", "mi_russia_chairmanship"),
        no=("sf_not_powerful_tool", "sf_bilateral_focus", "ev_russia_hands_tied", "mi_more_pressing_priorities"),
    ),
    Proposition(
        "last", "Will it last?", "Will it last",
        yes=("sf_not_doomed", "ev_status_quo_likely", "ev_resources_to_resume", "afp_peskov_necessary"),
        no=("afp_disintegration", "afp_ng_save_from_collapse", "ev_future_in_question", "mi_sustainability_in_question"),
    ),
)

SIDES = {"yes": "yes", "no": "no"}

# Evidence whose words belong to someone the source quotes, not to the source's author: the matrix names both,
# so that a student does not take Lukashenko's words for AFP's. Each name must appear in the claim's text (tested).
VOICES = {"afp_lukashenko_rubble": "Lukashenko", "afp_kommersant_visions": "Kommersant",
          "afp_peskov_necessary": "Peskov", "afp_ng_save_from_collapse": "Nezavisimaya Gazeta"}


def proposition(pid: str) -> Proposition:
    for p in PROPOSITIONS:
        if p.pid == pid:
            return p
    raise KeyError(f"no proposition {pid!r}; the propositions are: {', '.join(p.pid for p in PROPOSITIONS)}")


def evidence() -> pd.DataFrame:
    """Every piece of evidence in the matrix, one row each: question, side, claim, quote, kind, source and its date."""
    claims = load("claims").set_index("claim_id")
    sources = load("sources").set_index("source_id")
    names = source_names()
    rows = []
    for p in PROPOSITIONS:
        for side, claim_ids in (("yes", p.yes), ("no", p.no)):
            for claim_id in claim_ids:
                if claim_id not in claims.index:
                    raise KeyError(f"the evidence matrix names {claim_id!r}, which data/claims.csv lacks")
                row = claims.loc[claim_id]
                source = names.get(row["source_id"], row["source_id"])
                voice = f"{VOICES[claim_id]}, quoted in {source}" if claim_id in VOICES else source
                rows.append({"pid": p.pid, "question": p.question, "label": p.label, "side": side, "claim_id": claim_id,
                             "claim": row["claim"], "quote": row["quote"], "kind": str(row["kind"]), "source_id": row["source_id"],
                             "source": source, "who": voice, "start": sources.loc[row["source_id"], "start"],
                             "origin": row["origin"], "citation_id": row["citation_id"]})
    return pd.DataFrame(rows)


def matrix() -> pd.DataFrame:
    """The one-slide matrix: each question with who supplies evidence for and against (source and kind, oldest first)."""
    order = {s: i for i, s in enumerate(source_order())}
    frame = evidence()
    frame = frame.assign(_order=frame["source_id"].map(order)).sort_values("_order", kind="stable")

    def who(rows: pd.DataFrame) -> str:
        parts = []
        for source, group in rows.groupby("source", sort=False):
            kinds = group["kind"].value_counts()
            parts.append(f"{source} (" + ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in kinds.items()) + ")")
        return "; ".join(parts)

    out = []
    for p in PROPOSITIONS:
        rows = frame[frame["pid"] == p.pid]
        out.append({"question": p.question, "evidence for (points to yes)": who(rows[rows["side"] == "yes"]),
                    "evidence against (points to no)": who(rows[rows["side"] == "no"])})
    return pd.DataFrame(out)


def cards(pid: str) -> pd.DataFrame:
    """The evidence on one question as a short table: side, the source's own words, kind of claim, who says it."""
    frame = evidence()
    frame = frame[frame["pid"] == pid].sort_values(["side", "start"], ascending=[False, True], kind="stable")
    return pd.DataFrame({
        "points to": frame["side"].map(SIDES).to_numpy(),
        "the source's words": ["“" + q + "”" for q in frame["quote"]],
        "kind": frame["kind"].to_numpy(),
        "who says it": frame["who"].to_numpy(),
    })


def sources_per_question() -> pd.DataFrame:
    """How many pieces of evidence each source supplies to each question (long format, zeros kept) for a chart."""
    frame = evidence()
    used = [s for s in source_order() if s in set(frame["source_id"])]
    counts = frame.groupby(["source_id", "label"]).size()
    rows = [{"source_id": s, "question": p.label, "items": int(counts.get((s, p.label), 0))} for s in used for p in PROPOSITIONS]
    return pd.DataFrame(rows, columns=["source_id", "question", "items"])
