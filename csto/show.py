"""What a notebook shows a reader: quotes as quotes (who, where, when, which source), passages, and tables with keys.

Each helper renders from the data, never from retyped text, so a quotation on a slide is always the verbatim one.
A quotation links to its place in the source reader (``csto.reader``) so that the words around it are one
click away. (Named ``show``, not ``display``: IPython's own ``display()`` stays available in every notebook.)
"""

from __future__ import annotations

import html
import numbers

import pandas as pd
from IPython.display import HTML, Markdown, display
from pandas.io.formats.style import Styler

from . import labels
from .data.frames import load


def _row(table: str, key: str) -> pd.Series:
    frame = load(table)
    key_column = frame.columns[0]
    rows = frame[frame[key_column] == key]
    if rows.empty:
        close = [k for k in frame[key_column] if isinstance(k, str) and key and key.split("_")[0] in k][:5]
        hint = f" Did you mean one of: {', '.join(close)}?" if close else ""
        raise KeyError(f"no {key_column} {key!r} in data/{table}.csv.{hint}")
    return rows.iloc[0]


def quote_markdown(quote_id: str) -> str:
    """A quotation from quotes.csv as a Markdown block quote with speaker, setting, date and reporting source."""
    row = _row("quotes", quote_id)
    where = f", {row['setting']}" if isinstance(row["setting"], str) else ""
    when = labels.date_label(row["date"], row["date_end"], row["date_precision"])
    source = labels.source_name(row["source_id"])
    if row["voice"] == "speaker_words":
        return f"> “{row['words']}”\n>\n> — **{row['speaker']}**{where}, {when}. *Reported by {source}.*"
    return (f"> “{row['words']}”\n>\n> — **{source}'s words** about {row['speaker']}{where}, {when} "
            f"(the source's account, not the speaker's own words).")


def quote(quote_id: str) -> None:
    """Show one attributed quotation, e.g. ``show.quote("q_afp2022_pashinyan_failure")``."""
    display(Markdown(quote_markdown(quote_id)))


def passage_markdown(table: str, key: str) -> str:
    """The source passage behind one row of any table (its ``quote``), with the source named."""
    row = _row(table, key)
    if row.get("origin") == "context":
        return f"*{labels.BACKGROUND}:* {labels.citation(row.get('citation_id'))}"
    return f"> “{row['quote']}”\n>\n> — *{labels.source_name(row['source_id'])}*"


def passage(table: str, key: str) -> None:
    """Show the passage one row rests on, e.g. ``show.passage("events", "ev_1992_treaty")``."""
    display(Markdown(passage_markdown(table, key)))


def readable_number(value: object) -> str:
    """A number as people read it: 1,200 not 1200.000000; 1.6 not 1.600000; an empty cell for a missing value."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def with_key(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index (a source, a term, a notebook, a year) moved into a column of its own.

    pandas shows the index as row labels, which a styled table hides: the key column would vanish.
    """
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame
    names = [n if n is not None else "" for n in frame.index.names]
    return frame.reset_index(names=names if any(names) else None)


def table(frame: pd.DataFrame | pd.Series) -> Styler:
    """A short table for people: its key column kept, sentences shown whole and left-aligned, numbers readable.

    pandas cuts long text cells with '...', which would hide the very words a reader must compare (a quote, a
    citation, a translation); right-aligned sentences are hard to read on a slide; row numbers mean nothing.
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(frame.name or "value")
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"show.table() takes a DataFrame, e.g. show.table(data.load('sources')); got {type(frame).__name__}")
    shown = with_key(frame)
    left = [("text-align", "left"), ("vertical-align", "top")]
    return (shown.style.hide(axis="index").format(readable_number)
            .set_properties(**{"text-align": "left", "vertical-align": "top", "white-space": "normal"})
            .set_table_styles([{"selector": "th", "props": left}])
            .set_table_attributes('class="csto-table"'))


def sourced_table(frame: pd.DataFrame, columns: list[str], max_rows: int = 8) -> pd.DataFrame:
    """A short table for a slide: the chosen columns plus a 'source' column that marks background rows."""
    shown = frame[columns].copy()
    shown["source"] = labels.basis(frame)
    return shown.head(max_rows).reset_index(drop=True)


def note(text: str) -> None:
    """A one-line result as a sentence, not a printed string: 'Six members named in 2022: Armenia, …'."""
    display(HTML(f'<p class="csto-result">{html.escape(text)}</p>'))
