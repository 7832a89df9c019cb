"""The checks of notebook 06's exercises ("Is it the next NATO?"), computed from the evidence matrix.

- ``ex06_mitchell_pieces`` (Exercise 1): how many cards of the evidence matrix come from Mitchell (2026);
- ``ex06_no_strength_cards`` (Exercise 3): which source supplies no card on "Is it growing as a military force?".

Both read ``csto.lessons.evidence``, so a card moved in the matrix changes the answer with it.
"""

from __future__ import annotations

import pandas as pd

from .. import evidence
from ...data.frames import load
from ..quiz import Option, Question, _and, exercise
from ...labels import source_names, source_order

MITCHELL = "mitchell2026"
STRENGTH = "force"  # the question "Is it growing as a military force?"


def _cards() -> pd.DataFrame:
    return evidence.evidence()


def _mitchell() -> pd.DataFrame:
    cards = _cards()
    return cards[cards["source_id"] == MITCHELL]


def _mitchell_by_question() -> list[str]:
    """'Military strength: 3 (1 yes, 2 no)' for each question Mitchell speaks to, in the matrix's order."""
    mine = _mitchell()
    parts = []
    for p in evidence.PROPOSITIONS:
        rows = mine[mine["pid"] == p.pid]
        if len(rows):
            yes, no = int((rows["side"] == "yes").sum()), int((rows["side"] == "no").sum())
            parts.append(f"{p.label}: {len(rows)} ({yes} yes, {no} no)")
    return parts


def _mitchell_wrong(given: object) -> str | None:
    mine = _mitchell()
    strength = int((mine["pid"] == STRENGTH).sum())
    no_side = int((mine["side"] == "no").sum())
    all_claims = int((load("claims")["source_id"] == MITCHELL).sum())
    if given == strength:
        return f"{given} is his share on military strength alone; count his cards on every question"
    if given == no_side:
        return f"{given} of his cards point to 'no'; count the 'yes' side too"
    if given == all_claims:
        return (f"{given} is every claim of Mitchell's in data/claims.csv; the matrix uses only some of them, "
                "so count the rows of evidence.evidence() whose source_id is 'mitchell2026'")
    return None


exercise(Question(
    "ex06_mitchell_pieces", "06",
    "How many cards (pieces of evidence) of the evidence matrix come from Mitchell (2026)?",
    "notebook 06, Exercise 1 (evidence.evidence(), column 'source_id')",
    "number",
    correct=lambda: len(_mitchell()),
    why=lambda: (f"Mitchell supplies {len(_mitchell())} cards: {'; '.join(_mitchell_by_question())}. "
                 "The number says which of his passages the course chose, not how strong his case is."),
    wrong=_mitchell_wrong,
))


def _strength_options() -> list[Option]:
    cards = _cards()
    strength = cards[cards["pid"] == STRENGTH]
    names = source_names()
    options = []
    for source_id in [s for s in source_order() if s in set(cards["source_id"])]:
        mine = strength[strength["source_id"] == source_id]
        if mine.empty:
            why = (f"{names[source_id]} supplies no card on military strength; its cards are on "
                   f"{_and(sorted(set(cards.loc[cards['source_id'] == source_id, 'label'])))}")
        else:
            listed = _and([f"“{q}” ({k}, points to {s})" for q, k, s in zip(mine["quote"], mine["kind"], mine["side"])])
            why = f"{names[source_id]} supplies {len(mine)} card(s) on military strength: {listed}"
        options.append(Option(names[source_id], mine.empty, why, also=(source_id,)))
    return options


exercise(Question(
    "ex06_no_strength_cards", "06",
    "Which source supplies no card on 'Is it growing as a military force?'",
    "notebook 06, Exercise 3 (evidence.sources_per_question(), question 'Military strength')",
    "choice",
    options=_strength_options,
    ordered=True,
))
