"""Showing sourced words and tables in a notebook: quotes as quotes with who, where, when and which source.

Each helper renders from the data, never from retyped text, so a quotation on a slide is always the verbatim one.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown, display
from pandas.io.formats.style import Styler

from .data import load
from .tables import date_label, source_names


def quote_markdown(quote_id: str) -> str:
    """A quotation from quotes.csv as a Markdown block quote with speaker, setting, date and reporting source."""
    quotes = load("quotes").set_index("quote_id")
    if quote_id not in quotes.index:
        raise KeyError(f"no quote_id {quote_id!r} in data/quotes.csv")
    row = quotes.loc[quote_id]
    where = f", {row['setting']}" if isinstance(row["setting"], str) else ""
    when = date_label(row["date"], row["date_end"], row["date_precision"])
    kind = "" if row["speech"] == "direct" else " (reported speech)"
    return (f"> “{row['words']}”\n>\n> — **{row['speaker']}**{where}, {when}{kind}. "
            f"*Reported by {source_names()[row['source_id']]}.*")


def show_quote(quote_id: str) -> None:
    display(Markdown(quote_markdown(quote_id)))


def passage_markdown(table: str, key: str) -> str:
    """The seed passage behind one row of any table (its ``quote``), with the source named."""
    frame = load(table)
    key_column = frame.columns[0]
    row = frame[frame[key_column] == key]
    if row.empty:
        raise KeyError(f"no {key_column} {key!r} in data/{table}.csv")
    row = row.iloc[0]
    if row.get("origin") == "context":
        return f"*Background, not from course sources:* {row.get('citation')}"
    return f"> “{row['quote']}”\n>\n> — *{source_names()[row['source_id']]}*"


def show_passage(table: str, key: str) -> None:
    display(Markdown(passage_markdown(table, key)))


def basis(frame: pd.DataFrame) -> pd.Series:
    """'Stratfor 2017' for seed rows, 'Background: <citation>' for context rows: how tables mark their origin."""
    names = source_names()
    return pd.Series([f"Background (not from course sources): {c}" if o == "context" else names.get(s, s)
                      for o, s, c in zip(frame["origin"], frame["source_id"], frame["citation"])], index=frame.index)


def sourced_table(frame: pd.DataFrame, columns: list[str], max_rows: int = 8) -> pd.DataFrame:
    """A short table for a slide: the chosen columns plus a 'source' column that marks background rows."""
    shown = frame[columns].copy()
    shown["source"] = basis(frame)
    return shown.head(max_rows).reset_index(drop=True)


def full_table(frame: pd.DataFrame) -> Styler:
    """A short table whose cells hold sentences, shown whole: no 50-character cut, no row numbers, left-aligned.

    pandas cuts long text cells with '...', which would hide the very words a reader must compare (a quote, a
    citation, a translation), and right-aligned sentences are hard to read on a slide.
    """
    left = [("text-align", "left"), ("vertical-align", "top")]
    return (frame.style.hide(axis="index")
            .set_properties(**{"text-align": "left", "vertical-align": "top", "white-space": "normal"})
            .set_table_styles([{"selector": "th", "props": left}]))
