"""Stale prose names itself: ``python -m csto.stale`` lists each notebook cell whose words the data no longer give.

The notebooks' prose states some facts about the record in words: how many sources the course has ("our five
sources"), when they were written ("written between 2017 and 2026", "in 2017, in 2022 and in 2026", "at three
moments"), how many print their date ("Two dates are stated, three inferred"), how long they are ("together they
are about 4,400 words"), and where they are silent ("silent on membership between 1999 and 2022", "report no state
joining or leaving between 1999 and 2022"). When a source or
a row is added, those words may go wrong while every chart stays right. This checker reads every cell of the
notebooks (code cells too: a chart's title is prose), finds those statements with the patterns below, recomputes
each from the data package, and names every cell that disagrees, with the words and what the data now give.
``make slides`` runs it before building, and ``tests/prose/test_stale.py`` runs it in ``make test``.

A count of sources is checked when it is the count the prose was last written for (``csto/prose_facts.json``) or
more than the data hold: "our five sources" is stale once there are six, while "our two sources" (a part) is not a
statement about all of them. After the prose has been revised for new data, ``python -m csto.stale --update``
records the new count.

What it cannot see: a statement in other words than these patterns. Prose that computes its numbers in code needs no
check; a new pattern belongs here, with a test, rather than in one notebook's guard.
Standard library only (and nbformat's JSON, read as JSON).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .paths import repo_root

NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
NUMBER = r"(?P<n>\d+|" + "|".join(NUMBERS) + r")"
YEAR = r"(1[89]\d\d|20\d\d)"
# Statements about the whole set of sources: "our five sources", "all five", "five course sources", "from five texts",
# "## The five sources", "Five texts in two languages", "Five sources, each ...".
# "The three sources" (a subset) is not one.
SOURCE_COUNT = [
    re.compile(r"\bour\s+" + NUMBER + r"\b(?!\s*(?:of|per|times|years|months|days)\b)", re.I),
    re.compile(r"\ball\s+" + NUMBER + r"\b(?=\s*(?:sources|texts|course sources|:|\)|,|\.|$))", re.I),
    re.compile(r"\b" + NUMBER + r"\s+course\s+sources\b", re.I),
    re.compile(r"\bfrom\s+" + NUMBER + r"\s+(?:sources|texts)\b", re.I),
    re.compile(r"(?m)^\s*(?:#+\s*|[-*]\s+)?(?:the\s+)?" + NUMBER + r"\s+(?:sources|texts)\b", re.I),
]
WRITTEN_BETWEEN = re.compile(r"\b(?:written|published)\s+between\s+" + YEAR + r"\s+and\s+" + YEAR, re.I)
WRITTEN_IN = re.compile(r"\b(?:written|published)\b[^.]{0,40}?\bin\s+" + YEAR + r"((?:\s*,\s*in\s+" + YEAR + r")*)"
                        r"\s*,?\s*and\s+in\s+" + YEAR, re.I)
MOMENTS = re.compile(r"\b(?:written|published)\s+(?:at|in)\s+" + NUMBER + r"\s+(?:moments|years|different years)\b",
                     re.I)
STATED = re.compile(NUMBER + r"\s+dates\s+are\s+stated,\s+(?P<m>\w+)\s+inferred", re.I)
STATED_TEXTS = re.compile(NUMBER + r"\s+texts\s+print\s+their\s+date\b[^;.]*;\s+for\s+the\s+other\s+(?P<m>\w+)", re.I)
WORDS = re.compile(r"\btogether\s+they\s+are\s+about\s+(?P<w>[\d,]+)\s+words", re.I)
# Where the sources report no change of membership, in each wording the notebooks have used: "silent on membership
# between 1999 and 2022", "report no state joining or leaving between 1999 and 2022", "Between 1999 and 2022 our five
# sources report **no state joining or leaving**". Groups 1 and 2 are the two years.
NO_CHANGE = r"no\s+state\s+joining\s+or\s+leaving"
SILENT = [
    re.compile(r"\bsilent\*{0,2}\s+on\s+membership\s+between\s+" + YEAR + r"\s+and\s+" + YEAR, re.I),
    re.compile(r"\breports?\s+\*{0,2}" + NO_CHANGE + r"\*{0,2}\s+between\s+" + YEAR + r"\s+and\s+" + YEAR, re.I),
    re.compile(r"\bbetween\s+" + YEAR + r"\s+and\s+" + YEAR + r",?\s+our\s+(?:\w+\s+)?sources\s+report\s+\*{0,2}"
               + NO_CHANGE, re.I),
]
MEMBERSHIP_CHANGES = ("joined", "withdrew", "did_not_renew", "membership_suspended", "suspended_participation")


@dataclass(frozen=True)
class Place:
    """One stale statement: where it is, what it says, and what the data give now."""

    notebook: str
    cell: int          # 1-based, as a reader counts the cells
    cell_id: str
    words: str
    now: str

    def __str__(self) -> str:
        return f"{self.notebook}, cell {self.cell} (id {self.cell_id}): '{self.words}': {self.now}"


@dataclass(frozen=True)
class Record:
    """What the statements are checked against, read from the data package."""

    sources: int
    years: tuple[int, ...]                      # the publication years of the sources (earliest possible day's year)
    membership: tuple[tuple[str, str, int, int], ...]   # (change_id, source_id, first year, last year) of seed changes
    stated: int = 0                             # sources whose date the text prints (date_basis stated)
    words: int = 0                              # words in all the texts together


def _rows(root: Path, table: str) -> list[dict[str, str]]:
    meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    path = next(r["path"] for r in meta["resources"] if r["name"] == table)
    with (root / path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def record(root: Path | None = None) -> Record:
    """The facts the prose states, recomputed from the package at ``root``."""
    root = Path(root or repo_root())
    sources = _rows(root, "sources")
    years = tuple(sorted({int(s["published_earliest"][:4]) for s in sources}))
    changes = tuple((r["change_id"], r["source_id"], int(r["earliest"][:4]), int(r["latest"][:4]))
                    for r in _rows(root, "membership")
                    if r.get("origin") == "seed" and r.get("change") in MEMBERSHIP_CHANGES and r.get("earliest"))
    words = sum(len((root / "seeds" / s["seed_file"]).read_text(encoding="utf-8").split()) for s in sources)
    stated = sum(1 for s in sources if s.get("date_basis") == "stated")
    return Record(len(sources), years, changes, stated, words)


def _number(value: str) -> int:
    return int(value) if value.isdigit() else NUMBERS[value.lower()]


def _count(value: str) -> int:
    return _number(value) if value.isdigit() or value.lower() in NUMBERS else -1


def _words(number: int) -> str:
    inverse = {n: w for w, n in NUMBERS.items()}
    return inverse.get(number, str(number))


BASELINE = Path(__file__).with_name("prose_facts.json")


def written_for(path: Path = BASELINE) -> int | None:
    """The number of sources the prose was last written for, or None when no baseline is recorded."""
    try:
        return int(json.loads(path.read_text(encoding="utf-8"))["sources"])
    except (OSError, ValueError, KeyError):
        return None


def update_baseline(facts: Record, path: Path = BASELINE) -> None:
    """Record the data's count as the one the prose is now written for (after the prose was revised)."""
    meta = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    meta["sources"] = facts.sources
    path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def problems_in(text: str, facts: Record, baseline: int | None = None) -> list[tuple[str, str]]:
    """(the words, what the data give now) for each statement in ``text`` that the data no longer give.

    ``baseline``: the count of sources the prose was written for; without one, every count is taken as a count of all.
    """
    found: list[tuple[str, str]] = []
    seen: list[tuple[int, int]] = []
    for pattern in SOURCE_COUNT:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in seen):
                continue  # the same words, matched by an earlier pattern
            seen.append(match.span())
            stated = _number(match.group("n"))
            about_all = baseline is None or stated == baseline or stated > facts.sources
            if about_all and stated != facts.sources:
                found.append((match.group(0).strip(), f"the package has {_words(facts.sources)} sources "
                              "(compute the number, e.g. len(sources), or change the words)"))
    first, last = facts.years[0], facts.years[-1]
    for match in WRITTEN_BETWEEN.finditer(text):
        if (int(match.group(1)), int(match.group(2))) != (first, last):
            found.append((match.group(0), f"the sources were written between {first} and {last}"))
    for match in WRITTEN_IN.finditer(text):
        stated = {int(y) for y in re.findall(YEAR, match.group(0))}
        if stated != set(facts.years):
            found.append((match.group(0), "the sources were written in " + ", ".join(map(str, facts.years))))
    for match in MOMENTS.finditer(text):
        if _number(match.group("n")) != len(facts.years):
            found.append((match.group(0), f"the sources were written in {_words(len(facts.years))} different years "
                                          f"({', '.join(map(str, facts.years))})"))
    for pattern in (STATED, STATED_TEXTS):
        for match in pattern.finditer(text):
            stated = (_number(match.group("n")), _count(match.group("m")))
            if facts.words and stated != (facts.stated, facts.sources - facts.stated):
                found.append((match.group(0), f"{_words(facts.stated)} sources print their date and "
                                              f"{_words(facts.sources - facts.stated)} are worked out"))
    for match in WORDS.finditer(text):
        if facts.words and int(match.group("w").replace(",", "")) != round(facts.words, -2):
            found.append((match.group(0), f"the texts are about {round(facts.words, -2):,} words together"))
    for match in (m for pattern in SILENT for m in pattern.finditer(text)):
        start, end = int(match.group(1)), int(match.group(2))
        inside = [f"{c} ({s}, {a}{'' if a == b else f'-{b}'})"
                  for c, s, a, b in facts.membership if start < a and b < end]
        if inside:
            found.append((match.group(0).replace("**", ""),
                          f"the sources report membership changes in those years: {', '.join(inside)}"))
    return found


def stale_places(notebooks: Path | None = None, root: Path | None = None) -> list[Place]:
    """Every cell of the notebooks in ``notebooks`` whose statements the data at ``root`` no longer give."""
    root = Path(root or repo_root())
    notebooks = Path(notebooks or root / "notebooks")
    facts = record(root)
    baseline = written_for()
    places = []
    for path in sorted(notebooks.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        for number, cell in enumerate(cells, start=1):
            if cell.get("cell_type") not in ("markdown", "code"):
                continue  # code too: a chart's title is read as prose
            text = "".join(cell.get("source", ""))
            for words, now in problems_in(text, facts, baseline):
                places.append(Place(path.name, number, str(cell.get("id", "")), words, now))
    return places


def main(argv: list[str] | None = None) -> int:
    """``python -m csto.stale [NOTEBOOKS]``: 0 when the prose agrees with the data, 1 with every stale place listed."""
    argv = sys.argv[1:] if argv is None else argv
    if "--update" in argv:
        places = stale_places()
        if places:
            print("not updated: revise these statements first:\n" + "\n".join(f"  - {p}" for p in places))
            return 1
        update_baseline(record())
        print(f"{BASELINE.name}: the prose is written for {record().sources} sources")
        return 0
    places = stale_places(Path(argv[0]) if argv else None)
    if not places:
        print("prose: every count of sources, span of years and silence the notebooks state agrees with the data")
        return 0
    print(f"{len(places)} statement(s) in the notebooks that the data no longer give; change each one (or compute it):")
    for place in places:
        print(f"  - {place}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
