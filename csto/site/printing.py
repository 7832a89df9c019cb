"""PDFs for paper and for teachers who present from a PDF, printed by Debian's Chromium with the network walled off.

- A handout prints on A4. Before printing, the page is laid out at the A4 text width (so plotly draws every chart
  for the page, not for a wide screen) in print media (so code wraps and navigation is hidden).
- A deck prints one slide per page at 1280×720 through reveal.js's own ``?print-pdf`` mode, speaker notes off.

A PDF is reused from the cache while the page it is printed from is unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

A4_MARGIN_MM = 10
PRINTERS = 2  # browsers printing at once
# 718 CSS px: the width a handout is laid out at for paper
A4_TEXT_WIDTH_PX = round((210 - 2 * A4_MARGIN_MM) / 25.4 * 96)
FIGURES_DRAWN = "Array.from(document.querySelectorAll('.plotly-graph-div')).every(d => d.querySelector('.main-svg'))"
RESIZE_FIGURES = ("() => Promise.all(Array.from(document.querySelectorAll('.plotly-graph-div'))"
                  ".map(d => window.Plotly.Plots.resize(d)))")


def _assets_digest(site: Path) -> bytes:
    """What a printed page looks like besides its own HTML: the shared styles and scripts."""
    digest = hashlib.sha256()
    for path in sorted(p for p in (site / "assets").rglob("*") if p.is_file() and p.suffix in (".css", ".js")):
        digest.update(path.read_bytes())
    return digest.digest()


def _pending(pages: list[Path], cache: Path, kind: str, site: Path, how: str = "") -> list[tuple[Path, Path, Path]]:
    """(page, cached PDF, PDF in the site) for each page whose PDF is not cached; cached ones are copied now.
    A PDF is reused only while its page, the shared assets and how it is printed (``how``) are unchanged."""
    pending = []
    assets = (_assets_digest(site) + how.encode()) if pages else b""
    for page in pages:
        key = hashlib.sha256(page.read_bytes() + assets).hexdigest()[:16]
        cached, target = cache / f"{page.stem}.{kind}.{key}.pdf", page.with_suffix(".pdf")
        if cached.exists():
            shutil.copy2(cached, target)
        else:
            pending.append((page, cached, target))
    return pending


def _store(cached: Path, target: Path, kind: str) -> None:
    stem = target.stem
    for old in cached.parent.glob(f"{stem}.{kind}.*.pdf"):
        if old != cached:
            old.unlink()
    shutil.copy2(cached, target)


def lay_out_for_a4(page) -> None:
    """Lay a page out for A4 paper from now on: the text width, print media."""
    page.set_viewport_size({"width": A4_TEXT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")


def a4_page(context):
    """A page that lays what it loads out for A4 paper (``lay_out_for_a4``)."""
    page = context.new_page()
    lay_out_for_a4(page)
    return page


def print_handout(page, handout: Path, pdf: Path) -> None:
    """One handout on A4, on a page from ``a4_page``: figures redrawn for the text width."""
    page.goto(handout.as_uri())
    page.wait_for_function(FIGURES_DRAWN, timeout=30000)
    page.evaluate(RESIZE_FIGURES)
    page.pdf(path=str(pdf), format="A4", print_background=True,
             margin={"top": "12mm", "bottom": "12mm", "left": f"{A4_MARGIN_MM}mm", "right": f"{A4_MARGIN_MM}mm"})


# one page per slide, fragments shown; reveal's margin makes each page larger than its slide by that share, the slide
# centred on it, so nothing touches the paper's edge and the footer sits under the slide, not over its last line
DECK_PRINT_MARGIN = 0.06
DECK_PRINT_QUERY = (f"?print-pdf&pdfSeparateFragments=false&margin={DECK_PRINT_MARGIN}&pdfMaxPagesPerSlide=2"
                    "&center=false")  # slides from the top of their page, as on paper: the footer has room under them
PDF_READY = (
    "document.addEventListener('pdf-ready', () => document.documentElement.setAttribute('data-pdf-ready', 'true'))"
)
NO_TRAILING_PAGE = (
    ".reveal .pdf-page:last-of-type { break-after: avoid !important; page-break-after: avoid !important; }"
)


def deck_page(context):
    """A page for printing decks at 1280×720 that marks each document once reveal.js has laid out its print pages
    (``PDF_READY``)."""
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 720})
    page.add_init_script(PDF_READY)
    return page


def print_deck(page, deck: Path, pdf: Path) -> None:
    """One deck, one slide per page, through reveal.js's print mode (speaker notes are not printed), on a page from
    ``deck_page``.

    reveal lays the print pages out after the deck is ready and then fires ``pdf-ready``: printing earlier gave a
    one-page PDF. Each print page breaks after itself, so the last one is told not to (no trailing blank page).
    """
    page.goto(deck.as_uri() + DECK_PRINT_QUERY)
    page.wait_for_selector("html[data-pdf-ready='true']", state="attached", timeout=30000)
    # the course's own layout too (course.js fits every slide to its frame when printing)
    page.wait_for_selector("html[data-print-fitted='true']", state="attached", timeout=30000)
    page.wait_for_function(FIGURES_DRAWN, timeout=30000)
    page.evaluate(RESIZE_FIGURES)  # figures drawn while their slide was hidden take the print page's width now
    page.add_style_tag(content=NO_TRAILING_PAGE)
    page.pdf(
        path=str(pdf),
        prefer_css_page_size=True,  # reveal's @page: the slide plus its margin
        print_background=True,
        margin={"top": "0", "bottom": "0", "left": "0", "right": "0"},
    )


PAGE_FOR = {print_handout: a4_page, print_deck: deck_page}  # the page each way of printing is done on


def write_pdfs(site: Path, stems: list[str], cache: Path, a4_pages: list[Path] = ()) -> tuple[int, str]:
    """Print every handout (reading pack), every other A4 page given (the guide, the worksheets) and every deck to
    PDF; returns (PDFs printed now, a note when Chromium is missing)."""
    from .browser import chromium_path, offline_browser

    jobs = [
        (print_handout, *job, "handout")
        for job in _pending([site / "handouts" / f"{s}.html" for s in stems], cache, "handout", site)
    ]
    jobs += [
        (print_handout, *job, f"a4-{p.parent.name}")
        for p in a4_pages
        for job in _pending([p], cache, f"a4-{p.parent.name}", site)
    ]
    jobs += [
        (print_deck, *job, "deck")
        for job in _pending([site / "decks" / f"{s}.html" for s in stems], cache, "deck", site, DECK_PRINT_QUERY)
    ]
    if not jobs:
        return 0, ""
    if chromium_path() is None:
        for _, _, _, target, _ in jobs:
            target.unlink(missing_ok=True)
        return 0, "PDFs skipped: install Debian's chromium (apt-get install chromium) to build them."
    def print_share(share: list) -> list[str]:
        # one page for each way of printing, loading one document after another: a new page for every document
        # costs a new renderer, and plotly.js compiled again in it (22 PDFs: about a fifth of the printing time)
        with offline_browser() as (context, traffic):
            pages = {}
            for printer, source, cached, target, kind in share:
                if printer not in pages:
                    pages[printer] = PAGE_FOR[printer](context)
                printer(pages[printer], source, cached)
                _store(cached, target, kind)
            return traffic.blocked

    # two browsers, each printing every other page: one lays a page out while the other writes its PDF (43 s -> 35 s
    # for the 22 PDFs on two cores); Playwright's synchronous API wants one browser per thread
    shares = [jobs[i::PRINTERS] for i in range(PRINTERS)]
    with ThreadPoolExecutor(PRINTERS) as pool:
        blocked = [url for urls in pool.map(print_share, [s for s in shares if s]) for url in urls]
    if blocked:
        raise RuntimeError(f"printing reached for the network: {blocked[:3]}")
    return len(jobs), ""
