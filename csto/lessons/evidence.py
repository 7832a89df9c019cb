"""The evidence matrix of notebook 06: "Is the CSTO the next NATO?" broken into questions, with who says what.

The matrix stays neutral on purpose. Each question is one thing an alliance like NATO is expected to do; each
piece of evidence is a row of claims.csv, shown with its verbatim quote, its kind (fact, judgement, forecast,
scenario) and its source. Which side a row points to is a reading, recorded once per claim in
``evidence_placements.csv`` beside this module, each with a one-line reason (``why``) so that a teacher can see and
dispute every assignment; where a card needs a warning to be read right ("on paper: a treaty provision"), ``note``
carries it onto the card, and ``reading`` gives the longer argument behind a disputed placement. Rows whose side is
``left_out`` record a claim the course considered and left out, with the reason. The questions themselves are in
``evidence_questions.csv``. The course adds no tally and no verdict of its own.

Words that belong to someone a source quotes (Lukashenko in the relayed AFP report, Putin in Mitchell) are named as
that person's, "quoted in" the source: ``voices()`` reads this from quotes.csv (rows whose voice is
``speaker_words``), so the matrix follows the data when a quote is re-attributed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..data.frames import load
from ..data.lookups import source_names, source_order, stamp
from ..data.verbatim import overlaps

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "evidence_questions.csv"
PLACEMENTS = HERE / "evidence_placements.csv"
SIDES = {"yes": "yes", "no": "no"}
LEFT_OUT = "left_out"


@dataclass(frozen=True)
class Placement:
    """One claim placed on one side of one question, with the reason for the reading (a teacher may dispute it)."""

    claim_id: str
    why: str  # one line: what in the passage points this way
    note: str = ""  # shown on the card, where a reader needs it to read the passage right
    reading: str = ""  # the longer argument for a disputed placement (for teachers)


@dataclass(frozen=True)
class Proposition:
    """One question of the matrix, the placements that point to yes and to no, and the claims left out (with why)."""

    pid: str
    question: str
    label: str  # a short form for chart axes
    yes: tuple[Placement, ...]
    no: tuple[Placement, ...]
    left_out: tuple[Placement, ...] = ()

    def claim_ids(self, side: str | None = None) -> tuple[str, ...]:
        """The claim_ids on one side ("yes" or "no"), or on both."""
        chosen = {"yes": self.yes, "no": self.no}.get(side, self.yes + self.no) if side else self.yes + self.no
        return tuple(p.claim_id for p in chosen)


def _rows(path: Path, columns: list[str]) -> list[tuple[int, dict]]:
    """(line, row) of a CSV beside this module; a missing column or an unknown side names file, line and column."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}:1: missing column(s) {', '.join(missing)}")
        rows = [(i, row) for i, row in enumerate(reader, start=2)]
    for line, row in rows:
        if None in row:  # DictReader files the fields past the header under None: an unquoted comma split a field
            raise ValueError(
                f"{path}:{line}: more fields than the {len(reader.fieldnames or [])} columns of the header; "
                f"quote a field that holds a comma (extra: {row[None]!r})"
            )
    return rows


@lru_cache(maxsize=4)
def _read(stamp: tuple) -> tuple[Proposition, ...]:
    questions = _rows(QUESTIONS, ["question_id", "question", "label"])
    placed: dict[str, dict[str, list[Placement]]] = {
        row["question_id"]: {"yes": [], "no": [], LEFT_OUT: []} for _, row in questions
    }
    for line, row in _rows(PLACEMENTS, ["question_id", "side", "claim_id", "why", "note", "reading"]):
        if row["question_id"] not in placed:
            raise ValueError(
                f"{PLACEMENTS}:{line}: column question_id: {row['question_id']!r} is not in {QUESTIONS.name}"
            )
        if row["side"] not in placed[row["question_id"]]:
            raise ValueError(f"{PLACEMENTS}:{line}: column side: {row['side']!r} is not yes, no or {LEFT_OUT}")
        placed[row["question_id"]][row["side"]].append(
            Placement(row["claim_id"], row["why"], row["note"], row["reading"])
        )
    return tuple(
        Proposition(
            row["question_id"],
            row["question"],
            row["label"],
            tuple(placed[row["question_id"]]["yes"]),
            tuple(placed[row["question_id"]]["no"]),
            tuple(placed[row["question_id"]][LEFT_OUT]),
        )
        for _, row in questions
    )


def propositions() -> tuple[Proposition, ...]:
    """The matrix's questions with their placements, read from the two CSVs (again whenever either changes)."""
    return _read(_placement_stamp())


def proposition(pid: str) -> Proposition:
    for p in propositions():
        if p.pid == pid:
            return p
    raise KeyError(f"no proposition {pid!r}; the propositions are: {', '.join(p.pid for p in propositions())}")


def placements() -> list[tuple[Proposition, str, Placement]]:
    """Every placement once: (question, side, placement), in the matrix's order."""
    return [
        (p, side, placed) for p in propositions() for side, group in (("yes", p.yes), ("no", p.no)) for placed in group
    ]


def _short_name(speaker: str, people: set[str]) -> str:
    """'Lukashenko' for a person (the surname, as claims name them), the whole name for a paper or a body."""
    return speaker.split()[-1] if speaker in people else speaker


def voices() -> dict[str, str]:
    """claim_id -> the person or paper whose own words a matrix claim quotes (from quotes.csv, voice 'speaker_words').

    A claim's words belong to someone else when they overlap a quotation the source gives to a speaker; the
    matrix then names that speaker, "quoted in" the source, so that Lukashenko's words are not read as the report's.
    """
    claims = load("claims").set_index("claim_id")
    quotes = load("quotes")
    quotes = quotes[quotes["voice"].astype(str) == "speaker_words"]
    people = set(load("people")["name_standard"])
    found = {}
    for claim_id in {c for p in propositions() for c in p.claim_ids()}:
        if claim_id not in claims.index:
            continue
        row = claims.loc[claim_id]
        mine = quotes[quotes["source_id"] == row["source_id"]]
        speakers = list(dict.fromkeys(s for s, w in zip(mine["speaker"], mine["words"]) if overlaps(row["quote"], w)))
        if speakers:
            found[claim_id] = " and ".join(_short_name(s, people) for s in speakers)
    return dict(sorted(found.items()))


EVIDENCE_TABLES = ("claims", "quotes", "people", "sources")


def _placement_stamp() -> tuple:
    """The two placement CSVs' paths and modification times: a changed file is read again."""
    return tuple((str(p), p.stat().st_mtime_ns) for p in (QUESTIONS, PLACEMENTS))


def evidence() -> pd.DataFrame:
    """Every piece of evidence in the matrix, one row each: question, side, claim, quote, kind, who says it, the
    source and its date, and the reading (``why here``) and card note (``note``) recorded with the placement.

    Built once until a table it reads or a placement file changes (finding who speaks compares every claim with
    every quotation, a second's work that notebook 06 would otherwise repeat for each of its dozen tables)."""
    return _evidence(stamp(*EVIDENCE_TABLES) + _placement_stamp()).copy()


@lru_cache(maxsize=4)
def _evidence(key: tuple) -> pd.DataFrame:
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
        rows.append(
            {
                "pid": p.pid,
                "question": p.question,
                "label": p.label,
                "side": side,
                "claim_id": claim_id,
                "claim": row["claim"],
                "quote": row["quote"],
                "kind": str(row["kind"]),
                "source_id": row["source_id"],
                "source": source,
                "who": who,
                "start": sources.loc[row["source_id"], "start"],
                "why here": placed.why,
                "note": placed.note,
                "origin": row["origin"],
                "citation_id": row["citation_id"],
            }
        )
    return pd.DataFrame(rows)


def matrix() -> pd.DataFrame:
    """The one-slide matrix: each question with who supplies evidence for and against (source and kind, oldest
    first)."""
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
    for p in propositions():
        rows = frame[frame["pid"] == p.pid]
        out.append(
            {
                "question": p.question,
                "evidence for (points to yes)": who(rows[rows["side"] == "yes"]),
                "evidence against (points to no)": who(rows[rows["side"] == "no"]),
            }
        )
    return pd.DataFrame(out)


def cards(pid: str) -> pd.DataFrame:
    """The evidence on one question as a short table: side, the source's own words, kind, who says it, and a note
    where the passage needs one to be read right (empty otherwise)."""
    frame = evidence()
    frame = frame[frame["pid"] == pid].sort_values(["side", "start"], ascending=[False, True], kind="stable")
    return pd.DataFrame(
        {
            "points to": frame["side"].map(SIDES).to_numpy(),
            "the source's words": ["“" + q + "”" for q in frame["quote"]],
            "kind": frame["kind"].to_numpy(),
            "who says it": frame["who"].to_numpy(),
            "note": frame["note"].to_numpy(),
        }
    )


def sources_per_question() -> pd.DataFrame:
    """How many pieces of evidence each source supplies to each question (long format, zeros kept) for a chart."""
    frame = evidence()
    used = [s for s in source_order() if s in set(frame["source_id"])]
    counts = frame.groupby(["source_id", "label"]).size()
    rows = [
        {"source_id": s, "question": p.label, "items": int(counts.get((s, p.label), 0))}
        for s in used
        for p in propositions()
    ]
    return pd.DataFrame(rows, columns=["source_id", "question", "items"])
