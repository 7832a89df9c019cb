"""The offline site in a real headless Chromium, as a teacher at a projector and a student with paper meet it.

Every page loads from file:// with the network blocked; decks are designed for a room (large text, designed tables, no
text dumps, charts that fill the frame, evidence visible without hovering, no code instructions), walk in order with →,
open a speaker view with notes and a timer, and print whole; handouts print every chart and code line inside A4;
quotations link to their place in the source reader; the classroom kit opens from a fresh folder with no network.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from csto.course import entries
from csto.site.browser import offline_browser

from browser_support import drawn_figures, needs_chromium, serious_accessibility_violations

ROOT = Path(__file__).resolve().parents[2]
STEMS = [Path(e["file"]).stem for e in entries()]
pytestmark = [needs_chromium, pytest.mark.browser]
BODY_MIN_PX, TABLE_MIN_PX = 24, 18
CODE_INSTRUCTIONS = re.compile(
    r"(?i)\b(run|re-?run|execute)\b[^.\n]{0,30}\b(cell|code)\b|\bcell (below|above)\b|\bnext cell\b|"
    r"\bshift\s*\+\s*enter\b|\btype (your|in)\b"
)


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site[0]


@pytest.fixture(scope="module")
def browser():
    with offline_browser() as (context, traffic):
        yield context, traffic


def _open(browser, path: Path, query: str = ""):
    context, traffic = browser
    traffic.blocked.clear()
    traffic.console_errors.clear()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path.as_uri() + query)
    page.wait_for_load_state("load")
    return page, traffic, requested


def _deck(browser, site: Path, stem: str):
    page, traffic, requested = _open(browser, site / "decks" / f"{stem}.html")
    page.wait_for_selector("html[data-deck-ready='true']", timeout=20000)
    return page, traffic, requested


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and "dataset" not in p.parts)


# ---- every page -------------------------------------------------------------------------------------------------

def test_every_page_loads_offline_without_errors_and_every_figure_draws(site, browser):
    problems = []
    for path in _pages(site):
        page, traffic, requested = _open(browser, path)
        if "decks" in path.parts:
            page.wait_for_selector("html[data-deck-ready='true']", timeout=20000)
        figures = drawn_figures(page)
        page.close()
        name = str(path.relative_to(site))
        if traffic.blocked or traffic.console_errors:
            problems.append((name, traffic.blocked[:3], traffic.console_errors[:3]))
        if not all(f["drawn"] and f["marks"] > 0 for f in figures):
            problems.append((name, "figures not drawn", figures))
        full = [u for u in requested if u.endswith("plotly.min.js") or "plotly-2" in u or "plotly-latest" in u]
        if full:
            problems.append((name, "asked for the full plotly.js", full))
    assert not problems, problems
    assert not list(site.rglob("plotly.min.js")), "the site ships only plotly.js's basic bundle"


def test_the_course_page_links_every_deck_handout_pdf_and_page(site, browser):
    page, traffic, _ = _open(browser, site / "index.html")
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


@pytest.mark.parametrize("page_path", ["index.html", "glossary.html", "codebook.html", "sources/index.html"]
                         + [f"{kind}/{stem}.html" for kind in ("decks", "handouts") for stem in STEMS])
def test_accessibility_audit_finds_no_serious_or_critical_violations(site, browser, page_path):
    page, _, _ = _open(browser, site / page_path)
    drawn_figures(page)  # audit the page as a reader sees it, figures drawn
    serious = serious_accessibility_violations(page)
    page.close()
    assert not serious, serious


# ---- decks: designed for a room ---------------------------------------------------------------------------------

LEAVES = """() => Array.from(document.querySelectorAll('.reveal .slides section'))
    .filter(s => !s.querySelector('section'))
    .map(s => { const i = Reveal.getIndices(s); return [i.h, i.v || 0]; })"""

FIGURES_SETTLED = """() => Array.from(
    document.querySelectorAll('.reveal .slides section.present:not(.stack) .plotly-graph-div'))
    .every(d => { const svg = d.querySelector('svg.main-svg');
      return svg && Math.abs(svg.getBoundingClientRect().width - d.getBoundingClientRect().width) < 2; })"""

SLIDE_AUDIT = """() => {
  const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
  const zoom = parseFloat(slide.style.zoom || '1');
  const visible = el => { const r = el.getBoundingClientRect();
    return r.width > 2 && r.height > 2 && !el.closest('.csto-alt, .plotly-graph-div, aside.notes'); };
  const size = el => parseFloat(getComputedStyle(el).fontSize) * zoom;
  // a rendered-markdown box counts by the words it holds itself: its headings and paragraphs are measured as such
  const ownText = el => !el.matches('.jp-RenderedMarkdown')
    || Array.from(el.childNodes).some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const body = Array.from(slide.querySelectorAll('p, li, blockquote, dd, dt, .jp-RenderedMarkdown')).filter(visible)
    .filter(el => el.innerText.trim() && !el.closest('table') && ownText(el));
  const cells = Array.from(slide.querySelectorAll('td, th, caption')).filter(visible).filter(el => el.innerText.trim());
  const scale = Reveal.getScale();
  const figures = Array.from(slide.querySelectorAll('.csto-figure'))
    .map(f => { const r = f.getBoundingClientRect(); return [r.width / scale, r.height / scale]; });
  const quoted = Array.from(slide.querySelectorAll('.plotly-graph-div')).some(div => (div.data || []).some(t =>
      t.customdata && t.hovertemplate && t.hovertemplate.includes('customdata[2]')
      && t.customdata.some(c => c && c[2] && c[2].length > 2)));
  return {
    smallBody: body.filter(el => size(el) < %d).map(el => [el.tagName, size(el), el.innerText.slice(0, 40)]),
    smallCells: cells.filter(el => size(el) < %d).map(el => [size(el), el.innerText.slice(0, 30)]),
    dumps: Array.from(slide.querySelectorAll('pre, .jp-RenderedText')).filter(visible)
      .map(el => el.innerText.slice(0, 40)),
    dtype: /dtype:|Name: \\w+, dtype|<pandas|object at 0x/.test(slide.innerText),
    text: slide.innerText, figures: figures, quoted: quoted, tables: slide.querySelectorAll('table').length,
  };
}""" % (BODY_MIN_PX, TABLE_MIN_PX)


@pytest.mark.parametrize("stem", STEMS)
def test_every_slide_is_designed_for_the_room(site, browser, stem):
    page, _, _ = _deck(browser, site, stem)
    leaves = page.evaluate(LEAVES)
    problems, audits = [], []
    for h, v in leaves:
        page.evaluate(f"() => Reveal.slide({h}, {v})")
        page.wait_for_timeout(60)
        page.wait_for_function(FIGURES_SETTLED, timeout=5000)
        audit = page.evaluate(SLIDE_AUDIT)
        audits.append(audit)
        where = f"slide {h}.{v}"
        if audit["smallBody"]:
            problems.append((where, "text under 24 px", audit["smallBody"][:2]))
        if audit["smallCells"]:
            problems.append((where, "table text under 18 px", audit["smallCells"][:2]))
        if audit["dumps"] or audit["dtype"]:
            problems.append((where, "plain-text dump", audit["dumps"][:2]))
        for width, height in audit["figures"]:
            if width < 1000 or height < 360:
                problems.append((where, f"chart {width:.0f}×{height:.0f}: it must use the width and half the height"))
        if CODE_INSTRUCTIONS.search(audit["text"]):
            problems.append((where, "tells the room to run code", CODE_INSTRUCTIONS.search(audit["text"]).group(0)))
        overlapping = page.evaluate(
            f"() => ({TICK_LABELS_OVERLAP})(document.querySelector('.reveal .slides section.present:not(.stack)'))"
        )
        if overlapping:
            problems.append((where, "axis labels drawn over each other", overlapping[:2]))
    for (where, audit), following in zip(zip(leaves, audits), audits[1:] + [None]):
        if audit["quoted"] and not (following and following["tables"]):
            problems.append(
                (f"slide {where}", "a chart's quoted evidence is only in hover text: no table on the next slide")
            )
    page.close()
    assert not problems, problems


TICK_LABELS_OVERLAP = """(scope) => {
  const out = [];
  (scope ? [scope] : [document]).forEach(root => root.querySelectorAll('.csto-figure')
    .forEach(figure => ['xtick', 'ytick'].forEach(kind => {
    // a label plotly turned to fit has a slanted box that meets its neighbour's even when the words do not: skipped
    const boxes = Array.from(figure.querySelectorAll(`.${kind} text`))
      .filter(t => !/rotate\\((?!0)/.test(t.getAttribute('transform') || ''))
      .map(t => [t.textContent, t.getBoundingClientRect()]).filter(b => b[1].width);
    boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, q]) => {
      if (r.left < q.right - 2 && q.left < r.right - 2 && r.top < q.bottom - 2 && q.top < r.bottom - 2) {
        out.push([a, b]); } }));
  })));
  return out;
}"""

FRAME_BOTTOM = 695  # px of the 720 px frame: below it the footer and the slide number sit

CONTENT_BOTTOM = """() => {
  const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
  const top = document.querySelector('.reveal .slides').getBoundingClientRect().top, scale = Reveal.getScale();
  let bottom = 0, what = '';
  slide.querySelectorAll('*').forEach(el => {
    const fold = el.closest('details');
    if (el.closest('aside.notes, .csto-alt') || (fold && !fold.open && !el.closest('summary'))) { return; }
    const r = el.getBoundingClientRect();
    const drawn = ['svg', 'IMG', 'TABLE'].includes(el.tagName)
      || Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (drawn && r.width > 2 && r.height > 2 && (r.bottom - top) / scale > bottom) {
      bottom = (r.bottom - top) / scale; what = (el.innerText || el.tagName).slice(0, 40); }
  });
  return [Math.round(bottom), what];
}"""


@pytest.mark.parametrize("stem", STEMS)
def test_no_slide_and_no_opened_answer_runs_into_the_footer(site, browser, stem):
    """What a slide shows ends above the footer, after the deck's own fitting (a zoom down to 0.8), and so does a
    folded answer a teacher opens on the slide."""
    page, _, _ = _deck(browser, site, stem)
    problems = []
    for h, v in page.evaluate(LEAVES):
        page.evaluate(f"() => Reveal.slide({h}, {v})")
        page.wait_for_timeout(60)
        bottom, what = page.evaluate(CONTENT_BOTTOM)
        if bottom > FRAME_BOTTOM:
            problems.append((f"slide {h}.{v}", bottom, what))
        answers = page.locator(".reveal .slides section.present:not(.stack) details > summary")
        for i in range(answers.count()):
            answers.nth(i).click()
            page.wait_for_timeout(120)
            bottom, what = page.evaluate(CONTENT_BOTTOM)
            if bottom > FRAME_BOTTOM:
                problems.append((f"slide {h}.{v}, answer {i + 1} opened", bottom, what))
            answers.nth(i).click()
    page.close()
    assert not problems, problems


@pytest.mark.parametrize("stem", STEMS)
def test_the_right_arrow_walks_every_slide_in_order(site, browser, stem):
    page, _, _ = _deck(browser, site, stem)
    leaves = [tuple(x) for x in page.evaluate(LEAVES)]
    where = "() => { const i = Reveal.getIndices(); return [i.h, i.v || 0, i.f === undefined ? -1 : i.f]; }"
    steps = [tuple(page.evaluate(where))]
    for _ in range(4 * len(leaves) + 10):  # a step may also reveal a fragment within a slide
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(20)
        here = tuple(page.evaluate(where))
        if here == steps[-1]:
            break
        steps.append(here)
    page.close()
    slides = list(dict.fromkeys((h, v) for h, v, _ in steps))
    assert slides == leaves, "→ must visit every slide, sub-slides included, in order"


@pytest.mark.parametrize("stem", STEMS)
def test_a_deck_opens_with_a_title_slide_and_keeps_its_frame(site, browser, stem):
    entry = next(e for e in entries() if Path(e["file"]).stem == stem)
    page, _, _ = _deck(browser, site, stem)
    title = page.inner_text(".reveal .slides > section:first-child")
    footer = page.inner_text("footer.csto-frame")
    links = page.eval_on_selector_all(
        ".reveal .slides > section:first-child a", "els => els.map(a => a.getAttribute('href'))"
    )
    page.close()
    assert entry["title"] in title and entry["question"] in title
    assert footer.strip() == f"{entry['notebook']} · {entry['title']}"
    assert {"../sources/index.html", "../glossary.html", "../index.html"} <= set(links)


@pytest.mark.parametrize("stem", STEMS[:2])
def test_speaker_view_opens_with_the_notes_and_a_timer(site, browser, stem):
    page, _, _ = _deck(browser, site, stem)
    with_notes = page.evaluate("""() => { const s = Array.from(document.querySelectorAll('.reveal .slides section'))
        .find(s => !s.querySelector('section') && s.querySelector('aside.notes'));
        const i = Reveal.getIndices(s); return [i.h, i.v || 0]; }""")
    page.evaluate(f"() => Reveal.slide({with_notes[0]}, {with_notes[1]})")
    expected = page.inner_text(".reveal .slides section.present:not(.stack) aside.notes", timeout=5000) \
        if page.locator(".reveal .slides section.present:not(.stack) aside.notes").count() else ""
    context = page.context
    with context.expect_page(timeout=10000) as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    popup.wait_for_selector(".speaker-controls-notes .value", timeout=10000)
    popup.wait_for_function(
        "() => document.querySelector('.speaker-controls-notes .value').innerText.trim().length > 20", timeout=10000
    )
    notes = popup.inner_text(".speaker-controls-notes .value")
    popup.wait_for_function(
        "() => /\\d/.test(document.querySelector('.speaker-controls-time .clock-value').innerText)", timeout=10000
    )
    popup.close()
    page.close()
    assert "Speaker notes" in notes and notes.strip()[:30] in expected


@pytest.mark.parametrize("stem", STEMS)
def test_each_deck_prints_one_slide_per_page(site, stem):
    pdf = (site / "decks" / f"{stem}.pdf").read_bytes()
    html = (site / "decks" / f"{stem}.html").read_text(encoding="utf-8")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    slides = len(re.findall(r"<section\b", html)) - len(re.findall(r"<section\b[^>]*>\s*<section\b", html))
    assert pages >= slides - 1 and pages <= slides + 1, f"{pages} pages for about {slides} slides"


# ---- handouts: paper and links -------------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_the_printed_handout_keeps_every_chart_and_code_line_on_the_page(site, browser, stem):
    from csto.site.printing import A4_TEXT_WIDTH_PX, RESIZE_FIGURES

    context, _ = browser
    page = context.new_page()
    page.set_viewport_size({"width": A4_TEXT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    page.goto((site / "handouts" / f"{stem}.html").as_uri())
    drawn_figures(page)
    page.evaluate(RESIZE_FIGURES)
    outside = page.evaluate(
        """(width) => {
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
      return out; }""",
        A4_TEXT_WIDTH_PX,
    )
    overlapping = page.evaluate(TICK_LABELS_OVERLAP)
    page.close()
    assert not outside, f"outside the printed page: {outside[:5]}"
    assert not overlapping, f"axis labels printed over each other: {overlapping[:3]}"


def test_a_quotation_in_a_handout_links_to_its_highlight_in_the_source_reader(site, browser):
    found = []
    for stem in STEMS:
        page, _, _ = _open(browser, site / "handouts" / f"{stem}.html")
        hrefs = page.eval_on_selector_all(
            "a", "els => els.filter(a => a.innerText.includes('Read it in the source')).map(a => a.href)"
        )
        page.close()
        found += hrefs
    assert found, "no quotation links to the source reader"
    for href in found[:12]:
        context, _ = browser
        page = context.new_page()
        page.goto(href)
        target = href.split("#", 1)[1]
        kind = page.evaluate(
            f"() => {{ const el = document.getElementById({target!r}); "
            "return el ? el.tagName + ' ' + el.className : null; }"
        )
        page.close()
        assert kind and kind.startswith("MARK"), f"{href} does not land on a highlighted passage ({kind})"


def test_the_quote_explorer_filters_offline(site, browser):
    tables = [
        stem for stem in STEMS if "csto-explorer" in (site / "handouts" / f"{stem}.html").read_text(encoding="utf-8")
    ]
    assert tables, "no notebook shows the quote explorer"
    page, traffic, _ = _open(browser, site / "handouts" / f"{tables[0]}.html")
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


# ---- the classroom kit ----------------------------------------------------------------------------------------------

def test_the_kit_opens_from_a_fresh_folder_with_no_network(site, browser, tmp_path):
    from csto.site.dist import kit_tree, make_zip

    kit = make_zip(kit_tree(site, tmp_path / "kit"), tmp_path / "csto-course-test.zip")
    with zipfile.ZipFile(kit) as archive:
        archive.extractall(tmp_path / "usb")
    root = tmp_path / "usb" / "csto-course-test"
    assert (root / "dataset" / "datapackage.json").is_file() and list((root / "dataset" / "data").glob("*.csv"))
    assert (root / "notebooks" / "README.txt").is_file() and len(list((root / "notebooks").glob("*.ipynb"))) == 7
    for path in (root / "index.html", root / "decks" / f"{STEMS[1]}.html", root / "sources" / "index.html"):
        page, traffic, _ = _open(browser, path)
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


# ---- the teacher's kit: guide, worksheets, chart text, last slides ------------------------------------------------

def _pdf_pages(path: Path) -> int:
    """Pages of a PDF, counted by its page objects (Chromium writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def test_every_deck_title_slide_links_the_guide_at_its_lesson(site):
    for entry in entries():
        deck = (site / "decks" / f"{Path(entry['file']).stem}.html").read_text(encoding="utf-8")
        title = deck[
            deck.index('class="csto-title-slide"') : deck.index("</section>", deck.index('class="csto-title-slide"'))
        ]
        assert f'href="../guide.html#lesson-{entry["notebook"]}"' in title, entry["notebook"]
    guide = (site / "guide.html").read_text(encoding="utf-8")
    assert all(f'id="lesson-{e["notebook"]}"' in guide for e in entries())
    assert "showNotes=separate-page" in guide


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


CHART_TEXT_JS = """() => {
  const sizes = [];
  for (const div of document.querySelectorAll('.reveal .slides section.present:not(.stack) .plotly-graph-div')) {
    for (const t of div.querySelectorAll('.main-svg text')) {
      if (!t.textContent.trim() || t.closest('.hoverlayer, .modebar')) continue;
      const box = t.getBoundingClientRect();
      if (!box.width) continue;
      sizes.push([parseFloat(getComputedStyle(t).fontSize), t.textContent.slice(0, 40)]);
    }
  }
  return sizes;
}"""


@pytest.mark.parametrize("stem", STEMS)
def test_deck_chart_text_is_at_least_16_px(site, browser, stem):
    """Ticks, mark labels, legends and source lines, measured on every slide with a chart, in the deck's 1280x720."""
    page, _, _ = _deck(browser, site, stem)
    small = []
    for h, v in page.evaluate("Reveal.getSlides().map(s => [Reveal.getIndices(s).h, Reveal.getIndices(s).v || 0])"):
        page.evaluate(f"Reveal.slide({h}, {v})")
        if not page.evaluate("!!document.querySelector('.reveal .slides section.present .plotly-graph-div')"):
            continue
        page.wait_for_timeout(250)
        small += [(h, v, size, text) for size, text in page.evaluate(CHART_TEXT_JS) if size < 16]
    page.close()
    assert not small, f"{stem}: chart text under 16 px: {small[:6]} ({len(small)} in all)"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_deck_self_check_shows_every_question_with_its_choices(site, entry):
    from csto.lessons import quiz
    from csto.site.worksheet import visible_text

    items = quiz.question_data(entry["notebook"])
    if not items:
        pytest.skip("no self-check")
    text = re.sub(
        r"\s+", " ", visible_text((site / "decks" / f"{Path(entry['file']).stem}.html").read_text(encoding="utf-8"))
    )
    for item in items:
        assert item["prompt"][:50] in text, item["id"]
        for choice in item.get("choices", []):
            assert choice["label"][:40] in text, (item["id"], choice["label"])


# ---- the teacher's walk-through (report 3): print, footer, title slide, opened answers ---------------------------

def _print_view(browser, site: Path, stem: str):
    """A deck as the PDF printer lays it out (reveal's ?print-pdf with the course's print query)."""
    from csto.site.printing import DECK_PRINT_QUERY, PDF_READY

    context, _ = browser
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 720})
    page.add_init_script(PDF_READY)
    page.goto((site / "decks" / f"{stem}.html").as_uri() + DECK_PRINT_QUERY)
    page.wait_for_selector("html[data-pdf-ready='true']", state="attached", timeout=30000)
    page.wait_for_selector("html[data-print-fitted='true']", state="attached", timeout=30000)
    return page


SELF_CHECK_PRINTED = """() => Array.from(document.querySelectorAll('.csto-self-check')).map(box => ({
  questions: box.querySelectorAll('.Quiz').length,
  shown: Array.from(box.querySelectorAll('.Quiz')).filter(q => q.getBoundingClientRect().height > 0).length,
  pager: Array.from(box.querySelectorAll('.csto-check-pager')).some(p => p.getBoundingClientRect().height > 0),
  page: (() => { const pg = box.closest('.pdf-page').getBoundingClientRect(), r = box.getBoundingClientRect();
                 return [r.bottom <= pg.bottom + 1, pg.bottom - r.bottom]; })(),
}))"""

SLIDE_MARGINS = """() => Array.from(document.querySelectorAll('.pdf-page')).map(pg => {
  const page = pg.getBoundingClientRect(), slide = pg.querySelector('section').getBoundingClientRect();
  return [Math.round(slide.left - page.left), Math.round(page.bottom - slide.bottom)];
})"""


@pytest.mark.parametrize("stem", ["02_calls_for_help", "03_kazakhstan_2022"])
def test_a_printed_deck_shows_every_self_check_question_and_keeps_a_margin_round_each_slide(site, browser, stem):
    """Report 3, problem 11: the PDF printed question 1 of the self-check and a dead pager; slides touched the
    paper's left edge and a table's last row ran into the footer."""
    from csto.site.printing import DECK_PRINT_MARGIN

    page = _print_view(browser, site, stem)
    checks = page.evaluate(SELF_CHECK_PRINTED)
    margins = page.evaluate(SLIDE_MARGINS)
    page.close()
    assert checks, "no self-check in the deck"
    for check in checks:
        assert check["shown"] == check["questions"] > 1 and not check["pager"], check
        assert check["page"][0], f"the self-check runs off its page: {check}"
    least = round(1280 * DECK_PRINT_MARGIN / 2) - 2
    assert all(left >= least and below >= least - 24 for left, below in margins), (least, margins[:5])
    pdf = (site / "decks" / f"{stem}.pdf").read_bytes()
    widths = {float(w) for w in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+[\d.]+\s*\]", pdf)}
    assert widths and min(widths) >= 1280 * 0.75 * (1 + DECK_PRINT_MARGIN) - 2, widths


FOOTER_SIZE = "() => [parseFloat(getComputedStyle(document.querySelector('.csto-frame')).fontSize), Reveal.getScale()]"


def test_the_deck_footer_scales_with_the_slide_at_1920_by_1080(site, browser):
    """Report 3, problem 14: the footer stayed 16 px while the slide grew half as large again."""
    sizes = {}
    for width, height in ((1280, 720), (1920, 1080)):
        page, _, _ = _deck(browser, site, "03_kazakhstan_2022")
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        sizes[width] = page.evaluate(FOOTER_SIZE)
        page.close()
    (small, small_scale), (large, large_scale) = sizes[1280], sizes[1920]
    assert large_scale > small_scale * 1.3
    assert abs(large / small - large_scale / small_scale) < 0.05, sizes


def test_the_title_slide_sets_the_teachers_link_apart_at_its_foot(site):
    """Report 3, problem 14: 'Teacher's guide: plan and answers' sat among the class's links; it stays, as a
    teacher's link at the bottom of the title slide."""
    for entry in entries():
        deck = (site / "decks" / f"{Path(entry['file']).stem}.html").read_text(encoding="utf-8")
        start = deck.index('class="csto-title-slide"')
        title = deck[start: deck.index("</section>", start)]
        meta = re.search(r'<p class="csto-meta">.*?</p>', title, re.S).group(0)
        teacher = re.search(r'<p class="csto-for-teachers">(.*?)</p>', title, re.S)
        assert teacher and "guide.html#lesson-" in teacher.group(1) and "guide.html" not in meta, entry["notebook"]
        assert title.rstrip().endswith(teacher.group(0)), "the teacher's link is the title slide's last line"


ANSWER_SLIDE = """(words) => { const s = Array.from(document.querySelectorAll('.reveal .slides section'))
    .find(s => !s.querySelector('section') && s.innerText.includes(words)); const i = Reveal.getIndices(s);
    return [i.h, i.v || 0]; }"""

PROMPT_SHOWN = """(words) => { const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
  const top = document.querySelector('.reveal .slides').getBoundingClientRect().top, scale = Reveal.getScale();
  const p = Array.from(slide.querySelectorAll('p')).find(p => p.innerText.includes(words));
  const r = p && p.getBoundingClientRect();
  return !!r && r.height > 0 && r.top >= top - 1 && (r.bottom - top) / scale <= 720; }"""


def test_opening_the_answer_to_lesson_02_exercise_1_keeps_the_question_on_the_slide(site, browser):
    """Report 3, problem 10: 'Show answer' on lesson 02's Exercise 1 left the class the answer without its
    question. The question stays whenever both fit the frame (zoomed no smaller than the deck allows)."""
    page, _, _ = _deck(browser, site, "02_calls_for_help")
    h, v = page.evaluate(ANSWER_SLIDE, "Two explanations are on offer")
    page.evaluate(f"() => Reveal.slide({h}, {v})")
    page.wait_for_timeout(100)
    page.locator(".reveal .slides section.present:not(.stack) details > summary").first.click()
    page.wait_for_timeout(200)
    shown = page.evaluate(PROMPT_SHOWN, "Two explanations are on offer")
    bottom, what = page.evaluate(CONTENT_BOTTOM)
    zoom = page.evaluate("() => parseFloat(document.querySelector('.reveal .slides section.present').style.zoom || 1)")
    page.close()
    assert shown, "the question left the slide when its answer opened"
    assert bottom <= FRAME_BOTTOM and zoom >= 0.7, (bottom, what, zoom)


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
