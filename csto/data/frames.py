"""The course's tables as typed pandas DataFrames, cast by their Table Schema through Frictionless.

``load("events")`` reads the CSV once, through the same Frictionless reader that ``validate()`` uses, so a value
that validates loads with the same meaning (``TRUE`` and ``1`` are true for both), and a value that cannot be
cast raises ``DataPackageError`` naming file, line and column instead of a pandas parsing error. Enum columns
become categoricals (in the codebook's order), integers ``Int64``, numbers ``Float64``, booleans ``boolean``, and
tables with a dated column get ``start``/``end``: the first and last day each row's date may mean.

Casting every row through Frictionless costs about half a second per notebook (its import and the row stream), so a
cast table is kept on disk in ``.build-cache/tables/`` under a key made of everything that decides the result: the
CSV's bytes, the table's schema, the versions of Frictionless and pandas and the source of the modules that shape
the frame. Any change to one of them is a miss and the table is cast again; an unreadable or unwritable cache is
ignored. ``validate()`` never uses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .. import _imports
from ..paths import descriptor_path, repo_root
from . import derive, package
from .validation import DataPackageError, problem_from_error
from .verbatim import normalise


def _casting_schema(name: str, descriptor: Path) -> dict:
    """The parts of a table's schema that decide how a cell is read (types, formats, constraints, missing values).

    Descriptions, codebook categories and foreign keys are left out: they do not change a value, and validating the
    whole descriptor for every table would cost more than reading the data. Relations between tables are checked by
    ``validate()``.
    """
    schema = package.schema(name, descriptor)
    keep = ("name", "type", "format", "constraints", "trueValues", "falseValues", "bareNumber", "groupChar",
            "decimalChar")
    return {"fields": [{k: f[k] for k in keep if k in f} for f in schema["fields"]],
            "missingValues": schema.get("missingValues", [""])}


def _read_rows(name: str, descriptor: Path) -> tuple[list[str], list[dict]]:
    """(column names, rows as dicts of typed values); every cell that cannot be cast is raised at once."""
    frictionless = _imports.frictionless()
    shown = package.resource(name, descriptor)["path"]
    resource = frictionless.Resource(path=shown, basepath=str(descriptor.parent), format="csv", encoding="utf-8",
                                     schema=frictionless.Schema.from_descriptor(_casting_schema(name, descriptor)))
    rows, problems = [], []
    with resource:
        columns = list(resource.schema.field_names)
        for row in resource.row_stream:
            problems += [problem_from_error(error, shown) for error in row.errors]
            rows.append(row.to_dict())
    if problems:
        raise DataPackageError(problems)
    return columns, rows


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        if enum:
            frame[name] = pd.Categorical(frame[name], categories=enum)
        elif kind == "integer":
            frame[name] = pd.array(frame[name], dtype="Int64")
        elif kind == "number":
            frame[name] = pd.array([None if v is None else float(v) for v in frame[name]], dtype="Float64")
        elif kind == "boolean":
            frame[name] = pd.array(frame[name], dtype="boolean")
        elif kind == "date":
            frame[name] = pd.to_datetime(pd.Series(frame[name], dtype="object"))
    return frame


def _with_spans(frame: pd.DataFrame, earliest: str, latest: str) -> pd.DataFrame:
    """``earliest``/``latest`` as timestamps named ``start`` and ``end``, the names charts and views use."""
    frame["start"] = frame[earliest]
    frame["end"] = frame[latest]
    return frame


def _cast(name: str, path: Path) -> pd.DataFrame:
    """Read and cast one table through Frictionless (the slow, authoritative path)."""
    fields = package.schema(name, path)["fields"]
    columns, rows = _read_rows(name, path)
    frame = _typed(pd.DataFrame(rows, columns=columns), fields)
    columns = derive.date_columns(list(frame.columns))
    if columns is not None:
        frame = _with_spans(frame, columns[2], columns[3])
    return frame


def table_cache_dir(descriptor: Path) -> Path:
    """Where cast tables are kept: ``$CSTO_TABLE_CACHE`` if set (the bench points it at an empty folder to time a
    first load), else ``.build-cache/tables`` beside the descriptor."""
    override = os.environ.get("CSTO_TABLE_CACHE")
    return Path(override) if override else descriptor.parent / ".build-cache" / "tables"


@lru_cache(maxsize=1)
def _code_and_versions() -> str:
    """What, besides the CSV and its schema, decides a cast table: this module, the date rules and the libraries."""
    here = Path(__file__).parent
    code = "".join((here / f).read_text(encoding="utf-8")
                   for f in ("frames.py", "derive.py", "dates.py") if (here / f).exists())
    return code + metadata.version("frictionless") + pd.__version__


@lru_cache(maxsize=256)
def _cache_key(name: str, descriptor: str, stamps: tuple[int, ...]) -> str:
    """The table's cache file name; ``stamps`` (modification times and sizes) only decide when to hash again."""
    path = Path(descriptor)
    resource = package.resource(name, path)
    digest = hashlib.sha256()
    digest.update(json.dumps(resource, sort_keys=True).encode("utf-8"))
    digest.update((path.parent / resource["path"]).read_bytes())
    digest.update(_code_and_versions().encode("utf-8"))
    return f"{name}-{digest.hexdigest()[:32]}.pickle"


@lru_cache(maxsize=64)
def _load_cached(name: str, descriptor: str, key: str) -> pd.DataFrame:
    path = Path(descriptor)
    cached = table_cache_dir(path) / key
    try:
        with cached.open("rb") as handle:
            frame = pickle.load(handle)
        if isinstance(frame, pd.DataFrame):
            return frame
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass  # no cache yet, or one written by other library versions: cast again
    frame = _cast(name, path)
    write_cache_file(cached, pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
    return frame


def write_cache_file(path: Path, content: bytes) -> None:
    """Write a file of the table cache atomically (a notebook and a test reading at once never see half a file); a
    read-only course folder only means building it again next time, more slowly."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(content)
        partial.replace(path)
    except OSError:
        pass


def kept_json(kind: str, key: str, build: Callable[[], Any]) -> Any:
    """A value that is slow to compute and plain JSON, kept in the table cache under ``kind`` and ``key``: read back
    when it is there, else built and written (a kernel pays for it once per machine, not on every Run All)."""
    kept = table_cache_dir(descriptor_path()) / kind / f"{hashlib.sha1(key.encode('utf-8')).hexdigest()}.json"
    try:
        return json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass  # not built on this machine for this key yet
    value = build()
    write_cache_file(kept, json.dumps(value).encode("utf-8"))
    return value


def code_stamp() -> tuple:
    """The course's Python files and their modification times: what a value computed by the course's code rests on."""
    package = Path(__file__).resolve().parents[1]
    return tuple((str(p), p.stat().st_mtime_ns) for p in sorted(package.rglob("*.py")))


def cache_mark(kind: str, *texts: str) -> Path:
    """The table cache's note that these exact texts passed a check of ``kind`` (it exists once they have): a check
    that must run whenever a file a teacher edits changes, and need not run again while it has not."""
    digest = hashlib.sha1("\0".join(texts).encode("utf-8")).hexdigest()
    return table_cache_dir(descriptor_path()) / kind / f"{digest}.ok"


def load(name: str) -> pd.DataFrame:
    """One table as a typed DataFrame (a fresh copy each call, so callers may change it).

    Example: ``load("events")``; ``table_names()`` lists the tables.
    """
    if not isinstance(name, str):
        raise TypeError(f"load() takes a table name as a string, e.g. load('events'); got {name!r}")
    descriptor = descriptor_path()
    resource = package.resource(name, descriptor)  # a clear KeyError listing the tables for an unknown name
    csv, described = (descriptor.parent / resource["path"]).stat(), descriptor.stat()
    key = _cache_key(name, str(descriptor), (described.st_mtime_ns, described.st_size, csv.st_mtime_ns, csv.st_size))
    return _load_cached(name, str(descriptor), key).copy()


def load_all() -> dict[str, pd.DataFrame]:
    return {name: load(name) for name in package.table_names()}


def table_names() -> list[str]:
    return package.table_names()


def schema(name: str) -> dict:
    """The resource descriptor of one table (its ``schema`` holds the fields)."""
    return package.resource(name)


@lru_cache(maxsize=16)
def _text_of(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def source_text(source_id: str) -> str:
    """The full text of a source, by its id (``source_text("afp2022")``); ``load("sources")`` lists the ids.

    The files in seeds/ keep the names they arrived with (byte-identical copies); this finds the right one.
    """
    seeds = package.seed_resources()
    if source_id not in seeds:
        raise KeyError(f"no source {source_id!r}; the sources are: {', '.join(seeds)} (see load('sources'))")
    return _text_of(str(repo_root() / seeds[source_id]["path"]))


def source_says(source_id: str, words: str) -> bool:
    """True when ``words`` occur verbatim in that source's text, under the package's one normalisation rule."""
    return normalise(words) in normalise(source_text(source_id))


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
