"""Where the course's files live.

The package is installed in editable mode from the repository, so the data, seeds and notebooks are found
next to it. ``CSTO_ROOT`` overrides the root, which the tests use to validate and build copies of the course.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


def repo_root() -> Path:
    """The course repository: ``$CSTO_ROOT`` if set, else the folder holding this package."""
    return _resolved_root(os.environ.get("CSTO_ROOT") or None)


@lru_cache(maxsize=8)
def _resolved_root(override: str | None) -> Path:
    """Resolved once per value of ``CSTO_ROOT``: every table lookup asks for the root, and resolving it each time was
    a tenth of a lesson's self-check."""
    return Path(override).resolve() if override else Path(__file__).resolve().parent.parent


def descriptor_path() -> Path:
    """The Frictionless descriptor: at the root, because it describes data/ and seeds/ (Frictionless refuses
    ``../``)."""
    return repo_root() / "datapackage.json"


def data_dir() -> Path:
    """The tables (CSV), their README and changelog."""
    return repo_root() / "data"


def notebooks_dir() -> Path:
    """The course's notebooks, committed without outputs."""
    return repo_root() / "notebooks"
