"""The data package: the tables in ``data/`` and the source texts in ``seeds/``, described by ``datapackage.json``.

What lives here, bottom up (nothing here imports from the rest of ``csto`` except ``paths``, ``_imports`` and the
wording in ``labels``):

- ``package``: the descriptor and what it names (standard library only);
- ``dates``, ``verbatim``: the date-precision rules and the one rule under which a quote counts as verbatim;
- ``provenance``, ``validation``: Frictionless plus the provenance rule, with file/line/column errors
  (standard library plus Frictionless: the standalone checker needs nothing else);
- ``frames``: typed pandas DataFrames cast by the same Frictionless reader;
- ``lookups``: what other code looks up in the data (source names and order, citations, country names, the
  codebook's labels), under one cache rule; ``table("events")`` is a table with its date and source in words;
- ``views``: derived views several notebooks and charts share (labels, statuses, joins);
- ``__main__``: ``python -m csto.data`` (check and summary, ``add-source``).

``from csto import data`` then ``data.load("events")``; attributes load their module on first use (PEP 562), so
``import csto.data`` costs nothing until a table is read.
"""

from __future__ import annotations

import importlib

_ATTRIBUTES = {
    "load": "frames", "load_all": "frames", "table_names": "frames", "schema": "frames", "summary": "frames",
    "source_text": "frames", "source_says": "frames", "table": "lookups",
    "validate": "validation", "collect_problems": "validation", "DataPackageError": "validation",
    "Problem": "validation",
}
_SUBMODULES = {"package", "dates", "verbatim", "provenance", "validation", "frames", "views", "derive", "codebook",
               "sources", "lookups"}

__all__ = sorted(_ATTRIBUTES)


def __getattr__(name: str):
    if name in _ATTRIBUTES:
        return getattr(importlib.import_module(f"{__name__}.{_ATTRIBUTES[name]}"), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ATTRIBUTES) | _SUBMODULES)
