"""The reader in a notebook: ``read()`` shows a source's annotated text in a box of fixed height."""

from __future__ import annotations

from ..data import keeping
from .cards import resolve_source
from .passages import CSS_FILE
from .render import render_source


def read(source: str, around: str | None = None, lesson: str | None = None, whole: bool = False):
    """The annotated text of a source, inline in a notebook, in a box of fixed height that scrolls.

    - ``read("evstratov2022", lesson="03")``: only the paragraphs holding the passages lesson 03 uses, those passages
      highlighted, with numbered notes in words (what the course takes from each);
    - ``read("evstratov2022", whole=True)`` (or with no lesson): the whole text, every passage and every note;
    - ``read("afp2022", around=...)``: the paragraph(s) around one row's passage, outlined.

    No JavaScript (JupyterLab runs none in outputs): the rows behind each highlight are the numbered notes under the
    text.
    """
    from IPython.display import HTML

    source_id = resolve_source(source)
    css = CSS_FILE.read_text(encoding="utf-8")
    # a kernel keeps the page it rendered on the last Run All while the texts, tables and code are unchanged
    rendered = keeping.kept("reader")(render_source)
    if whole:
        return HTML(f"<style>{css}</style>" + rendered(source_id, inline=True))
    return HTML(f"<style>{css}</style>" + rendered(source_id, inline=True, around=around, lesson=lesson))
