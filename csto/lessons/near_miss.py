"""A typed answer one letter off an accepted one: 'Komersant' for 'Kommersant', 'memeber' for 'member'.

The check does not pass it (a near miss may be another word), but it says to check the spelling and names the form
meant, so a student who knew the answer is not told "Not quite" or "Can't read" with nothing more. Only for words of
five letters or more (a letter off a short word is often another word: 'Alan' and 'Alen'), and only when the typed
text is near exactly one accepted form and near none of the answers the check knows to be wrong: the hint never names
the right answer to a student who typed a different real answer.
"""

from __future__ import annotations

from .answers import norm

SHORTEST = 5  # letters: below this a one-letter difference is too often another word


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one letter added, dropped, changed, or two neighbours swapped (not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        start = next((i for i, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
        return short[start:] == long_[start + 1:]
    differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(differ) == 1:
        return True
    first, second = differ[0], differ[-1]
    return len(differ) == 2 and second == first + 1 and (a[first], a[second]) == (b[second], b[first])


def _pieces(text: str) -> set[str]:
    """The whole typed text and each of its words, folded, that are long enough to be checked."""
    folded = norm(text)
    return {p for p in (folded, *folded.split(" ")) if len(p) >= SHORTEST}


def meant(typed: object, forms: dict[str, object], wrong: list[object] = ()) -> str | None:
    """The accepted form (a key of ``forms``, as written) that ``typed`` is one letter off, when every such form stands
    for the same answer (the value) and ``typed`` is near no known wrong answer; else None."""
    if not isinstance(typed, str):
        return None
    pieces = _pieces(typed)
    near = {form: answer for form, answer in forms.items()
            if len(norm(form)) >= SHORTEST and any(one_edit_apart(p, norm(form)) for p in pieces)}
    if not near:  # a word of a form: 'Evstratv' for 'Evstratov 2022'
        near = {form: answer for form, answer in forms.items()
                if any(one_edit_apart(p, w) for p in pieces for w in _pieces(form) - {norm(form)})}
    if len(set(map(repr, near.values()))) != 1:
        return None
    if any(one_edit_apart(p, norm(w)) or p == norm(w) for w in wrong if isinstance(w, str) for p in pieces):
        return None
    return next(iter(near))


def spelling_hint(form: str) -> str:
    """The sentence: check the spelling, and the form meant."""
    return f"check the spelling: did you mean '{form}'?"
