"""Helpers for the first three notebooks (00 start here, 01 membership, 02 calls for help).

Kept out of the notebooks so that each code cell stays one or two lines and each helper is written and tested once:
a card of the five sources and member counts for several years side by side.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .data import load
from .tables import STATUSES, date_label, member_count

LANGUAGES = {"en": "English", "id": "Indonesian"}


def source_card() -> pd.DataFrame:
    """One row per source: short name, outlet, author, date as written with (stated) or (inferred), language, genre.

    Why: notebook 00 teaches how sure we are of each date, so the basis sits next to the date itself; an unsigned
    text shows how it describes its author instead of an empty cell.
    """
    sources = load("sources")
    dates = [f"{date_label(first, last, precision)} ({basis})" for first, last, precision, basis in
             zip(sources["published"], sources["published_end"], sources["date_precision"].astype(str),
                 sources["date_basis"].astype(str))]
    return pd.DataFrame({
        "source": sources["short_name"],
        "outlet": sources["outlet"],
        "author": sources["author"].fillna(sources["author_description"]),
        "date": dates,
        "language": sources["language"].astype(str).map(LANGUAGES),
        "genre": sources["genre"].astype(str).str.replace("_", " "),
    }).set_index("source")


def member_counts(years: Iterable[int]) -> pd.DataFrame:
    """``tables.member_count`` for several years as one table: a row per year, a column per status (seed rows only).

    Why: the membership exercise compares how certain the count is from year to year; one table shows where the
    sources' spans ('in its first two years', 'by 1999', an undated suspension) make the answer 'uncertain'.
    """
    years = list(years)
    columns = [status for status in STATUSES if status != "not a member"]
    rows = [member_count(year) for year in years]
    return pd.DataFrame(rows, columns=columns, index=pd.Index(years, name="31 December of"))
