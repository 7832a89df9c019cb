"""Preview one notebook as the site will show it: ``python -m csto.site.preview notebooks/01_….ipynb OUT``.

Executes the notebook in a fresh kernel and writes ``OUT/decks/<stem>.html``, ``OUT/handouts/<stem>.html`` and the
shared ``OUT/assets`` — the same exporters as the full build, for one notebook, so an author can look at their slides
(e.g. with a screenshot tool) while other notebooks are being edited. No cache, no PDFs, no other pages.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..course import entries
from .build import BuildError, execute, export, write_assets


def preview(notebook: Path, out: Path) -> tuple[Path, Path]:
    entry = next((e for e in entries() if e["file"] == notebook.name), None)
    if entry is None:
        raise SystemExit(f"{notebook.name} is not in csto/course_map.csv")
    deck, handout = export(execute(notebook), entry)
    shutil.rmtree(out / "assets", ignore_errors=True)
    write_assets(out)
    paths = out / "decks" / f"{notebook.stem}.html", out / "handouts" / f"{notebook.stem}.html"
    for path, text in zip(paths, (deck, handout)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m csto.site.preview notebooks/NN_name.ipynb OUT_DIR")
    try:
        for written in preview(Path(sys.argv[1]).resolve(), Path(sys.argv[2])):
            print(written)
    except BuildError as err:
        raise SystemExit(str(err))
