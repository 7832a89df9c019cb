"""The hand-written parts of teacher_guide.md (outside its generated blocks) keep the course's attributions."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "teacher_guide.md"
GENERATED = re.compile(r"<!-- ([a-z]+(?::\d\d)?):start -->.*?<!-- \1:end -->", re.S)


def test_the_guides_own_words_never_credit_the_relayed_reports_words_to_afp():
    """Review 3, L6: the report that relays AFP is not AFP; only its first sentence, 'told AFP' and 'described to
    AFP' are tied to AFP in the text, so the guide names 'the relayed report (citing AFP)'."""
    hand = GENERATED.sub("", GUIDE.read_text(encoding="utf-8"))
    bare = [m.group(0) for m in re.finditer(r".{0,40}\bAFP\b", hand)
            if not re.search(r"(citing|relayed|relaying|told|to|an) (AFP|an AFP)$|citing AFP$", m.group(0))]
    assert not bare, bare
