"""Build the offline course site: ``python -m csto.site`` (``make slides``).

Executes each notebook in a fresh kernel (only when its source, the data or the course code changed), exports a
reveal.js deck and a handout per notebook through the exporters of ``csto.site.preprocessors``, writes the pages
that are not notebooks (``csto.site.pages``), prints PDFs of decks and handouts with Chromium, and copies the shared
assets once. The new site is assembled beside the old one and exchanged with it in one atomic step, so there is
never a moment without a ``site/``, and a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import argparse
import copy
import ctypes
import hashlib
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..course import entries
from ..paths import notebooks_dir, repo_root

SITE_PACKAGE = Path(__file__).resolve().parent
PACKAGE = SITE_PACKAGE.parent
TEMPLATES = SITE_PACKAGE / "templates"
ASSETS = SITE_PACKAGE / "assets"
CELL_TIMEOUT = 300  # seconds a single cell may run before the build gives up on it
KERNELS = 2  # notebooks the build runs at once


class BuildError(RuntimeError):
    """A notebook failed; the message names the notebook, the cell (1-based, as JupyterLab counts) and its first line.
    """


@dataclass
class BuildReport:
    executed: list[str] = field(default_factory=list)  # notebooks run in a fresh kernel this time
    reused: list[str] = field(default_factory=list)  # notebooks whose inputs were unchanged: outputs from the cache
    pdfs: int = 0
    seconds: float = 0.0
    note: str = ""


def default_cache() -> Path:
    return repo_root() / ".build-cache"


# ---- executing notebooks ----------------------------------------------------------------------------------------

def shared_inputs_digest() -> str:
    """Hash of what every notebook's outputs depend on besides itself: the data, the source texts and the csto code."""
    root = repo_root()
    digest = hashlib.sha256()
    paths = [root / "datapackage.json", *sorted((root / "data").rglob("*")), *sorted((root / "seeds").glob("*")),
             *sorted(p for p in PACKAGE.rglob("*.py") if SITE_PACKAGE not in p.parents and p.name != "bench.py"),
             *sorted(PACKAGE.glob("*.csv"))]
    for path in paths:
        if path.is_file():
            base = root if root in path.parents else PACKAGE.parent  # CSTO_ROOT may hold the data apart from the code
            digest.update(path.relative_to(base).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def input_fingerprint(notebook: Path, shared: str) -> str:
    return hashlib.sha256(notebook.read_bytes() + shared.encode()).hexdigest()


def run_cells(nb: nbformat.NotebookNode, cwd: Path, started: list[int] | None = None) -> None:
    """Execute a notebook in place in a fresh python3 kernel started in ``cwd`` (as a student's Run All would).

    ``started``, if given, receives the index of each cell as it starts (nbclient's ``on_cell_start`` hook): when the
    kernel dies, the last index is the cell that was running, whatever outputs had arrived.
    """
    from nbclient import NotebookClient

    hook = (lambda cell, cell_index: started.append(cell_index)) if started is not None else None
    # the kernel's only log line is a warning that loopback TCP is unencrypted: true, and noise in every build
    NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(cwd)}}, on_cell_start=hook).execute()


def describe_cell(nb: nbformat.NotebookNode, index: int | None) -> str:
    if index is None:
        return "a cell"
    first = next((line for line in nb.cells[index].source.splitlines() if line.strip()), "")
    return f"cell {index + 1} ({first.strip()[:60]!r})"


def execute(notebook: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel; any failure (an error, a timeout, a dead kernel) is reported as
    the notebook, the 1-based cell number JupyterLab shows and the cell's first line, never as a raw traceback."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(notebook, as_version=4)
    started: list[int] = []
    running = lambda: started[-1] if started else None  # noqa: E731
    try:
        run_cells(nb, notebook.parent, started)
    except CellExecutionError as err:
        raise BuildError(
            f"notebooks/{notebook.name}: {describe_cell(nb, running())} failed: {err.ename}: {err.evalue}"
        ) from None
    except CellTimeoutError:
        raise BuildError(
            f"notebooks/{notebook.name}: {describe_cell(nb, running())} did not finish within {CELL_TIMEOUT} s"
        ) from None
    except DeadKernelError as err:
        raise BuildError(
            f"notebooks/{notebook.name}: the kernel died while running {describe_cell(nb, running())}: {err}"
        ) from None
    return nb


def executed_notebook(notebook: Path, cache: Path, shared: str, log) -> tuple[nbformat.NotebookNode, str, bool]:
    """(executed notebook, fingerprint, ran?): from the cache when the inputs are unchanged, else run now."""
    fingerprint = input_fingerprint(notebook, shared)
    stored, stamp = cache / f"{notebook.stem}.ipynb", cache / f"{notebook.stem}.fingerprint"
    if stored.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return nbformat.read(stored, as_version=4), fingerprint, False
    log(f"executing notebooks/{notebook.name} ...")
    nb = execute(notebook)
    nbformat.write(nb, stored)
    stamp.write_text(fingerprint)
    # the notebook as the cache holds it (nbformat writes outputs with sorted keys): a page made from it now is the
    # page a rebuild makes from the cache, so the worksheets and their PDFs do not change on a rebuild
    return nbformat.read(stored, as_version=4), fingerprint, True


# ---- exporting pages ------------------------------------------------------------------------------------------------

def export(nb: nbformat.NotebookNode, entry: dict) -> tuple[str, str]:
    """(deck HTML, handout HTML) for an executed notebook, through the site's exporters and their preprocessors."""
    from .preprocessors import DeckExporter, HandoutExporter, site_config

    nb = copy.deepcopy(nb)
    stem = Path(entry["file"]).stem
    nb.metadata["title"] = f"{entry['notebook']} {entry['title']}"
    nb.metadata["csto"] = {"number": entry["notebook"], "title": entry["title"], "question": entry["question"],
                           "minutes_class": entry["minutes_class"], "stem": stem}
    config = site_config(stem)
    deck, _ = DeckExporter(config=config).from_notebook_node(nb)
    handout, _ = HandoutExporter(config=config).from_notebook_node(nb)
    return deck, handout


def exporter_fingerprint() -> str:
    """Hash of what turns an executed notebook into pages: the site code and the templates."""
    digest = hashlib.sha256()
    for path in sorted(p for p in (*SITE_PACKAGE.glob("*.py"), *TEMPLATES.rglob("*")) if p.is_file()):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def executed_notebooks(notebooks: list[Path], cache: Path, shared: str, log) -> list[tuple]:
    """``executed_notebook`` for each notebook, two kernels at a time (a kernel waits on its client and the client
    on its kernel: two runs share two cores better than one); the first failure, in course order, is raised."""
    with ThreadPoolExecutor(KERNELS) as pool:
        return list(pool.map(lambda notebook: executed_notebook(notebook, cache, shared, log), notebooks))


def exported_pages(
    notebook: Path, entry: dict, cache: Path, execution: tuple[nbformat.NotebookNode, str, bool]
) -> tuple[str, str, bool, nbformat.NotebookNode]:
    """(deck, handout, executed?, executed notebook) for one notebook: pages from the cache when neither the notebook's
    inputs nor the exporter changed, else exported again (``execution``: ``executed_notebook``'s answer)."""
    nb, fingerprint, ran = execution
    key = hashlib.sha256((fingerprint + exporter_fingerprint()).encode()).hexdigest()[:16]
    deck_file, handout_file = cache / f"{notebook.stem}.{key}.deck.html", cache / f"{notebook.stem}.{key}.handout.html"
    if deck_file.exists() and handout_file.exists():
        return deck_file.read_text(encoding="utf-8"), handout_file.read_text(encoding="utf-8"), ran, nb
    deck, handout = export(nb, entry)
    for old in cache.glob(f"{notebook.stem}.*.*.html"):
        old.unlink()
    deck_file.write_text(deck, encoding="utf-8")
    handout_file.write_text(handout, encoding="utf-8")
    return deck, handout, ran, nb


def nbconvert_css() -> str:
    """nbconvert's own notebook styles, found where Jupyter looks for templates (not assumed under sys.prefix)."""
    from jupyter_core.paths import jupyter_path

    wanted = ("lab/static/index.css", "lab/static/theme-light.css", "reveal/static/custom_reveal.css")
    for base in map(Path, jupyter_path("nbconvert", "templates")):
        if all((base / w).is_file() for w in wanted):
            return "\n".join((base / w).read_text(encoding="utf-8") for w in wanted)
    raise BuildError("nbconvert's templates were not found on Jupyter's data path; is nbconvert installed?")


THEME_FONTS = Path("reveal.js") / "dist" / "theme" / "fonts" / "source-sans-pro"


def compact_css(css: str) -> str:
    """CSS without comments and runs of white space: nbconvert's notebook styles are a quarter of a megabyte."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    return re.sub(r"\s*([{};,>])\s*", r"\1", css).strip() + "\n"


def write_assets(target: Path) -> None:
    """Shared assets, once per site: reveal.js, plotly.js's basic bundle, notebook CSS, course CSS and JS.

    reveal's theme imports its web font (Source Sans Pro, 440 KB); the course's styles set DejaVu Sans, Verdana or
    Arial instead, so the font files are not shipped and the import points at an empty style sheet.
    """
    assets = target / "assets"
    shutil.copytree(ASSETS, assets, ignore=shutil.ignore_patterns("*.woff", "*.woff2"))
    (assets / THEME_FONTS / "source-sans-pro.css").write_text(
        "/* The course sets its own fonts (csto/site/assets/course.css): reveal's web font is not shipped. */\n",
        encoding="utf-8",
    )
    (assets / "notebook.css").write_text(compact_css(nbconvert_css()), encoding="utf-8")


# ---- the atomic swap ------------------------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2  # linux/fs.h


def exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_into_place(staging: Path, site: Path) -> None:
    """Put the finished site in place: exchanged atomically with the old one where the system allows it (the old
    site is then deleted), else moved aside and replaced (a moment without a site only on such systems)."""
    if site.exists() and exchange(staging, site):
        shutil.rmtree(staging)
        return
    retired = site.with_name(f".{site.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)


# ---- the build
# ----------------------------------------------------------------------------------------------------------

def build(site: Path | None = None, pdf: bool = True, log=print, cache: Path | None = None) -> BuildReport:
    """Build the whole site into ``site`` (default: <repo>/site), atomically and incrementally, caching in ``cache``."""
    from . import guide, pages, printing, worksheet

    started = time.perf_counter()
    site = Path(site) if site else repo_root() / "site"
    cache = Path(cache) if cache else default_cache()
    cache.mkdir(parents=True, exist_ok=True)
    staging = site.with_name(f".{site.name}-staging")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "decks").mkdir(parents=True)
    (staging / "handouts").mkdir()
    report, rows, executed = BuildReport(), [], {}
    shared = shared_inputs_digest()
    try:
        write_assets(staging)
        lessons = [(entry, notebooks_dir() / entry["file"]) for entry in entries()]
        executions = executed_notebooks([notebook for _, notebook in lessons], cache, shared, log)
        for (entry, notebook), execution in zip(lessons, executions):
            deck, handout, ran, executed[notebook.stem] = exported_pages(notebook, entry, cache, execution)
            (report.executed if ran else report.reused).append(notebook.stem)
            (staging / "decks" / f"{notebook.stem}.html").write_text(deck, encoding="utf-8")
            (staging / "handouts" / f"{notebook.stem}.html").write_text(handout, encoding="utf-8")
            rows.append({**entry, "stem": notebook.stem})
        pages.write_pages(staging, cache)
        (staging / "guide.html").write_text(guide.guide_html(), encoding="utf-8")
        sheets = worksheet.write_worksheets(staging, executed)
        pages.write_dataset(staging)
        if pdf:
            a4 = [staging / "guide.html", *(staging / "worksheets" / f"{s}.html" for s in sheets)]
            report.pdfs, report.note = printing.write_pdfs(staging, [r["stem"] for r in rows], cache, a4)
        pages.write_index(staging, rows)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, site)
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m csto.site", description="Build the offline course site (decks, handouts, PDFs, pages)."
    )
    parser.add_argument("--site", type=Path, default=None, help="output folder (default: site/)")
    parser.add_argument("--cache", type=Path, default=None, help="build cache (default: .build-cache/)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs")
    args = parser.parse_args(argv)
    site = args.site or repo_root() / "site"
    try:
        report = build(site, pdf=not args.no_pdf, cache=args.cache)
    except BuildError as err:
        print(f"build failed, {site.name}/ left as it was: {err}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(
        f"site built in {report.seconds:.1f} s: {len(report.executed)} notebooks executed, "
        f"{len(report.reused)} reused, "
        f"{report.pdfs} PDFs; {size / 1e6:.1f} MB in {site}"
    )
    if report.note:
        print(report.note)
    return 0
