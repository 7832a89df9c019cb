"""CSTO course toolkit: the sourced data package, the views and charts notebooks show, and the offline site.

The layers, each importing only from the layers before it (``tests/test_layers.py`` reads every import and fails on
one that runs back up or in a circle):

- base: ``paths`` (where files live), ``course`` (the course map, ``course_map.csv``), ``labels`` (wording only:
  how background is marked, dates at their precision, language names, the palette; it imports nothing of csto);
- ``data``: the data package: descriptor, validation and provenance, typed loading, derived columns, codebook;
- ``data.lookups``: what is looked up in the data (sources' names, order and colours, citations, country names,
  the codebook's labels), under one cache rule keyed as ``load()`` keys;
- ``data.views``: joins and derived views several notebooks share;
- ``charts``, ``story``, ``reader``, ``glossary``, ``lessons``: charts, each lesson's story, the annotated source
  texts, the glossary, and each notebook's questions;
- ``show``, ``slips``: what a notebook shows (quotes, passages, tables, self-checks) and its beginner-slip messages;
- ``site``: the offline site build;
- ``lab``, ``bench``, ``review``, ``release``: JupyterLab for the classroom, the benchmark, the review dump, the
  release: tools apart from the rest, imported by nothing in the course.

Submodules load on first use (PEP 562): ``import csto`` has no side effects and imports neither pandas nor plotly.
"""

from __future__ import annotations

import importlib

_SUBMODULES = ("paths", "course", "labels", "data", "charts", "story", "show", "reader", "glossary", "lessons", "site",
               "lab", "bench", "review", "release")

__all__ = list(_SUBMODULES)


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SUBMODULES))
