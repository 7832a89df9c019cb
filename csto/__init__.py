"""CSTO course toolkit: the sourced data package, the views and charts notebooks show, and the offline site.

The layout follows the flow of the course, each layer importing only from the layers above it in this list:

- ``paths``, ``course``: where files live; the map of notebooks (``course_map.csv``).
- ``data``: the data package: descriptor, validation, typed loading, derived views.
- ``labels``: every label printed in more than one place (read from the data where the data has it).
- ``charts``, ``show``, ``reader``: what a notebook shows: charts, quotes and tables, the annotated source texts.
- ``lessons``: helpers that belong to one notebook's questions (gaps, scorecard, source criticism, evidence, quiz).
- ``site``, ``lab``, ``bench``: the offline site build, JupyterLab for the classroom, the benchmark (apart from the rest).

Submodules load on first use (PEP 562): ``import csto`` has no side effects and imports neither pandas nor plotly.
"""

from __future__ import annotations

import importlib

_SUBMODULES = ("paths", "course", "data", "labels", "charts", "show", "reader", "lessons", "site", "lab", "bench", "review")

__all__ = list(_SUBMODULES)


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SUBMODULES))
