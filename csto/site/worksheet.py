"""A worksheet per lesson: one A4 sheet, two sides, no code and no ids, for the class to write on.

What goes on a sheet is the lesson's own material, chosen in a data file a teacher can edit,
``csto/site/worksheets/NN.toml`` (which passages to quote, which questions to ask, how many lines to leave):

- the lesson's question (``csto/course_map.csv``);
- the story in brief: the notebook's ``## What happened`` cell (tagged ``story``);
- two or three key passages, each verbatim from the data (its ``quote``) with who wrote or said it and when;
- the lesson's main chart: the output of every code cell tagged ``main-chart`` in the executed notebook (a chart
  drawn in parts shows them all, or the parts the file names in ``chart_parts``, with ``chart_note`` under them), as
  on its slide, scaled to the sheet;
- questions with ruled space to write.

The sheet is a page of the kit (``worksheets/NN_*.html``) and a PDF printed by Chromium (``printing``).
"""

from __future__ import annotations

import html
import re
from math import floor
import tomllib
from pathlib import Path

import nbformat

WORKSHEETS = Path(__file__).resolve().parent / "worksheets"
STORY_TAG, CHART_TAG = "story", "main-chart"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
MAX_QUOTES = 3


class WorksheetError(ValueError):
    """A worksheet file that cannot be used; the message names the file and the entry."""


def _where(number: str) -> str:
    """The worksheet file of lesson ``number`` as an error names it."""
    return f"csto/site/worksheets/{number}.toml"


def spec(number: str) -> dict:
    """The worksheet file of lesson ``number``: quotes (table and row) and questions (text and lines)."""
    path = WORKSHEETS / f"{number}.toml"
    if not path.exists():
        raise WorksheetError(f"{_where(number)} is missing: each lesson's worksheet says there which "
                             "passages to quote and which questions to ask")
    with path.open("rb") as handle:
        found = tomllib.load(handle)
    where = _where(number)
    quotes, questions = found.get("quotes", []), found.get("questions", [])
    if not 1 <= len(quotes) <= MAX_QUOTES:
        raise WorksheetError(
            f"{where}: give one to {MAX_QUOTES} [[quotes]] entries (table, id); there are {len(quotes)}"
        )
    for k, entry in enumerate(quotes, start=1):
        if not {"table", "id"} <= set(entry):
            raise WorksheetError(f"{where}: [[quotes]] entry {k} needs table = \"...\" and id = \"...\"")
    for k, entry in enumerate(questions, start=1):
        if not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise WorksheetError(f"{where}: [[questions]] entry {k} needs text = \"...\"")
    if not questions:
        raise WorksheetError(f"{where}: add at least one [[questions]] entry")
    parts = found.get("chart_parts", [])
    if not isinstance(parts, list) or not all(isinstance(n, int) and n >= 1 for n in parts):
        raise WorksheetError(f"{where}: chart_parts lists which parts of the main chart to print, counted from 1 "
                             f"(e.g. chart_parts = [3, 4]); it is {parts!r}")
    return found


def _story(nb: nbformat.NotebookNode) -> str:
    """The 'What happened' cell's text without its heading, as HTML."""
    from markdown_it import MarkdownIt

    cell = next((c for c in nb.cells if c.cell_type == "markdown" and STORY_TAG in c.metadata.get("tags", [])), None)
    if cell is None:
        return ""
    text = re.sub(r"^#+ [^\n]*\n", "", cell.source.strip()).strip()
    text = re.sub(r"\]\([^)]*\)", "]", text)  # links lead nowhere on paper: keep their words
    text = re.sub(r"\[([^\]]*)\]", r"\1", text)
    return MarkdownIt("commonmark", {"html": False}).render(text)


CHART_WIDTH_PX = 1220  # the main chart is drawn as wide as on a slide (its tested wide form) ...
CHART_SCALE = 0.585  # ... and zoomed to the sheet's text width (718 px), like a picture of the slide
# (CSS zoom, not a transform: a transformed box keeps its slide width for Chromium's printing, and a sheet with two
# such pictures was printed shrunk to fit that width, its words at three quarters of their size)
# a main chart drawn in several parts (lesson 02's matrix in three periods, lesson 04's lanes in three groups) is
# zoomed further, so that its parts together take at most this height (px at 96 dpi, about 0.6 of a page): at the
# column's width three slide-high parts alone filled a page, and the sheet ran to three pages (its words then print
# at about a third of a slide's 16 px: the price of every part on one sheet)
CHART_PARTS_PX = 640
CHART_NOTE_PX = 40  # the line under a chart printed in some of its parts (chart_note) takes this much of that budget


def _charts(nb: nbformat.NotebookNode, stem: str, parts: list[int] | None = None, note: str = "") -> list[str]:
    """Every main chart, in notebook order, as on its slide, scaled down to the sheet's width like a picture (its
    narrow A4 form of a matrix or timeline runs longer than a page); [] when no cell is tagged ``main-chart``.

    A lesson may draw its main chart in parts (lesson 02's crisis matrix in four periods): the sheet shows every
    part, each smaller (``parts_scale``), unless its worksheet file names the parts to print (``chart_parts``, counted
    from 1): four parts on one sheet print at about 4 pt, two at about 6.5 pt, as readable as one."""
    from .preprocessors import figure_html

    figures = [figure for cell in nb.cells if CHART_TAG in cell.metadata.get("tags", [])
               for output in cell.get("outputs", []) if (figure := output.get("data", {}).get(PLOTLY_MIME))]
    if parts:
        missing = [n for n in parts if n > len(figures)]
        if missing:
            raise WorksheetError(f"{_where(stem[:2])}: chart_parts names part {missing[0]}, but the "
                                 f"lesson's main chart has {len(figures)} part(s)")
        figures = [figures[n - 1] for n in parts]
    heights = [int(figure.get("layout", {}).get("height") or 540) for figure in figures]
    scale = parts_scale(heights, CHART_PARTS_PX - (CHART_NOTE_PX if note else 0))
    # the page's script zooms each picture to its box: a box narrower than the column draws the picture smaller
    width = f' style="width: {100 * scale / CHART_SCALE:.1f}%"' if scale < CHART_SCALE else ""
    pictures = []
    for figure, height in zip(figures, heights):
        # drawn at a fixed slide width, never switched to its narrow form: the sheet shows the slide
        figure = {**figure, "layout": dict(figure.get("layout", {}))}  # its width: the slide-wide box
        figure["layout"]["meta"] = {k: v for k, v in (figure["layout"].get("meta") or {}).items()
                                    if k not in ("narrow", "narrow_traces")}
        element = f"csto-ws-{stem[:2]}-chart-{len(pictures) + 1}"
        box = f'<div class="ws-slide" style="width: {CHART_WIDTH_PX}px; height: {height}px; zoom: {scale:.3f}">'
        pictures.append(f'<div class="ws-picture"{width}>{box}{figure_html(figure, element)}</div></div>')
    return pictures


def parts_scale(heights: list[int], budget: int = CHART_PARTS_PX) -> float:
    """The zoom of a main chart's pictures on the sheet: the column's width for one part; for a chart in several
    parts, smaller if need be, so that all of them together take at most ``budget`` px (``CHART_PARTS_PX``, less the
    line of a chart note: two sides in all)."""
    if len(heights) < 2:
        return CHART_SCALE
    return min(CHART_SCALE, floor(budget / sum(heights) * 1000) / 1000)  # the zoom the page is given


def _quote(number: str, entry: dict) -> dict:
    """One passage, verbatim, with who wrote or said it and when, in words."""
    from .. import labels
    from ..data import lookups
    from ..data.frames import load
    from ..data.views import source_card

    where = _where(number)
    from ..data import package

    if entry["table"] not in package.table_names():
        raise WorksheetError(
            f"{where}: no table {entry['table']!r}; the tables are: {', '.join(package.table_names())}"
        )
    frame = load(entry["table"])
    key = frame.columns[0]
    rows = frame[frame[key].astype(str) == entry["id"]]
    if rows.empty or not isinstance(rows.iloc[0].get("quote"), str):
        raise WorksheetError(f"{where}: {entry['table']} has no row {entry['id']!r} with a quotation")
    row = rows.iloc[0]
    card = source_card().set_index("source")
    source = lookups.source_name(row["source_id"])
    about = card.loc[source]
    written = re.sub(r" \((stated|inferred)\)$", "", str(about["date"]))
    if entry["table"] == "quotes":
        when = labels.date_label(row.get("date"), row.get("date_end"), row.get("date_precision"))
        if row.get("voice") == "speaker_words":
            who = f"{row['speaker']}, {when}, as quoted by {source}"
        else:
            who = f"{source} ({written}), in its own words, about {row['speaker']} ({when})"
    else:
        author = str(about["author"])
        named = not author.startswith(("unsigned", "unnamed"))
        who = f"{author} ({source}), written {written}" if named else f"{source}, written {written}"
    return {"words": str(row["quote"]).strip(), "who": who}


def worksheet_html(entry: dict, nb: nbformat.NotebookNode) -> str:
    """The worksheet page of one lesson, from its executed notebook and its worksheet file."""
    from .pages import render

    number, stem = entry["notebook"], Path(entry["file"]).stem
    found = spec(number)
    note = found.get("chart_note", "")
    return render("worksheet.html.j2", root="../", entry=entry, story=_story(nb),
                  charts=_charts(nb, stem, found.get("chart_parts"), note), chart_note=note,
                  quotes=[_quote(number, q) for q in found["quotes"]],
                  questions=[{"text": q["text"].strip(), "lines": int(q.get("lines", 3))} for q in found["questions"]],
                  intro=found.get("intro", ""))


def write_worksheets(site: Path, executed: dict[str, nbformat.NotebookNode]) -> list[str]:
    """Write ``worksheets/<stem>.html`` for each lesson with a worksheet file; returns the stems written."""
    from ..course import entries

    folder = site / "worksheets"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in entries():
        stem = Path(entry["file"]).stem
        if stem in executed and (WORKSHEETS / f"{entry['notebook']}.toml").exists():
            (folder / f"{stem}.html").write_text(worksheet_html(entry, executed[stem]), encoding="utf-8")
            written.append(stem)
    return written


def visible_text(page: str) -> str:
    """A page's words as a reader sees them (no tags, scripts or styles): what the no-code, no-id tests read."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))
