"""A source text's rights: its Frictionless licence, whether a public build may ship it, what a reader page shows.

One rule for add-source (``csto.data.sources``), the descriptor and the public edition (``csto/site/dist.py``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from . import package

TABLE = "sources"


def licences(row: dict[str, str]) -> list[dict[str, str]]:
    """The Frictionless ``licenses`` of a source text's resource, from its ``rights_status`` and ``rights``.

    One rule for add-source and the descriptor: an open licence is named in ``rights``; anything else keeps all
    rights with the owner (SPDX's form for a licence with no identifier, ``LicenseRef-...``).
    """
    name = "open-licence" if row.get("rights_status") == "open_licence" else "LicenseRef-rights-reserved"
    return [{"name": name, "title": row.get("rights", "")}]


def may_publish_text(row: dict[str, str]) -> bool:
    """Whether a public build may ship the full text: only under an open licence (unknown rights are reserved)."""
    return row.get("rights_status") == "open_licence"


def rights(source_id: str, root: Path | None = None) -> dict[str, object]:
    """What a reader page shows about a text's rights: statement, status, licence and whether it may be published.

    For the site (csto/site): ``rights("afp2022")["statement"]``. Reads sources.csv of the course (or ``root``).
    """
    from ..paths import repo_root

    root = Path(root or repo_root())
    path = root / package.resource(TABLE, root / "datapackage.json")["path"]
    with path.open(encoding="utf-8", newline="") as handle:
        row = next((r for r in csv.DictReader(handle) if r["source_id"] == source_id), None)
    if row is None:
        raise KeyError(f"no source {source_id!r} in {path}")
    return {"statement": row.get("rights", ""), "status": row.get("rights_status", "rights_unknown"),
            "licence": licences(row)[0]["name"], "publish_full_text": may_publish_text(row)}
