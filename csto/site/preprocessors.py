"""nbconvert Preprocessors that prepare an executed notebook for the site, and the exporters that use them.

Each change the site makes to a notebook is one Preprocessor, registered on an exporter subclass through traitlets
``Config`` (nbconvert's own extension point), so that the deck and the handout are ``from_notebook_node`` calls with
no string surgery on the rendered HTML:

- ``PlotlyFigures``: a plotly output becomes a div drawn by the site's one shared plotly.js (nbconvert drops the
  bare plotly mimetype, and plotly's own HTML would load plotly.js and MathJax from CDNs);
- ``SiteLinks``: links between notebooks, to the glossary and to the data point at the site's own pages, and a
  quotation shown by ``csto.show`` links to its passage in the source reader;
- ``SpeakerNotesOut``: handouts are for students, the teacher's speaker notes stay in the deck;
- ``TeacherNotesWhole``: speaker notes folded for JupyterLab (``python -m csto.lab fold-notes``) open whole in the
  deck's speaker view;
- ``DeckOnlyWhatTheRoomSees``: cells that only make sense where code is (a starter cell, code instructions tagged
  ``code-only``) are left out of decks.
"""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode
from traitlets.config import Config

PLOTLY_MIME = "application/vnd.plotly.v1+json"
READER_KEY = "csto_reader"  # output metadata: {"csto_reader": "afp2022#p-0123456789"} set by csto.show
FIGURE_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["sendDataToCloud"]}
TEMPLATES = Path(__file__).resolve().parent / "templates"
DECK_FIGURE_MIN, DECK_FIGURE_MAX = 590, 640  # px a figure takes on a 1280x720 slide: its own height, within these
CODE_ONLY_TAGS = {"student", "code-only"}

# (pattern, replacement) for links in markdown cells, as written in the notebooks (for JupyterLab) and as the site needs
# them
LINKS = (
    (re.compile(r"\]\((\d\d_[A-Za-z0-9_]+)\.ipynb(#[^)\s]*)?\)"), r"](\1.html\2)"),
    (re.compile(r"\]\(\.\./docs/glossary\.md(#[^)\s]*)?\)"), r"](../glossary.html\1)"),
    (re.compile(r"\]\(\.\./data/README\.md(#[^)\s]*)?\)"), r"](../codebook.html\1)"),
)


def figure_html(figure: dict, element_id: str) -> str:
    """A plotly figure as a div plus a script that draws it with the page's shared plotly.js (see assets/figures.js)."""
    layout = figure.get("layout", {})
    alt = (layout.get("meta") or {}).get("alt", "Chart")
    payload = json.dumps(
        {"data": figure.get("data", []), "layout": layout, "config": FIGURE_CONFIG}, separators=(",", ":")
    )
    payload = payload.replace("</", "<\\/")
    deck_height = min(DECK_FIGURE_MAX, max(DECK_FIGURE_MIN, int(layout.get("height") or DECK_FIGURE_MIN)))
    return (
        f'<div class="csto-figure" role="figure" aria-label="{html.escape(alt)}" '
        f'style="--csto-deck-height: {deck_height}px">'
        f'<div id="{element_id}" class="plotly-graph-div"></div></div>\n'
        f'<script>cstoDraw("{element_id}",{payload});</script>'
    )


class PlotlyFigures(Preprocessor):
    """Give every plotly output an HTML form drawn by the site's shared plotly.js; ids are unique per page."""

    prefix = Unicode("fig", help="prefix of the figures' element ids (the notebook's stem)").tag(config=True)

    def preprocess(self, nb, resources):
        count = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if PLOTLY_MIME in data:
                    count += 1
                    # ids must not start with a digit
                    data["text/html"] = figure_html(data.pop(PLOTLY_MIME), f"csto-{self.prefix}-fig-{count}")
                    data.pop("text/plain", None)
        resources.setdefault("csto", {})["figures"] = count
        return nb, resources


def site_link(text: str) -> str:
    """Markdown links as the site needs them: '02_calls_for_help.ipynb#x' -> '02_calls_for_help.html#x', and so on."""
    for pattern, replacement in LINKS:
        text = pattern.sub(replacement, text)
    return text


class SiteLinks(Preprocessor):
    """Links in the notebook (written for JupyterLab) rewritten for the site; quotations link to the source reader."""

    reader_base = Unicode("../sources/", help="where the source reader's pages are, relative to a deck or handout").tag(
        config=True
    )
    lesson = Unicode(
        "", help="the lesson's number ('03'): a link to the reader opens it in class mode for that lesson"
    ).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = site_link(cell.source)
        for output in cell.get("outputs", []):
            target = (output.get("metadata") or {}).get(READER_KEY)
            data = output.get("data", {})
            if target and "text/markdown" in data:
                query = f"?lesson={self.lesson}" if self.lesson else ""
                link = f"[Read it in the source]({self.reader_base}{target.replace('#', f'.html{query}#', 1)})"
                data["text/markdown"] = data["text/markdown"].rstrip() + f"\n>\n> {link}"
                data.pop("text/html", None)
        return cell, resources


class SpeakerNotesOut(Preprocessor):
    """Remove the teacher's speaker notes (handouts are for students)."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") != "notes"]
        return nb, resources


# Speaker notes folded for JupyterLab: the notes' own first words stay visible, the rest sits in a closed <details>.
# JupyterLab keeps it closed through Run All (running a markdown cell clears ``jupyter.source_hidden``, so that flag
# cannot do it); the deck unfolds it, so the speaker view shows the notes whole. ``python -m csto.lab fold-notes``.
NOTES_HEAD = re.compile(r"^(\*\*Speaker notes — [^*]+? \(\d+ min\):\*\*) ")
NOTES_FOLD_OPEN = "\n\n<details><summary>For teachers (click to open)</summary>\n\n"
NOTES_FOLD_CLOSE = "\n\n</details>"


def notes_folded(source: str) -> bool:
    return NOTES_FOLD_OPEN in source and source.endswith(NOTES_FOLD_CLOSE)


def fold_notes_source(source: str) -> str:
    """'**Speaker notes — X (5 min):** text' -> the same head, then the text inside a closed 'For teachers' box."""
    if notes_folded(source):
        return source
    head = NOTES_HEAD.match(source)
    if head is None:
        raise ValueError("a notes cell must open with '**Speaker notes — <section> (<N> min):** ' to be folded")
    return head.group(1) + NOTES_FOLD_OPEN + source[head.end():] + NOTES_FOLD_CLOSE


def unfold_notes_source(source: str) -> str:
    """The notes as written before folding (unchanged when not folded): what the speaker view and the guide show."""
    if not notes_folded(source):
        return source
    head, body = source.split(NOTES_FOLD_OPEN, 1)
    return f"{head} {body[:-len(NOTES_FOLD_CLOSE)]}"


class TeacherNotesWhole(Preprocessor):
    """Unfold the speaker notes (folded for JupyterLab) so that the deck's speaker view shows them whole."""

    def preprocess_cell(self, cell, resources, index):
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            cell.source = unfold_notes_source(cell.source)
        return cell, resources


class DeckOnlyWhatTheRoomSees(Preprocessor):
    """Leave out of a deck the cells that only make sense beside code: starter cells and code instructions."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not CODE_ONLY_TAGS & set(c.metadata.get("tags", []))]
        return nb, resources


STORY_TAG = "story"


def split_story_source(source: str) -> tuple[str, str] | None:
    """A story cell's markdown cut in two at the paragraph boundary nearest the middle of its prose (the heading and
    the italic line under it stay on the first part); None when there is nothing to cut."""
    paragraphs = [p for p in re.split(r"\n\s*\n", source.strip()) if p.strip()]
    head = 0
    while head < len(paragraphs) and (
        paragraphs[head].startswith("#") or (paragraphs[head].startswith("*") and not paragraphs[head].startswith("**"))
    ):
        head += 1
    # the units that may be cut apart: paragraphs, and the items of a bulleted list (a timeline)
    body: list[tuple[str, str]] = []  # (separator before the unit, unit)
    for paragraph in paragraphs[head:]:
        items = re.split(r"\n(?=- )", paragraph) if paragraph.startswith("- ") else [paragraph]
        body.extend(("\n\n" if i == 0 else "\n", item) for i, item in enumerate(items))
    if len(body) < 2:
        return None
    words = [len(unit.split()) for _, unit in body]
    half = sum(words) / 2
    cut = min(range(1, len(body)), key=lambda i: abs(sum(words[:i]) - half))
    title = paragraphs[0].lstrip("#").strip() if paragraphs and paragraphs[0].startswith("#") else "What happened"
    first = "\n\n".join(paragraphs[:head]) + "".join(sep + unit for sep, unit in body[:cut])
    second = f"## {title} (continued)\n\n" + body[cut][1] + "".join(sep + unit for sep, unit in body[cut + 1:])
    return first.lstrip("\n"), second


class SplitStory(Preprocessor):
    """A deck shows the 'What happened' story (a markdown cell tagged ``story``) on two slides, cut at the paragraph
    nearest its middle, so that its text stays large enough for the room; the notebook keeps it whole."""

    def preprocess(self, nb, resources):
        cells, waiting = [], None  # waiting: the story's second part, placed after the notes of its first
        for cell in nb.cells:
            if waiting is not None and not _is_notes(cell):
                cells.append(waiting)
                waiting = None
            parts = None
            if cell.cell_type == "markdown" and STORY_TAG in cell.metadata.get("tags", []):
                parts = split_story_source(cell.source)
            if parts is None:
                cells.append(cell)
                continue
            first, second = parts
            rest = copy.deepcopy(cell)
            cell.source = first
            rest.source = second
            rest.metadata.setdefault("slideshow", {})["slide_type"] = "subslide"
            if "id" in rest:
                rest["id"] = f"{rest['id']}-continued"
            # the section's speaker notes follow the story cell in the notebook: they stay on the FIRST of the two
            # slides (notes sit on the first slide of the section they time), so the second part waits for them
            cells.append(cell)
            waiting = rest
        if waiting is not None:
            cells.append(waiting)
        nb.cells = cells
        return nb, resources


def _is_notes(cell) -> bool:
    return cell.metadata.get("slideshow", {}).get("slide_type") == "notes"


_HERE = __name__
DECK_PREPROCESSORS = [f"{_HERE}.TeacherNotesWhole", f"{_HERE}.SplitStory",
                      f"{_HERE}.DeckOnlyWhatTheRoomSees", f"{_HERE}.PlotlyFigures", f"{_HERE}.SiteLinks"]
HANDOUT_PREPROCESSORS = [f"{_HERE}.SpeakerNotesOut", f"{_HERE}.PlotlyFigures", f"{_HERE}.SiteLinks"]


def site_config(prefix: str) -> Config:
    """The traitlets configuration of both exporters: their preprocessors, figure ids, code style and prompts."""
    return Config(
        {
            "DeckExporter": {
                "template_name": "csto_deck",
                "preprocessors": DECK_PREPROCESSORS,
                "reveal_url_prefix": "../assets/reveal.js",
                "reveal_theme": "white",
                "reveal_transition": "none",
                "exclude_input": True,
            },
            "HandoutExporter": {"template_name": "csto_handout", "preprocessors": HANDOUT_PREPROCESSORS},
            "TemplateExporter": {
                "exclude_input_prompt": True,
                "exclude_output_prompt": True,
                "extra_template_basedirs": [str(TEMPLATES)],
            },
            # Pygments' black-and-white style: the default colours fail WCAG contrast
            "CSSHTMLHeaderPreprocessor": {"style": "bw"},
            "PlotlyFigures": {"prefix": prefix},
            "SiteLinks": {"lesson": prefix[:2] if prefix[:2].isdigit() else ""},
        }
    )


class DeckExporter(SlidesExporter):
    """A reveal.js deck from an executed notebook: code hidden, figures drawn locally, every asset from ../assets."""

    export_from_notebook = "CSTO deck"


class HandoutExporter(HTMLExporter):
    """A full-page handout: the whole notebook with its code and figures, without the speaker notes."""

    export_from_notebook = "CSTO handout"
