"""The offline site's pages in a real headless Chromium, as a teacher and a student with paper meet them.

Every page loads from file:// with the network blocked and passes an accessibility audit; handouts print every chart
and code line inside A4; quotations link to their place in the source reader; the quote explorer filters; the
classroom kit opens from a fresh folder with no network; each worksheet fits one sheet with its story and main chart.
The decks, as a room meets them, are tested in test_deck_browser.py, their offline load and audit too (read from the
walk that loads each deck once). The every-page test and the accessibility audit read one visit of each page
(``page_visit``), so a page is loaded once for both.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin

import pytest


from browser_support import (
    TICK_LABELS_OVERLAP,
    Tab,
    all_drawn,
    drawn_figures,
    full_plotly_requests,
    lesson_stems,
    needs_chromium,
    open_page,
    serious_accessibility_violations,
)

STEMS = lesson_stems()
pytestmark = [needs_chromium, pytest.mark.browser]



def _pages(site: Path) -> list[Path]:
    """Every page of the site but the decks (test_deck_browser.py loads and audits those in its walk)."""
    return sorted(p for p in site.rglob("*.html") if not {"assets", "dataset", "decks"} & set(p.parts))


AUDITED = ["index.html", "glossary.html", "codebook.html", "sources/index.html"] + [
    f"handouts/{stem}.html" for stem in STEMS
]


# what a handout laid out for paper puts past the A4 text width, or clips at its figure's edge, or overflows in code
PRINTED_OUTSIDE = """(width) => {
  const out = [];
  document.querySelectorAll('.csto-figure, .csto-figure svg.main-svg, .csto-figure .gtitle, .csto-figure .legend')
    .forEach(el => { const r = el.getBoundingClientRect();
      if (r.width && (r.left < -1 || r.right > width + 1)) {
        out.push([el.className.baseVal || el.className, Math.round(r.right)]); } });
  document.querySelectorAll('.csto-figure').forEach(figure => {  // the svg clips what runs past its own edge
    const frame = figure.querySelector('svg.main-svg').getBoundingClientRect();
    figure.querySelectorAll('.gtitle, .legend, .annotation-text').forEach(el => {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > frame.right + 1) out.push(['clipped by its figure', el.textContent.slice(0, 40)]);
    }); });
  document.querySelectorAll('pre').forEach(el => {
    if (el.scrollWidth > el.clientWidth + 1) out.push(['pre', el.innerText.slice(0, 40)]); });
  return out; }"""


@dataclass(frozen=True)
class PageSeen:
    """What one page of the site did when loaded offline, its figures drawn (a deck once it is ready)."""

    blocked: tuple[str, ...]  # requests beyond local files, aborted
    console_errors: tuple[str, ...]  # what the page logged as errors
    requested: tuple[str, ...]  # every URL the page asked for
    figures: tuple[dict, ...]  # drawn_figures: each figure drawn and its marks
    serious: tuple | None  # axe-core's serious and critical violations, for the pages audited (else None)
    printed: tuple | None  # a handout laid out for paper: (PRINTED_OUTSIDE, axis labels over each other); else None


def _visit(tab: Tab, site: Path, name: str) -> PageSeen:
    """A page of the site loaded once offline, recording what the every-page, accessibility and paper tests judge:
    one load instead of one per test, since a load is most of such a test's time."""
    path = site / name
    page, traffic, requested = tab.open(path)
    figures = drawn_figures(page)  # audit the page as a reader sees it, figures drawn
    serious = tuple(serious_accessibility_violations(page)) if name in AUDITED else None
    printed = _laid_out_for_paper(page) if path.parent.name == "handouts" else None
    return PageSeen(tuple(traffic.blocked), tuple(traffic.console_errors), tuple(requested), tuple(figures), serious,
                    printed)


def _laid_out_for_paper(page) -> tuple[list, list]:
    """The loaded handout laid out as its PDF is printed (``csto.site.printing.print_handout``): the A4 text width,
    print media, every figure redrawn for that width. Switching a loaded page gives the same boxes, to the pixel, as
    loading it that way (compared on all seven handouts), so the page is loaded once for the screen and the paper."""
    from csto.site.printing import A4_TEXT_WIDTH_PX, RESIZE_FIGURES, lay_out_for_a4

    lay_out_for_a4(page)
    page.evaluate(RESIZE_FIGURES)
    return page.evaluate(PRINTED_OUTSIDE, A4_TEXT_WIDTH_PX), page.evaluate(TICK_LABELS_OVERLAP)


@pytest.fixture(scope="module")
def page_visit(site, browser) -> Callable[[str], PageSeen]:
    """A page's visit by its path in the site, made the first time a test asks for it and shared by the tests
    after it; the visits load one page after another in one tab."""
    return cache(partial(_visit, Tab(browser), site))


# ---- every page ---------------------------------------------------------------------------------------------------

def test_every_page_loads_offline_without_errors_and_every_figure_draws(site, page_visit):
    problems = []
    for path in _pages(site):
        name = path.relative_to(site).as_posix()
        seen = page_visit(name)
        if seen.blocked or seen.console_errors:
            problems.append((name, seen.blocked[:3], seen.console_errors[:3]))
        if not all_drawn(seen.figures):
            problems.append((name, "figures not drawn", seen.figures))
        full = full_plotly_requests(seen.requested)
        if full:
            problems.append((name, "asked for the full plotly.js", full))
    assert not problems, problems
    assert not list(site.rglob("plotly.min.js")), "the site ships only plotly.js's basic bundle"


def test_the_course_page_links_every_deck_handout_pdf_and_page(site, browser):
    page, traffic, _ = open_page(browser, site / "index.html")
    links = set(page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href'))"))
    page.close()
    for stem in STEMS:
        for href in (f"decks/{stem}.html", f"handouts/{stem}.html", f"handouts/{stem}.pdf", f"decks/{stem}.pdf",
                     f"worksheets/{stem}.html", f"worksheets/{stem}.pdf"):
            assert href in links, href
            assert (site / href).is_file(), href
    assert {"sources/index.html", "glossary.html", "codebook.html", "dataset/", "guide.html", "guide.pdf"} <= links
    assert (site / "guide.pdf").is_file()
    for pdf in site.rglob("*.pdf"):
        assert pdf.read_bytes()[:5] == b"%PDF-", pdf


@pytest.mark.parametrize("page_path", AUDITED)
def test_accessibility_audit_finds_no_serious_or_critical_violations(page_visit, page_path):
    serious = page_visit(page_path).serious
    assert not serious, serious


# ---- handouts: paper and links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_the_printed_handout_keeps_every_chart_and_code_line_on_the_page(page_visit, stem):
    outside, overlapping = page_visit(f"handouts/{stem}.html").printed
    assert not outside, f"outside the printed page: {outside[:5]}"
    assert not overlapping, f"axis labels printed over each other: {overlapping[:3]}"


class _SourceLinks(HTMLParser):
    """The addresses of a page's links whose words include 'Read it in the source'."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self._open: list[tuple[str | None, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append((dict(attrs).get("href"), []))

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, words = self._open.pop()
            if "Read it in the source" in " ".join("".join(words).split()) and href:
                self.hrefs.append(href)

    def handle_data(self, data):
        for _, words in self._open:
            words.append(data)


# where each (lesson, id) link lands on a reader page: the element's tag, and whether the lesson's class mode keeps it
# highlighted (the reader's own rule, reader.js: the passages main[data-lessons] lists for that lesson)
LINK_LANDINGS = """(links) => {
  const main = document.querySelector('main[data-lessons]');
  const lessons = JSON.parse((main && main.getAttribute('data-lessons')) || '{}');
  return links.map(([lesson, id]) => {
    const el = document.getElementById(id);
    if (!el) return [null, false];
    return [el.tagName, !lesson || (lessons[lesson] || []).includes(el.getAttribute('data-p'))]; });
}"""


def test_a_quotation_in_a_handout_links_to_its_highlight_in_the_source_reader(site, browser):
    found = []
    for stem in STEMS:
        handout = site / "handouts" / f"{stem}.html"
        links = _SourceLinks()
        links.feed(handout.read_text(encoding="utf-8"))
        found += [urljoin(handout.as_uri(), href) for href in links.hrefs]
    assert found, "no quotation links to the source reader"
    # each reader page loaded once, with the passages linked to it and the lesson (?lesson=NN) each link is from
    targets: dict[str, list[tuple[str | None, str]]] = {}
    for href in found:
        address, target = href.split("#", 1)
        file, _, query = address.partition("?")
        targets.setdefault(file, []).append((parse_qs(query).get("lesson", [None])[0], target))
    context, _ = browser
    for file, links in targets.items():
        page = context.new_page()
        page.goto(file)
        landed = page.evaluate(LINK_LANDINGS, links)
        page.close()
        for (lesson, target), (tag, highlighted) in zip(links, landed):
            assert tag == "MARK", f"{file}#{target} lands on no highlighted passage ({tag})"
            assert highlighted, f"{file}?lesson={lesson}#{target}: the passage is not one the lesson highlights"


def test_the_quote_explorer_filters_offline(site, browser):
    tables = [
        stem for stem in STEMS if "csto-explorer" in (site / "handouts" / f"{stem}.html").read_text(encoding="utf-8")
    ]
    assert tables, "no notebook shows the quote explorer"
    page, traffic, _ = open_page(browser, site / "handouts" / f"{tables[0]}.html")
    sizes = page.eval_on_selector_all(
        ".csto-explorer", "boxes => boxes.map(b => b.querySelectorAll('tbody tr').length)"
    )
    box = page.locator(".csto-explorer").nth(sizes.index(max(sizes)))  # the whole explorer, not a filtered excerpt
    select = box.locator("select").first
    options = select.locator("option").all_inner_texts()
    before = box.locator("tbody tr:not([hidden])").count()
    select.select_option(label=options[1])
    after = box.locator("tbody tr:not([hidden])").count()
    status = box.locator(".csto-filter-status").inner_text()
    page.close()
    assert 0 < after < before and f"{after} of {before}" in status
    assert traffic.blocked == []


# ---- the classroom kit --------------------------------------------------------------------------------------------

def test_the_kit_opens_from_a_fresh_folder_with_no_network(site, browser, tmp_path):
    from csto.site.dist import kit_tree, make_zip

    kit = make_zip(kit_tree(site, tmp_path / "kit"), tmp_path / "csto-course-test.zip")
    with zipfile.ZipFile(kit) as archive:
        archive.extractall(tmp_path / "usb")
    root = tmp_path / "usb" / "csto-course-test"
    assert (root / "dataset" / "datapackage.json").is_file() and list((root / "dataset" / "data").glob("*.csv"))
    assert (root / "notebooks" / "README.txt").is_file() and len(list((root / "notebooks").glob("*.ipynb"))) == 7
    for path in (root / "index.html", root / "decks" / f"{STEMS[1]}.html", root / "sources" / "index.html"):
        page, traffic, _ = open_page(browser, path)
        if "decks" in path.parts:
            page.wait_for_selector("html[data-deck-ready='true']", timeout=20000)
        figures = drawn_figures(page)
        page.close()
        assert traffic.blocked == [] and traffic.console_errors == [], (
            path.name,
            traffic.blocked,
            traffic.console_errors,
        )
        assert all(f["drawn"] for f in figures)


# ---- the teacher's kit: worksheets --------------------------------------------------------------------------------

def _pdf_pages(path: Path) -> int:
    """Pages of a PDF, counted by its page objects (Chromium writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


@pytest.mark.parametrize("stem", STEMS)
def test_each_worksheet_fits_one_sheet_and_shows_no_code_and_no_ids(site, stem):
    from csto import data
    from csto.site.worksheet import visible_text

    pdf = site / "worksheets" / f"{stem}.pdf"
    assert pdf.is_file() and 1 <= _pdf_pages(pdf) <= 2, f"{pdf.name}: {_pdf_pages(pdf)} pages; one A4 sheet is two"
    page = (site / "worksheets" / f"{stem}.html").read_text(encoding="utf-8")
    text = visible_text(page)
    assert "<pre" not in page and "<code" not in page and not re.search(r"\w\(|import |=\s*\w+\(", text), (
        "code on a worksheet"
    )
    ids = {str(v) for table in ("quotes", "claims", "events") for v in data.load(table).iloc[:, 0]}
    shown = set(re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text))
    assert not shown, f"ids on a worksheet: {sorted(shown)[:5]}"
    assert not ids & set(text.split())
    for part in ("ws-question", "ws-quote", "ws-line"):
        assert part in page, part


@pytest.mark.parametrize("stem", STEMS)
def test_each_worksheet_has_the_story_and_the_main_chart(site, stem):
    page = (site / "worksheets" / f"{stem}.html").read_text(encoding="utf-8")
    assert 'class="ws-story"' in page, f"{stem}: no story; tag the '## What happened' cell 'story'"
    assert 'class="ws-chart"' in page, f"{stem}: no chart; tag the main chart's code cell 'main-chart'"


@pytest.mark.parametrize("stem", STEMS)
def test_a_printed_worksheet_keeps_its_type_size_with_every_chart_on_it(site, stem):
    """Report 3, problems 1 and 12: a sheet with a chart scaled by a CSS transform printed shrunk to fit the
    transform's slide width (its words at three quarters, chart labels near 5 pt). 'The question:' is set in 12 pt:
    its printed height must stay near that."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is missing")
    words = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(site / "worksheets" / f"{stem}.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    box = re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">question:</word>', words)
    assert box, "no 'The question:' on the sheet's first page"
    height = float(box.group(2)) - float(box.group(1))
    assert height >= 12.5, f"{stem}: 'The question:' printed {height:.1f} pt high: the sheet was shrunk to fit"
