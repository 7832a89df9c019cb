"""Tools for the independent review (docs/review-brief.md): ``python -m tools.review dump OUT_DIR``.

Writes each notebook as plain text, one file per notebook, every cell headed by its number (1-based, as JupyterLab
counts), its type, its slide type and its tags, so that a reviewer can read and cite the whole course without Jupyter.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from csto.course import entries
from csto.paths import notebooks_dir


def notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = []
    for number, cell in enumerate(cells, start=1):
        metadata = cell.get("metadata", {})
        slide = metadata.get("slideshow", {}).get("slide_type", "-")
        tags = ",".join(metadata.get("tags", []))
        parts.append(f"---- cell {number} · {cell['cell_type']} · slide {slide}{' · tags ' + tags if tags else ''}")
        parts.append("".join(cell.get("source", "")))
    return "\n".join(parts) + "\n"


def dump(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in entries():
        target = out / f"{Path(entry['file']).stem}.txt"
        target.write_text(notebook_text(notebooks_dir() / entry["file"]), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "dump":
        raise SystemExit("usage: python -m tools.review dump OUT_DIR")
    for path in dump(Path(sys.argv[2])):
        print(path)
