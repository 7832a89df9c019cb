"""The source reader (csto.reader): every quoted passage highlighted where it stands, with every row citing it;
the translation side by side; the notebook view without JavaScript; escaping; coverage; and, in headless
Chromium, keyboard reach, the panel, the screen-reader description and an accessibility audit."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from csto import labels, reader
from csto.data import lookups
from csto.site import reader_pages
from csto.data import load, package, source_text
from csto.data.verbatim import normalise

from browser_support import needs_chromium, serious_accessibility_violations

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "csto" / "site" / "assets"
SOURCES = lookups.source_order()
MAX_PAGE_BYTES = 150_000


# ---- what the data says, computed here without the reader --------------------------------------------------------

def _key(table: str, row: dict) -> str:
    key = package.schema(table).get("primaryKey")
    keys = [key] if isinstance(key, str) else list(key)
    return "/".join(str(row[k]) for k in keys)


def expected_citations(source_id: str) -> dict[str, set[tuple[str, str]]]:
    """anchor -> {(table, row id)} for every row quoting the source (and the Indonesian side of translation pairs)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for table in package.table_names():
        names = {f["name"] for f in package.schema(table)["fields"]}
        columns = [("quote", "source_id")] if {"quote", "source_id"} <= names else []
        if table == "translation_pairs":
            columns.append(("translation", "translation_source_id"))
        for row in load(table).to_dict("records"):
            for quote_column, source_column in columns:
                quote, source = row.get(quote_column), row.get(source_column)
                if isinstance(quote, str) and quote.strip() and source == source_id:
                    anchor = "p-" + hashlib.sha1(normalise(quote).encode()).hexdigest()[:10]
                    found.setdefault(anchor, set()).add((table, _key(table, row)))
    return found


# ---- a small parser for the rendered HTML ------------------------------------------------------------------------

class Page(HTMLParser):
    """Marks (with their nesting and text), notes (with their rows), and a few counters."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.marks: list[dict] = []  # in document order: attributes plus collected text
        self.open_marks: list[dict] = []
        self.notes: dict[str, list[tuple[str, str]]] = {}
        self.note_numbers: dict[str, int] = {}
        self.note: str | None = None
        self.row: dict | None = None
        self.in_code = False
        self.in_sup = 0
        self.tags: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "mark":
            mark = {
                **attrs,
                "text": [],
                "depth": len(self.open_marks),
                "parents": [m.get("data-p") for m in self.open_marks],
            }
            self.marks.append(mark)
            self.open_marks.append(mark)
        if tag == "sup":
            self.in_sup += 1
        if tag == "li" and attrs.get("data-p") and attrs.get("value"):
            self.note = attrs["data-p"]
            self.notes[self.note] = []
            self.note_numbers[self.note] = int(attrs["value"])
        if tag == "li" and "data-t" in attrs:
            self.row = {"table": attrs["data-t"], "id": attrs.get("data-r", "")}
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open_marks.pop()
        if tag == "sup":
            self.in_sup -= 1
        if tag == "code":
            self.in_code = False
        if tag == "li" and self.row is not None:
            self.notes[self.note].append((self.row["table"], self.row["id"]))
            self.row = None
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.in_sup:
            for mark in self.open_marks:
                mark["text"].append(data)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {s: reader_pages.page_html(s) for s in SOURCES}


# ---- passages and rows -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id", SOURCES)
def test_every_distinct_quote_is_highlighted_once_as_a_passage(pages, source_id):
    page = Page(pages[source_id])
    expected = expected_citations(source_id)
    highlighted = {m["data-p"] for m in page.marks}
    assert highlighted == set(expected), f"missing {set(expected) - highlighted}, extra {highlighted - set(expected)}"
    first_pieces = {m["id"]: m for m in page.marks if "id" in m}
    for anchor in expected:  # each passage has a first piece a keyboard reaches, described by its note
        mark = first_pieces[anchor]
        assert mark.get("tabindex") == "0" and mark["aria-describedby"] == f"c-{anchor} r-{anchor}"
    assert len(first_pieces) == len(set(first_pieces)), "duplicate ids"


@pytest.mark.parametrize("source_id", SOURCES)
def test_each_passage_lists_every_row_that_cites_it(pages, source_id):
    page = Page(pages[source_id])
    expected = expected_citations(source_id)
    assert set(page.notes) == set(expected)
    for anchor, rows in expected.items():
        assert sorted(page.notes[anchor]) == sorted(rows), anchor
    assert sorted(page.note_numbers.values()) == list(range(1, len(expected) + 1)), "notes numbered 1..n"


@pytest.mark.parametrize("source_id", SOURCES)
def test_highlights_stand_where_the_quotes_occur_and_the_text_is_whole(pages, source_id):
    """The words under each passage's marks are the seed's own words at each place the quote occurs; the text
    shown is the seed's text, nothing lost or doubled (overlapping and nested passages included)."""
    page = Page(pages[source_id])
    text = source_text(source_id)
    under: dict[str, list[str]] = {}
    for mark in page.marks:
        under.setdefault(mark["data-p"], []).append("".join(mark["text"]))
    for passage in reader.passages(source_id):
        shown = normalise(" ".join(under[passage.anchor]))
        wanted = normalise(" ".join(text[s:e] for s, e in passage.spans))
        assert shown.replace(" ", "") == wanted.replace(" ", ""), passage.anchor
        assert all(normalise(text[s:e]) == passage.normalised for s, e in passage.spans)
    body = re.search(
        r'<div class="rd-body"[^>]*>(.*?)<div role="region" class="rd-notes-section"', pages[source_id], re.S
    ).group(1)
    body = re.sub(r'<div class="rd-margin".*?</div>|<sup class="rd-ref">.*?</sup>', "", body, flags=re.S)
    shown_text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    assert normalise(shown_text).replace(" ", "") == normalise(text).replace(" ", "")


def test_overlapping_and_nested_passages_nest_and_continue():
    """A crosses B (B continues in a second piece after A closes); C sits inside A."""
    a = reader.Passage("p-a", "", [(0, 6)], number=1)
    c = reader.Passage("p-c", "", [(1, 2)], number=2)
    b = reader.Passage("p-b", "", [(3, 9)], number=3)
    occurrences = [(0, 6, a, 0), (1, 2, c, 0), (3, 9, b, 0)]
    out = reader._render_paragraph("abcdefghij", 0, 10, occurrences, interactive=True, focus=None, corrected=set())
    page = Page(f'<div class="rd-body"><p>{out}</p></div>')
    texts = {}
    for mark in page.marks:
        texts.setdefault(mark["data-p"], "")
        texts[mark["data-p"]] += "".join(mark["text"])
    assert texts == {"p-a": "abcdef", "p-c": "b", "p-b": "defghi"}
    assert [m["data-p"] for m in page.marks if "id" in m] == ["p-a", "p-c", "p-b"], (
        "one keyboard stop per passage, in reading order"
    )
    assert "p-a" in next(m for m in page.marks if m["data-p"] == "p-c")["parents"], "C nested in A"
    b_pieces = [m for m in page.marks if m["data-p"] == "p-b"]
    assert len(b_pieces) == 2 and "rd-cont" in b_pieces[1]["class"] and "p-a" in b_pieces[0]["parents"]
    assert re.sub(r"<[^>]+>", "", out) == "ab2cdef1ghi3j", "each note number right after its passage ends"


def test_a_quote_standing_twice_is_highlighted_at_both_places():
    doubled = [p for s in SOURCES for p in reader.passages(s) if len(p.spans) > 1]
    assert doubled, "the data has quotes that stand twice (e.g. the Stratfor title)"
    for passage in doubled:
        source_id = next(s for s in SOURCES if passage.anchor in {p.anchor for p in reader.passages(s)})
        page = reader_pages.page_html(source_id)
        assert f'id="{passage.anchor}"' in page and f'id="{passage.anchor}-2"' in page


def test_anchor_is_stable_and_refuses_a_quote_not_in_the_text():
    quote = load("quotes").iloc[0]
    anchor = reader.anchor(quote["source_id"], quote["quote"])
    assert anchor == "p-" + hashlib.sha1(normalise(quote["quote"]).encode()).hexdigest()[:10]
    assert reader.anchor(quote["source_id"], "  " + quote["quote"].upper() + " ") == anchor, (
        "same normalisation as the data check"
    )
    assert reader.href(quote["source_id"], quote["quote"]) == f"sources/{quote['source_id']}.html#{anchor}"
    with pytest.raises(ValueError, match="not in the text"):
        reader.anchor("afp2022", "words no source contains, surely")


@pytest.mark.parametrize("source_id", SOURCES)
def test_corrections_stand_as_background_margin_notes_with_their_citation(pages, source_id):
    corrections = load("corrections")
    corrections = corrections[corrections["source_id"] == source_id]
    page = pages[source_id]
    assert page.count('class="rd-margin"') == len(corrections)
    for row in corrections.to_dict("records"):
        start = page.index(f'data-correction="{row["correction_id"]}"')
        note = page[start:page.index("</div>", start)]
        assert labels.BACKGROUND in note
        assert reader._esc(row["correction"]) in note
        assert reader._esc(lookups.citation(row["correction_citation_id"])) in note


# ---- the page as a whole -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id", SOURCES)
def test_page_links_its_assets_and_the_way_back_and_stays_small(pages, source_id):
    page = pages[source_id]
    for link in (
        'href="../assets/course.css"',
        'href="../assets/reader.css"',
        'src="../assets/reader.js"',
        'href="../index.html"',
        'href="index.html"',
    ):
        assert link in page
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page), "nothing from the network"
    card = dict(reader._card_fields(source_id))
    for field in ("Outlet", "Author", "Date", "Language", "Genre", "Viewpoint"):
        assert reader._esc(card[field]) in page
    sources = load("sources").set_index("source_id")
    assert (
        reader._esc(sources.loc[source_id, "date_note"]) in page and f"({sources.loc[source_id, 'date_basis']})" in page
    )
    size = len(page.encode("utf-8"))
    assert size <= MAX_PAGE_BYTES, f"{source_id}: {size} bytes"


def test_every_source_is_described_with_the_same_fields():
    fields = {s: [k for k, _ in reader._card_fields(s)] for s in SOURCES}
    assert len({tuple(f) for f in fields.values()}) == 1


@pytest.mark.parametrize("source_id", SOURCES)
def test_coverage_is_computed_and_shown(pages, source_id):
    used, total = reader.coverage(source_id)
    assert 0 < used <= total == len(reader.sentences(source_text(source_id)))
    assert f'data-used="{used}" data-total="{total}"' in pages[source_id]
    assert f"{used} of {total} sentences" in pages[source_id]
    assert f"{used} of {total} sentences" in reader_pages.index_html()


def test_sentence_rule():
    text = (
        "A Dec. 26 summit met. The U.S. House spoke! “Is it?” she asked.\nForecast Highlights\n\n  Next line, no stop"
    )
    spans = reader.sentences(text)
    assert [text[s:e] for s, e in spans] == ["A Dec. 26 summit met.", "The U.S. House spoke!", "“Is it?” she asked.",
                                            "Forecast Highlights", "Next line, no stop"]


def test_index_links_every_source_and_the_translation_view():
    page = reader_pages.index_html()
    for source_id in SOURCES:
        assert f'href="{source_id}.html"' in page
    assert 'href="translation.html"' in page and 'href="../index.html"' in page


# ---- the translation -----------------------------------------------------------------------------------------------

def test_translation_view_covers_every_pair_in_order_with_gaps_labels_and_notes():
    page = reader_pages.translation_html()
    pairs = load("translation_pairs").sort_values("seq")
    ids = re.findall(r'<tr class="rd-shift-[a-z_]+" id="([^"]+)"', page)
    assert ids == list(pairs["pair_id"]), "every pair, ordered by seq"
    omitted = pairs["translation"].isna() | (pairs["translation"].fillna("").str.strip() == "")
    assert page.count("not translated</span>") == int(omitted.sum()) > 0
    for pair in pairs.to_dict("records"):
        assert reader._esc(pair["note"]) in page
        assert reader._esc(lookups.value_label("translation_pairs", "shift", pair["shift"])) in page
        if isinstance(pair["gloss"], str) and pair["gloss"]:
            assert reader._esc(pair["gloss"]) in page
        if isinstance(pair["translation"], str) and pair["translation"]:
            assert f'lang="id">{reader._esc(pair["translation"])}' in page
    assert page.count("The course’s back-translation:") == int(pairs["gloss"].notna().sum())


# ---- the notebook view ---------------------------------------------------------------------------------------------

def test_read_inline_has_no_script_and_shows_numbered_notes():
    view = reader.read("AFP 2022")
    text = view.data
    assert "<script" not in text.lower()
    assert text.startswith("<style>") and ".csto-reader" in text and "rd-inline" in text
    assert 'class="rd-ref"' in text and 'class="rd-notes"' in text
    assert "tabindex" not in text and ' id="' not in text, "no keyboard stops or ids in a notebook output"
    assert reader.read("afp2022").data == text
    page = Page(text)
    assert set(page.notes) == set(expected_citations("afp2022"))


def test_read_around_a_row_shows_its_paragraph_with_neighbours_and_outlines_the_passage():
    quotes = load("quotes")
    row = quotes[quotes["source_id"] == "afp2022"].iloc[0]
    quote_id, source_id = row["quote_id"], row["source_id"]
    full = reader.read(source_id).data
    near = reader.read(source_id, around=quote_id).data
    assert len(near) < len(full)
    paragraphs = re.findall(r'data-para="(\d+)"', near)
    assert 1 <= len(paragraphs) <= 4
    anchor = reader.anchor(source_id, row["quote"])
    assert f'rd-focus" data-p="{anchor}"' in near or f'rd-focus rd-corrected" data-p="{anchor}"' in near
    assert quote_id in near
    header = re.search(r'class="rd-around">(.*?)</p>', near).group(1)
    assert "The passage outlined: " in header and html.escape(row["speaker"]) in header, header
    assert reader.table_label("quotes") not in header, f"the header names the passage, not the table: {header}"


@pytest.mark.parametrize("bad", ["no_such_row", "", 42])
def test_read_around_an_unknown_id_says_what_to_pass(bad):
    with pytest.raises(KeyError) as raised:
        reader.read("afp2022", around=bad)
    message = str(raised.value)
    assert "\n" not in message and "e.g. read('afp2022', around=" in message


def test_read_names_the_right_source_for_a_row_of_another_and_refuses_unknown_sources():
    claim = load("claims").iloc[0]
    other = next(s for s in SOURCES if s != claim["source_id"])
    with pytest.raises(KeyError, match=f"read\\('{claim['source_id']}', around="):
        reader.read(other, around=claim["claim_id"])
    with pytest.raises(KeyError, match="e.g. read\\('afp2022'\\)"):
        reader.read("Reuters 2020")


# ---- escaping, with a crafted copy of the package ----------------------------------------------------------------

def test_text_from_the_data_and_the_seeds_is_escaped(data_copy, monkeypatch):
    root = data_copy.parent
    descriptor = json.loads(data_copy.read_text(encoding="utf-8"))
    seed = next(r for r in descriptor["resources"] if r["name"] == "seed_afp2022")
    crafted = "Then <script>alert(1)</script> & co wrote “it”."
    path = root / seed["path"]
    path.write_bytes(path.read_bytes() + ("\n\n" + crafted + "\n").encode("utf-8"))
    seed["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    seed["bytes"] = path.stat().st_size
    data_copy.write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")
    with (root / "data" / "corrections.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            'corr_crafted,name,<script>alert(1)</script> & co,"Fix <b>this</b> & that",cite_mayak_peskov,afp2022,'
            "<script>alert(1)</script> & co,seed,\n"
        )
    monkeypatch.setenv("CSTO_ROOT", str(root))
    page = reader_pages.page_html("afp2022")
    inline = reader.read("afp2022").data
    for out in (page, inline):
        assert "<script>alert" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in out
        assert "Fix &lt;b&gt;this&lt;/b&gt; &amp; that" in out
    assert "<b>this</b>" not in page
    assert "corr_crafted" in page
    anchor = reader.anchor("afp2022", "<script>alert(1)</script> & co")
    assert f'id="{anchor}"' in page


# ---- in a browser ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def written_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("reader") / "site"
    (site / "assets").mkdir(parents=True)
    for name in ("course.css", "reader.css", "reader.js"):
        shutil.copy2(ASSETS / name, site / "assets" / name)
    reader_pages.write_pages(site)
    return site


@pytest.fixture(scope="module")
def browser():
    from csto.site.browser import offline_browser

    with offline_browser(viewport=(1280, 900)) as (context, traffic):
        yield context, traffic


def _open(browser, path: Path):
    context, traffic = browser
    traffic.blocked.clear()
    traffic.console_errors.clear()
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, traffic


STEP_JS = """() => {
  const el = document.activeElement;
  const items = Array.from(document.querySelectorAll('#rd-panel .rd-panel-item')).map(i => i.getAttribute('data-p'));
  const codes = Array.from(document.querySelectorAll('#rd-panel .rd-panel-item li[data-r]'))
    .map(c => c.getAttribute('data-r'));
  const panel = document.getElementById('rd-panel');
  return {id: el.id, p: el.getAttribute('data-p'), items: items, codes: codes,
          shown: getComputedStyle(panel).display !== 'none' && panel.getBoundingClientRect().width > 0};
}"""


# each Tab's stop as the page showed it just before the next Tab left it (a window listener in the capture phase
# hears the key before the page does): one call for the whole walk instead of one per stop
RECORD_STEPS_JS = """() => { window.cstoTestSteps = [];
  window.addEventListener('keydown', e => { if (e.key === 'Tab') window.cstoTestSteps.push((%s)()); }, true); }""" % (
    STEP_JS
)


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("source_id", SOURCES)
def test_page_in_browser_keyboard_panel_description_and_audit(written_site, browser, source_id):
    page, traffic = _open(browser, written_site / "sources" / f"{source_id}.html")
    expected = expected_citations(source_id)
    order = page.eval_on_selector_all(".rd-text mark[tabindex]", "els => els.map(e => e.id)")
    assert set(page.eval_on_selector_all(".rd-text mark[tabindex]", "els => els.map(e => e.dataset.p)")) == set(
        expected
    )
    page.evaluate(RECORD_STEPS_JS)
    page.focus(f"#{order[0]}")
    for _ in order[1:]:
        page.keyboard.press("Tab")
    states = page.evaluate("() => window.cstoTestSteps") + [page.evaluate(STEP_JS)]
    assert len(states) == len(order), f"the page heard {len(states) - 1} of {len(order) - 1} Tabs: focus left it"
    for position, (element_id, state) in enumerate(zip(order, states)):
        assert state["id"] == element_id, f"Tab reached {state['id']} instead of {element_id} (stop {position})"
        assert state["shown"] and state["items"] == [state["p"]]
        assert sorted(state["codes"]) == sorted(row for _, row in expected[state["p"]])
    # what a screen reader hears on focus: the mark's accessible description names the rows
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    page.focus(f"#{order[0]}")
    node = cdp.send(
        "DOM.describeNode",
        {"objectId": cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})["result"]["objectId"]},
    )
    tree = cdp.send(
        "Accessibility.getPartialAXTree", {"backendNodeId": node["node"]["backendNodeId"], "fetchRelatives": False}
    )
    description = tree["nodes"][0].get("description", {}).get("value", "")
    whats = [
        r.what
        for p in reader.passages(source_id)
        if p.anchor == page.evaluate("document.activeElement.dataset.p")
        for r in p.rows
    ]
    assert "in the course" in description and all(what[:40] in description for what in whats), "the rows, in words"
    # a click on words covered by nested passages lists the rows of all of them
    # a click on words covered by nested passages lists the rows of all of them (a real mouse click on one line)
    nested = page.evaluate("""() => {
      const leaf = Array.from(document.querySelectorAll('.rd-text mark mark'))
        .find(m => !m.querySelector('mark') && m.getClientRects().length === 1);
      if (!leaf) return null;
      leaf.setAttribute('data-test-leaf', '1');
      const ps = [];
      for (let n = leaf; n && !n.classList.contains('rd-text'); n = n.parentElement)
        if (n.matches('mark[data-p]') && !ps.includes(n.dataset.p)) ps.push(n.dataset.p);
      return ps; }""")
    if nested:
        page.locator("[data-test-leaf]").click()
        items = page.evaluate(STEP_JS)["items"]
        assert sorted(items) == sorted(nested) and len(items) >= 2
        assert page.eval_on_selector_all(
            ".rd-text mark.rd-active", "els => new Set(els.map(e => e.dataset.p)).size"
        ) == len(set(nested))
    serious = serious_accessibility_violations(page)
    page.close()
    assert not serious, serious
    assert traffic.blocked == [], traffic.blocked
    assert traffic.console_errors == [], traffic.console_errors


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("name", ["index", "translation"])
def test_index_and_translation_in_browser(written_site, browser, name):
    page, traffic = _open(browser, written_site / "sources" / f"{name}.html")
    serious = serious_accessibility_violations(page)
    links = page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href'))")
    page.close()
    assert not serious, serious
    assert traffic.blocked == [] and traffic.console_errors == []
    for link in links:  # every link within sources/ leads to a page (../index.html is the site build's course page)
        target = link.split("#")[0]
        if target and not target.startswith("../"):
            assert (written_site / "sources" / target).resolve().exists(), link
            if "#" in link:
                assert f'id="{link.split("#")[1]}"' in (written_site / "sources" / target).read_text(
                    encoding="utf-8"
                ), link


# ---- the reader inside a lesson, and class mode -------------------------------------------------------------------

LESSON_CASES = [(s, nb) for s in SOURCES for nb, used in reader.lesson_anchors(s).items() if used][:8]


def _row_ids(source_id: str) -> set[str]:
    return {r.row_id for p in reader.passages(source_id) for r in p.rows if "_" in r.row_id and r.row_id not in SOURCES}


@pytest.mark.parametrize(("source_id", "nb"), LESSON_CASES)
def test_read_in_a_lesson_shows_only_its_passages_in_words_under_a_set_height(source_id, nb):
    from csto.site.worksheet import visible_text

    out = reader.read(source_id, lesson=nb).data
    page = Page(out)
    used = set(reader.lesson_anchors(source_id)[nb])
    assert {m["data-p"] for m in page.marks} == used, "only the lesson's passages are highlighted"
    assert set(page.notes) == used
    shown = visible_text(out)
    leaked = [r for r in _row_ids(source_id) if r in shown]
    assert not leaked, f"ids shown to students: {leaked[:3]}"
    assert f"max-height: {reader.READ_HEIGHT_PX}px" in out and "overflow-y: auto" in out
    assert len(out) < len(reader.read(source_id, whole=True).data), "whole=True shows more"


def test_read_whole_shows_every_passage_and_every_note():
    out = reader.read("afp2022", lesson="04", whole=True).data
    assert {m["data-p"] for m in Page(out).marks} == {p.anchor for p in reader.passages("afp2022")}


def test_a_lesson_uses_the_passages_of_the_rows_its_notebook_names(tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    passage = next(p for p in reader.passages("afp2022") if p.rows[0].table == "quotes")
    row = passage.rows[0].row_id
    cell = {
        "cell_type": "code",
        "source": [f'show.passage("x", "{row}")'],
        "metadata": {},
        "outputs": [],
        "execution_count": None,
    }
    for entry in __import__("csto.course", fromlist=["entries"]).entries():
        (notebooks / entry["file"]).write_text(
            json.dumps({"cells": [cell] if entry["notebook"] == "03" else []}), encoding="utf-8"
        )
    monkeypatch.setattr("csto.paths.notebooks_dir", lambda: notebooks)
    found = reader.lesson_anchors("afp2022")
    assert passage.anchor in found["03"] and passage.anchor not in found["04"]


@needs_chromium
@pytest.mark.browser
def test_read_in_a_lesson_stays_under_its_height_in_a_browser(browser, tmp_path):
    source_id, nb = max(LESSON_CASES, key=lambda case: len(reader.lesson_anchors(case[0])[case[1]]))
    path = tmp_path / "read.html"
    path.write_text(
        f"<html><body style='width:900px'>{reader.read(source_id, lesson=nb).data}</body></html>", encoding="utf-8"
    )
    page, _ = _open(browser, path)
    height = page.evaluate("document.querySelector('.csto-reader').getBoundingClientRect().height")
    assert 0 < height <= reader.READ_HEIGHT_PX


@needs_chromium
@pytest.mark.browser
def test_class_mode_highlights_only_the_lessons_passages(written_site, browser):
    source_id, nb = max(LESSON_CASES, key=lambda case: len(reader.lesson_anchors(case[0])[case[1]]))
    used = set(reader.lesson_anchors(source_id)[nb])
    context, _ = browser
    page = context.new_page()
    page.goto((written_site / "sources" / f"{source_id}.html").as_uri() + f"?lesson={nb}")
    page.wait_for_load_state("load")
    coloured = page.evaluate("""() => Array.from(document.querySelectorAll('.rd-text mark.rd-m'))
        .filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)').map(m => m.dataset.p)""")
    assert set(coloured) == used
    assert page.is_visible(".rd-class-banner") and f"Lesson {nb}" in page.inner_text(".rd-class-banner")
    assert page.eval_on_selector_all(".rd-notes > li:not([hidden])", "els => els.length") == len(used)


def test_a_passage_the_worksheet_quotes_is_one_the_lesson_uses_though_no_code_names_it():
    """Deck 03 shows Evstratov's 'extremely ambiguous' sentence through a table built in code, with no literal id;
    its worksheet quotes it, so class mode must highlight it."""
    claims = load("claims").set_index("claim_id")
    row = claims.loc["ev_kaz_mission_ambiguous"]
    assert reader.anchor(row["source_id"], row["quote"]) in reader.lesson_anchors(row["source_id"])["03"]


@needs_chromium
@pytest.mark.browser
def test_a_link_to_a_passage_lands_it_below_the_top_edge_with_words_before_it_in_view(written_site, browser):
    claims = load("claims").set_index("claim_id")
    row = claims.loc["ev_kaz_mission_ambiguous"]
    target = reader.anchor(row["source_id"], row["quote"])
    context, _ = browser
    page = context.new_page()
    page.goto((written_site / "sources" / f"{row['source_id']}.html").as_uri() + f"?lesson=03#{target}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    top, height = page.evaluate(f"""() => [document.getElementById('{target}').getBoundingClientRect().top,
                                          window.innerHeight]""")
    assert 0.15 * height < top < 0.7 * height, (top, height)
    page.screenshot(path=str(written_site / "landing.png"))


def test_the_reader_tells_students_what_the_course_quotes_in_the_classrooms_words():
    """The coverage line and the labels on a passage's notes: no rows, course data or table names
    ('country in an event'), and a country's part in an event in a sentence, not a code in brackets."""
    from csto.data.frames import load
    from csto.reader.passages import TABLE_LABELS, describe

    database = re.compile(r"\b(rows?|course data|course sources?|seeds?|coded|in an event)\b", re.I)
    line = reader.coverage_line(SOURCES[0])
    assert "quoted somewhere in the course" in line and not database.search(line), line
    assert not [label for label in TABLE_LABELS.values() if database.search(label)]
    row = load("event_countries").iloc[0].to_dict()
    said = describe("event_countries", row)
    assert ", as " in said and not re.search(r"\([A-Z][a-z]+\)", said.split(" in “")[0]), said


def test_the_passages_notes_follow_an_edited_table_although_they_are_cached(data_copy, monkeypatch):
    """The rows quoting each source are described once and kept; a teacher's edit to a crisis's name must still
    reach the reader's notes in the same session."""
    from csto.reader.passages import quoting_rows

    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    before = quoting_rows()
    crises = data_copy.parent / "data" / "crises.csv"
    crises.write_text(crises.read_text(encoding="utf-8").replace(
        "Ethnic violence in southern Kyrgyzstan (2010)", "Violence in southern Kyrgyzstan (June 2010)"
    ), encoding="utf-8")
    after = quoting_rows()
    named = lambda rows: rows[rows["table"] == "crisis_responses"]["what"].str.contains("June 2010").any()  # noqa: E731
    assert not named(before) and named(after)
