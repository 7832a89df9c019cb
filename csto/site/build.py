"""Build the offline course site: ``python -m csto.build`` (``make slides``).

Executes each notebook in a fresh kernel (only when its source or the data changed), turns its plotly outputs into
HTML that draws from one shared local plotly.js, and writes ``site/``: ``index.html``, a reveal.js deck and a
handout (HTML, and PDF when Chromium is present) per notebook, and ``assets/`` once. The new site is assembled
next to the old one and swapped in only when everything succeeded, so a failed build leaves the old site intact.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import html
import json
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..course import course_map
from ..paths import notebooks_dir, repo_root

SITE_PACKAGE = Path(__file__).resolve().parent
PACKAGE = SITE_PACKAGE.parent
TEMPLATES = SITE_PACKAGE / "templates"
ASSETS = SITE_PACKAGE / "assets"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
FIGURE_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["sendDataToCloud"]}


class BuildError(RuntimeError):
    """A notebook failed; the message names the notebook and the cell."""


@dataclass
class BuildReport:
    executed: list[str] = field(default_factory=list)  # notebooks run in a fresh kernel this time
    reused: list[str] = field(default_factory=list)  # notebooks whose inputs were unchanged: outputs from the cache
    pdfs: int = 0
    seconds: float = 0.0
    note: str = ""


def input_fingerprint(notebook: Path) -> str:
    """Hash of what a notebook's outputs depend on: its source, the data, the seeds and the csto code."""
    root = repo_root()
    digest = hashlib.sha256(notebook.read_bytes())
    for folder, pattern in ((root / "data", "**/*"), (root / "seeds", "*"), (PACKAGE, "**/*.py"), (PACKAGE, "*.csv")):
        for path in sorted(p for p in folder.glob(pattern) if p.is_file() and SITE_PACKAGE not in p.parents and p.name != "bench.py"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_cells(nb: nbformat.NotebookNode, cwd: Path) -> None:
    """Execute a notebook in place in a fresh python3 kernel started in ``cwd`` (as a student's Run All would)."""
    from nbclient import NotebookClient

    # the kernel's only log line is a warning that loopback TCP is unencrypted: true, and noise in every build
    NotebookClient(nb, timeout=300, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(cwd)}}).execute()


def execute(notebook: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel; on failure say which cell and why."""
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(notebook, as_version=4)
    try:
        run_cells(nb, notebook.parent)
    except CellExecutionError as err:
        failing = next((i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        raise BuildError(f"notebooks/{notebook.name}: cell {failing} failed: {err.ename}: {err.evalue}") from err
    return nb


def figure_html(figure: dict, element_id: str) -> str:
    """A plotly figure as a div plus a script that draws it with the page's shared plotly.js (see assets/figures.js)."""
    layout = figure.get("layout", {})
    alt = (layout.get("meta") or {}).get("alt", "Chart")
    payload = json.dumps({"data": figure.get("data", []), "layout": layout, "config": FIGURE_CONFIG}, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")
    return (f'<div class="csto-figure" role="figure" aria-label="{html.escape(alt)}">'
            f'<div id="{element_id}" class="plotly-graph-div"></div></div>\n'
            f'<script>cstoDraw("{element_id}",{payload});</script>')


def figures_to_html(nb: nbformat.NotebookNode, prefix: str) -> int:
    """Give every plotly output an HTML form (nbconvert drops the bare plotly mimetype); returns the figure count."""
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                count += 1
                data["text/html"] = figure_html(data.pop(PLOTLY_MIME), f"csto-{prefix}-fig-{count}")  # ids must not start with a digit
                data.pop("text/plain", None)
    return count


def _exporter(kind: str):
    from nbconvert import HTMLExporter, SlidesExporter
    from traitlets.config import Config

    # Pygments' black-and-white style: the default colours (#408080 comments on #f5f5f5) fail WCAG contrast.
    config = Config({"CSSHTMLHeaderPreprocessor": {"style": "bw"}})
    if kind == "deck":
        exporter = SlidesExporter(config=config, template_name="csto_deck", extra_template_basedirs=[str(TEMPLATES)])
        exporter.reveal_url_prefix = "../assets/reveal.js"
        exporter.reveal_theme = "white"
        exporter.reveal_transition = "none"
        exporter.exclude_input = True
    else:
        exporter = HTMLExporter(config=config, template_name="csto_handout", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def without_notes(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Handouts are for students: the teacher's speaker notes stay in the deck."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if c.metadata.get("slideshow", {}).get("slide_type") != "notes"]
    return out


def export(nb: nbformat.NotebookNode, title: str) -> tuple[str, str]:
    """(deck HTML, handout HTML) for an executed notebook whose figures are already HTML."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    deck, _ = _exporter("deck").from_notebook_node(nb)
    handout, _ = _exporter("handout").from_notebook_node(without_notes(nb))
    return site_links(deck), site_links(handout)


def site_links(page: str) -> str:
    """Links between notebooks ('02_calls_for_help.ipynb') point to the sibling page in the site instead."""
    return re.sub(r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"', r'href="\1.html\2"', page)


def write_assets(target: Path) -> None:
    """Shared assets, once per site: reveal.js, plotly.js from the plotly wheel, notebook CSS, course CSS/JS."""
    import plotly

    assets = target / "assets"
    shutil.copytree(ASSETS, assets)
    shutil.copy2(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", assets / "plotly.min.js")
    static = Path(sys.prefix) / "share" / "jupyter" / "nbconvert" / "templates"
    css = [static / "lab" / "static" / "index.css", static / "lab" / "static" / "theme-light.css", static / "reveal" / "static" / "custom_reveal.css"]
    (assets / "notebook.css").write_text("\n".join(p.read_text(encoding="utf-8") for p in css), encoding="utf-8")


def index_html(rows: list[dict]) -> str:
    """The course page: each notebook with its question, time and links to its deck and handouts."""
    body = "\n".join(
        f"<tr><td>{html.escape(r['notebook'])}</td><td><strong>{html.escape(r['title'])}</strong><br>{html.escape(r['question'])}</td>"
        f"<td>{r['minutes_self']} min alone<br>{r['minutes_class']} min in class</td>"
        f"<td><a href=\"decks/{r['stem']}.html\">Slides</a><br><a href=\"handouts/{r['stem']}.html\">Handout</a>"
        + (f"<br><a href=\"handouts/{r['stem']}.pdf\">PDF</a>" if r["pdf"] else "") + "</td></tr>"
        for r in rows)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>The CSTO in seven notebooks</title><link rel="stylesheet" href="assets/course.css"></head>
<body class="csto-index"><main>
<h1>The CSTO in seven notebooks</h1>
<p>A sourced course on the Collective Security Treaty Organization, the Russia-led military bloc. Every slide works
offline from this folder. In a deck press <kbd>S</kbd> for speaker notes and <kbd>F</kbd> for full screen.</p>
<table><caption>Course map</caption><thead><tr><th scope="col">#</th><th scope="col">Notebook and question</th><th scope="col">Time</th><th scope="col">Open</th></tr></thead>
<tbody>
{body}
</tbody></table>
<p>Built from the course's notebooks and data; sources are listed in each notebook and in data/sources.csv.</p>
</main></body></html>
"""


def write_pdfs(site: Path, stems: list[str], cache: Path) -> tuple[int, str]:
    """Print each handout to PDF with Chromium (network blocked), reusing a PDF whose handout HTML is unchanged."""
    from .browser import chromium_path, offline_browser

    pending = []
    for stem in stems:
        handout = site / "handouts" / f"{stem}.html"
        key = hashlib.sha256(handout.read_bytes()).hexdigest()
        cached = cache / f"{stem}.{key[:16]}.pdf"
        if cached.exists():
            shutil.copy2(cached, site / "handouts" / f"{stem}.pdf")
        else:
            pending.append((stem, cached))
    if not pending:
        return 0, ""
    if chromium_path() is None:
        return 0, "PDF handouts skipped: install Debian's chromium (apt-get install chromium) to build them."
    with offline_browser(viewport=(1100, 1400)) as (context, _traffic):
        page = context.new_page()
        for stem, cached in pending:
            page.goto((site / "handouts" / f"{stem}.html").as_uri())
            page.wait_for_function("Array.from(document.querySelectorAll('.plotly-graph-div')).every(d => d.querySelector('.main-svg'))", timeout=30000)
            page.pdf(path=str(cached), format="A4", print_background=True,
                     margin={"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"})
            for old in cache.glob(f"{stem}.*.pdf"):
                if old != cached:
                    old.unlink()
            shutil.copy2(cached, site / "handouts" / f"{stem}.pdf")
    return len(pending), ""


def executed_notebook(notebook: Path, cache: Path, log) -> tuple[nbformat.NotebookNode, bool]:
    """The executed notebook: from the cache when its inputs are unchanged, else run now. Returns (nb, ran)."""
    fingerprint = input_fingerprint(notebook)
    stored, stamp = cache / f"{notebook.stem}.ipynb", cache / f"{notebook.stem}.fingerprint"
    if stored.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return nbformat.read(stored, as_version=4), False
    log(f"executing notebooks/{notebook.name} ...")
    nb = execute(notebook)
    nbformat.write(nb, stored)
    stamp.write_text(fingerprint)
    return nb, True


def exporter_fingerprint() -> str:
    """Hash of what turns an executed notebook into pages: this module and the templates."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def exported_pages(notebook: Path, entry: dict, cache: Path, log) -> tuple[str, str, bool]:
    """(deck, handout, executed?) for one notebook: pages from the cache when neither the notebook's inputs nor
    the exporter changed, else exported again (and executed only if the inputs changed)."""
    nb, ran = executed_notebook(notebook, cache, log)
    key = hashlib.sha256((cache / f"{notebook.stem}.fingerprint").read_bytes() + exporter_fingerprint().encode()).hexdigest()[:16]
    deck_file, handout_file = cache / f"{notebook.stem}.{key}.deck.html", cache / f"{notebook.stem}.{key}.handout.html"
    if not ran and deck_file.exists() and handout_file.exists():
        return deck_file.read_text(encoding="utf-8"), handout_file.read_text(encoding="utf-8"), ran
    figures_to_html(nb, notebook.stem)
    deck, handout = export(nb, f"{entry['notebook']} {entry['title']}")
    for old in cache.glob(f"{notebook.stem}.*.*.html"):
        old.unlink()
    deck_file.write_text(deck, encoding="utf-8")
    handout_file.write_text(handout, encoding="utf-8")
    return deck, handout, ran


def build(site: Path | None = None, pdf: bool = True, log=print) -> BuildReport:
    """Build the whole site into ``site`` (default: <repo>/site), atomically and incrementally."""
    started = time.perf_counter()
    root = repo_root()
    site = Path(site) if site else root / "site"
    cache = root / ".build-cache"
    cache.mkdir(exist_ok=True)
    staging = site.with_name(f".{site.name}-staging")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "decks").mkdir(parents=True)
    (staging / "handouts").mkdir()
    report, rows = BuildReport(), []
    try:
        write_assets(staging)
        for entry in course_map().to_dict("records"):
            notebook = notebooks_dir() / entry["file"]
            deck, handout, ran = exported_pages(notebook, entry, cache, log)
            (report.executed if ran else report.reused).append(notebook.stem)
            (staging / "decks" / f"{notebook.stem}.html").write_text(deck, encoding="utf-8")
            (staging / "handouts" / f"{notebook.stem}.html").write_text(handout, encoding="utf-8")
            rows.append({**entry, "stem": notebook.stem})
        if pdf:
            report.pdfs, report.note = write_pdfs(staging, [r["stem"] for r in rows], cache)
        rows = [{**r, "pdf": (staging / "handouts" / f"{r['stem']}.pdf").exists()} for r in rows]
        (staging / "index.html").write_text(index_html(rows), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = site.with_name(f".{site.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline course site (decks, handouts, PDFs, index).")
    parser.add_argument("--site", type=Path, default=None, help="output folder (default: site/)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF handouts")
    args = parser.parse_args(argv)
    try:
        report = build(args.site, pdf=not args.no_pdf)
    except BuildError as err:
        print(f"build failed, site/ left as it was: {err}", file=sys.stderr)
        return 1
    site = args.site or repo_root() / "site"
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"site built in {report.seconds:.1f} s: {len(report.executed)} notebooks executed, {len(report.reused)} reused, "
          f"{report.pdfs} PDFs; {size / 1e6:.1f} MB in {site}")
    if report.note:
        print(report.note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
