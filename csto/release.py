"""A release in one command: ``python -m csto.release 1.1.0``.

The version is written in several files because each tool reads its own: ``pyproject.toml`` (Python packaging, and
the one place the course's code and tests read it: ``version()``), ``datapackage.json`` (Frictionless: ``version``
and the suggested ``citation``), ``CITATION.cff`` (citation managers: ``version``, ``date-released``, the message and
the preferred citation), ``data/README.md`` (people) and ``data/CHANGELOG.md`` (the ``[Unreleased]`` section becomes
``[X.Y.Z] - date``). The command sets them all, checks that they agree, commits those files and makes the annotated
git tag ``vX.Y.Z``. All or nothing: every refusal it can foresee comes before anything is written, and a failure
after writing puts every file back.

What the command does not do: choose the version (semantic versioning, ``data/README.md`` says how) or write the
changelog text (the ``[Unreleased]`` section must say what changed), push, or publish.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .paths import repo_root

SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
UNRELEASED = re.compile(r"^## \[Unreleased\][^\n]*\n", re.MULTILINE)
RELEASED = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})", re.MULTILINE)
FILES = ("pyproject.toml", "datapackage.json", "CITATION.cff", "data/README.md", "data/CHANGELOG.md")


class ReleaseRefused(Exception):
    """The release cannot be made; the message says why. Nothing was changed."""


def version(root: Path | None = None) -> str:
    """The course's version, from pyproject.toml: the one place code and tests read it."""
    text = (Path(root or repo_root()) / "pyproject.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["project"]["version"]


def _key(value: str) -> tuple[int, int, int]:
    return tuple(int(part) for part in value.split("."))  # type: ignore[return-value]


def versions(root: Path) -> dict[str, str]:
    """The version each file states: file -> version ('' when the file states none)."""
    meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    readme = (root / "data" / "README.md").read_text(encoding="utf-8")
    changelog = (root / "data" / "CHANGELOG.md").read_text(encoding="utf-8")
    found = {
        "pyproject.toml": version(root),
        "datapackage.json": str(meta.get("version", "")),
        "datapackage.json citation": _match(r"\(version ([\d.]+)\)", meta.get("citation", "")),
        "CITATION.cff": _match(r"^version: ([\d.]+)$", cff),
        "CITATION.cff preferred-citation": _match(r"^  version: ([\d.]+)$", cff),
        "data/README.md": _match(r"This is version \*\*([\d.]+)\*\*", readme),
        "data/CHANGELOG.md": _match(RELEASED.pattern, changelog),
    }
    return found


def _match(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.MULTILINE)
    return found.group(1) if found else ""


def disagreements(root: Path | None = None) -> list[str]:
    """Each file whose version is not pyproject.toml's, named with what it says."""
    root = Path(root or repo_root())
    found = versions(root)
    expected = found["pyproject.toml"]
    return [f"{where} says {value or 'no version'!r}, pyproject.toml says {expected!r}"
            for where, value in found.items() if value != expected]


@dataclass
class Plan:
    """The new text of each file, computed before anything is written."""

    old: str
    new: str
    day: date
    texts: dict[str, str]


def plan(root: Path, new: str, day: date) -> Plan:
    """Every file's new text; raise ``ReleaseRefused`` for a version that is not new, or a changelog with nothing
    to release."""
    if not SEMVER.fullmatch(new):
        raise ReleaseRefused(f"{new!r} is not a version of the form MAJOR.MINOR.PATCH (e.g. 1.1.0)")
    old = version(root)
    if _key(new) <= _key(old):
        raise ReleaseRefused(f"{new} is not later than the current version {old} (pyproject.toml)")
    problems = disagreements(root)
    if problems:
        raise ReleaseRefused("the files disagree on the current version; fix them first:\n  " + "\n  ".join(problems))
    texts = {name: (root / name).read_text(encoding="utf-8") for name in FILES}
    changelog = texts["data/CHANGELOG.md"]
    heading = UNRELEASED.search(changelog)
    if heading is None:
        raise ReleaseRefused("data/CHANGELOG.md has no '## [Unreleased]' section: write what changed there first")
    body = changelog[heading.end():]
    following = RELEASED.search(body)
    if not (body[:following.start()] if following else body).strip():
        raise ReleaseRefused("the '## [Unreleased]' section of data/CHANGELOG.md is empty: write what changed first")
    stamp = day.isoformat()
    texts["data/CHANGELOG.md"] = (changelog[:heading.start()] + "## [Unreleased]\n\n" + f"## [{new}] - {stamp}\n"
                                  + body)
    texts["pyproject.toml"] = re.sub(r'(?m)^version = "[^"]*"$', f'version = "{new}"', texts["pyproject.toml"], count=1)
    texts["datapackage.json"] = _descriptor(texts["datapackage.json"], old, new, day)
    texts["CITATION.cff"] = _cff(texts["CITATION.cff"], old, new, day)
    texts["data/README.md"] = _readme(texts["data/README.md"], old, new, day)
    return Plan(old, new, day, texts)


def _citation(text: str, old: str, new: str, day: date) -> str:
    text = text.replace(f"(version {old})", f"(version {new})")
    return re.sub(r"The CSTO course authors \(\d{4}\)", f"The CSTO course authors ({day.year})", text)


def _descriptor(text: str, old: str, new: str, day: date) -> str:
    meta = json.loads(text)
    meta["version"] = new
    meta["citation"] = _citation(meta.get("citation", ""), old, new, day)
    return json.dumps(meta, indent=1, ensure_ascii=False) + ("\n" if text.endswith("\n") else "")


def _cff(text: str, old: str, new: str, day: date) -> str:
    text = re.sub(r"(?m)^(\s*)version: [\d.]+$", lambda m: f"{m.group(1)}version: {new}", text)
    text = re.sub(r"(?m)^(\s*)date-released: [\d-]+$", lambda m: f"{m.group(1)}date-released: {day.isoformat()}", text)
    text = re.sub(r"(?m)^(\s*)year: \d{4}$", lambda m: f"{m.group(1)}year: {day.year}", text)
    # the message is folded YAML: the words '(version X)' may be split across lines
    text = re.sub(r"\(version\s+" + re.escape(old) + r"\)", f"(version {new})", text)
    return re.sub(r"The CSTO course authors\s+\(\d{4}\)", f"The CSTO course authors ({day.year})", text)


def _readme(text: str, old: str, new: str, day: date) -> str:
    text = _citation(text, old, new, day)
    when = f"{day.day} {day:%B %Y}"
    text = re.sub(r"This is version \*\*[\d.]+\*\* \(released [^;)]*", f"This is version **{new}** (released {when}",
                  text)
    return text.replace(f"Version {old}. Generated from", f"Version {new}. Generated from")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def release(root: Path, new: str, day: date | None = None, tag: bool = True) -> Plan:
    """Set ``new`` everywhere, commit the release files and tag ``v<new>``; raise ``ReleaseRefused`` (nothing
    changed)."""
    root = Path(root).resolve()
    the_plan = plan(root, new, day or date.today())
    if tag:
        if _git(root, "rev-parse", "--git-dir").returncode:
            raise ReleaseRefused(f"{root} is not a git repository (use --no-tag to only set the version)")
        if _git(root, "rev-parse", "-q", "--verify", f"refs/tags/v{new}").returncode == 0:
            raise ReleaseRefused(f"the tag v{new} exists already")
        dirty = _git(root, "status", "--porcelain", "--", *FILES).stdout.strip()
        if dirty:
            raise ReleaseRefused(f"uncommitted changes in the release files; commit them first:\n{dirty}")
    before = {name: (root / name).read_bytes() for name in FILES}
    try:
        for name, text in the_plan.texts.items():
            (root / name).write_text(text, encoding="utf-8")
        problems = disagreements(root)
        if problems:
            raise ReleaseRefused("after writing, the files still disagree:\n  " + "\n  ".join(problems))
        if tag:
            for args in (("add", "--", *FILES), ("commit", "-q", "-m", f"Release {new}", "--", *FILES),
                         ("tag", "-a", f"v{new}", "-m", f"Release {new} ({the_plan.day.isoformat()})")):
                run = _git(root, *args)
                if run.returncode:
                    raise ReleaseRefused(f"git {' '.join(args[:2])} failed: {run.stderr.strip()}")
    except BaseException:
        for name, data in before.items():
            (root / name).write_bytes(data)
        raise
    return the_plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csto.release", description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, MAJOR.MINOR.PATCH")
    parser.add_argument("--date", type=date.fromisoformat, default=None,
                        help="release date YYYY-MM-DD (default: today)")
    parser.add_argument("--no-tag", action="store_true", help="only set the version in the files; no commit, no tag")
    parser.add_argument("--root", type=Path, default=None,
                        help="the repository (default: $CSTO_ROOT, else this checkout)")
    args = parser.parse_args(argv)
    root = Path(args.root or repo_root())
    try:
        done = release(root, args.version, args.date, tag=not args.no_tag)
    except ReleaseRefused as refused:
        print(f"release refused, nothing changed: {refused}", file=sys.stderr)
        return 1
    print(f"version {done.old} -> {done.new} ({done.day.isoformat()}): " + ", ".join(FILES))
    if not args.no_tag:
        print(f"committed 'Release {done.new}' and tagged v{done.new} (not pushed: git push --follow-tags)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
