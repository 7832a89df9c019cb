"""The course's glossary (data/glossary.csv): subject terms from the sources and the course's own method terms.

One list serves three readers: ``docs/glossary.md`` for JupyterLab (notebooks link a term the first time they use
it, e.g. ``[background row](../docs/glossary.md#background-row)``), the site's glossary page (the build rewrites
those links to ``glossary.html#...``), and ``show.table(glossary.terms())`` in a notebook. ``python -m csto.glossary``
rewrites docs/glossary.md; a test keeps it in step with the data.
"""

from __future__ import annotations

import re

import pandas as pd

from .data import lookups
from .data.frames import load
from .paths import repo_root

DOC = "docs/glossary.md"
ORIGIN_NOTES = {
    "seed": "from the course sources",
    "context": "other reports (cited), not our five sources",
    "course": "the course's own method term",
}


def slug(term: str) -> str:
    """The anchor of a term: lower case, runs of anything but letters and digits become one hyphen."""
    return re.sub(r"[^0-9a-zа-яё]+", "-", term.lower()).strip("-")


def terms(short: bool = False) -> pd.DataFrame:
    """Every term, alphabetical, with its anchor, expansion, Russian and Indonesian forms, definition and basis
    (``short``: a background term's basis names only the publisher, as a slide table does)."""
    frame = load("glossary")
    basis = [
        lookups.background(c, short) if o == "context"
        else (ORIGIN_NOTES["course"] if o == "course" else lookups.source_name(s))
        for o, s, c in zip(frame["origin"], frame["source_id"], frame["citation_id"])
    ]
    out = pd.DataFrame({
        "term": frame["term"], "anchor": [slug(t) for t in frame["term"]], "expansion": frame["expansion"],
        "Russian": frame["term_ru"], "Indonesian": frame["term_id"], "definition": frame["definition"],
        "kind": [("method" if o == "course" else "subject") for o in frame["origin"]], "basis": basis,
    })
    return out.sort_values("term", key=lambda s: s.str.lower(), kind="stable").reset_index(drop=True)


def method_terms() -> pd.DataFrame:
    """The course's own method terms (seed, background row, date precision, …): how the course works."""
    frame = terms()
    return frame[frame["kind"] == "method"].reset_index(drop=True)


def link(term: str) -> str:
    """A Markdown link to a term's entry, as a notebook writes it (the site build points it at the glossary page)."""
    known = set(load("glossary")["term"])
    if term not in known:
        raise KeyError(f"no glossary term {term!r}; see data/glossary.csv")
    return f"[{term}](../{DOC}#{slug(term)})"


def markdown() -> str:
    """docs/glossary.md: method terms first (how to read the course), then the subject terms, each with its anchor."""
    frame = terms()
    printed = {t for t, q in zip(load("glossary")["term"], load("glossary")["quote"]) if _cyrillic(q)}
    lines = [
        "# Glossary",
        "",
        "Generated from `data/glossary.csv` by `python -m csto.glossary`; do not edit by hand.",
        "",
        "Each entry says where its definition comes from: a course source, background (not from the course sources, "
        "with its citation), or the course's own method term. Russian forms are the course's renderings, not taken "
        "from the course sources, except where the entry's source prints them in Russian "
        "(marked 'printed in the source').",
        "",
    ]
    for title, kind in (("How the course works: method terms", "method"), ("Subject terms", "subject")):
        lines += [f"## {title}", ""]
        for row in frame[frame["kind"] == kind].itertuples():
            russian = (f"Russian{' (printed in the source)' if row.term in printed else ''}: {row.Russian}"
                       if isinstance(row.Russian, str) else "")
            extra = "; ".join(
                p
                for p in (
                    row.expansion,
                    russian,
                    f"Indonesian: {row.Indonesian}" if isinstance(row.Indonesian, str) else "",
                )
                if isinstance(p, str) and p
            )
            lines += [f'<a id="{row.anchor}"></a>', f"### {row.term}", ""]
            if extra:
                lines += [f"*{extra}*", ""]
            lines += [row.definition, "", f"Basis: {row.basis}.", ""]
    return "\n".join(lines).rstrip() + "\n"


def _cyrillic(quote: object) -> bool:
    """True when an entry's quote is in Cyrillic: its source prints the Russian form (in some grammatical form)."""
    return isinstance(quote, str) and bool(re.search("[а-яё]", quote.lower()))


def write() -> bool:
    """Rewrite docs/glossary.md; True when it changed."""
    path = repo_root() / DOC
    text = markdown()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    print("docs/glossary.md " + ("rewritten" if write() else "unchanged"))
