"""Validation of the data package: Frictionless (types, enums, keys, text hashes) plus the course's provenance rule.

One Frictionless pass reads every table once: its own checks and the provenance checks of
``csto.data.provenance`` (Frictionless ``Check`` classes) run on the same rows. The foreign keys are checked by the
course (``foreign_key_problems``), each table read once, in Frictionless's words: Frictionless read a referenced table
again for every key pointing at it, most of a validation's time. Every problem is reported at
once, each naming file, line and column, so a teacher who edits a CSV by hand sees everything to fix in one run.
Validation only reads; it never changes a file. Standard library plus Frictionless: no pandas, plotly or Jupyter.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import _imports
from . import package
from .verbatim import normalise


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the package. ``line`` counts the header as line 1, as a text editor does."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataPackageError(ValueError):
    """Raised with every problem found; ``problems`` holds them for programs, the message for people."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data package:\n{shown}{more}")


def encoding_problems(path: Path, shown_as: str) -> list[Problem]:
    """A file that is not UTF-8 gets one problem naming the line and byte column of the first bad byte."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return [Problem(shown_as, line, None, f"not UTF-8: byte 0x{raw[err.start]:02x} at character {col} "
                                              f"({err.reason})")]
    return []


def problem_from_error(error, shown_as: str) -> Problem:
    """A Frictionless error as a Problem: the row number is the file's line; a header problem is line 1."""
    info = error.to_dict()
    line = info.get("rowNumber")
    column = info.get("fieldName") or info.get("label") or ", ".join(info.get("fieldNames") or []) or None
    if line is None and info.get("type", "").endswith("label"):
        line = 1
    message = info.get("note") or info.get("message", "")
    if info.get("type") == "hash-count":
        message = "the file's SHA-256 does not match the hash recorded in datapackage.json: the text was altered"
    elif info.get("type") == "constraint-error" and info.get("cell") is not None and "enum" in message:
        message = f"{info['cell']!r} is not an allowed value: {message}"
    return Problem(shown_as, line, column, message)


def source_texts(root: Path, descriptor: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], list[Problem]]:
    """Normalised seed texts and the sources.csv rows by source_id, with problems in how sources name their texts.

    sources.csv is read here (a small table) because every other table's provenance check needs it first.
    """
    shown = package.resource("sources", descriptor)["path"]
    path = root / shown
    texts: dict[str, str] = {}
    rows: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    if not path.is_file() or encoding_problems(path, shown):
        return texts, rows, problems  # reported with the table itself
    seeds = package.seed_resources(descriptor)
    by_path = {r["path"]: source_id for source_id, r in seeds.items()}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            source_id = row.get("source_id") or ""
            rows[source_id] = row
            seed_path = f"seeds/{row.get('seed_file') or ''}"
            if by_path.get(seed_path) != source_id:
                problems.append(
                    Problem(
                        shown,
                        line,
                        "seed_file",
                        f"{seed_path} is not registered in datapackage.json as the text of {source_id!r} (a resource "
                        f"named {package.SEED_PREFIX}{source_id} with its hash)",
                    )
                )
            if not (root / seed_path).is_file():
                problems.append(Problem(shown, line, "seed_file", f"no file {seed_path}"))
                continue
            texts[source_id] = normalise((root / seed_path).read_bytes().decode("utf-8", errors="replace"))
    return texts, rows, problems


def claim_kinds(root: Path, descriptor: Path) -> dict[str, str]:
    """claim_id -> kind, for the rule that a forecast check tests a forecast or a scenario (read here, like sources,
    because the check of forecast_checks.csv needs it before Frictionless reaches that table)."""
    try:
        path = root / package.resource("claims", descriptor)["path"]
    except (KeyError, ValueError):
        return {}
    if not path.is_file() or encoding_problems(path, str(path.name)):
        return {}  # reported with the table itself
    with path.open(encoding="utf-8", newline="") as handle:
        return {row.get("claim_id") or "": row.get("kind") or "" for row in csv.DictReader(handle)}


ROW_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # the shape of a row id: lower case words joined by '_'


def note_reference_problems(root: Path, descriptor: Path) -> list[Problem]:
    """A note that points the reader to another row ("see ctx_kgz_tjk_dead_kgz_ifrc") must name a row that exists:
    a renamed row otherwise leaves its old id in the notes. A word in a ``*note*`` column counts as
    a row id when it starts as some table's ids start (``ctx_``, ``mem_``, ...); it is then looked up among the ids
    of every table with a one-column primary key."""
    ids: set[str] = set()
    notes: list[tuple[str, int, str, str]] = []
    for resource in package.resources(descriptor):
        path = root / resource["path"]
        if "schema" not in resource or not path.is_file() or encoding_problems(path, resource["path"]):
            continue  # a missing or unreadable file is reported with the table itself
        key = resource["schema"].get("primaryKey")
        key = key[0] if isinstance(key, list) and len(key) == 1 else key
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                if isinstance(key, str) and row.get(key):
                    ids.add(row[key])
                notes += [(resource["path"], line, column, value or "") for column, value in row.items()
                          if column and "note" in column]
    starts = {i.split("_")[0] for i in ids if "_" in i}
    return [
        Problem(shown, line, column, f"names {word!r}, which is no row's id in the package (renamed or mistyped?)")
        for shown, line, column, text in notes
        for word in ROW_ID.findall(text)
        if word.split("_")[0] in starts and word not in ids
    ]


def _key(row: dict[str, str], fields: list[str]) -> tuple[str | None, ...]:
    return tuple(row.get(field) or None for field in fields)  # an empty cell is missing (every schema's missingValues)


def foreign_key_problems(root: Path, resources: list[dict], unreadable: set[str]) -> list[Problem]:
    """Every foreign key of the descriptor, each table read once, reported as Frictionless words it.

    Frictionless copies a referenced table's metadata and reads the table again for every key that points at it (the
    sources table fifteen times): most of a validation's time. A row whose key cells are all empty refers to nothing,
    as in Frictionless; a table that is missing or unreadable is reported once, elsewhere."""
    tables = {r["name"]: r for r in resources if "schema" in r and r["name"] not in unreadable}
    read: dict[str, list[dict[str, str]]] = {}

    def rows(name: str) -> list[dict[str, str]]:
        if name not in read:
            with open(root / tables[name]["path"], encoding="utf-8", newline="") as handle:
                read[name] = list(csv.DictReader(handle))
        return read[name]

    problems = []
    for name, resource in tables.items():
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"] or name
            if target not in tables:
                continue
            fields, target_fields = _as_list(key["fields"]), _as_list(key["reference"]["fields"])
            known = {_key(row, target_fields) for row in rows(target)}
            for line, row in enumerate(rows(name), start=2):
                cells = _key(row, fields)
                if set(cells) != {None} and cells not in known:
                    values = ", ".join(f'"{c}"' for c in cells if c is not None)
                    problems.append(Problem(resource["path"], line, ", ".join(fields),
                                            f'for "{", ".join(fields)}": values {values} not found in the lookup '
                                            f'table "{target}" as "{", ".join(target_fields)}"'))
    return problems


def _as_list(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def without_foreign_keys(descriptor: Path) -> dict:
    """The descriptor as Frictionless validates it: everything but the foreign keys, which ``foreign_key_problems``
    checks."""
    content = json.loads(descriptor.read_text(encoding="utf-8"))
    for resource in content.get("resources", []):
        resource.get("schema", {}).pop("foreignKeys", None)
    return content


def collect_problems(descriptor: Path | None = None) -> list[Problem]:
    """Every problem in the package at ``descriptor`` (default: the course's), without raising."""
    from .provenance import provenance_checklist

    descriptor = Path(descriptor or package.descriptor_path()).resolve()
    root = descriptor.parent
    try:
        resources = package.resources(descriptor)
    except (OSError, ValueError) as err:
        return [Problem(descriptor.name, None, None, f"cannot read the descriptor: {err}")]
    problems: list[Problem] = []
    unreadable: set[str] = set()
    for resource in resources:
        path = root / resource["path"]
        if not path.is_file():
            unreadable.add(resource["name"])
            problems.append(Problem(resource["path"], None, None, "file is missing"))
        elif "schema" in resource:
            bad = encoding_problems(path, resource["path"])
            if bad:
                unreadable.add(resource["name"])
                problems += bad
    texts, sources, seed_problems = source_texts(root, descriptor)
    problems += seed_problems + note_reference_problems(root, descriptor)
    problems += foreign_key_problems(root, resources, unreadable)
    frictionless = _imports.frictionless()
    try:
        report = frictionless.Package(without_foreign_keys(descriptor), basepath=str(root)).validate(
            provenance_checklist(texts, sources, claim_kinds(root, descriptor))
        )
    except frictionless.FrictionlessException as err:
        return problems + [Problem(descriptor.name, None, None, f"descriptor is not valid: {err}")]
    paths = {r["name"]: r["path"] for r in resources}
    for task in report.tasks:
        if task.name in unreadable:
            continue
        problems += [problem_from_error(error, paths.get(task.name, task.name)) for error in task.errors]
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.message))


def validate(descriptor: Path | str | None = None) -> None:
    """Validate the package (schema, keys, text hashes and provenance); raise ``DataPackageError`` naming file, line,
    column."""
    problems = collect_problems(Path(descriptor) if descriptor else None)
    if problems:
        raise DataPackageError(problems)
