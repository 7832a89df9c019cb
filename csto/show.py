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
    setting = row["setting"] if isinstance(row["setting"], str) else ""
    where = f", place {setting}" if setting.startswith("not stated") else (f", {setting}" if setting else "")
    when = labels.date_label(row["date"], row["date_end"], row["date_precision"])
    source = labels.source_name(row["source_id"])
    if row["voice"] == "speaker_words":
        return f"> “{row['words']}”\n>\n> — **{row['speaker']}**{where}, {when}. *Reported by {source}.*"
    setting = f" ({row['setting']}, {when})" if isinstance(row["setting"], str) else f" ({when})"
    return (f"> “{row['words']}”\n>\n> — *{source}'s account* of **{row['speaker']}**{setting}: "
            f"the source's words, not the speaker's.")


READER_KEY = "csto_reader"  # output metadata the site build turns into a link to the passage in the source reader


def _reader_metadata(row: pd.Series) -> dict:
    """{"csto_reader": "afp2022#p-0123456789"} for a row quoting a source, so the site links it to its place."""
    from .reader import anchor

    if row.get("origin") != "seed" or not isinstance(row.get("quote"), str):
        return {}
    return {READER_KEY: f"{row['source_id']}#{anchor(row['source_id'], row['quote'])}"}


def quote(quote_id: str) -> None:
    """Show one attributed quotation, e.g. ``show.quote("q_afp2022_pashinyan_condemned_failure")``."""
    display(Markdown(quote_markdown(quote_id)), metadata=_reader_metadata(_row("quotes", quote_id)))


def passage_markdown(table: str, key: str) -> str:
    """The source passage behind one row of any table (its ``quote``), with the source named."""
    row = _row(table, key)
    if row.get("origin") == "context":
        return f"*{labels.BACKGROUND}:* {labels.citation(row.get('citation_id'))}"
    return f"> “{row['quote']}”\n>\n> — *{labels.source_name(row['source_id'])}*"


def passage(table: str, key: str) -> None:
    """Show the passage one row rests on, e.g. ``show.passage("events", "ev_1992_treaty")``; read the words around it
    with ``read(source_id, around=key)``."""
    display(Markdown(passage_markdown(table, key)), metadata=_reader_metadata(_row(table, key)))


def readable_number(value: object) -> str:
    """A number as people read it: 1,200 not 1200.000000; 1.6 not 1.600000; an empty cell for a missing value."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    number = float(value)
    grouping = "," if abs(number) >= 10_000 else ""  # no separator below 10,000: years read 1992, not 1,992
    if number.is_integer():
        return f"{int(number):{grouping}}"
    return f"{number:{grouping}.2f}".rstrip("0").rstrip(".")


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


def quotes_table(speaker: str | None = None, country: str | None = None, source: str | None = None) -> pd.DataFrame:
    """Every attributed quotation, oldest first, with whose words they are: the speaker's own, or the source's account.

    Filter by ``speaker`` (a name, any case, part of it is enough), ``country`` (a name or an ISO code) or ``source``
    (a short name or an id), e.g. ``show.quotes_table(speaker="Lukashenko")``.
    """
    from .data.views import with_labels

    frame = with_labels(load("quotes")).sort_values(["start", "quote_id"], kind="stable")
    countries = load("countries").set_index("iso3")["name_en"]
    table = pd.DataFrame({
        "speaker": frame["speaker"].to_numpy(),
        "whose words": ["the speaker's own" if v == "speaker_words" else f"{labels.source_name(s)}'s account"
                        for v, s in zip(frame["voice"], frame["source_id"])],
        "words": frame["words"].to_numpy(),
        "where": frame["setting"].fillna("not stated").to_numpy(),
        "when": frame["when"].to_numpy(),
        "country": [countries.get(i, "") if isinstance(i, str) else "" for i in frame["iso3"]],
        "reported by": [labels.source_name(s) for s in frame["source_id"]],
        "source_id": frame["source_id"].to_numpy(),
    })
    if speaker is not None:
        table = table[table["speaker"].str.lower().str.contains(str(speaker).lower(), regex=False)]
    if country is not None:
        code = str(country).upper()
        name = countries.get(code, str(country))
        table = table[table["country"].str.lower() == name.lower()]
    if source is not None:
        wanted = str(source).lower()
        table = table[(table["source_id"].str.lower() == wanted) | (table["reported by"].str.lower() == wanted)]
    return table.reset_index(drop=True)


def quote_explorer_html(table: pd.DataFrame) -> str:
    """The quotations as an accessible HTML table whose rows carry their speaker, country and source as data
    attributes: in the site, course.js adds filters (selects with labels) above it; without JavaScript, in JupyterLab
    and on paper, the whole table shows."""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in ("Speaker", "Whose words", "Words", "Where", "When", "Reported by"))
    rows = []
    for r in table.to_dict("records"):
        cells = "".join(f"<td>{html.escape(v)}</td>" for v in (r["speaker"], r["whose words"], f"“{r['words']}”", r["where"], r["when"], r["reported by"]))
        rows.append(f'<tr data-speaker="{html.escape(r["speaker"])}" data-country="{html.escape(r["country"])}" '
                    f'data-source="{html.escape(r["reported by"])}">{cells}</tr>')
    caption = (f"{len(table)} quotations. “Whose words”: the speaker's own words, quoted by the source, "
               "or the source's account of what the speaker said or did.")
    return (f'<div class="csto-explorer"><table class="csto-table csto-explorer-table"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def quote_explorer(speaker: str | None = None, country: str | None = None, source: str | None = None) -> None:
    """Show the quotations as a table (filters as in ``quotes_table``); in the site it gains filter menus."""
    display(HTML(quote_explorer_html(quotes_table(speaker, country, source))))


def evidence_table(frame: pd.DataFrame, what: str = "title") -> pd.DataFrame:
    """The rows behind a chart's marks as a table: what, when, who says it (source, or background with its citation)
    and the source's own words. Charts keep quotes in hover text; this puts the same evidence where a keyboard, a
    touch screen, a projector and paper can reach it."""
    from .data.views import with_labels

    shown = frame if "when" in frame else with_labels(frame)
    if what not in shown:
        raise KeyError(f"evidence_table() needs a column {what!r} naming each row; pass what=<column>, e.g. what='name_en'")
    words = [f"“{q}”" if isinstance(q, str) and q else "—" for q in shown.get("quote", pd.Series([None] * len(shown), index=shown.index))]
    return pd.DataFrame({"what": shown[what].to_numpy(), "when": shown["when"].to_numpy(),
                         "who says it": labels.basis(shown, short=True), "their words": words})


def evidence(frame: pd.DataFrame, what: str = "title") -> Styler:
    """Show the evidence behind a chart (see ``evidence_table``) as a table for people."""
    return table(evidence_table(frame, what))
