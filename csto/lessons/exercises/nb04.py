"""The checks of notebook 04's exercises (registered with ``quiz.exercise``; ``quiz.check("ex04_…", answer)``).

Exercise 3 redraws the cohesion timeline for the three Central Asian members and asks how many of their marks rest on
Mitchell's two sentences about "Central Asian states". The answer is computed from the data each time it is asked.
"""

from __future__ import annotations

import pandas as pd

from ...data import views
from .. import scorecard
from ..quiz import Question, exercise

CENTRAL_ASIAN_MEMBERS = ("KAZ", "KGZ", "TJK")
WHERE = "notebook 04, exercise 3 (the cohesion timeline: scorecard.cohesion_acts with include_context=True, skip_kinds=())"


def _central_marks() -> pd.DataFrame:
    """Every mark of the cohesion timeline in the lanes of Kazakhstan, Kyrgyzstan and Tajikistan (background included)."""
    acts = views.country_acts()
    marks = scorecard.cohesion_acts(acts, views.members_listed_by("afp2022"), include_context=True, skip_kinds=())
    return marks[marks["iso3"].isin(CENTRAL_ASIAN_MEMBERS)]


def _mitchell_marks() -> pd.DataFrame:
    marks = _central_marks()
    return marks[marks["source_id"] == "mitchell2026"]


def _central_asia_marks() -> int:
    return len(_mitchell_marks())


def _central_asia_why() -> str:
    mitchell = _mitchell_marks()
    sentences = mitchell["quote"].nunique()
    countries = mitchell["iso3"].nunique()
    return (f"Mitchell's {sentences} sentences about Central Asian states are each coded once for each of the "
            f"{countries} countries: {len(mitchell)} marks. A few sentences can look like many acts")


def _central_asia_wrong(given: object) -> str | None:
    marks = _central_marks()
    mitchell = _mitchell_marks()
    seed = marks[marks["origin"] == "seed"]
    if given == mitchell["quote"].nunique():
        return (f"{given} is the number of Mitchell's sentences; the data codes each one once for each of the "
                f"{mitchell['iso3'].nunique()} countries, so count the marks, not the sentences")
    if given == len(marks):
        return f"{given} is every mark in the three lanes, from all sources and background; count only Mitchell's"
    if given == len(seed):
        return f"{given} is every mark from the course sources in the three lanes; count only Mitchell's"
    if given == len(CENTRAL_ASIAN_MEMBERS):
        return f"{given} is the number of countries; count the marks whose source is Mitchell 2026"
    return None


exercise(Question(
    "ex04_central_asia_marks", "04",
    "How many marks in the lanes of Kazakhstan, Kyrgyzstan and Tajikistan rest on Mitchell's sentences about 'Central Asian states'?",
    WHERE, "number",
    correct=_central_asia_marks, why=_central_asia_why, wrong=_central_asia_wrong,
))
