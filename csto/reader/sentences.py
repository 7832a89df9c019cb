"""Paragraphs and the one sentence rule, and how many of a source's sentences some row quotes."""

from __future__ import annotations

import re


from ..data import keeping
from ..data.frames import source_text

from .passages import Passage, passages


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: every non-blank line of the seed, without its leading and trailing spaces.

    The seeds mark paragraphs either with a blank line or with a single line break; a line is a paragraph in both.
    """
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        offset += len(line)
    return spans


# A sentence ends at '.', '!' or '?' (with any closing quotation mark or bracket) followed by white space, unless
# the word before the full stop is an abbreviation (Dec., U.S., Mr.) or a single initial, or the next word starts
# with a small letter ('“Is it?” she asked').
SENTENCE_RULE = (
    "A sentence ends at “.”, “!” or “?” followed by a space, but not after an abbreviation such as “Dec.” or "
    "“U.S.” nor before a word in small letters; a line without a final full stop, such as a heading, counts as one "
    "sentence."
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|No|vs|etc|e\.g|i\.e)\.)$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text: the one sentence rule of the reader, used for coverage.

    Rule: sentences never cross a paragraph (see ``paragraphs``); within one, a sentence ends at '.', '!' or '?'
    (plus any closing quotation mark or bracket) followed by white space, except after an abbreviation ('Dec.',
    'U.S.', 'Mr.') or a single initial, or before a word in small letters ('“Is it?” she asked'). What remains of a
    paragraph after its last sentence end (a heading, a
    caption, a byline without a full stop) is a sentence too.
    """
    spans = []
    for start, end in paragraphs(text):
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            following = text[match.end():end].lstrip()[:1]
            if _ABBREVIATION.search(text, cursor, match.start() + 1) or following.islower():
                continue
            spans.append((cursor, match.end()))
            cursor = match.end()
            while cursor < end and text[cursor].isspace():
                cursor += 1
        if cursor < end:
            spans.append((cursor, end))
    return spans


def _used_sentences(text: str, found: list[Passage]) -> list[bool]:
    spans = [s for p in found for s in p.spans]
    return [any(a < e and b > s for a, b in spans) for s, e in sentences(text)]


@keeping.kept("reader", encode=list, decode=tuple)  # matching every quote to the text: kept for the next Run All
def coverage(source_id: str) -> tuple[int, int]:
    """(sentences at least one row quotes from, sentences in the text); see ``sentences`` for the rule."""
    used = _used_sentences(source_text(source_id), passages(source_id))
    return sum(used), len(used)


def coverage_line(source_id: str) -> str:
    used, total = coverage(source_id)
    share = f" ({round(100 * used / total)}%)" if total else ""
    return f"{used} of {total} sentences{share} are quoted somewhere in the course."
