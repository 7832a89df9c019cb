"""Rows and passages: every distinct passage some row quotes, located in its seed text, with the rows citing it;
anchors and links; the passages each lesson uses."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import labels
from ..data import lookups
from ..data import package
from ..data.frames import load, source_text
from ..data.verbatim import normalise
from ..paths import descriptor_path

from .cards import check_source, text_of


ASSETS = Path(__file__).resolve().parent.parent / "site" / "assets"
CSS_FILE = ASSETS / "reader.css"
WRAPPER = "csto-reader"  # every rule in reader.css is scoped to this class, so the notebook view can inline it
TRANSLATION_PAGE = "translation.html"

# ---- which columns quote which source (one place) ----------------------------------------------------------------

DEFAULT_QUOTE = ("quote", "source_id")
# Besides (quote, source_id), a table may quote a second source in another column: the Indonesian side of a pair.
EXTRA_QUOTES = {"translation_pairs": [("translation", "translation_source_id")]}

# What one row records, in words, per table: the label a reader sees on a passage's note (the classroom's words,
# not the tables' names) and how its row reads.
TABLE_LABELS = {
    "sources": "about the source", "membership": "who was a member", "crises": "a crisis",
    "crisis_responses": "what the bloc did", "events": "what happened", "event_countries": "who took part",
    "people": "who is who", "name_variants": "a name as written", "quotes": "who said it", "figures": "a number",
    "claims": "a judgement", "forecast_checks": "a forecast checked", "translation_pairs": "the translation",
    "corrections": "a correction", "glossary": "a word explained",
}
MAX_WORDS_CHARS = 240


def _countries() -> dict[str, str]:
    return lookups.country_names.shared()


@lookups.keyed("events")
def _event_titles() -> dict[str, str]:
    frame = load("events")
    return dict(zip(frame["event_id"], frame["title"]))


def _events() -> dict[str, str]:
    return _event_titles.shared()


@lookups.keyed("crises")
def _crisis_names() -> dict[str, str]:
    frame = load("crises")
    return dict(zip(frame["crisis_id"], frame["name"]))


def _crises() -> dict[str, str]:
    return _crisis_names.shared()


def _when(row: dict) -> str:
    return labels.date_label(row.get("date"), row.get("date_end"), row.get("date_precision"))


def _describe_membership(row: dict) -> str:
    country = _countries().get(text_of(row["iso3"]), text_of(row["iso3"]))
    return f"{country}: {lookups.value_label('membership', 'change', row['change'])} ({_when(row)})"


def _describe_event_country(row: dict) -> str:
    country = _countries().get(text_of(row["iso3"]), text_of(row["iso3"]))
    act = text_of(row.get("act"))
    what = lookups.value_label("event_countries", "role", row["role"]) + (
        "" if act in ("", "none") else f", {lookups.value_label('event_countries', 'act', act)}"
    )
    return f"{country}, as {what.lower()}, in “{_events().get(text_of(row['event_id']), text_of(row['event_id']))}”"


def _describe_quote(row: dict) -> str:
    voice = (f"{lookups.source_name(row.get('source_id'))}'s account, not the speaker's words"
             if text_of(row.get("voice")) == "source_words" else "the speaker's own words")
    return f"{text_of(row['speaker'])}: “{text_of(row['words'])}” ({voice})"


def _describe_figure(row: dict) -> str:
    unit = text_of(row.get("unit"))
    return f"{text_of(row['subject'])}: {text_of(row['value_text'])}{(' ' + unit) if unit else ''} ({_when(row)})"


def _describe_pair(row: dict) -> str:
    shift = lookups.value_label("translation_pairs", "shift", row["shift"])
    return f"pair {text_of(row['seq'])} of the translation ({shift})"


def _describe_correction(row: dict) -> str:
    return f"the text writes “{text_of(row['as_written'])}”; {text_of(row['correction'])}"


DESCRIBE = {
    "sources": lambda r: f"{text_of(r['short_name'])}: {text_of(r['title'])}",
    "membership": _describe_membership,
    "crises": lambda r: text_of(r["name"]),
    "crisis_responses": lambda r: (
        f"{_crises().get(text_of(r['crisis_id']), text_of(r['crisis_id']))}: "
        f"{lookups.value_label('crisis_responses', 'response', r['response'])}"
    ),
    "events": lambda r: f"{text_of(r['title'])} ({_when(r)})",
    "event_countries": _describe_event_country,
    "people": lambda r: f"{text_of(r['name_standard'])}, {text_of(r['role'])}",
    "name_variants": lambda r: (
        f"“{text_of(r['name_as_written'])}”" + (" (a misspelling)" if r.get("is_error") is True else "")
    ),
    "quotes": _describe_quote,
    "figures": _describe_figure,
    "claims": lambda r: text_of(r["claim"]),
    "forecast_checks": lambda r: (
        f"{lookups.value_label('forecast_checks', 'verdict', r['verdict'])}: {text_of(r['verdict_note'])}"
    ),
    "translation_pairs": _describe_pair,
    "corrections": _describe_correction,
    "glossary": lambda r: text_of(r.get("expansion")) or text_of(r.get("definition")),
}


def describe(table: str, row: dict) -> str:
    """What one row records, in words: 'Armenia refuses to host the 2022 exercise (Oct 2022)'.

    A table not listed in ``DESCRIBE`` reads as its first text column other than the key.
    """
    if table in DESCRIBE:
        text = DESCRIBE[table](row)
    else:
        keys = set(key_columns(table))
        text = next((text_of(v) for k, v in row.items() if k not in keys and isinstance(v, str) and v), "")
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= MAX_WORDS_CHARS else text[:MAX_WORDS_CHARS - 1].rstrip() + "…"


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table.replace("_", " "))


def key_columns(table: str) -> list[str]:
    key = package.schema(table).get("primaryKey")
    if key is None:
        return [package.schema(table)["fields"][0]["name"]]
    return [key] if isinstance(key, str) else list(key)


def _quote_columns(table: str) -> list[tuple[str, str]]:
    names = {f["name"] for f in package.schema(table)["fields"]}
    pairs = [DEFAULT_QUOTE] if set(DEFAULT_QUOTE) <= names else []
    return pairs + [p for p in EXTRA_QUOTES.get(table, []) if set(p) <= names]


# ---- the rows that quote a source -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One data row citing a passage: its table, its key (the table's primary key) and what it records."""

    table: str
    row_id: str
    what: str

    @property
    def label(self) -> str:
        return table_label(self.table)


@dataclass
class Passage:
    """One distinct quoted passage of a source: where it stands (original offsets) and the rows that cite it."""

    anchor: str
    normalised: str
    spans: list[tuple[int, int]]
    rows: list[Row] = field(default_factory=list)
    number: int = 0  # its note number, in reading order

    def text(self, source: str) -> str:
        start, end = self.spans[0]
        return source[start:end]


def quoting_rows() -> pd.DataFrame:
    """Every row of every table that quotes a source: columns table, row_id, source_id, quote, what.

    Cached under the tables' one cache rule (``lookups.stamp`` of every table): the reader asks for it once per
    source, and describing some 4,000 rows each time was the slowest step of a lesson's Run All."""
    return _quoting_rows(lookups.stamp(*package.table_names())).copy()


@lru_cache(maxsize=4)
def _quoting_rows(stamp: tuple) -> pd.DataFrame:
    records = []
    for table in package.table_names():
        columns = _quote_columns(table)
        if not columns:
            continue
        keys = key_columns(table)
        for row in load(table).to_dict("records"):
            row_id = "/".join(text_of(row[k]) for k in keys)
            for quote_column, source_column in columns:
                quote, source = text_of(row.get(quote_column)), text_of(row.get(source_column))
                if quote.strip() and source:
                    records.append({"table": table, "row_id": row_id, "source_id": source, "quote": quote,
                                    "what": describe(table, row)})
    return pd.DataFrame(records, columns=["table", "row_id", "source_id", "quote", "what"])


def anchor(source_id: str, quote_text: str) -> str:
    """The stable id of a passage on its source's page: 'p-' + the first 10 hex of sha1 of the normalised quote.

    ``source_id`` names the page (``sources/<source_id>.html#<anchor>``); a quote that is not in that source's text
    raises ValueError, since a link to it would lead nowhere.
    """
    normalised = normalise(quote_text)
    if not normalised or normalised not in _normalised_text(source_id):
        raise ValueError(f"{quote_text[:60]!r} is not in the text of {source_id!r}, so it has no anchor there")
    return "p-" + hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:10]


def href(source_id: str, quote_text: str) -> str:
    """The link to a passage from the site's root: 'sources/afp2022.html#p-0123456789'."""
    return f"sources/{source_id}.html#{anchor(source_id, quote_text)}"


# ---- locating quotes: normalised offsets back to the original text ------------------------------------------------

def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the offset of the original character it came from."""
    folded = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for index, char in enumerate(folded):
        if char.isspace():
            if not in_space and out:
                out.append(" ")
                where.append(index)
            in_space = True
            continue
        in_space = False
        for piece in char.lower():
            out.append(piece)
            where.append(index)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    result = "".join(out)
    if result != normalise(text):  # the map must follow csto.data.verbatim exactly, or offsets would drift
        raise AssertionError("csto.reader's offset map no longer matches csto.data.verbatim.normalise")
    return result, where


def _normalised_text(source_id: str) -> str:
    return _located(source_id, *_cache_key())[0]


@lru_cache(maxsize=16)
def _located(source_id: str, descriptor: str, mtime_ns: int) -> tuple[str, list[int]]:
    return _normalised_with_map(source_text(source_id))


def _cache_key() -> tuple[str, int]:
    path = descriptor_path()
    return str(path), path.stat().st_mtime_ns


def _occurrences(normalised_text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` (non-overlapping); when some fall on word boundaries, only those."""
    found, start = [], normalised_text.find(needle)
    while start >= 0:
        found.append(start)
        start = normalised_text.find(needle, start + len(needle))

    def bounded(i: int) -> bool:
        before = normalised_text[i - 1] if i > 0 else " "
        after = normalised_text[i + len(needle)] if i + len(needle) < len(normalised_text) else " "
        return not (before.isalnum() and needle[0].isalnum()) and not (after.isalnum() and needle[-1].isalnum())

    whole_words = [i for i in found if bounded(i)]
    return whole_words or found


def passages(source_id: str) -> list[Passage]:
    """Every distinct passage of a source some row quotes, in reading order, with the rows citing each.

    Example: ``passages("afp2022")[0].rows``. Order: by where the passage first starts; a longer passage before a
    shorter one starting at the same place (the outer before the inner).
    """
    check_source(source_id)
    return [
        Passage(p.anchor, p.normalised, list(p.spans), list(p.rows), p.number)
        for p in _passages(source_id, *_cache_key())
    ]


@lru_cache(maxsize=16)
def _passages(source_id: str, descriptor: str, mtime_ns: int) -> tuple[Passage, ...]:
    normalised_text, where = _located(source_id, descriptor, mtime_ns)
    rows = quoting_rows()
    rows = rows[rows["source_id"] == source_id]
    found: dict[str, Passage] = {}
    for record in rows.to_dict("records"):
        key = normalise(record["quote"])
        if key not in found:
            starts = _occurrences(normalised_text, key)
            if not starts:
                continue  # not verbatim: `python -m csto.data check` reports it; the reader cannot place it
            spans = [(where[s], where[s + len(key) - 1] + 1) for s in starts]
            found[key] = Passage("p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10], key, spans)
        row = Row(record["table"], record["row_id"], record["what"])
        if row not in found[key].rows:
            found[key].rows.append(row)
    ordered = sorted(found.values(), key=lambda p: (p.spans[0][0], -p.spans[0][1], p.anchor))
    for number, passage in enumerate(ordered, start=1):
        passage.number = number
    return tuple(ordered)


# ---- the passages each lesson uses --------------------------------------------------------------------------------

READ_HEIGHT_PX = 480  # the height of read()'s box in a notebook: about a screen's half at 1366×768
_LITERAL = re.compile(r"""(?<![A-Za-z0-9_])["']([^"'\n]{1,80})["']""")


def _lesson_literals(path: Path) -> frozenset[str]:
    """Every string literal in a notebook's code cells: the row ids it shows (show.passage, show.quote, around=)."""
    return _literals_cached(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _literals_cached(path: str, mtime_ns: int) -> frozenset[str]:
    import json

    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return frozenset(_LITERAL.findall(code))


def _worksheet_rows(number: str) -> frozenset[str]:
    """The row keys a lesson's worksheet quotes (``csto/site/worksheets/NN.toml``, ``[[quotes]] id``): passages the
    lesson shows on paper and, through tables built in code (``show.quotes_table``, ``evidence.cards``), on its slides,
    which its code does not name literally."""
    import tomllib

    path = Path(__file__).resolve().parent.parent / "site" / "worksheets" / f"{number}.toml"
    if not path.exists():
        return frozenset()
    with path.open("rb") as handle:
        return frozenset(str(q.get("id", "")) for q in tomllib.load(handle).get("quotes", []))


def lesson_anchors(source_id: str) -> dict[str, list[str]]:
    """{lesson number: anchors of this source's passages the lesson shows}, in reading order.

    A lesson uses a passage when its notebook names, in code, a row that quotes it (``show.passage("claims", key)``,
    ``show.quote(quote_id)``, ``read(..., around=row_id)``) or its worksheet quotes that row.
    """
    from ..course import entries
    from ..paths import notebooks_dir

    found = passages(source_id)
    result = {}
    for entry in entries():
        path = notebooks_dir() / entry["file"]
        if not path.exists():
            continue
        named = _lesson_literals(path) | _worksheet_rows(entry["notebook"])
        result[entry["notebook"]] = [
            p.anchor for p in found if any(r.row_id in named and r.table != "sources" for r in p.rows)
        ]
    return result
