"""Self-checks a student clicks: every choice shown, a click gives that choice's own feedback, a number goes in a box,
a score counts the right answers — the same in an executed notebook, a handout and a deck opened from disk, offline.

The questions and every piece of feedback come from the quiz engine (``quiz.question_data``); jupyterquiz only draws
them. The browser tests block every request that is not ``file:``/``data:``/loopback and fail if one was tried.
"""

from __future__ import annotations

import html
import json
import re
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from csto import show
from csto.course import entries
from csto.lessons import quiz
from csto.site.browser import offline_browser
from csto.site.build import write_assets
from csto.site.preprocessors import DeckExporter, HandoutExporter, site_config

from browser_support import needs_chromium, own_page

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [e["file"][:2] for e in entries()]


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("%load_ext csto.slips\nfrom csto import show")]
    for number in NOTEBOOKS:
        nb.cells.append(
            nbformat.v4.new_markdown_cell(f"## Self-check {number}", metadata={"slideshow": {"slide_type": "slide"}})
        )
        nb.cells.append(
            nbformat.v4.new_code_cell(
                f'show.self_check("{number}")', metadata={"slideshow": {"slide_type": "subslide"}}
            )
        )
    return nb


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    """One notebook with every lesson's self-check, executed in a kernel and exported by the site's own handout and
    deck exporters into a folder laid out like the site (pages in notebooks/ and decks/, the assets beside them)."""
    folder = tmp_path_factory.mktemp("selfcheck")
    nb = _notebook()
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    ).execute()
    write_assets(folder)
    pages = {}
    for kind, exporter in (("handout", HandoutExporter), ("deck", DeckExporter)):
        body, _ = exporter(config=site_config("selfcheck")).from_notebook_node(nb)
        path = folder / ("notebooks" if kind == "handout" else "decks") / "selfcheck.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(body, encoding="utf-8")
        pages[kind] = path
    return {"nb": nb, **pages}


def _cell(nb, number: str):
    return next(c for c in nb.cells if c.cell_type == "code" and f'self_check("{number}")' in c.source)


def _drawn_questions(script: str) -> list[dict]:
    """The question JSON handed to the library, read back from the script it runs."""
    return json.loads(re.search(r"var questionscstoCheck\w+=(\[.*?\]);\n", script, re.S).group(1))


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_every_self_check_renders_its_choices_in_the_executed_notebook(site, number):
    cell = _cell(site["nb"], number)
    assert not [o for o in cell.outputs if o.output_type == "error"], (
        f"show.self_check({number!r}) failed: {cell.outputs}"
    )
    rich = next(o for o in cell.outputs if "text/html" in o.get("data", {}))["data"]
    script = next(o for o in cell.outputs if "application/javascript" in o.get("data", {}))["data"][
        "application/javascript"
    ]
    questions, drawn = quiz.question_data(number), _drawn_questions(script)
    assert len(drawn) == len(questions) > 0
    for q, d in zip(questions, drawn):
        assert show._for_page(q["prompt"]) in d["question"] and q["prompt"] in rich["text/plain"]
        for i, choice in enumerate(q.get("choices", [])):
            letter = f"({chr(97 + i)})"
            assert f"{letter} {choice['label']}" in rich["text/plain"], (
                "the plain form shows every choice with its letter"
            )
            assert html.escape(choice["label"]) in rich["text/html"]
            answer = d["answers"][i]
            assert (
                answer["answer"] == show._for_page(f"{letter} {choice['label']}")
                and answer["correct"] == choice["right"]
            )
            assert show._for_page(choice["feedback"]) in answer["feedback"], "each choice carries its own feedback"


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_every_self_check_renders_its_choices_in_the_built_handout(site, number):
    page = html.unescape(site["handout"].read_text(encoding="utf-8"))
    for q in quiz.question_data(number):
        assert f"<li>{q['prompt']}" in page
        for choice in q.get("choices", []):
            assert f"<li>{choice['label']}</li>" in page
    assert f"show_questions(questionscstoCheck{number}" in page, "the self-check's script is in the page"


def test_feedback_is_the_course_s_and_the_page_never_reads_it_as_maths_or_markup():
    questions = [
        {
            "id": "c",
            "prompt": "Which costs <b>$5</b>?",
            "where": "notebook 99",
            "why": "Because.",
            "kind": "choice",
            "choices": [
                {"label": "A $5 note", "right": False, "feedback": "That is a note."},
                {"label": "B", "right": True, "feedback": "It costs five."},
            ],
        },
        {
            "id": "n",
            "prompt": "How many?",
            "where": "notebook 99, the table",
            "why": "Count the rows.",
            "kind": "number",
            "answer": 12,
            "tolerance": 0.5,
            "wrong": [{"number": 11, "feedback": "11 leaves out the last row."}],
        },
        {
            "id": "t",
            "prompt": "Whose?",
            "where": "notebook 99",
            "why": "The correction says so.",
            "kind": "text",
            "answer": "Alen",
            "accepted": ["Alen", "Alén"],
            "wrong": [{"text": "Alain", "feedback": "Alain is the misprint."}],
        },
    ]
    choice, number, name = show.self_check_quiz(questions)
    assert "$" not in json.dumps(show.self_check_quiz(questions)), "jupyterquiz would read '$…$' as LaTeX"
    assert "<b>" not in choice["question"] and choice["answers"][0]["answer"] == "(a) A &#36;5 note"
    assert choice["answers"][0]["feedback"] == "Not quite: That is a note. Look again in notebook 99."
    assert choice["answers"][1]["feedback"] == "Right: B. It costs five."
    values = {a.get("value"): a for a in number["answers"] if "value" in a}
    assert values[12]["correct"] and values[11]["feedback"].startswith("Not quite: 11 leaves out the last row.")
    assert [a["range"] for a in number["answers"] if "range" in a] == [[11.5, pytest.approx(12.5)]]
    # student 4 typed 'nine' and '44 percent', as the notebooks write them: the page now reads those
    # (tests/browser/test_self_check_page.py); what reaches the default is a number no feedback names or not a number
    assert number["answers"][-1] == {"type": "default", "feedback": "Not quite: look again in notebook 99, the table. "
                                     "The box reads one number, in digits or in words: 9 or nine."}
    assert [a["answer"] for a in name["answers"] if a.get("correct")] == ["Alen", "Alén"]
    assert {
        "type": "string",
        "answer": "Alain",
        "correct": False,
        "match_case": False,
        "feedback": "Not quite: Alain is the misprint. Look again in notebook 99.",
    } in name["answers"]
    assert "Right: 12. Count the rows." == values[12]["feedback"]


def test_a_notebook_without_questions_is_refused_not_shown_empty():
    with pytest.raises(LookupError, match="'98' has no self-check questions"):
        show.self_check_outputs("98")


IN_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()  # the test's own spelling


def _first_with(kind: str) -> tuple[str, int, dict]:
    for number in NOTEBOOKS:
        for index, q in enumerate(quiz.question_data(number)):
            if q["kind"] == kind and (kind != "number" or q["wrong"]):
                return number, index, q
    raise AssertionError(f"no {kind} question with known wrong answers in any self-check")


def _bring_into_view(box, index: int) -> None:
    """On a slide the self-check shows one question at a time: step its pager to the question (no pager on a page)."""
    pager = box.locator(".csto-check-pager")
    if not pager.count():
        return
    while not pager.locator(".csto-check-prev").is_disabled():
        pager.locator(".csto-check-prev").click()
    for _ in range(index):
        pager.locator(".csto-check-next").click()
    assert pager.locator(".csto-check-at").inner_text().startswith(f"Question {index + 1} of ")


def _click_through(page, traffic, scope: str) -> None:
    """Click a wrong and the right choice, type a known wrong and the right number, in the self-checks inside ``scope``;
    each must show the feedback the data give, and the score must count both right answers."""
    number, index, choice_q = _first_with("choice")
    box = page.locator(f"{scope} .csto-self-check[data-notebook='{number}']")
    box.locator(".Quiz").first.wait_for(timeout=15000)
    assert box.locator(".csto-check-plain").is_hidden(), "the plain list gives way to the clickable quiz"
    question = box.locator(".Quiz").nth(index)
    _bring_into_view(box, index)
    labels = question.locator("label")
    assert labels.count() == len(choice_q["choices"]), "every choice is shown"
    wrong = next(i for i, c in enumerate(choice_q["choices"]) if not c["right"])
    right = next(i for i, c in enumerate(choice_q["choices"]) if c["right"])
    labels.nth(wrong).click()
    shown = question.locator(".Feedback").inner_text()
    assert shown.startswith("Not quite:") and choice_q["choices"][wrong]["feedback"] in shown
    labels.nth(right).click()
    assert question.locator(".Feedback").inner_text().startswith(f"Right: {choice_q['choices'][right]['label']}")
    n_number, n_index, number_q = _first_with("number")
    n_box = page.locator(f"{scope} .csto-self-check[data-notebook='{n_number}']")
    n_question = n_box.locator(".Quiz").nth(n_index)
    _bring_into_view(n_box, n_index)
    field = n_question.locator("input")
    assert n_question.get_by_role("textbox", name=re.compile(re.escape(number_q["prompt"][:40]))).count() == 1, \
        "the number box is named by its question (screen readers, axe's 'label' rule)"
    field.fill(str(number_q["wrong"][0]["number"]))
    field.press("Enter")
    assert number_q["wrong"][0]["feedback"] in n_question.locator(".Feedback").inner_text()
    # the right number typed key by key in words, as a student who has never programmed does (letters that are a
    # deck's shortcuts among them): the box takes them and reads them as the checker does
    field.fill("")
    field.press_sequentially(IN_WORDS[int(number_q["answer"])] if number_q["answer"] in range(len(IN_WORDS)) else
                             show.readable_number(number_q["answer"]))
    field.press("Enter")
    assert n_question.locator(".Feedback").inner_text().startswith("Right:")
    score = box.locator(".csto-check-score").inner_text()
    expected = 2 if n_number == number else 1
    assert score.startswith(f"Your score: {expected} of {len(quiz.question_data(number))} right"), score
    assert traffic.blocked == [], f"the self-check reached for the network: {traffic.blocked}"
    assert traffic.console_errors == []


@needs_chromium
@pytest.mark.browser
def test_clicking_a_choice_in_the_handout_shows_its_feedback_offline(site, browser):
    with _opened(browser, site["handout"], (1366, 768)) as (_, traffic, page):
        _click_through(page, traffic, "body")


@pytest.fixture(scope="module")
def browser():
    """One offline Chromium for the module's browser tests (a launch is most of a second): each opens its own page."""
    with offline_browser() as (context, traffic):
        yield context, traffic


@contextmanager
def _opened(browser, path: Path, viewport: tuple[int, int]):
    """``path`` in a new page of the module's browser at ``viewport`` (``own_page``): (context, traffic, page)."""
    with own_page(browser, viewport, path) as (page, traffic):
        yield browser[0], traffic, page


def _deck_page(site, browser):
    """The self-check deck opened offline at room size: (context, traffic, page)."""
    return _opened(browser, site["deck"], (1280, 720))


def _deck_at_self_check(page, number: str):
    """Step through the deck with → as a teacher does, to the slide with notebook ``number``'s self-check; its box,
    once the pager is drawn."""
    page.wait_for_selector(".reveal .slides section.present", timeout=15000)
    for _ in range(60):
        if page.locator(f"section.present:not(.stack) .csto-self-check[data-notebook='{number}']").count():
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
    box = page.locator(f"section.present:not(.stack) .csto-self-check[data-notebook='{number}']")
    box.locator(".csto-check-pager").wait_for(timeout=15000)
    return box


@needs_chromium
@pytest.mark.browser
def test_clicking_a_choice_on_the_deck_slide_shows_its_feedback_offline(site, browser):
    number, _, _ = _first_with("choice")
    with _deck_page(site, browser) as (_, traffic, page):
        _deck_at_self_check(page, number)
        _click_through(page, traffic, "section.present:not(.stack)")


SELF_CHECK_TEXT_JS = """(box) => Array.from(box.querySelectorAll('*')).filter(el => el.offsetParent !== null &&
  Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(el => [parseFloat(getComputedStyle(el).fontSize), el.textContent.trim().slice(0, 40)])"""


# which of a self-check's questions show, as Playwright's is_visible judges one (a box, and not hidden), in one call
SHOWN_QUESTIONS_JS = """box => Array.from(box.querySelectorAll('.Quiz')).flatMap((q, i) => {
  const r = q.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(q).visibility !== 'hidden' ? [i] : []; })"""


@needs_chromium
@pytest.mark.browser
def test_the_deck_shows_one_self_check_question_at_a_time_in_text_the_room_can_read(site, browser):
    """On a projector the self-check is one question per view, its text at least 18 px, stepped with its own buttons;
    a handout shows every question (no pager)."""
    number = max(NOTEBOOKS, key=lambda n: len(quiz.question_data(n)))
    total = len(quiz.question_data(number))
    with _deck_page(site, browser) as (context, traffic, page):
        box = _deck_at_self_check(page, number)
        seen = []
        for index in range(total):
            visible = box.evaluate(SHOWN_QUESTIONS_JS)
            assert visible == [index], f"question {index + 1}: the slide shows questions {visible}"
            small = [s for s in box.evaluate(SELF_CHECK_TEXT_JS) if s[0] < 18]
            assert not small, f"self-check text under 18 px on the slide: {small[:4]}"
            frame = box.bounding_box()
            assert frame["y"] + frame["height"] <= 720, f"question {index + 1} runs below the frame"
            choices = box.locator(".Quiz").nth(index).locator("label")
            if choices.count():  # with the feedback a click brings, the question still fits the frame
                choices.nth(0).click()
                frame = box.bounding_box()
                assert frame["y"] + frame["height"] <= 720, f"question {index + 1}'s feedback runs below the frame"
            seen.append(box.locator(".csto-check-at").inner_text())
            if index < total - 1:
                box.locator(".csto-check-next").click()
        assert seen[-1] == f"Question {total} of {total}" and box.locator(".csto-check-next").is_disabled()
        assert traffic.console_errors == []
        handout = context.new_page()
        handout.goto(site["handout"].as_uri())
        handout.locator(f".csto-self-check[data-notebook='{number}'] .Quiz").first.wait_for(timeout=15000)
        assert handout.locator(".csto-check-pager").count() == 0
        assert handout.locator(f".csto-self-check[data-notebook='{number}'] .Quiz").nth(total - 1).is_visible()
        handout.close()




@needs_chromium
@pytest.mark.browser
def test_arrowing_through_choices_on_a_slide_chooses_nothing_and_the_deck_stays_until_enter_chooses(site, browser):
    number, index, choice_q = _first_with("choice")
    with _deck_page(site, browser) as (context, traffic, page):
        box = _deck_at_self_check(page, number)
        _bring_into_view(box, index)
        question = box.locator(".Quiz").nth(index)
        slide = page.evaluate("() => JSON.stringify(Reveal.getIndices())")
        question.locator("input[type=radio]").first.focus()
        for _ in range(len(choice_q["choices"]) + 1):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("() => JSON.stringify(Reveal.getIndices())") == slide, "an arrow moved the deck"
        assert not question.locator(".Feedback").inner_text().strip(), "passing a choice chose it"
        assert box.locator(".csto-check-score").inner_text().startswith("Your score: 0 of")
        focused = page.evaluate("() => document.activeElement.id")
        page.keyboard.press("Enter")
        assert question.locator(".Feedback").inner_text().strip(), "Enter on a choice chooses it"
        chosen = int(focused[-1])  # the library names a choice's input quizo<id><index>
        right = choice_q["choices"][chosen]["right"]
        assert box.locator(".csto-check-score").inner_text().startswith(f"Your score: {int(right)} of")
        assert traffic.console_errors == []


@needs_chromium
@pytest.mark.browser
def test_after_enter_in_a_number_box_the_focus_stays_in_the_quiz_so_keys_do_not_move_the_deck(site, browser):
    number, index, number_q = _first_with("number")
    with _deck_page(site, browser) as (context, traffic, page):
        box = _deck_at_self_check(page, number)
        _bring_into_view(box, index)
        field = box.locator(".Quiz").nth(index).locator("input")
        slide = page.evaluate("() => JSON.stringify(Reveal.getIndices())")
        pages = len(context.pages)
        field.fill(str(number_q["wrong"][0]["number"]))
        field.press("Enter")
        page.wait_for_timeout(200)
        assert box.evaluate("(b) => b.contains(document.activeElement)"), "focus dropped to the page"
        for key in ("ArrowRight", "Space", "s"):
            page.keyboard.press(key)
        assert page.evaluate("() => JSON.stringify(Reveal.getIndices())") == slide, "a key moved the deck"
        assert len(context.pages) == pages, "S opened the speaker view"
        assert traffic.console_errors == []
