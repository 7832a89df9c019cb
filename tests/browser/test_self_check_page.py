"""The self-check as a student meets it after a wrong number: the box keeps what was typed, readable, and the score
says how many were right at the first try. The page is the self-check's own outputs (``show.self_check_outputs``)
opened from disk in Debian's Chromium with the network walled off; no kernel is needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from csto import show
from csto.course import entries
from csto.lessons import quiz
from csto.site.browser import offline_browser

from browser_support import needs_chromium

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


def test_a_wrong_number_stays_in_its_box_readable_and_the_score_counts_first_tries(page_file):
    path, number, questions = page_file
    n_index, number_q = next((i, q) for i, q in enumerate(questions) if q["kind"] == "number" and q.get("wrong"))
    c_index, choice_q = next((i, q) for i, q in enumerate(questions) if q["kind"] == "choice")
    wrong_number = show.readable_number(number_q["wrong"][0]["number"])
    with offline_browser(viewport=(1366, 768)) as (context, traffic):
        page = context.new_page()
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
