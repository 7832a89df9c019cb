"""Fixtures for the prose tests: each test file checks one notebook's words against the data (docs/authoring.md §1).

A file named ``test_01_founding_and_membership.py`` gets ``nb``, the notebook ``notebooks/01_founding_and_membership.ipynb``
read as text: ``nb.says("nine states")`` is true when its Markdown contains those words (white space and curly
quotation marks folded, letter case kept), ``nb.markdown`` is all its Markdown, ``nb.cells`` its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip()


@dataclass
class NotebookText:
    path: Path
    cells: list

    @property
    def markdown(self) -> str:
        return "\n\n".join(c.source for c in self.cells if c.cell_type == "markdown")

    def says(self, words: str) -> bool:
        """True when the notebook's Markdown (prose, notes, folded answers) contains ``words``."""
        return fold(words) in fold(self.markdown)

    def notes(self) -> str:
        return "\n\n".join(c.source for c in self.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes")


@pytest.fixture(scope="module")
def nb(request) -> NotebookText:
    stem = Path(request.module.__file__).stem.removeprefix("test_")
    path = NOTEBOOKS / f"{stem}.ipynb"
    if not path.exists():
        pytest.fail(f"{Path(request.module.__file__).name} names no notebook: {path} is missing")
    return NotebookText(path, nbformat.read(path, as_version=4).cells)
