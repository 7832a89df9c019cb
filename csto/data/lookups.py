"""Lookups that come from the data: the sources' order, names, colours and dates; citations and publishers; country
names; the codebook's labels of coded values; and a table with its date and source in words.

They sit one layer above the tables (``frames.load``) and beside ``csto.labels`` (wording only): charts, views, the
quiz, the reader and the notebooks ask here, so one fact has one lookup. Each lookup is cached under one rule,
``keyed``: the key is what ``load()`` keys a table on (the descriptor's and the table's CSV's modification time and
size, and the descriptor's path), so a lookup is rebuilt exactly when a table it reads may have changed, and a
course copy under ``CSTO_ROOT`` never sees another copy's values. Callers get fresh copies and may change them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

import pandas as pd

from ..labels import BACKGROUND, BACKGROUND_SHORT, OKABE_ITO, SOURCE_PALETTE, code_label, date_label, when
from ..paths import descriptor_path
from . import package
from .codebook import VIEWPOINT_PARTS, viewpoint_sentence
from .frames import load

T = TypeVar("T")


# ---- the one cache rule ------------------------------------------------------------------------------------------

def stamp(*tables: str) -> tuple:
    """What ``load()`` keys these tables on: the descriptor's path, modification time and size, and each table's
    CSV's. With no table, the descriptor alone (for lookups that read only the codebook)."""
    descriptor = descriptor_path()
    described = descriptor.stat()
    parts: list = [str(descriptor), described.st_mtime_ns, described.st_size]
    for name in tables:
        csv = (descriptor.parent / package.resource(name, descriptor)["path"]).stat()
        parts += [name, csv.st_mtime_ns, csv.st_size]
    return tuple(parts)


def keyed(*tables: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a lookup that reads ``tables`` until one of them (or the descriptor) changes; return a copy each call."""

    def decorate(build: Callable[..., T]) -> Callable[..., T]:
        @lru_cache(maxsize=32)
        def cached(key: tuple, *args: object) -> T:
            return build(*args)

        @wraps(build)
        def lookup(*args: object) -> T:
            return copy.copy(cached(stamp(*tables), *args))

        def shared(*args: object) -> T:
            """The cached value itself, for this module's per-row helpers: read it, never change it."""
            return cached(stamp(*tables), *args)

        lookup.shared = shared  # type: ignore[attr-defined]
        lookup.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return lookup

    return decorate


# ---- the sources, from sources.csv ---------------------------------------------------------------------------------

@keyed("sources")
def source_order() -> list[str]:
    """source_ids oldest first (by the first day each could have been published): the course's reading order."""
    return list(load("sources").sort_values(["start", "source_id"], kind="stable")["source_id"])


@keyed("sources")
def source_names() -> dict[str, str]:
    """source_id -> short name for captions, hovers and tables ('Stratfor 2017')."""
    frame = load("sources")
    return dict(zip(frame["source_id"], frame["short_name"]))


def source_name(source_id: object) -> str:
    """A source's short name, or the background label for a row without one."""
    return source_names_of([source_id])[0]


def source_names_of(source_ids: Iterable[object]) -> list[str]:
    """``source_name`` of each of many rows, with one lookup for all of them (a table's column, not row by row)."""
    names = source_names.shared()
    return [names.get(s, BACKGROUND_SHORT) if isinstance(s, str) else BACKGROUND_SHORT for s in source_ids]


def source_colours() -> dict[str, str]:
    """source_id -> a colour of its own, assigned in reading order, the same in every chart and page."""
    return {s: OKABE_ITO[SOURCE_PALETTE[i % len(SOURCE_PALETTE)]] for i, s in enumerate(source_order())}


@keyed("sources")
def source_published() -> dict[str, str]:
    """source_id -> its publication date as written at its precision ('10 Jan 2017', 'Oct 2022–Dec 2022')."""
    frame = load("sources")
    return dict(zip(frame["source_id"], when(frame)))


@keyed("sources")
def _languages() -> dict[str, str]:
    frame = load("sources")
    return dict(zip(frame["source_id"], frame["language"].astype(str)))


def sources_in(language_code: str) -> list[str]:
    """source_ids written in one language, oldest first (term counts compare English wording, for instance)."""
    languages = _languages.shared()
    return [s for s in source_order.shared() if languages[s] == language_code]


@keyed("sources")
def latest_publication() -> str:
    """The last day any course source could have been published (ISO date): where the course's record ends."""
    return load("sources")["end"].max().date().isoformat()


# ---- citations (background rows) ------------------------------------------------------------------------------------

@keyed("citations")
def _citations() -> dict[str, dict]:
    rows = load("citations").to_dict("records")
    return {r["citation_id"]: {k: (v if isinstance(v, str) else "") for k, v in r.items()} for r in rows}


def citation(citation_id: object) -> str:
    """A reference from citations.csv as one line: 'TVP World, "CSTO forces withdraw …", Jan 2022, tvpworld.com/…'."""
    if not isinstance(citation_id, str) or not citation_id:
        return ""
    rows = _citations.shared()
    if citation_id not in rows:
        return citation_id
    row = rows[citation_id]
    parts = [row["publisher"], f"“{row['title']}”", date_label(row["date"]) if row["date"] else "", row["url"] or ""]
    text = ", ".join(p for p in parts if p)
    return text + (f"; also {row['also']}" if row["also"] else "")


def publisher(citation_id: object) -> str:
    """Just the publisher of a reference, for short captions ('TVP World')."""
    return _citations.shared().get(citation_id, {}).get("publisher", "") if isinstance(citation_id, str) else ""


def background(citation_id: object, short: bool = False) -> str:
    """'Other reports (cited), not our five sources: TVP World, …' for a table cell (``short``: the publisher only,
    for a slide)."""
    text = publisher(citation_id) if short else citation(citation_id)
    return f"{BACKGROUND}: {text}" if text else BACKGROUND


def basis(frame: pd.DataFrame, short: bool = False) -> list[str]:
    """Per row: the source's short name, or the background label with its citation (``short``: with its publisher
    only, for a slide): how every table marks where a row comes from."""
    citations = frame["citation_id"] if "citation_id" in frame else [None] * len(frame)
    names = source_names.shared()
    return [background(c, short) if o == "context"
            else ("the course" if o == "course" else names.get(s, BACKGROUND_SHORT))
            for o, s, c in zip(frame["origin"], frame["source_id"], citations)]


@keyed("sources")
def viewpoints() -> dict[str, dict[str, str]]:
    """source_id -> its viewpoint in three parts, ``who``, ``for_whom`` and ``war``: who speaks and from where, for
    whom, and how the text stands to the war of 2022 (the columns ``viewpoint_who``, ``viewpoint_for_whom`` and
    ``viewpoint_war``: one field each, so no one splits a sentence with a pattern)."""
    frame = load("sources")
    return {s: {p: str(frame.loc[i, f"viewpoint_{p}"]) for p in VIEWPOINT_PARTS} for i, s in frame["source_id"].items()}


def viewpoint_text(source_id: str) -> str:
    """A source's whole viewpoint as one text, its parts named ('Who: … For whom: … War: …'), for a card or a page."""
    return viewpoint_sentence({f"viewpoint_{key}": value for key, value in viewpoints.shared()[source_id].items()})


# ---- countries -------------------------------------------------------------------------------------------------------

@keyed("countries")
def country_names() -> dict[str, str]:
    """iso3 -> the country's English name ('KAZ' -> 'Kazakhstan'): the one country lookup of the course.

    A dict, so ``frame["iso3"].map(lookups.country_names())`` names a column of codes.
    """
    frame = load("countries")
    return dict(zip(frame["iso3"], frame["name_en"]))


def country_name(iso3: object) -> str:
    """One country's English name; a code the table lacks is shown as it is."""
    return country_names.shared().get(iso3, str(iso3)) if isinstance(iso3, str) else str(iso3)


# ---- the codebook's labels of coded values ---------------------------------------------------------------------------

@keyed()
def value_labels_of(table: str, column: str) -> dict[str, str]:
    """Every value the codebook lists for a column (its ``categories``, or its ``enum``) with its label, in order."""
    field = package.field(table, column, Path(descriptor_path()))
    labelled = {str(c["value"]): c.get("label", code_label(c["value"])) for c in field.get("categories") or []}
    order = [str(v) for v in field.get("constraints", {}).get("enum", [])] or list(labelled)
    return {v: labelled.get(v, code_label(v)) for v in order}


def value_label(table: str, column: str, value: object) -> str:
    """The codebook's label for a coded value (``categories`` in datapackage.json), e.g. a crisis response."""
    return value_labels_of.shared(table, column).get(str(value), code_label(value))


def value_labels(table: str, column: str) -> dict[str, str]:
    """Every coded value of a column with its label, in the codebook's order."""
    return value_labels_of(table, column)


def value_order(table: str, column: str) -> list[str]:
    """A coded column's values in the codebook's order: the one order tables, charts and checks sort by."""
    return list(value_labels_of(table, column))


# ---- a table as notebooks show it ------------------------------------------------------------------------------------

def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``when`` (date as written at its precision) and ``source`` (short name, or 'background') columns."""
    out = frame.copy()
    if "date" in out:
        out["when"] = when(out)
    if "source_id" in out:
        names = source_names.shared()
        out["source"] = [names.get(s, BACKGROUND_SHORT) if isinstance(s, str) else BACKGROUND_SHORT
                         for s in out["source_id"]]
    return out


def table(name: str) -> pd.DataFrame:
    """``load(name)`` with its date and source in words (``when``, ``source``): the table as a notebook shows it.

    Example: ``data.table("events")``, in place of ``views.with_labels(data.load("events"))``.
    """
    return with_labels(load(name))
