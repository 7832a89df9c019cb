"""The descriptor of the data package (``datapackage.json`` at the repository root) and what it names.

Standard library only, so that the standalone checker and ``python -m csto.data`` run where pandas, plotly and
JupyterLab are not installed. The descriptor is read once per path and never written here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..paths import descriptor_path

SEED_PREFIX = "seed_"  # a source text is the resource named seed_<source_id>


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def descriptor(path: Path | None = None) -> dict:
    """The parsed descriptor (cached until the file changes)."""
    path = Path(path or descriptor_path())
    return _read(str(path), path.stat().st_mtime_ns)


def resources(path: Path | None = None) -> list[dict]:
    return descriptor(path)["resources"]


def table_names(path: Path | None = None) -> list[str]:
    """The tabular resources (the map and the source texts are resources too, but not tables)."""
    return [r["name"] for r in resources(path) if "schema" in r]


def resource(name: str, path: Path | None = None) -> dict:
    """One resource of the descriptor, by name; a KeyError lists the tables when the name is unknown."""
    for entry in resources(path):
        if entry["name"] == name:
            return entry
    raise KeyError(f"no table {name!r} in {Path(path or descriptor_path()).name}; "
                   f"the tables are: {', '.join(table_names(path))}")


def schema(name: str, path: Path | None = None) -> dict:
    """The Table Schema of one table."""
    return resource(name, path)["schema"]


def field(table: str, name: str, path: Path | None = None) -> dict:
    """One field descriptor of a table (its type, description, constraints and codebook)."""
    for entry in schema(table, path)["fields"]:
        if entry["name"] == name:
            return entry
    raise KeyError(f"no column {name!r} in table {table!r}")


def enum(table: str, name: str, path: Path | None = None) -> list[str]:
    """The allowed values of a coded column, in the descriptor's order."""
    return list(field(table, name, path).get("constraints", {}).get("enum", []))


def seed_resources(path: Path | None = None) -> dict[str, dict]:
    """source_id -> the resource of its text (path relative to the root, ``hash`` as 'sha256:<hex>')."""
    return {r["name"][len(SEED_PREFIX):]: r for r in resources(path)
            if r["name"].startswith(SEED_PREFIX) and "schema" not in r}
