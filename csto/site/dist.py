"""The classroom kit: ``python -m csto.site.dist`` (``make dist``) writes ``dist/csto-course-<version>.zip``.

The zip holds the whole built site in one folder — decks, handouts, their PDFs, the glossary, the codebook, the
source reader and the data package — so a teacher without Python can copy it to a USB stick or a shared drive and open
``index.html``: no install, no network. The site is built (incrementally) first.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from ..paths import repo_root
from .build import BuildError, build


def version() -> str:
    """The course's version (``csto.release.version``: pyproject.toml, the one place code reads it)."""
    from ..release import version as course_version

    return course_version(repo_root())


def make_zip(site: Path, target: Path) -> Path:
    """Zip ``site`` into ``target`` under one top-level folder named like the zip; deterministic order."""
    folder = target.stem
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            archive.write(path, f"{folder}/{path.relative_to(site).as_posix()}")
    partial.replace(target)
    return target


def main() -> int:
    site = repo_root() / "site"
    try:
        report = build(site)
    except BuildError as err:
        print(f"build failed, no kit written: {err}", file=sys.stderr)
        return 1
    if report.note:
        print(report.note)
    kit = make_zip(site, repo_root() / "dist" / f"csto-course-{version()}.zip")
    print(f"{kit.relative_to(repo_root())}: {kit.stat().st_size / 1e6:.1f} MB — unzip anywhere and open index.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
