"""Validation of the data package: the Frictionless schema (types, enums, keys) and the course's provenance rule.

Every problem is reported at once, each naming file, line and column, so a teacher who edits a CSV by hand
sees everything to fix in one run. Validation only reads; it never changes a file.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import dates
from .text import normalise

# A column whose text must be found verbatim in the seed named by the paired column.
VERBATIM_COLUMNS = {
    "quote": "source_id",
    "words": "source_id",
    "as_written": "source_id",
    "name_as_written": "source_id",
    "translation": "translation_source_id",
}


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


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV as dicts of strings (decoding errors are caught earlier by ``encoding_problems``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def encoding_problems(path: Path, shown_as: str) -> list[Problem]:
    """A file that is not UTF-8 gets one problem naming the line and byte column of the first bad byte."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return [Problem(shown_as, line, None, f"not UTF-8: byte 0x{raw[err.start]:02x} at character {col} ({err.reason})")]
    return []


def frictionless_problems(descriptor: Path, skip: set[str], rel: dict[str, str]) -> list[Problem]:
    """Schema problems found by Frictionless (types, required, enums, patterns, unique, primary and foreign keys)."""
    from frictionless import FrictionlessException, Package  # imported here: only validation needs it

    try:
        report = Package(str(descriptor)).validate()
    except FrictionlessException as err:
        return [Problem(f"{descriptor.parent.name}/{descriptor.name}", None, None, f"descriptor is not valid: {err}")]
    problems: list[Problem] = []
    for task in report.tasks:
        if task.name in skip:
            continue
        for error in task.errors:
            info = error.to_dict()
            line = info.get("rowNumber")
            column = info.get("fieldName") or info.get("label") or ", ".join(info.get("fieldNames") or []) or None
            if line is None and info.get("type", "").endswith("label"):
                line = 1
            problems.append(Problem(rel.get(task.name, task.name), line, column, info.get("note") or info.get("message", "")))
    return problems


def _source_windows(sources: list[dict[str, str]]) -> dict[str, date]:
    """The latest day each source could have been written on: it cannot report anything later."""
    windows = {}
    for s in sources:
        try:
            windows[s["source_id"]] = dates.last_day(s.get("published_end") or s["published"])
        except (KeyError, ValueError):
            continue  # Frictionless reports the malformed date itself
    return windows


def _seed_texts(root: Path, sources: list[dict[str, str]], shown_as: str) -> tuple[dict[str, str], list[Problem]]:
    texts, problems = {}, []
    for line, s in enumerate(sources, start=2):
        seed = root / "seeds" / s.get("seed_file", "")
        if not s.get("seed_file") or not seed.is_file():
            problems.append(Problem(shown_as, line, "seed_file", f"no seed file seeds/{s.get('seed_file', '')}"))
            continue
        raw = seed.read_bytes()
        if hashlib.sha256(raw).hexdigest() != s.get("sha256"):
            problems.append(Problem(shown_as, line, "sha256", f"does not match the SHA-256 of seeds/{s['seed_file']}"))
        texts[s["source_id"]] = normalise(raw.decode("utf-8"))
    return texts, problems


def provenance_problems(rows: list[dict[str, str]], shown_as: str, texts: dict[str, str], windows: dict[str, date]) -> list[Problem]:
    """The provenance rule: seed rows quote their seed verbatim and stay inside its time; context rows cite."""
    problems: list[Problem] = []
    for line, row in enumerate(rows, start=2):
        origin = row.get("origin", "")
        if origin == "seed":
            for column, source_column in VERBATIM_COLUMNS.items():
                text = (row.get(column) or "").strip()
                source = row.get(source_column) or ""
                if column == "quote" and not text:
                    problems.append(Problem(shown_as, line, "quote", "a seed row needs a verbatim quote"))
                elif text and source not in texts:
                    problems.append(Problem(shown_as, line, source_column, f"unknown source {source!r}"))
                elif text and normalise(text) not in texts[source]:
                    problems.append(Problem(shown_as, line, column, f"not found verbatim in {source}: {text[:70]!r}"))
            problems += _window_problems(row, line, shown_as, windows)
        elif origin == "context":
            if not (row.get("citation") or "").strip():
                problems.append(Problem(shown_as, line, "citation", "a context row needs a citation"))
            for column in ("quote", "source_id"):
                if (row.get(column) or "").strip():
                    problems.append(Problem(shown_as, line, column, "a context row has no seed behind it, so this must be empty"))
        if "date_precision" in row:
            start, end = ("date", "date_end") if "date" in row else ("published", "published_end")
            found = dates.date_problems(row.get(start), row.get(end), row.get("date_precision"))
            problems += [Problem(shown_as, line, {"date": start, "date_end": end}.get(c, c), m) for c, m in found]
    return problems


def _window_problems(row: dict[str, str], line: int, shown_as: str, windows: dict[str, date]) -> list[Problem]:
    """A seed cannot report an event after it was published (forecasts live in claims, which carry no date)."""
    value, latest = row.get("date"), windows.get(row.get("source_id", ""))
    if not value or latest is None or dates.date_problems(value, row.get("date_end"), row.get("date_precision")):
        return []
    if dates.first_day(value) > latest:
        return [Problem(shown_as, line, "date", f"{value} is after {row['source_id']} was published (by {latest})")]
    return []


def collect_problems(descriptor: Path) -> list[Problem]:
    """Every problem in the package at ``descriptor`` (a datapackage.json), without raising."""
    descriptor = Path(descriptor).resolve()
    root = descriptor.parent.parent
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [Problem(str(descriptor), None, None, f"cannot read the descriptor: {err}")]
    rel = {r["name"]: f"{descriptor.parent.name}/{r['path']}" for r in package["resources"]}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    tables: dict[str, list[dict[str, str]]] = {}
    for resource in (r for r in package["resources"] if "schema" in r):  # tables; the map is checked by tests/test_charts.py
        path = descriptor.parent / resource["path"]
        if not path.is_file():
            unreadable.add(resource["name"])
            problems.append(Problem(rel[resource["name"]], None, None, "file is missing"))
            continue
        bad_encoding = encoding_problems(path, rel[resource["name"]])
        if bad_encoding:
            unreadable.add(resource["name"])
            problems += bad_encoding
            continue
        tables[resource["name"]] = read_rows(path)
    problems += frictionless_problems(descriptor, unreadable, rel)
    sources = tables.get("sources", [])
    texts, seed_problems = _seed_texts(root, sources, rel.get("sources", "sources.csv"))
    problems += seed_problems
    windows = _source_windows(sources)
    for name, rows in tables.items():
        problems += provenance_problems(rows, rel[name], texts, windows)
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.message))
