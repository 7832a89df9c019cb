"""Adding a source: ``python -m csto.data add-source`` (filled in with the research-dataset work)."""

from __future__ import annotations


def add_arguments(commands) -> None:
    """Register the add-source command on the CLI's subparsers."""


def run(args) -> int:
    raise NotImplementedError
