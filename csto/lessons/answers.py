"""Reading what a student typed: numbers in any common form, a choice by its letter or by words the notebook shows.

A student copies from the notebook, so every form a table or a choice prints must be read as that answer: a date as
a table prints it ("Dec 2016", "December 2016", "2016-12"), a surname from a choice that names a person, the first
words of a choice ("no month is given"), a source's short name or first word, a country's code.
"""

from __future__ import annotations

import calendar
import numbers
import re

import pandas as pd

from ..data.verbatim import normalise
from .typed_numbers import HEDGES, NUMBER_PATTERN, number_words

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
COLLECTIONS = (list, tuple, set, dict, pd.DataFrame, pd.Series)
SMALL_WORDS = {"the", "a", "an", "of", "in", "on", "and", "by", "to", "its", "it", "as", "at", "for", "no", "not"}


# American spellings a student may type for the course's British ones
SPELLINGS = {"judgment": "judgement", "judgments": "judgements"}


def norm(text: object) -> str:
    """Fold case, curly quotes, underscores, American spellings and the punctuation around a typed answer."""
    text = normalise(str(text)).replace("_", " ")
    text = re.sub(r"[\"'“”‘’«»]", "", text)
    text = re.sub(r"\b(" + "|".join(SPELLINGS) + r")\b", lambda m: SPELLINGS[m.group(1)], text)
    return re.sub(r"\s+", " ", text).strip(" .,;:!?")


def as_number(given: object) -> float | None:
    """A number from 9, 9.0, '9', 'nine', '44%', '44 percent', '2,000', 'about 44'; None if it cannot be read."""
    if isinstance(given, bool):
        return None
    if isinstance(given, numbers.Real):
        value = float(given)
        return None if value != value else value  # NaN
    if not isinstance(given, str):
        return None
    text = norm(given).replace("per cent", "percent")
    text = re.sub(r"^(" + "|".join(HEDGES) + r")\s+", "", text)
    match = re.fullmatch(NUMBER_PATTERN, text)
    if match:
        try:
            return float(match.group(1).replace(",", ""))
        except ValueError:
            return None
    return number_words(text)


def dates_in(text: str) -> set[str]:
    """The dates a text names, as 'YYYY-MM' or 'YYYY-MM-DD': 'Dec 2016', 'December 2016', '2016-12', '5 Jan 2022',
    'January 5, 2022' and '2022-01-05' all read alike, so a date typed as any table prints it finds its choice."""
    text = norm(text).replace(",", " ")
    found = {f"{y}-{m}-{d}" if d else f"{y}-{m}" for y, m, d in re.findall(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b", text)}
    month = "|".join(sorted(MONTHS, key=len, reverse=True))
    for day, name, year in re.findall(rf"\b(?:(\d{{1,2}})\s+)?({month})\.?\s+(\d{{4}})\b", text):
        found.add(f"{year}-{MONTHS[name]:02d}" + (f"-{int(day):02d}" if day else ""))
    for name, day, year in re.findall(rf"\b({month})\.?\s+(\d{{1,2}})\s+(\d{{4}})\b", text):
        found.add(f"{year}-{MONTHS[name]:02d}-{int(day):02d}")
    return found


def is_blank(given: object) -> bool:
    """None, an empty string, NaN or NA: nothing typed yet."""
    if given is None or isinstance(given, str) and not given.strip():
        return True
    try:
        return bool(pd.isna(given)) if not isinstance(given, COLLECTIONS) else False
    except (TypeError, ValueError):
        return False


def shown(given: object) -> str:
    """How a student's answer is shown back: short, and never an error."""
    try:
        if isinstance(given, (pd.DataFrame, pd.Series)):
            return f"a {type(given).__name__} ({len(given)} rows)"
        text = repr(given)
    except Exception:  # noqa: BLE001 - a student's object may have a broken __repr__
        text = f"a {type(given).__name__}"
    return text if len(text) <= 60 else text[:57] + "…"


def letters(n: int) -> str:
    """'(a) to (d)' for four choices."""
    return f"(a) to ({chr(96 + n)})" if n > 1 else "(a)"


def _words_inside(text: str, label: str) -> bool:
    """True when ``text`` is a run of whole words of ``label`` (and says more than a small word)."""
    if len(text) < 3 or text in SMALL_WORDS:
        return False
    return re.search(rf"(?:^|\W){re.escape(text)}(?:$|\W)", label) is not None


def match_choice(
    given: object, labels: list[str], forms: list[tuple[str, ...]], letters_shown: bool = True
) -> tuple[int | None, str | None]:
    """The index of the choice a student meant, or None and a reason (ambiguous, or no such letter).

    Tried in turn: a letter; "(b) words"; the choice's words or another form of it (``forms``); a date in any printed
    form; the first words of exactly one choice; words inside exactly one choice (a surname, a crisis name); an answer
    that names exactly one choice by its first word."""
    text = norm(given)
    letter = re.fullmatch(r"(?:option|choice|answer)?\s*\(?([a-z])\)?[.):]?", text)
    if letter and not letters_shown:  # a letter the page shows names something else (a sentence), never a choice
        return None, f"{given!r} is a letter, and this check reads words, not letters"
    if letter:
        index = ord(letter.group(1)) - 97
        if 0 <= index < len(labels):
            return index, None
        if len(text) <= 3:
            return None, f"there is no choice ({letter.group(1)}): the choices are {letters(len(labels))}"
    prefixed = re.fullmatch(r"\(?([a-z])\)\s*(.+)", text)
    at = ord(prefixed.group(1)) - 97 if prefixed else -1
    if prefixed and 0 <= at < len(labels) and norm(labels[at]) == prefixed.group(2):
        return at, None
    normed = [norm(label) for label in labels]
    bare = re.sub(r"^(?:a|an|the) (?=\w)", "", text)  # 'a member' is the choice 'member' (not 'not a member')
    if bare != text and bare in normed:
        return normed.index(bare), None
    plain = [norm(re.sub(r"['’]s\b", "", label)) for label in labels]  # "Bordyuzha's" read as "Bordyuzha"
    for rule in (lambda i: text == normed[i] or text in {norm(f) for f in forms[i]},
                 lambda i: bool(dates_in(text)) and dates_in(text) == dates_in(normed[i]),
                 lambda i: normed[i].startswith(text + " ") and len(text) > 2,
                 lambda i: _words_inside(text, plain[i]) or any(_words_inside(text, norm(f)) for f in forms[i]),
                 # a sentence naming exactly one short, name-like choice by its first word ('the relayed report
                 # (citing AFP)' for 'AFP 2022'), and saying no 'not'
                 lambda i: len(labels[i].split()) <= 3 and not re.search(r"\b(not|no|never|nor|neither)\b", text)
                 and _words_inside(plain[i].split(" ")[0], text)):
        hits = [i for i in range(len(labels)) if rule(i)]
        if len(hits) == 1:
            return hits[0], None
        if len(hits) > 1:
            ask = "give the letter" if letters_shown else "write out the one you mean"
            return None, f"{text!r} fits more than one choice ({'; '.join(labels[i] for i in hits)}): {ask}"
    return match_choice(bare, labels, forms, letters_shown) if bare != text else (None, None)


def name_words(given: str) -> list[str]:
    """The words of a typed name, folded ('Dmitry Peskov' → ['dmitry', 'peskov'])."""
    return re.findall(r"[\w-]+", norm(given))
