"""The self-check as a student meets it after a wrong number: the box keeps what was typed, readable, and the score
says how many were right at the first try. The page is the self-check's own outputs (``show.self_check_outputs``)
opened from disk in Debian's Chromium with the network walled off; no kernel is needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from csto import show
from csto.course import entries
from csto.lessons import quiz

from browser_support import needs_chromium, own_page

pytestmark = [needs_chromium, pytest.mark.browser]

CONTRAST_JS = """(el) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const style = getComputedStyle(el), a = lum(style.color), b = lum(style.backgroundColor);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def _notebook_with_number_and_choice() -> tuple[str, list[dict]]:
    """The first lesson whose self-check has a number with a known wrong answer and a choice question."""
    for entry in entries():
        number = entry["file"][:2]
        questions = quiz.question_data(number)
        if any(q["kind"] == "number" and q.get("wrong") for q in questions) and \
                any(q["kind"] == "choice" for q in questions):
            return number, questions
    raise AssertionError("no self-check has both a number with a known wrong answer and a choice")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> tuple[Path, str, list[dict]]:
    number, questions = _notebook_with_number_and_choice()
    bundle, script = show.self_check_outputs(number, questions)
    path = tmp_path_factory.mktemp("selfcheck") / "self_check.html"
    path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Self-check</title></head>'
                    f'<body>{bundle["text/html"]}<script>{script}</script></body></html>', encoding="utf-8")
    return path, number, questions


def test_a_wrong_number_stays_in_its_box_readable_and_the_score_counts_first_tries(page_file, browser):
    path, number, questions = page_file
    n_index, number_q = next((i, q) for i, q in enumerate(questions) if q["kind"] == "number" and q.get("wrong"))
    c_index, choice_q = next((i, q) for i, q in enumerate(questions) if q["kind"] == "choice")
    wrong_number = show.readable_number(number_q["wrong"][0]["number"])
    with own_page(browser, (1366, 768)) as (page, traffic):
        page.goto(path.as_uri())
        box = page.locator(".csto-self-check")
        box.locator(".Quiz").first.wait_for(timeout=15000)
        field = box.locator(".Quiz").nth(n_index).locator("input")
        field.click()
        field.type(wrong_number)
        field.press("Enter")
        page.wait_for_timeout(1200)  # the library's colour change runs 0.8 s; the course's refocus 30 ms
        kept, contrast = field.input_value(), field.evaluate(CONTRAST_JS)
        page.screenshot(path=str(path.with_suffix(".png")), full_page=True)
        # a second Enter on the same number checks it again: nothing was emptied under the student's hands
        field.fill(show.readable_number(number_q["answer"]))
        field.press("Enter")
        page.wait_for_timeout(300)
        right_kept = field.input_value()
        labels = box.locator(".Quiz").nth(c_index).locator("label")
        labels.nth(next(i for i, c in enumerate(choice_q["choices"]) if c["right"])).click()
        score = box.locator(".csto-check-score").inner_text()
        page.close()
    assert kept == wrong_number, f"after Enter the box reads {kept!r}, not what was typed ({wrong_number!r})"
    assert contrast >= 4.5, f"the typed number after a wrong answer has a contrast of {contrast:.1f}:1 (4.5 needed)"
    assert right_kept == show.readable_number(number_q["answer"])
    total = len(questions)
    assert score.startswith(f"Your score: 2 of {total} right") and "(1 at the first try)" in score, score
    assert traffic.blocked == [] and traffic.console_errors == [], (traffic.blocked, traffic.console_errors)


# the test's own spelling of numbers (not the course's table): a student's words, written out independently
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _in_words(n: int, joiner: str = " ") -> str:
    return _UNITS[n] if n < 20 else _TENS[n // 10 - 2] + (joiner + _UNITS[n % 10] if n % 10 else "")


def _word_questions() -> tuple[str, list[dict], list[tuple[int, dict]]]:
    """The first lesson with a number question answerable in words (1 to 99) that has a wrong number in words too."""
    for entry in entries():
        number = entry["file"][:2]
        questions = quiz.question_data(number)
        found = [(i, q) for i, q in enumerate(questions) if q["kind"] == "number" and float(q["answer"]).is_integer()
                 and 0 < q["answer"] < 100 and any(float(w["number"]).is_integer() and 0 < w["number"] < 100
                                                   for w in q.get("wrong", []))]
        if len(found) >= 2 and any(q["answer"] >= 21 and q["answer"] % 10 for _, q in found):
            return number, questions, found
    raise AssertionError("no self-check has two number questions a student can answer in words")


def _typed(field, text: str) -> str:
    """Type ``text`` key by key as a student does (the library filters keys; a fill would skip it), press Enter, and
    return the question's feedback."""
    field.fill("")
    field.click()
    field.press_sequentially(text)
    field.press("Enter")
    quiz_box = field.locator("xpath=ancestor::*[contains(@class, 'Quiz')][1]")
    return quiz_box.locator(".Feedback").inner_text()


def test_a_number_typed_in_words_or_with_percent_gets_the_feedback_its_number_gets(tmp_path, browser):
    number, questions, found = _word_questions()
    bundle, script = show.self_check_outputs(number, questions)
    path = tmp_path / "self_check_words.html"
    path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Self-check</title></head>'
                    f'<body>{bundle["text/html"]}<script>{script}</script></body></html>', encoding="utf-8")
    two_words = next((i, q) for i, q in found if q["answer"] >= 21 and q["answer"] % 10)
    with own_page(browser, (1366, 768)) as (page, traffic):
        page.goto(path.as_uri())
        box = page.locator(".csto-self-check")
        box.locator(".Quiz").first.wait_for(timeout=15000)
        seen = {}
        for index, q in found:
            field = box.locator(".Quiz").nth(index).locator("input")
            words = _in_words(int(q["answer"]))
            wrong = next(w for w in q["wrong"] if float(w["number"]).is_integer() and 0 < w["number"] < 100)
            for typed in (words, words.capitalize(), f"{int(q['answer'])} percent", f"about {words}"):
                seen[(index, typed)] = (_typed(field, typed), field.input_value())
            seen[(index, "wrong")] = (_typed(field, _in_words(int(wrong["number"]))), wrong["feedback"])
        index, q = two_words
        field = box.locator(".Quiz").nth(index).locator("input")
        hyphened = _typed(field, _in_words(int(q["answer"]), "-"))
        unreadable = _typed(field, "lots")
        page.screenshot(path=str(path.with_suffix(".png")), full_page=True)
        page.close()
    for (index, typed), (feedback, kept) in seen.items():
        if typed == "wrong":
            assert feedback.startswith("Not quite:") and kept in feedback, (index, feedback)
            continue
        right = f"Right: {show.readable_number(questions[index]['answer'])}."
        assert feedback.startswith(right), f"{typed!r} in question {index + 1} got {feedback!r}"
        assert kept == show.readable_number(questions[index]["answer"]), "the box shows the number it read"
    assert hyphened.startswith("Right:"), hyphened
    assert unreadable.startswith("Not quite:") and "in digits or in words" in unreadable, unreadable
    assert traffic.blocked == [] and traffic.console_errors == [], (traffic.blocked, traffic.console_errors)


FORMS = ["nine", "Nine", "NINE", "forty four", "forty-four", "44 percent", "44 per cent", "44%", "about 9",
         "roughly forty", "2,000", "one hundred and five", " 9. ", "\u2018nine\u2019", "none", "-3", "12.5",
         "9 states", "lots", "nine or ten", "i think nine", "constructor", "", "1/2", "since 2020", "in 2020",
         "twenty twenty-two", "two thousand and twenty", "two thousand twenty", "nineteen ninety-two",
         "twenty nineteen"]


def test_the_page_reads_a_typed_number_as_the_python_checker_does(browser):
    """The number box's reader (JavaScript) and ``answers.as_number`` agree on every form a student types."""
    from csto.lessons.answers import as_number
    from csto.lessons.typed_numbers import reader_js

    with own_page(browser, (1280, 720)) as (page, traffic):
        page.set_content(f"<script>{reader_js()}</script>")
        read = page.evaluate("(forms) => forms.map(cstoReadNumber)", FORMS)
        page.close()
    expected = [as_number(form) for form in FORMS]
    assert read == expected, [(f, r, e) for f, r, e in zip(FORMS, read, expected) if r != e]
    assert traffic.console_errors == []
