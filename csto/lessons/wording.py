"""Small rules of wording shared by the question files' templates and the queries that fill them.

A template in ``nbNN/questions.yaml`` is a Python format string: ``{name}`` is a value a query returned, ``{name!q}``
the same in curly quotes (words from a source), ``{name!c}`` with a capital first letter. A list becomes "a, b and
c", a whole float prints as an integer. One formatter does this for prompts, choices and feedback alike.
"""

from __future__ import annotations

import re
import string


# a filter that matched nothing gives 0 or an empty table: most often a value spelt otherwise than the table spells it
NOTHING_MATCHED = ("the selection matched nothing: check the value's spelling and capitals against the table (e.g. "
                   "'summit', 'mitchell2026')")


def quoted(text: object) -> str:
    """Words from a source, in curly quotes (a trailing full stop kept inside, as printed)."""
    return f"“{str(text).strip()}”"


def and_join(items: list[object]) -> str:
    """'a', 'a and b', 'a, b and c'; 'none' for no item."""
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sentence(text: object) -> str:
    """Text that ends as a sentence: a full stop added unless it ends with one (inside a closing quote or not)."""
    text = str(text).strip()
    if not text:
        return text
    bare = text.rstrip("”’\"')")
    return text if bare and bare[-1] in ".!?" and bare != text or text[-1] in ".!?" else text + "."


def cap(text: object) -> str:
    """The first letter in capitals (the rest left alone, so names keep theirs)."""
    text = str(text)
    return text[:1].upper() + text[1:]


CLASSROOM_WORDS = (  # the record's notes speak of seeds and rows; a student reads the classroom's words
    (r"\b[Oo]ne seed\b", "one of our sources"),
    (r"\b[Nn]o seed\b", "none of our sources"),
    (r"\bthe same seed\b", "the same source text"),
    (r"\b([Tt])he seed\b", r"\1he source text"),
    (r"\b(\d+|one) background rows?\b", r"\1 from other reports (cited)"),
    (r"\bthe background row\b", "the one from other reports (cited)"),
    (r"\bbackground rows?\b", "other reports (cited)"),
    (r" \((?:ev|sf|tp|mi|ev|evs|afp|resp|cl|fc)_[a-z0-9_]+\)", ""),  # a record id in brackets after the words it names
)


def classroom(text: str) -> str:
    """The record's own words in a note ('the seed gives no months') in the classroom's ('the source text …'), and a
    count's noun in its number ('1 passage(s)' → '1 passage', '3 check(s)' → '3 checks')."""
    for pattern, words in CLASSROOM_WORDS:
        text = re.sub(pattern, words, text)
    return re.sub(r"\b(\d+|one|no) (\w+)\(s\)", lambda m: f"{m[1]} {m[2]}{'' if m[1] in ('1', 'one') else 's'}", text)


def tidy(text: str) -> str:
    """Punctuation where a quotation that ends a sentence meets the sentence around it: '….”.' becomes '….”'; the
    record's words in the classroom's."""
    text = re.sub(r"([.!?])”([.;,])", lambda m: m.group(1) + "”" + ("" if m.group(2) == "." else m.group(2)), str(text))
    return classroom(re.sub(r"(?<!\.)\.\.(?!\.)", ".", text))


def feedback(text: object) -> str:
    """A feedback text as a sentence: capital first letter, closing full stop, tidy where a quotation ends it."""
    return tidy(sentence(cap(text)))


def plain_number(value: float) -> int | float:
    """9.0 as 9, 44.5 as 44.5: numbers as a reader writes them."""
    return int(value) if float(value).is_integer() else float(value)


def dated(name: str, when: str) -> str:
    """'Evstratov 2022 (Oct 2022–Dec 2022)', or 'Stratfor 2017 (Indonesian), 10 Jan 2017' to avoid '))'."""
    return f"{name}, {when}" if name.endswith(")") else f"{name} ({when})"


class Wording(string.Formatter):
    """``str.format`` with the course's conversions: ``!q`` quotes, ``!c`` capitalises; lists join with 'and'."""

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "q":
            return quoted(value)
        if conversion == "c":
            return cap(self.format_field(value, ""))
        return super().convert_field(value, conversion)

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, (list, tuple)):
            return and_join(value)
        if isinstance(value, float) and value.is_integer() and not format_spec:
            return str(int(value))
        return super().format_field(value, format_spec)


WORDING = Wording()


def fill(template: str, values: dict) -> str:
    """A template with the values filled in (KeyError names the missing value)."""
    return WORDING.vformat(template, (), values)
