"""The checks of notebook 00's exercises (Start here), registered with ``quiz.exercise``.

- ``ex00_background_rows``: how many of the dated rows on the overview chart are background rows (a number);
- ``ex00_headline_daily``: which Russian daily AFP quotes under the headline "Allies with different priorities"
  (a name, found by reading the AFP report whole).

Every answer and every piece of feedback is computed from the data when the check runs.
"""

from __future__ import annotations

import pandas as pd

from ...data.frames import load, source_says
from ...data.verbatim import normalise
from ...data.views import dated_rows
from ..quiz import Question, exercise

BACKGROUND = "background"


# ---- Exercise 1 (data): background rows among the dated rows ------------------------------------------------------

def _row_counts() -> pd.Series:
    """Dated rows per source (short name, or 'background'), largest first."""
    return dated_rows()["source"].value_counts()


def background_rows() -> int:
    return int(_row_counts().get(BACKGROUND, 0))


def _background_why() -> str:
    counts = _row_counts()
    total = int(counts.sum())
    n = background_rows()
    return (f"{n} of the {total} dated rows are background rows (origin 'context'), each cited in data/citations.csv; "
            f"the other {total - n} come from the course sources")


def _background_wrong(given: object) -> str | None:
    counts = _row_counts()
    total = int(counts.sum())
    if given == total:
        return f"{given} is every dated row; count only those whose source is 'background'"
    if given == total - background_rows():
        return f"{given} is the number of rows from the course sources; the question asks for the others"
    for name, n in counts.items():
        if name != BACKGROUND and given == int(n):
            return f"{given} is the number of dated rows from {name}; the question asks for background rows"
    return None


exercise(Question(
    "ex00_background_rows", "00",
    "How many of the dated rows on the overview chart are background rows, not from the course sources?",
    "notebook 00, Exercise 1 (views.dated_rows(), column 'source')",
    "number",
    correct=background_rows,
    why=_background_why,
    wrong=_background_wrong,
))


# ---- Exercise 2 (source text): the daily behind a headline ---------------------------------------------------------

HEADLINE = "Allies with different priorities"


def _afp_dailies() -> pd.DataFrame:
    """The newspapers AFP quotes (quotes.csv, speaker_kind 'newspaper'), one row per quotation."""
    quotes = load("quotes")
    return quotes[(quotes["source_id"] == "afp2022") & (quotes["speaker_kind"].astype(str) == "newspaper")]


def headline_daily() -> str:
    dailies = _afp_dailies()
    rows = dailies[dailies["words"].map(normalise) == normalise(HEADLINE)]
    if rows.empty:
        raise KeyError(f"no quotes.csv row of afp2022 with the words {HEADLINE!r}")
    return str(rows["speaker"].iloc[0])


def _headline_why() -> str:
    dailies = _afp_dailies()
    row = dailies[dailies["speaker"] == headline_daily()].iloc[0]
    opening = str(row["quote"]).split(" said ")[0]
    return f"AFP 2022 names the daily right after the headline: “{opening} said …”"


def _headline_wrong(given: object) -> str | None:
    text = normalise(str(given))
    right = headline_daily()
    for name, words in zip(_afp_dailies()["speaker"], _afp_dailies()["words"]):
        if name != right and normalise(name).split()[0] in text.split():
            return f"{name} is the other Russian daily AFP quotes; it said “{words}”, not the headline"
    if "tass" in text.split() and source_says("afp2022", "TASS"):
        return "TASS is named in the photo credit under the report's first paragraph, not as a daily AFP quotes"
    if "afp" in text.split():
        return "AFP is the news agency whose report this is; the headline belongs to a Russian daily AFP quotes"
    return "read the paragraph that begins “Under the headline”: the name of the daily follows the headline"


exercise(Question(
    "ex00_headline_daily", "00",
    f"AFP 2022 quotes a Russian daily under the headline “{HEADLINE}”. Which daily?",
    "notebook 00, Exercise 2 (read(\"afp2022\"))",
    "name",
    correct=headline_daily,
    why=_headline_why,
    wrong=_headline_wrong,
))
