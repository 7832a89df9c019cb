"""The evidence matrix of notebook 06: "Is the CSTO the next NATO?" broken into questions, with who says what.

The matrix stays neutral on purpose. Each question is one thing an alliance like NATO is expected to do; each
piece of evidence is a row of claims.csv, shown with its verbatim quote, its kind (fact, judgement, forecast,
scenario) and its source. Which side a row points to is a reading, recorded here once per claim, each with a
one-line reason (``Placement.why``) so that a teacher can see and dispute every assignment; where a card needs a
warning to be read right ("on paper: a treaty provision"), ``Placement.note`` carries it onto the card. The
course adds no tally and no verdict of its own.

Words that belong to someone a source quotes (Lukashenko in AFP, Putin in Mitchell) are named as that person's,
"quoted in" the source: ``voices()`` reads this from quotes.csv (rows whose voice is ``speaker_words``), so the
matrix follows the data when a quote is re-attributed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.frames import load
from ..data.verbatim import normalise, overlaps
from ..labels import source_names, source_order


@dataclass(frozen=True)
class Placement:
    """One claim placed on one side of one question, with the reason for the reading (a teacher may dispute it)."""

    claim_id: str
    why: str  # one line: what in the passage points this way
    note: str = ""  # shown on the card, where a reader needs it to read the passage right


@dataclass(frozen=True)
class Proposition:
    """One question of the matrix and the placements that point to yes and to no."""

    pid: str
    question: str
    label: str  # a short form for chart axes
    yes: tuple[Placement, ...]
    no: tuple[Placement, ...]

    def claim_ids(self, side: str | None = None) -> tuple[str, ...]:
        """The claim_ids on one side ("yes" or "no"), or on both."""
        chosen = {"yes": self.yes, "no": self.no}.get(side, self.yes + self.no) if side else self.yes + self.no
        return tuple(p.claim_id for p in chosen)


ON_PAPER = "on paper: a treaty provision, not aid given"

PROPOSITIONS: tuple[Proposition, ...] = (
    Proposition(
        # Review round 2, M7: the question asks about a member in trouble, not one "that asks": no course source says
        # who asked for the Kazakhstan mission, so a rule about requests would leave the one case of aid given out.
        "help", "Does the bloc come to the aid of a member in trouble?", "Aid to members",
        yes=(
            Placement("sf_treaty_mutual_defence", "the promise of aid, as Stratfor sums up the 1992 treaty", ON_PAPER),
            Placement("afp_mutual_support_article", "the promise of aid, as AFP describes the CSTO article; AFP's next "
                      "sentence (afp_armenia_no_benefit, on the 'no' side) says Armenia got no benefit from it", ON_PAPER),
            Placement("ev_only_effective_kazakhstan", "Kazakhstan, January 2022: the one response Evstratov calls truly "
                      "effective, where aid was given", "no course source says who asked for this mission"),
        ),
        no=(
            Placement("sf_2010_kgz_declined", "Kyrgyzstan asked in 2010 and the secretary-general declined (Stratfor)"),
            Placement("sf_2012_tjk_refused", "a request about Tajikistan refused in 2012 (Stratfor names Lukashenko as "
                      "the one who asked)"),
            Placement("ev_armenia_formal_statements", "Armenia, 2022: formal statements and formal monitoring only, "
                      "in Evstratov's account"),
            # afp_no_reaction is left out (review L9; round 2, M4 and N3) for the scope of its sentence: AFP's "Neither the
            # CSTO nor Moscow reacted" follows the mutual accusations of October 2022, and AFP does not say whether the
            # bloc reacted to the September clashes, the trouble itself. The Kyrgyz-Tajik case therefore has no card
            # here (a slide holds eight); notebook 02 sets AFP's and Evstratov's accounts of it side by side.
            Placement("afp_armenia_no_benefit", "Armenia called for help and, AFP reports, received no benefit from "
                      "the article"),
            Placement("mi_failed_aid_armenia", "Mitchell's judgement that the bloc has failed to aid members such as Armenia"),
        ),
    ),
    Proposition(
        "unity", "Do the members act as one?", "Unity",
        yes=(
            # Review L11: AFP does not say whom "we" covers (Belarus, Belarus and Russia, all the allies) nor where he
            # spoke; read as an ally tying its fate to Russia's, which is the most the quote supports.
            Placement("afp_lukashenko_rubble", "an ally ties its fate to Russia's: 'our place will be under rubble'",
                      "AFP does not say whom 'our' and 'we' cover, nor where Lukashenko spoke"),
            Placement("ev_kaz_collective_withdrawal", "Kazakhstan, 2022: the collective representation of member countries "
                      "in the operation (Evstratov)"),
        ),
        # afp_moscow_satisfied is left out (review M5): "Officially, Moscow is satisfied" gives one member's official
        # stance and sets up AFP's contrast with the Russian press; it says nothing about the members acting as one.
        no=(
            Placement("sf_never_cohesive", "Stratfor's judgement that the bloc has never been particularly cohesive"),
            Placement("afp_members_wondering", "AFP: each member is wondering about its future in the bloc"),
            Placement("afp_kommersant_visions", "Kommersant, as AFP cites it: the leaders hold very different visions "
                      "of the organisation's goals"),
            Placement("ev_only_belarus_supported", "on the war in Ukraine only Belarus openly supported Russia (Evstratov)"),
            Placement("mi_armenia_suspending", "Armenia suspended its participation (Mitchell)"),
        ),
    ),
    Proposition(
        "force", "Is it growing as a military force?", "Military strength",
        yes=(
            Placement("sf_crrf_boosted_credibility", "Stratfor: the 2009 rapid reaction force and larger exercises raised "
                      "the bloc's credibility"),
            Placement("mi_putin_programme", "Putin's 2025 proposal to equip the collective forces with Russian weapons "
                      "(Mitchell)", "a proposal, not a delivery"),
        ),
        # mi_russia_most_powerful is left out (review M3): its quote is the concessive clause ("Even though Russia is
        # the most powerful military ...") of a sentence whose point is that arms exports to Central Asia pale beside
        # those to China and India; the clause says how strong Russia is, not whether the bloc grows. The sentence's
        # point is in the matrix as mi_exports_pale (question "russia").
        no=(
            Placement("sf_highlight_scope_limited", "Stratfor's forecast that the bloc's scope and capabilities will "
                      "remain limited"),
            # Moved from "yes" (review M4): the highlight forecasts a platform for "narrow security cooperation" while
            # Russia "will largely depend on other methods": a bloc that carries on narrow, not one that grows.
            Placement("sf_highlight_viable_platform", "a forecast of 'narrow security cooperation', with Russia relying "
                      "on other methods: a bloc that stays narrow", "forecasts that the bloc carries on, but narrow"),
            Placement("ev_armenia_refused_exercise", "a member refused a special forces exercise in 2022 (Evstratov)"),
            Placement("mi_putin_admitted_limits", "Putin admitted the war limits Russia's capabilities in the alliance "
                      "(Mitchell)"),
            Placement("mi_arms_exports_decrease", "Russian arms exports to Central Asia and the South Caucasus fell, "
                      "2021–2023 (Mitchell)"),
        ),
    ),
    Proposition(
        "russia", "Does Russia rely on it as its main tool in the region?", "Russia's main tool",
        yes=(
            Placement("sf_vehicle_for_influence", "Stratfor: Moscow came to see the bloc as a vehicle for influence among "
                      "its neighbours"),
            Placement("sf_counterweight_to_nato", "Stratfor: Russia presented the bloc to the world as a counterweight to NATO"),
            # Review M1: the sentence names no person. "He" and "his" can only point back to its subject, Russia (the
            # photo caption names two presidents, but a caption is not the sentence's antecedent). Read as AFP
            # presenting the bloc as Russia's creation for its own neighbourhood, which is the question here.
            Placement("afp_alliance_he_created", "AFP calls the bloc an alliance created 'to secure his neighborhood in "
                      "the Caucasus and Central Asia', read as Russia's creation for its own neighbourhood",
                      "'he': most likely Russia, but the sentence does not say; on its origin, not reliance now"),
        ),
        # mi_russia_chairmanship is left out (review L10): the quote itself calls the chairmanship "rotating", so
        # holding it is no evidence that Russia relies on the bloc.
        no=(
            Placement("sf_not_powerful_tool", "Stratfor: the bloc has not become the powerful tool Moscow hoped for"),
            Placement("sf_bilateral_focus", "Stratfor's forecast that Moscow will rely on bilateral ties rather than the "
                      "bloc's infrastructure"),
            Placement("ev_russia_hands_tied", "Evstratov: the war in Ukraine seriously ties Russia's hands in the bloc"),
            Placement("mi_exports_pale", "Russian arms exports to Central Asian states pale beside those to China and "
                      "India (Mitchell): the evidence for his conclusion, next"),
            Placement("mi_more_pressing_priorities", "Mitchell's conclusion: Moscow has more pressing priorities than the "
                      "CSTO and Central Asia", "'This' is the arms-export comparison just before it"),
        ),
    ),
    Proposition(
        "last", "Will it last?", "Will it last",
        yes=(
            Placement("sf_not_doomed", "Stratfor: the bloc is not doomed to irrelevance or collapse"),
            Placement("ev_status_quo_likely", "Evstratov's forecast that the status quo will likely hold in the short to "
                      "medium term"),
            Placement("ev_resources_to_resume", "Evstratov: the organisation still has the resources to resume its activities"),
            Placement("afp_peskov_necessary", "the Kremlin's spokesman, as AFP reports, calls the bloc 'necessary'"),
        ),
        no=(
            Placement("afp_disintegration", "AFP: Russia is witnessing the disintegration of a bloc in crisis"),
            Placement("afp_ng_save_from_collapse", "Nezavisimaya Gazeta, as AFP cites it: an attempt to save the alliance "
                      "from collapse"),
            Placement("ev_future_in_question", "Evstratov: the lack of support puts the organisation's future in question"),
            Placement("mi_sustainability_in_question", "Mitchell: the CSTO's sustainability is in question"),
        ),
    ),
)

SIDES = {"yes": "yes", "no": "no"}


def proposition(pid: str) -> Proposition:
    for p in PROPOSITIONS:
        if p.pid == pid:
            return p
    raise KeyError(f"no proposition {pid!r}; the propositions are: {', '.join(p.pid for p in PROPOSITIONS)}")


def placements() -> list[tuple[Proposition, str, Placement]]:
    """Every placement once: (question, side, placement), in the matrix's order."""
    return [(p, side, placed) for p in PROPOSITIONS for side, group in (("yes", p.yes), ("no", p.no)) for placed in group]


def _short_name(speaker: str, people: set[str]) -> str:
    """'Lukashenko' for a person (the surname, as claims name them), the whole name for a paper or a body."""
    return speaker.split()[-1] if speaker in people else speaker


def voices() -> dict[str, str]:
    """claim_id -> the person or paper whose own words a matrix claim quotes (from quotes.csv, voice 'speaker_words').

    A claim's words belong to someone else when they overlap a quotation the source gives to a speaker; the
    matrix then names that speaker, "quoted in" the source, so that Lukashenko's words are not read as AFP's.
    """
    claims = load("claims").set_index("claim_id")
    quotes = load("quotes")
    quotes = quotes[quotes["voice"].astype(str) == "speaker_words"]
    people = set(load("people")["name_standard"])
    found = {}
    for claim_id in {c for p in PROPOSITIONS for c in p.claim_ids()}:
        if claim_id not in claims.index:
            continue
        row = claims.loc[claim_id]
        mine = quotes[quotes["source_id"] == row["source_id"]]
        speakers = list(dict.fromkeys(s for s, w in zip(mine["speaker"], mine["words"]) if overlaps(row["quote"], w)))
        if speakers:
            found[claim_id] = " and ".join(_short_name(s, people) for s in speakers)
    return dict(sorted(found.items()))


def evidence() -> pd.DataFrame:
    """Every piece of evidence in the matrix, one row each: question, side, claim, quote, kind, who says it, the
    source and its date, and the reading (``why here``) and card note (``note``) recorded with the placement."""
    claims = load("claims").set_index("claim_id")
    sources = load("sources").set_index("source_id")
    names = source_names()
    speaking = voices()
    rows = []
    for p, side, placed in placements():
        claim_id = placed.claim_id
        if claim_id not in claims.index:
            raise KeyError(f"the evidence matrix names {claim_id!r}, which data/claims.csv lacks")
        row = claims.loc[claim_id]
        source = names.get(row["source_id"], row["source_id"])
        who = f"{speaking[claim_id]}, quoted in {source}" if claim_id in speaking else source
        rows.append({"pid": p.pid, "question": p.question, "label": p.label, "side": side, "claim_id": claim_id,
                     "claim": row["claim"], "quote": row["quote"], "kind": str(row["kind"]), "source_id": row["source_id"],
                     "source": source, "who": who, "start": sources.loc[row["source_id"], "start"],
                     "why here": placed.why, "note": placed.note,
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
    """The evidence on one question as a short table: side, the source's own words, kind, who says it, and a note
    where the passage needs one to be read right (empty otherwise)."""
    frame = evidence()
    frame = frame[frame["pid"] == pid].sort_values(["side", "start"], ascending=[False, True], kind="stable")
    return pd.DataFrame({
        "points to": frame["side"].map(SIDES).to_numpy(),
        "the source's words": ["“" + q + "”" for q in frame["quote"]],
        "kind": frame["kind"].to_numpy(),
        "who says it": frame["who"].to_numpy(),
        "note": frame["note"].to_numpy(),
    })


def sources_per_question() -> pd.DataFrame:
    """How many pieces of evidence each source supplies to each question (long format, zeros kept) for a chart."""
    frame = evidence()
    used = [s for s in source_order() if s in set(frame["source_id"])]
    counts = frame.groupby(["source_id", "label"]).size()
    rows = [{"source_id": s, "question": p.label, "items": int(counts.get((s, p.label), 0))} for s in used for p in PROPOSITIONS]
    return pd.DataFrame(rows, columns=["source_id", "question", "items"])
