"""The one normalisation rule under which a quote counts as verbatim, and whole-word term counting."""

from __future__ import annotations

import difflib
import re

_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Fold what a copy-paste may change and nothing else: curly quotes, runs of white space, letter case.

    Dashes, spelling and typos are kept, so a quote that 'fixes' a seed does not match it.
    """
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHIC)).strip().lower()


def count_term(text: str, term: str) -> int:
    """Occurrences of ``term`` as a whole word or phrase, case-insensitive ('war' does not count 'warning')."""
    pattern = r"(?<![\w-])" + re.escape(normalise(term)) + r"(?![\w])"
    return len(re.findall(pattern, normalise(text)))


def overlaps(a: str, b: str, least: int = 30) -> bool:
    """True when two passages share words: one holds the other, or they share a run of ``least`` characters.

    Used to tell whose words a passage is (a claim quoting a speaker's own words) under the same folding rule.
    """
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= least
