"""The offline site in a real headless Chromium: decks and handouts load with no network, figures draw,
slides match the notebooks, navigate by keyboard, fit 1280×720, and pass an accessibility audit."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from csto.site.browser import offline_browser
from csto.course import course_map

from browser_support import drawn_figures, needs_chromium

ROOT = Path(__file__).resolve().parent.parent
STEMS = [Path(f).stem for f in course_map()["file"]]
pytestmark = [needs_chromium, pytest.mark.browser]


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site[0]


@pytest.fixture(scope="module")
def browser():
    with offline_browser() as (context, traffic):
        yield context, traffic


def _open(browser, path: Path):
    context, traffic = browser
    traffic.blocked.clear()
    traffic.console_errors.clear()
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, traffic


def _expected_slides(stem: str) -> int:
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return sum(1 for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") in ("slide", "subslide"))


@pytest.mark.parametrize("kind", ["decks", "handouts"])
@pytest.mark.parametrize("stem", STEMS)
def test_page_loads_offline_without_errors_and_every_figure_draws(site, browser, kind, stem):
    page, traffic = _open(browser, site / kind / f"{stem}.html")
    if kind == "decks":
        page.wait_for_selector("html[data-deck-ready='true']", timeout=20000)
    figures = drawn_figures(page)
    page.close()
    assert traffic.blocked == [], f"network requests: {traffic.blocked}"
    assert traffic.console_errors == [], f"console errors: {traffic.console_errors}"
    assert all(f["drawn"] and f["marks"] > 0 for f in figures), f"figures not drawn: {figures}"


def test_course_page_links_every_deck_handout_and_pdf(site, browser):
    page, traffic = _open(browser, site / "index.html")
    links = page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href'))")
    page.close()
    assert traffic.blocked == [] and traffic.console_errors == []
    for stem in STEMS:
        assert f"decks/{stem}.html" in links and f"handouts/{stem}.html" in links and f"handouts/{stem}.pdf" in links
        assert (site / "handouts" / f"{stem}.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("stem", STEMS)
def test_deck_matches_notebook_has_notes_navigates_and_never_overflows(site, browser, stem, tmp_path_factory):
    page, _ = _open(browser, site / "decks" / f"{stem}.html")
    page.wait_for_selector("html[data-deck-ready='true']", timeout=20000)
    leaves = page.evaluate("() => Array.from(document.querySelectorAll('.reveal .slides section')).filter(s => !s.querySelector('section'))"
                           ".map(s => ({h: Reveal.getIndices(s).h, v: Reveal.getIndices(s).v || 0, text: s.innerText.trim().length,"
                           " figures: s.querySelectorAll('.plotly-graph-div').length}))")
    assert len(leaves) == _expected_slides(stem), "one slide per slide/subslide cell"
    assert all(leaf["text"] or leaf["figures"] for leaf in leaves), f"empty slides: {[l for l in leaves if not (l['text'] or l['figures'])]}"
    assert page.locator("aside.notes").count() >= 1, "no speaker notes"
    first = page.evaluate("() => location.hash")
    page.keyboard.press("n")
    assert page.evaluate("() => location.hash") != first, "keyboard navigation did not move"
    overflowing, shot = [], None
    for leaf in leaves:
        page.evaluate(f"() => Reveal.slide({leaf['h']}, {leaf['v']})")
        # the height the audience sees: layout height after the deck's fit-to-frame zoom, in slide pixels
        height = page.evaluate("() => document.querySelector('.reveal .slides section.present:not(.stack)').getBoundingClientRect().height"
                               " / Reveal.getScale()")
        if height > 721:
            overflowing.append((leaf["h"], leaf["v"], height))
        if shot is None and leaf["figures"]:
            page.wait_for_timeout(300)
            shot = tmp_path_factory.mktemp("screenshots") / f"{stem}-first-chart.png"
            page.screenshot(path=str(shot))
    page.close()
    assert not overflowing, f"slides taller than 720 px (h, v, height): {overflowing}"


@pytest.mark.parametrize("page_path", ["index.html"] + [f"{kind}/{stem}.html" for kind in ("decks", "handouts") for stem in STEMS])
def test_accessibility_audit_finds_no_serious_or_critical_violations(site, browser, page_path):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = _open(browser, site / page_path)
    drawn_figures(page)  # audit the page as a reader sees it, figures drawn
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    page.close()
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious
