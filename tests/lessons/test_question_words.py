"""What a student reads in a question (prompt, choices, feedback, why) uses the classroom's words: no column name of
the data package ('date_note', 'source_id'), no column spelled out ('date basis', 'finest date') and no 'span' or
'seed', in any notebook's self-check or exercise checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from csto.data import lookups
from csto.lessons import quiz
from csto.lessons.answers import dates_in

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted({quiz.question(q).notebook for q in quiz.question_ids(exercises=True)})


def _column_names() -> set[str]:
    """Every column of the data package whose name no reader would write (it has an underscore)."""
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    return {f["name"] for r in package["resources"] if "schema" in r for f in r["schema"]["fields"] if "_" in f["name"]}


DATABASE_WORDS = re.compile(r"\b(spans?|seeds?|date basis|finest date|date precision)\b", re.I)


def _texts(notebook: str) -> list[tuple[str, str]]:
    found = []
    for item in quiz.question_data(notebook, exercises=True):
        found += [(item["id"], item["prompt"]), (item["id"], item["why"])]
        found += [(item["id"], c[k]) for c in item.get("choices", []) for k in ("label", "feedback")]
        found += [(item["id"], w["feedback"]) for w in item.get("wrong", [])]
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_no_question_names_a_column_of_the_data_or_a_database_word(notebook):
    columns = re.compile(r"\b(" + "|".join(sorted(_column_names())) + r")\b")
    leaks = [(qid, m.group(0)) for qid, text in _texts(notebook)
             for m in [*columns.finditer(text), *DATABASE_WORDS.finditer(text)]]
    assert not leaks, leaks


SOURCE_NAMES = {lookups.source_name(s) for s in lookups.source_order()}
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
STOP = {"does", "did", "do", "of", "the", "in", "are", "is", "has", "have", "were", "was", "had", "times"}


def _key_nouns(prompt: str) -> list[str]:
    """What a number question counts: its quoted term ('special operation'), else the noun after 'how many' ('member
    states'), in the forms a feedback may write it ('states', 'state'; 'crises', 'crisis')."""
    quoted = re.findall(r"'([^']+)'|“([^”]+)”", prompt)
    if quoted and re.search(r"how many times", prompt, re.I):
        return [next(filter(None, quoted[0]))]
    words = re.search(r"how many ((?:of the )?[\w-]+(?: [\w-]+)?)", prompt, re.I)
    if not words:
        return []
    forms = set()
    for noun in (w for w in words.group(1).lower().split() if w not in STOP):
        forms |= {noun, noun[:-1] if noun.endswith("s") else noun + "s"}
        forms |= {noun[:-2] + "is"} if noun.endswith("es") else set()
    return sorted(forms)


def _answer_patterns(qid: str) -> list[re.Pattern]:
    """How a text would state this question's right answer: its count in digits or words beside the noun it counts (a
    few words apart, either way round), or a right choice's whole label when it is more than one word and is neither a
    source's name nor a date (a one-word label such as a country's name, a source or a date is named for many other
    reasons)."""
    q = quiz.question(qid)
    if q.kind == "number":
        value = float(quiz.answer(qid))
        if value >= 1900 or not value.is_integer():
            return []
        number = rf"(?:{int(value)}|{NUMBER_WORDS[int(value)]})" if value <= 20 else str(int(value))
        found = []
        for noun in _key_nouns(q.text()):
            noun = re.escape(noun)
            found += [re.compile(rf"\b{number}\b(?:\W+\w+){{0,4}}?\W+{noun}\b", re.I),
                      re.compile(rf"\b{noun}\b\W+(?:\w+\W+){{0,2}}?{number}\b(?! ?%| percent)", re.I)]
        return found
    if q.kind == "choice":
        label = q.right_option().label
        if len(label.split()) < 2 or label in SOURCE_NAMES or dates_in(label):
            return []
        return [re.compile(rf"(?<!\w){re.escape(label)}(?!\w)", re.I)]
    return []


def _feedback_texts(item: dict) -> list[str]:
    """What a student reads after answering: every choice's feedback, every known wrong answer's (which speaks of the
    number typed, so the number is read with it), and the why shown once the answer is right."""
    texts = [item["why"]] + [c["feedback"] for c in item.get("choices", [])]
    texts += [f"{w.get('number', w.get('text'))}: {w['feedback']}" for w in item.get("wrong", [])]
    return texts


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_no_feedback_states_another_question_s_right_answer_in_the_same_notebook(notebook):
    """Student 9: 06 Q1's feedback gave Q3's answer (6 and the list), Q4's gave Q6's, and 05 Exercise 1's Right
    feedback gave self-check Q1's count."""
    items = quiz.question_data(notebook, exercises=True)
    patterns = {item["id"]: _answer_patterns(item["id"]) for item in items}
    leaks = [(item["id"], other, text[:160]) for item in items for text in _feedback_texts(item)
             for other, found in patterns.items() if other != item["id"] and not _own_choice(item, other)
             and any(p.search(text) for p in found)]
    assert not leaks, leaks


def _own_choice(item: dict, other: str) -> bool:
    """True when the other question's right answer is also one of this question's choices: its feedback then names the
    choice the student clicked, not the other question's answer."""
    if quiz.question(other).kind != "choice":
        return False
    bare = lambda text: re.sub(r"^(?:a|an|the) ", "", text.lower())  # noqa: E731
    return bare(quiz.answer(other)) in {bare(c["label"]) for c in item.get("choices", [])}


def test_the_answer_patterns_find_a_count_beside_its_noun_and_a_whole_label():
    found = _answer_patterns("q03_members_named_2022")
    assert any(p.search(f"{quiz.answer('q03_members_named_2022')}: That is how many members Evstratov names")
               for p in found)
    assert not any(p.search("the 2022 summit") for p in found)
    assert _key_nouns("How many times does Evstratov write 'special operation' (as a phrase)?") == ["special operation"]
    assert _key_nouns("In how many of the crises in the course's crisis table?") == ["crise", "crises", "crisis"]
    assert _answer_patterns("q06_where_troops") == [], "a one-word label (a country) is not looked for"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_where_to_look_does_not_state_the_question_s_own_answer(notebook):
    """A wrong answer is told where to look; 06 Q1's 'Nine members within two years' told the answer itself."""
    stated = []
    for qid in quiz.question_ids(notebook, exercises=True):
        q, answer = quiz.question(qid), quiz.answer(qid)
        if q.kind == "number":
            value = float(answer)
            if value >= 1900 or not value.is_integer():
                continue
            said = [str(int(value))] + ([NUMBER_WORDS[int(value)]] if value <= 20 else [])
        else:
            said = [str(answer)] if len(str(answer)) > 3 else []
        if any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", q.where, re.I) for s in said):
            stated.append((qid, answer, q.where))
    assert not stated, stated


ADDRESS = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|ru|kz|az|am|eu|net|by|info|gov)/")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# the one question whose subject is a Russian text: the notice printed on a copy, which it quotes
ABOUT_A_RUSSIAN_TEXT = {"nb00_foreign_agent_notice"}


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_feedback_names_other_reports_by_outlet_and_date_not_address_or_headline(notebook):
    """Student 8: feedback printed raw addresses and Russian headlines (00, 01, 03; 05 and 06 did too); a student reads
    the outlet and the date, and the full reference stays in the lesson's tables of other reports."""
    for question in quiz.question_data(notebook, exercises=True):
        text = json.dumps(question, ensure_ascii=False)
        assert not ADDRESS.search(text), (question["id"], ADDRESS.search(text).group(0))
        assert question["id"] in ABOUT_A_RUSSIAN_TEXT or not CYRILLIC.search(text), question["id"]
