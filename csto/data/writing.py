"""Writing rows into the data package all or nothing: the one machinery of ``add-source`` and ``add-row``.

A command reads its values (``column_values``), checks them against the descriptor, then writes through ``Files``, which
remembers what every file held; when the package does not validate afterwards, or anything fails, every file is put
back byte for byte and the command refuses (``Refusal``) with the reasons, those it caused first (``explain``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import package


class Refusal(Exception):
    """The command refuses; ``reasons`` are shown one per line."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("\n".join(reasons))

    def print_refused(self, command: str) -> int:
        """Print the reasons the way every add-* command does (indented lines continue the reason above); exit 1."""
        print(f"{command} refused:", file=sys.stderr)
        for reason in self.reasons:
            print(f"      {reason.strip()}" if reason.startswith("  ") else f"  - {reason}", file=sys.stderr)
        return 1


def column_values(pairs: list[str], option: str = "", reserved: dict[str, str] | None = None) -> dict[str, str]:
    """COLUMN=VALUE pairs from the command line as a dict. A malformed pair, or a column the command fills another way
    (``reserved``: column -> what to do instead), is refused, naming the pair; nothing is written."""
    values, problems = {}, []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        where = f"{option} {pair!r}".strip()
        if not sep or not name:
            problems.append(f"{where}: write it as COLUMN=VALUE")
        elif name in (reserved or {}):
            problems.append(f"{option} {name}=...: {reserved[name]}".strip())
        else:
            values[name] = value
    if problems:
        raise Refusal(problems + ["Nothing was written."])
    return values


class Files:
    """The files written, with what they held before, so that a failure puts every one back byte for byte."""

    def __init__(self) -> None:
        self.before: dict[Path, bytes] = {}
        self.created: list[Path] = []

    def create(self, path: Path, data: bytes) -> None:
        with path.open("xb") as handle:  # never overwrites, even if the file appeared since the checks
            self.created.append(path)
            handle.write(data)

    def replace(self, path: Path, data: bytes) -> None:
        self.before.setdefault(path, path.read_bytes())
        spare = path.with_name(f".{path.name}.writing")
        try:
            spare.write_bytes(data)
            os.replace(spare, path)
        finally:
            spare.unlink(missing_ok=True)
            forget_descriptor()

    def roll_back(self) -> list[str]:
        """Put everything back; returns what could not be put back (to report, never hidden)."""
        failed = []
        for path, data in self.before.items():
            try:
                if not path.exists() or path.read_bytes() != data:
                    path.write_bytes(data)
            except OSError as err:
                failed.append(f"{path}: {err}")
        forget_descriptor()
        for path in reversed(self.created):
            try:
                path.unlink(missing_ok=True)
            except OSError as err:
                failed.append(f"{path}: {err}")
        return failed


def forget_descriptor() -> None:
    """Drop the cached descriptor: a file rewritten within one clock tick keeps its modification time."""
    package._read.cache_clear()


def explain(problems: list, before: list, what: str = "the new source") -> list[str]:
    """The validation's problems, those ``what`` caused first; line numbers of older rows do not move."""
    old = {str(p) for p in before}
    new = [str(p) for p in problems if str(p) not in old]
    there = [str(p) for p in problems if str(p) in old]
    lines = []
    if new:
        lines.append(f"with {what}, the package does not validate:")
        lines += [f"  {p}" for p in new]
    if there:
        lines.append("the package already had these problems before the command ran (fix them first; "
                     "`python -m csto.data check` lists them):")
        lines += [f"  {p}" for p in there]
    return lines


def rolled_back(failed: list[str]) -> list[str]:
    if failed:
        return ["Rolling back FAILED for these files; restore them by hand (git diff shows the change):",
                *[f"  {f}" for f in failed]]
    return ["Everything written was rolled back: the package is as it was."]
