"""The source reader: each course source read whole, every passage the data quotes highlighted and annotated.

Students otherwise meet the sources only as excerpts. Every data row that comes from a source carries a verbatim
quote of it, so the text itself can show which of its words the course rests on, and which rows rest on them.

What is here (standard library and pandas only; one renderer serves the site pages and the notebook view):

- ``passages(source_id)``: every distinct passage some row quotes, located in the seed text (overlapping and nested
  passages included), each with the rows that cite it; ``anchor(source_id, quote)`` names a passage for links and
  ``href(source_id, quote)`` is the link from the site's root;
- ``sentences(text)`` and ``coverage(source_id)``: the one sentence rule, and how many sentences some row uses;
- ``page_html(source_id)``, ``index_html()``, ``translation_html()``: the site pages ``sources/<source_id>.html``,
  ``sources/index.html`` and ``sources/translation.html`` (the Indonesian text beside the English original);
  ``site_pages()`` lists them for the site build (with the inputs to hash) and ``write_pages(site)`` writes them;
- ``read(source, around=None)``: the same annotated text inline in a notebook (no JavaScript: the rows behind the
  passages are numbered notes under the text, as on paper); ``around=`` a row id shows only that row's paragraph
  with its neighbours.

Terms: a *passage* is one distinct quote (distinct after ``csto.data.verbatim.normalise``); an *occurrence* is one
place in the text where it stands (a few short quotes occur twice: both places are highlighted, since the row does
not say which it means). Passages overlap and nest: the text is cut into segments at every passage boundary and
rendered as nested ``<mark>`` elements, a passage that crosses another being continued in a second piece.

The parts: ``passages`` (rows, passages, anchors, the passages each lesson uses), ``sentences`` (paragraphs, the
sentence rule, coverage), ``cards`` (which source, its card), ``render`` (one renderer for the site page and the
notebook view), ``view`` (``read()`` in a notebook).
"""

from __future__ import annotations

from .cards import UnknownName, resolve_source
from .passages import (
    ASSETS, CSS_FILE, Passage, READ_HEIGHT_PX, Row, TRANSLATION_PAGE, WRAPPER, anchor, describe, href,
    lesson_anchors, passages, table_label,
)
from .sentences import SENTENCE_RULE, coverage, coverage_line, paragraphs, sentences
from .view import read
from ..data.frames import source_text
# the names the site's pages (csto.site.reader_pages) and the reader's tests have always used
from .cards import card_fields as _card_fields
from .cards import check_source as _check_source
from .cards import sources_table as _sources
from .cards import text_of as _text
from .passages import quoting_rows as _quoting_rows
from .render import esc as _esc
from .render import render_paragraph as _render_paragraph
from .render import render_source as _render
from .cards import source_cards as _source_card

__all__ = [
    "source_text", "_card_fields", "_check_source", "_sources", "_text", "_quoting_rows", "_esc",
    "_render_paragraph", "_render", "_source_card", "ASSETS", "CSS_FILE", "Passage", "READ_HEIGHT_PX", "Row",
    "SENTENCE_RULE", "TRANSLATION_PAGE", "UnknownName", "WRAPPER", "anchor", "coverage", "coverage_line",
    "describe", "href", "lesson_anchors", "paragraphs", "passages", "read", "resolve_source", "sentences",
    "table_label",
]
