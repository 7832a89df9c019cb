"""The course's data package as typed pandas DataFrames.

``load("events")`` gives one table with dates parsed into ``start``/``end`` (the span the stated precision
covers), enum columns as categoricals, and country codes checked; ``validate()`` checks the whole package.
Run ``python -m csto.data`` for a summary.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import dates
from .paths import data_dir, seeds_dir
from .text import normalise
from .validate import DataPackageError, Problem, collect_problems

__all__ = ["load", "load_all", "validate", "schema", "table_names", "summary", "seed_text", "seed_says", "DataPackageError"]


def descriptor_path() -> Path:
    return data_dir() / "datapackage.json"


@lru_cache(maxsize=4)
def _descriptor(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def schema(name: str) -> dict:
    """The Table Schema of one resource, from ``datapackage.json``."""
    for resource in _descriptor(descriptor_path())["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"no table {name!r} in {descriptor_path()}; tables: {', '.join(table_names())}")


def table_names() -> list[str]:
    """The tabular resources (the map GeoJSON is a resource too, but not a table)."""
    return [r["name"] for r in _descriptor(descriptor_path())["resources"] if "schema" in r]


def validate(path: Path | str | None = None) -> None:
    """Validate the package (schema, keys and provenance); raise ``DataPackageError`` naming file, line, column."""
    problems = collect_problems(Path(path) if path else descriptor_path())
    if problems:
        raise DataPackageError(problems)


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        if name not in frame:
            continue
        if enum:
            frame[name] = pd.Categorical(frame[name], categories=enum)
        elif kind == "integer":
            frame[name] = pd.to_numeric(frame[name]).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(frame[name]).astype("Float64")
        elif kind == "boolean":
            frame[name] = frame[name].map({"true": True, "false": False}).astype("boolean")
    return frame


def _with_spans(frame: pd.DataFrame, start_col: str, end_col: str) -> pd.DataFrame:
    """Add ``start`` and ``end`` timestamps: the first and last day each row's date may mean."""
    starts, ends = [], []
    for value, value_end, precision in zip(frame[start_col], frame[end_col], frame["date_precision"].astype("object")):
        if isinstance(value, str) and isinstance(precision, str):
            first, last = dates.span(value, value_end if isinstance(value_end, str) else None, precision)
            starts.append(pd.Timestamp(first))
            ends.append(pd.Timestamp(last))
        else:
            starts.append(pd.NaT)
            ends.append(pd.NaT)
    frame["start"] = pd.to_datetime(pd.Series(starts, index=frame.index, dtype="object"))
    frame["end"] = pd.to_datetime(pd.Series(ends, index=frame.index, dtype="object"))
    return frame


def _check_codes(name: str, frame: pd.DataFrame, raw: pd.DataFrame, fields: list[dict]) -> None:
    """Fail loudly when a value is outside its enum or a country code is unknown, before a chart hides it."""
    problems: list[Problem] = []
    shown = f"data/{name}.csv"
    for field in fields:
        col = field["name"]
        if field.get("constraints", {}).get("enum") and col in frame:
            bad = raw[col].notna() & frame[col].isna()
            problems += [Problem(shown, i + 2, col, f"{raw[col][i]!r} is not one of the allowed values") for i in frame.index[bad]]
    if "iso3" in frame and name != "countries":
        known = set(load("countries")["iso3"])
        bad = frame["iso3"].notna() & ~frame["iso3"].isin(known)
        problems += [Problem(shown, i + 2, "iso3", f"unknown country code {frame['iso3'][i]!r}") for i in frame.index[bad]]
    if problems:
        raise DataPackageError(problems)


def load(name: str) -> pd.DataFrame:
    """One table as a typed DataFrame (a fresh copy each call, so callers may modify it)."""
    return _load_cached(name, str(data_dir())).copy()


@lru_cache(maxsize=64)
def _load_cached(name: str, directory: str) -> pd.DataFrame:
    resource = schema(name)
    fields = resource["schema"]["fields"]
    path = Path(directory) / resource["path"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    frame = _typed(raw.copy(), fields)
    _check_codes(name, frame, raw, fields)
    if "date_precision" in frame and "date" in frame:
        frame = _with_spans(frame, "date", "date_end")
    elif name == "sources":
        frame = _with_spans(frame, "published", "published_end")
    return frame


@lru_cache(maxsize=16)
def _seed_file_text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def seed_text(source_id: str) -> str:
    """The full text of a source, read from seeds/ through the ``seed_file`` that sources.csv names."""
    sources = load("sources").set_index("source_id")
    if source_id not in sources.index:
        raise KeyError(f"no source_id {source_id!r} in data/sources.csv; known: {', '.join(sources.index)}")
    return _seed_file_text(str(seeds_dir() / sources.loc[source_id, "seed_file"]))


def seed_says(source_id: str, words: str) -> bool:
    """True when ``words`` occur verbatim in that source's seed, under the package's one normalisation rule.

    Notebooks quote short phrases inline; a guard cell asserting ``seed_says(...)`` fails the notebook if a
    quotation drifts from its source or a spelling gets 'corrected'.
    """
    return normalise(words) in normalise(seed_text(source_id))


def load_all() -> dict[str, pd.DataFrame]:
    return {name: load(name) for name in table_names()}


def summary() -> pd.DataFrame:
    """Rows, quoted (seed) rows and context rows per table, and quoted rows per source."""
    rows = []
    for name, frame in load_all().items():
        quoted = frame["quote"].notna() if "quote" in frame else pd.Series(False, index=frame.index)
        context = (frame["origin"] == "context") if "origin" in frame else pd.Series(False, index=frame.index)
        row = {"table": name, "rows": len(frame), "quoted": int(quoted.sum()), "context": int(context.sum())}
        if "source_id" in frame:
            row.update(frame.loc[quoted, "source_id"].value_counts().to_dict())
        rows.append(row)
    return pd.DataFrame(rows).fillna(0).set_index("table").astype(int)


def main() -> int:
    try:
        validate()
    except DataPackageError as err:
        print(err)
        return 1
    table = summary()
    print(f"CSTO data package: {len(table)} tables, {table['rows'].sum()} rows, "
          f"{table['quoted'].sum()} quoted rows, {table['context'].sum()} context rows; valid.")
    print(table.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
